/**
 * Counting is the same on every surface (src/conversation/delivered.ts): the same public error text,
 * said once where the answer cannot be delivered and once where it can, counts exactly one
 * explanation, on Slack's passive reply, DM, mention, shortcut and `/msdk`, and on WeCom asked and
 * overheard. Real signed Slack requests to a fake Slack, real WeCom ciphertexts to a fake robot.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../src/server/http.js';
import { createMetrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { codeStats, daysEnding } from '../../src/team/index.js';
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { createWecomBot } from '../../src/wecom/index.js';
import {
  envelope,
  fixture,
  type Harness,
  messageEvent,
  nextTs,
  startHarness,
  waitFor,
} from '../slack/helpers/harness.js';
import { FIXTURE_CONFIG } from '../wecom/fixture-specs.js';
import { captureLogs, fakeWebhook, query, robotTextXml, signCallback } from '../wecom/helpers.js';

/** https://github.com/lanrion/weixin_authorize/issues/79: {"errcode":45009,"errmsg":"api freq out of limit"} */
const PASTED = (
  JSON.parse(readFileSync(new URL('../fixtures/realworld/samples.json', import.meta.url), 'utf8')) as Array<{
    id: string;
    text: string;
  }>
).find((s) => s.id === 'weixin-authorize-79-45009-json')!.text;
const CODE = 45009;
const NOW = new Date(2026, 11, 6, 9).getTime();

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A surface: says PASTED once; `fail` makes the fake refuse the answer. Resolves once it was tried. */
interface Surface {
  say(fail: boolean): Promise<void>;
  /** How often CODE was counted as explained in the surface's workspace today. */
  counted(): Promise<number>;
}

async function slack(send: (h: Harness, fail: boolean) => Promise<void>): Promise<Surface> {
  const h = await startHarness({ now: () => NOW });
  cleanups.push(() => h.close());
  return {
    say: (fail) => send(h, fail),
    counted: async () => (await codeStats(h.store, 'T1', daysEnding(NOW, 1))).find((s) => s.code === CODE)?.count ?? 0,
  };
}

/** The log line a Slack answer that could not be delivered leaves, once its last attempt failed. */
const failedLogged = (h: Harness, msg: string, before: number) =>
  waitFor(() => h.logs.slice(before).some((l) => (JSON.parse(l) as { msg: string }).msg === msg), msg);

/** Sends a Slack event carrying PASTED and waits for the answer to be posted or to fail. */
function slackEvent(event: (ts: string) => Record<string, unknown>) {
  return async (h: Harness, fail: boolean) => {
    const posted = h.fake.posts().length;
    const logged = h.logs.length;
    if (fail) h.fake.failures.set('chat.postMessage', ['channel_not_found']);
    expect((await h.sendEvent(envelope(event(nextTs())))).status).toBe(200);
    if (fail) await failedLogged(h, 'chat.postMessage failed', logged);
    else await waitFor(() => h.fake.posts().length > posted, 'the answer');
  };
}

const SURFACES: Array<[string, () => Promise<Surface>]> = [
  [
    'Slack, overheard in a channel',
    () => slack(slackEvent((ts) => messageEvent({ ts, event_ts: ts, text: PASTED, blocks: undefined }))),
  ],
  [
    'Slack, a DM',
    () =>
      slack(
        slackEvent((ts) =>
          messageEvent({ ts, event_ts: ts, channel: 'D0DM', channel_type: 'im', text: PASTED, blocks: undefined }),
        ),
      ),
  ],
  [
    'Slack, a mention',
    () =>
      slack(
        slackEvent((ts) => ({
          ...fixture('event-app-mention.json'),
          ts,
          event_ts: ts,
          text: `<@UBOT> ${PASTED}`,
          blocks: undefined,
        })),
      ),
  ],
  [
    'Slack, the message shortcut',
    () =>
      slack(async (h, fail) => {
        const id = randomUUID();
        const logged = h.logs.length;
        if (fail) {
          h.fake.failures.set('chat.postMessage', ['channel_not_found']);
          h.fake.responseErrors = 1; // and the private fallback: a 404 is not retried
          h.fake.responseErrorStatus = 404;
        }
        const payload = fixture('shortcut-message-action.json');
        const message = { ...(payload.message as object), ts: nextTs(), text: PASTED, blocks: undefined };
        await h.sendInteraction({ ...payload, response_url: h.responseUrl(id), message });
        if (fail) await failedLogged(h, 'response_url post failed', logged);
        else await waitFor(() => h.fake.posts().length > 0, 'the answer');
      }),
  ],
  [
    'Slack, /msdk',
    () =>
      slack(async (h, fail) => {
        const id = randomUUID();
        const logged = h.logs.length;
        if (fail) {
          h.fake.responseErrors = 1;
          h.fake.responseErrorStatus = 404;
        }
        const command = fixture<Record<string, string>>('command-msdk.json');
        await h.sendCommand({ ...command, text: PASTED, response_url: h.responseUrl(id) });
        if (fail) await failedLogged(h, 'response_url post failed', logged);
        else await waitFor(() => h.fake.responses.some((r) => r.path === `/response/${id}`), 'the answer');
      }),
  ],
  ['WeCom, asked (@robot)', () => wecom(`@msdk ${PASTED}`)],
  ['WeCom, overheard in a group', () => wecom(PASTED)],
];

async function wecom(content: string): Promise<Surface> {
  const hook = await fakeWebhook();
  const logs = captureLogs();
  const store = new MemoryStore({ now: () => NOW });
  const bot = createWecomBot({
    config: { lang: 'en', webhookUrl: hook.url('default'), callback: { ...FIXTURE_CONFIG, path: '/wecom/callback' } },
    store,
    logger: logs.logger,
    metrics: createMetrics(),
    maxInputBytes: 1_048_576,
    minIntervalMs: 0,
    now: () => NOW,
  });
  const server: Server = createHttpServer(bot.routes, logs.logger);
  const base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/wecom/callback`;
  cleanups.push(async () => {
    await bot.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hook.close();
  });
  const crypto = new WecomCrypto(FIXTURE_CONFIG);
  return {
    async say(fail) {
      if (fail) hook.script({ errcode: 93000 }); // an invalid webhook key: WeCom's final answer
      const received = hook.received.length;
      const xml = robotTextXml({ webhookUrl: hook.url('group'), content, msgId: randomUUID(), userId: 'lisi' });
      const c = signCallback(crypto, xml, { timestamp: String(Math.floor(NOW / 1000)), nonce: '7' });
      const res = await fetch(`${base}?${query(c)}`, { method: 'POST', body: c.body });
      expect(res.status).toBe(200);
      await waitFor(() => hook.received.length > received, 'the answer');
      // Answered, delivered or not, once the bot says so.
      await waitFor(
        () => logs.entries().filter((e) => e.msg === 'wecom message answered').length > (fail ? 0 : 1),
        'the reply logged',
      );
    },
    counted: async () => (await codeStats(store, 'wecom', daysEnding(NOW, 1))).find((s) => s.code === CODE)?.count ?? 0,
  };
}

describe('counting explained codes, on every surface', () => {
  it.each(SURFACES)('%s: once per answer delivered, never for one that was not', async (_name, start) => {
    const surface = await start();
    await surface.say(true);
    expect(await surface.counted()).toBe(0);
    await surface.say(false);
    await waitFor(async () => (await surface.counted()) > 0, 'the count');
    expect(await surface.counted()).toBe(1);
  });
});
