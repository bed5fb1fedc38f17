import type { AdapterDeps } from '../adapter.js';
import { DEFAULT_DIGEST_HOUR, type SlackConfig } from '../config.js';
import { type Catalog, defaultCatalog } from '../core/index.js';
import type { Limits } from '../net/policy.js';
import { countDrop, type DropReason } from '../server/metrics.js';
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
  /** Local hour digests are posted at (DIGEST_HOUR). */
  digestHour: number;
}

export function createContext(
  deps: AdapterDeps & { config: SlackConfig; limits: SlackContext['limits'] },
): SlackContext {
  const { metrics } = deps;
  return {
    ...deps,
    now: deps.now ?? Date.now,
    digestHour: deps.config.digestHour ?? DEFAULT_DIGEST_HOUR,
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
