import type { Rule } from '../rule.js';

/**
 * Whether the number opens a list item: first on its line (after blanks and markdown `*`, `#`,
 * `>`, `-`) and followed by `.`, `、` or `)` and a blank or a word (`**2. 调用后一直报错**`, `3) retry`).
 */
export function isListNumber(text: string, at: number, end: number, lineFrom: number): boolean {
  const next = text.charCodeAt(end);
  if (next !== 46 && next !== 0x3001 && next !== 41 && next !== 0xff0e) return false; // . 、 ) ．
  const after = text.charCodeAt(end + 1);
  if (next === 46 && after >= 48 && after <= 57) return false; // a decimal
  for (let i = lineFrom; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 42 && c !== 35 && c !== 62 && c !== 45 && c !== 95) return false; // blank * # > - _
  }
  return true;
}

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
