/**
 * In-process read cache for keys read on every message but rarely written (a user's language, the
 * mutes of a place): a short TTL, and every write made through `writeCached` drops the key in every
 * replica at once (Store.invalidate: Redis pub/sub), so a change is seen on the next message.
 */
import type { Store } from './store.js';

/** How long a value read is trusted without a word from the writer (pub/sub messages can be lost on a reconnect). */
export const READ_CACHE_TTL_MS = 30_000;
const MAX_KEYS = 50_000;

export class ReadCache {
  private readonly values = new Map<string, { value: string | undefined; until: number }>();
  /** Bumped by each invalidation: a read that started before one is not cached. */
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    store.onInvalidate((key) => this.forget(key));
  }

  forget(key: string): void {
    this.generation++;
    if (key === '*') this.values.clear();
    else this.values.delete(key);
  }

  /** What this replica just wrote: the next read needs no round trip. */
  remember(key: string, value: string, ttlSeconds?: number): void {
    if (!this.store.listening()) return;
    const ttlMs = ttlSeconds ? ttlSeconds * 1000 : Number.POSITIVE_INFINITY;
    this.values.set(key, { value, until: this.now() + Math.min(READ_CACHE_TTL_MS, ttlMs) });
  }

  /**
   * The keys' values, from memory when fresh; the rest in one store round trip. `expiresAt` (epoch
   * ms) cuts a value's stay short: a mute is not trusted past its end. A MemoryStore is its own
   * cache: nothing is kept twice.
   */
  async getMany(
    keys: readonly string[],
    expiresAt?: (value: string | undefined) => number | undefined,
  ): Promise<Array<string | undefined>> {
    if (this.store.local) return Promise.all(keys.map((k) => this.store.get(k)));
    // Not told of other replicas' writes right now (Redis down, not yet subscribed): nothing held is trusted.
    const listening = this.store.listening();
    if (!listening && this.values.size > 0) this.values.clear();
    const now = this.now();
    const out: Array<string | undefined> = [];
    const missing: number[] = [];
    keys.forEach((k, i) => {
      const hit = this.values.get(k);
      if (hit && hit.until > now) out[i] = hit.value;
      else missing.push(i);
    });
    if (missing.length === 0) return out;
    const generation = this.generation;
    const read = await this.store.batch(missing.map((i) => ({ op: 'get' as const, key: keys[i]! })));
    const keep = listening && generation === this.generation;
    if (keep && this.values.size + missing.length > MAX_KEYS) this.values.clear();
    missing.forEach((i, j) => {
      out[i] = read[j];
      if (keep) {
        const until = Math.min(now + READ_CACHE_TTL_MS, expiresAt?.(read[j]) ?? Number.POSITIVE_INFINITY);
        this.values.set(keys[i]!, { value: read[j], until });
      }
    });
    return out;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.getMany([key]))[0];
  }
}

const caches = new WeakMap<Store, ReadCache>();

/** The one read cache of `store` (shared by everything using that store in this process). */
export function readCache(store: Store): ReadCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new ReadCache(store);
    caches.set(store, cache);
  }
  return cache;
}

/** Writes `key` and tells every replica's read cache (this one first) that it changed. */
export async function writeCached(store: Store, key: string, value: string, ttlSeconds?: number): Promise<void> {
  await store.set(key, value, ttlSeconds);
  const cache = readCache(store);
  cache.forget(key);
  await store.invalidate(key).catch(() => undefined);
  cache.remember(key, value, ttlSeconds);
}
