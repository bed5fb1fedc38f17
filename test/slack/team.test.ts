/**
 * Issue #16, end to end against the fake Slack with really signed requests: mutes (command, button,
 * expiry), 👍/👎 votes and the 👎 report, and the App Home listing what the workspace hit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTION_FEEDBACK_DOWN,
  ACTION_FEEDBACK_UP,
  ACTION_HOME_LANG,
  ACTION_MUTE_HERE,
} from '../../src/slack/surface.js';
import { listReports, muteCode } from '../../src/team/index.js';
import { blockKitViolations, modalViolations } from './helpers/blockkit.js';
import type { ApiCall } from './helpers/fake-slack.js';
import {
  blocksOf,
  envelope,
  fixture,
  type Harness,
  messageEvent,
  startHarness,
  visibleText,
  waitFor,
} from './helpers/harness.js';

const HOUR = 3_600_000;
let clock: number;
let h: Harness;
beforeEach(async () => {
  clock = new Date(2026, 10, 28, 12).getTime();
  h = await startHarness({ now: () => clock });
});
afterEach(async () => {
  await h.close();
});

const RATE_LIMITED = '{"ret":-4009,"msg":"freq"}'; // 🐢 gamecenter -4009
const NO_APPID = 'login failed {"ret":-303}'; // access -303
const PRIVATE = 'SECRET-PLAYER-42';

let n = 0;
/** `/msdk <text>` in `channel`; the response_url post. */
async function command(text: string, channel = 'C0NOISY', user = 'U1ALICE') {
  const id = `team${++n}`;
  const fields = {
    ...fixture<Record<string, string>>('command-msdk.json'),
    text,
    channel_id: channel,
    user_id: user,
    response_url: h.responseUrl(id),
  };
  expect((await h.sendCommand(fields)).status).toBe(200);
  return waitFor(() => h.fake.responses.find((r) => r.path === `/response/${id}`), `the answer to /msdk ${text}`);
}

/** A channel message; its ts (replies go in its thread). */
async function passive(channel: string, text: string, user = 'U1ALICE'): Promise<string> {
  const event = messageEvent({ channel, user, text: `${text} ${PRIVATE}`, blocks: undefined });
  expect((await h.sendEvent(envelope(event))).status).toBe(200);
  return String(event.ts);
}

