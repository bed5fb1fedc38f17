/**
 * Issue #6: faults on the way out (Slack API, WeCom webhook) and in the store (Redis dies) lose no
 * reply and duplicate none. In-process adapters, so retry timing can be shortened.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createStore, storeBackend } from '../../src/store/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { createWecomBot } from '../../src/wecom/index.js';
import { FakeSlack } from '../slack/helpers/fake-slack.js';
import { envelope, messageEvent, startHarness, waitFor } from '../slack/helpers/harness.js';
import { FIXTURE_CONFIG } from '../wecom/fixture-specs.js';
import { captureLogs, fakeWebhook, robotTextXml, signCallback } from '../wecom/helpers.js';
import {
  freePort,
  metricValue,
  noRedis,
  postEvent,
  postsInThread,
  RedisServer,
  redisClient,
  startSlackBot,
} from './helpers.js';

/** Everything a test opened, closed after it whatever happened. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanups.splice(0).reverse()) await close();
});

const FAST_RETRIES = { retries: 5, minTimeout: 10, maxTimeout: 50 };

/** A bot replica on the Redis at `url`, with its own metrics and a quiet logger; closed after the test. */
async function replicaOn(url: string, fake: FakeSlack) {
  const logger = createLogger({ level: 'warn', destination: { write: () => undefined } });
  const metrics = createMetrics();
  const store = await createStore({ redisUrl: url, logger, metrics });
  cleanups.push(() => store.close());
  const slack = await startSlackBot({ fake, store, logger, metrics, retryConfig: FAST_RETRIES });
  cleanups.push(() => slack.close());
  return { store, slack, metrics };
}

describe('Slack Web API faults', () => {
  it('429 (Retry-After: 1), then two 500s, then 200: the reply is posted once, and the next event is answered', async () => {
    const h = await startHarness({ retryConfig: FAST_RETRIES });
    cleanups.push(() => h.close());
    h.fake.rateLimit.set('chat.postMessage', 1);
    h.fake.serverErrors.set('chat.postMessage', 2);

    const first = messageEvent();
    expect((await h.sendEvent(envelope(first))).status).toBe(200);
    await waitFor(() => postsInThread(h.fake, first.ts) === 1, 'the reply after the faults', 8_000);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 500, 500, 200]);

    const next = messageEvent();
    expect((await h.sendEvent(envelope(next))).status).toBe(200);
    await waitFor(() => postsInThread(h.fake, next.ts) === 1, 'the reply to the next event');

    await h.bot.stop(); // waits for replies in flight: nothing can arrive after this
    expect(h.fake.posts().map((c) => c.params.thread_ts)).toEqual([first.ts, next.ts]);
    const metrics = await h.metrics.registry.metrics();
    expect(metricValue(metrics, 'msdk_replies_total', { platform: 'slack', outcome: 'posted' })).toBe(2);
    expect(metricValue(metrics, 'msdk_replies_total', { outcome: 'failed' })).toBe(0);
  });
});

describe('a hung Slack Web API', () => {
  it('100 replies hang: they are given up after the default deadline, and another message is answered within 20 s', async () => {
    const h = await startHarness(); // default limits: OUTBOUND_TIMEOUT_MS is what production runs
    cleanups.push(() => h.close());
    const hung = new Set<unknown>();
    h.fake.hangWhen = (call) => call.method === 'chat.postMessage' && hung.has(call.params.thread_ts);
    const stuck = Array.from({ length: 100 }, () => messageEvent());
    for (const e of stuck) hung.add(e.ts);
    await Promise.all(stuck.map((e) => h.sendEvent(envelope(e))));
    await waitFor(() => h.fake.callsTo('chat.postMessage').length >= 100, '100 hung posts', 10_000);

    const other = messageEvent();
    const sent = performance.now();
    expect((await h.sendEvent(envelope(other))).status).toBe(200);
    await waitFor(() => postsInThread(h.fake, other.ts) === 1, 'the other reply', 20_000, 50);
    expect(performance.now() - sent).toBeLessThan(20_000);
    const failed = () =>
      h.metrics.registry.metrics().then((t) => metricValue(t, 'msdk_replies_total', { outcome: 'failed' }));
    await waitFor(async () => (await failed()) === 100, 'the hung posts given up', 10_000);
    expect(h.logs.join('\n')).toContain('chat.postMessage failed');
  }, 60_000);
});

