import type { CatalogRow } from '../catalog.js';

/**
 * Whether a wrapped platform message says something else than the row its code names
 * (`{"ret":-10000,"msg":"100030,is_friend is 0"}`: QQ connect's 100030 is "not authorised", the
 * message is about a friendship). Then the row may not fit: the platform's own words lead, and no
 * action is given with confidence. A message of only generic words ("error", "failed") says nothing
 * against the row; one content word the row's meanings share (in any language) is agreement enough.
 */
export function doubtsRow(message: string, row: Pick<CatalogRow, 'ko' | 'en' | 'zh'>): boolean {
  // Only a short statement can contradict a row; a server's dump (`null ServiceError: :workid=…
  // APIException: 30,response errorCode error 30`) is made of identifiers, not of what went wrong.
  if (message.length > 120 || DUMP_RE.test(message)) return false;
  const said = contentWords(message);
  if (said.size === 0) return false;
  const meant = contentWords(`${row.en.meaning} ${row.zh.meaning} ${row.ko.meaning}`);
  for (const w of said) if (meant.has(w)) return false;
  return true;
}

const DUMP_RE = /=|exception|traceback|serviceerror|\bat\s+[\w.$]+\(/i;

/** Words that fit any error: they neither agree nor disagree with a row. */
const GENERIC: ReadonlySet<string> = new Set([
  'the',
  'and',
  'for',
  'not',
  'has',
  'are',
  'was',
  'with',
  'error',
  'err',
  'fail',
  'failed',
  'failure',
  'invalid',
  'illegal',
  'wrong',
  'code',
  'ret',
  'msg',
  'system',
  'unknown',
  'please',
  'retry',
  'again',
  'request',
  '失败',
  '错误',
  '异常',
  '请求',
  '系统',
  '실패',
  '오류',
]);

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Latin words of three letters or more (`is_friend` gives `friend`), CJK and Hangul character pairs. */
function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const w of lower.match(/[a-z]{3,}/g) ?? []) if (!GENERIC.has(w)) out.add(stem(w));
  for (const run of lower.match(/[\u3131-\uD7A3\u4E00-\u9FFF]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      if (!GENERIC.has(pair)) out.add(pair);
    }
  }
  return out;
}
