/**
 * Issue #16 in WeCom: `@robot mute 40001 2h` in a group silences passive replies about 40001 there
 * until it expires; WECOM_DIGEST posts one daily digest to its group robot across replicas.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../src/server/http.js';
import { createMetrics, type Metrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import { recordExplained } from '../../src/team/index.js';
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { createWecomBot, type WecomBot } from '../../src/wecom/index.js';
import { startWecomDigest } from '../../src/wecom/team.js';
import { noRedis, RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { FIXTURE_CONFIG } from './fixture-specs.js';
import {
  captureLogs,
  contentOf,
  type FakeWebhook,
  fakeWebhook,
  query,
  robotTextXml,
  signCallback,
  waitFor,
} from './helpers.js';

const PATH = '/wecom/callback';
const GROUP_KEY = 'group-key-team';
const HOUR = 3_600_000;
const crypto = new WecomCrypto(FIXTURE_CONFIG);
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe('mute in a WeCom group', () => {
  let clock = at(27, 12);
  let fake: FakeWebhook;
  let bot: WecomBot;
  let server: Server;
  let metrics: Metrics;
  let base: string;

  beforeAll(async () => {
    fake = await fakeWebhook();
    metrics = createMetrics();
    const logs = captureLogs();
    bot = createWecomBot({
      config: { lang: 'en', webhookUrl: fake.url('default'), callback: { ...FIXTURE_CONFIG, path: PATH } },
      store: new MemoryStore({ now: () => clock }),
      logger: logs.logger,
      metrics,
      maxInputBytes: 1_048_576,
      minIntervalMs: 0,
      now: () => clock,
    });
    server = createHttpServer(bot.routes, logs.logger);
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}${PATH}`;
  });
  afterAll(async () => {
    await bot.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fake.close();
  });

  /** Sends `content` from `user` in the group and returns what the robot posted for it (or nothing). */
  async function say(content: string, user: string): Promise<string | undefined> {
    const xml = robotTextXml({ webhookUrl: fake.url(GROUP_KEY), content, msgId: randomUUID(), userId: user });
    // Signed "now" in WeCom's clock, which the bot checks against its own: keep them together.
    const c = signCallback(crypto, xml, { timestamp: String(Math.floor(clock / 1000)), nonce: '42' });
    const res = await fetch(`${base}?${query(c)}`, {
      method: 'POST',
      body: c.body,
      headers: { 'content-type': 'text/xml' },
    });
    expect(res.status).toBe(200);
    // A question from a barrier user after it: once answered, `content` was handled.
    const barrier = `barrier-${randomUUID().slice(0, 8)}`;
    const xml2 = robotTextXml({
      webhookUrl: fake.url(GROUP_KEY),
      content: '@msdk -303',
      msgId: randomUUID(),
      userId: barrier,
    });
    const c2 = signCallback(crypto, xml2, { timestamp: String(Math.floor(clock / 1000)), nonce: '43' });
    await fetch(`${base}?${query(c2)}`, { method: 'POST', body: c2.body, headers: { 'content-type': 'text/xml' } });
    await waitFor(() => fake.received.some((r) => contentOf(r.body).startsWith(`<@${barrier}>`)), 'the barrier');
    return fake.received.map((r) => contentOf(r.body)).find((md) => md.startsWith(`<@${user}>`));
  }

  const OVERHEARD = 'login: {"ret":-20000,"msg":"40001,invalid credential"}';

  it('stops passive replies for the muted code until the mute expires; asking still answers', async () => {
    expect(await say('@msdk mute 40001 2h', 'u1')).toMatch(
      /^<@u1>\n🔕 `40001` is muted in this group for 2h \(until 2026-11-27 14:00\)\.$/,
    );
    expect(await say(OVERHEARD, 'u2')).toBeUndefined();
    expect(await say('login: {"ret":-303}', 'u3')).toContain('`-303`');
    expect(await say('@msdk 40001', 'u4')).toContain('`40001`');
    expect(await say('@msdk muted', 'u5')).toContain('> `40001` u1 → 2026-11-27 14:00');
    clock += 2 * HOUR;
    expect(await say(OVERHEARD, 'u6')).toContain('`40001`');
  });

  it('unmutes, and answers bad input with the usage', async () => {
    await say('@msdk mute 40001', 'u7');
    expect(await say('@msdk unmute 40001', 'u8')).toContain('`40001` is no longer muted');
    expect(await say(OVERHEARD, 'u9')).toContain('`40001`');
    expect(await say('@msdk mute 40001 forever', 'u10')).toContain('Use `@robot mute <code> [30m|2h|7d]`');
  });
});

describe.each([
  ['one real Redis', true],
  ['a shared memory store', false],
] as const)('WECOM_DIGEST on %s', (_name, useRedis) => {
  let redis: RedisServer | undefined;
  skipWithoutRedis(useRedis);
  beforeAll(async () => {
    if (useRedis && !noRedis) redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('posts one daily digest across two replicas, and none more after a restart', async () => {
    const fake = await fakeWebhook();
    let clock = at(26, 12);
    const memory = new MemoryStore({ now: () => clock });
    const stores: Store[] = [];
    const store = async (): Promise<Store> => {
      if (!redis) return memory;
      const s = new RedisStore(redis.url);
      await s.waitReady();
      stores.push(s);
      return s;
    };
    const seed = await store();
    await recordExplained(seed, 'wecom', 'chatA', [{ code: 40001, table: 'wechat', action: 'reauthorize' }], clock);
    clock = at(27, 15);
    for (const code of [40001, 40001, 42001]) {
      await recordExplained(seed, 'wecom', 'chatA', [{ code, table: 'wechat', action: 'reauthorize' }], clock);
    }
    const replica = async () =>
      startWecomDigest({
        digest: { webhookUrl: fake.url('digest-key'), hour: 10 },
        lang: 'en',
        store: await store(),
        logger: captureLogs().logger,
        metrics: createMetrics(),
        now: () => clock,
      });
    try {
      clock = at(28, 9, 59); // before the hour: yesterday's 10:00 slot (covering the 26th) was never posted
      let replicas = await Promise.all([replica(), replica()]);
      await Promise.all(replicas.map((r) => r.stop())); // waits for their first run
      expect(fake.received).toHaveLength(1);
      expect(contentOf(fake.received[0]!.body)).toContain('**📊 MSDK daily digest · 2026-11-26**');

      clock = at(28, 10, 1);
      replicas = await Promise.all([replica(), replica()]);
      await Promise.all(replicas.map((r) => r.stop()));
      expect(fake.received).toHaveLength(2);
      replicas = await Promise.all([replica(), replica()]); // restarted within the period
      await Promise.all(replicas.map((r) => r.stop()));
      expect(fake.received).toHaveLength(2);
      const md = contentOf(fake.received[1]!.body);
      expect(fake.received[1]!.key).toBe('digest-key');
      expect(md).toContain('**📊 MSDK daily digest · 2026-11-27**');
      expect(md).toContain('3 explanations (previous period: 1)');
      expect(md).toContain('> 🔑 `40001` 2× ▲ +1 (1) · WeChat platform');
      expect(md).toMatch(/\*\*New codes\*\*\n> 🔑 `42001` 1× · WeChat platform$/);
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4096);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await fake.close();
    }
  });
});
