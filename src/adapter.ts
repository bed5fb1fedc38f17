/** What src/app.ts gives every chat adapter (Slack, WeCom); each extends it with its own config. */
import type { Logger } from './logger.js';
import type { Metrics } from './server/metrics.js';
import type { Store } from './store/store.js';

export interface AdapterDeps {
  /** State shared by replicas: de-duplication, languages, mutes, counts, send budgets. */
  store: Store;
  logger: Logger;
  metrics: Metrics;
  /** MAX_INPUT_BYTES: how much of one message (with its files) is read. */
  maxInputBytes: number;
  /** The clock of mutes, counts and digests (tests move it); Date.now when absent. */
  now?: (() => number) | undefined;
}
