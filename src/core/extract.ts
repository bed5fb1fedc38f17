/**
 * Finds error codes in free text in one left-to-right pass. Every regular expression here is a
 * flat alternation or a bounded class run, so matching is linear in the input (no backtracking
 * blow-up on `{{{{`, `""""` or endless digits).
 */

export type Field = 'ret' | 'errcode' | 'error' | 'prose' | 'bare';

export interface Candidate {
  code: number;
  field: Field;
  /** msg / errmsg / error_description of the same response or log line. */
  message?: string;
  errType?: number;
  /** Offset of the code in the text: findings are reported in order of first appearance. */
  index: number;
  /** Text around the record (same object or line, plus some lead-in) for table hints. */
  context: string;
}

interface RecordFields {
  start: number;
  ret?: { code: number; index: number };
  errcode?: { code: number; index: number };
  error?: { code: number; index: number };
  errType?: number;
  msg?: string;
  errmsg?: string;
  errorDescription?: string;
}

/** Braces (records) and field keys; lines are found lazily, only where a key is. */
export const KEY_RE = /[{}]|\b(?:ret|errcode|err_code|err_type|errmsg|msg|error_description|error)\b/gi;
const QUOTES = `"'\``;

/**
 * Where the value of the key ending at `i` starts: past a closing quote that matches the opening
 * one, blanks, `:` or `=`, blanks. -1 when this is no key (a word in prose, `"ret` unbalanced).
 */
function valueStart(text: string, keyAt: number, i: number): number {
  const open = keyAt > 0 ? text[keyAt - 1]! : ' ';
  if (QUOTES.includes(open)) {
    if (text[i] !== open) return -1;
    i++;
  } else if (i < text.length && QUOTES.includes(text[i]!)) return -1;
  const blanks = (from: number) => {
    let j = from;
    // No-break spaces count as blanks here rather than in normalizeText: a Latin-1 character in its
    // class would slow that whole-text pass by half.
    while (j < text.length && j - from < 8 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u00a0')) j++;
    return j;
  };
  i = blanks(i);
  if (text[i] !== ':' && text[i] !== '=') return -1;
  return blanks(i + 1);
}
const MAX_DEPTH = 64;
const MAX_STRING = 2000;
export const CONTEXT_BEFORE = 160;
export const CONTEXT_AFTER = 80;

interface Value {
  end: number;
  number?: number;
  string?: string;
}

/** Parses a JSON / JS / log value starting at `i`: a number, a quoted string or a bare word run. */
function readValue(text: string, i: number): Value | undefined {
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') {
    const quote = q.charCodeAt(0);
    const limit = Math.min(text.length, i + 1 + MAX_STRING);
    let j = i + 1;
    let escaped = false;
    for (; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === quote || c === 10 /* \n */) break;
      // A backslash escapes the next character, but never the end of the line.
      if (c === 92 /* \\ */ && j + 1 < limit && text.charCodeAt(j + 1) !== 10) {
        escaped = true;
        j++;
      }
    }
    const raw = text.slice(i + 1, j);
    const out = escaped ? raw.replace(/\\(.)/g, (_, n: string) => (n === 'n' ? '\n' : n === 't' ? '\t' : n)) : raw;
    const end = text.charCodeAt(j) === quote ? j + 1 : j;
    const num = toCode(out.trim());
    return num === undefined ? { end, string: out } : { end, number: num, string: out };
  }
  // A full stop after the number ends a sentence (`ret=-303.`); a digit after it makes a decimal.
  const m = /^[+-]?\d{1,12}(?!\d|\.\d)/.exec(text.slice(i, i + 14));
  if (m) return { end: i + m[0].length, number: toNumber(m[0]) };
  // Bare text (key=value logs): up to the end of the line or a separator, and before the next `key=`.
  let j = i;
  const limit = Math.min(text.length, i + 300);
  while (j < limit && !'\n&}|'.includes(text[j]!)) j++;
  let raw = text.slice(i, j);
  const next = /\s[A-Za-z_][\w.]{0,30}[=:]/.exec(raw);
  if (next) raw = raw.slice(0, next.index);
  raw = raw.replace(/[,;\s]+$/, '');
  return raw ? { end: i + raw.length, string: raw } : undefined;
}

