import type { Rule } from '../rule.js';

/** classify.ts's unwrap(): MSDK's -10000 / -20000 carry the platform's code in msg. */
export const rule: Rule = {
  meta: {
    id: 'wrapper',
    kind: 'table',
    description:
      "MSDK's `ret:-10000` (QQ) and `ret:-20000` (WeChat) carry the platform's code and message in msg (`\"-73,the user modify password wrong\"`): the platform's code is the finding, via the wrapper.",
  },
  found: [
    { text: '{"ret":-10000,"msg":"-73,the user modify password wrong"}', code: -73, table: 'qq' },
    { text: 'ret: -20000, msg: 40001,invalid credential', code: 40001, table: 'wechat' },
  ],
  silent: [{ text: '{"ret":-10000,"msg":"qq platform error"}', code: -73 }],
};
