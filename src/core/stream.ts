/**
 * Scan mode over input of any size (a log piped into `msdk scan`), in constant memory.
 *
 * Bytes are decoded as they come and cut into windows at line boundaries where no record is open:
 * before a line that does not continue a pretty-printed record (scan.ts's own test), so no record
 * the scanner would widen crosses a cut. The text either side of a cut is read as context (a
 * code's table can be decided by the line above it, its platform by a line below) and its findings
 * are counted in one window only. Each window goes through `analyze()` as it is, and the findings
 * are merged by the key analyze counts by (table, code, via), so the counts are those of the whole
 * text.
 *
 * What is held back at a cut is bounded: where no such line occurs within `maxCarryChars` (a
 * megabyte of one record, a line without a newline), the window is cut anyway, before a line
 * that opens a record if there is one, else at the last line break, else inside the line.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Catalog } from './catalog.js';
import { analyze } from './analyze.js';
import { isWordChar } from './chars.js';
import { continuesRecord } from './scan.js';
import type { Analysis, Finding, Lang } from './types.js';

export interface StreamOptions {
  lang?: Lang;
  catalog?: Catalog;
  /** Number the lines each finding appears on (`lines: [first, last]`). */
  lines?: boolean;
  /** New characters a window takes before it is scanned. */
  windowChars?: number;
  /** Most characters held back at a cut for a record still open; a longer line or record is cut. */
  maxCarryChars?: number;
  /**
   * Characters read as context either side of a cut (default 1024). Under 240 plus what normalising
   * drops, the platform a nearby line names can be missed: tests lower it to cut short texts.
   */
  contextChars?: number;
}

export interface StreamFinding extends Finding {
  /** First and last line (1-based, in its input) where the finding occurs, when lines are numbered. */
  lines?: [number, number];
  /** Index of the input holding the first and the last line, when several inputs were scanned. */
  inputs?: [number, number];
}

export interface StreamAnalysis extends Omit<Analysis, 'findings'> {
  findings: StreamFinding[];
}

export interface StreamStats {
  bytes: number;
  windows: number;
  /** Longest text handed to analyze() at once. */
  maxWindowChars: number;
  /** Most characters held back at a cut (an open record or an unfinished line). */
  maxCarryChars: number;
  /** Cuts where no line closed every record (the region had none within maxCarryChars). */
  forcedCuts: number;
  /** Cuts inside a line longer than maxCarryChars. */
  cutLines: number;
}

/** Small enough to stay out of the way of the garbage collector (4 MiB windows: a third more RSS, no faster). */
const DEFAULT_WINDOW_CHARS = 1 << 20;
const DEFAULT_MAX_CARRY_CHARS = 1 << 20;
/**
 * Context either side of a window's counted text: extract.ts looks up to 240 characters around a
 * number for the platform it names, lines above and below included, and normalising can shrink
 * `&amp;` to one character.
 */
const DEFAULT_CONTEXT_CHARS = 1024;
/** A cut inside a line backs off to a blank or over a token (`-30|3`) for at most this many characters. */
const TOKEN_BACKOFF = 64;

type Cut = { at: number; kind: 'clean' | 'forced' | 'line' };

/** Feeds any number of inputs (files, stdin) through one scan; `result()` merges them all. */
export class StreamScanner {
  readonly stats: StreamStats = {
    bytes: 0,
    windows: 0,
    maxWindowChars: 0,
    maxCarryChars: 0,
    forcedCuts: 0,
    cutLines: 0,
  };
  private readonly windowChars: number;
  private readonly maxCarryChars: number;
  private readonly contextChars: number;
  private readonly merged = new Map<string, StreamFinding>();
  private occurrences = 0;
  private input = 0;
  /** Node's decoder, not TextDecoder: it gives ASCII as one-byte strings, which the scanner reads twice as fast. */
  private decoder = new StringDecoder('utf8');
  /** The text before the pending text (contextChars of it, ending in a `\n`): context only. */
  private prefix = '';
  private pending: string[] = [];
  private pendingChars = 0;
  /** Pending characters at which the next window is scanned: each window takes windowChars new ones. */
  private flushAt: number;
  /** Lines of the current input before the pending text. */
  private lineBase = 0;

