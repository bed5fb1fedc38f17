import { type Catalog, type CatalogRow, type ClientRow, defaultCatalog, type SupplementRow } from './catalog.js';
import { Char } from './chars.js';
import { describes, platformOf, rankRows, sharesWords, unwrap } from './classify.js';
import type { Candidate } from './detect/candidate.js';
import { detectClientCodes } from './detect/client-codes.js';
import { THRESHOLD } from './detect/evidence.js';
import { extractFields } from './detect/fields.js';
import { PLATFORM_RE, PLATFORM_SHAPES, platformOfCode, QQ_WORD_RE, WECHAT_WORD_RE } from './detect/lexicon.js';
import { domainCodes } from './detect/marks.js';
import { doubtsRow } from './detect/message-fit.js';
import { extractProse } from './detect/prose.js';
import { decodeEntities, normalizeText, shapeChanges, truncateUtf8 } from './normalize.js';
import { scanCandidates } from './scan.js';
import { isSearchable, search } from './search.js';
import { pickSupplement } from './supplement.js';
import type { Action, Analysis, Finding, Lang, Mode, TableId } from './types.js';
import { uiText } from './ui-text.js';

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
  if (looksBinary(prepared.text)) {
    const binary: Analysis = { findings: [], matches: [], binary: true };
    if (prepared.truncated) binary.truncated = prepared.truncated;
    return binary;
  }
  const isKnown = (code: number) =>
    catalog.lookup(code).length > 0 ||
    catalog.supplementFor(code).length > 0 ||
    (code <= -100 && catalog.rangeFor(code) !== undefined);
  const prose = {
    isKnown,
    describes: (code: number, words: string) =>
      describes([...catalog.lookup(code), ...catalog.supplementFor(code)], words),
    ambiguous: (code: number) => catalog.lookup(code).length > 1,
    tables: (code: number) => [...catalog.lookup(code), ...catalog.supplementFor(code)].map((r) => r.table),
  };
  let norm: string;
  let all: Candidate[];
  if (options.mode === 'scan') {
    // A whole log is read only where errors can be (see scan.ts). When normalising would not change
    // how the text parses, it is skipped, and the entities it would decode are decoded in messages.
    const reshape = shapeChanges(prepared.text);
    norm = reshape ? normalizeText(prepared.text) : prepared.text;
    // Success responses (`{"ret":0}`) are most of a healthy log and scan mode drops them: skip them early.
    all = scanCandidates(norm, (code) => isSuccess(catalog, code), prose);
    if (!reshape) for (const c of all) if (c.message !== undefined) c.message = decodeEntities(c.message);
  } else {
    norm = normalizeText(prepared.text);
    const { candidates, spans } = extractFields(norm);
    all = [...candidates, ...extractProse(norm, spans, { threshold: THRESHOLD.explain, ...prose })].sort(
      (a, b) => a.index - b.index,
    );
  }

  // `Error Domain=NSURLErrorDomain Code=-1001`: that code is the domain's, wherever the paste repeats it;
  // in a log, where its own lines say so (a log's other -1001 may be another event, and a stream's
  // windows must read it as the whole log does).
  if (options.mode === 'scan') all = all.filter((c) => !domainCodes(c.context).has(c.code));
  else {
    const domains = domainCodes(norm);
    if (domains.size > 0) all = all.filter((c) => !domains.has(c.code));
  }
  // The SDKs' client codes (an `eFlag` beside its name, a `LoginRet.flag`, a WeChat SDK `errCode`):
  // the numbers read as client codes are no backend candidates.
  const client = detectClientCodes(norm, catalog, options.mode);
  if (client.occurrences.length > 0) all = all.filter((c) => !client.claims(c.index));
  all = withoutOtherMeanings(norm, all, catalog);
  tagNeighbours(norm, all, catalog);
  const items: ReadonlyArray<Candidate | { client: ClientRow; index: number }> =
    client.occurrences.length === 0
      ? all
      : [...all, ...client.occurrences.map((o) => ({ client: o.row, index: o.index }))].sort(
          (a, b) => a.index - b.index,
        );

  const byKey = new Map<string, Finding>();
  // A log repeats the same few errors: a candidate whose finding did not depend on its context
  // (one table lists the code) is classified once, and its repeats only counted. The platform named
  // around it is part of what it is: a repeat far from the first one's platform is classified anew.
  const known = new Map<string, string | null>();
  for (const c of items) {
    if ('client' in c) {
      const f = clientFinding(c.client, lang, norm, c.index);
      if (options.mode === 'scan' && f.action === 'none') continue;
      const key = `${f.table}:${f.code}:`;
      const seen = byKey.get(key);
      if (seen) seen.count++;
      else byKey.set(key, f);
      options.onOccurrence?.(seen ?? f, c.index, norm);
      continue;
    }
    const same = `${c.field}|${c.code}|${c.errType ?? ''}|${c.named ?? ''}|${c.neighbour ?? ''}|${c.message ?? ''}`;
    const before = known.get(same);
    if (before !== undefined) {
      if (before !== null) {
        const f = byKey.get(before)!;
        f.count++;
        options.onOccurrence?.(f, c.index, norm);
      }
      continue;
    }
    const f = toFinding(catalog, c, lang, options.mode);
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

/** An SDK's client code, in the words of its public documentation (see data/client.json), at `index` of `text`. */
function clientFinding(row: ClientRow, lang: Lang, text: string, index: number): Finding {
  const f: Finding = {
    code: row.code,
    table: row.table,
    action: row.action,
    meaning: row[lang].meaning,
    advice: row[lang].advice,
    source: 'client',
    reference: row.reference[lang],
    alternatives: [],
    count: 1,
    rules: ['client-code'],
  };
  // The name as the text wrote it: the Android constant (`ERR_AUTH_DENIED`) where it stands, else the row's.
  const constant = row.constant?.name;
  if (constant && text.startsWith(constant, index)) f.name = constant;
  else if (row.name) f.name = row.name;
  if (row.authored) f.authored = true;
  return f;
}

function isSuccess(catalog: Catalog, code: number): boolean {
  const rows = catalog.lookup(code);
  return rows.length > 0 && rows.every((r) => r.action === 'none');
}

function toFinding(catalog: Catalog, c: Candidate, lang: Lang, mode: Mode): Finding | undefined {
  const inner = unwrap(c);
  const code = inner?.code ?? c.code;
  const message = inner ? inner.message || c.message : c.message;
  const listed = catalog.lookup(code);
  // WeChat's errcode with a code only QQ-side tables list (`errCode=-4 errStr=auth denied` from the
  // WeChat SDK) is a WeChat code the document does not list, not the QQ row.
  const rows =
    !inner && c.field === 'errcode' && message && listed.every((r) => platformOf(r.table) === 'qq') ? [] : listed;
  if (contradicts(c, rows)) return undefined;
  if (!inner && message && foreignMessage(c, listed, message)) return undefined;
  const supplement = pickSupplement(catalog, code, rows, { field: c.field, context: c.context, message }, inner?.table);

  let f: Finding | undefined;
  let chosen: CatalogRow | SupplementRow | undefined;
  let tableEvidence: string[] = [];
  if (supplement) {
    chosen = supplement;
    tableEvidence = ['supplement'];
    f = {
      code,
      table: supplement.table,
      action: supplement.action,
      meaning: supplement[lang].meaning,
      advice: supplement[lang].advice,
      source: 'supplement',
      reference: supplement.reference,
      alternatives: rows.map((r) => ({ table: r.table, meaning: r[lang].meaning })),
      count: 1,
    };
    if (supplement.adviceAuthored) f.authored = true;
  } else if (rows.length > 0) {
    const [best, ...rest] = rankRows(rows, c, inner?.table);
    const row = best!.row;
    tableEvidence = best!.evidence;
    chosen = row;
    const { advice, authored } = catalog.rowAdvice(row, lang);
    f = {
      code,
      table: row.table,
      action: row.action,
      meaning: row[lang].meaning,
      advice,
      source: 'row',
      alternatives: rest.map((r) => ({ table: r.row.table, meaning: r.row[lang].meaning })),
      count: 1,
    };
    if (authored) f.authored = true;
  } else {
    // The document's ranges are MSDK's own ret codes: a platform's code (inside a wrapper, or in
    // errcode / error) is never one, and passive listening explains a number from a range only in an
    // MSDK ret or beside MSDK's name (`登陆失败 -29004` from another vendor's SDK is no WeChat error).
    // A generic key (`retcode`, `error_code`) is any API's: its number takes a range only beside MSDK.
    const msdkOwn =
      c.field !== 'errcode' &&
      c.field !== 'error' &&
      (c.field === 'ret' || (mode === 'explain' && c.field !== 'key') || MSDK_RE.test(c.context));
    const range = !inner && msdkOwn && code <= -100 ? catalog.rangeFor(code) : undefined;
    if (range) {
      tableEvidence = ['range'];
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
      if (range.authored) f.authored = true;
    } else {
      f = unlisted(catalog, c, code, message, inner?.table, lang);
      tableEvidence = ['unlisted-field'];
    }
  }
  if (!f) return undefined;
  f.rules = [...new Set([...c.rules, ...(inner ? ['wrapper'] : []), ...tableEvidence])];
  if (chosen?.note) f.note = chosen.note[lang];
  if (inner) f.via = { code: c.code, table: 'logic' };
  // The response's own text, unless it only repeats the meaning (`{"errcode":-1,"errmsg":"system error"}`).
  if (message && !(chosen && repeatsMeaning(message, chosen))) {
    f.message = message.slice(0, 300);
  }
  // A wrapped platform message that says something else than the row (`100030,is_friend is 0`): the
  // answer points to the platform's own words (kept in `message`, which every channel quotes safely),
  // the row is only offered, and no action is given with confidence.
  if (inner && message && chosen && chosen.action !== 'none' && doubtsRow(message, chosen)) {
    f.doubted = true;
    f.message = message.slice(0, 300);
    f.action = 'unknown';
    f.advice = catalog.actionAdvice('unknown', lang);
    f.authored = true;
  }
  if (c.errType !== undefined) applyErrType(catalog, f, c.errType, lang);
  if (f.advice === '' || f.advice === '-') {
    f.advice = catalog.actionAdvice(f.action, lang);
    f.authored = true;
  }
  return f;
}

/**
 * Prose naming one platform while only the other platform's tables list the code (`微信 ... 返回1025`,
 * a QZone share code): the number is that platform's, and no row of the document explains it.
 */
function contradicts(c: Candidate, rows: readonly CatalogRow[]): boolean {
  if (!c.named || (c.field !== 'prose' && c.field !== 'bare') || rows.length === 0) return false;
  if (c.message && describes(rows, c.message)) return false;
  return rows.every((r) => {
    const p = platformOf(r.table);
    return p !== undefined && p !== c.named;
  });
}

/** How far apart (characters) codes count as neighbours, and how many on each side are read. */
const NEIGHBOUR_REACH = 600;
const NEIGHBOURS = 4;

/**
 * Neighbours: an ambiguous code among codes of one table (a `-1` listed between WeChat's 40029 and
 * 42001, a run of QZone-share codes) belongs to that table, when one of its rows is there.
 */
/** The line number of each candidate (in text order), in one pass over the text. */
function lineNumbers(text: string, all: readonly Candidate[]): number[] {
  const out: number[] = [];
  let line = 0;
  let at = 0;
  for (const c of all) {
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < c.index; nl = text.indexOf('\n', nl + 1)) line++;
    at = Math.max(at, c.index);
    out.push(line);
  }
  return out;
}

