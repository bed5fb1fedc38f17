import { defaultCatalog, type Catalog, type CatalogRow } from './catalog.js';
import { rankRows, unwrap } from './classify.js';
import { extractFields, extractProse, type Candidate } from './extract.js';
import { decodeEntities, normalizeText, shapeChanges, truncateUtf8 } from './normalize.js';
import { scanCandidates } from './scan.js';
import { isSearchable, search } from './search.js';
import type { Action, Analysis, Finding, Lang, Mode } from './types.js';

export interface AnalyzeOptions {
  mode: Mode;
  lang?: Lang;
  catalog?: Catalog;
  /** Inputs longer than this (UTF-8 bytes) are read up to the limit and flagged `truncated`. */
  maxBytes?: number;
  /**
   * Called for every occurrence counted into a finding, with the offset of its code in `text` as
   * analyze read it (normalised): a stream merges its windows and numbers lines with it.
   */
  onOccurrence?: (finding: Finding, index: number, text: string) => void;
}

export const DEFAULT_MAX_BYTES = 1_048_576;

/** The only entry point adapters need: text in, render-neutral findings (and search hits) out. */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const catalog = options.catalog ?? defaultCatalog();
  const lang = options.lang ?? 'ko';
  const prepared = truncateUtf8(typeof text === 'string' ? text : '', options.maxBytes ?? DEFAULT_MAX_BYTES);
  const isKnown = (code: number) =>
    catalog.lookup(code).length > 0 || (code <= -100 && catalog.rangeFor(code) !== undefined);
  let norm: string;
  let all: Candidate[];
  if (options.mode === 'scan') {
    // A whole log is read only where errors can be (see scan.ts). When normalising would not change
    // how the text parses, it is skipped, and the entities it would decode are decoded in messages.
    const reshape = shapeChanges(prepared.text);
    norm = reshape ? normalizeText(prepared.text) : prepared.text;
    // Success responses (`{"ret":0}`) are most of a healthy log and scan mode drops them: skip them early.
    all = scanCandidates(norm, (code) => isSuccess(catalog, code), isKnown);
    if (!reshape) for (const c of all) if (c.message !== undefined) c.message = decodeEntities(c.message);
  } else {
    norm = normalizeText(prepared.text);
    const { candidates, spans } = extractFields(norm);
    const prose = extractProse(norm, spans, { bare: true, isKnown });
    all = [...candidates, ...prose].sort((a, b) => a.index - b.index);
  }

  const byKey = new Map<string, Finding>();
  // A log repeats the same few errors: a candidate whose finding did not depend on its context
  // (one table lists the code) is classified once, and its repeats only counted.
  const known = new Map<string, string | null>();
  for (const c of all) {
    const same = `${c.field}|${c.code}|${c.errType ?? ''}|${c.message ?? ''}`;
    const before = known.get(same);
    if (before !== undefined) {
      if (before !== null) {
        const f = byKey.get(before)!;
        f.count++;
        options.onOccurrence?.(f, c.index, norm);
      }
      continue;
    }
    const f = toFinding(catalog, c, lang);
    // Passive listening stays quiet about success responses such as {"ret":0,"msg":"ok"}.
    const key =
      f && !(options.mode === 'scan' && f.action === 'none') ? `${f.table}:${f.code}:${f.via?.code ?? ''}` : null;
    if (!f || f.alternatives.length === 0) known.set(same, key);
    if (!f || key === null) continue;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, f);
    options.onOccurrence?.(seen ?? f, c.index, norm);
  }
  const findings = [...byKey.values()];
  const matches =
    findings.length === 0 && options.mode === 'explain' && isSearchable(norm) ? search(catalog, norm, lang) : [];
  const analysis: Analysis = { findings, matches };
  if (prepared.truncated) analysis.truncated = prepared.truncated;
  return analysis;
}

function isSuccess(catalog: Catalog, code: number): boolean {
  const rows = catalog.lookup(code);
  return rows.length > 0 && rows.every((r) => r.action === 'none');
}

function toFinding(catalog: Catalog, c: Candidate, lang: Lang): Finding | undefined {
  const inner = unwrap(catalog, c);
  const code = inner?.code ?? c.code;
  const message = inner ? inner.message || c.message : c.message;
  const rows = catalog.lookup(code);

  let f: Finding;
  if (rows.length > 0) {
    const [best, ...rest] = rankRows(rows, { field: c.field, context: c.context, message }, inner?.table);
    const row = best!.row;
    f = {
      code,
      table: row.table,
      action: row.action,
      meaning: row[lang].meaning,
      advice: row[lang].advice,
      source: 'row',
      alternatives: rest.map((r) => ({ table: r.row.table, meaning: r.row[lang].meaning })),
      count: 1,
    };
  } else {
    const range = code <= -100 ? catalog.rangeFor(code) : undefined;
    if (!range) return undefined;
    f = {
      code,
      table: range.table,
      action: range.action,
      meaning: range.meaning[lang],
      advice: range.advice[lang],
      source: 'range',
      alternatives: [],
      count: 1,
    };
  }
  if (inner) f.via = { code: c.code, table: 'logic' };
  // The response's own text, unless it only repeats the meaning (`{"errcode":-1,"errmsg":"system error"}`).
  if (message && !(rows.length > 0 && repeatsMeaning(message, rows.find((r) => r.table === f.table)!))) {
    f.message = message.slice(0, 300);
  }
  if (c.errType !== undefined) applyErrType(catalog, f, c.errType, lang);
  if (f.advice === '' || f.advice === '-') f.advice = catalog.actionAdvice(f.action, lang);
  return f;
}

const plain = (t: string) =>
  t
    .toLowerCase()
    .replace(/[\s_.。]+/g, ' ')
    .trim();
/** A row's meanings in the form messages are compared in: computed once per row, not per line of a log. */
const plainMeanings = new WeakMap<CatalogRow, Set<string>>();

function repeatsMeaning(message: string, row: CatalogRow): boolean {
  let meanings = plainMeanings.get(row);
  if (!meanings) plainMeanings.set(row, (meanings = new Set([row.ko, row.en, row.zh].map((t) => plain(t.meaning)))));
  return meanings.has(plain(message));
}

/** err_type is the server's own verdict: it decides the action. */
function applyErrType(catalog: Catalog, f: Finding, errType: number, lang: Lang): void {
  f.errType = errType;
  const verdict = catalog.errType(errType);
  if (!verdict) return;
  // "0: normal" on a non-zero code means a normal condition, not success.
  const action: Action = verdict.action === 'none' && f.code !== 0 ? 'ignore' : verdict.action;
  if (action === f.action) return;
  f.action = action;
  const own = f.advice === '' || f.advice === '-' ? '' : ` ${f.advice}`;
  f.advice = `err_type ${errType}: ${verdict.text[lang]}${own}`;
}
