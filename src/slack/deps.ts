import { type AdapterDeps, conversationDeps } from '../adapter.js';
import { DEFAULT_DIGEST_HOUR, type SlackConfig } from '../config.js';
import type { ConversationDeps } from '../conversation/index.js';
import { type Catalog, defaultCatalog } from '../core/index.js';
import type { Limits } from '../net/policy.js';
import { countDrop, type DropReason } from '../server/metrics.js';
import { ChannelPacer } from './pacing.js';
import type { ApiMethod } from './surface.js';

/** What every listener needs; built once per bot. */
export interface SlackDeps extends Omit<AdapterDeps, 'now'> {
  config: SlackConfig;
  limits: Pick<Limits, 'outboundTimeoutMs' | 'downloadTimeoutMs'>;
  catalog(): Catalog;
  /** Times a Slack call (Web API, file download, response_url) into `apiLatency`. */
  callApi<T>(method: ApiMethod, fn: () => Promise<T>): Promise<T>;
  drop(reason: DropReason): void;
  /** The clock of mutes, counts and digests (tests move it). */
  now(): number;
  /** Hour digests are posted at, in each subscriber's time zone (DIGEST_HOUR). */
  digestHour: number;
  /** What `respond` and `delivered` (src/conversation) are given, counted under `platform: slack`. */
  conversation: ConversationDeps;
  /** Spaces posts per channel (Slack's 1 message a second per channel). */
  pacer: ChannelPacer;
}

/** Slack's posting rate per channel: about one message a second. */
export const REPLY_INTERVAL_MS = 1000;

export function createSlackDeps(
  base: AdapterDeps & { config: SlackConfig; limits: SlackDeps['limits']; replyIntervalMs?: number | undefined },
): SlackDeps {
  const { metrics } = base;
  return {
    ...base,
    now: base.now ?? Date.now,
    digestHour: base.config.digestHour ?? DEFAULT_DIGEST_HOUR,
    conversation: conversationDeps(base, 'slack'),
    pacer: new ChannelPacer(base.replyIntervalMs ?? REPLY_INTERVAL_MS),
    // Loaded on first use (and cached by the core), so a bot can be built before the catalog is read.
    catalog: () => defaultCatalog(),
    async callApi(method, fn) {
      const end = metrics.apiLatency.startTimer({ platform: 'slack', method });
      try {
        return await fn();
      } finally {
        end();
      }
    },
    drop(reason) {
      countDrop(metrics, 'slack', reason);
    },
  };
}
