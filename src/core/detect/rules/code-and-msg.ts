import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'code-and-msg',
    kind: 'detect',
    description:
      "An unquoted `Code:` label and a message key after the number (WeCom's `Code: 95018, Msg: \"…\"`): the platform's code and message pair, even though `code` alone is any vendor's key.",
  },
  found: [{ text: 'WeCom callback Code: 95018, Msg: "send msg fail"', code: 95018, table: 'wechat' }],
  silent: [{ text: '{"code": 20000, "message": "ok"}', code: 20000 }],
};
