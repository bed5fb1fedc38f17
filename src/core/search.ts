import { createRequire } from 'node:module';
import type { default as Fuse, FuseResult } from 'fuse.js';
import type { Catalog, CatalogRow } from './catalog.js';
import { STOP_WORDS } from './detect/lexicon.js';
import type { Lang, SearchMatch } from './types.js';

/** Fuzzy search over meanings (weighted up) and advice, in Korean, English and Chinese at once. */
const KEYS = [
  { name: 'ko.meaning', weight: 3 },
  { name: 'en.meaning', weight: 3 },
  { name: 'zh.meaning', weight: 3 },
  { name: 'ko.advice', weight: 1 },
  { name: 'en.advice', weight: 1 },
  { name: 'zh.advice', weight: 1 },
];

const indexes = new WeakMap<Catalog, Fuse<CatalogRow>>();
/**
 * fuse.js is loaded by the first search, not by every start (`msdk explain -303` never searches).
 * Synchronously, through its CommonJS build, so analyze() stays synchronous.
 */
let fuseClass: typeof Fuse | undefined;
const loadFuse = (): typeof Fuse => (fuseClass ??= createRequire(import.meta.url)('fuse.js') as typeof Fuse);

function indexFor(catalog: Catalog): Fuse<CatalogRow> {
  let fuse = indexes.get(catalog);
  if (!fuse) {
    const FuseIndex = loadFuse();
    fuse = new FuseIndex(catalog.rows as CatalogRow[], {
      keys: KEYS,
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
      minMatchCharLength: 2,
    });
    indexes.set(catalog, fuse);
  }
  return fuse;
}

/** Does the text read as words (something to search) rather than codes? */
export function isSearchable(text: string): boolean {
  const letters = text.match(/[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/g)?.length ?? 0;
  return letters >= 2;
}

/** People ask the same few questions: recent answers are kept (a fuzzy search costs milliseconds). */
const CACHE_SIZE = 256;
const cache = new WeakMap<Catalog, Map<string, FuseResult<CatalogRow>[]>>();

function cachedSearch(catalog: Catalog, q: string, limit: number): FuseResult<CatalogRow>[] {
  let byQuery = cache.get(catalog);
  if (!byQuery) cache.set(catalog, (byQuery = new Map()));
  const key = `${limit}:${q}`;
  let hits = byQuery.get(key);
  if (hits) {
    byQuery.delete(key); // re-inserted below: the Map's order is least recently used first
  } else {
    hits = indexFor(catalog).search(q, { limit });
    if (byQuery.size >= CACHE_SIZE) byQuery.delete(byQuery.keys().next().value!);
  }
  byQuery.set(key, hits);
  return hits;
}

export function search(
  catalog: Catalog,
  query: string,
  lang: Lang,
  limit = 5,
  options: { cache?: boolean } = {},
): SearchMatch[] {
  // fuse's bitap patterns are capped at 32 characters; longer questions are searched by their start.
  const q = query.trim().replace(/\s+/g, ' ').slice(0, 64);
  if (!q) return [];
  const hits = options.cache === false ? indexFor(catalog).search(q, { limit }) : cachedSearch(catalog, q, limit);
  // A fuzzy score alone answers chatter (`hello`, `ok`, `thanks`) with codes: a hit counts only when
  // one of the question's words is one of the row's.
  const asked = queryWords(q);
  return hits
    .filter((r) => rowWords(r.item).some((w) => asked.has(w)))
    .map((r) => ({
      code: r.item.code,
      table: r.item.table,
      meaning: r.item[lang].meaning,
      score: Math.round((r.score ?? 1) * 1000) / 1000,
    }));
}

/** Latin words of three letters or more (stop words aside), and pairs of CJK / Hangul characters. */
function queryWords(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const w of lower.match(/[a-z]{3,}/g) ?? []) if (!STOP_WORDS.has(w)) out.add(w);
  for (const run of lower.match(/[\u3131-\uD7A3\u3040-\u30FF\u4E00-\u9FFF]+/g) ?? [])
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

const rowWordCache = new WeakMap<CatalogRow, string[]>();
function rowWords(row: CatalogRow): string[] {
  let w = rowWordCache.get(row);
  if (!w) {
    const text = [row.ko, row.en, row.zh].map((t) => `${t.meaning} ${t.advice}`).join(' ');
    rowWordCache.set(row, (w = [...queryWords(`${text} ${row.errmsg ?? ''}`)]));
  }
  return w;
}