const inTable = (c: Candidate) =>
  c.rules.includes('table-row') || c.rules.includes('table-row-shape') || c.rules.includes('list-block');
function tagNeighbours(text: string, all: Candidate[], catalog: Catalog): void {
  if (all.length < 2) return;
  // Each neighbour votes once, shared among the tables that list it.
  const tablesOf = (code: number) => [...catalog.lookup(code), ...catalog.supplementFor(code)].map((r) => r.table);
  let lines: number[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!;
    // Responses carry their own evidence and are separate events in a log: only listed codes (prose,
    // tables) take their neighbours' table.
    if (c.field !== 'prose' && c.field !== 'bare') continue;
    const rows = catalog.lookup(c.code);
    if (rows.length < 2) continue;
    const votes = new Map<TableId, number>();
    for (let j = Math.max(0, i - NEIGHBOURS); j <= Math.min(all.length - 1, i + NEIGHBOURS); j++) {
      const o = all[j]!;
      if (j === i || o.code === c.code || Math.abs(o.index - c.index) > NEIGHBOUR_REACH) continue;
      // A list: on one line (`40029, -1, 42001`), or rows of one table. Lines of a log are separate events.
      lines ??= lineNumbers(text, all);
      if (lines[i] !== lines[j] && !(inTable(c) && inTable(o))) continue;
      const ts = tablesOf(o.code);
      for (const t of ts) votes.set(t, (votes.get(t) ?? 0) + 1 / ts.length);
    }
    let best: TableId | undefined;
    let most = 0;
    let tie = false;
    for (const r of rows) {
      const n = votes.get(r.table) ?? 0;
      if (n > most) [best, most, tie] = [r.table, n, false];
      else if (n === most && n > 0) tie = true;
    }
    if (best && !tie) c.neighbour = best;
  }
}

