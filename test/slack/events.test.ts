import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './helpers/fake-slack.js';
import {
  BOT_TOKEN,
  blocksOf,
  envelope,
  fixture,
  type Harness,
  messageEvent,
  nextTs,
  SIGNING_SECRET,
  startHarness,
  visibleText,
  waitFor,
} from './helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const JSON_73 = '{"ret":-10000,"msg":"-73,the user modify password wrong"}';

/** Sends a message that certainly gets a reply and waits for it: everything sent before has been handled. */
async function sentinel(): Promise<void> {
  const ts = nextTs();
  const res = await h.sendEvent(
    envelope(messageEvent({ channel: 'C0SENTINEL', text: '{"ret":-303}', blocks: undefined, ts })),
  );
  expect(res.status).toBe(200);
  await waitFor(() => h.fake.posts().find((p) => p.params.thread_ts === ts), 'the sentinel reply');
}
/** The metric's text once it contains `needle` (fails after the usual wait if it never does). */
const metricOnce = (name: string, needle: string) =>
  waitFor(async () => {
    const text = await h.metrics.registry.getSingleMetricAsString(name);
    return text.includes(needle) && text;
  }, `${name} to show ${needle}`);
const repliesIn = (channel: string) => h.fake.posts().filter((p) => p.params.channel === channel);

