/**
 * Issue #16 across replicas: two bots on one real redis-server share mutes (set on one, obeyed by
 * the other) and vote claims (the same user's second click, landing on the other replica, is not
 * counted again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/server/metrics.js';
import { ACTION_FEEDBACK_UP } from '../../src/slack/surface.js';
import { noRedis, postCommand, postEvent, postSigned, RedisServer, startReplicas } from '../e2e/helpers.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { blocksOf, envelope, fixture, messageEvent, visibleText, waitFor } from './helpers/harness.js';

describe.skipIf(noRedis)('team state shared by two replicas on one Redis', () => {
  let redis: RedisServer;
  let fake: FakeSlack;
  const metrics: Metrics[] = [createMetrics(), createMetrics()];
  let replicas: Awaited<ReturnType<typeof startReplicas>> | undefined;
  let bots: Awaited<ReturnType<typeof startReplicas>>['bots'] = [];

  beforeAll(async () => {
    [redis, fake] = await Promise.all([RedisServer.start(), new FakeSlack().start()]);
    replicas = await startReplicas(fake, metrics, () => redis.url);
    bots = replicas.bots;
  });
  afterAll(async () => {
    await replicas?.close();
    await redis?.stop();
    await fake?.close();
  });

  const sum = async (get: (m: Metrics) => Promise<number>) =>
    (await Promise.all(metrics.map(get))).reduce((a, b) => a + b, 0);
  const mutedDrops = () =>
    sum(async (m) => (await m.eventsDropped.get()).values.find((v) => v.labels.reason === 'muted')?.value ?? 0);
  const upVotes = () =>
    sum(
      async (m) =>
        (await m.feedback.get()).values.find((v) => v.labels.vote === 'up' && v.labels.code === '-303')?.value ?? 0,
    );

  it('a mute set on one replica silences the other; a vote counts once whichever replica gets the clicks', async () => {
    const fields = {
      ...fixture<Record<string, string>>('command-msdk.json'),
      text: 'mute -4009 1h',
      channel_id: 'C0SHARED',
      response_url: `${fake.url}/response/mute`,
    };
    await postCommand(bots[0]!.url, fields);
    await waitFor(() => fake.responses.find((r) => r.path === '/response/mute'), 'the mute');

    const muted = messageEvent({ channel: 'C0SHARED', text: '{"ret":-4009}', blocks: undefined });
    await postEvent(bots[1]!.url, envelope(muted));
    await waitFor(async () => (await mutedDrops()) === 1, 'replica B to drop the muted code');
    expect(fake.posts().find((c) => c.params.thread_ts === muted.ts)).toBeUndefined();

    const open = messageEvent({ channel: 'C0SHARED', text: '{"ret":-303}', blocks: undefined });
    await postEvent(bots[1]!.url, envelope(open));
    const reply = await waitFor(() => fake.posts().find((c) => c.params.thread_ts === open.ts), 'the -303 reply');
    const actions = blocksOf(reply).find((b) => b.type === 'actions') as { elements: Array<Record<string, unknown>> };
    const up = actions.elements.find((e) => e.action_id === ACTION_FEEDBACK_UP)!;
    const click = (bot: number, id: string) =>
      postSigned(
        bots[bot]!.url,
        new URLSearchParams({
          payload: JSON.stringify({
            ...fixture('block-actions-post-public.json'),
            container: { type: 'message', message_ts: '1800000000.000777', channel_id: 'C0SHARED' },
            channel: { id: 'C0SHARED', name: 'shared' },
            response_url: `${fake.url}/response/${id}`,
            actions: [{ ...up, block_id: 'b1', action_ts: '1800000100.000000' }],
          }),
        }).toString(),
        'application/x-www-form-urlencoded',
      );
    await click(0, 'vote-a');
    await waitFor(() => fake.responses.find((r) => r.path === '/response/vote-a'), 'the first thanks');
    await click(1, 'vote-b');
    const second = await waitFor(() => fake.responses.find((r) => r.path === '/response/vote-b'), 'the second answer');
    expect(visibleText(second.body)).toContain('already counted');
    expect(await upVotes()).toBe(1);
  });
});