/** Whether every line strictly between the lines of `from` and `to` is a row of a list: a number, then words. */
function rowsBetween(text: string, from: number, to: number): boolean {
  const start = text.indexOf('\n', from) + 1;
  const end = text.lastIndexOf('\n', to - 1);
  // Adjacent lines have none between them.
  return (
    start > end ||
    text
      .slice(start, end)
      .split('\n')
      .every((line) => LIST_ROW_RE.test(line))
  );
}
const LIST_ROW_RE = /^[ \t]*-?\d{1,7}[ \t]*[:：.、|-]?[ \t]*[^\s\d]/;

/** Whether only blanks stand between the start of its line and `at` (a long line of numbers stays linear: one look back). */
function opensLine(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === Char.Space || text.charCodeAt(i) === Char.Tab)) i--;
  return i < 0 || text.charCodeAt(i) === Char.Newline;
}

/** How many rows of a list must have their meaning beside them before those meanings can speak against the catalog. */
const LIST_ROWS = 3;

/**
 * A list of bare codes, each followed on its line by a meaning, where not one meaning is what a row
 * listing its code says (`40003 missing scope`, `40013 missing code`, `40014 missing state`: a service
 * reusing WeChat's numbers): the list is another's, and its codes are not answered (rule other-meanings).
 */
