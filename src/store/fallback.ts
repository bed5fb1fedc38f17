import type { Logger } from '../logger.js';
import { DEFAULT_LIMITS } from '../net/policy.js';
import type { Metrics } from '../server/metrics.js';
import { LocalClaims } from './claims-local.js';
import type { MemoryStore } from './memory.js';
import type { BatchResults, Store, StoreOp } from './store.js';

/** A store that can tell, without a round trip, whether calling it is worth trying. */
export interface PrimaryStore extends Store {
  available(): boolean;
  /** Writes `key` unless it exists (how outage-time entries are written through on recovery). */
  setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** A round trip that changes nothing: how a stuck primary is probed, rather than with a claim. */
  ping(): Promise<void>;
}

/**
 * After a failed call, further calls skip the primary, and a PING probes it this often (unless it
 * reports back first): a real call as the probe would cost one timed-out claim, and so one
 * unanswered message, per interval while Redis is stuck.
 */
const PROBE_INTERVAL_MS = 1_000;

/**
 * A command that reached a live but slow Redis and got no answer in time: it is likely applied
 * (maybe after another replica's). A refused or cut connection is not: a dead Redis took its state
 * with it, and memory answers as for any outage.
 */
const TIMED_OUT = /command timed out/i;
const timedOut = (err: unknown): boolean => err instanceof Error && TIMED_OUT.test(err.message);

/**
 * Redis first, in-process memory while Redis is down: the bot keeps answering (de-duplication and
 * budgets become per-replica for the outage) instead of failing every reply. One warning per
 * outage, one info line on recovery, `msdk_store_fallbacks_total` counts the operations served
 * from memory. Nothing is mirrored while Redis answers, so memory holds only what was written
 * during outages: on recovery that is written through to Redis (where absent), and a claim taken
 * in memory keeps counting for its TTL even if the write-through fails, so a Slack retry after
 * the outage gets no second reply. Claims Redis answered are also kept in a bounded local record
 * for their lifetime, so a retry after Redis restarted empty gets no second reply from this
 * replica either; a claim whose command reached Redis but got no answer in time is taken as
 * someone else's, not as new.
 */
export class FallbackStore implements Store {
  private down = false;
  private closing = false;
  /** 0: the primary is trusted. Else it failed a call (when it is probed next, for the record). */
  private skipUntil = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly recent: LocalClaims;

  constructor(
    private readonly primary: PrimaryStore,
    private readonly fallback: MemoryStore,
    private readonly deps: {
      logger: Logger;
      metrics: Metrics;
      now?: () => number;
      /** Claims remembered locally at most (STORE_MAX_ENTRIES). */
      maxClaims?: number;
    },
  ) {
    this.recent = new LocalClaims({
      maxEntries: deps.maxClaims ?? DEFAULT_LIMITS.storeMaxEntries,
      now: () => this.now(),
      onEvict: () => deps.metrics.storeEvictions.inc(),
    });
  }

  /** Redis itself, for records that must never be answered from memory (installations). */
  get durable(): PrimaryStore {
    return this.primary;
  }

  /** Where operations go right now. */
  backend(): 'redis' | 'memory' {
    return !this.down && this.primary.available() ? 'redis' : 'memory';
  }

  /** Called on connection loss or a failed call; logs only the first time per outage. */
  primaryDown(cause?: unknown): void {
    if (this.closing || this.down) return;
    this.down = true;
    // `cause` only: the Redis URL may hold a password, so it is never logged.
    this.deps.logger.warn(
      { err: cause },
      'store: Redis unavailable, using in-process memory (not shared between replicas) until it reconnects',
    );
  }

  /** Called when the connection is ready again, or a call succeeded. */
  primaryUp(): void {
    this.skipUntil = 0;
    if (!this.down || this.closing) return;
    this.down = false;
    this.deps.logger.info('store: Redis reachable again, back on Redis');
    void this.writeThrough();
  }

