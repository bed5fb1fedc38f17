import type { Rule } from '../rule.js';
import { MESSAGE_REACH } from '../prefilter.js';

/**
 * The words beside a number (`40013,invalid appid`, `access token is invalid(100013)`) when they say
 * what the code means: the platform's own message, evidence enough even without an error word.
 */
export function platformMessage(
  text: string,
  at: number,
  end: number,
  lineFrom: number,
  lineTo: number,
  describes: (words: string) => boolean,
): string | undefined {
  // The message is the words up to the next punctuation: `40029，invalid code的错误，是我配置错误` says `invalid code`.
  const after = text
    .slice(end, Math.min(lineTo, end + MESSAGE_REACH))
    .replace(/^[\s,.:;|)\]"'}-]+/, '')
    .replace(/[,.;!?()[\]{}"'|\t，。；！？（）【】「」][\s\S]*$/, '');
  if (after && describes(after)) return after.trim();
  const before = text
    .slice(Math.max(lineFrom, at - MESSAGE_REACH), at)
    .replace(/[\s,:;|(["'{]+$/, '')
    .replace(/^[\s\S]*[,.;!?()[\]{}"'|\t，。；！？（）【】「」:：]/, '');
  if (before && describes(before)) return before.trim();
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'meaning-beside',
    kind: 'detect',
    description:
      "The words beside a number say what one of its rows means (`40013，invalid appid`, `access token is invalid(100013)`), compared with the catalog's meanings in every language and the platforms' errmsg strings: strong evidence without any error word.",
  },
  found: [
    { text: '40013，invalid appid', code: 40013, table: 'wechat' },
    { text: 'access token is invalid(100013)', code: 100013, table: 'qq' },
    { text: '40029-invalid code', code: 40029, table: 'wechat' },
  ],
  silent: [
    { text: '40013 people joined, invalid votes were 12', code: 40013, mode: 'scan' },
    { text: '100013 tokens minted today', code: 100013, mode: 'scan' },
  ],
};
