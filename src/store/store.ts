/**
 * State shared by replicas: event de-duplication, per-thread memory, language preferences and the
 * WeCom send budget. One small interface; `MemoryStore` by default, `RedisStore` with REDIS_URL.
 */
export interface Store {
  /** Claims `key` for `ttlSeconds`. True only for the first caller (across replicas, for Redis). */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; returns the new value. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  close(): Promise<void>;
}
