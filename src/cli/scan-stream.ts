/**
 * What `msdk scan` and `msdk notify` read: files named with `--file` (repeatable), the TEXT
 * arguments, or standard input, streamed through the core's StreamScanner in constant memory and
 * with no size limit. On a terminal, a file of known size gets a progress line on stderr.
 */
import { createReadStream, statSync } from 'node:fs';
import { analyze, cutUtf8, defaultCatalog, type Lang, loadStream, type StreamAnalysis } from '../core/index.js';
import { InputError, InputFormatError, UsageError } from '../errors.js';
import { decodeInput } from './decode-input.js';
import { type Chunks, type CliIo, printAnalysis } from './io.js';
import { ScanThreadError, scanPool, scanThreads, WINDOW_CHARS } from './scan-pool.js';
import { formatSummary, summaryJson, topFindings } from './summary.js';

export interface InputCommand {
  command: 'explain' | 'scan' | 'notify';
  lang: Lang;
  json: boolean;
  files: string[];
  words: string[];
  maxInputBytes: number;
  scanThreads?: number | undefined;
  summary?: { top?: number };
}

/** `scan` and `notify` of any input, and `explain` of standard input or a file; returns the exit code. */
export async function runOnInput(io: CliIo, c: InputCommand): Promise<number> {
  const inputs = inputsOf(io, c.files, c.words);
  const progress = io.stderrIsTTY ? { progress: io.stderr } : {};
  const warn = (message: string) => io.stderr(`msdk: ${message}\n`);
  if (c.command === 'notify') {
    const { notifyWecom } = await import('./notify.js');
    const { ok, message } = await notifyWecom(
      (lang) => scanInputs(inputs, { lang, lines: false, threads: c.scanThreads, warn, ...progress }),
      io.env,
      io.stderr,
    );
    (ok ? io.stdout : io.stderr)(`${(ok ? '' : 'msdk: ') + message}\n`);
    return ok ? 0 : 1;
  }
  if (c.command === 'scan') {
    const result = await scanInputs(inputs, {
      lang: c.lang,
      lines: c.summary !== undefined,
      threads: c.scanThreads,
      warn,
      ...progress,
    });
    const names = inputs.map((i) => i.name);
    if (!c.summary) {
      printAnalysis(io, result, c.json, c.lang);
    } else {
      const findings = topFindings(result.findings, c.summary.top);
      io.stdout(
        c.json
          ? `${JSON.stringify({ findings: summaryJson(findings, names), matches: [] })}\n`
          : formatSummary(findings, names, defaultCatalog(), c.lang),
      );
    }
    return 0;
  }
  // explain: one message someone asks about, read up to MAX_INPUT_BYTES.
  const read = await readBounded(joined(inputs, warn), c.maxInputBytes);
  const analysis = analyze(read.text, { mode: 'explain', lang: c.lang, maxBytes: c.maxInputBytes });
  if (read.truncated) analysis.truncated = read.truncated;
  printAnalysis(io, analysis, c.json, c.lang);
  return 0;
}

/** TEXT arguments, else the `--file`s, else standard input. */
function inputsOf(io: CliIo, files: string[], words: string[]): ScanInput[] {
  if (words.length > 0) return [{ name: 'TEXT', chunks: () => [words.map((w) => w.trim()).join(' ')] }];
  const stdin: ScanInput = {
    name: '-',
    ...(io.stdinSize !== undefined && { size: io.stdinSize }),
    chunks: () => {
      const s = io.stdin();
      return s instanceof Promise
        ? (async function* () {
            yield await s;
          })()
        : s;
    },
  };
  return files.length > 0 ? files.map((f) => fileInput(f, stdin)) : [stdin];
}

async function* joined(inputs: ScanInput[], warn: (message: string) => void): AsyncIterable<Uint8Array | string> {
  for (const input of inputs) yield* decodeInput(input.chunks(), { name: input.name, onWarning: warn });
}

export interface ScanInput {
  name: string;
  /** Bytes, when known in advance (a regular file): progress is drawn only then. */
  size?: number;
  chunks: () => Chunks;
}

