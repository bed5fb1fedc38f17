import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'table-row',
    kind: 'detect',
    description:
      'A code alone in the first cell of a table row (markdown `| 43002 | require POST method |`, tab- or space-separated doc tables) whose header names codes or meanings (`错误码`, `含义`, `description`, `설명`, `説明`) is a code; without such a header, the row counts as weak evidence the meaning beside it must confirm.',
  },
  found: [
    { text: '| 错误码 | 含义 |\n|---|---|\n| -1 | 系统繁忙 |\n| 40001 | 凭证无效 |', code: 40001, table: 'wechat' },
    {
      text: '返回码\t说明\n-1\t系统繁忙，此时请开发者稍候再试\n0\t请求成功',
      code: -1,
      table: 'wechat',
      mode: 'explain',
    },
  ],
  silent: [{ text: '| name | age |\n|---|---|\n| 1001 | 32 |', code: 1001, mode: 'scan' }],
};
