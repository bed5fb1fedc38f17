/**
 * Issue #5: two replicas of the built bot (`node dist/src/main.js`) behind one Redis, driven with
 * really signed Slack requests. They share de-duplication and language preferences, and keep
 * answering (each on its own memory) once Redis is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/index.js';
import { FakeSlack } from '../slack/helpers/fake-slack.js';
import {
  BOT_TOKEN,
  envelope,
  fixture,
  messageEvent,
  SIGNING_SECRET,
  visibleText,
  waitFor,
} from '../slack/helpers/harness.js';
import {
  BotProcess,
  freePort,
  metricValue,
  noRedis,
  postCommand,
  postEvent,
  postsInThread,
  RedisServer,
} from './helpers.js';

const USER = 'U1ALICE';
const row303 = defaultCatalog().lookup(-303)[0]!;

describe.skipIf(noRedis)('two replicas on one Redis', () => {
  let fake: FakeSlack;
  let redis: RedisServer;
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    [fake, redis] = await Promise.all([new FakeSlack().start(), RedisServer.start()]);
    // The user's Slack locale is Korean: an English answer can only come from the shared `/msdk lang en`.
    fake.locales.set(USER, 'ko-KR');
    const env = {
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_LANG: 'ko',
      REDIS_URL: redis.url,
    };
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    a = new BotProcess(portA, env);
    b = new BotProcess(portB, env);
    await Promise.all([a.waitReady(), b.waitReady()]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), redis?.stop()]);
    await fake?.close();
  });

  const duplicates = async () =>
    metricValue(await a.metrics(), 'msdk_events_dropped_total', { reason: 'duplicate' }) +
    metricValue(await b.metrics(), 'msdk_events_dropped_total', { reason: 'duplicate' });

  it('one event delivered to both replicas at once (plain and as a Slack retry) gets exactly one reply', async () => {
    const event = messageEvent();
    const body = envelope(event);
    const before = await duplicates();
    const statuses = await Promise.all([
      postEvent(a.url('/slack/events'), body).then((r) => r.status),
      postEvent(b.url('/slack/events'), body, { retryNum: 1 }).then((r) => r.status),
    ]);
    expect(statuses).toEqual([200, 200]);
    // Each delivery ends as a post or a counted duplicate: once there are two outcomes, both replicas are done.
    await waitFor(
      async () => postsInThread(fake, event.ts) + (await duplicates()) - before >= 2,
      'both replicas to handle the event',
    );
    expect(postsInThread(fake, event.ts)).toBe(1);
    expect((await duplicates()) - before).toBe(1);
    const reply = fake.posts().find((c) => c.params.thread_ts === event.ts)!;
    expect(visibleText(reply)).toContain('-73');
  });

  it('a language chosen on replica A is used by replica B', async () => {
    const command = async (bot: BotProcess, text: string, id: string) => {
      const fields = {
        ...fixture<Record<string, string>>('command-msdk.json'),
        text,
        user_id: USER,
        response_url: `${fake.url}/response/${id}`,
      };
      expect((await postCommand(bot.url('/slack/events'), fields)).status).toBe(200);
      return waitFor(() => fake.responses.find((r) => r.path === `/response/${id}`), `the answer to /msdk ${text}`);
    };
    // Control: before the choice, B answers in the user's locale (Korean).
    expect(visibleText((await command(b, '-303', 'before')).body)).toContain(row303.ko.meaning);
    await command(a, 'lang en', 'lang');
    const answer = visibleText((await command(b, '-303', 'after')).body);
    expect(answer).toContain(row303.en.meaning);
    expect(answer).not.toContain(row303.ko.meaning);
  });

  it('with Redis killed, both replicas keep answering new messages, once each, from memory', async () => {
    await redis.stop('SIGKILL');
    const events = [messageEvent(), messageEvent()];
    const statuses = await Promise.all([
      postEvent(a.url('/slack/events'), envelope(events[0]!)).then((r) => r.status),
      postEvent(b.url('/slack/events'), envelope(events[1]!)).then((r) => r.status),
    ]);
    expect(statuses).toEqual([200, 200]);
    await waitFor(() => events.every((e) => postsInThread(fake, e.ts) >= 1), 'a reply to each message', 8_000);
    for (const e of events) expect(postsInThread(fake, e.ts)).toBe(1);
    for (const bot of [a, b]) {
      expect(metricValue(await bot.metrics(), 'msdk_store_fallbacks_total')).toBeGreaterThan(0);
    }
  });
});
