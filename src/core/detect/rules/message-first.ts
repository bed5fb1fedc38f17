import type { Rule } from '../rule.js';

/**
 * The message first and the code after it in brackets: `invalid code, hints: [ req_id: … ](40029)`,
 * `send failed[45015]: response out of time limit`. The message (before the bracket, or after it
 * behind a colon), when the number stands so.
 */
export function bracketedMessage(
  text: string,
  at: number,
  end: number,
  lineFrom: number,
  lineTo: number,
): string | undefined {
  const open = text.charCodeAt(at - 1);
  const close = text.charCodeAt(end);
  if (!((open === 40 && close === 41) || (open === 91 && close === 93) || (open === 0xff08 && close === 0xff09)))
    return undefined;
  // `[40164] invalid ip …`: a bracket opening the line needs no colon after it.
  const opensLine = /^[ \t]*$/.test(text.slice(lineFrom, at - 1));
  const after = (opensLine ? /^[ \t]*[:：,-]?[ \t]*([^\n]{2,200})/ : /^[ \t]*[:：,-][ \t]*([^\n]{2,200})/).exec(
    text.slice(end + 1, Math.min(lineTo, end + 240)),
  );
  if (after?.[1] && /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]{2}/.test(after[1])) return after[1].trim();
  // `message, hints: [ … ](40029)`: WeChat's own message with its hint, the code right after it.
  const before = text.slice(Math.max(lineFrom, at - 200), at - 1);
  const hint = /([A-Za-z][^\n]{2,120}?),?\s*hints?:\s*\[[^\]]*\]\s*$/.exec(before);
  return hint?.[1]?.trim();
}

export const rule: Rule = {
  meta: {
    id: 'message-first',
    kind: 'detect',
    description:
      "The message first and the code after it in brackets: WeChat's `invalid code, hints: [ req_id: … ](40029)`, `send failed[45015]: response out of time limit`. With an error word or the platform's hint, strong evidence; a code nobody lists in this shape is reported as the platform's.",
  },
  found: [
    { text: 'invalid code, hints: [ req_id: Gd4aKa0ce-3Bl7Oa ](40029)', code: 40029, table: 'wechat' },
    { text: 'send failed[45015]: response out of time limit', code: 45015, table: 'wechat' },
  ],
  silent: [{ text: 'see the picture[2] below', code: 2 }],
};
