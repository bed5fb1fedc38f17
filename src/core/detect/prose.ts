/**
 * Prose: codes mentioned in sentences ("-303 에러", "MSDK error -4008", "返回错误码 -73"), quoted with
 * the platform's message, or, in explain mode, standing bare. Every number is read once, left to
 * right; the words around it are looked up in the lexicon.
 */
import { Char, isDigit, isWordChar } from '../chars.js';
import type { TableId } from '../types.js';
import type { Candidate, Field } from './candidate.js';
import { evidence, STRONG } from './evidence.js';
import {
  ERROR_WORD_RE,
  MESSAGE_WORD_RE,
  PLATFORM_RE,
  QQ_WORD_RE,
  STATUS_BEFORE_RE,
  UNIT_AFTER_RE,
  WECHAT_WORD_RE,
} from './lexicon.js';
import { besideClientFlag, isId, isListNumber, isOtherVendor, isQuantity } from './marks.js';
import { CONTEXT_AFTER, CONTEXT_BEFORE, lineEnd, lineStart, nextNonBlank, toNumber } from './reader.js';
import {
  blockSupport,
  bracketedMessage,
  codeAndMsg,
  isCodesOnly,
  labelMessage,
  platformMessage,
  quotedMessage,
  rowKind,
  rowText,
  standsAsCode,
  tableRow,
  WECHAT_HINT_RE,
} from './shapes.js';

const WORD_BEFORE = 24;
const WORD_AFTER = 8;

export interface ProseOptions {
  /** The evidence a number needs (THRESHOLD.scan, or THRESHOLD.explain: the user asked about it). */
  threshold: number;
  isKnown: (code: number) => boolean;
  /** Whether these words say what a row listing the code means (the platform's own message beside it). */
  describes?: (code: number, words: string) => boolean;
  /** Whether several tables list the code: then the words beside it are read even after strong evidence, to tell the tables apart. */
  ambiguous?: (code: number) => boolean;
  /** The tables that list the code (rows and supplement): rows of one list share one. */
  tables?: (code: number) => readonly TableId[];
}

/** Before a digit run, these make it part of a word, a version, a ticket key (`JIRA-4009`), an issue (`#40001`), a path, a range. */
function joinsBefore(c: number): boolean {
  // . # / : @ $ + - ~
  return (
    isWordChar(c) ||
    c === Char.Dot ||
    c === Char.Hash ||
    c === Char.Slash ||
    c === Char.Colon ||
    c === Char.At ||
    c === Char.Dollar ||
    c === Char.Plus ||
    c === Char.Minus ||
    c === Char.Tilde ||
    c === 0xff5e
  );
}

/** After a digit run, these make it a decimal, a time, a date, a path, a percentage, a phone number, a range. */
function joinsAfter(c: number): boolean {
  // . : / % + - ~
  return (
    isWordChar(c) ||
    c === Char.Dot ||
    c === Char.Colon ||
    c === Char.Slash ||
    c === Char.Percent ||
    c === Char.Plus ||
    c === Char.Minus ||
    c === Char.Tilde ||
    c === 0xff5e
  );
}

