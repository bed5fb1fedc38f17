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
import { analyze } from './analyze.js';
import type { Catalog } from './catalog.js';
import { Char, isWordChar } from './chars.js';
import { READ_REACH } from './detect/reader.js';
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
   * Characters read as context either side of a cut (default 2 × READ_REACH). Under READ_REACH plus
   * what normalising drops, a table's header or a nearby line can be missed: tests lower it to cut short texts.
   */
  contextChars?: number;
  /**
   * Scans window number `index` elsewhere (a worker thread), or returns undefined to scan it here.
   * Results are merged in window order whatever order they finish in.
   */
  runWindow?: (job: WindowJob, index: number) => Promise<WindowResult> | undefined;
  /** Windows scanned elsewhere and not yet merged before `write` asks its caller to wait (default 4). */
  maxInFlight?: number;
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
 * Context either side of a window's counted text: the rules read up to READ_REACH characters around
 * a number (a table's header, a list's rows, the platform named), lines above and below included,
 * and normalising can shrink `&amp;` to one character.
 */
const DEFAULT_CONTEXT_CHARS = 2 * READ_REACH;
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
  /** Windows handed out and not yet merged, in window order, with where their lines start. */
  private readonly queue: Array<{ result: WindowResult | Promise<WindowResult>; lineBase: number; input: number }> = [];
  private readonly windowOptions: Pick<StreamOptions, 'lang' | 'catalog' | 'lines'>;

  constructor(private readonly options: StreamOptions = {}) {
    this.windowChars = Math.max(1, options.windowChars ?? DEFAULT_WINDOW_CHARS);
    this.maxCarryChars = Math.max(1, options.maxCarryChars ?? DEFAULT_MAX_CARRY_CHARS);
    this.contextChars = Math.max(0, options.contextChars ?? DEFAULT_CONTEXT_CHARS);
    this.flushAt = this.windowChars;
    const { lang, catalog, lines } = options;
    this.windowOptions = { ...(lang && { lang }), ...(catalog && { catalog }), ...(lines && { lines }) };
  }

  /** Occurrences counted so far (progress). */
  get found(): number {
    return this.occurrences;
  }

  /** Takes the next chunk; with windows scanned elsewhere, a promise to wait for before the next write. */
  write(chunk: Uint8Array | string): Promise<void> | undefined {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    this.stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (text === '') return undefined;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.flushAt) this.flush(false);
    const most = this.options.maxInFlight ?? 4;
    return this.queue.length > most ? this.settle(most) : undefined;
  }

  /** Waits until at most `left` windows are still out, merging the rest in order. */
  private async settle(left: number): Promise<void> {
    while (this.queue.length > left) {
      const head = this.queue[0]!;
      head.result = await head.result;
      this.mergeSettled();
    }
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
    if (this.queue.length > 0) throw new Error('windows are still being scanned: await finish() instead');
    return { findings: [...this.merged.values()], matches: [] };
  }

  /** result(), once every window handed to `runWindow` is back. */
  async finish(): Promise<StreamAnalysis> {
    if (this.pendingChars > 0 || this.prefix !== '') this.endInput();
    await this.settle(0);
    return this.result();
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

  /** Hands the window up to the cut (and the context after it) to the runner; merges in window order. */
  private scan(text: string, from: number, cut: Cut): void {
    const end = cut.kind === 'line' ? cut.at : Math.min(text.length, cut.at + this.contextChars);
    const window = end === text.length ? text : text.slice(0, end);
    this.stats.windows++;
    this.stats.maxWindowChars = Math.max(this.stats.maxWindowChars, window.length);
    const job: WindowJob = {
      window,
      // Counted in the context only (never the whole window): a megabyte of lines costs nothing here.
      breaksBefore: countLines(text, 0, from),
      breaksAfter: cut.at === window.length ? undefined : countLines(window, cut.at, window.length),
    };
    const run = this.options.runWindow;
    const result = run ? run(job, this.stats.windows - 1) : undefined;
    this.queue.push({
      result: result ?? scanWindow(job, this.windowOptions),
      lineBase: this.lineBase,
      input: this.input,
    });
    this.mergeSettled();
  }

  /** Merges the finished windows at the head of the queue, so findings keep their order of first appearance. */
  private mergeSettled(): void {
    while (this.queue.length > 0 && !(this.queue[0]!.result instanceof Promise)) {
      const { result, lineBase, input } = this.queue.shift()!;
      this.merge(result as WindowResult, lineBase, input);
    }
  }

  private merge(result: WindowResult, lineBase: number, input: number): void {
    for (const w of result) {
      let m = this.merged.get(w.key);
      if (!m) this.merged.set(w.key, (m = { ...w.finding, count: 0 }));
      m.count += w.count;
      this.occurrences += w.count;
      if (w.lines === undefined) continue;
      const [first, last] = [lineBase + w.lines[0] + 1, lineBase + w.lines[1] + 1];
      if (!m.lines) {
        m.lines = [first, last];
        m.inputs = [input, input];
      }
      m.lines[1] = last;
      m.inputs![1] = input;
    }
  }
}

