import type { Rule } from '../rule.js';

/** reader.ts: `\"key\"` closes with the same escape, `\"value\"` reads up to it. */
export const rule: Rule = {
  meta: {
    id: 'escaped-json',
    kind: 'detect',
    description:
      'JSON inside a logged string (`{\\"errcode\\":40013,\\"errmsg\\":\\"invalid appid\\"}`, as loggers and JSON-in-JSON write it): the escaped keys and values are read as the JSON they are.',
  },
  found: [
    { text: '{\\"errcode\\":40013,\\"errmsg\\":\\"invalid appid\\"}', code: 40013, table: 'wechat' },
    { text: '"body": "{\\"ret\\":-502,\\"msg\\":\\"sig error\\"}"', code: -502, table: 'access' },
  ],
  silent: [{ text: '{\\"errcode\\":0,\\"errmsg\\":\\"ok\\"}', code: 0, mode: 'scan' }],
};
