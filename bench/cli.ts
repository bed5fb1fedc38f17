/**
 * Whole processes, as a user of the `msdk` command feels them: a cold `msdk explain -303` next to
 * a bare `node -e 0`, and `msdk scan --file` of a generated 10 MB and 256 MB log next to one Node
 * process streaming the same file through one RegExp. Wall time, peak RSS and throughput, with the
 * counts checked against what the generator wrote. Generated files live in a temp dir, deleted after.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorKey, makeLog } from './make-log.js';
import { mib } from './memory.js';
import { fmt, median } from './stats.js';
import type { Section } from './table.js';

const MB = 2 ** 20;
const BIN = fileURLToPath(new URL('../cli/msdk.cjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor-scan.js', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('./report-rss.js', import.meta.url));
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true']).status === 0;

interface Run {
  ms: number;
  rss: number;
  stdout: string;
}

/**
 * One process: wall time measured here, peak RSS from `/usr/bin/time -v`, else reported by the
 * child itself (`process.resourceUsage().maxRSS`, preloaded with --import).
 */
function run(args: string[]): Run {
  const command = hasGnuTime
    ? [GNU_TIME, '-v', process.execPath, ...args]
    : [process.execPath, '--import', REPORT_RSS, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', maxBuffer: 64 * MB, cwd: tmpdir() });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const kb = hasGnuTime
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]
    : /^maxRSS (\d+)$/m.exec(r.stderr)?.[1];
  return { ms, rss: Number(kb) * 1024, stdout: r.stdout };
}

/** `runs` of each command, alternating so both see the same machine state; medians. */
function sideBySide(a: string[], b: string[], runs: number): [Run, Run] {
  const as: Run[] = [];
  const bs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(run(a));
    bs.push(run(b));
  }
  const pick = (xs: Run[]): Run => ({
    ms: median(xs.map((x) => x.ms)),
    rss: median(xs.map((x) => x.rss)),
    stdout: xs[0]!.stdout,
  });
  return [pick(as), pick(bs)];
}

/** Writes about `bytes` of generated log to `path` in 16 MB parts; returns its size and expected counts. */
function writeLog(path: string, bytes: number): { bytes: number; expected: Map<string, number> } {
  const part = Math.min(bytes, 16 * MB);
  const expected = new Map<string, number>();
  writeFileSync(path, '');
  let written = 0;
  for (let seed = 42; written < bytes; seed++) {
    const log = makeLog(Math.min(part, bytes - written), seed);
    appendFileSync(path, log.text);
    written += log.bytes;
    for (const e of log.expected) expected.set(errorKey(e), (expected.get(errorKey(e)) ?? 0) + e.count);
  }
  return { bytes: written, expected };
}

interface Found {
  code: number;
  table: string;
  via?: { code: number };
  count: number;
}

function exact(stdout: string, expected: Map<string, number>): boolean {
  const found = (JSON.parse(stdout) as { findings: Found[] }).findings;
  const got = new Map(
    found.map((f) => [errorKey({ code: f.code, table: f.table as never, ...(f.via && { via: f.via.code }) }), f.count]),
  );
  return got.size === expected.size && [...expected].every(([k, n]) => got.get(k) === n);
}

export function cliSuite(opts: { sizesMb: number[]; coldRuns: number; scanRuns: (mb: number) => number }): Section {
  const rows: string[][] = [];
  const notes: string[] = [];

  const [explain, bare] = sideBySide([BIN, 'explain', '-303'], ['-e', '0'], opts.coldRuns);
  const coldRatio = explain.ms / bare.ms;
  rows.push(
    ['`msdk explain -303` (cold)', fmt(explain.ms), fmt(mib(explain.rss)), '—', `${fmt(coldRatio, 2)}×`],
    ['`node -e 0`', fmt(bare.ms), fmt(mib(bare.rss)), '—', '1.00×'],
  );
  notes.push(
    `Goal: cold \`msdk explain -303\` ≤ 1.5× \`node -e 0\` — ${coldRatio <= 1.5 ? 'met' : 'NOT met'} (${fmt(coldRatio, 2)}×).`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'msdk-bench-'));
  try {
    for (const mb of opts.sizesMb) {
      const path = join(dir, `${mb}mb.log`);
      const log = writeLog(path, mb * MB);
      const runs = opts.scanRuns(mb);
      const [scan, floor] = sideBySide([BIN, 'scan', '--json', '--file', path], [FLOOR, path], runs);
      const rate = (r: Run) => log.bytes / MB / (r.ms / 1000);
      const ratio = scan.ms / floor.ms;
      const counts = exact(scan.stdout, log.expected);
      rows.push(
        [`\`msdk scan --file\` ${mb} MB log`, fmt(scan.ms), fmt(mib(scan.rss)), fmt(rate(scan)), `${fmt(ratio, 2)}×`],
        [
          `one RegExp over the same file (\`node floor-scan.js\`)`,
          fmt(floor.ms),
          fmt(mib(floor.rss)),
          fmt(rate(floor)),
          '1.00×',
        ],
      );
      const goals =
        mb <= 10
          ? `≤ 2× the RegExp process — ${ratio <= 2 ? 'met' : 'NOT met'} (${fmt(ratio, 2)}×)`
          : `peak RSS < 200 MiB — ${mib(scan.rss) < 200 ? 'met' : 'NOT met'} (${fmt(mib(scan.rss))} MiB); ` +
            `≥ 150 MB/s — ${rate(scan) >= 150 ? 'met' : 'NOT met'} (${fmt(rate(scan))} MB/s)`;
      notes.push(
        `${mb} MB (${log.bytes.toLocaleString('en-US')} bytes, median of ${runs}): counts ${counts ? 'exact' : 'WRONG'}; goal ${goals}.`,
      );
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  notes.push(
    `Wall time of the whole process (Node start-up included), runs alternating between the two commands; peak RSS from ${hasGnuTime ? '`/usr/bin/time -v`' : "the child's `process.resourceUsage().maxRSS`"}; MB = 2^20 bytes.`,
  );
  return {
    title: 'Whole-process CLI',
    headers: ['process', 'wall (ms)', 'peak RSS (MiB)', 'MB/s', 'vs baseline'],
    rows,
    notes,
  };
}
