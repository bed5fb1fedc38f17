import { Char } from '../chars.js';
/**
 * The marks that make a number something else, one function per rule (each rule's id, description and
 * examples are in rules/<id>.ts). One module for the same reason as shapes.ts: start-up time.
 */
import {
  CLIENT_FLAG_PREFIX,
  ERROR_DOMAIN_RE,
  ID_BEFORE_RE,
  OTHER_VENDOR_RE,
  OTHER_VENDOR_SHAPE_RE,
  OWN_DOMAIN_RE,
  QUANTITY_AFTER_RE,
  QUANTITY_BEFORE_RE,
} from './lexicon.js';

// ── not-an-id (rules/not-an-id.ts) ──

/** Whether the words right before a number make it an id (lexicon ID_KEYS, ID_WORDS). */
export function isId(before: string): boolean {
  return ID_BEFORE_RE.test(before);
}

// ── not-client-flag (rules/not-client-flag.ts) ──

/** How far on the line an `eFlag_` name makes a number the client's. */
const REACH = 48;

/**
 * Whether an `eFlag_` name stands beside the number on its line (`|1000|eFlag_QQ_NoAcessToken|`,
 * `eFlag_WX_UserCancel = 2002`): MSDK's client return codes, not backend codes. (The client's own
 * table will turn this mark into a positive rule.)
 */
export function besideClientFlag(text: string, at: number, end: number, lineFrom: number, lineTo: number): boolean {
  const window = text.slice(Math.max(lineFrom, at - REACH), Math.min(lineTo, end + REACH));
  return window.includes(CLIENT_FLAG_PREFIX);
}

// ── not-a-list-number (rules/not-a-list-number.ts) ──

/**
 * Whether the number opens a list item: first on its line (after blanks and markdown `*`, `#`,
 * `>`, `-`) and followed by `.`, `、` or `)` and a blank or a word (`**2. 调用后一直报错**`, `3) retry`).
 */
export function isListNumber(text: string, at: number, end: number, lineFrom: number): boolean {
  const next = text.charCodeAt(end);
  if (next !== Char.Dot && next !== 0x3001 && next !== Char.CloseParen && next !== 0xff0e) return false; // . 、 ) ．
  const after = text.charCodeAt(end + 1);
  if (next === Char.Dot && after >= Char.Digit0 && after <= Char.Digit9) return false; // a decimal
  for (let i = lineFrom; i < at; i++) {
    const c = text.charCodeAt(i);
    if (
      c !== Char.Space &&
      c !== Char.Tab &&
      c !== Char.Asterisk &&
      c !== Char.Hash &&
      c !== Char.GreaterThan &&
      c !== Char.Minus &&
      c !== Char.Underscore
    )
      return false; // blank * # > - _
  }
  return true;
}

// ── not-a-quantity (rules/not-a-quantity.ts) ──

/** Whether the words around the number make it a size, a limit or a quantity (lexicon QUANTITY_*). */
export function isQuantity(before: string, after: string): boolean {
  return QUANTITY_BEFORE_RE.test(before) || QUANTITY_AFTER_RE.test(after);
}

// ── other-vendor (rules/other-vendor.ts) ──

/** Whether the text names another vendor (lexicon OTHER_VENDORS). */
export function isOtherVendor(text: string): boolean {
  return OTHER_VENDOR_RE.test(text) || OTHER_VENDOR_SHAPE_RE.test(text);
}

// ── error-domain (rules/error-domain.ts) ──

const NO_CODES: ReadonlySet<number> = new Set();

/**
 * The codes other error domains own in the text: after `Error Domain=NSURLErrorDomain Code=-1001`,
 * every -1001 of the paste is that timeout (`HTTP load failed (error code: -1001)` is the same event),
 * unless a domain of MSDK, WeChat or QQ prints the same code.
 */
export function domainCodes(text: string): ReadonlySet<number> {
  if (!text.includes('Domain') && !text.includes(' error ')) return NO_CODES;
  const other = new Set<number>();
  const own = new Set<number>();
  for (const m of text.matchAll(ERROR_DOMAIN_RE)) {
    const domain = m[1] ?? m[3] ?? m[6]!;
    (OWN_DOMAIN_RE.test(domain) ? own : other).add(Number(m[2] ?? m[4] ?? m[5]));
  }
  for (const code of own) other.delete(code);
  return other;
}
