/**
 * Issue #23: a WeCom group flooded with errors. The robot takes 20 messages a minute; 300 errors
 * pasted in one group used to put its replies 14 minutes behind. Run on a test clock 20× faster
 * than real time (the queue's clock and its waits both), against a fake webhook on 127.0.0.1.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { members } from '../../src/team/sets.js';
import { backlogSealKey } from '../../src/wecom/crypto.js';
import { type SendMeta, SendQueues } from '../../src/wecom/queue.js';
import { WebhookClient, type WebhookMessage } from '../../src/wecom/webhook.js';
import { type CapturedLogs, captureRawLogs, contentOf, type FakeWebhook, fakeWebhook, waitFor } from './helpers.js';

const KEY = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const SCALE = 20;
/** Codes as people paste them in a WeCom group (WeChat platform and MSDK access layer). */
const CODES = [-303, 40001, -303, -303, 40001, -4009];

let fake: FakeWebhook;
let logs: CapturedLogs;
let metrics: Metrics;
let clock: { now(): number; sleep(ms: number, signal: AbortSignal): Promise<void> };
let store: MemoryStore;

beforeEach(async () => {
  fake = await fakeWebhook();
  logs = captureRawLogs();
  metrics = createMetrics();
  const base = Date.UTC(2026, 11, 6, 6, 0, 30);
  const started = performance.now();
  clock = {
    now: () => base + (performance.now() - started) * SCALE,
    sleep: (ms, signal) => delay(ms / SCALE, undefined, { signal }),
  };
  store = new MemoryStore({ now: () => clock.now() });
});
afterEach(async () => {
  await fake.close();
});

/** The callback's EncodingAESKey (43 characters), as in WeCom's console. */
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** The production pacing (3 s apart, 20 a minute), on the test clock. */
const queues = (aesKey: string | null = AES_KEY) =>
  new SendQueues({
    client: new WebhookClient({ timeoutMs: 2_000 }),
    store,
    logger: logs.logger,
    metrics,
    now: () => clock.now(),
    sleep: (ms, signal) => clock.sleep(ms, signal),
    ...(aesKey && { sealKey: backlogSealKey(aesKey) }),
  });

/** Fills a group's backlog (the first reply hangs in flight) and stops the process. */
async function stopWithBacklog(q: SendQueues, url: string): Promise<void> {
  fake.script('hang');
  const sends = Array.from({ length: 300 }, (_, i) => {
    const code = CODES[i % CODES.length]!;
    return q.send(url, [answer(code)], passive(code));
  });
  await waitFor(() => fake.received.length === 1, 'the first reply in flight');
  await q.drain({ timeoutMs: 50 });
  await Promise.all(sends);
}

/** Every value the store holds for handed-over backlogs. */
async function handedOver(): Promise<string[]> {
  const ids = await members(store, 'wecom:backlogs', 1000);
  return (await Promise.all(ids.map((id) => store.get(`wecom:backlog:${id}`)))).filter((v) => v !== undefined);
}

const answer = (code: number): WebhookMessage => ({
  msgtype: 'markdown',
  markdown: { content: `### \`${code}\`\nexplained` },
});
const passive = (code: number, stillWanted?: () => Promise<boolean>): SendMeta => ({
  kind: 'passive',
  codes: [code],
  ...(stillWanted && { stillWanted }),
});
const lostLines = () => logs.entries().filter((e) => String(e.msg).includes('lost'));

describe('a WeCom group flooded with 300 errors', () => {
  it('gets its last reply within 2 minutes, a command within 10 s, and nothing for a code muted meanwhile', async () => {
    const q = queues();
    const url = fake.url(KEY);
    const start = clock.now();
    let muted = false;
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < 300; i++) {
      const code = CODES[i % CODES.length]!;
      // -4009 is muted in the group right after the flood was queued.
      const wanted = code === -4009 ? async () => !muted : undefined;
      sends.push(q.send(url, [answer(code)], passive(code, wanted)));
      if (i === 150) {
        const command = q.send(url, [{ msgtype: 'markdown', markdown: { content: 'muted: -4009' } }], {
          kind: 'command',
        });
        sends.push(command.then(() => expect(clock.now() - start).toBeLessThan(10_000)));
      }
    }
    muted = true;
    await Promise.all(sends);
    await q.drain();
    const lastReply = clock.now() - start;
    expect(lastReply).toBeLessThan(120_000);

    const texts = fake.delivered().map((r) => contentOf(r.body));
    expect(texts.length).toBeLessThanOrEqual(10);
    expect(texts).toContain('muted: -4009');
    expect(texts.filter((t) => t.includes('-4009') && t.startsWith('###'))).toEqual([]); // muted before its turn
    const summary = texts.find((t) => t.includes('more errors in the last minute'));
    expect(summary).toMatch(/-303 ×\d+, 40001 ×\d+/);
    // Every error is accounted for: answered one by one, or counted in the summary.
    const summarised = Number(/^(\d+) more errors/.exec(summary!)?.[1]);
    const single = texts.filter((t) => t.startsWith('###')).length;
    const droppedMuted = (await metrics.eventsDropped.get()).values.find((v) => v.labels.reason === 'muted')?.value;
    expect(single + summarised + (droppedMuted ?? 0)).toBe(300);
    expect(lostLines()).toEqual([]);
  });

  it('hands its backlog to the store on a restart, and the next process sends it as one summary', async () => {
    const url = fake.url(KEY);
    await stopWithBacklog(queues(), url);
    expect(lostLines()).toEqual([]);
    expect(logs.entries().some((e) => e.msg === 'wecom backlog handed to the store for the next process')).toBe(true);
    // The webhook URL carries the robot's key: what the store holds shows neither.
    const held = await handedOver();
    expect(held).toHaveLength(1);
    expect(held[0]).not.toContain(KEY);
    expect(held[0]).not.toContain(fake.url(''));

    const after = queues();
    await after.resume();
    await after.drain();
    const summary = fake.delivered().map((r) => contentOf(r.body));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/^300 errors not answered before a restart: -303 ×150, 40001 ×100, -4009 ×50$/);
    // Taken once: a third process finds nothing left to send.
    const third = queues();
    await third.resume();
    await third.drain();
    expect(fake.delivered()).toHaveLength(1);
  });

  it('a process with another AES key sends nothing it cannot unseal, says so, and goes on', async () => {
    await stopWithBacklog(queues(), fake.url(KEY));
    const other = queues('Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5');
    await other.resume();
    await other.drain();
    expect(fake.delivered()).toEqual([]);
    expect(logs.entries().some((e) => String(e.msg).includes('could not be unsealed'))).toBe(true);
  });

  it('without a key to seal with, the backlog is logged as lost, never stored in the clear', async () => {
    await stopWithBacklog(queues(null), fake.url(KEY));
    expect(await handedOver()).toEqual([]);
    expect(lostLines().map((e) => e.msg)).toEqual([
      'wecom message lost: backlog not handed over, no key to seal its webhook with',
    ]);
  });
});