function toCode(s: string): number | undefined {
  return /^[+-]?\d{1,12}$/.test(s) ? toNumber(s) : undefined;
}

/** `-0` is 0. */
export function toNumber(digits: string): number {
  return Number(digits) || 0;
}

/** Hints are looked for near the code: a record's context is capped so a huge object costs no more. */
const MAX_CONTEXT = 4000;

function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_BEFORE);
  return text.slice(from, Math.min(text.length, end + CONTEXT_AFTER, from + MAX_CONTEXT));
}

export interface Fields {
  candidates: Candidate[];
  /** Where field values were read: prose must not read those numbers again. */
  spans: Array<[number, number]>;
  /** A record was still open at the end of the region: its closing brace lies further on. */
  open: boolean;
}

/**
 * Responses and log lines with `ret` / `errcode` / `error` fields, read from `from` up to `to`
 * (text outside that region is only context).
 */
export function extractFields(
  text: string,
  /** Codes not worth a candidate (scan mode: success), dropped before any context is cut. */
  skip: (code: number) => boolean = () => false,
  from = 0,
  to = text.length,
): Fields {
  const candidates: Candidate[] = [];
  const spans: Array<[number, number]> = [];
  const stack: RecordFields[] = [];
  // Fields outside braces group by line. The line record is opened at the first key on a line and
  // flushed when a key appears past its end, so lines without keys cost nothing.
  let line: (RecordFields & { end: number }) | undefined;

  const flush = (r: RecordFields, end: number) => {
    const push = (f: { code: number; index: number }, field: Field, message: string | undefined) => {
      if (skip(f.code)) return;
      const c: Candidate = { code: f.code, field, index: f.index, context: contextOf(text, r.start, end) };
      if (message !== undefined) c.message = message;
      if (r.errType !== undefined) c.errType = r.errType;
      candidates.push(c);
    };
    if (r.ret) push(r.ret, 'ret', r.msg ?? r.errmsg);
    if (r.errcode) push(r.errcode, 'errcode', r.errmsg ?? r.msg);
    if (r.error) push(r.error, 'error', r.errorDescription ?? r.msg);
  };

  KEY_RE.lastIndex = from;
  for (let m = KEY_RE.exec(text); m && m.index < to; m = KEY_RE.exec(text)) {
    const tok = m[0];
    if (tok === '{') {
      if (stack.length < MAX_DEPTH) stack.push({ start: m.index });
      continue;
    }
    if (tok === '}') {
      const r = stack.pop();
      if (r) flush(r, m.index + 1);
      continue;
    }
    const valueAt = valueStart(text, m.index, m.index + tok.length);
    if (valueAt < 0) continue;
    const key = tok.toLowerCase();
    const v = readValue(text, valueAt);
    if (!v) continue;
    KEY_RE.lastIndex = Math.max(KEY_RE.lastIndex, v.end);
    spans.push([valueAt, v.end]);
    let r = stack[stack.length - 1];
    if (!r) {
      if (!line || m.index > line.end) {
        if (line) flush(line, line.end);
        line = { start: lineStart(text, m.index), end: lineEnd(text, m.index) };
      }
      r = line;
    }
    if (v.number !== undefined && Math.abs(v.number) < 1e9) {
      const f = { code: v.number, index: valueAt };
      if (key === 'ret') r.ret ??= f;
      else if (key === 'errcode' || key === 'err_code') r.errcode ??= f;
      else if (key === 'error') r.error ??= f;
      else if (key === 'err_type') r.errType ??= v.number;
    }
    if (v.string !== undefined) {
      if (key === 'msg') r.msg ??= v.string;
      else if (key === 'errmsg') r.errmsg ??= v.string;
      else if (key === 'error_description') r.errorDescription ??= v.string;
    }
  }
  const open = stack.length > 0;
  while (stack.length) flush(stack.pop()!, to);
  if (line) flush(line, line.end);
  candidates.sort((a, b) => a.index - b.index);
  return { candidates, spans, open };
}

