import type { Store } from './store.js';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/** In-process store: nothing to install, right for one replica. Expired keys are dropped lazily. */
export class MemoryStore implements Store {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private writes = 0;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt !== undefined && e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private put(key: string, value: string, ttlSeconds?: number): void {
    this.entries.set(key, { value, expiresAt: ttlSeconds ? this.now() + ttlSeconds * 1000 : undefined });
    if (++this.writes % 1000 === 0) this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt !== undefined && e.expiresAt <= now) this.entries.delete(k);
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, '1', ttlSeconds);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.put(key, value, ttlSeconds);
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const e = this.live(key);
    const next = (e ? Number(e.value) : 0) + 1;
    if (e) e.value = String(next);
    else this.put(key, String(next), ttlSeconds);
    return next;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
