import { isDigit, isWordChar } from '../../chars.js';
import { NOT_CODE_BEFORE_RE } from '../lexicon.js';
import { nextNonBlank } from '../reader.js';
import type { Rule } from '../rule.js';

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

export const rule: Rule = {
  meta: {
    id: 'bare-code',
    kind: 'detect',
    description:
      'Explain mode: a known number standing as a code (`msdk explain -303`), not as part of a date, a version, a table of counts, a log prefix, a line number or a count in long prose. Weak evidence: enough when asked, never alone in a channel.',
  },
  found: [
    { text: '-303', code: -303, table: 'access', mode: 'explain' },
    { text: 'what is 40029?', code: 40029, table: 'wechat', mode: 'explain' },
  ],
  silent: [
    { text: '-303', code: -303, mode: 'scan' },
    { text: 'Wed Mar 27 2025 09:41:02 GMT+0900', code: 2025, mode: 'explain' },
    { text: 'see line 512 of the file', code: 512, mode: 'explain' },
  ],
};
