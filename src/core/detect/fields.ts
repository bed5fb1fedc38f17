/**
 * Responses and log lines: the values of the lexicon's field keys (`ret`, `errcode`, `error`, …),
 * grouped into records by braces, or by line outside braces.
 */
import { Char, isWordChar } from '../chars.js';
import type { Candidate, Field } from './candidate.js';
import { type CodeSlot, FIELD_KEYS, isCodeSlot, isMessageSlot, UNIT_AFTER_RE } from './lexicon.js';
import {
  compared,
  contextOf,
  LEADING_CODE_RE,
  lineEnd,
  lineStart,
  MAX_DEPTH,
  readValue,
  valueStart,
} from './reader.js';

/** The rule id every field candidate carries. */
export const FIELD_RULE = 'field-key';
const LABELLED = 'labelled-response';

const KEYS: readonly string[] = Object.keys(FIELD_KEYS);
const KEY_MIN = Math.min(...KEYS.map((k) => k.length));
const KEY_MAX = Math.max(...KEYS.map((k) => k.length));
/** First letters of the keys, lower-cased (`c | 32`): most words are dismissed on their first letter. */
const KEY_FIRST: ReadonlySet<number> = new Set(KEYS.map((k) => k.charCodeAt(0)));

/** A code read from a field, and the rule beyond `field-key` that read it (`source-code`, `escaped-json`). */
interface Slotted {
  code: number;
  index: number;
  rule?: string;
}

interface RecordFields {
  start: number;
  /** The rule that opened the record beyond `field-key` (`labelled-response`). */
  rule?: string;
  ret?: Slotted;
  errcode?: Slotted;
  error?: Slotted;
  key?: Slotted;
  errType?: number;
  msg?: string;
  errmsg?: string;
  errorDescription?: string;
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
  // Where a label (`Error: {...}`) put a response: the record opened there carries the rule.
  let labelledAt = -1;

  const flush = (r: RecordFields, end: number) => {
    const push = (f: Slotted, field: Field, message: string | undefined) => {
      if (skip(f.code)) return;
      const c: Candidate = {
        code: f.code,
        field,
        index: f.index,
        context: contextOf(text, r.start, end),
        rules: [FIELD_RULE, ...(f.rule ? [f.rule] : []), ...(r.rule ? [r.rule] : [])],
      };
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
    if (c === Char.OpenBrace /* { */) {
      if (stack.length < MAX_DEPTH) stack.push(i === labelledAt ? { start: i, rule: LABELLED } : { start: i });
      i++;
      continue;
    }
    if (c === Char.CloseBrace /* } */) {
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
    const fieldKey = FIELD_KEYS[key];
    if (!fieldKey) continue;
    const valueAt = valueStart(text, at, i);
    if (valueAt < 0) continue;
    // `Error: {"ret":-502,...}`: a label in front of a response, not QQ connect's `error` field.
    if (text.charCodeAt(valueAt) === Char.OpenBrace /* { */) {
      labelledAt = valueAt;
      continue;
    }
    const v = readValue(text, valueAt, isMessageSlot(fieldKey.slot));
    if (!v) continue;
    // A string holding escaped JSON (`"error":"ERR_GET_SESSION_KEY {\"errcode\":40029,…}"`, JSON in JSON)
    // is read on inside: its fields are the response.
    if (v.string !== undefined && text.slice(valueAt, v.end).includes('{\\"')) i = Math.max(i, valueAt + 1);
    else {
      i = Math.max(i, v.end);
      spans.push([valueAt, v.end]);
    }
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
    if (code !== undefined) {
      const rule = compared(text, valueAt)
        ? 'source-code'
        : at > 1 && text.charCodeAt(at - 2) === Char.Backslash
          ? 'escaped-json'
          : undefined;
      // `if (ret != 0)` names no code: it asks for any failure.
      if (!(rule === 'source-code' && code === 0))
        r[slot!] ??= rule ? { code, index: valueAt, rule } : { code, index: valueAt };
    } else if (fieldKey.slot === 'errType' && v.number !== undefined) r.errType ??= v.number;
    if (v.string !== undefined) {
      const slot = isMessageSlot(fieldKey.slot) ? (fieldKey.slot as 'msg' | 'errmsg' | 'errorDescription') : undefined;
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

/** Which code field a key fills, if any. */
function codeSlot(key: string): CodeSlot | undefined {
  const slot = FIELD_KEYS[key]?.slot;
  return slot && isCodeSlot(slot) ? slot : undefined;
}