describe('passive listener', () => {
  it('answers a pasted MSDK response once, in the thread of the message, with what it means', async () => {
    const event = messageEvent();
    const res = await h.sendEvent(envelope(event));
    expect(res.status).toBe(200);
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.channel).toBe('C0LOGS');
    expect(reply.params.thread_ts).toBe(event.ts);
    expect(reply.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const text = visibleText(reply);
    expect(text).toContain('-73');
    expect(text).toContain('QQ platform, via MSDK logic layer -10000');
    expect(text).toContain('the user modify password wrong');
    expect(blocksOf(reply).length).toBeGreaterThan(0);
    expect(String(reply.params.text)).toContain('-73'); // the plain fallback too
  });

  it('answers the retry of an event exactly once (same event_id, x-slack-retry-num: 1)', async () => {
    const body = envelope(messageEvent({ channel: 'C0RETRY' }));
    expect((await h.sendEvent(body)).status).toBe(200);
    expect((await h.sendEvent(body, { retryNum: 1 })).status).toBe(200);
    await sentinel();
    expect(repliesIn('C0RETRY')).toHaveLength(1);
    const dropped = await h.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total');
    expect(dropped).toContain('reason="duplicate"} 1');
  });

  it('answers one message delivered under two event ids once (the (channel, ts) claim)', async () => {
    // A DM: explain mode answers in full, so only the (channel, ts) claim can stop the second reply.
    const event = messageEvent({ channel: 'D0TWICE', channel_type: 'im' });
    await h.sendEvent(envelope(event));
    await h.sendEvent(envelope(event)); // new event_id, same (channel, ts)
    await sentinel();
    expect(repliesIn('D0TWICE')).toHaveLength(1);
  });

  it.each([
    ['message first', ['message', 'app_mention']],
    ['app_mention first', ['app_mention', 'message']],
  ])('answers a mention delivered as message + app_mention once (%s), in explain mode', async (_name, order) => {
    const ts = nextTs();
    const mention = { ...fixture('event-app-mention.json'), channel: 'C0BOTH', ts, event_ts: ts };
    const message = { ...mention, type: 'message', channel_type: 'channel' };
    for (const kind of order) await h.sendEvent(envelope(kind === 'message' ? message : mention));
    await sentinel();
    const replies = repliesIn('C0BOTH');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.params.thread_ts).toBe(ts);
    // "-303" alone is only explained when asked: this reply comes from the app_mention listener.
    expect(visibleText(replies[0]!)).toContain('MSDK access layer');
  });

  it('stays silent on chatter, bot messages, edits and its own messages', async () => {
    const quiet = [
      messageEvent({ channel: 'C0QUIET', text: '+1', blocks: undefined }),
      messageEvent({ channel: 'C0QUIET', text: 'we have 303 users now', blocks: undefined }),
      messageEvent({ channel: 'C0QUIET', text: '-303', blocks: undefined }), // a bare number: nobody said error
      { ...fixture('event-bot-message.json'), channel: 'C0QUIET', ts: nextTs() },
      messageEvent({ channel: 'C0QUIET', bot_id: 'B0OTHER', bot_profile: { id: 'B0OTHER', name: 'ci' } }),
      { ...fixture('event-message-changed.json'), channel: 'C0QUIET', ts: nextTs() },
      messageEvent({ channel: 'C0QUIET', subtype: 'message_deleted', hidden: true }),
      messageEvent({ channel: 'C0QUIET', subtype: 'channel_join', text: '<@U9> has joined' }),
      messageEvent({ channel: 'C0QUIET', user: BOT_USER_ID }), // our own message
    ];
    for (const event of quiet) expect((await h.sendEvent(envelope(event))).status).toBe(200);
    await sentinel();
    expect(repliesIn('C0QUIET')).toEqual([]);
    const dropped = await h.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total');
    expect(dropped).toContain('reason="bot"} 2');
    expect(dropped).toContain('reason="edit"} 2');
  });

  it('does not repeat in a thread what it already explained there, but explains what is new', async () => {
    const root = nextTs();
    const inThread = (text: string) => messageEvent({ channel: 'C0THREAD', thread_ts: root, text, blocks: undefined });
    await h.sendEvent(envelope(inThread(JSON_73)));
    await waitFor(() => repliesIn('C0THREAD')[0], 'the first reply');
    await h.sendEvent(envelope(inThread(`again: ${JSON_73}`)));
    await h.sendEvent(envelope(inThread(`${JSON_73} and now {"ret":-303}`)));
    await sentinel();
    const replies = repliesIn('C0THREAD');
    expect(replies).toHaveLength(2);
    expect(replies.every((r) => r.params.thread_ts === root)).toBe(true);
    const second = visibleText(replies[1]!);
    expect(second).toContain('-303');
    expect(second).not.toContain('-73');
  });

  it('answers a mention in its thread, politely when there is nothing to explain', async () => {
    const ts = nextTs();
    await h.sendEvent(
      envelope({
        ...fixture('event-app-mention.json'),
        ts,
        event_ts: ts,
        text: '<@UBOT> hello there',
        blocks: undefined,
      }),
    );
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.thread_ts).toBe(ts);
    expect(visibleText(reply)).toContain('No MSDK error code found');
  });

  it.each(['<@UBOT>', '<@UBOT> help'])('answers %j with the usage', async (text) => {
    const ts = nextTs();
    await h.sendEvent(envelope({ ...fixture('event-app-mention.json'), ts, event_ts: ts, text, blocks: undefined }));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.thread_ts).toBe(ts);
    expect(visibleText(reply)).toContain('/msdk lang en|ko|zh');
  });

  it("explains the thread's first message when mentioned alone inside that thread", async () => {
    const parentTs = nextTs();
    h.fake.threads.set(parentTs, [
      {
        type: 'message',
        user: 'U1ALICE',
        ts: parentTs,
        text: 'login broke: {"ret":-20000,"msg":"40001,invalid credential"}',
      },
    ]);
    const ts = nextTs();
    await h.sendEvent(
      envelope({
        ...fixture('event-app-mention.json'),
        ts,
        event_ts: ts,
        thread_ts: parentTs,
        text: '<@UBOT>',
        blocks: undefined,
      }),
    );
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.thread_ts).toBe(parentTs);
    expect(visibleText(reply)).toContain('40001');
    expect(visibleText(reply)).toContain('WeChat platform, via MSDK logic layer -20000');
    expect(h.fake.callsTo('conversations.replies')[0]!.params).toMatchObject({ channel: 'C0LOGS', ts: parentTs });
  });

  it('answers a mention with words by searching the catalog', async () => {
    const ts = nextTs();
    await h.sendEvent(
      envelope({
        ...fixture('event-app-mention.json'),
        ts,
        event_ts: ts,
        text: '<@UBOT> access token expired',
        blocks: undefined,
      }),
    );
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(visibleText(reply)).toContain('Search results');
  });

  it('answers a DM in explain mode, without a thread', async () => {
    const event = messageEvent({ channel: 'D0ALICE', channel_type: 'im', text: '-303', blocks: undefined });
    await h.sendEvent(envelope(event));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.channel).toBe('D0ALICE');
    expect(reply.params.thread_ts).toBeUndefined();
    expect(visibleText(reply)).toContain('MSDK access layer');
  });

  it("answers a DM in its reader's Slack language, and a channel error too", async () => {
    h.fake.locales.set('U0KO', 'ko-KR');
    await h.sendEvent(
      envelope(messageEvent({ channel: 'D0KO', channel_type: 'im', user: 'U0KO', text: '-303', blocks: undefined })),
    );
    const dm = await waitFor(() => repliesIn('D0KO')[0], 'a DM reply');
    expect(visibleText(dm)).toContain('해당 appid는 msdk에 대한 권한이 없음');
    await h.sendEvent(
      envelope(messageEvent({ channel: 'C0KO', user: 'U0KO', text: '{"ret":-303}', blocks: undefined })),
    );
    const thread = await waitFor(() => repliesIn('C0KO')[0], 'a threaded reply');
    expect(visibleText(thread)).toContain('해당 appid는 msdk에 대한 권한이 없음');
  });

  it('escapes what users pasted, so a msg cannot ping the channel', async () => {
    const text = '{"ret":-10000,"msg":"-73,<!channel> <https://evil.example|click>"}';
    await h.sendEvent(
      envelope(messageEvent({ text: text.replace(/</g, '&lt;').replace(/>/g, '&gt;'), blocks: undefined })),
    );
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    const all = JSON.stringify(reply.params);
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt;');
  });
});

