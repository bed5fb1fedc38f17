import type { CatalogRow } from './catalog.js';
import type { Candidate } from './detect/candidate.js';
import { GENERIC_MEANING_WORDS, STOP_WORDS, TABLE_HINTS } from './detect/lexicon.js';
import { SHARE_HINTS } from './detect/share-words.js';
import type { TableId } from './types.js';

/**
 * Decides which table a code belongs to when several list it, from the evidence around it:
 * the field name, URL paths, platform words, and the response's own msg compared with each meaning.
 */

/** Which platform a table belongs to: WeChat, the QQ family, or MSDK's own layers (undefined). */
export function platformOf(table: TableId): 'wechat' | 'qq' | undefined {
  if (table === 'wechat') return 'wechat';
  return table === 'access' || table === 'logic' ? undefined : 'qq';
}

/** Platform errors MSDK wraps: `ret:-10000` carries a QQ error in msg, `ret:-20000` a WeChat one. */
export const WRAPPERS: ReadonlyMap<number, TableId> = new Map([
  [-10000, 'qq'],
  [-20000, 'wechat'],
]);

/** The lexicon's table hints and the share words (`QQ share failed: ret=100021` is /share/qq's). */
const HINTS = [...TABLE_HINTS, ...SHARE_HINTS];

/** Codes of one table around an ambiguous one: more than platform words, less than a field or a path. */
const NEIGHBOUR_WEIGHT = 4;

const FIELD_HINT: Partial<Record<Candidate['field'], TableId>> = { errcode: 'wechat' };

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

export interface Ranked {
  row: CatalogRow;
  score: number;
  /** Ids of the evidence that spoke for this row's table (`api-path`, `platform-words`, `meaning-words`, …). */
  evidence: string[];
}

/** All rows listing the code, best first. Ties keep document order. */
export function rankRows(
  rows: readonly CatalogRow[],
  c: Pick<Candidate, 'field' | 'context' | 'message' | 'named' | 'neighbour'>,
  preferred?: TableId,
): Ranked[] {
  if (rows.length <= 1) return rows.map((row) => ({ row, score: 0, evidence: [] }));
  const hinted = new Map<TableId, number>();
  const why = new Map<TableId, string[]>();
  const add = (t: TableId, w: number, id: string) => {
    hinted.set(t, (hinted.get(t) ?? 0) + w);
    const ids = why.get(t) ?? [];
    if (!ids.includes(id)) ids.push(id);
    why.set(t, ids);
  };
  if (preferred) add(preferred, 10, 'wrapper');
  const fieldHint = FIELD_HINT[c.field];
  if (fieldHint) add(fieldHint, 6, 'field-platform');
  for (const h of HINTS) if (h.re.test(c.context)) add(h.table, h.weight, h.id);
  if (c.named) add(c.named, 2, 'platform-named');
  if (c.neighbour) add(c.neighbour, NEIGHBOUR_WEIGHT, 'neighbours');
  const msgTerms = c.message ? words(c.message) : undefined;
  const ranked = rows.map((row, order) => {
    let score = hinted.get(row.table) ?? 0;
    const evidence = [...(why.get(row.table) ?? [])];
    if (msgTerms) {
      const meaning = 4 * similarity(msgTerms, wordsOf(row));
      if (meaning > 0) evidence.push('meaning-words');
      score += meaning;
    }
    return { row, score, order, evidence };
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.map(({ row, score, evidence }) => ({ row, score, evidence }));
}

/**
 * The platform error inside a wrapper's msg (`"-73,the user modify password wrong"`), if any; the
 * document says such a msg is always the platform's code and message, listed or not.
 */
export function unwrap(c: Candidate): { code: number; table: TableId; message: string } | undefined {
  const table = WRAPPERS.get(c.code);
  if (!table || !c.message) return undefined;
  const m = /^\s*(-?\d{1,9})\s*[,:;|]\s*([\s\S]*)$/.exec(c.message);
  if (!m) return undefined;
  return { code: Number(m[1]), table, message: m[2]!.trim() };
}

/**
 * Words of a message as compared with a meaning: Latin words (`access_token` is two), CJK / Hangul
 * character pairs.
 */
function words(text: string): Set<string> {
  const out = new Set<string>();
  // Chinese says "invalid" three ways (`凭证无效`, `不合法的调用凭证`, `非法 access token`): one word when compared.
  const lower = text.toLowerCase().replace(/不合法|非法|不正确|失效/g, '无效');
  for (const w of lower.match(/[a-z]{3,}/g) ?? []) if (!STOP_WORDS.has(w)) out.add(stem(w));
  for (const w of lower.match(/\b(?:qq|id)\b/g) ?? []) out.add(w);
  // Pairs of characters, never across a particle (`无效的` gives `无效`, not also `效的`).
  const cjk = lower.match(/[\u3131-\uD7A3\u4E00-\u9FFF]+/g) ?? [];
  for (const run of cjk)
    for (const part of run.split(/[的了]/)) for (let i = 0; i + 1 < part.length; i++) out.add(part.slice(i, i + 2));
  return out;
}
/**
 * Platform messages and the document say the same thing in other words (`redirect uri is illegal`,
 * "Invalid callback (redirect) address"; `Access Token Expire`, "access_token expired"): the
 * synonyms and word endings are folded before words are compared.
 */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['illegal', 'invalid'],
  ['param', 'parameter'],
  ['params', 'parameter'],
  ['uri', 'address'],
  ['url', 'address'],
  ['addr', 'address'],
  ['frequency', 'freq'],
  ['verification', 'check'],
  ['verify', 'check'],
]);
function stem(word: string): string {
  const w = SYNONYMS.get(word) ?? word;
  return w.length > 4 ? w.replace(/(?:ed|es|e|s|d)$/, '') : w;
}

/** A row's meaning words never change: computed once per row, not once per candidate. */
const rowWords = new WeakMap<CatalogRow, Set<string>>();
function wordsOf(row: CatalogRow): Set<string> {
  let w = rowWords.get(row);
  if (!w) rowWords.set(row, (w = words(`${row.ko.meaning} ${row.en.meaning} ${row.zh.meaning} ${row.errmsg ?? ''}`)));
  return w;
}

/**
 * Whether the words beside a number say what one of its rows means (`invalid appid` beside 40013):
 * three shared words, or two of at most four.
 */
export function describes(rows: readonly CatalogRow[], text: string): boolean {
  if (rows.length === 0) return false;
  const w = words(text);
  if (w.size < 2) return false;
  return rows.some((row) => {
    const meaning = wordsOf(row);
    let shared = 0;
    let specific = 0;
    for (const t of w) {
      if (!meaning.has(t)) continue;
      shared++;
      if (!GENERIC.has(t)) specific++;
    }
    return specific > 0 && (shared >= 3 || (shared === 2 && w.size <= 4));
  });
}

/** Whether the text shares a word with one of the rows' meanings (or errmsg), beyond "an error". */
export function sharesWords(rows: readonly CatalogRow[], text: string): boolean {
  const w = words(text);
  for (const g of GENERIC) w.delete(g);
  return rows.some((row) => similarity(w, wordsOf(row)) > 0);
}

/** GENERIC_MEANING_WORDS as words() gives them (folded, stemmed, in pairs of characters). */
const GENERIC: ReadonlySet<string> = words(GENERIC_MEANING_WORDS.join(' '));
