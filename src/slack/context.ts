import type { AdapterDeps } from '../adapter.js';
import { DEFAULT_DIGEST_HOUR, type SlackConfig } from '../config.js';
import { type Catalog, defaultCatalog } from '../core/index.js';
import type { Limits } from '../net/policy.js';
import { countDrop, type DropReason } from '../server/metrics.js';
import { ChannelPacer } from './pacing.js';
import type { ApiMethod } from './surface.js';

/** What every listener needs; built once per bot. */
export interface SlackContext extends Omit<AdapterDeps, 'now'> {
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
  /** Spaces posts per channel (Slack's 1 message a second per channel). */
  pacer: ChannelPacer;
}

/** Slack's posting rate per channel: about one message a second. */
export const REPLY_INTERVAL_MS = 1000;

export function createContext(
  deps: AdapterDeps & { config: SlackConfig; limits: SlackContext['limits']; replyIntervalMs?: number | undefined },
): SlackContext {
  const { metrics } = deps;
  return {
    ...deps,
    now: deps.now ?? Date.now,
    digestHour: deps.config.digestHour ?? DEFAULT_DIGEST_HOUR,
    pacer: new ChannelPacer(deps.replyIntervalMs ?? REPLY_INTERVAL_MS),
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
