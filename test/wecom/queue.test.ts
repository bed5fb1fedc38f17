import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { type SendQueueOptions, SendQueues } from '../../src/wecom/queue.js';
import { WebhookClient, type WebhookMessage, webhookId } from '../../src/wecom/webhook.js';
import {
  bytes,
  type CapturedLogs,
  captureRawLogs,
  contentOf,
  type FakeWebhook,
  fakeWebhook,
  waitFor,
  within,
} from './helpers.js';

const KEY = '3f0e7a52-91c4-4d8e-b6a1-5c2d9e8f7a10';
const md = (content: string): WebhookMessage => ({ msgtype: 'markdown', markdown: { content } });

let fake: FakeWebhook;
let logs: CapturedLogs;
let metrics: Metrics;
let store: MemoryStore;

beforeEach(async () => {
  fake = await fakeWebhook();
  logs = captureRawLogs(); // no scrubbing: the queue itself must keep the key out
  metrics = createMetrics();
  store = new MemoryStore();
});
afterEach(async () => {
  await fake.close();
});

function queues(options: Partial<SendQueueOptions> = {}): SendQueues {
  return new SendQueues({
    client: new WebhookClient({ timeoutMs: 150 }),
    store,
    logger: logs.logger,
    metrics,
    minIntervalMs: 0,
    backoffMs: 20,
    rateLimitWaitMs: () => 100,
    ...options,
  });
}

async function counter(name: 'replies' | 'eventsDropped', labels: Record<string, string>): Promise<number> {
  const m = await metrics[name].get();
  return m.values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k as keyof typeof v.labels] === x))
    .reduce((a, v) => a + v.value, 0);
}

async function errors(errcode: string): Promise<number> {
  const text = await metrics.registry.getSingleMetricAsString('msdk_wecom_webhook_errors_total');
  return Number(new RegExp(`errcode="${errcode}"} (\\d+)`).exec(text)?.[1] ?? 0);
}

function expectNoSecrets(): void {
  expect(logs.text()).not.toContain(KEY);
  expect(logs.text()).not.toContain('/cgi-bin/webhook/send');
}