  /** Outage-time entries go to Redis where Redis has none, so the other replicas know them too. */
  private async writeThrough(): Promise<void> {
    let written = 0;
    try {
      for (const e of [...this.fallback.liveEntries()]) {
        await this.primary.setIfAbsent(e.key, e.value, e.ttlSeconds);
        written++;
      }
      if (written > 0) this.deps.logger.info({ written }, 'store: entries made during the outage written to Redis');
    } catch (err) {
      this.deps.logger.warn({ err, written }, 'store: could not write the outage entries to Redis');
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Whether calls go to the primary: not after a failed call, until a probe (or the connection) says it is back. */
  private trusted(): boolean {
    return this.skipUntil === 0;
  }

  /** Calls fail on the primary: skip it, and PING it every PROBE_INTERVAL_MS until it answers. */
  private distrust(): void {
    this.skipUntil = this.now() + PROBE_INTERVAL_MS;
    if (this.probeTimer || this.closing) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.skipUntil === 0 || this.closing) return;
      this.primary.ping().then(
        () => this.primaryUp(),
        () => this.distrust(),
      );
    }, PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  private async run<T>(op: (store: Store) => Promise<T>): Promise<T> {
    if (!this.primary.available()) {
      this.primaryDown('Redis connection not ready');
    } else if (this.trusted()) {
      try {
        const result = await op(this.primary);
        this.primaryUp();
        return result;
      } catch (err) {
        // Connected but failing (timeouts on a stuck server): probe it, not every call.
        this.distrust();
        this.primaryDown(err);
      }
    }
    this.deps.metrics.storeFallbacks.inc();
    return op(this.fallback);
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.recent.has(key)) return false;
    // Taken here during an outage (memory holds nothing else): it still counts after recovery.
    if ((await this.fallback.get(key)) !== undefined) return false;
    if (!this.primary.available()) {
      this.primaryDown('Redis connection not ready');
    } else if (this.trusted()) {
      try {
        const won = await this.primary.claim(key, ttlSeconds);
        this.primaryUp();
        this.recent.add(key, ttlSeconds);
        return won;
      } catch (err) {
        this.distrust();
        this.primaryDown(err);
        if (timedOut(err)) {
          // Perhaps ours, perhaps another replica's: answering could be a second reply, so it is not new.
          this.recent.add(key, ttlSeconds);
          return false;
        }
      }
    }
    this.deps.metrics.storeFallbacks.inc();
    return this.fallback.claim(key, ttlSeconds);
  }

  get(key: string): Promise<string | undefined> {
    return this.run((s) => s.get(key));
  }

  set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.recent.delete(key); // overwritten (or deleted with a 1 ms TTL): no longer claimed
    return this.run((s) => s.set(key, value, ttlSeconds));
  }

  incr(key: string, ttlSeconds: number): Promise<number> {
    return this.run((s) => s.incr(key, ttlSeconds));
  }

  async batch<const T extends readonly StoreOp[]>(ops: T): Promise<BatchResults<T>> {
    // As in `claim`: a claim remembered here (answered lately, or taken during an outage) is not
    // new, whatever Redis says now (it may have restarted empty).
    const known = await Promise.all(
      ops.map(async (o) =>
        o.op !== 'claim' ? false : this.recent.has(o.key) || (await this.fallback.get(o.key)) !== undefined,
      ),
    );
    for (const o of ops) if (o.op === 'set') this.recent.delete(o.key);
    let results: unknown[] | undefined;
    let claimsNotNew = false;
    if (!this.primary.available()) {
      this.primaryDown('Redis connection not ready');
    } else if (this.trusted()) {
      try {
        results = await this.primary.batch(ops);
        this.primaryUp();
        for (const o of ops) if (o.op === 'claim') this.recent.add(o.key, o.ttl);
      } catch (err) {
        this.distrust();
        this.primaryDown(err);
        // Perhaps ours, perhaps another replica's: answering could be a second reply, so none is new.
        if (timedOut(err)) {
          claimsNotNew = true;
          for (const o of ops) if (o.op === 'claim') this.recent.add(o.key, o.ttl);
        }
      }
    }
    if (!results) {
      this.deps.metrics.storeFallbacks.inc();
      results = await this.fallback.batch(ops);
    }
    return results.map((r, i) => (known[i] || (claimsNotNew && ops[i]?.op === 'claim') ? false : r)) as BatchResults<T>;
  }

  /** Told to this replica's listeners at once, and through Redis to the others when it is up. */
  async invalidate(key: string): Promise<void> {
    if (this.backend() === 'redis') await this.primary.invalidate(key).catch(() => this.fallback.invalidate(key));
    else await this.fallback.invalidate(key);
  }

  onInvalidate(listener: (key: string) => void): void {
    this.fallback.onInvalidate(listener);
    this.primary.onInvalidate(listener);
  }

  /** Only Redis tells of the other replicas' writes. */
  listening(): boolean {
    return this.backend() === 'redis' && this.primary.listening();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.recent.clear();
    await Promise.all([this.primary.close(), this.fallback.close()]);
  }
}