  constructor(private readonly options: StreamOptions = {}) {
    this.windowChars = Math.max(1, options.windowChars ?? DEFAULT_WINDOW_CHARS);
    this.maxCarryChars = Math.max(1, options.maxCarryChars ?? DEFAULT_MAX_CARRY_CHARS);
    this.contextChars = Math.max(0, options.contextChars ?? DEFAULT_CONTEXT_CHARS);
    this.flushAt = this.windowChars;
  }

  /** Occurrences counted so far (progress). */
  get found(): number {
    return this.occurrences;
  }

  write(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    this.stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (text === '') return;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.flushAt) this.flush(false);
  }

  /** Ends the current input: its last window is scanned, and the next write starts a new input at line 1. */
  endInput(): void {
    const tail = this.decoder.end();
    if (tail) this.pending.push(tail);
    this.flush(true);
    this.decoder = new StringDecoder('utf8');
    this.prefix = '';
    this.lineBase = 0;
    this.input++;
  }

  /** The findings of everything written, in order of first appearance, as one Analysis. */
  result(): StreamAnalysis {
    if (this.pendingChars > 0 || this.prefix !== '') this.endInput();
    return { findings: [...this.merged.values()], matches: [] };
  }

  private flush(final: boolean): void {
    const bodyStart = this.prefix.length;
    const text = [this.prefix, ...this.pending].join('');
    this.pending = [];
    this.pendingChars = 0;
    const cut = final
      ? ({ at: text.length, kind: 'clean' } as const)
      : chooseCut(text, bodyStart, this.maxCarryChars, this.contextChars);
    if (!cut) {
      // A record is open and all of it fits in what may be held back: wait for more of it.
      this.pending = [text.slice(bodyStart)];
      this.pendingChars = text.length - bodyStart;
      this.flushAt = this.pendingChars + this.windowChars;
      return;
    }
    if (cut.at > bodyStart) this.scan(text, bodyStart, cut);
    if (cut.kind === 'forced') this.stats.forcedCuts++;
    if (cut.kind === 'line') this.stats.cutLines++;
    if (final) return;

    const carry = text.slice(cut.at);
    this.stats.maxCarryChars = Math.max(this.stats.maxCarryChars, carry.length);
    if (this.options.lines) this.lineBase += countLines(text, bodyStart, cut.at);
    this.prefix = cut.kind === 'line' ? '' : text.slice(contextStart(text, cut.at, this.contextChars), cut.at);
    this.pending = carry === '' ? [] : [carry];
    this.pendingChars = carry.length;
    this.flushAt = carry.length + this.windowChars;
  }

  /**
   * Scans text up to the cut and the context after it; counts the occurrences in [from, cut.at).
   * Both ends are line starts (but in a cut inside a line, which takes no context), and normalising
   * keeps every line break: the nth break of the text is the nth of what analyze reads.
   */
  private scan(text: string, from: number, cut: Cut): void {
    const end = cut.kind === 'line' ? cut.at : Math.min(text.length, cut.at + this.contextChars);
    const window = end === text.length ? text : text.slice(0, end);
    // Counted in the context only (never the whole window): a megabyte of lines costs nothing here.
    const breaksBefore = countLines(text, 0, from);
    const breaksAfter = cut.at === window.length ? undefined : countLines(window, cut.at, window.length);
    let bodyEnd = Number.POSITIVE_INFINITY;
    this.stats.windows++;
    this.stats.maxWindowChars = Math.max(this.stats.maxWindowChars, window.length);
    let bodyStart = -1;
    // Line numbers count forward from the last occurrence: candidates come in text order.
    let at = 0;
    let line = 0;
    analyze(window, {
      mode: 'scan',
      maxBytes: Number.POSITIVE_INFINITY,
      ...(this.options.lang && { lang: this.options.lang }),
      ...(this.options.catalog && { catalog: this.options.catalog }),
      onOccurrence: (f, index, norm) => {
        if (bodyStart < 0) {
          bodyStart = afterBreaks(norm, breaksBefore);
          if (breaksAfter !== undefined) bodyEnd = beforeBreaks(norm, breaksAfter);
          at = bodyStart;
        }
        if (index < bodyStart || index >= bodyEnd) return;
        const key = `${f.table}:${f.code}:${f.via?.code ?? ''}`;
        let m = this.merged.get(key);
        // A copy through JSON: the finding's strings may be slices of this window, which must not stay alive.
        if (!m) this.merged.set(key, (m = { ...(JSON.parse(JSON.stringify(f)) as Finding), count: 0 }));
        m.count++;
        this.occurrences++;
        if (!this.options.lines) return;
        if (index < at) {
          at = bodyStart;
          line = 0;
        }
        line += countLines(norm, at, index);
        at = index;
        const n = this.lineBase + line + 1;
        if (!m.lines) {
          m.lines = [n, n];
          m.inputs = [this.input, this.input];
        }
        m.lines[1] = n;
        m.inputs![1] = this.input;
      },
    });
  }
}

