/**
 * Child process of the start-up suite: a fresh Node measures importing the core, loading the catalog,
 * and answering its first search, then prints the timings as one JSON line.
 */
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const { loadCatalog } = await import('../src/core/catalog.js');
const { analyze } = await import('../src/core/analyze.js');
const t1 = performance.now();
const catalog = loadCatalog();
const t2 = performance.now();
const hits = analyze('access token expired', { mode: 'explain', catalog }).matches.length;
const t3 = performance.now();

export interface ColdStart {
  importMs: number;
  loadMs: number;
  firstSearchMs: number;
  /** From the process's time origin (Node boot included) to the first search answer. */
  processToAnswerMs: number;
  hits: number;
}
const result: ColdStart = { importMs: t1 - t0, loadMs: t2 - t1, firstSearchMs: t3 - t2, processToAnswerMs: t3, hits };
console.log(JSON.stringify(result));
