import type { Logger } from '../logger.js';
import type { Metrics } from '../server/metrics.js';
import type { RedisSettings } from './connect.js';
import { FallbackStore } from './fallback.js';
import { MemoryStore } from './memory.js';
import { RedisStore } from './redis.js';
import type { Store } from './store.js';

export { parseHostPorts, type RedisSettings } from './connect.js';
export { FallbackStore } from './fallback.js';
export { MemoryStore } from './memory.js';
export { RedisStore } from './redis.js';
export type { Store } from './store.js';

/**
 * Memory by default; with `redisUrl`, Redis shared by the replicas, falling back to memory while
 * Redis is unreachable (see FallbackStore). Start-up never fails or waits long on Redis.
 */
export async function createStore(options: {
  /** Shorthand for `redis: { url }`. */
  redisUrl?: string | undefined;
  redis?: RedisSettings | undefined;
  logger: Logger;
  metrics: Metrics;
  /** STORE_MAX_ENTRIES for the in-memory store (alone, or Redis's fallback). */
  maxEntries?: number;
  /** REPLICAS: more than one without Redis is warned about, once. */
  replicas?: number | undefined;
}): Promise<Store> {
  const memory = new MemoryStore({
    onEvict: () => options.metrics.storeEvictions.inc(),
    ...(options.maxEntries !== undefined && { maxEntries: options.maxEntries }),
  });
  const settings = options.redis ?? (options.redisUrl ? { url: options.redisUrl } : undefined);
  if (!settings) {
    if ((options.replicas ?? 1) > 1)
      options.logger.warn({ replicas: options.replicas }, replicasWithoutRedis(options.replicas!));
    return memory;
  }
  const redis = new RedisStore(settings);
  const store = new FallbackStore(redis, memory, {
    logger: options.logger,
    metrics: options.metrics,
    ...(options.maxEntries !== undefined && { maxClaims: options.maxEntries }),
  });
  redis.client.on('ready', () => store.primaryUp());
  redis.client.on('error', (err: Error) => store.primaryDown(err));
  redis.client.on('close', () => store.primaryDown('Redis connection closed'));
  if (await redis.waitReady()) options.logger.info('store: using Redis');
  return store;
}

/** Replicas that share nothing: what goes wrong, and the two ways out. */
export function replicasWithoutRedis(replicas: number): string {
  return (
    `store: REPLICAS=${replicas} but no Redis is configured (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES): ` +
    'each replica keeps its own memory, so a retried Slack event or WeCom callback may be answered twice, and mutes, ' +
    'votes, digests and the WeCom send budget are not shared. Set REDIS_URL, or run one replica (REPLICAS=1)'
  );
}

/** Where a store's operations go right now: 'redis' only when Redis is connected and answering. */
export function storeBackend(store: Store): 'redis' | 'memory' {
  return store instanceof FallbackStore ? store.backend() : 'memory';
}

/** Whether `store` is on Redis (whether or not Redis answers right now): what outlives the process. */
export function redisBacked(store: Store): boolean {
  return store instanceof FallbackStore || store instanceof RedisStore;
}

/**
 * The store that holds what must outlive the process: Redis itself (failing rather than answering
 * from memory during an outage), or the in-process store when there is no Redis.
 */
export function durableStore(store: Store): Pick<Store, 'get' | 'set'> & { available(): boolean } {
  if (store instanceof FallbackStore) return store.durable;
  if (store instanceof RedisStore) return store;
  return { get: (k) => store.get(k), set: (k, v, ttl) => store.set(k, v, ttl), available: () => true };
}
