/**
 * The shapes a code stands in, one function per rule (each rule's id, description and examples are
 * in rules/<id>.ts). Kept in one module rather than one each: a cold `msdk explain -303` loads every
 * module it imports, and twenty small files cost more start-up than the budget allows.
 */
import { Char, isDigit, isWordChar } from '../chars.js';
import type { TableId } from '../types.js';
import { NOT_CODE_BEFORE_RE, TABLE_HEADER_RE } from './lexicon.js';
import { MESSAGE_REACH } from './prefilter.js';
import { nextNonBlank, READ_REACH } from './reader.js';

// ── quoted-message (rules/quoted-message.ts) ──

/**
 * `"-73，internal error"`, `'100015: access token is revoked'`: a quoted code, a comma or colon and
 * the platform's message, the shape of MSDK's own msg. The message, when the number stands so.
 */
export function quotedMessage(text: string, at: number, end: number, lineTo: number): string | undefined {
  const quote = text.charCodeAt(at - 1);
  if (
    (quote !== Char.DoubleQuote && quote !== Char.Apostrophe && quote !== 0x300c) ||
    (text.charCodeAt(end) !== Char.Comma && text.charCodeAt(end) !== Char.Colon)
  )
    return undefined;
  // Japanese quotes its messages in 「」.
  const closing = quote === 0x300c ? '」' : text[at - 1]!;
  const close = text.slice(end, Math.min(lineTo, end + 300)).indexOf(closing) + end;
  if (close < end) return undefined;
  const message = text.slice(end + 1, close).trim();
  return /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/.test(message) ? message : undefined;
}

// ── labelled-message (rules/labelled-message.ts) ──

/** After a labelled code: `, message: invalid appsecret`, `，说明：code been used`, `, invalid code`. */
const LABEL_MESSAGE_RE =
  /^[ \t]*[,;][ \t]*(?:(?:err(?:or)?[ _]?)?(?:message|msg|description)|说明|描述|错误信息|메시지)?[ \t]*[:=]?[ \t]*([^\n]{1,200})/i;
export function labelMessage(text: string, end: number, lineTo: number): string | undefined {
  const m = LABEL_MESSAGE_RE.exec(text.slice(end, Math.min(lineTo, end + 240)));
  const message = m?.[1]?.trim();
  return message && /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/.test(message) ? message : undefined;
}

// ── meaning-beside (rules/meaning-beside.ts) ──

/** A code's label at the end of the words before it (`错误码`, `error code`, `エラーコード`). */
const LABEL_RE = /(?:错误码|错误代码|返回码|error[ _]?code|err[ _]?code|code|오류\s?코드|에러\s?코드|エラーコード)$/i;

/**
 * The words beside a number (`40013,invalid appid`, `access token is invalid(100013)`) when they say
 * what the code means: the platform's own message, evidence enough even without an error word.
 */
