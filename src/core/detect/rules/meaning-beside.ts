import { MESSAGE_REACH } from '../prefilter.js';
import type { Rule } from '../rule.js';

/** A code's label at the end of the words before it (`错误码`, `error code`, `エラーコード`). */
const LABEL_RE = /(?:错误码|错误代码|返回码|error[ _]?code|err[ _]?code|code|오류\s?코드|에러\s?코드|エラーコード)$/i;

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
    .replace(/^[\s,.:;|)\]"'`}>-]+/, '')
    // `` `40001`（凭证无效）``: the meaning in brackets right after the code.
    .replace(/^[(（[【「]/, '')
    .replace(/[,.;!?()[\]{}"'|\t，。；！？（）【】「」][\s\S]*$/, '');
  if (after && describes(after)) return after.trim();
  const before = text
    .slice(Math.max(lineFrom, at - MESSAGE_REACH), at)
    .replace(/[\s,:;|(["'{]+$/, '')
    // `系统错误，错误码：-1`: past the label, the meaning before it.
    .replace(LABEL_RE, '')
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
    { text: '只有 `40001`（凭证无效）/ `40014`（token 非法）才重试', code: 40001, table: 'wechat' },
    { text: '系统错误，错误码：-1', code: -1, table: 'wechat' },
    { text: 'access token is invalid(100013)', code: 100013, table: 'qq' },
    { text: '40029-invalid code', code: 40029, table: 'wechat' },
  ],
  silent: [
    { text: '40013 people joined, invalid votes were 12', code: 40013, mode: 'scan' },
    { text: '100013 tokens minted today', code: 100013, mode: 'scan' },
  ],
};
