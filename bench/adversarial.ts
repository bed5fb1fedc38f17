/**
 * Time per 1 MB of each hostile pattern, in both modes, with the growth factor from 256 KB to 1 MB
 * (linear ≈ 4×, quadratic ≈ 16×). A pattern that is already slow at 64 KB is not run at 1 MB (it could
 * take minutes): its 1 MB time is extrapolated from the 32 KB → 64 KB growth and marked as such.
 */
import { analyze } from '../src/core/analyze.js';
import type { Mode } from '../src/core/types.js';
import { ADVERSARIAL_PATTERNS, adversarial, maxBytesFor, MB, type AdversarialPattern } from '../test/fixtures/adversarial/patterns.js';
import { consume, fmt, median, timeMs } from './stats.js';
import type { Section } from './table.js';

const KB = 1024;
/** Above this at 64 KB, even linear growth would make 1 MB cost more than ~5 s per run: extrapolate instead. */
const PROBE_LIMIT_MS = 300;

/** Median of up to `runs` timings, stopping early once `budgetMs` is spent (slow inputs get fewer runs). */
function timeInput(p: AdversarialPattern, bytes: number, mode: Mode, runs: number, budgetMs: number): number {
  const text = adversarial(p, bytes);
  const options = { mode, lang: 'en', maxBytes: maxBytesFor(p, bytes) } as const;
  const times: number[] = [];
  let spent = 0;
  while (times.length < runs && (times.length === 0 || spent < budgetMs)) {
    const t = timeMs(() => consume(analyze(text, options)));
    times.push(t);
    spent += t;
  }
  return median(times);
}

interface Cell {
  ms: number;
  growth: number;
  estimated: boolean;
}

function measure(p: AdversarialPattern, mode: Mode): Cell {
  // The cost every call pays whatever the size (explain's fuzzy search when nothing is found, ~20-70 ms)
  // is measured at 4 KB and taken off before computing growth, so it cannot flatten a super-linear curve.
  const fixed = timeInput(p, 4 * KB, mode, 3, 400); // also the warm-up: JITs the paths this pattern takes
  const growthOf = (big: number, small: number) => Math.max(0, big - fixed) / Math.max(small - fixed, 1);
  const probe = timeInput(p, 64 * KB, mode, 3, 400);
  if (probe > PROBE_LIMIT_MS) {
    const half = timeInput(p, 32 * KB, mode, 1, 0);
    const perDoubling = Math.max(2, growthOf(probe, half));
    return { ms: fixed + (probe - fixed) * perDoubling ** 4, growth: perDoubling ** 2, estimated: true };
  }
  const quarter = timeInput(p, 256 * KB, mode, 3, 2000);
  const full = timeInput(p, MB, mode, 3, 4000);
  return { ms: full, growth: growthOf(full, quarter), estimated: false };
}

export function adversarialSuite(): Section {
  const rows: string[][] = [];
  const slow: string[] = [];
  for (const p of ADVERSARIAL_PATTERNS) {
    const scan = measure(p, 'scan');
    const explain = measure(p, 'explain');
    const cell = (c: Cell) => (c.estimated ? `≈ ${fmt(c.ms, 0)} (est.)` : fmt(c.ms));
    const growth = (c: Cell) => `${fmt(c.growth)}×${c.estimated ? '*' : ''}`;
    rows.push([p.name, cell(scan), cell(explain), `${growth(scan)} / ${growth(explain)}`]);
    if (scan.estimated || explain.estimated || Math.max(scan.growth, explain.growth) > 8) slow.push(p.name);
  }
  return {
    title: 'Adversarial inputs (1 MB each)',
    headers: ['pattern', 'scan (ms)', 'explain (ms)', 'growth 256 KB → 1 MB (scan / explain)'],
    rows,
    notes: [
      'Median of up to 3 runs after a warm-up. Growth is computed after taking off the per-call cost measured at 4 KB ' +
        "(explain runs a fuzzy search when it finds nothing); linear ≈ 4×, quadratic ≈ 16×; below 1 ms it is mostly noise.",
      'The last pattern is 1 MB analyzed with maxBytes = 768 KB (exercises the truncation cut).',
      ...(rows.some((r) => r.some((c) => c.includes('(est.)')))
        ? [`(est.) / *: over ${PROBE_LIMIT_MS} ms already at 64 KB, so not run at 1 MB; extrapolated from the 32 KB → 64 KB growth, shown for 4× the size.`]
        : []),
      slow.length ? `Super-linear: ${slow.join('; ')}.` : 'All patterns scale linearly.',
    ],
  };
}