function withoutOtherMeanings(text: string, all: Candidate[], catalog: Catalog): Candidate[] {
  if (all.filter((c) => c.field === 'bare').length < LIST_ROWS) return all;
  const dropped = new Set<Candidate>();
  let run: Array<{ c: Candidate; describes: boolean }> = [];
  const close = () => {
    if (run.length >= LIST_ROWS && !run.some((r) => r.describes)) for (const r of run) dropped.add(r.c);
    run = [];
  };
  for (const c of all) {
    // A row of the list: the code opens its line (after blanks) and its meaning follows. Only a
    // line's first number reads on to its end: a long line of numbers stays linear.
    if (!opensLine(text, c.index)) {
      close();
      continue;
    }
    const end = text.indexOf('\n', c.index);
    const meaning = text.slice(c.index + String(c.code).length, end < 0 ? text.length : end).trim();
    const rows = [...catalog.lookup(c.code), ...catalog.supplementFor(c.code)];
    if (rows.length === 0 || !/[A-Za-z\u3040-\u30FF\u3131-\uD7A3\u4E00-\u9FFF]{2}/.test(meaning)) {
      close();
      continue;
    }
    // Rows nobody lists (`40006 invalid refresh_token`) keep the list going; any other line ends it.
    if (run.length > 0 && !rowsBetween(text, run[run.length - 1]!.c.index, c.index)) close();
    // Anything but a bare code stood on its own evidence (a row read as describing its code, an error word).
    run.push({ c, describes: c.field !== 'bare' || describes(rows, meaning) });
  }
  close();
  return dropped.size === 0 ? all : all.filter((c) => !dropped.has(c));
}

/**
 * Another vendor's response: a small code in a `ret` field that only the platforms' tables list (`-1`),
 * or in a generic key whatever lists it (`{"errorCode":1,"errorMessage":"ServiceSuspended"}`), with a
 * message that shares no word with any of its meanings, and no platform or MSDK word near it
 * (`{"ret":-1,"msg":"Proses gagal, data gagal ditambahkan"}`).
 */
const FOREIGN_BELOW = 10;
const GENERIC_MESSAGE_RE =
  /\b(?:request|requests|failed|failure|fail|error|errors|err|unknown|exception|internal|system|oops|bad|invalid|not ok|ok)\b|失败|错误|异常|请求|실패|오류|에러/gi;
