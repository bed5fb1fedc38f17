/**
 * Finds error codes in free text in one left-to-right pass. Keys, braces and numbers are found by
 * plain character loops (a RegExp call costs more than reading a log line by hand), and every value
 * read is bounded, so the time is linear in the input (no blow-up on `{{{{`, `""""` or endless digits).
 */

import { isDigit, isWordChar } from './chars.js';

/**
 * `key`: a generic error key (`error_code`, `retcode`): an error field, but the platform is left to
 * the other evidence. `prose`: a number next to an error word or the platform's own message.
 */
export type Field = 'ret' | 'errcode' | 'error' | 'key' | 'prose' | 'bare';

export interface Candidate {
  code: number;
  field: Field;
  /** msg / errmsg / error_description of the same response or log line. */
  message?: string;
  errType?: number;
  /** Prose: the one platform named around the number, when only one is. */
  named?: 'wechat' | 'qq';
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
  key?: { code: number; index: number };
  errType?: number;
  msg?: string;
  errmsg?: string;
  errorDescription?: string;
}

/** Keys whose value is a message: read as text even when it starts with the platform's code (`msg=-24,openid...`). */
const MESSAGE_KEYS: ReadonlySet<string> = new Set([
  'msg',
  'errmsg',
  'err_msg',
  'error_msg',
  'error_message',
  'errormessage',
  'errstr',
  'retmsg',
  'ret_msg',
  'error_description',
]);
/** Error keys whose platform the other evidence decides. */
const GENERIC_KEYS: ReadonlySet<string> = new Set(['error_code', 'errorcode', 'retcode']);
/** Field keys, matched as whole words in any case. */
const KEYS: ReadonlySet<string> = new Set([
  'ret',
  'errcode',
  'err_code',
  'err_type',
  'error',
  ...MESSAGE_KEYS,
  ...GENERIC_KEYS,
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
function readValue(text: string, i: number, asText: boolean): Value | undefined {
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
  const d = asText ? -1 : codeEnd(text, i);
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
  // , ; blanks, and the closing bracket of a `【...】` the log line wrapped the fields in
  if (last === 44 || last === 59 || last <= 32 || last >= 128) raw = raw.replace(/[,;\s】]+$/, '');
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
    if (r.key) push(r.key, 'key', r.errmsg ?? r.msg ?? r.errorDescription);
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
    const v = readValue(text, valueAt, MESSAGE_KEYS.has(key));
    if (!v) continue;
    i = Math.max(i, v.end);
    spans.push([valueAt, v.end]);
    const slot = codeSlot(key);
    // `error: 38 problems` is a count, not a code.
    const code =
      slot && v.number !== undefined && Math.abs(v.number) < 1e9 && !UNIT_AFTER_RE.test(text.slice(v.end, v.end + 16))
        ? v.number
        : undefined;
    let r = stack[stack.length - 1];
    if (!r) {
      // Outside braces a line groups its fields, but the same code key again starts a new record:
      // `ret=-502 或 ret=-503` is two errors, and each msg goes with the code before it.
      if (!line || at > line.end || (code !== undefined && line[slot!] !== undefined)) {
        if (line) flush(line, line.end);
        // The same line again: its end is known (looking it up again per record is quadratic on one long line).
        line =
          line && at <= line.end
            ? { start: at, end: line.end }
            : { start: lineStart(text, at), end: lineEnd(text, at) };
      }
      r = line;
    }
    if (code !== undefined) r[slot!] ??= { code, index: valueAt };
    else if (key === 'err_type' && v.number !== undefined) r.errType ??= v.number;
    if (v.string !== undefined) {
      const slot =
        key === 'msg'
          ? 'msg'
          : key === 'error_description'
            ? 'errorDescription'
            : MESSAGE_KEYS.has(key)
              ? 'errmsg'
              : undefined;
      // The first message, unless a later one carries the platform's code (`msg: ..., such as "msg": "40001, ..."`).
      if (slot && (r[slot] === undefined || (!LEADING_CODE_RE.test(r[slot]) && LEADING_CODE_RE.test(v.string))))
        r[slot] = v.string;
    }
  }
  const open = stack.length > 0;
  while (stack.length) flush(stack.pop()!, to);
  if (line) flush(line, line.end);
  candidates.sort((a, b) => a.index - b.index);
  return { candidates, spans, open };
}

/** A message that starts with a code and a separator: the shape of a wrapper's msg. */
const LEADING_CODE_RE = /^\s*-?\d{1,9}\s*[,:;|]/;

/** Which code field a key fills, if any. */
function codeSlot(key: string): 'ret' | 'errcode' | 'error' | 'key' | undefined {
  if (key === 'ret' || key === 'error') return key;
  if (key === 'errcode' || key === 'err_code') return 'errcode';
  return GENERIC_KEYS.has(key) ? 'key' : undefined;
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
  /error|\berr\b|errno|code|fail|\bret\b|\bfault|exception|에러|오류|실패|코드|예외|错误|报错|失败|返回|代码|错误码|异常/i;
/**
 * Words of the platforms' own messages (`40013,invalid appid`, `access token is invalid(100013)`): not
 * error words, but a line holding one beside a number is worth reading for a code the words describe.
 */
export const MESSAGE_WORD_RE =
  /invalid|expired?\b|illegal|denied|permission|not exist|fail|不合法|非法|无效|过期|超时|失效|权限|不存在|만료|권한|유효하지|존재하지/i;
const WORD_BEFORE = 24;
const WORD_AFTER = 8;
/** How many characters beside a number are compared with the meaning of its rows. */
export const MESSAGE_REACH = 48;

export interface ProseOptions {
  /** Accept a number without an error word nearby (explain mode: the user asked about it). */
  bare: boolean;
  isKnown: (code: number) => boolean;
  /** Whether these words say what a row listing the code means (the platform's own message beside it). */
  describes?: (code: number, words: string) => boolean;
}

/** Before a digit run, these make it part of a word, a version, a ticket key (`JIRA-4009`), an issue (`#40001`), a path, a range. */
function joinsBefore(c: number): boolean {
  // . # / : @ $ + - ~
  return (
    isWordChar(c) ||
    c === 46 ||
    c === 35 ||
    c === 47 ||
    c === 58 ||
    c === 64 ||
    c === 36 ||
    c === 43 ||
    c === 45 ||
    c === 126 ||
    c === 0xff5e
  );
}

/** After a digit run, these make it a decimal, a time, a date, a path, a percentage, a phone number, a range. */
function joinsAfter(c: number): boolean {
  // . : / % + - ~
  return (
    isWordChar(c) || c === 46 || c === 58 || c === 47 || c === 37 || c === 43 || c === 45 || c === 126 || c === 0xff5e
  );
}

const MAX_NUMBER_DIGITS = 7;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `错误码:`, `errcode:`, `SomeApiError:`, `오류 코드:`: an error word ends the label a colon closes. */
const LABEL_END_RE = new RegExp(`(?:${ERROR_WORD_RE.source})[\\w "'码碼号號번호]{0,4}$`, 'i');
/** A `code` key alone (`"code":`, `code=`): any vendor's field, weak evidence by itself. */
const WEAK_LABEL_RE = /(?:^|[^\w])(["'`]?)code\1[ \t]*[:=][ \t]*$/i;
/** The error words other than `code`: what makes a `code: -2` an error code (`login failed with code: -2`). */
const STRONG_WORD_RE = new RegExp(ERROR_WORD_RE.source.replace('|code|', '|'), 'i');
/** WeChat named (`WeChatClientException`, 微信, 위챗). */
export const WECHAT_WORD_RE = /wechat|weixin|微信|위챗/i;
/** QQ named (`graph.qq.com`, 手Q, QZone). */
export const QQ_WORD_RE = /\bqq|手q|휴대폰\s?q|qzone/i;
/** Platform words that make a weak `code` field an MSDK / WeChat / QQ one. */
const PLATFORM_RE = new RegExp(`msdk|${WECHAT_WORD_RE.source}|${QQ_WORD_RE.source}|游戏中心|게임\\s?센터`, 'i');
/** Before a number in explain mode: it is a date, a line, a version, a count's label. */
const NOT_CODE_BEFORE_RE =
  /(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|lines?|rows?|col(?:umn)?|port|pid|page|step|pr|issue|no|v|version|ver|build|room|node|level|top|total|count)\.?|第|#|번호|编号|号码)[ \t]*$/i;
/** After a number: a unit or a counted noun, so a duration, a size or a count (`1002 passed`, `38 errors`). */
const UNIT_AFTER_RE =
  /^[ \t]?(?:秒|小时|時|时|分钟|分|天|日|月|年|次|个|個|行|条|位|岁|号|人|名|页|台|项|件|초|시간|시|분|일|월|년|개|번|회|줄|명|건|원|대|(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|times|lines?|users?|bytes?|items?|files?|kb|mb|gb|px|x|%|passed|failed|failures?|errors?|warnings?|problems?|tests?|specs?|total|skipped|issues?|packages?|vulnerabilit(?:y|ies)|commits?|per|requests?|calls?|qps)(?![A-Za-z]))/i;
/** Before a number: a process exit status or an HTTP status, never an MSDK code. */
const STATUS_BEFORE_RE =
  /(?:exit(?:ed)?(?:[ \t]+with)?[ \t]+(?:code|status)|status(?:[ \t]+code)?(?:[ \t]+(?:is|was))?|HTTP(?:\/[\d.]+)?|状态码?[是为]?|상태\s?코드)[ \t]*[:=]?[ \t]*$/i;
/** A plural noun after a number: a count of things. */
const PLURAL_AFTER_RE = /^[ \t][a-z]{2,}s\b/;
/** Above this many characters, a one- or two-digit number is prose's, not a code the user asks about. */
const SHORT_TEXT = 40;

/** The next character that is not a blank, from `i` going `step` (+1 or -1) within [lo, hi). */
function nextNonBlank(text: string, i: number, step: 1 | -1, lo: number, hi: number): number {
  for (let j = i, n = 0; j >= lo && j < hi && n < 3; j += step, n++) {
    const c = text.charCodeAt(j);
    if (c !== 32 && c !== 9) return c;
  }
  return -1;
}

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

  const consider = (at: number, digits: string, afterColon: boolean, glued: boolean) => {
    while (s < spans.length && spans[s]![1] <= at) s++;
    if (s < spans.length && spans[s]![0] <= at) return; // already read as a field value
    const code = toNumber(digits);
    const known = opts.isKnown(code);
    // A code nobody lists is read only as a platform code: five digits or more (40163, 100030).
    if (!known && (digits.length < 5 || glued)) return;
    if (at > lineTo) {
      lineFrom = lineStart(text, at);
      lineTo = lineEnd(text, at);
    }
    const end = at + digits.length;
    // A range in prose (`-15000 ~ -19999`) names codes, it reports none.
    const tilde = (c: number) => c === 126 || c === 0xff5e;
    if (tilde(nextNonBlank(text, end, 1, lineFrom, lineTo)) || tilde(nextNonBlank(text, at - 1, -1, lineFrom, lineTo)))
      return;
    const beforeFrom = Math.max(lineFrom, at - WORD_BEFORE);
    const before = text.slice(beforeFrom, at);
    // An unlisted code needs a label or a quote before it: ids and timestamps are dismissed here.
    const quote = text.charCodeAt(at - 1);
    if (!known && quote !== 34 && quote !== 39 && !ERROR_WORD_RE.test(before)) return;
    if (STATUS_BEFORE_RE.test(before) || UNIT_AFTER_RE.test(text.slice(end, Math.min(lineTo, end + 16)))) return;
    const after = text.slice(end, Math.min(lineTo, end + WORD_AFTER));
    // After a colon, a number counts only behind an error label (`错误码:-2`), never in `a:1`.
    const weak = WEAK_LABEL_RE.exec(before);
    const labelled = afterColon ? LABEL_END_RE.test(before.slice(0, -1)) : true;
    // A quoted `"code":` key is any vendor's JSON (`RuntimeError: {'code': 100002, ...}`): error
    // words around it say nothing about whose; an unquoted `code: -303` in prose is an error code.
    const quotedKey = (weak?.[1] ?? '') !== '';
    const context = text.slice(Math.max(lineFrom, at - CONTEXT_BEFORE), Math.min(lineTo, end + CONTEXT_AFTER));
    // Beyond the region read: in a log, the lines around an error line name its platform too.
    const emit = (c: Candidate) => {
      const named = namedPlatform(text, at, Math.max(0, at - NAMED_REACH), Math.min(text.length, end + NAMED_REACH));
      if (named) c.named = named;
      out.push(c);
    };
    if (!known) {
      // Labelled and followed by the platform's message (`Error code: 40125, message: invalid appsecret`,
      // `错误代码：40163，说明：code been used`, `"100030, this api without user authorization"`): an
      // error nobody lists, reported as such (analyze decides whether the platform is clear enough).
      const label = before.replace(/[ \t]*[:=]?[ \t]*$/, '');
      const strong = LABEL_END_RE.test(label) && (!weak || STRONG_WORD_RE.test(before.slice(0, weak.index)));
      const message = quotedMessage(text, at, end, lineTo) ?? (strong ? labelMessage(text, end, lineTo) : undefined);
      if (message !== undefined) emit({ code, field: 'prose', index: at, context, message });
      return;
    }
    const worded =
      labelled &&
      !quotedKey &&
      (code < 0 || digits.length >= 3) &&
      (weak
        ? STRONG_WORD_RE.test(`${before.slice(0, weak.index)} ${after}`)
        : ERROR_WORD_RE.test(`${before} ${after}`));
    let field: Field | undefined;
    let message = glued ? undefined : quotedMessage(text, at, end, lineTo);
    if (!glued && (message !== undefined || worded || (weak && labelled && PLATFORM_RE.test(context)))) field = 'prose';
    else if (opts.describes) {
      message = platformMessage(text, at, end, lineFrom, lineTo, (words) => opts.describes!(code, words));
      if (message !== undefined) field = 'prose';
    }
    if (!field && !glued && opts.bare && !afterColon && !quotedKey && standsAsCode(text, at, end, code, from, to))
      field = 'bare';
    if (!field) return;
    const c: Candidate = { code, field, index: at, context };
    if (message !== undefined) c.message = message;
    emit(c);
  };

  // Which platform the text around a number names, looked up once per stretch of text (linear on one long line).
  let namedAt = -1;
  let namedWas: 'wechat' | 'qq' | undefined;
  const namedPlatform = (t: string, at: number, lo: number, hi: number) => {
    if (namedAt >= 0 && at - namedAt < NAMED_REACH / 2) return namedWas;
    namedAt = at;
    const window = t.slice(lo, hi);
    const wechat = WECHAT_WORD_RE.test(window);
    const qq = QQ_WORD_RE.test(window);
    namedWas = wechat === qq ? undefined : wechat ? 'wechat' : 'qq';
    return namedWas;
  };

  // Standalone integers of up to 7 digits, optionally negative.
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const negative = c === 45 && isDigit(text.charCodeAt(i + 1));
    if (!negative && !isDigit(c)) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    // `label:code`: a colon after a word (not a time's `10:` nor `::`) leaves it to the label to decide.
    const afterColon = prev === 58 && i > 1 && !isDigit(text.charCodeAt(i - 2)) && text.charCodeAt(i - 2) !== 58;
    const joined = !afterColon && i > 0 && joinsBefore(prev);
    let d = negative ? i + 1 : i;
    while (d < text.length && isDigit(text.charCodeAt(d))) d++;
    const next = d < text.length ? text.charCodeAt(d) : 32;
    // `40029: invalid code`, `40029-invalid code`: a colon or dash the platform's message follows;
    // `10:00` stays a time and `010-1234` a phone number. A full stop ends a sentence unless a word
    // or a digit goes on (`1.5`, `40029.log`).
    const after = text.charCodeAt(d + 1);
    const joinedAfter =
      joinsAfter(next) && !((next === 58 || next === 45) && !isDigit(after)) && !(next === 46 && !isWordChar(after));
    // A long code glued to its message (`100013access token非法`, a table pasted without its cell
    // breaks) counts only when the words say what the code means.
    const glued = joinedAfter && d - i >= 5 && isLetter(next);
    if (!joined && d - i - (negative ? 1 : 0) <= MAX_NUMBER_DIGITS && (!joinedAfter || glued)) {
      consider(i, text.slice(i, d), afterColon, glued);
    }
    i = d - 1;
  }
  return out;
}

/** How far around a prose number the platform it belongs to may be named. */
const NAMED_REACH = 240;

/**
 * `"-73，internal error"`, `'100015: access token is revoked'`: a quoted code, a comma or colon and
 * the platform's message, the shape of MSDK's own msg. The message, when the number stands so.
 */
function quotedMessage(text: string, at: number, end: number, lineTo: number): string | undefined {
  const quote = text.charCodeAt(at - 1);
  if ((quote !== 34 && quote !== 39) || (text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 58)) return undefined;
  const close = text.slice(end, Math.min(lineTo, end + 300)).indexOf(text[at - 1]!) + end;
  if (close < end) return undefined;
  const message = text.slice(end + 1, close).trim();
  return /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/.test(message) ? message : undefined;
}

/** After a labelled code: `, message: invalid appsecret`, `，说明：code been used`, `, invalid code`. */
const LABEL_MESSAGE_RE =
  /^[ \t]*[,;][ \t]*(?:(?:err(?:or)?[ _]?)?(?:message|msg|description)|说明|描述|错误信息|메시지)?[ \t]*[:=]?[ \t]*([^\n]{1,200})/i;
function labelMessage(text: string, end: number, lineTo: number): string | undefined {
  const m = LABEL_MESSAGE_RE.exec(text.slice(end, Math.min(lineTo, end + 240)));
  const message = m?.[1]?.trim();
  return message && /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/.test(message) ? message : undefined;
}

/**
 * The words beside a number (`40013,invalid appid`, `access token is invalid(100013)`) when they say
 * what the code means: the platform's own message, evidence enough even without an error word.
 */
function platformMessage(
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
    .replace(/^[\s,.:;|)\]"'}-]+/, '')
    .replace(/[,.;!?()[\]{}"'|\t，。；！？（）【】「」][\s\S]*$/, '');
  if (after && describes(after)) return after.trim();
  const before = text
    .slice(Math.max(lineFrom, at - MESSAGE_REACH), at)
    .replace(/[\s,:;|(["'{]+$/, '')
    .replace(/^[\s\S]*[,.;!?()[\]{}"'|\t，。；！？（）【】「」:：]/, '');
  if (before && describes(before)) return before.trim();
  return undefined;
}

/**
 * Explain mode, no error word: whether a known number stands as a code rather than as part of a
 * date (`Mar 12 2025`), a table (`Lines 27 27`), a duration (`5400秒`), a log prefix (`[0]`), a
 * line number (`line 512`) or a count in long prose.
 */
function standsAsCode(text: string, at: number, end: number, code: number, from: number, to: number): boolean {
  const prev = nextNonBlank(text, at - 1, -1, from, to);
  const next = nextNonBlank(text, end, 1, from, to);
  if (prev === 91 && next === 93) return false; // [ ]
  if (prev === 61) return false; // the value of some other key (`uid=100014`)
  // An argument (`flag(-1)`); a long code in brackets after a message stands (`is illegal(100010)`).
  if (prev === 40 && end - at < 5 && at > from + 1 && isWordChar(text.charCodeAt(at - 2))) return false;
  if (NOT_CODE_BEFORE_RE.test(text.slice(Math.max(from, at - 12), at))) return false;
  if (code >= 0) {
    if (end - at < 5 && (isDigit(prev) || isDigit(next))) return false;
    if (PLURAL_AFTER_RE.test(text.slice(end, Math.min(to, end + 24)))) return false; // `38 fixes`, `7 devices`
    if (code < 100 && to - from > SHORT_TEXT) return false;
  }
  return true;
}
