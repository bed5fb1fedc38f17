import { afterEach, expect, it } from 'vitest';
import { startBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createSlackBot, type SlackBot } from '../../src/slack/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { FakeSocket } from './helpers/fake-socket.js';
import { envelope, messageEvent, waitFor } from './helpers/harness.js';

let fake: FakeSlack;
let socket: FakeSocket;
let bot: SlackBot;
afterEach(async () => {
  await bot.stop();
  await socket.close();
  await fake.close();
});

async function startSocketBot() {
  fake = await new FakeSlack().start();
  socket = await new FakeSocket().start();
  fake.socketUrl = socket.url;
  const metrics = createMetrics();
  bot = await createSlackBot({
    config: { botToken: 'xoxb-socket-test', appToken: 'xapp-1-socket-test', apiUrl: fake.apiUrl, lang: 'en' },
    store: new MemoryStore(),
    logger: createLogger({ level: process.env.DBG ? 'debug' : 'silent' }),
    metrics,
    maxInputBytes: 1_048_576,
    retryConfig: { retries: 0 },
  });
  return metrics;
}

it('connects with the app token, acks envelopes, answers once across a retried envelope, disconnects on stop', async () => {
  await startSocketBot();
  expect(bot.routes).toEqual([]);
  await bot.start();
  expect(bot.ready()).toBe(true);
  expect(fake.callsTo('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-1-socket-test');

  const event = messageEvent();
  const body = envelope(event);
  socket.send({
    envelope_id: 'env-1',
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: 0,
    retry_reason: '',
    payload: body,
  });
  socket.send({
    envelope_id: 'env-2',
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: 1,
    retry_reason: 'timeout',
    payload: body,
  });
  await waitFor(() => socket.received.filter((m) => m.envelope_id).length === 2, 'both envelopes acked');
  const reply = await waitFor(() => fake.posts()[0], 'a reply');
  expect(reply.params.thread_ts).toBe(event.ts);
  expect(reply.authorization).toBe('Bearer xoxb-socket-test');

  // The retried envelope was acked and dropped; a later event still gets its own reply.
  const later = messageEvent();
  socket.send({
    envelope_id: 'env-3',
    type: 'events_api',
    retry_attempt: 0,
    retry_reason: '',
    payload: envelope(later),
  });
  await waitFor(() => fake.posts().find((p) => p.params.thread_ts === later.ts), 'the later reply');
  expect(fake.posts().filter((p) => p.params.thread_ts === event.ts)).toHaveLength(1);

  await bot.stop();
  expect(bot.ready()).toBe(false);
  await waitFor(() => socket.closed > 0, 'the socket closed');
});

it('keeps the retry policy it was given (Socket Mode does not turn a failed post into 100 retries)', async () => {
  const metrics = await startSocketBot();
  await bot.start();
  fake.serverErrors.set('chat.postMessage', 1);
  socket.send({
    envelope_id: 'env-9',
    type: 'events_api',
    retry_attempt: 0,
    retry_reason: '',
    payload: envelope(messageEvent()),
  });
  await waitFor(
    async () => (await metrics.registry.getSingleMetricAsString('msdk_replies_total')).includes('outcome="failed"} 1'),
    'the failed reply to be counted',
  );
  expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
});

it('in Socket Mode the composed bot still serves /healthz, /readyz and /metrics on PORT, and no /slack/events', async () => {
  fake = await new FakeSlack().start();
  socket = await new FakeSocket().start();
  fake.socketUrl = socket.url;
  const running = await startBot(
    {
      port: 0,
      lang: 'en',
      logLevel: 'silent',
      maxInputBytes: 1_048_576,
      slack: { botToken: 'xoxb-socket-test', appToken: 'xapp-1-socket-test', apiUrl: fake.apiUrl, lang: 'en' },
    },
    createLogger({ level: 'silent' }),
  );
  bot = running.slack!;
  try {
    const base = `http://127.0.0.1:${running.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 'readiness once the socket is connected');
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('msdk_messages_scanned_total');
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  } finally {
    await running.stop();
  }
});