/** Start of the line holding offset `i`. */
export function lineStart(text: string, i: number): number {
  return i <= 0 ? 0 : text.lastIndexOf('\n', i - 1) + 1;
}

/** End of the line holding offset `i` (its `\n`, or the end of the text). */
export function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl;
}

/**
 * A standalone integer: not part of a word, a version, a time, a date, a ticket key (`JIRA-4009`),
 * an issue number (`#40001`), a path or a phone number.
 */
const NUMBER_RE = /(?<![\w.#/:@$+-])-?\d{1,7}(?![\w.:/%+-])/g;

/** Words that make a nearby number an error code, in Korean, English and Chinese. */
export const ERROR_WORD_RE = /error|\berr\b|errno|code|fail|\bret\b|\bfault|에러|오류|실패|코드|错误|报错|失败|返回|代码|错误码/i;
const WORD_BEFORE = 24;
const WORD_AFTER = 8;

export interface ProseOptions {
  /** Accept a number without an error word nearby (explain mode: the user asked about it). */
  bare: boolean;
  isKnown: (code: number) => boolean;
}

/** The same words, to find them: in scan mode numbers are only looked for around an error word. */
export const ERROR_WORD_G = new RegExp(ERROR_WORD_RE.source, 'gi');
/** Longest number NUMBER_RE takes (`-` and 7 digits) plus the one character its look-arounds read. */
const NUMBER_REACH = 9;

/** Codes mentioned in prose ("-303 에러", "MSDK error -4008", "返回错误码 -73") or, in explain mode, bare. */
export function extractProse(
  text: string,
  spans: ReadonlyArray<[number, number]>,
  opts: ProseOptions,
  from = 0,
  to = text.length,
): Candidate[] {
  const out: Candidate[] = [];
  let s = 0;
  // Line bounds move forward with the numbers, so a huge single line is scanned once, not per number.
  let lineFrom = 0;
  let lineTo = -1;

  const consider = (at: number, digits: string) => {
    while (s < spans.length && spans[s]![1] <= at) s++;
    if (s < spans.length && spans[s]![0] <= at) return; // already read as a field value
    const code = toNumber(digits);
    if (!opts.isKnown(code)) return;
    if (at > lineTo) {
      lineFrom = lineStart(text, at);
      lineTo = lineEnd(text, at);
    }
    const end = at + digits.length;
    const near = text.slice(Math.max(lineFrom, at - WORD_BEFORE), at) + ' ' + text.slice(end, Math.min(lineTo, end + WORD_AFTER));
    let field: Field;
    if (ERROR_WORD_RE.test(near) && (code < 0 || digits.length >= 3)) field = 'prose';
    else if (opts.bare) field = 'bare';
    else return;
    const context = text.slice(Math.max(lineFrom, at - CONTEXT_BEFORE), Math.min(lineTo, end + CONTEXT_AFTER));
    out.push({ code, field, index: at, context });
  };

  if (opts.bare) {
    NUMBER_RE.lastIndex = from;
    for (let m = NUMBER_RE.exec(text); m && m.index < to; m = NUMBER_RE.exec(text)) consider(m.index, m[0]);
    return out;
  }
  // Scan mode: a number counts only near an error word, so only the windows around those words are
  // read (a log is mostly numbers: timestamps, ids, sizes). Windows move forward and never overlap.
  let done = from;
  ERROR_WORD_G.lastIndex = from;
  for (let w = ERROR_WORD_G.exec(text); w && w.index < to; w = ERROR_WORD_G.exec(text)) {
    const start = Math.max(done, w.index - WORD_AFTER - NUMBER_REACH);
    const end = Math.min(to, w.index + w[0].length + WORD_BEFORE);
    if (end <= start) continue;
    // One character either side, so NUMBER_RE's look-arounds see what they would in the whole text.
    const base = Math.max(0, start - 1);
    const window = text.slice(base, Math.min(text.length, end + NUMBER_REACH));
    NUMBER_RE.lastIndex = start - base;
    for (let m = NUMBER_RE.exec(window); m && base + m.index < end; m = NUMBER_RE.exec(window)) consider(base + m.index, m[0]);
    done = end;
  }
  return out;
}