export function platformMessage(
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
    .replace(/^[\s,.:;|)\]"'`}>-]+/, '')
    // `` `40001`（凭证无效）``: the meaning in brackets right after the code.
    .replace(/^[(（[【「]/, '')
    .replace(/[,.;!?()[\]{}"'|\t，。；！？（）【】「」][\s\S]*$/, '');
  if (after && describes(after)) return after.trim();
  const before = text
    .slice(Math.max(lineFrom, at - MESSAGE_REACH), at)
    .replace(/[\s,:;|(["'{]+$/, '')
    // `系统错误，错误码：-1`: past the label, the meaning before it.
    .replace(LABEL_RE, '')
    .replace(/[\s,:;|(["'{]+$/, '')
    .replace(/^[\s\S]*[,.;!?()[\]{}"'|\t，。；！？（）【】「」:：]/, '');
  if (before && describes(before)) return before.trim();
  return undefined;
}

// ── message-first (rules/message-first.ts) ──

/**
 * The message first and the code after it in brackets: `invalid code, hints: [ req_id: … ](40029)`,
 * `send failed[45015]: response out of time limit`, `登录授权失败（错误码:110404）` (a code label inside
 * the bracket). The message (before the bracket, or after it behind a colon), when the number stands so.
 */
export function bracketedMessage(
  text: string,
  at: number,
  end: number,
  lineFrom: number,
  lineTo: number,
): string | undefined {
  const label = BRACKET_LABEL_RE.exec(text.slice(Math.max(lineFrom, at - 24), at));
  const openAt = at - 1 - (label ? label[0].length - 1 : 0);
  const open = text.charCodeAt(openAt);
  const close = text.charCodeAt(end);
  if (
    !(
      (open === Char.OpenParen && close === Char.CloseParen) ||
      (open === Char.OpenBracket && close === Char.CloseBracket) ||
      (open === 0xff08 && close === 0xff09)
    )
  )
    return undefined;
  const before = text.slice(Math.max(lineFrom, openAt - 200), openAt);
  // `…失败（错误码:110404）`: the label says what the bracket holds; the clause before it is the message.
  if (label) return MESSAGE_BEFORE_RE.exec(before)?.[1]?.trim();
  // `[40164] invalid ip …`: a bracket opening the line needs no colon after it.
  const opensLine = /^[ \t]*$/.test(text.slice(lineFrom, at - 1));
  const after = (opensLine ? /^[ \t]*[:：,-]?[ \t]*([^\n]{2,200})/ : /^[ \t]*[:：,-][ \t]*([^\n]{2,200})/).exec(
    text.slice(end + 1, Math.min(lineTo, end + 240)),
  );
  if (after?.[1] && /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]{2}/.test(after[1])) return after[1].trim();
  // `message, hints: [ … ](40029)`: WeChat's own message with its hint, the code right after it.
  return WECHAT_HINT_RE.exec(before)?.[1]?.trim();
}

/** WeChat's errmsg ends in its request id: `invalid code, hints: [ req_id: … ]`, `… hint: [VAB1bA0573vr20]`. */
export const WECHAT_HINT_RE = /([A-Za-z][^\n]{2,120}?),?\s*hints?:\s*\[[^\]]*\]\s*$/;

/** A code label right inside the bracket, before the number: `（错误码:`, `(error code: `. */
const BRACKET_LABEL_RE = /[(（[][ \t]*(?:错误码|错误代码|error[ _]?code|err[ _]?code|code)[ \t]*[:：=]?[ \t]*$/i;
/** The last clause before a bracket, with letters in it: `登录授权失败`, `login failed`. */
const MESSAGE_BEFORE_RE =
  /([^\n,，。;；:：()（）[\]]*[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]{2}[^\n,，。;；:：()（）[\]]*)$/;

// ── code-and-msg (rules/code-and-msg.ts) ──

/** `, Msg: "…"`, `, message: …`, `，说明：…` right after the number: the platform's message key. */
const MSG_AFTER_RE =
  /^[ \t]*[,;]?[ \t]*(?:err(?:or)?[ _]?)?(?:msg|message|description|desc|errmsg|err_msg)[ \t]*[:=][ \t]*["']?([^"'\n]{2,200})/i;

/** `Code: 95018, Msg: "…"`: an unquoted `Code:` label and the message key after the number. */
export function codeAndMsg(text: string, end: number, lineTo: number): string | undefined {
  const m = MSG_AFTER_RE.exec(text.slice(end, Math.min(lineTo, end + 240)));
  return m?.[1]?.trim() || undefined;
}

// ── codes-only (rules/codes-only.ts) ──

/** Nothing but numbers (and separators), after an optional `msdk` / `explain` word: a list of codes asked about. */
const CODES_ONLY_RE = /^\s*(?:\/?msdk\s+)?(?:explain\s+)?[-+]?\d{1,7}(?:[\s,，、;/|]+[-+]?\d{1,7})*[\s?？]*$/i;
const MAX_LENGTH = 200;

/** Whether the whole text is codes and nothing else (`/msdk 1000 1001`, `msdk explain "2 7 13"`). */
export function isCodesOnly(text: string): boolean {
  return text.length <= MAX_LENGTH && CODES_ONLY_RE.test(text.replace(/["'`]/g, ' '));
}

// ── table-row (rules/table-row.ts) ──

/** How many lines above a row its table's header may be. */
const MAX_ROWS_UP = 30;
const MAX_BYTES_UP = READ_REACH - 320;

/**
 * Whether the number is alone in the first cell of a table row (`| 43002 | require POST method |`,
 * `40001\t获取 access_token 时 AppSecret 错误`, `-1 | 系统繁忙`), and the table's header names codes
 * or meanings (`| 错误码 | 含义 |`, `| code | description |`, `| 반환 코드 | 설명 |`).
 * Returns `header` when the header says so, `row` for the shape alone, undefined otherwise.
 */
export function tableRow(
  text: string,
  at: number,
  end: number,
  lineFrom: number,
  lineTo: number,
): 'header' | 'row' | undefined {
  if (!firstCell(text, lineFrom, at, end, lineTo)) return undefined;
  // The header: the first line above the rows (cells of numbers, `|---|` separators).
  let to = lineFrom - 1;
  for (let n = 0; to > 0 && n < MAX_ROWS_UP && lineFrom - to < MAX_BYTES_UP; n++) {
    const from = text.lastIndexOf('\n', to - 1) + 1;
    const line = text.slice(from, to);
    if (!/^[\s|:\-+=]*$/.test(line) && !/^\s*\|?\s*[-+]?\d{1,7}\s*(?:\||\t| {2,}|[:：] )/.test(line)) {
      return TABLE_HEADER_RE.test(line) && /\||\t| {2}/.test(line) ? 'header' : 'row';
    }
    to = from - 1;
  }
  return 'row';
}

/** The row's other cells, as one message (`require POST method 需要POST请求`). */
export function rowText(text: string, end: number, lineTo: number): string | undefined {
  const cells = text
    .slice(end, Math.min(lineTo, end + 300))
    .split(/\||\t| {2,}/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return cells.length > 0 ? cells.join(' ') : undefined;
}

/** The number alone in the first cell: `| N |`, `N |`, `N<tab>`, `N  ` (two blanks), with text after. */
function firstCell(text: string, lineFrom: number, at: number, end: number, lineTo: number): boolean {
  let i = lineFrom;
  while (i < at && (text.charCodeAt(i) === Char.Space || text.charCodeAt(i) === Char.Tab)) i++;
  if (text.charCodeAt(i) === Char.Pipe /* | */) i++;
  while (i < at && (text.charCodeAt(i) === Char.Space || text.charCodeAt(i) === Char.Tab)) i++;
  if (i !== at) return false;
  const rest = text.slice(end, Math.min(lineTo, end + 8));
  return /^(?:[ \t]*\||\t| {2,})/.test(rest) && /[^\s|]/.test(text.slice(end, Math.min(lineTo, end + 200)));
}

// ── list-block (rules/list-block.ts) ──

/** How many lines above and below a row are read for rows of the same list. */
const ROWS_AROUND = 3;
/** Characters of a neighbouring line read (a long line is another thing than a row). */
const ROW_CHARS = 300;
/** How far from the row its neighbours are looked for, either way. */
const REACH = READ_REACH - 100;
/** Lines between rows: blanks, table separators, comments (`/**`, ` * …`, `*\/`, `//`, `#`). */
const SKIPPED = /^\s*(?:$|[|:\-+= ]+$|\/\*|\*|\/\/|#(?!\s*\d))/;

export type RowKind = 'table' | 'enum';

/** A table row: the number alone in its first cell, text after (`|-304|…`, `42001 | access_token expired |`, `-6访问频率超限`). */
const TABLE_ROW =
  /^[ \t]*\|?[ \t]*(-?\d{1,7})[ \t]*(?:\||\t| {2,}|(?=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]))[ \t]*[^\s|]/u;
/**
 * A member of an enum or a table of constants: a name, `=` or `:`, the number, and the line's end
 * (`INVALID_CODE = 40029,`, `SERVER_ERROR: -1,`, `系统繁忙_此时请稍候再试 = -1,`, `NAME = '100005'`),
 * or a constructor call with its message (`CODE_MINUS_1(-1, "系统繁忙")`).
 */
const ENUM_ROW =
  /^[ \t]*(?:(?:public |private |static |final |const |int |readonly )*[\p{L}_$][\p{L}\p{N}_$]*[ \t]*[:=][ \t]*["']?(-?\d{1,7})["']?[ \t]*[,;]?[ \t]*(?:(?:\/\/|\/\*|#).*)?$|[\p{L}_$][\p{L}\p{N}_$]*\((-?\d{1,7})[ \t]*,)/u;

/** The number of a row of the given kind, or undefined when the line is no such row. */
export function rowCode(line: string, kind: RowKind): number | undefined {
  const m = (kind === 'table' ? TABLE_ROW : ENUM_ROW).exec(line);
  const digits = m?.[1] ?? m?.[2];
  if (digits === undefined) return undefined;
  const code = Number(digits);
  // A table row says something in words (`| 1001 | 32 |` is a table of numbers); an enum of codes
  // holds negative or long numbers (`MAX_USERS: 1000` beside `TIMEOUT: 30` is a table of limits).
  if (kind === 'table' && !/\p{L}{2}/u.test(line.slice(m!.index + m![0].length - 1))) return undefined;
  if (kind === 'enum' && code >= 0 && code < 10000) return undefined;
  return code;
}

/** The kind of row the number at [at, end) stands in, if its line is a row with this number. */
export function rowKind(text: string, at: number, lineFrom: number, lineTo: number, code: number): RowKind | undefined {
  if (at - lineFrom > ROW_CHARS) return undefined;
  const line = text.slice(lineFrom, Math.min(lineTo, lineFrom + ROW_CHARS));
  if (rowCode(line, 'table') === code) return 'table';
  if (rowCode(line, 'enum') === code) return 'enum';
  return undefined;
}

/**
 * How many rows of the same kind around this one (up to three lines either side, blank lines and
 * table separators skipped) hold a code listed in a table this code is listed in: a run of codes of
 * one table is that table's list.
 */
export function blockSupport(
  text: string,
  lineFrom: number,
  lineTo: number,
  kind: RowKind,
  tables: readonly TableId[],
  tablesOf: (code: number) => readonly TableId[],
): number {
  if (tables.length === 0) return 0;
  let support = 0;
  /** Counts a row; false for a line that is no row at all (blank, a separator, a comment): it is skipped. */
  const count = (line: string): boolean => {
    if (SKIPPED.test(line)) return false;
    const code = rowCode(line.slice(0, ROW_CHARS), kind);
    if (code !== undefined && tablesOf(code).some((t) => tables.includes(t))) support++;
    return true;
  };
  // Up, then down: three lines either side, comments and blanks between rows not counted, within the reach.
  let to = lineFrom - 1;
  for (let n = 0; n < ROWS_AROUND && to > 0 && lineFrom - to < REACH; ) {
    const from = lineStartWithin(text, to);
    if (count(text.slice(from, to))) n++;
    to = from - 1;
  }
  let from = lineTo + 1;
  for (let n = 0; n < ROWS_AROUND && from < text.length && from - lineTo < REACH; ) {
    const end = lineEndWithin(text, from);
    if (count(text.slice(from, end))) n++;
    from = end + 1;
  }
  return support;
}

/** Start of the line ending at `to`, looked for within ROW_CHARS (a longer line is cut: no row). */
function lineStartWithin(text: string, to: number): number {
  const lo = Math.max(0, to - ROW_CHARS);
  let i = to;
  while (i > lo && text.charCodeAt(i - 1) !== Char.Newline) i--;
  return i;
}
function lineEndWithin(text: string, from: number): number {
  const hi = Math.min(text.length, from + ROW_CHARS);
  let i = from;
  while (i < hi && text.charCodeAt(i) !== Char.Newline) i++;
  return i;
}

// ── bare-code (rules/bare-code.ts) ──

/** A plural noun after a number: a count of things. */
const PLURAL_AFTER_RE = /^[ \t][a-z]{2,}s\b/;
/** Above this many characters, a one- or two-digit number is prose's, not a code the user asks about. */
const SHORT_TEXT = 40;

/**
 * Explain mode, no error word: whether a known number stands as a code rather than as part of a
 * date (`Mar 12 2025`), a table (`Lines 27 27`), a duration (`5400秒`), a log prefix (`[0]`), a
 * line number (`line 512`) or a count in long prose.
 */
export function standsAsCode(text: string, at: number, end: number, code: number, from: number, to: number): boolean {
  const prev = nextNonBlank(text, at - 1, -1, from, to);
  const next = nextNonBlank(text, end, 1, from, to);
  if (prev === Char.OpenBracket && next === Char.CloseBracket) return false; // [ ]
  if (prev === Char.Equals) return false; // the value of some other key (`uid=100014`)
  // An argument (`flag(-1)`); a long code in brackets after a message stands (`is illegal(100010)`).
  if (prev === Char.OpenParen && end - at < 5 && at > from + 1 && isWordChar(text.charCodeAt(at - 2))) return false;
  if (NOT_CODE_BEFORE_RE.test(text.slice(Math.max(from, at - 12), at))) return false;
  if (code >= 0) {
    if (end - at < 5 && (isDigit(prev) || isDigit(next))) return false;
    if (PLURAL_AFTER_RE.test(text.slice(end, Math.min(to, end + 24)))) return false; // `38 fixes`, `7 devices`
    if (code < 100 && to - from > SHORT_TEXT) return false;
  }
  return true;
}
