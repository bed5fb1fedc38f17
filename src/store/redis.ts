import { Redis, type RedisOptions } from 'ioredis';
import { connectRedis, type RedisClient, type RedisSettings } from './connect.js';
import type { Store } from './store.js';

/**
 * Fail fast instead of hanging a reply on a dead Redis: no offline queue (commands sent while
 * disconnected reject at once), one retry per command, short connect and command timeouts.
 * Reconnection keeps going in the background, so the store comes back when Redis does.
 */
const REDIS_OPTIONS: RedisOptions = {
  connectTimeout: 2_000,
  commandTimeout: 1_000,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
};

/**
 * INCR, then start the window only when the counter has none. One script, so a crash between the
 * two steps can't leave a counter that never expires (it also heals a key `set` without TTL).
 * ARGV[1] = 0 means no window, as in MemoryStore.
 */
const INCR_WINDOW = `
local n = redis.call('INCR', KEYS[1])
local window = tonumber(ARGV[1])
if window > 0 and redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], window) end
return n`;

/** Seconds → whole milliseconds (at least 1): PX accepts the fractional TTLs MemoryStore does. */
const ms = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));

const isCluster = (x: object): x is RedisClient => 'isCluster' in x && x.isCluster === true;

/** `Store` on Redis, shared by every replica. Keys live under `msdk:`. */
export class RedisStore implements Store {
  readonly client: RedisClient;
  private readonly prefix: string;

  /** A URL, the settings of a Sentinel or Cluster deployment, or a client made elsewhere. */
  constructor(target: string | RedisSettings | RedisClient, options: { prefix?: string } = {}) {
    this.client =
      typeof target === 'string'
        ? connectRedis({ url: target }, REDIS_OPTIONS)
        : target instanceof Redis || isCluster(target)
          ? target
          : connectRedis(target, REDIS_OPTIONS);
    this.prefix = options.prefix ?? 'msdk:';
    // Failures surface as rejected operations; without a listener ioredis prints every
    // reconnect error to the console.
    this.client.on('error', () => {});
  }

  /** Connected and past the ready check: operations will be sent rather than rejected. */
  available(): boolean {
    return this.client.status === 'ready';
  }

  /**
   * Waits for the connection (commands sent before it is up fail: there is no offline queue).
   * True once ready; false as soon as an attempt fails or after `timeoutMs`. Never rejects.
   */
  waitReady(timeoutMs = (REDIS_OPTIONS.connectTimeout ?? 2_000) + 500): Promise<boolean> {
    if (this.available()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        resolve(ok);
      };
      const onReady = () => done(true);
      const onError = () => done(false);
      const timer = setTimeout(onError, timeoutMs);
      this.client.on('ready', onReady);
      this.client.on('error', onError);
    });
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    const k = this.prefix + key;
    const reply = ttlSeconds
      ? await this.client.set(k, '1', 'PX', ms(ttlSeconds), 'NX')
      : await this.client.set(k, '1', 'NX');
    return reply === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const k = this.prefix + key;
    if (ttlSeconds) await this.client.set(k, value, 'PX', ms(ttlSeconds));
    else await this.client.set(k, value);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const k = this.prefix + key;
    if (ttlSeconds) await this.client.set(k, value, 'PX', ms(ttlSeconds), 'NX');
    else await this.client.set(k, value, 'NX');
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    return Number(await this.client.eval(INCR_WINDOW, 1, this.prefix + key, ttlSeconds ? ms(ttlSeconds) : 0));
  }

  /** QUIT when connected (pending replies arrive first), else just stop reconnecting; then wait for the end. */
  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    const ended = new Promise<void>((resolve) => {
      this.client.once('end', resolve);
      setTimeout(resolve, 1_000).unref();
    });
    if (this.available()) await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
    // Between reconnect attempts there is no socket: disconnect() only clears the timer, no 'end' follows.
    if (this.client.status !== 'reconnecting') await ended;
  }
}
