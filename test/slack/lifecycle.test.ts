import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createSlackBot } from '../../src/slack/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { envelope, fixture, type Harness, messageEvent, sign, startHarness, waitFor } from './helpers/harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const deps = (apiUrl: string) => ({
  store: new MemoryStore(),
  logger: createLogger({ level: 'silent' }),
  metrics: createMetrics(),
  maxInputBytes: 1_048_576,
  retryConfig: { retries: 0 },
  config: { botToken: 'xoxb-life-cycle', signingSecret: 'life-cycle-secret', apiUrl, lang: 'en' as const },
});

describe('lifecycle', () => {
  it('answers 503 until started, then serves events (auth.test runs in start, not before)', async () => {
    const fake = await new FakeSlack().start();
    const bot = await createSlackBot(deps(fake.apiUrl));
    const server = createHttpServer(bot.routes, createLogger({ level: 'silent' }));
    const port = await listen(server, 0, '127.0.0.1');
    cleanups.push(async () => {
      await bot.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await fake.close();
    });
    expect(bot.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
    const send = () => {
      const body = JSON.stringify(envelope(messageEvent()));
      const ts = Math.floor(Date.now() / 1000);
      return fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign('life-cycle-secret', ts, body),
        },
      });
    };
    expect(bot.ready()).toBe(false);
    expect(fake.callsTo('auth.test')).toEqual([]);
    expect((await send()).status).toBe(503);
    await bot.start();
    expect(bot.ready()).toBe(true);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect((await send()).status).toBe(200);
    await waitFor(() => fake.posts()[0], 'a reply');
  });

  it('stop() stops taking events and waits for the reply in flight', async () => {
    const h: Harness = await startHarness();
    cleanups.push(() => h.close());
    let release!: () => void;
    h.fake.hold.set('chat.postMessage', new Promise<void>((r) => (release = r)));
    await h.sendEvent(envelope(messageEvent()));
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the held post');
    let stopped = false;
    const stopping = h.bot.stop().then(() => (stopped = true));
    expect(h.bot.ready()).toBe(false);
    expect((await h.sendEvent(envelope(messageEvent()))).status).toBe(503); // no new events
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false); // still waiting for the reply
    release();
    await stopping;
    expect(h.fake.posts()).toHaveLength(1);
  });

  it('stop(budget) stops waiting for a reply in flight when the budget runs out', async () => {
    const h: Harness = await startHarness();
    let release!: () => void;
    h.fake.hold.set('chat.postMessage', new Promise<void>((r) => (release = r)));
    cleanups.push(async () => {
      release();
      await h.close();
    });
    await h.sendEvent(envelope(messageEvent()));
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the held post');
    const started = Date.now();
    let stopped = false;
    void h.bot.stop(AbortSignal.timeout(200)).then(() => (stopped = true));
    await waitFor(() => stopped, 'stop(budget) to return while the post is still held', 2000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(h.bot.ready()).toBe(false);
  });

  it('while stopping, slash commands and shortcuts are still answered (Slack never retries them); events get 503', async () => {
    const h: Harness = await startHarness();
    cleanups.push(() => h.close());
    await h.bot.stop();
    expect(h.bot.ready()).toBe(false);
    expect((await h.sendEvent(envelope(messageEvent()))).status).toBe(503);

    const command = { ...fixture<Record<string, string>>('command-msdk.json'), text: '-303' };
    const res = await h.sendCommand({ ...command, response_url: h.responseUrl('late-cmd') });
    expect(res.status).toBe(200);
    const shortcut = fixture('shortcut-message-action.json');
    const message = { ...(shortcut.message as Record<string, unknown>), text: 'login failed: -303' };
    expect((await h.sendInteraction({ ...shortcut, message, response_url: h.responseUrl('late-sc') })).status).toBe(
      200,
    );
    await waitFor(() => h.fake.responses.find((r) => r.path === '/response/late-cmd'), 'the command answered');
    await waitFor(() => h.fake.posts()[0], 'the shortcut answered');
    await h.bot.stop(); // waits for what came in while stopping
    expect(h.fake.posts()).toHaveLength(1);
  });

  it('in Socket Mode serves no HTTP route and is not ready before connecting', async () => {
    const bot = await createSlackBot({
      ...deps('http://127.0.0.1:9/api/'),
      config: { botToken: 'xoxb-socket', appToken: 'xapp-1-socket', apiUrl: 'http://127.0.0.1:9/api/', lang: 'en' },
    });
    expect(bot.routes).toEqual([]);
    expect(bot.ready()).toBe(false);
    await bot.stop();
  });
});
