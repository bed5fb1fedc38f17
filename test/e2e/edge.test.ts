/**
 * The HTTP edge of the built server (`node dist/src/main.js`, Slack HTTP mode, default limits)
 * against what a stranger can send: bodies that are not objects, thousands of megabytes of
 * unauthenticated uploads, trickled requests, and a flood of distinct chatter. Memory is the
 * child's resident set, read from /proc.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../slack/helpers/fake-slack.js';
import { BOT_TOKEN, envelope, messageEvent, SIGNING_SECRET, sign, waitFor } from '../slack/helpers/harness.js';
import { BotProcess, freePort, metricValue, postEvent, postSigned, postsInThread } from './helpers.js';

let fake: FakeSlack;
let bot: BotProcess;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = new BotProcess(await freePort(), {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_LANG: 'en',
    LOG_LEVEL: 'warn',
  });
  await bot.waitReady();
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const EVENTS = () => bot.url('/slack/events');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The process still answers: a real error message gets its threaded reply. */
async function stillAnswers(): Promise<void> {
  const event = messageEvent();
  expect((await postEvent(EVENTS(), envelope(event))).status).toBe(200);
  await waitFor(() => postsInThread(fake, event.ts) === 1, 'a reply from the live process', 10_000);
}

/** A raw connection to the bot that has sent `head` (request line and headers). */
function open(head: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(bot.port, '127.0.0.1', () => {
      socket.write(head);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function head(headers: Record<string, string>): string {
  const lines = Object.entries({ host: '127.0.0.1', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `POST /slack/events HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** Well-formed signature headers with a fresh timestamp (the signature itself is wrong). */
const forgedHeaders = () => ({
  'x-slack-request-timestamp': String(nowSeconds()),
  'x-slack-signature': sign('not-the-secret', nowSeconds(), 'x'),
  'content-type': 'application/json',
});

/** Milliseconds until the server closes `socket` (or `limitMs`, whichever first). */
function closedAfter(socket: Socket, limitMs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = () => resolve(performance.now() - started);
    socket.once('close', done);
    socket.on('error', () => undefined);
    setTimeout(done, limitMs).unref();
  });
}

describe('the built server at its HTTP edge', () => {
  it('a correctly signed null body (JSON or payload=null) gets 400 and the process lives on', async () => {
    expect((await postSigned(EVENTS(), 'null', 'application/json')).status).toBe(400);
    expect((await postSigned(EVENTS(), 'payload=null', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await postSigned(EVENTS(), '[1]', 'application/json')).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300)); // an unawaited crash would land here
    expect(bot.alive).toBe(true);
    await stillAnswers();
  });

  it('200 unauthenticated 4 MB uploads held open raise RSS by less than 300 MB, and /healthz still answers', async () => {
    const before = bot.rssMiB();
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const total = 4 * 1024 * 1024;
    const sockets: Socket[] = [];
    /** Sends up to 4 MB as fast as the server reads it, then holds the connection. */
    const push = (socket: Socket, framed: (b: Buffer) => Buffer) => {
      let sent = 0;
      const more = () => {
        while (sent < total && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(framed(chunk))) return void socket.once('drain', more);
        }
      };
      socket.on('error', () => undefined);
      more();
    };
    const chunked = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    for (let i = 0; i < 200; i++) {
      // Half send no signature at all; half send well-formed but forged ones, chunked (no length to refuse on).
      const socket =
        i % 2 === 0
          ? await open(head({ 'content-type': 'application/json', 'content-length': String(total) }))
          : await open(head({ ...forgedHeaders(), 'transfer-encoding': 'chunked' }));
      sockets.push(socket);
      push(socket, i % 2 === 0 ? (b) => b : chunked);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const peak = bot.rssMiB();
    expect((await fetch(bot.url('/healthz'))).status).toBe(200);
    for (const s of sockets) s.destroy();
    expect(peak - before, `RSS ${before.toFixed(0)} → ${peak.toFixed(0)} MiB`).toBeLessThan(300);
    expect(bot.alive).toBe(true);
    await stillAnswers();
  }, 30_000);

  it('a body trickled 1 byte every 2 s is cut within 30 s, and so are headers trickled the same way', async () => {
    const body = await open(head({ ...forgedHeaders(), 'content-length': '1000' }));
    const headers = await open('POST /slack/events HTTP/1.1\r\n');
    const drip = setInterval(() => {
      if (!body.destroyed) body.write('a');
      if (!headers.destroyed) headers.write('x');
    }, 2_000);
    try {
      const [bodyMs, headersMs] = await Promise.all([closedAfter(body, 30_000), closedAfter(headers, 30_000)]);
      expect(bodyMs).toBeLessThan(30_000);
      expect(headersMs).toBeLessThan(30_000);
    } finally {
      clearInterval(drip);
      body.destroy();
      headers.destroy();
    }
  }, 40_000);

  it('30,000 distinct chatter events raise RSS by less than 100 MB', async () => {
    const chatter = () =>
      envelope(messageEvent({ text: `+1 see you at 10:00, we have ${Math.random()} users`, blocks: undefined }));
    const send = async (n: number) => {
      let next = 0;
      const worker = async () => {
        while (next++ < n) expect((await postEvent(EVENTS(), chatter())).status).toBe(200);
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    };
    const calls = fake.calls.length;
    await send(3_000); // warm-up: JIT, pools, metrics series, the heap's working size
    const before = bot.rssMiB();
    await send(30_000);
    const after = bot.rssMiB();
    expect(after - before, `RSS ${before.toFixed(0)} → ${after.toFixed(0)} MiB`).toBeLessThan(100);
    const metrics = await bot.metrics();
    expect(metricValue(metrics, 'msdk_messages_scanned_total', { platform: 'slack' })).toBeGreaterThanOrEqual(33_000);
    // Two claims an event (event id, channel + ts): past STORE_MAX_ENTRIES the oldest go, counted.
    expect(metricValue(metrics, 'msdk_store_evictions_total')).toBeGreaterThan(0);
    expect(fake.calls.length).toBe(calls); // chatter: silence, not even a look-up
  }, 240_000);
});
