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

const KEY_RE = /[{}\n]|(["'`]?)\b(ret|errcode|err_code|err_type|errmsg|msg|error_description|error)\1[ \t]{0,8}[:=][ \t]{0,8}/gi;
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
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') {
    let j = i + 1;
    let out = '';
    const limit = Math.min(text.length, i + 1 + MAX_STRING);
    while (j < limit) {
      const c = text[j]!;
      if (c === '\\' && j + 1 < limit) {
        const n = text[j + 1]!;
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        j += 2;
        continue;
      }
      if (c === q || c === '\n') break;
      out += c;
      j++;
    }
    const end = text[j] === q ? j + 1 : j;
    const num = toCode(out.trim());
    return num === undefined ? { end, string: out } : { end, number: num, string: out };
  }
  const m = /^[+-]?\d{1,12}(?![\d.])/.exec(text.slice(i, i + 14));
  if (m) return { end: i + m[0].length, number: Number(m[0]) };
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
  return /^[+-]?\d{1,12}$/.test(s) ? Number(s) : undefined;
}

/** Hints are looked for near the code: a record's context is capped so a huge object costs no more. */
const MAX_CONTEXT = 4000;

function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_BEFORE);
  return text.slice(from, Math.min(text.length, end + CONTEXT_AFTER, from + MAX_CONTEXT));
}

/** Responses and log lines with `ret` / `errcode` / `error` fields. Returns candidates and the spans they used. */
export function extractFields(text: string): { candidates: Candidate[]; spans: Array<[number, number]> } {
  const candidates: Candidate[] = [];
  const spans: Array<[number, number]> = [];
  const stack: RecordFields[] = [];
  let line: RecordFields = { start: 0 };

  const flush = (r: RecordFields, end: number) => {
    const context = contextOf(text, r.start, end);
    const push = (f: { code: number; index: number }, field: Field, message: string | undefined) => {
      const c: Candidate = { code: f.code, field, index: f.index, context };
      if (message !== undefined) c.message = message;
      if (r.errType !== undefined) c.errType = r.errType;
      candidates.push(c);
    };
    if (r.ret) push(r.ret, 'ret', r.msg ?? r.errmsg);
    if (r.errcode) push(r.errcode, 'errcode', r.errmsg ?? r.msg);
    if (r.error) push(r.error, 'error', r.errorDescription ?? r.msg);
  };

  KEY_RE.lastIndex = 0;
  for (let m = KEY_RE.exec(text); m; m = KEY_RE.exec(text)) {
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
    if (tok === '\n') {
      if (stack.length === 0) {
        flush(line, m.index);
        line = { start: m.index + 1 };
      }
      continue;
    }
    const key = m[2]!.toLowerCase();
    const valueAt = m.index + tok.length;
    const v = readValue(text, valueAt);
    if (!v) continue;
    KEY_RE.lastIndex = Math.max(KEY_RE.lastIndex, v.end);
    spans.push([valueAt, v.end]);
    const r = stack[stack.length - 1] ?? line;
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
  while (stack.length) flush(stack.pop()!, text.length);
  flush(line, text.length);
  candidates.sort((a, b) => a.index - b.index);
  return { candidates, spans };
}

/**
 * A standalone integer: not part of a word, a version, a time, a date, a ticket key (`JIRA-4009`),
 * an issue number (`#40001`), a path or a phone number.
 */
const NUMBER_RE = /(?<![\w.#/:@$+-])-?\d{1,7}(?![\w.:/%+-])/g;

/** Words that make a nearby number an error code, in Korean, English and Chinese. */
const ERROR_WORD_RE = /error|\berr\b|errno|code|fail|\bret\b|\bfault|에러|오류|실패|코드|错误|报错|失败|返回|代码|错误码/i;
const WORD_BEFORE = 24;
const WORD_AFTER = 8;

export interface ProseOptions {
  /** Accept a number without an error word nearby (explain mode: the user asked about it). */
  bare: boolean;
  isKnown: (code: number) => boolean;
}

/** Codes mentioned in prose ("-303 에러", "MSDK error -4008", "返回错误码 -73") or, in explain mode, bare. */
export function extractProse(text: string, spans: ReadonlyArray<[number, number]>, opts: ProseOptions): Candidate[] {
  const out: Candidate[] = [];
  let s = 0;
  // Line bounds move forward with the matches, so a huge single line is scanned once, not per number.
  let lineStart = 0;
  let lineEnd = -1;
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m; m = NUMBER_RE.exec(text)) {
    const at = m.index;
    while (s < spans.length && spans[s]![1] <= at) s++;
    if (s < spans.length && spans[s]![0] <= at) continue; // already read as a field value
    const code = Number(m[0]);
    if (!opts.isKnown(code)) continue;
    if (at > lineEnd) {
      lineStart = text.lastIndexOf('\n', at) + 1;
      const nl = text.indexOf('\n', at);
      lineEnd = nl === -1 ? text.length : nl;
    }
    const end = at + m[0].length;
    const near = text.slice(Math.max(lineStart, at - WORD_BEFORE), at) + ' ' + text.slice(end, Math.min(lineEnd, end + WORD_AFTER));
    let field: Field;
    if (ERROR_WORD_RE.test(near) && (code < 0 || m[0].length >= 3)) field = 'prose';
    else if (opts.bare) field = 'bare';
    else continue;
    const context = text.slice(Math.max(lineStart, at - CONTEXT_BEFORE), Math.min(lineEnd, end + CONTEXT_AFTER));
    out.push({ code, field, index: at, context });
  }
  return out;
}
