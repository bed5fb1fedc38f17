/**
 * Issue #25, Slack's newer limits and deleted messages, end to end against the fake Web API:
 * - `@msdk` alone in a thread explains the parent the bot already saw, without conversations.replies
 *   (limited to 1 call a minute for apps outside the Marketplace since 2025:
 *   https://docs.slack.dev/apis/web-api/rate-limits); when it must call it and gets a 429, the answer
 *   says so at once and the workspace's other calls are not held back;
 * - replies are paced per channel (about 1 message a second each), so a burst in one channel does
 *   not delay another;
 * - deleting a message deletes the bot's reply to it: `message_deleted`
 *   (https://docs.slack.dev/reference/events/message/message_deleted/), or the tombstone a thread
 *   parent with replies leaves (`message_changed` with `message.subtype: tombstone`, as in
 *   https://github.com/hackclub/toriel/pull/238 and https://github.com/openclaw/openclaw/pull/22035).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  envelope,
  fixture,
  type Harness,
  messageEvent,
  nextTs,
  startHarness,
  visibleText,
  waitFor,
} from './helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PARENT = 'login broke: {"ret":-20000,"msg":"40001,invalid credential"}';

function mentionAlone(channel: string, threadTs: string) {
  const ts = nextTs();
  return {
    ...fixture('event-app-mention.json'),
    channel,
    ts,
    event_ts: ts,
    thread_ts: threadTs,
    text: '<@UBOT>',
    blocks: undefined,
  };
}

describe('@msdk alone in a thread', () => {
  it('explains the parent the bot saw, without conversations.replies', async () => {
    h = await startHarness();
    const harness = h;
    const parent = messageEvent({ channel: 'C0SEEN', text: PARENT, blocks: undefined });
    await harness.sendEvent(envelope(parent));
    await waitFor(() => harness.fake.posts().find((c) => c.params.thread_ts === parent.ts), 'the passive reply');
    const ask = mentionAlone('C0SEEN', String(parent.ts));
    await harness.sendEvent(envelope(ask));
    const reply = await waitFor(
      () => harness.fake.posts().find((c) => c.params.thread_ts === parent.ts && c !== harness.fake.posts()[0]),
      'the answer',
    );
    expect(visibleText(reply)).toContain('WeChat platform, via MSDK logic layer -20000');
    expect(harness.fake.callsTo('conversations.replies')).toEqual([]);
  });

  it('on a 429 from conversations.replies says so at once, and other calls are not held back', async () => {
    h = await startHarness();
    const harness = h;
    const threadTs = nextTs(); // a parent the bot never saw: it must read it
    harness.fake.threads.set(threadTs, [{ type: 'message', user: 'U1ALICE', ts: threadTs, text: PARENT }]);
    harness.fake.rateLimit.set('conversations.replies', 5);
    const started = performance.now();
    await harness.sendEvent(envelope(mentionAlone('C0OLD', threadTs)));
    const other = messageEvent({ channel: 'C0OTHER', text: '{"ret":-303}', blocks: undefined });
    await harness.sendEvent(envelope(other));
    const answer = await waitFor(() => harness.fake.posts().find((c) => c.params.thread_ts === threadTs), 'the answer');
    expect(visibleText(answer)).toContain("I cannot read this thread's first message right now");
    const reply = await waitFor(() => harness.fake.posts().find((c) => c.params.thread_ts === other.ts), 'the other');
    // The 429 said Retry-After: 1; the shared client would have held every call for that second.
    expect(answer.at - started).toBeLessThan(900);
    expect(reply.at - started).toBeLessThan(900);
    // Asked again within the Retry-After: not called again.
    await harness.sendEvent(envelope(mentionAlone('C0OLD', threadTs)));
    await waitFor(() => harness.fake.posts().filter((c) => c.params.thread_ts === threadTs).length === 2, 'again');
    expect(harness.fake.callsTo('conversations.replies')).toHaveLength(1);
  });
});

describe('replies paced per channel', () => {
  it('spaces one busy channel a second apart and leaves another channel undelayed', async () => {
    h = await startHarness({ replyIntervalMs: 1000 });
    const harness = h;
    const busy = [1, 2, 3].map(() => messageEvent({ channel: 'C0BUSY', text: '{"ret":-303}', blocks: undefined }));
    await Promise.all(busy.map((e) => harness.sendEvent(envelope(e))));
    const calm = messageEvent({ channel: 'C0CALM', text: '{"ret":-303}', blocks: undefined });
    await harness.sendEvent(envelope(calm));
    const posts = await waitFor(() => {
      const p = harness.fake.posts();
      return p.length === 4 ? p : undefined;
    }, 'four replies');
    const busyAt = posts.filter((c) => c.params.channel === 'C0BUSY').map((c) => c.at);
    const calmAt = posts.find((c) => c.params.channel === 'C0CALM')!.at;
    expect(busyAt).toHaveLength(3);
    // Spaced by start: arrivals may differ by their latency (tens of ms), never by the whole second.
    expect(busyAt[1]! - busyAt[0]!).toBeGreaterThanOrEqual(900);
    expect(busyAt[2]! - busyAt[1]!).toBeGreaterThanOrEqual(900);
    expect(calmAt).toBeLessThan(busyAt[1]!); // not queued behind the busy channel
  });
});

describe('a deleted message', () => {
  it('takes the bot reply to it along (message_deleted)', async () => {
    h = await startHarness();
    const harness = h;
    const message = messageEvent({ text: '{"ret":-303} openid=SECRET-PLAYER-42', blocks: undefined });
    await harness.sendEvent(envelope(message));
    await waitFor(() => harness.fake.posts().find((c) => c.params.thread_ts === message.ts), 'the reply');
    const deletion = { ...fixture('event-message-deleted.json'), channel: message.channel, deleted_ts: message.ts };
    expect((await harness.sendEvent(envelope(deletion))).status).toBe(200);
    const [deleted] = await waitFor(() => (harness.fake.deleted.length ? harness.fake.deleted : undefined), 'delete');
    expect(deleted).toEqual({ channel: 'C0LOGS', ts: '1800000000.000001' }); // the fake's first post
    // Deleting something the bot never answered does nothing.
    const other = { ...fixture('event-message-deleted.json'), deleted_ts: nextTs(), ts: nextTs() };
    await harness.sendEvent(envelope(other));
    expect(harness.fake.callsTo('chat.delete')).toHaveLength(1);
  });

  it('takes the answer of the "Explain MSDK error" shortcut along', async () => {
    h = await startHarness();
    const harness = h;
    const payload = fixture('shortcut-message-action.json');
    const message = payload.message as Record<string, unknown>;
    await harness.sendInteraction({ ...payload, response_url: harness.responseUrl('sc') });
    await waitFor(() => harness.fake.posts()[0], 'the answer');
    const deletion = { ...fixture('event-message-deleted.json'), channel: 'C0LOGS', deleted_ts: message.ts };
    await harness.sendEvent(envelope(deletion));
    await waitFor(() => harness.fake.deleted.length === 1, 'the answer deleted');
  });

  it('takes the answer to `@msdk` alone along when the thread parent is deleted (tombstone)', async () => {
    h = await startHarness();
    const harness = h;
    const threadTs = nextTs();
    harness.fake.threads.set(threadTs, [{ type: 'message', user: 'U1ALICE', ts: threadTs, text: PARENT }]);
    await harness.sendEvent(envelope(mentionAlone('C0LOGS', threadTs)));
    await waitFor(() => harness.fake.posts().find((c) => c.params.thread_ts === threadTs), 'the answer');
    const tombstone = fixture<Record<string, Record<string, unknown>>>('event-message-tombstone.json');
    tombstone.message = { ...tombstone.message, ts: threadTs, thread_ts: threadTs };
    await harness.sendEvent(envelope(tombstone));
    await waitFor(() => harness.fake.deleted.length === 1, 'the answer deleted');
    expect(harness.fake.deleted[0]!.channel).toBe('C0LOGS');
  });
});
