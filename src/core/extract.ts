/**
 * Finds error codes in free text in one left-to-right pass. Keys, braces and numbers are found by
 * plain character loops (a RegExp call costs more than reading a log line by hand), and every value
 * read is bounded, so the time is linear in the input (no blow-up on `{{{{`, `""""` or endless digits).
 */

import { isDigit, isWordChar } from './chars.js';

export type Field = 'ret' | 'errcode' | 'error' | 'prose' | 'bare';

export interface Candidate {
  code: number;
  field: Field;
  /** msg / errmsg / error_description of the same response or log line. */
  message?: string;
  errType?: number;
  /** Offset of the code in the text: findings are reported in order of first appearance. */
  index: number;
  /** The lines the record or number stands on, for table hints. */
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

/** Field keys, matched as whole words in any case. */
const KEYS: ReadonlySet<string> = new Set([
  'ret',
  'errcode',
  'err_code',
  'err_type',
  'errmsg',
  'msg',
  'error_description',
  'error',
]);
const KEY_MIN = Math.min(...[...KEYS].map((k) => k.length));
const KEY_MAX = Math.max(...[...KEYS].map((k) => k.length));
/** First letters of the keys, lower-cased (`c | 32`): most words are dismissed on their first letter. */
const KEY_FIRST: ReadonlySet<number> = new Set([...KEYS].map((k) => k.charCodeAt(0)));

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
const CONTEXT_BEFORE = 160;
const CONTEXT_AFTER = 80;

interface Value {
  end: number;
  number?: number;
  string?: string;
}

/** Parses a JSON / JS / log value starting at `i`: a number, a quoted string or a bare word run. */
function readValue(text: string, i: number): Value | undefined {
  const quote = text.charCodeAt(i);
  if (quote === 34 || quote === 39 || quote === 96) {
    // " ' `
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
  const d = codeEnd(text, i);
  if (d !== -1 && !(text.charCodeAt(d) === 46 && isDigit(text.charCodeAt(d + 1)))) {
    return { end: d, number: toNumber(text.slice(i, d)) };
  }
  // Bare text (key=value logs): up to the end of the line or a separator, and before the next `key=`.
  let j = i;
  const limit = Math.min(text.length, i + 300);
  for (; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 38 || c === 125 || c === 124) break; // \n & } |
  }
  let raw = text.slice(i, j);
  // The RegExps below are only run when their characters are there: most values are a word or two.
  if (raw.includes('=') || raw.includes(':')) {
    const next = /\s[A-Za-z_][\w.]{0,30}[=:]/.exec(raw);
    if (next) raw = raw.slice(0, next.index);
  }
  const last = raw.charCodeAt(raw.length - 1);
  if (last === 44 || last === 59 || last <= 32 || last >= 128) raw = raw.replace(/[,;\s]+$/, ''); // , ; blanks
  return raw ? { end: i + raw.length, string: raw } : undefined;
}

const MAX_CODE_DIGITS = 12;

/** End of `[+-]?\d{1,12}` at `i` when no further digit follows, else -1. */
function codeEnd(text: string, i: number): number {
  const first = text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45 ? i + 1 : i; // + -
  let d = first;
  while (d < text.length && d - first <= MAX_CODE_DIGITS && isDigit(text.charCodeAt(d))) d++;
  return d > first && d - first <= MAX_CODE_DIGITS ? d : -1;
}

/** A quoted value that is a code and nothing else (`"ret":"-303"`). */
function toCode(s: string): number | undefined {
  return codeEnd(s, 0) === s.length ? toNumber(s) : undefined;
}

/** `-0` is 0. */
function toNumber(digits: string): number {
  return Number(digits) || 0;
}

/** Hints are looked for near the code: a record's context is capped so a huge object costs no more. */
const MAX_CONTEXT = 4000;

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * The lines a record stands on, plus the line before when the record opens its own line (`POST
 * /share/qq` above a pretty-printed body), and never a neighbouring log line: in a log those are
 * other events, and their platform words would mislead.
 */
function contextOf(text: string, start: number, end: number): string {
  // Bounded walks, not lastIndexOf: a megabyte-long line of records must not cost a megabyte each.
  const lo = Math.max(0, start - CONTEXT_BEFORE);
  let from = start;
  while (from > lo && text.charCodeAt(from - 1) !== 10) from--;
  if (from > lo && isBlank(text, from, start)) {
    from--;
    while (from > lo && text.charCodeAt(from - 1) !== 10) from--;
  }
  const hi = Math.min(text.length, end + CONTEXT_AFTER, from + MAX_CONTEXT);
  let to = Math.min(end, hi);
  while (to < hi && text.charCodeAt(to) !== 10) to++;
  return text.slice(from, to);
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

  for (let i = from; i < to; ) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      if (stack.length < MAX_DEPTH) stack.push({ start: i });
      i++;
      continue;
    }
    if (c === 125 /* } */) {
      const r = stack.pop();
      if (r) flush(r, i + 1);
      i++;
      continue;
    }
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    // A whole word (not the tail of one a value ended inside) may be a key.
    const at = i;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    if (
      i - at < KEY_MIN ||
      i - at > KEY_MAX ||
      !KEY_FIRST.has(c | 32) ||
      (at > 0 && isWordChar(text.charCodeAt(at - 1)))
    )
      continue;
    const key = text.slice(at, i).toLowerCase();
    if (!KEYS.has(key)) continue;
    const valueAt = valueStart(text, at, i);
    if (valueAt < 0) continue;
    const v = readValue(text, valueAt);
    if (!v) continue;
    i = Math.max(i, v.end);
    spans.push([valueAt, v.end]);
    let r = stack[stack.length - 1];
    if (!r) {
      if (!line || at > line.end) {
        if (line) flush(line, line.end);
        line = { start: lineStart(text, at), end: lineEnd(text, at) };
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

/** Words that make a nearby number an error code, in Korean, English and Chinese. */
export const ERROR_WORD_RE =
  /error|\berr\b|errno|code|fail|\bret\b|\bfault|에러|오류|실패|코드|错误|报错|失败|返回|代码|错误码/i;
const WORD_BEFORE = 24;
const WORD_AFTER = 8;

export interface ProseOptions {
  /** Accept a number without an error word nearby (explain mode: the user asked about it). */
  bare: boolean;
  isKnown: (code: number) => boolean;
}

/** Before a digit run, these make it part of a word, a version, a ticket key (`JIRA-4009`), an issue (`#40001`), a path. */
function joinsBefore(c: number): boolean {
  // . # / : @ $ + -
  return isWordChar(c) || c === 46 || c === 35 || c === 47 || c === 58 || c === 64 || c === 36 || c === 43 || c === 45;
}

/** After a digit run, these make it a decimal, a time, a date, a path, a percentage or a phone number. */
function joinsAfter(c: number): boolean {
  // . : / % + -
  return isWordChar(c) || c === 46 || c === 58 || c === 47 || c === 37 || c === 43 || c === 45;
}

const MAX_NUMBER_DIGITS = 7;

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
    const near = `${text.slice(Math.max(lineFrom, at - WORD_BEFORE), at)} ${text.slice(end, Math.min(lineTo, end + WORD_AFTER))}`;
    let field: Field;
    if (ERROR_WORD_RE.test(near) && (code < 0 || digits.length >= 3)) field = 'prose';
    else if (opts.bare) field = 'bare';
    else return;
    const context = text.slice(Math.max(lineFrom, at - CONTEXT_BEFORE), Math.min(lineTo, end + CONTEXT_AFTER));
    out.push({ code, field, index: at, context });
  };

  // Standalone integers of up to 7 digits, optionally negative.
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const negative = c === 45 && isDigit(text.charCodeAt(i + 1));
    if (!negative && !isDigit(c)) continue;
    const joined = i > 0 && joinsBefore(text.charCodeAt(i - 1));
    let d = negative ? i + 1 : i;
    while (d < text.length && isDigit(text.charCodeAt(d))) d++;
    if (
      !joined &&
      d - i - (negative ? 1 : 0) <= MAX_NUMBER_DIGITS &&
      !(d < text.length && joinsAfter(text.charCodeAt(d)))
    ) {
      consider(i, text.slice(i, d));
    }
    i = d - 1;
  }
  return out;
}
