/**
 * Issue #16 digests, end to end: `/msdk digest daily` in a channel, codes explained over two days,
 * then replicas restarted after DIGEST_HOUR: the missed digest is posted once, by one replica, on
 * one real Redis and on a shared memory store alike; restarting again posts nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import { codeStats, daysEnding } from '../../src/team/index.js';
import { postCommand, postEvent, RedisServer, startSlackBot } from '../e2e/helpers.js';
import { noRedis, skipWithoutRedis } from '../helpers/redis.js';
import { blockKitViolations } from './helpers/blockkit.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { blocksOf, envelope, fixture, messageEvent, visibleText, waitFor } from './helpers/harness.js';

const logger = createLogger({ level: 'silent' });
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

let redis: RedisServer;
beforeAll(async () => {
  if (!noRedis) redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each([
  ['one real Redis', (prefix: string) => new RedisStore(redis.url, { prefix })],
  ['a shared memory store', undefined],
] as const)('a digest on %s', (_name, redisStore) => {
  skipWithoutRedis(redisStore !== undefined);
  it('is posted once across two replicas, late after a restart, with counts, trend, new and muted codes', async () => {
    const fake = await new FakeSlack().start();
    let clock = at(26, 12); // Thursday noon
    const memory = new MemoryStore({ now: () => clock });
    const stores: Store[] = [];
    const prefix = `digest${Date.now()}:`;
    const replica = async () => {
      const store = redisStore ? redisStore(prefix) : memory;
      if (redisStore) {
        await (store as RedisStore).waitReady();
        stores.push(store);
      }
      return startSlackBot({
        fake,
        store,
        logger,
        metrics: createMetrics(),
        retryConfig: { retries: 0 },
        now: () => clock,
      });
    };
    const replicas = async () => Promise.all([replica(), replica()]);
    /** Digests (a header block), not the confirmation the bot posts there too. */
    const digests = () =>
      fake.posts().filter((c) => c.params.channel === 'C0DIGEST' && blocksOf(c)[0]?.type === 'header');
    let n = 0;
    let explained = 0;
    /** A passive reply, and its count in the store (written just after the reply). */
    const explain = async (url: string, text: string) => {
      const event = messageEvent({ channel: 'C0LOGS', text, blocks: undefined });
      await postEvent(url, envelope(event));
      await waitFor(() => fake.posts().find((c) => c.params.thread_ts === event.ts), 'the reply');
      const store = stores[0] ?? memory;
      explained++;
      await waitFor(async () => {
        const counted = await codeStats(store, 'T1', daysEnding(clock, 2));
        return counted.reduce((sum, s) => sum + s.count, 0) === explained;
      }, 'the count');
    };
    const command = async (url: string, text: string) => {
      const id = `digest${++n}`;
      const fields = {
        ...fixture<Record<string, string>>('command-msdk.json'),
        text,
        channel_id: 'C0DIGEST',
        response_url: `${fake.url}/response/${id}`,
      };
      await postCommand(url, fields);
      return waitFor(() => fake.responses.find((r) => r.path === `/response/${id}`), text);
    };

    try {
      let [a, b] = await replicas();
      await explain(a.url, '{"ret":-4009}'); // Thursday: -4009 once
      clock = at(27, 12); // Friday: -4009 twice, -303 for the first time
      await explain(a.url, '{"ret":-4009}');
      await explain(b.url, '{"ret":-4009}');
      await explain(b.url, '{"ret":-303}');
      const posted = fake.posts().length;
      await postCommand(a.url, {
        ...fixture<Record<string, string>>('command-msdk.json'),
        text: 'digest daily',
        channel_id: 'C0DIGEST',
        response_url: `${fake.url}/response/on`,
      });
      // Confirmed by the bot's own post in the channel (proof it can post there), in the server's zone.
      const on = await waitFor(() => fake.posts()[posted], 'the confirmation');
      expect(on.params.channel).toBe('C0DIGEST');
      expect(visibleText(on)).toContain('daily digest at 10:00');
      await command(b.url, 'mute -4009 7d');
      expect(digests()).toEqual([]); // subscribed after today's 10:00: nothing until tomorrow
      await Promise.all([a.close(), b.close()]);

      clock = at(28, 10, 5); // Saturday 10:05: both replicas were down at 10:00
      [a, b] = await replicas();
      const [digest] = await waitFor(() => (digests().length > 0 ? digests() : undefined), 'the digest');
      const text = visibleText(digest!);
      expect(text).toContain('MSDK daily digest · 2026-11-27');
      expect(text).toContain('3 explanations (previous period: 1)');
      expect(text).toContain('🐢 *-4009* · 2× ▲ +1 (1) · _QQ game center_ · <#C0LOGS>');
      expect(text).toMatch(/\*New codes\*\n• 🛠️ \*-303\* · 1× · _MSDK access layer_/);
      // Named, not @-mentioned: a mention would notify the person at every digest.
      expect(text).toMatch(/\*Muted here\*\n🔕 \*-4009\* muted by u1alice/);
      expect(blockKitViolations(blocksOf(digest!))).toEqual([]);
      await Promise.all([a.close(), b.close()]);

      clock = at(28, 10, 30); // restarted again within the same period: no second digest
      [a, b] = await replicas();
      await Promise.all([a.close(), b.close()]); // stopping waits for the digest run started at start
      expect(digests()).toHaveLength(1);

      clock = at(29, 11); // the next day's slot: Saturday had nothing
      [a, b] = await replicas();
      await waitFor(() => digests().length === 2, 'the next digest');
      expect(visibleText(digests()[1]!)).toContain('No MSDK errors were explained in this period.');
      await Promise.all([a.close(), b.close()]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await fake.close();
    }
  });
});
