import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'list-block',
    kind: 'detect',
    description:
      'A run of codes of one table is that table\'s list: a table row (`|-304|リクエストパラメータ…|`, `43002 | require POST method |`) or an enum member (`APP_SECRET_INVALID: 40001,`, `touser不是正确的openid = 40003,`, `CODE_40029(40029, "code 无效")`) whose rows around it hold codes listed in the same table. Strong evidence for every row; the neighbours pick the table.',
  },
  found: [
    {
      text: '|-303|このappidはmsdkでは権限がありません|\n|-304|リクエストパラメータがjson形式ではありません|\n|-307|内部エラー|',
      code: -304,
      table: 'access',
    },
    {
      text: 'const CODE = {\n  SERVER_ERROR: -1,\n  APP_SECRET_INVALID: 40001,\n  ACCESS_TOKEN_EXPIRED: 42001,\n};',
      code: 40001,
      table: 'wechat',
    },
    {
      text: 'const CODE = {\n  SERVER_ERROR: -1,\n  APP_SECRET_INVALID: 40001,\n  ACCESS_TOKEN_EXPIRED: 42001,\n};',
      code: -1,
      table: 'wechat',
    },
  ],
  silent: [
    { text: 'const LIMITS = {\n  MAX_USERS: 1000,\n  TIMEOUT: 1001,\n};', code: 1000, mode: 'scan' },
    { text: '| name | age |\n|---|---|\n| 1001 | 32 |\n| 1002 | 41 |', code: 1001, mode: 'scan' },
  ],
};
