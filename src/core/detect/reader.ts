/**
 * The reader: keys, braces, quoted strings and numbers found by plain character loops (a RegExp call
 * costs more than reading a log line by hand). Every value read is bounded, so the time is linear
 * in the input (no blow-up on `{{{{`, `""""` or endless digits).
 */
import { Char, isDigit } from '../chars.js';

export const QUOTES = `"'\``;

/**
 * Where the value of the key ending at `i` starts: past a closing quote that matches the opening
 * one, blanks, `:` or `=`, blanks. -1 when this is no key (a word in prose, `"ret` unbalanced).
 */
export function valueStart(text: string, keyAt: number, i: number): number {
  const open = keyAt > 0 ? text[keyAt - 1]! : ' ';
  if (QUOTES.includes(open)) {
    // JSON inside a logged string: `{\"errcode\":40013}` closes the key with the same escape.
    if (text[i] === '\\' && text[i + 1] === open && keyAt > 1 && text[keyAt - 2] === '\\') i++;
    if (text[i] !== open) return -1;
    i++;
    // A subscript in source code: `d['retcode'] == -5003`, `res["errcode"] === 40001`.
    if (text[i] === ']') i++;
  } else if (i < text.length && QUOTES.includes(text[i]!)) return -1;
  // PHP's print_r: `[errcode] => 40029`.
  else if (open === '[' && text[i] === ']') i++;
  const blanks = (from: number) => {
    let j = from;
    // No-break spaces count as blanks here rather than in normalizeText: a Latin-1 character in its
    // class would slow that whole-text pass by half.
    while (j < text.length && j - from < 8 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u00a0')) j++;
    return j;
  };
  i = blanks(i);
  // PHP arrays, Ruby hashes and var_dump (`'errcode' => 40001`, `["errcode"]=> int(41001)`).
  if (text[i] === '=' && text[i + 1] === '>') return dumpValue(text, blanks(i + 2));
  // Source code compares the key with a code (`errcode === 45009`, `ret != -303`): that names the code too.
  if (text[i] === '!' && text[i + 1] === '=') i++;
  else if (text[i] === '=' && text[i + 1] === '=') i += text[i + 2] === '=' ? 2 : 1;
  if (text[i] !== ':' && text[i] !== '=') return -1;
  return blanks(i + 1);
}

/** Past var_dump's `int(` (`int(41001)`), where the number starts; else where the value starts. */
function dumpValue(text: string, i: number): number {
  return text.startsWith('int(', i) ? i + 4 : i;
}

/** Whether the value at `valueAt` follows a comparison (`==`, `===`, `!=`) rather than `:` or `=`. */
export function compared(text: string, valueAt: number): boolean {
  let j = valueAt - 1;
  while (j > 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return text[j] === '=' && (text[j - 1] === '=' || text[j - 1] === '!');
}
export const MAX_DEPTH = 64;
const MAX_STRING = 2000;
/**
 * The farthest any rule reads from a number (a table's header above its rows, a list's rows around
 * one): a stream keeps at least this much context either side of a cut (stream.ts).
 */
export const READ_REACH = 1024;
export const CONTEXT_BEFORE = 160;
export const CONTEXT_AFTER = 80;

export interface Value {
  end: number;
  number?: number;
  string?: string;
}

/** Parses a JSON / JS / log value starting at `i`: a number, a quoted string or a bare word run. */
export function readValue(text: string, i: number, asText: boolean): Value | undefined {
  // `\"invalid appid\"`: a string of JSON logged inside a string, up to the same escaped quote.
  if (text.charCodeAt(i) === Char.Backslash && text.charCodeAt(i + 1) === Char.DoubleQuote) {
    const limit = Math.min(text.length, i + 2 + MAX_STRING);
    let j = i + 2;
    while (
      j < limit &&
      text.charCodeAt(j) !== Char.Newline &&
      !(text.charCodeAt(j) === Char.Backslash && text.charCodeAt(j + 1) === Char.DoubleQuote)
    )
      j++;
    const out = text.slice(i + 2, j);
    const num = toCode(out.trim());
    const end = j < limit && text.charCodeAt(j) === Char.Backslash ? j + 2 : j;
    return num === undefined ? { end, string: out } : { end, number: num, string: out };
  }
  const quote = text.charCodeAt(i);
  if (quote === Char.DoubleQuote || quote === Char.Apostrophe || quote === Char.Backtick) {
    // " ' `
    const limit = Math.min(text.length, i + 1 + MAX_STRING);
    let j = i + 1;
    let escaped = false;
    for (; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === quote || c === Char.Newline) break;
      // A backslash escapes the next character, but never the end of the line.
      if (c === Char.Backslash && j + 1 < limit && text.charCodeAt(j + 1) !== Char.Newline) {
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
  const d = asText ? -1 : codeEnd(text, i);
  if (d !== -1 && !(text.charCodeAt(d) === Char.Dot && isDigit(text.charCodeAt(d + 1)))) {
    return { end: d, number: toNumber(text.slice(i, d)) };
  }
  // Bare text (key=value logs): up to the end of the line or a separator, and before the next `key=`.
  let j = i;
  const limit = Math.min(text.length, i + 300);
  for (; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === Char.Newline || c === Char.Ampersand || c === Char.CloseBrace || c === Char.Pipe) break; // \n & } |
  }
  let raw = text.slice(i, j);
  // The RegExps below are only run when their characters are there: most values are a word or two.
  if (raw.includes('=') || raw.includes(':')) {
    const next = /\s[A-Za-z_][\w.]{0,30}[=:]/.exec(raw);
    if (next) raw = raw.slice(0, next.index);
  }
  const last = raw.charCodeAt(raw.length - 1);
  // , ; blanks, and the closing bracket of a `【...】` the log line wrapped the fields in
  if (last === Char.Comma || last === Char.Semicolon || last <= Char.Space || last >= 128)
    raw = raw.replace(/[,;\s】]+$/, '');
  return raw ? { end: i + raw.length, string: raw.includes('%') ? formDecode(raw) : raw } : undefined;
}

/** `-73%2Cthe+user...` (a query string logged as is) → `-73,the user...`; left alone when it is no such encoding. */
function formDecode(raw: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

const MAX_CODE_DIGITS = 12;

/** End of `[+-]?\d{1,12}` at `i` when no further digit follows, else -1. */
export function codeEnd(text: string, i: number): number {
  const first = text.charCodeAt(i) === Char.Plus || text.charCodeAt(i) === Char.Minus ? i + 1 : i; // + -
  let d = first;
  while (d < text.length && d - first <= MAX_CODE_DIGITS && isDigit(text.charCodeAt(d))) d++;
  return d > first && d - first <= MAX_CODE_DIGITS ? d : -1;
}

/** A quoted value that is a code and nothing else (`"ret":"-303"`). */
export function toCode(s: string): number | undefined {
  return codeEnd(s, 0) === s.length ? toNumber(s) : undefined;
}

/** `-0` is 0. */
export function toNumber(digits: string): number {
  return Number(digits) || 0;
}

/** Hints are looked for near the code: a record's context is capped so a huge object costs no more. */
export const MAX_CONTEXT = 4000;

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== Char.Space && c !== Char.Tab && c !== Char.CarriageReturn) return false;
  }
  return true;
}

/**
 * The lines a record stands on, plus the line before when the record opens its own line (`POST
 * /share/qq` above a pretty-printed body), and never a neighbouring log line: in a log those are
 * other events, and their platform words would mislead.
 */
export function contextOf(text: string, start: number, end: number): string {
  // Bounded walks, not lastIndexOf: a megabyte-long line of records must not cost a megabyte each.
  const lo = Math.max(0, start - CONTEXT_BEFORE);
  let from = start;
  while (from > lo && text.charCodeAt(from - 1) !== Char.Newline) from--;
  if (from > lo && isBlank(text, from, start)) {
    from--;
    while (from > lo && text.charCodeAt(from - 1) !== Char.Newline) from--;
  }
  const hi = Math.min(text.length, end + CONTEXT_AFTER, from + MAX_CONTEXT);
  let to = Math.min(end, hi);
  while (to < hi && text.charCodeAt(to) !== Char.Newline) to++;
  return text.slice(from, to);
}

/** A message that starts with a code and a separator: the shape of a wrapper's msg. */
export const LEADING_CODE_RE = /^\s*-?\d{1,9}\s*[,:;|]/;

/** Start of the line holding offset `i`. */
export function lineStart(text: string, i: number): number {
  return i <= 0 ? 0 : text.lastIndexOf('\n', i - 1) + 1;
}

/** End of the line holding offset `i` (its `\n`, or the end of the text). */
export function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl;
}

/** The next character that is not a blank, from `i` going `step` (+1 or -1) within [lo, hi). */
export function nextNonBlank(text: string, i: number, step: 1 | -1, lo: number, hi: number): number {
  for (let j = i, n = 0; j >= lo && j < hi && n < 3; j += step, n++) {
    const c = text.charCodeAt(j);
    if (c !== Char.Space && c !== Char.Tab) return c;
  }
  return -1;
}
