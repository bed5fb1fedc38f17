/**
 * Issue #17: the built bot, two replicas, on a Redis Sentinel set started locally. The master dies,
 * Sentinel promotes the replica, and the bots follow it: a Slack retry of an event answered before
 * the failover gets no second reply, and new events are answered once, their claims on the new master.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type Proc, startSentinelSet } from '../helpers/redis-topologies.js';
import { FakeSlack } from '../slack/helpers/fake-slack.js';
import { BOT_TOKEN, envelope, messageEvent, SIGNING_SECRET, waitFor } from '../slack/helpers/harness.js';
import { BotProcess, freePort, metricValue, noRedis, postEvent, postsInThread } from './helpers.js';

const SET = 'msdk-e2e';

describe.skipIf(noRedis)('two replicas on a Redis Sentinel set', () => {
  let fake: FakeSlack;
  let set: { master: Proc; replica: Proc; sentinel: Proc };
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    [fake, set] = await Promise.all([new FakeSlack().start(), startSentinelSet(SET)]);
    const env = {
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      REDIS_SENTINELS: `127.0.0.1:${set.sentinel.port}`,
      REDIS_SENTINEL_NAME: SET,
    };
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    a = new BotProcess(portA, env);
    b = new BotProcess(portB, env);
    await Promise.all([a.waitReady(), b.waitReady()]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all(Object.values(set ?? {}).map((p: Proc) => p.stop('SIGKILL')));
    await fake?.close();
  });

  const claimed = async (port: number, eventId: unknown) =>
    (await cli(port, ['exists', `msdk:event:${String(eventId)}`])) === '1';

  it('fails over: no second reply to a retry, new events answered once on the new master', async () => {
    const first = messageEvent();
    const delivery = envelope(first);
    expect((await postEvent(a.url('/slack/events'), delivery)).status).toBe(200);
    await waitFor(() => postsInThread(fake, first.ts) === 1, 'the reply before the failover');
    expect(await claimed(set.master.port, delivery.event_id)).toBe(true);
    await cli(set.master.port, ['wait', '1', '2000']); // the replica has the claim too

    await set.master.stop('SIGKILL');
    await waitFor(
      async () =>
        (await cli(set.sentinel.port, ['sentinel', 'get-master-addr-by-name', SET])).endsWith(String(set.replica.port)),
      'Sentinel to promote the replica',
      20_000,
      200,
    );

    // An event after the failover is answered once, and its claim lands on the new master.
    const next = messageEvent();
    const nextDelivery = envelope(next);
    expect((await postEvent(b.url('/slack/events'), nextDelivery)).status).toBe(200);
    await waitFor(() => postsInThread(fake, next.ts) === 1, 'the reply after the failover', 20_000);
    await waitFor(() => claimed(set.replica.port, nextDelivery.event_id), 'the claim on the new master', 20_000, 200);

    // Slack retries the first event on the other replica (it never saw our 200, say): it was claimed
    // on the old master and replicated, so the new master still knows it.
    expect((await postEvent(b.url('/slack/events'), delivery, { retryNum: 1 })).status).toBe(200);
    await waitFor(
      async () => metricValue(await b.metrics(), 'msdk_events_dropped_total', { reason: 'duplicate' }) >= 1,
      'the retry to be dropped as a duplicate',
    );
    expect(postsInThread(fake, first.ts)).toBe(1);
    expect(postsInThread(fake, next.ts)).toBe(1);
    expect(a.alive && b.alive).toBe(true);
  }, 60_000);
});
