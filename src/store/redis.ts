import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { StoreReplyError } from '../errors.js';
import { connectRedis, type RedisClient, type RedisSettings } from './connect.js';
import type { BatchResults, Store, StoreOp } from './store.js';

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

/** `tally` (see TallyOp): one day's counts and places in one hash, capped, in one step. */
const TALLY = `
local key, ttl, place = KEYS[1], tonumber(ARGV[1]), ARGV[2]
local maxIds, maxPlaces = tonumber(ARGV[3]), tonumber(ARGV[4])
for i = 5, #ARGV do
  local id = ARGV[i]
  local n = 'n|' .. id
  local known = redis.call('HEXISTS', key, n) == 1
  if known or tonumber(redis.call('HGET', key, '#') or '0') < maxIds then
    if not known then redis.call('HINCRBY', key, '#', 1) end
    redis.call('HINCRBY', key, n, 1)
    local c = 'c|' .. (string.match(id, '^(.*)|[^|]*$') or id)
    local places = redis.call('HGET', key, c) or ''
    local found, count = false, 0
    for p in string.gmatch(places, '%S+') do
      count = count + 1
      if p == place then found = true end
    end
    if not found and count < maxPlaces then
      redis.call('HSET', key, c, places == '' and place or (places .. ' ' .. place))
    end
  end
end
if ttl > 0 and redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ttl) end
return 0`;

/** What ioredis' `exec` answers: an error or a reply per command. */
type PipelineReplies = ReadonlyArray<readonly [Error | null, unknown]>;

/** The channel replicas tell each other of changed keys on (see Store.invalidate). */
const INVALIDATE_CHANNEL = 'invalidate';

/** Seconds → whole milliseconds (at least 1): PX accepts the fractional TTLs MemoryStore does. */
const ms = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));

const isCluster = (x: object): x is RedisClient => 'isCluster' in x && x.isCluster === true;

/** `Store` on Redis, shared by every replica. Keys live under `msdk:`. */
export class RedisStore implements Store {
  readonly client: RedisClient;
  private readonly prefix: string;
  /** A second connection, made on the first `onInvalidate`: a subscribed connection takes no other commands. */
  private subscriber: RedisClient | undefined;
  private readonly invalidationListeners: Array<(key: string) => void> = [];
  /** The subscriber is subscribed: other replicas' invalidations arrive. */
  private subscribed = false;
  /** Names this replica in its invalidation messages. */
  private readonly id = randomUUID();

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

