/**
 * Issue #23: acks first, always. An event is acknowledged once verified, before its work waits on
 * Redis, analysis or the Web API; above what the process works on at once, the work waits its turn
 * (counted in msdk_events_deferred_total), never the ack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { postEvent, startSlackBot } from '../e2e/helpers.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { envelope, messageEvent, waitFor } from './helpers/harness.js';

describe('Slack events are acknowledged before their work', () => {
  let fake: FakeSlack;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  const metrics = createMetrics();

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    bot = await startSlackBot({
      fake,
      store: new MemoryStore(),
      logger: createLogger({ level: 'silent' }),
      metrics,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await fake?.close();
  });

  it('acks 100 events while every reply is stuck in the Web API, then answers each once', async () => {
    let release!: () => void;
    fake.hold.set('chat.postMessage', new Promise<void>((resolve) => (release = resolve)));
    const events = Array.from({ length: 100 }, () =>
      messageEvent({ channel: 'C0ACKS', text: '{"ret":-303}', blocks: undefined }),
    );
    const statuses = await Promise.all(events.map((e) => postEvent(bot.url, envelope(e)).then((r) => r.status)));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Every ack came back while no reply could be posted yet (the hold is released below).
    // 64 are worked on at once: the rest waited for a slot, acknowledged.
    await waitFor(async () => (await metrics.eventsDeferred.get()).values[0]?.value === 36, '36 deferred events');

    release();
    await waitFor(() => fake.posts().length === 100, 'a reply to every event', 10_000);
    const threads = new Set(fake.posts().map((c) => c.params.thread_ts));
    expect(threads).toEqual(new Set(events.map((e) => e.ts)));
  });
});
