import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'not-a-list-number',
    kind: 'mark',
    description:
      'A number that opens a list item (`**2. 调用后一直报错**`, `3) 重试`, `1、配置`) numbers the list; it is no code.',
  },
  found: [
    { text: '**2. 调用后一直报错**', code: 2 },
    { text: '3) 登录失败后重试', code: 3 },
  ],
  silent: [{ text: '登录失败 错误码 -2. 请重试', code: -2 }],
};