/** `--file PATH`; `-` is standard input. A missing file or a directory is a usage error, before anything is read. */
export function fileInput(path: string, stdin: ScanInput): ScanInput {
  if (path === '-') return stdin;
  let size: number | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`${path} is a directory, not a file`);
    if (st.isFile()) size = st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { name: path, ...(size !== undefined && { size }), chunks: () => createReadStream(path, READ_OPTIONS) };
}

/** Large reads: fewer, bigger chunks go through the decoder and the scanner. */
const READ_OPTIONS = { highWaterMark: 256 << 10 };

/** Scans every input as one log (counts summed, records never joined across inputs). */
export async function scanInputs(
  inputs: ScanInput[],
  options: {
    lang: Lang;
    lines: boolean;
    progress?: (s: string) => void;
    /** A problem that loses nothing already read (a gzip file cut short), said on stderr. */
    warn?: (message: string) => void;
    threads?: number | undefined;
  },
): Promise<StreamAnalysis> {
  const { StreamScanner } = await loadStream();
  const pool = scanPool({ lang: options.lang, lines: options.lines, ...scanThreads(options.threads) });
  const { runWindow, maxInFlight } = pool;
  const scanner = new StreamScanner({
    lang: options.lang,
    lines: options.lines,
    windowChars: WINDOW_CHARS,
    runWindow,
    maxInFlight,
  });
  const total = inputs.reduce<number | undefined>(
    (sum, i) => (sum === undefined || i.size === undefined ? undefined : sum + i.size),
    0,
  );
  const meter = options.progress && total ? progressMeter(total, options.progress) : undefined;
  // Progress is measured in bytes read from the files, before gzip is undone.
  let read = 0;
  try {
    for (const input of inputs) {
      try {
        const text = decodeInput(input.chunks(), {
          name: input.name,
          onRawBytes: (n) => (read += n),
          ...(options.warn && { onWarning: options.warn }),
        });
        for await (const chunk of text) {
          await scanner.write(chunk);
          meter?.update(read, scanner.found);
        }
      } catch (err) {
        if (err instanceof ScanThreadError || err instanceof InputFormatError) throw err;
        const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        throw new InputError(`cannot read ${input.name}: ${why}`, { cause: err });
      }
      scanner.endInput();
    }
    return await scanner.finish();
  } finally {
    meter?.clear();
    await pool.close();
  }
}

/**
 * The first `maxBytes` of an input (explain: one message someone asks about), with what the rest
 * would have been counted, not kept.
 */
export async function readBounded(
  chunks: Chunks,
  maxBytes: number,
): Promise<{ text: string; truncated?: { readBytes: number; totalBytes: number } }> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += bytes.length;
    if (keptBytes > maxBytes) continue;
    kept.push(bytes.subarray(0, maxBytes + 1 - keptBytes));
    keptBytes += kept.at(-1)!.length;
  }
  const all = Buffer.concat(kept);
  return total <= maxBytes ? { text: all.toString('utf8') } : cutUtf8(all, maxBytes, total);
}

const MB = 2 ** 20;
/** Often enough to look alive, rarely enough to cost nothing. */
const REDRAW_MS = 200;

/** `msdk scan: 45.2 / 256.0 MB (18%), 210 MB/s, 1,234 found`, redrawn in place on stderr. */
function progressMeter(total: number, write: (s: string) => void) {
  const started = performance.now();
  let drawnAt: number | undefined;
  return {
    update(bytes: number, found: number) {
      const now = performance.now();
      if (drawnAt !== undefined && now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      const rate = bytes / MB / Math.max((now - started) / 1000, 1e-3);
      write(
        `\rmsdk scan: ${(bytes / MB).toFixed(1)} / ${(total / MB).toFixed(1)} MB (${Math.floor((bytes / total) * 100)}%), ` +
          `${rate.toFixed(0)} MB/s, ${found.toLocaleString('en-US')} found\x1b[K`,
      );
    },
    clear() {
      if (drawnAt !== undefined) write('\r\x1b[K');
    },
  };
}
