import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'meaning-words',
    kind: 'table',
    description:
      "The response's own message compared with each row's meaning (all three languages, and the platform's errmsg): the row it describes wins among the tables that list the code.",
  },
  found: [
    { text: '{"ret":-1,"msg":"system error"}', code: -1, table: 'wechat' },
    { text: '{"ret":-4,"msg":"timestamp invalid"}', code: -4, table: 'bluediamond' },
  ],
  silent: [],
};
