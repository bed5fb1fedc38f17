import type { Rule } from '../rule.js';

/** fields.ts: a key whose value opens a `{` is a label in front of a response. */
export const rule: Rule = {
  meta: {
    id: 'labelled-response',
    kind: 'detect',
    description:
      'A label in front of a response (`Error: {"ret":-502,"msg":"sig error"}`, `ERROR: {…}`) is no field of its own: the response behind it is read, not skipped as QQ connect\'s `error` value.',
  },
  found: [
    { text: 'Error: {"ret":-502,"msg":"sig error"}', code: -502, table: 'access' },
    { text: 'ERROR: {"errcode":40029,"errmsg":"invalid code"}', code: 40029, table: 'wechat' },
  ],
  silent: [{ text: 'Error: {"ret":0,"msg":"ok"}', code: 0, mode: 'scan' }],
};
