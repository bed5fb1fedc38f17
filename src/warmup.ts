/**
 * Work done once before `/readyz` turns green, so a new replica takes no traffic cold: the catalog,
 * the detector and the search index run on the kind of text people paste (their first run costs
 * tens of milliseconds of compilation), and the store's connection serves its first keys.
 */
import { analyze, defaultCatalog, LANGS } from './core/index.js';
import { readCache } from './store/cache.js';
import type { Store } from './store/store.js';

/** What people paste (issue #23's load), plus a word only the search can answer. */
const SAMPLES = [
  '{"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2}',
  'login failed ret=-303',
  'token expired',
];

/** Bounded: with Redis down, readiness must not wait for it (the bot answers from memory). */
const LISTEN_WAIT_MS = 1_000;

export async function warmUp(store: Store): Promise<void> {
  defaultCatalog();
  for (const lang of LANGS) {
    for (const text of SAMPLES) {
      analyze(text, { mode: 'scan', lang });
      analyze(text, { mode: 'explain', lang });
    }
  }
  // First keys: the connection is up, the first commands have been through it, and the read
  // cache listens for other replicas' writes.
  await Promise.allSettled([readCache(store).get('warmup:0'), store.batch([{ op: 'get', key: 'warmup:1' }])]);
  // Until it hears other replicas' writes the read cache keeps nothing: give the subscription a moment.
  for (let waited = 0; !store.listening() && waited < LISTEN_WAIT_MS; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