describe('the send queue', () => {
  it('posts the message as WeCom JSON and counts it', async () => {
    const out = await queues().send(fake.url(KEY), [md('### `40001`\n**WeChat platform**')]);
    expect(out).toEqual({ delivered: true, posted: 1, parts: 1 });
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.key).toBe(KEY);
    expect(JSON.parse(fake.received[0]!.raw)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### `40001`\n**WeChat platform**' },
    });
    expect(await counter('replies', { platform: 'wecom', outcome: 'posted' })).toBe(1);
    const latency = await metrics.apiLatency.get();
    expect(
      latency.values.find((v) => v.metricName?.endsWith('_count') && v.labels.method === 'webhook.send')?.value,
    ).toBe(1);
  });

  it('keeps the parts of an answer in order and within 4096 bytes', async () => {
    const parts = Array.from({ length: 5 }, (_, i) => md(`part ${i} ${'错'.repeat(1300)}`));
    const out = await queues().send(fake.url(KEY), parts);
    expect(out.delivered).toBe(true);
    expect(fake.received.map((r) => contentOf(r.body).slice(0, 6))).toEqual([
      'part 0',
      'part 1',
      'part 2',
      'part 3',
      'part 4',
    ]);
    for (const r of fake.received) expect(bytes(contentOf(r.body))).toBeLessThanOrEqual(4096);
  });

  it('on 45009 waits, retries and delivers exactly once', async () => {
    fake.script({ errcode: 45009, errmsg: 'api freq out of limit' });
    const out = await queues().send(fake.url(KEY), [md('hello')]);
    expect(out.delivered).toBe(true);
    expect(fake.received).toHaveLength(2);
    expect(fake.delivered()).toHaveLength(1);
    expect(fake.received[1]!.at - fake.received[0]!.at).toBeGreaterThanOrEqual(90);
    expect(await errors('45009')).toBe(1);
    expect(logs.entries().some((e) => e.errcode === 45009 && e.level === 40)).toBe(true);
    expectNoSecrets();
  });

  it('retries after a timeout, with backoff', async () => {
    fake.script('hang');
    const out = await queues().send(fake.url(KEY), [md('hello')]);
    expect(out.delivered).toBe(true);
    expect(fake.received).toHaveLength(2);
    expect(await errors('timeout')).toBe(1);
  });

  it('retries after a 502', async () => {
    fake.script({ status: 502 });
    expect((await queues().send(fake.url(KEY), [md('hello')])).delivered).toBe(true);
    expect(await errors('http_502')).toBe(1);
  });

  it('a 429 or 503 with Retry-After: 1 is retried after a second, not after the 20 ms backoff', async () => {
    fake.script({ status: 429, retryAfter: '1' }, { status: 503, retryAfter: '1' });
    expect((await queues().send(fake.url(KEY), [md('hello')])).delivered).toBe(true);
    const [first, second, third] = fake.received.map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    expect(third! - second!).toBeGreaterThanOrEqual(950);
  });

  it('gives up after a bounded number of transport failures, and logs the message as lost', async () => {
    fake.script('hang', 'hang', 'hang', 'hang', 'hang');
    const out = await queues({ maxTransportRetries: 2 }).send(fake.url(KEY), [md('hello')]);
    expect(out).toEqual({ delivered: false, posted: 0, parts: 1 });
    expect(fake.received).toHaveLength(3);
    const lost = logs.entries().filter((e) => e.msg === 'wecom message lost: could not be sent');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ level: 50, webhook: webhookId(fake.url(KEY)), attempts: 3, msgtype: 'markdown' });
    expect(await counter('replies', { platform: 'wecom', outcome: 'failed' })).toBe(1);
    expectNoSecrets();
  });

  it('gives up on a network error too (nothing listening)', async () => {
    const url = fake.url(KEY);
    await fake.close();
    const out = await queues({ maxTransportRetries: 1 }).send(url, [md('hello')]);
    expect(out.delivered).toBe(false);
    expect(await errors('network')).toBe(2);
    expect(logs.entries().filter((e) => e.level === 50)).toHaveLength(1);
    expectNoSecrets();
  });

  it.each([
    [93000, 'invalid webhook key'],
    [44004, 'empty content'],
    [40058, 'invalid or over-long parameter'],
    [12345, 'unknown errcode'],
  ])(
    'does not retry errcode %i: logs its meaning (%s), counts it, reports the message lost',
    async (errcode, meaning) => {
      fake.script({ errcode, errmsg: `invalid webhook url, hint: [1], key=${KEY}` });
      const out = await queues().send(fake.url(KEY), [md('hello')]);
      expect(out.delivered).toBe(false);
      expect(fake.received).toHaveLength(1);
      expect(await errors(errcode === 12345 ? 'other' : String(errcode))).toBe(1);
      const [lost] = logs.entries().filter((e) => e.level === 50);
      expect(lost).toMatchObject({ errcode, msg: 'wecom message lost: could not be sent' });
      expect(String(lost!.reason)).toContain(meaning);
      expect(await counter('replies', { platform: 'wecom', outcome: 'failed' })).toBe(1);
      expectNoSecrets();
    },
  );

  it('falls back to text messages (mention in mentioned_list) when markdown is refused with 40008', async () => {
    fake.script({ errcode: 40008 });
    const out = await queues().send(fake.url(KEY), [md('<@zhangsan>\n### 🔑 `40001`\n**WeChat platform**')]);
    expect(out.delivered).toBe(true);
    expect(fake.received.map((r) => r.body.msgtype)).toEqual(['markdown', 'text']);
    expect(fake.received[1]!.body).toEqual({
      msgtype: 'text',
      text: { content: '🔑 40001\nWeChat platform', mentioned_list: ['zhangsan'] },
    });
  });

  it('spaces sends to one webhook by minIntervalMs, but not sends to different webhooks', async () => {
    const q = queues({ minIntervalMs: 120 });
    const other = fake.url('0000-other-robot');
    await Promise.all([q.send(fake.url(KEY), [md('a'), md('b'), md('c')]), q.send(other, [md('x')])]);
    const mine = fake.received.filter((r) => r.key === KEY);
    expect(mine.map((r) => contentOf(r.body))).toEqual(['a', 'b', 'c']);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(110);
    const x = fake.received.find((r) => r.key === '0000-other-robot')!;
    expect(x.at - mine[0]!.at).toBeLessThan(100);
  });

  it('shares the per-minute budget with other replicas through the Store', async () => {
    // The clock sits 250 ms before a minute boundary, and advances in real time.
    const t0 = Date.now();
    const base = Math.ceil((t0 + 60_000) / 60_000) * 60_000 - 250;
    const now = () => base + (Date.now() - t0);
    const replicaA = queues({ now, perMinute: 3 });
    const replicaB = queues({ now, perMinute: 3 });
    const url = fake.url(KEY);
    const started = Date.now();
    await Promise.all([replicaA.send(url, [md('a1'), md('a2')]), replicaB.send(url, [md('b1'), md('b2'), md('b3')])]);
    expect(fake.delivered()).toHaveLength(5);
    const late = fake.received.filter((r) => r.at - started >= 200);
    expect(late).toHaveLength(2); // 3 in the first minute, the other 2 once the next one began
    const minute = Math.floor(base / 60_000);
    // 3 taken, then at least one refused (the replica that hit the limit waits for the next minute).
    expect(Number(await store.get(`wecom:budget:${webhookId(url)}:${minute}`))).toBeGreaterThan(3);
    expect(await store.get(`wecom:budget:${webhookId(url)}:${minute + 1}`)).toBe('2');
  });

  it('drain() waits until every queue is empty', async () => {
    const q = queues({ minIntervalMs: 50 });
    const sent = q.send(fake.url(KEY), [md('1'), md('2'), md('3')]);
    expect(q.pending).toBe(3);
    await q.drain();
    expect(q.pending).toBe(0);
    expect(fake.delivered()).toHaveLength(3);
    expect((await sent).delivered).toBe(true);
  });

  it('drain() with a timeout gives up on long waits and logs what is left as lost', async () => {
    fake.script({ errcode: 45009 });
    const q = queues({ rateLimitWaitMs: () => 60_000 });
    const sent = q.send(fake.url(KEY), [md('1'), md('2')]);
    await waitFor(() => fake.received.length === 1);
    const t = Date.now();
    await q.drain({ timeoutMs: 100 });
    expect(Date.now() - t).toBeLessThan(1000);
    expect(await sent).toEqual({ delivered: false, posted: 0, parts: 2 });
    const lost = logs.entries().filter((e) => e.msg === 'wecom message lost: could not be sent');
    expect(lost.map((e) => e.reason)).toEqual(['shutdown', 'shutdown']);
    expect(await q.send(fake.url(KEY), [md('late')])).toMatchObject({ delivered: false });
    expect(fake.received).toHaveLength(1);
    expectNoSecrets();
  });
  it('send([]) resolves at once and leaves the lane free: a later send is delivered', async () => {
    const q = queues();
    const url = fake.url(KEY);
    expect(await q.send(url, [])).toEqual({ delivered: true, posted: 0, parts: 0 });
    expect(await within(q.send(url, [md('after empty')]), 2000, 'send after send([])')).toEqual({
      delivered: true,
      posted: 1,
      parts: 1,
    });
    expect(fake.delivered().map((r) => contentOf(r.body))).toEqual(['after empty']);
  });

  it('send([]) then drain({ timeoutMs: 100 }) returns promptly', async () => {
    const q = queues();
    const url = fake.url(KEY);
    const probe = fake.url('probe-lane');
    await q.send(probe, []);
    await q.send(url, []);
    // A lane left busy by send([]) makes drain() spin on microtasks, which no timer can interrupt:
    // catch that on the probe lane first, while timers still run.
    await within(q.send(probe, [md('probe')]), 2000, 'send after send([])');
    const t = Date.now();
    await within(q.drain({ timeoutMs: 100 }), 1000, 'drain after send([])');
    expect(Date.now() - t).toBeLessThan(100);
    // The drain ended before its timeout, so the queue is still open.
    expect(await q.send(url, [md('after drain')])).toEqual({ delivered: true, posted: 1, parts: 1 });
  });

  it('drain() with a timeout cancels a webhook request in flight and logs its message as lost', async () => {
    fake.script('hang');
    const q = queues({ client: new WebhookClient({ timeoutMs: 3000 }) });
    const sent = q.send(fake.url(KEY), [md('stuck')]);
    await waitFor(() => fake.received.length === 1);
    const t = Date.now();
    await q.drain({ timeoutMs: 100 });
    expect(Date.now() - t).toBeLessThan(600);
    expect(await within(sent, 500, 'send')).toEqual({ delivered: false, posted: 0, parts: 1 });
    expect(fake.delivered()).toHaveLength(0);
    const lost = logs.entries().filter((e) => e.msg === 'wecom message lost: could not be sent');
    expect(lost.map((e) => e.reason)).toEqual(['shutdown']);
    expect(await counter('replies', { platform: 'wecom', outcome: 'failed' })).toBe(1);
    expectNoSecrets();
  });

  it('a 40008 fallback into several text parts reports them all in one outcome, once the last is done', async () => {
    fake.script({ errcode: 40008 }, { errcode: 0 }, { errcode: 93000 });
    const answer = md(`${'甲'.repeat(600)}\n\n${'乙'.repeat(600)}`); // fits one markdown message, not one text message
    const out = await queues()
      .send(fake.url(KEY), [answer])
      .then((o) => ({ ...o, requests: fake.received.length }));
    expect(fake.received.map((r) => r.body.msgtype)).toEqual(['markdown', 'text', 'text']);
    expect(out).toEqual({ delivered: false, posted: 1, parts: 2, requests: 3 });
    expect(logs.entries().filter((e) => e.msg === 'wecom message lost: could not be sent')).toHaveLength(1);
  });

  it('a 40008 fallback into several text parts is delivered when every part is', async () => {
    fake.script({ errcode: 40008 });
    const answer = md(`${'甲'.repeat(600)}\n\n${'乙'.repeat(600)}`);
    const out = await queues().send(fake.url(KEY), [answer, md('next')]);
    expect(fake.received.map((r) => r.body.msgtype)).toEqual(['markdown', 'text', 'text', 'markdown']);
    expect(out).toEqual({ delivered: true, posted: 3, parts: 3 });
  });
});
