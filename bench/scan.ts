/** Scan throughput on a realistic log, next to the fastest thing Node can do: one precompiled RegExp. */
import { analyze } from '../src/core/analyze.js';
import { ERROR_WORD_G, KEY_RE } from '../src/core/extract.js';
import { errorKey, makeLog } from './make-log.js';
import { consume, fmt, medianMs } from './stats.js';
import type { Section } from './table.js';
import { MB } from '../test/fixtures/adversarial/patterns.js';

/** The floor: finds `ret=` / `"errcode":` tokens and nothing else (no JSON, no tables, no prose). */
const FLOOR_RE = /(?:"?ret"?|"?errcode"?)\s*[:=]\s*-?\d+/g;

function countMatches(re: RegExp, text: string): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text)) n++;
  return n;
}
const floorScan = (text: string) => countMatches(FLOOR_RE, text);

/** The scanner's own searches, each timed alone: what any single pass of this design costs. */
const PASSES: ReadonlyArray<[string, RegExp]> = [
  ['field keys and braces (`KEY_RE`)', new RegExp(KEY_RE.source, KEY_RE.flags)],
  ['error words for prose, in ko/en/zh (`ERROR_WORD_G`)', new RegExp(ERROR_WORD_G.source, ERROR_WORD_G.flags)],
];

export interface ScanResult {
  section: Section;
  ratio: number;
}

export function scanSuite(opts: { mb: number; runs: number }): ScanResult {
  const log = makeLog(opts.mb * MB, 42);
  const options = { mode: 'scan', lang: 'en', maxBytes: log.bytes + 1 } as const;
  const mbOf = (ms: number) => log.bytes / MB / (ms / 1000);

  // Alternate the two so both see the same machine state (GC, thermal, other tenants).
  let floorMatches = 0;
  const floorMs = medianMs(() => (floorMatches = floorScan(log.text)), opts.runs, 2);
  const msdkMs = medianMs(() => consume(analyze(log.text, options)), opts.runs, 2);
  const floorMs2 = medianMs(() => consume(floorScan(log.text)), opts.runs, 0);
  const floor = Math.min(floorMs, floorMs2);
  const passes = PASSES.map(([name, re]) => ({ name, re, ms: medianMs(() => consume(countMatches(re, log.text)), opts.runs, 1) }));

  // Correctness on the same input: every generated error, with its exact count, and nothing else.
  const found = analyze(log.text, options).findings;
  const expected = new Map(log.expected.map((e) => [errorKey(e), e.count]));
  const got = new Map(found.map((f) => [errorKey({ code: f.code, table: f.table, ...(f.via && { via: f.via.code }) }), f.count]));
  const missing = [...expected.keys()].filter((k) => !got.has(k));
  const extra = [...got.keys()].filter((k) => !expected.has(k));
  const wrongCount = [...expected].filter(([k, n]) => got.has(k) && got.get(k) !== n).map(([k, n]) => `${k} ${got.get(k)}≠${n}`);
  const exact = missing.length === 0 && extra.length === 0 && wrongCount.length === 0;

  const ratio = mbOf(msdkMs) / mbOf(floor);
  const size = `${fmt(log.bytes / MB, 1)} MB, ${log.lines.toLocaleString('en-US')} lines, ${log.errorLines.toLocaleString('en-US')} error lines`;
  return {
    ratio,
    section: {
      title: 'Scan throughput',
      headers: ['scanner', 'median (ms)', 'MB/s', 'vs floor'],
      rows: [
        [`\`analyze(log, {mode:'scan'})\``, fmt(msdkMs), fmt(mbOf(msdkMs)), `${fmt(ratio, 2)}×`],
        [`floor: one RegExp \`${FLOOR_RE.source}\` (${floorMatches.toLocaleString('en-US')} matches)`, fmt(floor), fmt(mbOf(floor)), '1.00×'],
        ...passes.map((p) => [`one pass of msdk's scanner alone: ${p.name}`, fmt(p.ms), fmt(mbOf(p.ms)), `${fmt(floor / p.ms, 2)}×`]),
      ],
      notes: [
        `Input: generated log (seed 42), ${size}; median of ${opts.runs} runs after 2 warm-up runs; MB = 2^20 bytes.`,
        `Goal: msdk ≥ 0.5× the floor — ${ratio >= 0.5 ? 'met' : 'NOT met'} (${fmt(ratio, 2)}×).`,
        `The scanner needs both passes above (plus normalisation and parsing): their searches alone take ${fmt(passes.reduce((t, p) => t + p.ms, 0))} ms, ${fmt(passes.reduce((t, p) => t + p.ms, 0) / floor, 2)}× the floor's time.`,
        `Findings: ${got.size} distinct found / ${expected.size} generated, counts ${exact ? 'all exact' : 'WRONG'}` +
          (exact ? '.' : ` — missing [${missing.join(', ')}], extra [${extra.join(', ')}], counts [${wrongCount.join(', ')}].`),
      ],
    },
  };
}
