/** Start-up: loading the catalog, and loading fuse.js and building its index on the first search. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/core/analyze.js';
import { loadCatalog } from '../src/core/catalog.js';
import type { ColdStart } from './cold-start.js';
import { fmt, median, timeMs } from './stats.js';
import type { Section } from './table.js';

const QUERY = 'access token expired';

export function startupSuite(opts: { processes: number }): Section {
  // In this process, before anything else has loaded a catalog: the very first call pays V8's warm-up.
  const firstLoad = timeMs(() => loadCatalog());
  const warmLoad = median(Array.from({ length: 10 }, () => timeMs(() => loadCatalog())));

  // The index is built per catalog on its first search: a fresh catalog's first search minus a warm search.
  const firstSearch = median(
    Array.from({ length: 5 }, () => {
      const catalog = loadCatalog();
      return timeMs(() => analyze(QUERY, { mode: 'explain', catalog }));
    }),
  );
  const catalog = loadCatalog();
  analyze(QUERY, { mode: 'explain', catalog });
  const warmSearch = median(
    Array.from({ length: 50 }, () => timeMs(() => analyze(QUERY, { mode: 'explain', catalog }))),
  );

  // Fresh processes: what a CLI invocation or a restarted bot pays.
  const child = fileURLToPath(new URL('./cold-start.js', import.meta.url));
  const runs: Array<ColdStart & { wallMs: number }> = [];
  for (let i = 0; i < opts.processes; i++) {
    let out = '';
    const wallMs = timeMs(() => {
      const r = spawnSync(process.execPath, [child], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`cold-start child failed: ${r.stderr}`);
      out = r.stdout;
    });
    runs.push({ ...(JSON.parse(out.trim()) as ColdStart), wallMs });
  }
  const cold = (k: keyof Omit<ColdStart, 'hits'> | 'wallMs') => fmt(median(runs.map((r) => r[k])));

  return {
    title: 'Start-up',
    headers: ['step', 'this process (ms)', `fresh process (ms, median of ${opts.processes})`],
    rows: [
      ['import core modules (catalog code; no zod, fuse.js loads on the first search)', '—', cold('importMs')],
      [
        '`loadCatalog()`: read + parse data/catalog.json (validated by the build, not here)',
        `${fmt(firstLoad)} first, ${fmt(warmLoad)} warm`,
        cold('loadMs'),
      ],
      [
        'first search (loads fuse.js, builds its index)',
        `${fmt(firstSearch)} (index ≈ ${fmt(Math.max(0, firstSearch - warmSearch))})`,
        cold('firstSearchMs'),
      ],
      ['a warm search, for comparison', fmt(warmSearch, 2), '—'],
      ['process start → first search answered (Node boot included)', '—', cold('processToAnswerMs')],
      ['`spawnSync(node cold-start.js)` wall time', '—', cold('wallMs')],
    ],
  };
}