describe('request verification', () => {
  it('rejects a bad signature and a stale timestamp with 401, and answers neither', async () => {
    const body = envelope(messageEvent({ channel: 'C0FORGED' }));
    expect((await h.sendEvent(body, { secret: 'not-the-secret' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await h.sendEvent(envelope(messageEvent({ channel: 'C0FORGED' })), { timestamp: stale })).status).toBe(401);
    await sentinel();
    expect(repliesIn('C0FORGED')).toEqual([]);
    const dropped = await h.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total');
    expect(dropped).toContain('reason="forged"} 1');
    expect(dropped).toContain('reason="stale"} 1');
  });

  it('refuses timestamps more than 5 minutes in the future too (+10 min, +1 day, +1 year), correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [10 * 60, 24 * 3600, 365 * 24 * 3600]) {
      const res = await h.sendEvent(envelope(messageEvent({ channel: 'C0FUTURE' })), { timestamp: now + ahead });
      expect(res.status, `+${ahead} s`).toBe(401);
    }
    // Within the window either way is still fine.
    const near = messageEvent({ channel: 'C0NEAR' });
    expect((await h.sendEvent(envelope(near), { timestamp: now + 120 })).status).toBe(200);
    await waitFor(() => repliesIn('C0NEAR').length === 1, 'the reply to a request 2 minutes ahead');
    await sentinel();
    expect(repliesIn('C0FUTURE')).toEqual([]);
    const dropped = await h.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total');
    expect(dropped).toContain('reason="stale"} 3');
  });

  it('answers the url_verification challenge', async () => {
    const res = await h.sendEvent({ type: 'url_verification', token: 't', challenge: 'abc123' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });
});

describe('operations', () => {
  it('never logs the bot token or the signing secret, even when Slack calls fail', async () => {
    h.fake.failures.set('chat.postMessage', ['channel_not_found']);
    await h.sendEvent(envelope(messageEvent({ channel: 'C0GONE' })));
    await waitFor(() => h.logs.some((l) => l.includes('chat.postMessage failed')), 'the failure log');
    await h.sendEvent(envelope(messageEvent()), { secret: 'wrong' });
    await sentinel();
    const all = h.logs.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    // Counters move once the bot has read Slack's answer, a moment after the fake recorded the call.
    const replies = await metricOnce('msdk_replies_total', 'outcome="posted"} 1');
    expect(replies).toContain('outcome="failed"} 1');
  });

  it('counts scanned messages and findings by table and action', async () => {
    await h.sendEvent(envelope(messageEvent()));
    await waitFor(() => h.fake.posts()[0], 'a reply');
    const scanned = await h.metrics.registry.getSingleMetricAsString('msdk_messages_scanned_total');
    expect(scanned).toContain('platform="slack"} 1');
    const findings = await h.metrics.registry.getSingleMetricAsString('msdk_findings_total');
    expect(findings).toContain('table="qq",action="reauthorize"} 1');
    await metricOnce('msdk_api_request_duration_seconds', 'method="chat.postMessage"');
  });
});