/**
 * Where to cut `text` (never at or before `bodyStart`, the end of the context kept from the last
 * window): the last line that does not continue a record, within the last `maxCarry` characters.
 * Only complete lines are judged (whether a line continues a record can depend on its first
 * characters). Failing that: nowhere while all of it may still be held back; else the last line
 * opening a record, the last line break, or inside the line.
 */
function chooseCut(text: string, bodyStart: number, maxCarry: number, context: number): Cut | undefined {
  const lo = Math.max(bodyStart + 1, text.length - maxCarry);
  // A clean cut leaves the context after it in the text (what the scan reads past the cut).
  const hi = text.length - Math.min(context, maxCarry >> 1);
  const lastBreak = text.lastIndexOf('\n');
  let opens = -1;
  for (let end = lastBreak; end > 0; ) {
    const nl = text.lastIndexOf('\n', end - 1);
    const start = nl + 1;
    if (start < lo) break;
    if (start <= hi && !continuesRecord(text, start)) return { at: start, kind: 'clean' };
    if (opens < 0 && opensRecord(text, start, end)) opens = start;
    end = nl;
  }
  if (text.length - bodyStart <= maxCarry) return undefined;
  if (opens >= 0) return { at: opens, kind: 'forced' };
  if (lastBreak + 1 >= lo) return { at: lastBreak + 1, kind: 'forced' };
  return { at: tokenBoundary(text, lo), kind: 'line' };
}

/** A line whose first non-blank character is `{`: a record starts there. */
function opensRecord(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 123;
}

/**
 * The end of the text, backed off to the last blank (so `ret=-3|03` keeps its key and value
 * together), else over a token the cut would split, else not at all (one endless token).
 */
function tokenBoundary(text: string, lo: number): number {
  const floor = Math.max(lo, text.length - TOKEN_BACKOFF);
  let at = text.length;
  while (at > floor && !isBlank(text.charCodeAt(at - 1))) at--;
  if (at === floor) {
    at = text.length;
    while (at > floor && continuesToken(text.charCodeAt(at - 1))) at--;
    if (at === floor) at = text.length;
  }
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff && at > lo ? at - 1 : at;
}

const isBlank = (c: number) => c === 32 || c === 9;

function continuesToken(c: number): boolean {
  return isWordChar(c) || c === 43 || c === 45; // + -
}

/** Start of the context kept above a cut at `at`: the `context` characters before it, over lines too. */
function contextStart(text: string, at: number, context: number): number {
  const from = Math.max(0, at - context);
  const c = text.charCodeAt(from);
  return c >= 0xdc00 && c <= 0xdfff ? from + 1 : from;
}

/** Where the text after its first `breaks` line breaks begins. */
function afterBreaks(text: string, breaks: number): number {
  let at = 0;
  for (let n = 0; n < breaks; n++) at = text.indexOf('\n', at) + 1;
  return at;
}

/** Just after the text's (`breaks` + 1)th line break from its end: where its last `breaks` lines begin. */
function beforeBreaks(text: string, breaks: number): number {
  let at = text.length;
  for (let n = 0; n <= breaks; n++) at = text.lastIndexOf('\n', at - 1);
  return at + 1;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