const MAX_NUMBER_DIGITS = 7;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `错误码:`, `errcode:`, `SomeApiError:`, `오류 코드:`: an error word ends the label a colon closes. */
const LABEL_END_RE = new RegExp(`(?:${ERROR_WORD_RE.source})[\\w "'码碼号號번호]{0,4}$`, 'i');
/** A `code` key alone (`"code":`, `code=`): any vendor's field, weak evidence by itself. */
const WEAK_LABEL_RE = /(?:^|[^\w])(["'`]?)code\1[ \t]*[:=][ \t]*["'`]?$/i;
/** The error words other than `code`: what makes a `code: -2` an error code (`login failed with code: -2`). */
const STRONG_WORD_RE = new RegExp(ERROR_WORD_RE.source.replace('|code|', '|'), 'i');

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
  // The whole message, not a line of a log, is what may be nothing but codes.
  const codesOnly = from === 0 && to === text.length && isCodesOnly(text);
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
    const tilde = (c: number) => c === Char.Tilde || c === 0xff5e;
    if (tilde(nextNonBlank(text, end, 1, lineFrom, lineTo)) || tilde(nextNonBlank(text, at - 1, -1, lineFrom, lineTo)))
      return;
    const beforeFrom = Math.max(lineFrom, at - WORD_BEFORE);
    const before = text.slice(beforeFrom, at);
    const quote = text.charCodeAt(at - 1);
    const after16 = text.slice(end, Math.min(lineTo, end + 16));
    // Marks against: a status, a unit, an id, a client flag, a list number, a quantity. Any one
    // makes the number something else, in either mode.
    if (STATUS_BEFORE_RE.test(before) || UNIT_AFTER_RE.test(after16)) return;
    if (
      isId(before) ||
      besideClientFlag(text, at, end, lineFrom, lineTo) ||
      isListNumber(text, at, end, lineFrom) ||
      isQuantity(before, after16)
    )
      return;
    const bracketText = glued ? undefined : bracketedMessage(text, at, end, lineFrom, lineTo);
    const row = glued ? undefined : tableRow(text, at, end, lineFrom, lineTo);
    // An unlisted code needs a label, a quote or a bracket before it: ids and timestamps are dismissed here.
    if (
      !known &&
      quote !== Char.DoubleQuote &&
      quote !== Char.Apostrophe &&
      quote !== 0x300c &&
      bracketText === undefined &&
      row === undefined &&
      !ERROR_WORD_RE.test(before)
    )
      return;
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
    const codeMsg = weak && !quotedKey && !glued ? codeAndMsg(text, end, lineTo) : undefined;
    if (!known) {
      // Labelled and followed by the platform's message (`Error code: 40125, message: invalid appsecret`,
      // `错误代码：40163，说明：code been used`, `"100030, this api without user authorization"`,
      // `send failed[45015]: …`, `Code: 95018, Msg: "…"`): an error nobody lists, reported as such
      // (analyze decides whether the platform is clear enough).
      const label = before.replace(/[ \t]*[:=[(（]?[ \t]*$/, '');
      const strong = LABEL_END_RE.test(label) && (!weak || STRONG_WORD_RE.test(before.slice(0, weak.index)));
      const found: Array<[string, string | undefined]> = [
        ['quoted-message', quotedMessage(text, at, end, lineTo)],
        ['message-first', bracketText],
        ['labelled-message', strong ? labelMessage(text, end, lineTo) : undefined],
        ['code-and-msg', codeMsg],
        // `|100050|OPENID解密失败…|`: a row of a doc table, its meaning beside it.
        ['table-row-shape', row ? rowText(text, end, lineTo) : undefined],
      ];
      const hit = found.find(([, m]) => m !== undefined);
      if (hit) emit({ code, field: 'prose', index: at, context, message: hit[1]!, rules: [hit[0]] });
      return;
    }
    const worded =
      labelled &&
      !quotedKey &&
      (code < 0 || digits.length >= 3) &&
      (weak
        ? STRONG_WORD_RE.test(`${before.slice(0, weak.index)} ${after}`)
        : ERROR_WORD_RE.test(`${before} ${after}`));
    // Evidence for the number, weighed against the mode's threshold: one strong piece (an error
    // word, the platform's message) is enough to report it unasked; standing bare only when asked.
    const rules: string[] = [];
    let score = 0;
    let message = glued ? undefined : quotedMessage(text, at, end, lineTo);
    if (message !== undefined) score += evidence(rules, 'quoted-message');
    if (!glued && worded) score += evidence(rules, 'error-word');
    if (!glued && weak && labelled && PLATFORM_RE.test(context)) score += evidence(rules, 'code-key-platform');
    // (`[1] 请求错误`, `[0]`: a small number in brackets is a log's or a list's counter.)
    // WeChat's hint before the bracket (`… hint: [VAB1bA0573vr20](45009)`) is the platform's own message shape.
    const hinted = bracketText !== undefined && WECHAT_HINT_RE.test(text.slice(Math.max(lineFrom, at - 200), at - 1));
    const bracketed =
      bracketText !== undefined &&
      (code < 0 || digits.length >= 3) &&
      (worded || hinted || MESSAGE_WORD_RE.test(bracketText) || ERROR_WORD_RE.test(before));
    if (bracketed) {
      score += evidence(rules, 'message-first');
      message ??= bracketText;
    }
    if (codeMsg !== undefined) {
      score += evidence(rules, 'code-and-msg');
      message ??= codeMsg;
    }
    if (row) score += evidence(rules, row === 'header' ? 'table-row' : 'table-row-shape');
    const kind = glued || !opts.tables ? undefined : rowKind(text, at, lineFrom, lineTo, code);
    // Another vendor named around a list or a table of codes (`ByteDanceMiniProgramErrorMsgEnum`): its codes.
    if ((kind || row || weak) && vendorNear(at, end)) return;
    if (kind && blockSupport(text, lineFrom, lineTo, kind, opts.tables!(code), opts.tables!) > 0)
      score += evidence(rules, 'list-block');
    if ((score < STRONG || row || opts.ambiguous?.(code)) && opts.describes) {
      const beside = platformMessage(text, at, end, lineFrom, lineTo, (words) => opts.describes!(code, words));
      if (beside !== undefined) {
        score += evidence(rules, 'meaning-beside');
        message ??= beside;
      }
    }
    // A table row's other cells are its meaning: what the table is told by.
    if (row && message === undefined) message = rowText(text, end, lineTo);
    const strongScore = score;
    if (score < opts.threshold && !glued && !afterColon && !quotedKey && standsAsCode(text, at, end, code, from, to))
      score += evidence(rules, 'bare-code');
    if (score < opts.threshold && codesOnly) score += evidence(rules, 'codes-only');
    if (score < opts.threshold) return;
    const field: Field = strongScore >= STRONG ? 'prose' : 'bare';
    // A row of a list: the heading above the table names its platform (`モバイルQQ青ダイヤのエラーコード`).
    const listed = row !== undefined || kind !== undefined;
    const c: Candidate = {
      code,
      field,
      index: at,
      context: listed
        ? text.slice(Math.max(0, lineFrom - LIST_CONTEXT), Math.min(lineTo, end + CONTEXT_AFTER))
        : context,
      rules,
    };
    if (message !== undefined) c.message = message;
    emit(c);
  };

  // Whether another vendor is named around a number, looked up once per stretch of text.
  let vendorAt = -1;
  let vendorWas = false;
  const vendorNear = (at: number, end: number) => {
    if (vendorAt >= 0 && at - vendorAt < VENDOR_REACH / 2) return vendorWas;
    vendorAt = at;
    vendorWas = isOtherVendor(text.slice(Math.max(0, at - VENDOR_REACH), Math.min(text.length, end + VENDOR_REACH)));
    return vendorWas;
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
    const negative = c === Char.Minus && isDigit(text.charCodeAt(i + 1));
    if (!negative && !isDigit(c)) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    // `label:code`: a colon after a word (not a time's `10:` nor `::`) leaves it to the label to decide.
    const afterColon =
      prev === Char.Colon && i > 1 && !isDigit(text.charCodeAt(i - 2)) && text.charCodeAt(i - 2) !== Char.Colon;
    const joined = !afterColon && i > 0 && joinsBefore(prev);
    let d = negative ? i + 1 : i;
    while (d < text.length && isDigit(text.charCodeAt(d))) d++;
    const next = d < text.length ? text.charCodeAt(d) : 32;
    // `40029: invalid code`, `40029-invalid code`: a colon or dash the platform's message follows;
    // `10:00` stays a time and `010-1234` a phone number. A full stop ends a sentence unless a word
    // or a digit goes on (`1.5`, `40029.log`).
    const after = text.charCodeAt(d + 1);
    const joinedAfter =
      joinsAfter(next) &&
      !((next === Char.Colon || next === Char.Minus) && !isDigit(after)) &&
      !(next === Char.Dot && !isWordChar(after));
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

/** How far around a number another vendor's name is looked for. */
const VENDOR_REACH = 300;

/** How far above a row of a list its heading is read. */
const LIST_CONTEXT = 600;

/** How far around a prose number the platform it belongs to may be named. */
const NAMED_REACH = 240;
