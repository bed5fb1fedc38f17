import type { Rule } from '../rule.js';

/**
 * `"-73，internal error"`, `'100015: access token is revoked'`: a quoted code, a comma or colon and
 * the platform's message, the shape of MSDK's own msg. The message, when the number stands so.
 */
export function quotedMessage(text: string, at: number, end: number, lineTo: number): string | undefined {
  const quote = text.charCodeAt(at - 1);
  if (
    (quote !== 34 && quote !== 39 && quote !== 0x300c) ||
    (text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 58)
  )
    return undefined;
  // Japanese quotes its messages in 「」.
  const closing = quote === 0x300c ? '」' : text[at - 1]!;
  const close = text.slice(end, Math.min(lineTo, end + 300)).indexOf(closing) + end;
  if (close < end) return undefined;
  const message = text.slice(end + 1, close).trim();
  return /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/.test(message) ? message : undefined;
}

export const rule: Rule = {
  meta: {
    id: 'quoted-message',
    kind: 'detect',
    description:
      "A quoted code, a comma or colon and the platform's message (`\"-73，internal error\"`): the shape of MSDK's own msg. Strong evidence; with a five-digit code nobody lists, the code is reported as the platform's.",
  },
  found: [
    { text: '"100016，access token check failed"', code: 100016, table: 'qq' },
    { text: '“-303，appid no permission”', code: -303, table: 'access' },
    { text: '「100030,this api without user authorization」が表示された場合', code: 100030, table: 'qq' },
  ],
  silent: [{ text: 'the value "-303" is a negative number', code: -303, mode: 'scan' }],
};
