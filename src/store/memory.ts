import { DEFAULT_LIMITS } from '../net/policy.js';
import { LocalClaims } from './claims-local.js';
import { type BatchResults, type Store, type StoreOp, tallyFields } from './store.js';

/**
 * Keys never evicted: a Slack workspace's installation (its bot token). Evicting one would silence
 * the workspace until it reinstalls; there is one per workspace, so they cannot flood the store.
 */
const PINNED_PREFIX = 'install:';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

export interface MemoryStoreOptions {
  now?: () => number;
  /**
   * Entries kept at most (STORE_MAX_ENTRIES): past it, the least recently used is evicted. Claims
   * have a bound of the same size of their own, so other entries never evict a claim.
   */
  maxEntries?: number;
  /** Told of each eviction (the `msdk_store_evictions_total` metric). */
  onEvict?: () => void;
}

/**
 * In-process store: nothing to install, right for one replica. Bounded twice: expired keys are
 * dropped (lazily, and in sweeps), and past `maxEntries` the least recently used entry goes, so
 * a flood of distinct events costs a fixed amount of memory. Claims are kept apart (oldest evicted
 * first, only by other claims) and installations are never evicted.
 */
export class MemoryStore implements Store {
  readonly local = true;
  /** Insertion order is recency order: a read moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly pinned = new Map<string, Entry>();
  private readonly claims: LocalClaims;
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly onEvict: () => void;
  private writes = 0;
  /** `tally` hashes: apart from `entries`, so FallbackStore never writes one to Redis as a string. */
  private readonly hashes = new Map<string, { fields: Map<string, string>; expiresAt: number | undefined }>();
  private readonly invalidationListeners: Array<(key: string) => void> = [];

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? DEFAULT_LIMITS.storeMaxEntries;
    this.onEvict = options.onEvict ?? (() => {});
    this.claims = new LocalClaims({ maxEntries: this.maxEntries, now: this.now, onEvict: this.onEvict });
  }

  get size(): number {
    return this.entries.size + this.pinned.size + this.claims.size;
  }

  private live(key: string): Entry | undefined {
    if (key.startsWith(PINNED_PREFIX)) {
      const p = this.pinned.get(key);
      if (p?.expiresAt === undefined || p.expiresAt > this.now()) return p;
      this.pinned.delete(key);
      return undefined;
    }
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.expiresAt !== undefined && e.expiresAt <= this.now()) return undefined;
    this.entries.set(key, e);
    return e;
  }

  private put(key: string, value: string, ttlSeconds?: number): void {
    const expiresAt = ttlSeconds ? this.now() + ttlSeconds * 1000 : undefined;
    if (key.startsWith(PINNED_PREFIX)) return void this.pinned.set(key, { value, expiresAt });
    this.hashes.delete(key); // a string written over a hash replaces it, as in Redis
    this.entries.delete(key);
    // A fresh copy: a key built from a parsed request can be a slice of the whole request body,
    // and would keep that body alive for the key's TTL.
    const own = Buffer.from(key, 'utf8').toString('utf8');
    this.entries.set(own, { value, expiresAt });
    if (++this.writes % 1000 === 0) this.sweep();
    this.makeRoom();
  }

  /** One budget for entries and claims together (memory is what it bounds); claims come first. */
  private makeRoom(): void {
    if (this.entries.size + this.claims.size > this.maxEntries) this.evict();
  }

  /**
   * Drops the least recently used entries down to a tenth under what the claims leave, in one pass:
   * one iterator for many deletions, since each new iterator would walk over the holes the previous
   * deletions left. Claims are never dropped here: only older claims make room for claims.
   */
  private evict(): void {
    const target = Math.max(0, Math.floor(this.maxEntries * 0.9) - this.claims.size);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
      this.onEvict();
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt !== undefined && e.expiresAt <= now) this.entries.delete(k);
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.claims.has(key) || this.live(key)) return false;
    this.claims.add(key, ttlSeconds);
    this.makeRoom();
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value ?? (this.claims.has(key) ? '1' : undefined);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.claims.delete(key); // overwritten (or deleted with a 1 ms TTL): no longer claimed
    this.put(key, value, ttlSeconds);
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const e = this.live(key);
    const next = (e ? Number(e.value) : 0) + 1;
    if (e) e.value = String(next);
    else this.put(key, String(next), ttlSeconds);
    return next;
  }

  async batch<const T extends readonly StoreOp[]>(ops: T): Promise<BatchResults<T>> {
    const results: unknown[] = [];
    for (const o of ops) results.push(await this.one(o));
    return results as BatchResults<T>;
  }

  private async one(o: StoreOp): Promise<unknown> {
    switch (o.op) {
      case 'claim':
        if (o.value === undefined) return this.claim(o.key, o.ttl);
        // A claim that carries a value (a first-seen day, a reply id) is an entry like any `set`.
        if (this.claims.has(o.key) || this.live(o.key)) return false;
        this.put(o.key, o.value, o.ttl);
        return true;
      case 'get':
        return this.get(o.key);
      case 'set':
        return this.set(o.key, o.value, o.ttl);
      case 'incr':
        return this.incr(o.key, o.ttl);
      case 'tally': {
        let h = this.hash(o.key);
        if (!h) {
          h = { fields: new Map(), expiresAt: o.ttl ? this.now() + o.ttl * 1000 : undefined };
          this.hashes.set(o.key, h);
          // Bounded like the entries: the oldest day goes first.
          if (this.hashes.size > Math.max(16, this.maxEntries / 100))
            this.hashes.delete(this.hashes.keys().next().value!);
        }
        tallyFields(h.fields, o);
        return undefined;
      }
      case 'hgetall':
        return Object.fromEntries(this.hash(o.key)?.fields ?? []);
    }
  }

  private hash(key: string) {
    const h = this.hashes.get(key);
    if (h?.expiresAt !== undefined && h.expiresAt <= this.now()) {
      this.hashes.delete(key);
      return undefined;
    }
    return h;
  }

  async invalidate(key: string): Promise<void> {
    for (const l of this.invalidationListeners) l(key);
  }

  onInvalidate(listener: (key: string) => void): void {
    this.invalidationListeners.push(listener);
  }

  /** One process, one store: every write is seen. */
  listening(): boolean {
    return true;
  }

  /** Live entries with their remaining TTL in seconds (FallbackStore writes them through to Redis). */
  *liveEntries(): Generator<{ key: string; value: string; ttlSeconds: number | undefined }> {
    const now = this.now();
    for (const map of [this.entries, this.pinned]) {
      for (const [key, e] of map) {
        if (e.expiresAt !== undefined && e.expiresAt <= now) continue;
        yield { key, value: e.value, ttlSeconds: e.expiresAt === undefined ? undefined : (e.expiresAt - now) / 1000 };
      }
    }
    for (const c of this.claims.live()) yield { ...c, value: '1' };
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.hashes.clear();
    this.pinned.clear();
    this.claims.clear();
  }
}
