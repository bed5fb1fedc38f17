import { afterEach, expect, it } from 'vitest';
import { envelope, type Harness, messageEvent, startHarness, waitFor } from './helpers/harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

it('retries a 429 (Retry-After: 1) and posts exactly once', async () => {
  h = await startHarness({ retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 } });
  h.fake.rateLimit.set('chat.postMessage', 1);
  const event = messageEvent();
  await h.sendEvent(envelope(event));
  const reply = await waitFor(() => h.fake.posts()[0], 'the reply after the rate limit', 8000);
  expect(reply.params.thread_ts).toBe(event.ts);
  const attempts = h.fake.callsTo('chat.postMessage');
  expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  expect(h.fake.posts()).toHaveLength(1);
  // The counter moves once the bot has read Slack's answer, a moment after the fake recorded the post.
  const replies = await waitFor(async () => {
    const text = await h.metrics.registry.getSingleMetricAsString('msdk_replies_total');
    return text.includes('outcome="posted"} 1') && text;
  }, 'the posted reply to be counted');
  expect(replies).not.toContain('outcome="failed"');
});
