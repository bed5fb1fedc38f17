/**
 * Worker threads for `msdk scan` of big inputs: the main thread reads, decodes and cuts the stream
 * into windows; the workers scan them, and the main thread scans the windows they have no room
 * for. Started only once an input has proved big (its first windows are scanned in the main
 * thread), so a small log never pays for a thread's start-up. The StreamScanner merges the windows
 * in order, so the findings are the same with or without threads.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Lang, WindowJob, WindowResult } from '../core/index.js';
import { ErrorCode, MsdkBotError } from '../errors.js';

/** Characters per window: with threads, 2 MiB windows beat 1 MiB by a tenth (fewer cuts and messages). */
export const WINDOW_CHARS = 2 << 20;
/** Windows scanned in the main thread before workers start (24 MiB), unless MSDK_SCAN_THREADS is set. */
export const THREADS_AFTER_WINDOWS = 12;
/** A worker's young generation: the default lets two heaps take the process past 200 MiB, no faster. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

/** A worker thread that failed: the scan cannot finish (not a read error of the input). */
export class ScanThreadError extends MsdkBotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ScanThread, message, options);
    this.name = 'ScanThreadError';
  }
}

/** worker_threads, loaded when a first thread starts: most scans never start one. */
const workerThreads = () =>
  createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

interface Pending {
  resolve: (r: WindowResult) => void;
  reject: (e: Error) => void;
}

class ScanThread {
  readonly pending: Pending[] = [];
  private readonly worker: Worker;
  private failure: Error | undefined;

  constructor(options: { lang: Lang; lines: boolean }) {
    // Beside this module, with its extension: scan-worker.js in dist/src, scan-worker.cjs in the bundle.
    const here = import.meta.url;
    const worker = new URL(`./scan-worker${here.slice(here.lastIndexOf('.'))}`, here);
    this.worker = new (workerThreads().Worker)(worker, {
      workerData: options,
      resourceLimits: WORKER_LIMITS,
    });
    this.worker.on('message', (r: WindowResult) => this.pending.shift()?.resolve(r));
    const fail = (cause: Error) => {
      const err = new ScanThreadError(`scan thread failed: ${cause.message}`, { cause });
      this.failure = err;
      for (const p of this.pending.splice(0)) p.reject(err);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  }

  run(job: WindowJob): Promise<WindowResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** `runWindow` for a StreamScanner: the first windows here, then `threads` workers, the least busy first. */
export function scanPool(options: { lang: Lang; lines: boolean; threads: number; after: number }) {
  const threads: ScanThread[] = [];
  return {
    runWindow(job: WindowJob, index: number): Promise<WindowResult> | undefined {
      if (options.threads === 0 || index < options.after) return undefined;
      while (threads.length < options.threads) threads.push(new ScanThread(options));
      const idle = threads.reduce((a, b) => (b.pending.length < a.pending.length ? b : a));
      // Every thread has a window waiting behind the one it scans: this one is scanned here.
      return idle.pending.length < 2 ? idle.run(job) : undefined;
    },
    /** Each thread scans one window and has one waiting. */
    maxInFlight: Math.max(1, options.threads) * 2,
    close: () => Promise.all(threads.map((t) => t.close())),
  };
}

/**
 * How many worker threads scan a big input, and from which window: by default one per core beside
 * the main thread, from the THREADS_AFTER_WINDOWS-th window on; set (MSDK_SCAN_THREADS), from the first.
 */
export function scanThreads(setting: number | undefined): { threads: number; after: number } {
  if (setting === undefined) return { threads: availableParallelism() - 1, after: THREADS_AFTER_WINDOWS };
  return { threads: setting, after: 0 };
}