function foreignMessage(c: Candidate, rows: readonly CatalogRow[], message: string): boolean {
  if ((c.field !== 'ret' && c.field !== 'key') || Math.abs(c.code) >= FOREIGN_BELOW) return false;
  // MSDK's own `ret` carries its layers' small codes; a generic key (`errorCode`) is any API's, for MSDK's rows too.
  if (rows.length === 0 || (c.field === 'ret' && rows.some((r) => platformOf(r.table) === undefined))) return false;
  // A generic failure (`request failed`, `oops`, `error`) says nothing of whose code it is.
  const specific = message.replace(GENERIC_MESSAGE_RE, ' ');
  if (!/[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]{3}/.test(specific) || sharesWords(rows, message)) return false;
  // The response's own line: a neighbouring log line is another event, and its words are not this one's.
  const at = c.context.lastIndexOf(message);
  const own = at < 0 ? c.context : c.context.slice(c.context.lastIndexOf('\n', at) + 1);
  return !PLATFORM_RE.test(own) && !MSDK_RE.test(own);
}

/** An MSDK response: its URL paths, its err_type, or MSDK named. */
const MSDK_RE = /msdk|\/auth\/|\/relation\/|\/profile\/|\/share\/|err_type/i;

/**
 * A code no row or range lists, in an unmistakable error field: a non-zero errcode with errmsg
 * (WeChat), error with error_description (QQ connect), ret with msg (QQ OpenAPI's 1000xx codes, or
 * an MSDK response), or the platform code inside an MSDK wrapper. The platform and its own message
 * are all there is to say, and saying so beats silence.
 */
function unlisted(
  catalog: Catalog,
  c: Candidate,
  code: number,
  message: string | undefined,
  wrapped: TableId | undefined,
  lang: Lang,
): Finding | undefined {
  // A WeChat-sized errcode (40163) is an error even without errmsg; other fields need their message.
  if (code === 0 || (!message && !(c.field === 'errcode' && Math.abs(code) >= 10000))) return undefined;
  const table = wrapped ?? fieldPlatform(c, code);
  if (!table) return undefined;
  return {
    code,
    table,
    action: 'unknown',
    meaning: uiText(lang).unlistedMeaning,
    advice: catalog.actionAdvice('unknown', lang),
    source: 'unlisted',
    alternatives: [],
    count: 1,
  };
}

/** The platform an error field belongs to, when the field (or, for a generic key, the line) says. */
function fieldPlatform(c: Candidate, code: number): TableId | undefined {
  const msdk = MSDK_RE.test(c.context);
  switch (c.field) {
    case 'errcode':
      // Another vendor's errcode (`-501007`, `10006`) is no WeChat code: only WeChat's ranges, or WeChat named.
      return platformOfCode(code) === 'wechat' || WECHAT_WORD_RE.test(c.context) ? 'wechat' : undefined;
    case 'error':
      return 'qq';
    case 'ret':
      // ret/msg is also QQ OpenAPI's shape (`{msg: get qq info err, ret: 13002}` from graph.qq.com).
      if ((code >= 100000 && code <= 109999) || QQ_WORD_RE.test(c.context)) return 'qq';
      // `{"base_resp":{"ret":10706,...}}`: WeChat's own response shape.
      for (const shape of PLATFORM_SHAPES) if (shape.re.test(c.context)) return shape.table;
      return msdk || c.errType !== undefined ? 'logic' : undefined;
    case 'key':
      if (WECHAT_WORD_RE.test(c.context)) return 'wechat';
      if (QQ_WORD_RE.test(c.context)) return 'qq';
      return msdk ? 'logic' : undefined;
    case 'prose':
      // A labelled code with its message: the platform named around it, or the platform whose codes
      // lie there (WeChat's 4xxxx, QQ connect's 1000xx: lexicon PLATFORM_CODE_RANGES).
      return c.named ?? platformOfCode(code);
    default:
      return undefined;
  }
}

/**
 * Bytes rather than text (an image, a core dump, invalid UTF-8): many control characters or
 * replacement characters in its first 4 KB. Its digits would only be made-up findings.
 */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 32 && c !== Char.Tab && c !== Char.Newline && c !== Char.CarriageReturn && c !== 12) ||
      c === 127 ||
      c === 0xfffd
    )
      odd++;
  }
  return odd >= 8 && odd * 10 >= n;
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
