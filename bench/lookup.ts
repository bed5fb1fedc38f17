/** Latency of what a user asking the bot waits for: an exact code, or a fuzzy search in ko / en / zh. */
import { analyze } from '../src/core/analyze.js';
import { defaultCatalog } from '../src/core/catalog.js';
import { search } from '../src/core/search.js';
import { consume, fmt, latencyUs, summarize } from './stats.js';
import type { Section } from './table.js';

interface Case {
  name: string;
  fn: () => unknown;
  iterations: number;
  /** Calls timed together per sample (see latencyUs): only for calls far below a microsecond. */
  batch?: number;
  check: () => boolean;
}

const WRAPPED = '{"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2}';

export function lookupSuite(opts: { iterations: number; searchIterations: number }): Section {
  const catalog = defaultCatalog();
  const explain = (q: string) => analyze(q, { mode: 'explain', lang: 'en' });
  const n = opts.iterations;
  // A fuzzy search costs milliseconds, not microseconds: fewer samples keep the whole bench under two minutes.
  const ns = opts.searchIterations;
  const cases: Case[] = [
    {
      name: '`catalog.lookup(-303)`',
      fn: () => catalog.lookup(-303),
      iterations: n,
      batch: 100,
      check: () => catalog.lookup(-303)[0]?.table === 'access',
    },
    {
      name: "`analyze('-303', {mode:'explain'})`",
      fn: () => explain('-303'),
      iterations: n,
      check: () => explain('-303').findings[0]?.code === -303,
    },
    {
      name: '`{"ret":-10000,"msg":"-73,…"}` (scan, wrapped)',
      fn: () => analyze(WRAPPED, { mode: 'scan' }),
      iterations: n,
      check: () => analyze(WRAPPED, { mode: 'scan' }).findings[0]?.code === -73,
    },
    ...(['access token expired', '빈도 제한', '签名错误'] as const).flatMap((q, i) => {
      const expected = [42001, 99999, -2][i]!;
      return [
        // A question seen for the first time: the fuzzy search itself.
        {
          name: `search \`${q}\`, first time`,
          fn: () => search(catalog, q, 'en', 5, { cache: false }),
          iterations: ns,
          check: () => search(catalog, q, 'en', 5, { cache: false }).some((m) => m.code === expected),
        },
        // The same question again, as the bot answers it (recent searches are cached).
        {
          name: `search \`${q}\`, asked again`,
          fn: () => explain(q),
          iterations: n,
          check: () => explain(q).matches.some((m) => m.code === expected),
        },
      ];
    }),
  ];
  const rows = cases.map((c) => {
    const s = summarize(
      latencyUs(() => consume(c.fn()), c.iterations, Math.min(500, Math.ceil(c.iterations / 10)), c.batch),
    );
    return [
      c.name,
      fmt(s.p50, 2),
      fmt(s.p99, 2),
      fmt(s.max, 1),
      String(c.iterations * (c.batch ?? 1)),
      c.check() ? 'yes' : 'NO',
    ];
  });
  return {
    title: 'Look-up and search latency',
    headers: ['query', 'p50 (µs)', 'p99 (µs)', 'max (µs)', 'calls', 'answer right'],
    rows,
    notes: [
      'After warm-up calls (10% of the samples, at most 500), one sample per call (`catalog.lookup`: per call averaged over batches of 100, the clock costs more than the call).',
      'Fuzzy search is fuse.js over 229 rows × ko/en/zh meanings and advice; the index is built once per catalog (see start-up).',
    ],
  };
}