  // The single operations go through `batch` too: whatever a turn of the event loop asks for
  // leaves in one pipeline, so independent steps of a message (and of other messages) share a round trip.
  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.batch([{ op: 'claim', key, ttl: ttlSeconds }]))[0];
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.batch([{ op: 'get', key }]))[0];
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    await this.batch([{ op: 'set', key, value, ...(ttlSeconds !== undefined && { ttl: ttlSeconds }) }]);
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
    return (await this.batch([{ op: 'incr', key, ttl: ttlSeconds }]))[0];
  }

  async batch<const T extends readonly StoreOp[]>(ops: T): Promise<BatchResults<T>> {
    if ((this.client as { isCluster?: boolean }).isCluster === true) {
      // A Cluster pipeline must stay in one slot: the operations go out at once instead, still one round trip.
      return (await Promise.all(ops.map((o) => this.one(o)))) as BatchResults<T>;
    }
    const replies = await this.pipelined(ops);
    return ops.map((o, i) => {
      const [err, reply] = replies[i] ?? [new StoreReplyError('no reply to a pipelined command'), undefined];
      if (err) throw err;
      return this.result(o, reply);
    }) as BatchResults<T>;
  }

  /** Batches asked for in the same turn of the event loop, waiting to go out as one pipeline. */
  private pending: Array<{ ops: readonly StoreOp[]; done: (replies: PipelineReplies) => void }> = [];

  /**
   * Every batch of one turn in one pipeline: under load, many messages' round trips share one write
   * and one read (fewer system calls, for the bot and for Redis). Sent from `setImmediate`, after the
   * promise continuations of this turn, so steps chained by `await`s without I/O between them go
   * together; alone, a batch waits that one turn.
   */
  private pipelined(ops: readonly StoreOp[]): Promise<PipelineReplies> {
    return new Promise((done) => {
      if (this.pending.push({ ops, done }) > 1) return;
      setImmediate(() => {
        const batches = this.pending;
        this.pending = [];
        const pipeline = this.client.pipeline();
        for (const b of batches) for (const o of b.ops) this.queue(pipeline, o);
        const spread = (replies: PipelineReplies) => {
          let at = 0;
          for (const b of batches) {
            b.done(replies.slice(at, at + b.ops.length));
            at += b.ops.length;
          }
        };
        pipeline.exec().then(
          (replies) => spread(replies ?? []),
          (err: unknown) => spread(batches.flatMap((b) => b.ops.map(() => [err as Error, undefined] as const))),
        );
      });
    });
  }

  private async one(o: StoreOp): Promise<unknown> {
    const single = this.client.pipeline();
    this.queue(single, o);
    const [[err, reply] = [new StoreReplyError('no reply to a pipelined command'), undefined]] =
      (await single.exec()) ?? [];
    if (err) throw err;
    return this.result(o, reply);
  }

  /** Adds `o` to a pipeline as one command. */
  private queue(p: ReturnType<RedisClient['pipeline']>, o: StoreOp): void {
    const k = this.prefix + o.key;
    switch (o.op) {
      case 'claim':
        if (o.ttl) p.set(k, o.value ?? '1', 'PX', ms(o.ttl), 'NX');
        else p.set(k, o.value ?? '1', 'NX');
        return;
      case 'get':
        p.get(k);
        return;
      case 'set':
        if (o.ttl) p.set(k, o.value, 'PX', ms(o.ttl));
        else p.set(k, o.value);
        return;
      case 'incr':
        p.eval(INCR_WINDOW, 1, k, o.ttl ? ms(o.ttl) : 0);
        return;
      case 'tally':
        p.eval(TALLY, 1, k, o.ttl ? ms(o.ttl) : 0, o.place, o.maxIds, o.maxPlaces, ...o.ids);
        return;
      case 'hgetall':
        p.hgetall(k);
        return;
    }
  }

  private result(o: StoreOp, reply: unknown): unknown {
    switch (o.op) {
      case 'claim':
        return reply === 'OK';
      case 'get':
        return reply ?? undefined;
      case 'incr':
        return Number(reply);
      case 'hgetall':
        return reply ?? {};
      default:
        return undefined;
    }
  }

  /** This replica's listeners now; the others through pub/sub (this one skips its own message). */
  async invalidate(key: string): Promise<void> {
    for (const l of this.invalidationListeners) l(key);
    await this.client.publish(this.prefix + INVALIDATE_CHANNEL, `${this.id} ${key}`);
  }

  onInvalidate(listener: (key: string) => void): void {
    this.invalidationListeners.push(listener);
    if (this.subscriber) return;
    const sub = this.client.duplicate();
    this.subscriber = sub;
    sub.on('error', () => {});
    sub.on('close', () => void (this.subscribed = false));
    sub.on('message', (_channel: string, message: string) => {
      const at = message.indexOf(' ');
      if (message.slice(0, at) === this.id) return;
      for (const l of this.invalidationListeners) l(message.slice(at + 1));
    });
    sub.on('ready', () => {
      // Until subscribed, messages may be missed: every listener drops what it holds once it is.
      // Subscribed once the connection is up (there is no offline queue), again after each reconnection.
      sub.subscribe(this.prefix + INVALIDATE_CHANNEL).then(
        () => {
          for (const l of this.invalidationListeners) l('*');
          this.subscribed = true;
        },
        () => undefined,
      );
    });
  }

  listening(): boolean {
    return this.subscribed && this.subscriber?.status === 'ready';
  }

  /** QUIT when connected (pending replies arrive first), else just stop reconnecting; then wait for the end. */
  async close(): Promise<void> {
    this.subscriber?.disconnect();
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
