import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createStore, MemoryStore, RedisStore, type Store, storeBackend } from '../../src/store/index.js';
import { freePort, noRedis, RedisServer, redisClient } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 200)));

/** A RedisStore whose connection is up (commands before that fail fast: no offline queue). */
async function connected(url: string): Promise<RedisStore> {
  const store = new RedisStore(url);
  if (!(await store.waitReady())) throw new Error(`cannot connect to ${url}`);
  return store;
}

interface Handles {
  store: Store;
  /** A second handle on the same state: the same object for memory, another connection for Redis (= another replica). */
  replica: Store;
}

/** The behaviour every Store must have, whatever keeps the state. */
function storeContract(name: string, open: () => Promise<Handles>): void {
  describe(`Store contract: ${name}`, () => {
    let h: Handles;
    let ns: string;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.store.close();
      if (h.replica !== h.store) await h.replica.close();
    });
    const key = (k: string) => `${ns}:${k}`;
    // biome-ignore lint/suspicious/noDuplicateTestHooks: runs after the store above is open.
    beforeAll(() => {
      ns = `t-${randomUUID()}`;
    });

    it('claim: exactly one of many concurrent claimers wins, on either replica', async () => {
      const claims = Array.from({ length: 20 }, (_, i) => (i % 2 ? h.replica : h.store).claim(key('event'), 60));
      const won = (await Promise.all(claims)).filter(Boolean);
      expect(won).toHaveLength(1);
      expect(await h.store.claim(key('event'), 60)).toBe(false);
      expect(await h.replica.claim(key('event'), 60)).toBe(false);
      expect(await h.replica.claim(key('other-event'), 60)).toBe(true);
    });

    it('claim: can be claimed again once its TTL (1 s) is over, not before', async () => {
      const started = Date.now();
      expect(await h.store.claim(key('ttl'), 1)).toBe(true);
      expect(await h.replica.claim(key('ttl'), 1)).toBe(false);
      await waitFor(() => h.replica.claim(key('ttl'), 1), 'the claim to expire', 3_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('get/set: round trip across replicas, overwrite, TTL expiry, no TTL = kept', async () => {
      expect(await h.store.get(key('missing'))).toBeUndefined();
      await h.store.set(key('lang'), 'zh');
      expect(await h.replica.get(key('lang'))).toBe('zh');
      await h.replica.set(key('lang'), '한국어 ✓');
      expect(await h.store.get(key('lang'))).toBe('한국어 ✓');

      const started = Date.now();
      await h.store.set(key('short'), 'soon gone', 1);
      expect(await h.replica.get(key('short'))).toBe('soon gone');
      await waitFor(async () => (await h.replica.get(key('short'))) === undefined, 'the key to expire', 3_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(await h.store.get(key('lang'))).toBe('한국어 ✓');
    });

    it('incr: counts across replicas within a fixed window that starts at the first increment', async () => {
      const started = Date.now();
      expect(await h.store.incr(key('budget'), 1)).toBe(1);
      expect(await h.replica.incr(key('budget'), 1)).toBe(2);
      expect(await h.store.incr(key('budget'), 1)).toBe(3);
      expect(await h.store.incr(key('other-budget'), 1)).toBe(1);
      // Incrementing every 100 ms: a sliding window (TTL renewed on each increment) would never reset.
      let last = 3;
      await waitFor(
        async () => {
          const n = await h.replica.incr(key('budget'), 1);
          if (n !== 1) expect(n).toBe(++last);
          return n === 1;
        },
        'a new counting window',
        3_000,
        100,
      );
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(2_500);
    });
  });
}

storeContract('MemoryStore', async () => {
  const store = new MemoryStore();
  return { store, replica: store };
});

describe('MemoryStore is bounded', () => {
  it('past maxEntries the least recently used go first, each eviction counted', async () => {
    let evicted = 0;
    const store = new MemoryStore({ maxEntries: 100, onEvict: () => evicted++ });
    for (let i = 0; i < 100; i++) await store.set(`k${i}`, 'v', 3600);
    expect(await store.get('k0')).toBe('v'); // read: k0 is now the most recently used
    for (let i = 100; i < 150; i++) await store.set(`k${i}`, 'v', 3600);
    expect(store.size).toBeLessThanOrEqual(100);
    expect(evicted).toBe(150 - store.size);
    expect(await store.get('k0')).toBe('v'); // kept: it was read
    expect(await store.get('k1')).toBeUndefined(); // evicted: the oldest untouched
    expect(await store.get('k149')).toBe('v');
  });

  it('other entries never evict a claim: a retry after a flood of counts and caches is still a duplicate', async () => {
    const store = new MemoryStore({ maxEntries: 100 });
    expect(await store.claim('event:Ev1', 3600)).toBe(true);
    for (let i = 0; i < 1_000; i++) await store.set(`stats:${i}`, '1', 3600);
    expect(await store.claim('event:Ev1', 3600)).toBe(false);
    // Claims only make room for claims, oldest first.
    for (let i = 0; i < 150; i++) await store.claim(`event:x${i}`, 3600);
    expect(await store.claim('event:x149', 3600)).toBe(false);
    expect(await store.claim('event:Ev1', 3600)).toBe(true);
  });

  it('never evicts an installation, whatever the traffic', async () => {
    const store = new MemoryStore({ maxEntries: 100 });
    await store.set('install:team:{TIDLE}', 'sealed');
    for (let i = 0; i < 2_000; i++) {
      await store.claim(`event:${i}`, 3600);
      await store.set(`stats:${i}`, '1', 3600);
    }
    expect(await store.get('install:team:{TIDLE}')).toBe('sealed');
  });

  it('createStore counts evictions in msdk_store_evictions_total (STORE_MAX_ENTRIES)', async () => {
    const metrics = createMetrics();
    const store = await createStore({ logger: createLogger({ level: 'silent' }), metrics, maxEntries: 10 });
    for (let i = 0; i < 25; i++) await store.claim(`e${i}`, 60);
    expect(await metrics.registry.metrics()).toMatch(/^msdk_store_evictions_total [1-9]\d*$/m);
    await store.close();
  });
});

describe.skipIf(noRedis)('with a real redis-server', () => {
  let server: RedisServer;
  let url: string;
  beforeAll(async () => {
    server = await RedisServer.start(await freePort());
    url = `redis://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.stop();
  });

  storeContract('RedisStore (two instances = two replicas)', async () => ({
    store: await connected(url),
    replica: await connected(url),
  }));

  it('RedisStore keeps its keys under msdk: and gives claims and counters a TTL', async () => {
    const store = await connected(url);
    const raw = redisClient(url);
    try {
      const k = `prefix-${randomUUID()}`;
      await store.set(k, 'v');
      expect(await raw.get(`msdk:${k}`)).toBe('v');
      expect(await raw.exists(k)).toBe(0);
      await store.claim(`${k}:claim`, 30);
      const claimTtl = await raw.pttl(`msdk:${k}:claim`);
      expect(claimTtl).toBeGreaterThan(25_000);
      expect(claimTtl).toBeLessThanOrEqual(30_000);
      await store.incr(`${k}:n`, 30);
      await store.incr(`${k}:n`, 30);
      expect(await raw.get(`msdk:${k}:n`)).toBe('2');
      expect(await raw.pttl(`msdk:${k}:n`)).toBeGreaterThan(25_000);
    } finally {
      await store.close();
      raw.disconnect();
    }
  });

  it('RedisStore.close() quits the connection, also when Redis is unreachable', async () => {
    const store = await connected(url);
    await store.get('warm-up');
    await store.close();
    expect(store.client.status).toBe('end');

    const orphan = new RedisStore(`redis://127.0.0.1:${await freePort()}`);
    expect(await orphan.waitReady()).toBe(false);
    await expect(orphan.get('x')).rejects.toThrow();
    await waitFor(async () => orphan.client.status === 'reconnecting', 'a reconnect attempt', 2_000, 10);
    const closing = Date.now();
    await orphan.close();
    expect(Date.now() - closing).toBeLessThan(500);
    const attempts = { n: 0 };
    orphan.client.on('connecting', () => attempts.n++);
    await sleep(200); // longer than the next reconnect delay (100-200 ms at this point)
    expect(attempts.n).toBe(0);
  });
});

describe('createStore with REDIS_URL: falls back to memory while Redis is down', () => {
  const PASSWORD = 'pw-9f3c1e7a-do-not-log';
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const logged = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string });
  const warnings = () => logged().filter((l) => l.level === 40 && /Redis unavailable/.test(l.msg));
  const recoveries = () => logged().filter((l) => l.level === 30 && /back on Redis/.test(l.msg));

  it.skipIf(noRedis)(
    'keeps answering from memory when redis-server dies, and goes back to Redis when it returns',
    async () => {
      const port = await freePort();
      const args = ['--requirepass', PASSWORD];
      let server = await RedisServer.start(port, args);
      const url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
      const metrics = createMetrics();
      const store = await createStore({ redisUrl: url, logger, metrics });
      let raw: Redis | undefined;
      try {
        expect(storeBackend(store)).toBe('redis');
        expect(await store.claim('answered-before-outage', 60)).toBe(true);

        await server.stop('SIGKILL');
        expect(await store.claim('outage-event', 60)).toBe(true);
        expect(await store.claim('outage-event', 60)).toBe(false);
        await store.set('lang:U1', 'en');
        expect(await store.get('lang:U1')).toBe('en');
        for (let i = 1; i <= 20; i++) expect(await store.incr('outage-budget', 60)).toBe(i);
        expect(storeBackend(store)).toBe('memory');

        const fallbacks = (await metrics.storeFallbacks.get()).values[0]?.value ?? 0;
        expect(fallbacks).toBeGreaterThanOrEqual(23);
        expect(await metrics.registry.metrics()).toMatch(/^msdk_store_fallbacks_total [1-9]\d*$/m);
        expect(warnings()).toHaveLength(1); // once per outage, not per call

        server = await RedisServer.start(port, args);
        raw = redisClient(url);
        const client = raw;
        await waitFor(
          async () => {
            await store.set('after', 'back on redis');
            return (await client.get('msdk:after')) === 'back on redis';
          },
          'writes to reach Redis again',
          10_000,
          100,
        );
        expect(storeBackend(store)).toBe('redis');
        expect(recoveries()).toHaveLength(1);
        expect(warnings()).toHaveLength(1);
        // The claim taken in memory during the outage still counts on this replica, and was written
        // through to Redis (where it was absent) for the others; so was the outage's setting.
        expect(await store.claim('outage-event', 60)).toBe(false);
        await waitFor(async () => (await client.get('msdk:outage-event')) === '1', 'the outage claim on Redis', 5_000);
        expect(await client.pttl('msdk:outage-event')).toBeGreaterThan(30_000);
        expect(await client.get('msdk:lang:U1')).toBe('en');

        const all = lines.join('\n');
        expect(all).not.toContain(PASSWORD);
        expect(all).not.toContain('redis://');
      } finally {
        raw?.disconnect();
        await store.close();
        await server.stop();
      }
    },
  );

  it('starts without waiting long when Redis is unreachable, and answers from memory', async () => {
    lines.length = 0;
    const metrics = createMetrics();
    const started = Date.now();
    const store = await createStore({
      redisUrl: `redis://:${PASSWORD}@127.0.0.1:${await freePort()}`,
      logger,
      metrics,
    });
    try {
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(storeBackend(store)).toBe('memory');
      expect(await store.claim('e1', 60)).toBe(true);
      expect(await store.claim('e1', 60)).toBe(false);
      expect(warnings()).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await store.close();
    }
  });

  it('without REDIS_URL it is a plain MemoryStore', async () => {
    const store = await createStore({ logger, metrics: createMetrics() });
    expect(store).toBeInstanceOf(MemoryStore);
    expect(storeBackend(store)).toBe('memory');
    await store.close();
  });
});