describe('WeCom webhook faults', () => {
  it('45009, then a hang past the client timeout, then errcode 0: delivered once, and the next callback is answered', async () => {
    const fake = await fakeWebhook();
    cleanups.push(() => fake.close());
    const logs = captureLogs();
    const metrics = createMetrics();
    const path = '/wecom/callback';
    const bot = createWecomBot({
      config: { lang: 'en', webhookUrl: fake.url('default-key'), callback: { ...FIXTURE_CONFIG, path } },
      store: new MemoryStore(),
      logger: logs.logger,
      metrics,
      maxInputBytes: 1_048_576,
      minIntervalMs: 0,
      webhookTimeoutMs: 300,
      retryTiming: { backoffMs: 20, rateLimitWaitMs: () => 50 },
    });
    const server = createHttpServer(bot.routes, logs.logger);
    const port = await listen(server, 0, '127.0.0.1');
    cleanups.push(async () => {
      await bot.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const crypto = new WecomCrypto(FIXTURE_CONFIG);
    const send = async (content: string) => {
      const xml = robotTextXml({ webhookUrl: fake.url('group-key'), content, msgId: randomUUID() });
      const c = signCallback(crypto, xml, { timestamp: String(Math.floor(Date.now() / 1000)), nonce: randomUUID() });
      const query = new URLSearchParams({ msg_signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce });
      return (await fetch(`http://127.0.0.1:${port}${path}?${query}`, { method: 'POST', body: c.body })).status;
    };

    fake.script({ errcode: 45009, errmsg: 'api freq out of limit' }, 'hang');
    expect(await send('@msdk -303')).toBe(200);
    await waitFor(() => fake.delivered().length === 1, 'the reply after 45009 and the timeout', 8_000);
    expect(fake.received.map((r) => r.answered)).toEqual([
      { errcode: 45009, errmsg: 'api freq out of limit' },
      'hang',
      { errcode: 0, errmsg: 'ok' },
    ]);
    // The very same message each time (one answer, retried), to the chat's own webhook.
    expect(new Set(fake.received.map((r) => r.raw)).size).toBe(1);
    expect(fake.received.every((r) => r.key === 'group-key')).toBe(true);

    expect(await send('@msdk 40001')).toBe(200);
    await waitFor(() => fake.delivered().length === 2, 'the reply to the next callback');

    await bot.stop(); // drains the queues: no late retry can follow
    expect(fake.received).toHaveLength(4);
    expect(fake.delivered()[1]!.raw).toContain('40001');
    const text = await metrics.registry.metrics();
    expect(metricValue(text, 'msdk_replies_total', { platform: 'wecom', outcome: 'posted' })).toBe(2);
    expect(metricValue(text, 'msdk_replies_total', { outcome: 'failed' })).toBe(0);
    expect(metricValue(text, 'msdk_wecom_webhook_errors_total', { errcode: '45009' })).toBe(1);
    expect(metricValue(text, 'msdk_wecom_webhook_errors_total', { errcode: 'timeout' })).toBe(1);
    expect(logs.text()).not.toContain('message lost');
  });
});

describe.skipIf(noRedis)('Redis dies and comes back', () => {
  it('a Slack retry after the outage gets no second reply, on this replica or another', async () => {
    const port = await freePort();
    let redis = await RedisServer.start(port);
    cleanups.push(() => redis.stop());
    const fake = await new FakeSlack().start();
    cleanups.push(() => fake.close());
    const replica = () => replicaOn(redis.url, fake);
    const a = await replica();
    const b = await replica();

    await redis.stop('SIGKILL');
    const event = messageEvent();
    const delivery = envelope(event);
    expect((await postEvent(a.slack.url, delivery)).status).toBe(200);
    await waitFor(() => postsInThread(fake, event.ts) === 1, 'the reply during the outage');
    expect(storeBackend(a.store)).toBe('memory');

    redis = await RedisServer.start(port); // empty: nothing survived the crash
    await waitFor(() => storeBackend(a.store) === 'redis' && storeBackend(b.store) === 'redis', 'both back on Redis');
    const raw = redisClient(redis.url);
    cleanups.push(async () => raw.disconnect());
    await waitFor(
      async () => (await raw.get(`msdk:event:${String(delivery.event_id)}`)) === '1',
      'the claim written through',
    );

    // Slack retries the delivery (it never saw our 200, say): to the same replica and to the other.
    expect((await postEvent(a.slack.url, delivery, { retryNum: 1 })).status).toBe(200);
    expect((await postEvent(b.slack.url, delivery, { retryNum: 2 })).status).toBe(200);
    const next = messageEvent();
    expect((await postEvent(b.slack.url, envelope(next))).status).toBe(200);
    await waitFor(() => postsInThread(fake, next.ts) === 1, 'the reply to a later message');
    await Promise.all([a.slack.bot.stop(), b.slack.bot.stop()]);
    expect(postsInThread(fake, event.ts)).toBe(1);
  }, 30_000);
});

describe.skipIf(noRedis)('Redis dies mid-stream', () => {
  it('20 distinct Slack events, Redis SIGKILLed after the first replies: 20 replies, one each', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const fake = await new FakeSlack().start();
    cleanups.push(() => fake.close());
    const { store, slack, metrics } = await replicaOn(redis.url, fake);
    expect(storeBackend(store)).toBe('redis');

    const events = Array.from({ length: 20 }, () => messageEvent());
    const deliveries: Array<Promise<number>> = [];
    let killed: Promise<void> | undefined;
    for (const [i, event] of events.entries()) {
      if (i === 8) {
        // The first replies went through Redis; the rest race the crash.
        await waitFor(() => fake.posts().length >= 5, 'the first replies');
        killed = redis.stop('SIGKILL');
      }
      deliveries.push(postEvent(slack.url, envelope(event)).then((r) => r.status));
      await new Promise((resolve) => setTimeout(resolve, 5)); // a stream, not one burst
    }
    expect(await Promise.all(deliveries)).toEqual(events.map(() => 200));
    await killed;
    await waitFor(() => fake.posts().length >= 20, '20 replies', 10_000);

    await slack.bot.stop(); // replies in flight are done: the counts are final
    expect(events.map((e) => postsInThread(fake, e.ts))).toEqual(events.map(() => 1));
    expect(fake.posts()).toHaveLength(20);
    expect(storeBackend(store)).toBe('memory');
    expect(metricValue(await metrics.registry.metrics(), 'msdk_store_fallbacks_total')).toBeGreaterThan(0);
  });
});

describe.skipIf(noRedis)('Redis restarted empty, or stuck (issue #25)', () => {
  it('a Slack retry of an event answered just before gets no second reply: the claim is also kept locally', async () => {
    const port = await freePort();
    let redis = await RedisServer.start(port);
    cleanups.push(() => redis.stop());
    const fake = await new FakeSlack().start();
    cleanups.push(() => fake.close());
    const { store, slack, metrics } = await replicaOn(redis.url, fake);

    const event = messageEvent();
    const delivery = envelope(event);
    expect((await postEvent(slack.url, delivery)).status).toBe(200);
    await waitFor(() => postsInThread(fake, event.ts) === 1, 'the reply, claimed in Redis');

    await redis.stop('SIGKILL');
    redis = await RedisServer.start(port); // no persistence: the claim is gone from Redis
    await waitFor(() => storeBackend(store) === 'redis', 'back on Redis');
    const raw = redisClient(redis.url);
    cleanups.push(async () => raw.disconnect());
    expect(await raw.exists(`msdk:event:${String(delivery.event_id)}`)).toBe(0);

    expect((await postEvent(slack.url, delivery, { retryNum: 1 })).status).toBe(200);
    const next = messageEvent();
    expect((await postEvent(slack.url, envelope(next))).status).toBe(200);
    await waitFor(() => postsInThread(fake, next.ts) === 1, 'the reply to a later message');
    await slack.bot.stop();
    expect(postsInThread(fake, event.ts)).toBe(1);
    expect(
      metricValue(await metrics.registry.metrics(), 'msdk_events_dropped_total', { reason: 'duplicate' }),
    ).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('stuck (DEBUG SLEEP 4): a message whose claim timed out is not answered, nor is its retry; later ones are, once each', async () => {
    const redis = await RedisServer.start(undefined, ['--enable-debug-command', 'local']);
    cleanups.push(() => redis.stop());
    const fake = await new FakeSlack().start();
    cleanups.push(() => fake.close());
    const { store, slack } = await replicaOn(redis.url, fake);
    const raw = redisClient(redis.url);
    cleanups.push(async () => raw.disconnect());

    const sleeping = raw.call('DEBUG', 'SLEEP', '4');
    await new Promise((r) => setTimeout(r, 50));
    const inFlight = messageEvent();
    const inFlightDelivery = envelope(inFlight);
    await postEvent(slack.url, inFlightDelivery);
    // Its claim times out after 1 s; from then on claims go to memory (a PING probes Redis, not a claim).
    await waitFor(() => storeBackend(store) === 'memory', 'the claim to time out', 5_000);
    // Past the probe interval too: Redis is probed with a PING, never with a claim that would time out.
    const during = Array.from({ length: 3 }, () => messageEvent());
    for (const e of during) {
      await postEvent(slack.url, envelope(e));
      await new Promise((r) => setTimeout(r, 700));
    }
    await waitFor(() => during.every((e) => postsInThread(fake, e.ts) === 1), 'the replies during the stall');
    await sleeping;
    await postEvent(slack.url, inFlightDelivery, { retryNum: 1 }); // Slack retries it: the claim reached Redis
    const after = messageEvent();
    await postEvent(slack.url, envelope(after));
    await waitFor(() => postsInThread(fake, after.ts) === 1, 'the reply after the stall');
    await waitFor(() => storeBackend(store) === 'redis', 'back on Redis (probed with PING)');
    await slack.bot.stop();
    expect(postsInThread(fake, inFlight.ts)).toBe(0);
    expect(during.map((e) => postsInThread(fake, e.ts))).toEqual([1, 1, 1]);
  }, 30_000);

  it('a claim whose Redis command timed out (DEBUG SLEEP) is not taken as new', async () => {
    const redis = await RedisServer.start(undefined, ['--enable-debug-command', 'local']);
    cleanups.push(() => redis.stop());
    const logger = createLogger({ level: 'silent' });
    const store = await createStore({ redisUrl: redis.url, logger, metrics: createMetrics() });
    cleanups.push(() => store.close());
    const raw = redisClient(redis.url);
    cleanups.push(async () => raw.disconnect());
    const sleeping = raw.call('DEBUG', 'SLEEP', '1.5');
    await new Promise((r) => setTimeout(r, 50));
    expect(await store.claim('event:EvSlow', 3600)).toBe(false); // sent, unanswered within 1 s
    await sleeping;
    // It did reach Redis: queued behind the sleep on the store's own connection, it may land just
    // after this connection's next read, so read until it shows (or fail after 2 s).
    await waitFor(async () => (await raw.get('msdk:event:EvSlow')) === '1' || undefined, 'the late claim', 2_000);
    expect(await raw.get('msdk:event:EvSlow')).toBe('1');
    expect(await store.claim('event:EvSlow', 3600)).toBe(false);
    expect(await store.claim('event:EvOther', 3600)).toBe(true);
  }, 15_000);
});
