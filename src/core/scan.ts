import { Char } from './chars.js';
/**
 * Scan mode over long texts (whole logs): only the lines where a finding can start are read.
 *
 * One regular expression finds them: an error word or field key (`ret`, `errcode`, `error`,
 * `실패`, `错误`…) with a digit close enough for prose or a value, and not a success value
 * (`ret=0`, `"errcode":0`). Each such line — widened to the whole record when it sits inside
 * pretty-printed JSON — goes through the same field and prose extraction as a short message.
 * Ordinary log lines are never parsed, which is what makes a 10 MB log cheap.
 */
import type { Candidate } from './detect/candidate.js';
import { THRESHOLD } from './detect/evidence.js';
import { extractFields } from './detect/fields.js';
import { anchorSource } from './detect/prefilter.js';
import { extractProse, type ProseOptions } from './detect/prose.js';
import { lineEnd, lineStart } from './detect/reader.js';

/** The pre-filter: generated from the lexicon (detect/prefilter.ts). */
export const ANCHOR_RE = new RegExp(anchorSource(), 'gi');

/** How far a record around an error line is followed, up or down. */
const MAX_RECORD_LINES = 200;
const MAX_RECORD_BYTES = 16_384;

/** Field and prose candidates of every line worth reading, in text order. */
export function scanCandidates(
  text: string,
  skip: (code: number) => boolean,
  prose: Omit<ProseOptions, 'threshold'>,
): Candidate[] {
  const out: Candidate[] = [];
  let done = 0;
  ANCHOR_RE.lastIndex = 0;
  for (let a = ANCHOR_RE.exec(text); a; a = ANCHOR_RE.exec(text)) {
    // A row anchored by the line break before it starts after that break.
    const at = text.charCodeAt(a.index) === Char.Newline ? a.index + 1 : a.index;
    const from = recordStart(text, lineStart(text, at), done);
    let to = lineEnd(text, at);
    let fields = extractFields(text, skip, from, to);
    if (fields.open && to < text.length) {
      to = recordEnd(text, from, to);
      fields = extractFields(text, skip, from, to);
    }
    const words = extractProse(text, fields.spans, { threshold: THRESHOLD.scan, ...prose }, from, to);
    // A loop, not push(...): one huge line can hold more candidates than a call takes arguments.
    for (const c of words.length === 0
      ? fields.candidates
      : [...fields.candidates, ...words].sort((x, y) => x.index - y.index))
      out.push(c);
    done = to;
    ANCHOR_RE.lastIndex = to;
  }
  return out;
}

/** `key:`, `"key" =` at the start of a line, after any indentation: a field of an object. */
const FIELD_FIRST = /[^\w\n]{0,8}["'`]?[A-Za-z_][\w.-]{0,40}["'`]?[ \t]*[:=]/y;

/**
 * A line inside a pretty-printed record: indented, or a quote, a closing bracket or a comma first;
 * or, right after a line ending in `{` `[` or `,`, a `key:` however indented (JS objects people
 * paste, JSON indented with something other than blanks). A log line (`10:00:02 ERROR ...`) is not.
 */
export function continuesRecord(text: string, start: number): boolean {
  if (start === 0) return false;
  const c = text.charCodeAt(start);
  // space, tab, " ' } ] ,
  if (
    c === Char.Space ||
    c === Char.Tab ||
    c === Char.DoubleQuote ||
    c === Char.Apostrophe ||
    c === Char.CloseBrace ||
    c === Char.CloseBracket ||
    c === Char.Comma
  )
    return true;
  let j = start - 2;
  while (
    j >= 0 &&
    (text.charCodeAt(j) === Char.Space || text.charCodeAt(j) === Char.Tab || text.charCodeAt(j) === Char.CarriageReturn)
  )
    j--;
  const p = text.charCodeAt(j);
  if (p !== Char.OpenBrace && p !== Char.OpenBracket && p !== Char.Comma) return false;
  FIELD_FIRST.lastIndex = start;
  return FIELD_FIRST.test(text);
}

/** Where the record holding the line starting at `start` begins, never before `floor` (already read). */
function recordStart(text: string, start: number, floor: number): number {
  let from = start;
  for (let n = 0; n < MAX_RECORD_LINES && start - from < MAX_RECORD_BYTES && continuesRecord(text, from); n++) {
    const prev = lineStart(text, from - 1);
    if (prev < floor) break;
    from = prev;
  }
  return from;
}

/**
 * End of the record opened in [from, to): the following lines are taken while the braces stay open
 * and the lines still look like the record's (a stray `{` in a log line does not swallow the log).
 */
function recordEnd(text: string, from: number, to: number): number {
  let depth = braceDepth(text, from, to, 0);
  let end = to;
  for (let n = 0; depth > 0 && end < text.length && n < MAX_RECORD_LINES && end - from < MAX_RECORD_BYTES; n++) {
    if (!continuesRecord(text, end + 1)) break;
    const next = lineEnd(text, end + 1);
    depth = braceDepth(text, end + 1, next, depth);
    end = next;
  }
  return end;
}

function braceDepth(text: string, from: number, to: number, depth: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === Char.OpenBrace) depth++;
    else if (c === Char.CloseBrace && depth > 0) depth--;
  }
  return depth;
}
