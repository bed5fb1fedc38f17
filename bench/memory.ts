/** Resident memory of another process: /proc on Linux, else the bot's own Prometheus gauge. */
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in bytes, or undefined where /proc is missing (macOS) or the process is gone. */
export function procRss(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** `process_resident_memory_bytes` from a prom-client `/metrics` endpoint. */
export async function metricsRss(metricsUrl: string): Promise<number | undefined> {
  const body = await (await fetch(metricsUrl)).text();
  const v = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(body)?.[1];
  return v === undefined ? undefined : Number(v);
}

/** Samples `read` every `everyMs` until stopped; resolves with the peak (undefined if nothing was read). */
export function rssSampler(read: () => Promise<number | undefined> | number | undefined, everyMs = 200) {
  let peak: number | undefined;
  const sample = async () => {
    try {
      const v = await read();
      if (v !== undefined) peak = Math.max(peak ?? 0, v);
    } catch {
      // A sample lost (process exiting, endpoint busy) only lowers the sample count.
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop(): Promise<number | undefined> {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}

export const mib = (bytes: number | undefined): number => (bytes === undefined ? Number.NaN : bytes / 2 ** 20);
