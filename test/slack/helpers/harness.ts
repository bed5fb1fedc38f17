/**
 * The bot as production runs it in HTTP mode (createSlackBot + our own HTTP server), talking to a
 * FakeSlack, driven by really signed requests.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { RetryOptions } from '@slack/web-api';
import type { Lang } from '../../../src/core/index.js';
import { createLogger } from '../../../src/logger.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/net/policy.js';
import { createHttpServer, listen } from '../../../src/server/http.js';
import { createMetrics, type Metrics } from '../../../src/server/metrics.js';
import { createSlackBot, type SlackBot } from '../../../src/slack/index.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { type ApiCall, BOT_USER_ID, FakeSlack, TEAM_ID } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-1111-2222-testtokensecret';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8')) as T;
}

let seq = 0;
/** A fresh message ts (Slack's `seconds.micros`), unique in the test process. */
export function nextTs(): string {
  return `1700000${String(100 + (++seq % 900)).padStart(3, '0')}.${String(seq).padStart(6, '0')}`;
}
export function nextEventId(): string {
  return `Ev${Date.now().toString(36)}${++seq}`;
}

export interface HarnessOptions {
  retryConfig?: RetryOptions;
  limits?: Partial<Limits>;
  lang?: Lang;
  maxInputBytes?: number;
  /** Clock of the store and of the bot's mutes, counts and digests. */
  now?: () => number;
  /** Least time between two posts in one channel: 0 here unless a test is about pacing (1 s in production). */
  replyIntervalMs?: number;
}

export interface SendOptions {
  retryNum?: number;
  /** Seconds; default now. */
  timestamp?: number;
  secret?: string;
  contentType?: string;
}

/** POSTs `body` to a Slack events URL, signed as Slack signs it (and marked as a retry when asked). */
export function postSigned(url: string, body: string, contentType: string, o: SendOptions = {}): Promise<Response> {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': o.contentType ?? contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sign(o.secret ?? SIGNING_SECRET, ts, body),
  };
  if (o.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(o.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}

export interface Harness {
  fake: FakeSlack;
  bot: SlackBot;
  store: MemoryStore;
  metrics: Metrics;
  logs: string[];
  url: string;
  /** POSTs a signed Events API envelope (application/json). */
  sendEvent(envelope: Record<string, unknown>, opts?: SendOptions): Promise<Response>;
  /** POSTs a signed slash command (bare application/x-www-form-urlencoded, as Slack sends it). */
  sendCommand(fields: Record<string, string>, opts?: SendOptions): Promise<Response>;
  /** POSTs a signed interaction (`payload=<json>`). */
  sendInteraction(payload: Record<string, unknown>, opts?: SendOptions): Promise<Response>;
  post(body: string, contentType: string, opts?: SendOptions): Promise<Response>;
  responseUrl(id: string): string;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await new FakeSlack().start();
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  const store = new MemoryStore(opts.now ? { now: opts.now } : {});
  const metrics = createMetrics();
  const bot = await createSlackBot({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, lang: opts.lang ?? 'en' },
    store,
    logger,
    metrics,
    maxInputBytes: opts.maxInputBytes ?? 1_048_576,
    retryConfig: opts.retryConfig ?? { retries: 0 },
    ...(opts.now && { now: opts.now }),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    replyIntervalMs: opts.replyIntervalMs ?? 0,
  });
  const server: Server = createHttpServer(bot.routes, logger);
  const port = await listen(server, 0, '127.0.0.1');
  await bot.start();
  const url = `http://127.0.0.1:${port}/slack/events`;

  const post = (body: string, contentType: string, o: SendOptions = {}) => postSigned(url, body, contentType, o);

  return {
    fake,
    bot,
    store,
    metrics,
    logs,
    url,
    post,
    sendEvent: (envelope, o) => post(JSON.stringify(envelope), 'application/json', o),
    sendCommand: (fields, o) => post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', o),
    sendInteraction: (payload, o) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        o,
      ),
    responseUrl: (id) => `${fake.url}/response/${id}`,
    async close() {
      await bot.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

export { waitFor } from '../../helpers/wait.js';

/** Wraps an event in the Events API envelope Slack POSTs. */
export function envelope(event: Record<string, unknown>, eventId = nextEventId()): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
    event,
  };
}

/** A channel message event from the fixture, with fresh ts and the given overrides. */
export function messageEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = fixture('event-message.json');
  const ts = nextTs();
  return { ...base, ts, event_ts: ts, ...overrides };
}

/** Every text a user can see in a posted message: the fallback and all block texts. */
export function visibleText(call: ApiCall | { params: Record<string, unknown> } | Record<string, unknown>): string {
  const params = 'params' in call ? (call.params as Record<string, unknown>) : call;
  const parts: string[] = [String(params.text ?? '')];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') parts.push(x);
        else walk(x);
      }
    }
  };
  walk(params.blocks);
  return parts.join('\n');
}

/** Blocks of a recorded post, typed loosely for assertions. */
export function blocksOf(
  call: { params: Record<string, unknown> } | Record<string, unknown>,
): Array<Record<string, unknown>> {
  const params = 'params' in call ? (call.params as Record<string, unknown>) : call;
  return (params.blocks ?? []) as Array<Record<string, unknown>>;
}
