/** What src/app.ts gives every chat adapter (Slack, WeCom); each extends it with its own config. */
import type { ConversationDeps } from './conversation/index.js';
import type { Logger } from './logger.js';
import { countAnalysis, countDrop, type Metrics } from './server/metrics.js';
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

/** The conversation policy's deps (src/conversation), wired to `platform`'s metrics the same way for every adapter. */
export function conversationDeps(
  deps: AdapterDeps,
  platform: 'slack' | 'wecom',
  logger: ConversationDeps['logger'] = deps.logger,
): ConversationDeps {
  return {
    store: deps.store,
    maxInputBytes: deps.maxInputBytes,
    now: deps.now ?? Date.now,
    logger,
    analysed: (analysis) => countAnalysis(deps.metrics, platform, analysis),
    dropped: (reason) => countDrop(deps.metrics, platform, reason),
  };
}