/** One window of the stream, as scanWindow reads it. Plain data: it can be posted to a worker thread. */
export interface WindowJob {
  window: string;
  /** Line breaks before the counted text (the context above it). */
  breaksBefore: number;
  /** Line breaks in the context after the counted text; undefined when there is none. */
  breaksAfter: number | undefined;
}

/** A window's findings in order of first appearance, each counted, with the lines (0-based, from the counted text's first) it spans. */
export type WindowResult = Array<{ key: string; finding: Finding; count: number; lines?: [number, number] }>;

/**
 * Scans one window and counts the occurrences in its counted text. Both ends of that text are line
 * starts (but in a cut inside a line, which takes no context), and normalising keeps every line
 * break: the nth break of the window is the nth of what analyze reads.
 */
export function scanWindow(job: WindowJob, options: Pick<StreamOptions, 'lang' | 'catalog' | 'lines'>): WindowResult {
  const found = new Map<string, WindowResult[number]>();
  let bodyStart = -1;
  let bodyEnd = Number.POSITIVE_INFINITY;
  // Line numbers count forward from the last occurrence: candidates come in text order.
  let at = 0;
  let line = 0;
  analyze(job.window, {
    mode: 'scan',
    maxBytes: Number.POSITIVE_INFINITY,
    ...(options.lang && { lang: options.lang }),
    ...(options.catalog && { catalog: options.catalog }),
    onOccurrence: (f, index, norm) => {
      if (bodyStart < 0) {
        bodyStart = afterBreaks(norm, job.breaksBefore);
        if (job.breaksAfter !== undefined) bodyEnd = beforeBreaks(norm, job.breaksAfter);
        at = bodyStart;
      }
      if (index < bodyStart || index >= bodyEnd) return;
      const key = `${f.table}:${f.code}:${f.via?.code ?? ''}`;
      let w = found.get(key);
      // A copy through JSON: the finding's strings may be slices of this window, which must not stay alive.
      if (!w) found.set(key, (w = { key, finding: JSON.parse(JSON.stringify(f)) as Finding, count: 0 }));
      w.count++;
      if (!options.lines) return;
      if (index < at) {
        at = bodyStart;
        line = 0;
      }
      line += countLines(norm, at, index);
      at = index;
      if (!w.lines) w.lines = [line, line];
      w.lines[1] = line;
    },
  });
  return [...found.values()];
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
  return text.charCodeAt(i) === Char.OpenBrace;
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
  return c >= Char.HighSurrogateFirst && c <= Char.HighSurrogateLast && at > lo ? at - 1 : at;
}

const isBlank = (c: number) => c === Char.Space || c === Char.Tab;

function continuesToken(c: number): boolean {
  return isWordChar(c) || c === Char.Plus || c === Char.Minus;
}

/** Start of the context kept above a cut at `at`: the `context` characters before it, over lines too. */
function contextStart(text: string, at: number, context: number): number {
  const from = Math.max(0, at - context);
  const c = text.charCodeAt(from);
  return c >= Char.LowSurrogateFirst && c <= Char.LowSurrogateLast ? from + 1 : from;
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