const replyIn = (ts: string) => h.fake.posts().find((c) => c.params.thread_ts === ts);
const waitReply = (ts: string) => waitFor(() => replyIn(ts), `a reply in thread ${ts}`);
const dropped = async (reason: string) =>
  (await h.metrics.eventsDropped.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;

function buttons(post: ApiCall): Array<Record<string, unknown>> {
  const actions = blocksOf(post).filter((b) => b.type === 'actions');
  return actions.flatMap((b) => b.elements as Array<Record<string, unknown>>);
}

/** Clicks a button of a posted reply (the reply is `replyTs` in `channel`); the ephemeral answer, if any. */
async function click(post: ApiCall, actionId: string, o: { user?: string; replyTs?: string } = {}) {
  const button = buttons(post).find((b) => b.action_id === actionId);
  if (!button) throw new Error(`no ${actionId} button`);
  const id = `click${++n}`;
  const channel = String(post.params.channel);
  const replyTs = o.replyTs ?? '1800000000.000001';
  const payload = {
    ...fixture('block-actions-post-public.json'),
    user: { id: o.user ?? 'U1ALICE', username: 'u', name: 'u', team_id: 'T1' },
    container: { type: 'message', message_ts: replyTs, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'chan' },
    message: { type: 'message', ts: replyTs, text: String(post.params.text) },
    trigger_id: `trigger-${id}`,
    response_url: h.responseUrl(id),
    actions: [{ ...button, block_id: 'b1', action_ts: '1800000100.000000' }],
  };
  expect((await h.sendInteraction(payload)).status).toBe(200);
  return id;
}
const answerTo = (id: string) => waitFor(() => h.fake.responses.find((r) => r.path === `/response/${id}`), id);

async function feedbackCount(vote: string, table: string, code: string): Promise<number> {
  const values = (await h.metrics.feedback.get()).values;
  return values.find((v) => v.labels.vote === vote && v.labels.table === table && v.labels.code === code)?.value ?? 0;
}

describe('mute', () => {
  it('stops passive replies for the muted code in that channel only, until it expires', async () => {
    const muted = await command('mute -4009 2h');
    expect(muted.body.response_type).toBe('in_channel'); // the channel sees who muted what
    expect(visibleText(muted.body)).toContain('-4009* is muted in this channel for 2h');

    const quiet = await passive('C0NOISY', RATE_LIMITED);
    const other = await passive('C0NOISY', NO_APPID);
    expect(visibleText(await waitReply(other))).toContain('-303');
    await waitFor(async () => (await dropped('muted')) === 1, 'the muted message to be dropped');
    expect(replyIn(quiet)).toBeUndefined();
    // Both codes in one message, from a user answered in Korean (the text is analysed again): only -303.
    h.fake.locales.set('U3KIM', 'ko-KR');
    const both = visibleText(await waitReply(await passive('C0NOISY', `${RATE_LIMITED}\n${NO_APPID}`, 'U3KIM')));
    expect(both).toContain('-303');
    expect(both).not.toContain('-4009');
    // Another channel still hears about it.
    expect(visibleText(await waitReply(await passive('C0ELSEWHERE', RATE_LIMITED)))).toContain('-4009');

    // Asked explicitly, the bot answers, and says it is muted here.
    const asked = visibleText((await command('-4009')).body);
    expect(asked).toContain('-4009');
    expect(asked).toMatch(/-4009\* muted by <@U1ALICE> until <!date\^\d+\^/);

    const list = await command('muted');
    expect(list.body.response_type).toBe('ephemeral');
    expect(visibleText(list.body)).toContain('-4009* muted by <@U1ALICE>');

    clock += 2 * HOUR - 1000;
    await passive('C0NOISY', RATE_LIMITED);
    await waitFor(async () => (await dropped('muted')) === 2, 'still muted a second before the end');
    clock += 2000;
    expect(visibleText(await waitReply(await passive('C0NOISY', RATE_LIMITED)))).toContain('-4009');
    expect(visibleText((await command('muted')).body)).toContain('Nothing is muted');
  });

  it('`/msdk muted` shows the first 50 mutes and says how many more there are', async () => {
    for (let i = 0; i < 62; i++) await muteCode(h.store, 'slack:T1:C0NOISY', 10_000 + i, 'U1ALICE', 3600 + i, clock);
    const text = visibleText({ params: { blocks: (await command('muted')).body.blocks } });
    expect(text.match(/🔕/g)).toHaveLength(50);
    expect(text).toContain('and 12 more muted');
  });

  it('unmutes, and explains bad input instead of muting', async () => {
    await command('mute -4009');
    expect(visibleText((await command('unmute -4009')).body)).toContain('no longer muted');
    expect(visibleText(await waitReply(await passive('C0NOISY', RATE_LIMITED)))).toContain('-4009');
    for (const bad of ['mute', 'mute abc', 'mute -4009 99y', 'mute -4009 31d', 'unmute']) {
      const answer = await command(bad);
      expect(answer.body.response_type).toBe('ephemeral');
      expect(visibleText(answer.body)).toContain('/msdk mute <code> [30m|2h|7d]');
    }
    expect(visibleText((await command('unmute -303')).body)).toContain('-303* is not muted');
  });

  it('"Mute here 24 h" under a passive reply mutes its codes in that channel for a day', async () => {
    const reply = await waitReply(await passive('C0BUTTON', RATE_LIMITED));
    const confirm = await answerTo(await click(reply, ACTION_MUTE_HERE));
    expect(confirm.body.response_type).toBe('ephemeral');
    expect(visibleText(confirm.body)).toContain('-4009* is muted in this channel for 1d');
    const quiet = await passive('C0BUTTON', RATE_LIMITED);
    await waitFor(async () => (await dropped('muted')) === 1, 'the muted message to be dropped');
    expect(replyIn(quiet)).toBeUndefined();
    clock += 24 * HOUR + 1000;
    expect(visibleText(await waitReply(await passive('C0BUTTON', RATE_LIMITED)))).toContain('-4009');
  });
});

describe('feedback', () => {
  it('puts 👍/👎 under passive replies (with the mute button) and mention replies (without)', async () => {
    const reply = await waitReply(await passive('C0FB', NO_APPID));
    expect(buttons(reply).map((b) => b.action_id)).toEqual([
      ACTION_FEEDBACK_UP,
      ACTION_FEEDBACK_DOWN,
      ACTION_MUTE_HERE,
    ]);
    expect(blockKitViolations(blocksOf(reply))).toEqual([]);
    const mention = messageEvent({ type: 'app_mention', channel: 'C0FB', text: '<@UBOT> -303', blocks: undefined });
    await h.sendEvent(envelope(mention));
    const answer = await waitReply(String(mention.ts));
    expect(buttons(answer).map((b) => b.action_id)).toEqual([ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN]);
    // A `/msdk` answer is private: no votes there.
    expect(buttons((await command('-303')).body as never).map((b) => b.action_id)).not.toContain(ACTION_FEEDBACK_UP);
  });

  it('counts a vote once per user and reply, and thanks privately', async () => {
    const reply = await waitReply(await passive('C0FB', NO_APPID));
    const first = await answerTo(await click(reply, ACTION_FEEDBACK_UP));
    expect(first.body.response_type).toBe('ephemeral');
    expect(visibleText(first.body)).toContain('Thanks for the feedback');
    const again = await answerTo(await click(reply, ACTION_FEEDBACK_UP));
    expect(visibleText(again.body)).toContain('already counted');
    expect(await feedbackCount('up', 'access', '-303')).toBe(1);
    await answerTo(await click(reply, ACTION_FEEDBACK_UP, { user: 'U2BOB' }));
    await answerTo(await click(reply, ACTION_FEEDBACK_UP, { replyTs: '1800000000.000099' })); // another reply
    expect(await feedbackCount('up', 'access', '-303')).toBe(3);
  });

  it('labels a vote by catalog code only: forged codes share one `other` series', async () => {
    const reply = await waitReply(await passive('C0FB', NO_APPID));
    const up = buttons(reply).find((b) => b.action_id === ACTION_FEEDBACK_UP)!;
    // A client can send any button value back: 30 invented codes, each on its own "reply".
    for (let i = 0; i < 30; i++) {
      const forged = { ...reply, params: { ...reply.params } } as ApiCall;
      const value = JSON.stringify({ f: [['access', 700_000 + i]], l: 'en' });
      forged.params.blocks = [{ type: 'actions', elements: [{ ...up, value }] }];
      await answerTo(await click(forged, ACTION_FEEDBACK_UP, { replyTs: `1800000001.${String(i).padStart(6, '0')}` }));
    }
    await answerTo(await click(reply, ACTION_FEEDBACK_UP));
    const codes = (await h.metrics.feedback.get()).values.map((v) => v.labels.code);
    expect(new Set(codes)).toEqual(new Set(['other', '-303']));
    expect(await feedbackCount('up', 'access', 'other')).toBe(30);
  });

  it('👎 opens a modal; the report keeps code, table, rules, language, permalink and comment, not the message', async () => {
    const reply = await waitReply(await passive('C0FB', NO_APPID));
    await click(reply, ACTION_FEEDBACK_DOWN, { replyTs: '1800000000.000123' });
    const open = await waitFor(() => h.fake.callsTo('views.open')[0], 'views.open');
    const view = open.params.view as Record<string, unknown>;
    expect(open.params.trigger_id).toMatch(/^trigger-click/);
    expect(modalViolations(view)).toEqual([]);
    expect(await feedbackCount('down', 'access', '-303')).toBe(1);
    // A second 👎 from the same user neither counts nor opens another modal.
    expect(
      visibleText((await answerTo(await click(reply, ACTION_FEEDBACK_DOWN, { replyTs: '1800000000.000123' }))).body),
    ).toContain('already counted');
    expect(h.fake.callsTo('views.open')).toHaveLength(1);

    const submission = {
      type: 'view_submission',
      team: { id: 'T1', domain: 'testteam' },
      user: { id: 'U1ALICE', username: 'alice', name: 'alice', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: 'trigger-submit',
      view: {
        ...view,
        id: 'V1',
        team_id: 'T1',
        state: {
          values: { comment: { comment: { type: 'plain_text_input', value: 'advice should mention appid review' } } },
        },
      },
    };
    expect((await h.sendInteraction(submission)).status).toBe(200);
    const thanks = await waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 'the thanks');
    expect(thanks.params).toMatchObject({ channel: 'C0FB', user: 'U1ALICE' });
    const reports = await listReports(h.store);
    expect(reports).toEqual([
      {
        at: new Date(clock).toISOString(),
        platform: 'slack',
        workspace: 'T1',
        findings: [{ table: 'access', code: -303, rules: ['field-key'] }],
        lang: 'en',
        permalink: 'https://test.slack.com/archives/C0FB/p1800000000000123',
        comment: 'advice should mention appid review',
      },
    ]);
    expect(JSON.stringify(reports)).not.toContain(PRIVATE);
  });
});

describe('App Home', () => {
  const openHome = async (user = 'U1ALICE') => {
    const before = h.fake.callsTo('views.publish').length;
    const event = { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1800000000.000200' };
    expect((await h.sendEvent(envelope(event))).status).toBe(200);
    return waitFor(() => h.fake.callsTo('views.publish')[before], 'views.publish');
  };

  it('publishes what the bot does and what this workspace hit in the last 7 days', async () => {
    const empty = await openHome();
    expect(empty.params.user_id).toBe('U1ALICE');
    expect(visibleText({ blocks: (empty.params.view as { blocks: unknown }).blocks })).toContain(
      'Nothing explained in this workspace',
    );

    await waitReply(await passive('C0GAME', RATE_LIMITED));
    await waitReply(await passive('C0LOGS', RATE_LIMITED));
    await waitReply(await passive('C0LOGS', NO_APPID));
    clock += 8 * 24 * HOUR; // a week and a day later, an old -303 no longer counts
    await waitReply(await passive('C0LOGS', RATE_LIMITED));
    clock += HOUR;

    const published = await openHome();
    const view = published.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(blockKitViolations(view.blocks, 100)).toEqual([]);
    const text = visibleText({ blocks: view.blocks });
    expect(text).toContain('/msdk -303'); // how to use it
    expect(text).toContain('🐢 *-4009* · 1× · _QQ game center_ · <#C0LOGS>');
    expect(text).not.toContain('-303* ·');
  });

  it('changes the language from its menu and republishes in it', async () => {
    await openHome();
    const payload = {
      ...fixture('block-actions-post-public.json'),
      container: { type: 'view', view_id: 'V1' },
      channel: undefined,
      response_url: undefined,
      view: { id: 'V1', type: 'home' },
      actions: [
        {
          type: 'static_select',
          action_id: ACTION_HOME_LANG,
          block_id: 'b1',
          selected_option: { text: { type: 'plain_text', text: '한국어' }, value: 'ko' },
          action_ts: '1800000100.000000',
        },
      ],
    };
    expect((await h.sendInteraction(payload)).status).toBe(200);
    const again = await waitFor(() => h.fake.callsTo('views.publish')[1], 'the republished Home');
    expect(await h.store.get('lang:T1:U1ALICE')).toBe('ko');
    expect(visibleText({ blocks: (again.params.view as { blocks: unknown }).blocks })).toContain(
      '이 워크스페이스, 최근 7일',
    );
  });
});
