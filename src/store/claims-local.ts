/**
 * Claims this process took or saw taken, each for its own lifetime, in a bounded map of their own:
 * the in-memory store keeps them apart from its other entries (so counts and caches never evict a
 * claim), and beside Redis they outlive a Redis restarted empty (so a Slack retry of an event
 * answered just before still gets no second reply from this replica).
 */
export interface LocalClaimsOptions {
  /** Claims kept at most; past it the oldest go first (they are the least likely to be retried). */
  maxEntries: number;
  now?: () => number;
  /** Told of each claim dropped before its expiry. */
  onEvict?: () => void;
}

export class LocalClaims {
  /** key → expiry (epoch ms); insertion order is age order. */
  private readonly claims = new Map<string, number>();
  private readonly now: () => number;
  private writes = 0;

  constructor(private readonly options: LocalClaimsOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.claims.size;
  }

  /** True while `key` is claimed (by this process, or known to be by another). */
  has(key: string): boolean {
    const expiresAt = this.claims.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.claims.delete(key);
    return false;
  }

  /** Records `key` as claimed for `ttlSeconds` (0: for as long as the bound allows). */
  add(key: string, ttlSeconds: number): void {
    this.claims.delete(key);
    // A fresh copy: a key cut from a request body would otherwise keep the whole body alive.
    const own = Buffer.from(key, 'utf8').toString('utf8');
    this.claims.set(own, ttlSeconds ? this.now() + ttlSeconds * 1000 : Number.POSITIVE_INFINITY);
    if (++this.writes % 1000 === 0) this.sweep();
    if (this.claims.size > this.options.maxEntries) this.evict();
  }

  /** Forgets `key` (it was overwritten or deleted: no longer a claim). */
  delete(key: string): void {
    this.claims.delete(key);
  }

  /** Live claims with their remaining TTL in seconds (undefined: no expiry). */
  *live(): Generator<{ key: string; ttlSeconds: number | undefined }> {
    const now = this.now();
    for (const [key, expiresAt] of this.claims) {
      if (expiresAt <= now) continue;
      yield { key, ttlSeconds: expiresAt === Number.POSITIVE_INFINITY ? undefined : (expiresAt - now) / 1000 };
    }
  }

  clear(): void {
    this.claims.clear();
  }

  /** Drops the oldest tenth in one pass (one iterator for many deletions). */
  private evict(): void {
    const target = Math.floor(this.options.maxEntries * 0.9);
    for (const key of this.claims.keys()) {
      if (this.claims.size <= target) break;
      this.claims.delete(key);
      this.options.onEvict?.();
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.claims) if (expiresAt <= now) this.claims.delete(key);
  }
}
