/**
 * The composed server (`startBot`, Slack HTTP mode + WeCom callback on one port) against forged,
 * stale, tampered, oversized and malformed requests. Every request carries an MSDK error a real
 * one would be answered for, so a refusal that lets it through shows up as a reply; each must get
 * its exact status, reach neither fake API, and leave no secret in the logs.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { FakeSlack } from '../slack/helpers/fake-slack.js';
import { BOT_TOKEN, envelope, messageEvent, SIGNING_SECRET, sign, waitFor } from '../slack/helpers/harness.js';
import {
  type FakeWebhook,
  fakeWebhook,
  query,
  robotTextXml,
  type SignedCallback,
  signCallback,
} from '../wecom/helpers.js';
import { metricValue, postSigned, postsInThread } from './helpers.js';

const WECOM = {
  token: 'e2eWecomToken7Qx',
  encodingAesKey: 'Zk3pQ9vXw2LmN8rT5yB1cD4fG7hJ0kM6nP3sV9xW2zA',
  receiveId: 'wwe2ecorp01',
};
const WEBHOOK_KEY = 'e2e-default-hook-3b9d7f1a';
const GROUP_KEY = 'e2e-group-hook-8c2e4a6f';
const SECRETS = {
  BOT_TOKEN,
  SIGNING_SECRET,
  WECOM_TOKEN: WECOM.token,
  AES_KEY: WECOM.encodingAesKey,
  WEBHOOK_KEY,
  GROUP_KEY,
};
const PATH = '/wecom/callback';
const SLACK_BODY_LIMIT = 1024 * 1024; // SLACK_MAX_BODY_BYTES in src/net/policy.ts
const WECOM_BODY_LIMIT = 64 * 1024; // src/wecom/callback.ts DEFAULT_MAX_BODY

const crypto = new WecomCrypto(WECOM);
const now = () => Math.floor(Date.now() / 1000);

let fake: FakeSlack;
let hook: FakeWebhook;
let bot: RunningBot;
const logs: string[] = [];
const base = () => `http://127.0.0.1:${bot.port}`;

beforeAll(async () => {
  [fake, hook] = await Promise.all([new FakeSlack().start(), fakeWebhook()]);
  const config = loadConfig({
    PORT: '0',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_LANG: 'en',
    WECOM_TOKEN: WECOM.token,
    WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey,
    WECOM_RECEIVE_ID: WECOM.receiveId,
    WECOM_WEBHOOK_URL: hook.url(WEBHOOK_KEY),
    WECOM_LANG: 'en',
  });
  // No registerSecrets (main.ts does it): the code itself must keep these out of its logs.
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  bot = await startBot(config, logger);
});

afterAll(async () => {
  await bot?.stop(5_000);
  await Promise.all([fake?.close(), hook?.close()]);
});

/** What reached either fake beyond start-up's auth.test: must stay empty for every refused request. */
function repliesSoFar(): unknown[] {
  return [...fake.calls.filter((c) => c.method !== 'auth.test'), ...fake.responses, ...hook.received];
}

async function dropped(platform: string, reason: string): Promise<number> {
  return metricValue(await bot.metrics.registry.metrics(), 'msdk_events_dropped_total', { platform, reason });
}

/** POST without fetch's niceties: chunked when `contentLength` is false; resolves with the status. */
function rawPost(path: string, body: string, headers: Record<string, string>, contentLength = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base()}${path}`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // The server may answer 413 and close before the whole body is written: the status is what counts.
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)));
    if (contentLength) req.setHeader('content-length', Buffer.byteLength(body));
    const chunk = 16 * 1024;
    for (let i = 0; i < body.length; i += chunk) req.write(body.slice(i, i + chunk));
    req.end();
  });
}

// ---- Slack ----

const errorMessage = () => JSON.stringify(envelope(messageEvent()));

interface SlackCase {
  name: string;
  status: number;
  /** `msdk_events_dropped_total{platform="slack"}` reason expected to grow by one. */
  reason?: string;
  send(): Promise<number>;
}

const slackCases: SlackCase[] = [
  {
    name: 'bad signature (another secret)',
    status: 401,
    reason: 'forged',
    send: async () =>
      (
        await postSigned(`${base()}/slack/events`, errorMessage(), 'application/json', {
          secret: 'not-the-signing-secret',
        })
      ).status,
  },
  {
    name: 'body changed after signing',
    status: 401,
    reason: 'forged',
    send: async () => {
      const ts = now();
      const body = errorMessage();
      const headers = {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(SIGNING_SECRET, ts, body),
      };
      return (
        await fetch(`${base()}/slack/events`, { method: 'POST', headers, body: body.replace('U1ALICE', 'U6MALLORY') })
      ).status;
    },
  },
  {
    name: 'stale timestamp (10 min old, correctly signed)',
    status: 401,
    reason: 'stale',
    send: async () =>
      (await postSigned(`${base()}/slack/events`, errorMessage(), 'application/json', { timestamp: now() - 600 }))
        .status,
  },
  {
    name: 'missing signature headers',
    status: 401,
    reason: 'forged',
    send: async () =>
      (
        await fetch(`${base()}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: errorMessage(),
        })
      ).status,
  },
  {
    name: `oversized body (> ${SLACK_BODY_LIMIT} bytes, correctly signed)`,
    status: 413,
    reason: 'oversized',
    send: () => {
      // A valid envelope padded with whitespace: without the limit it would be answered.
      const body = errorMessage().replace(/}$/, `${' '.repeat(SLACK_BODY_LIMIT)}}`);
      const ts = now();
      return rawPost('/slack/events', body, {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(SIGNING_SECRET, ts, body),
      });
    },
  },
  {
    name: 'timestamp 1 day in the future (correctly signed)',
    status: 401,
    reason: 'stale',
    send: async () =>
      (await postSigned(`${base()}/slack/events`, errorMessage(), 'application/json', { timestamp: now() + 86_400 }))
        .status,
  },
  {
    name: 'JSON null (correctly signed)',
    status: 400,
    reason: 'malformed',
    send: async () => (await postSigned(`${base()}/slack/events`, 'null', 'application/json')).status,
  },
  {
    name: 'payload=null (correctly signed form)',
    status: 400,
    reason: 'malformed',
    send: async () =>
      (await postSigned(`${base()}/slack/events`, 'payload=null', 'application/x-www-form-urlencoded')).status,
  },
  {
    name: 'malformed JSON (correctly signed)',
    status: 400,
    reason: 'malformed',
    send: async () =>
      (await postSigned(`${base()}/slack/events`, errorMessage().slice(0, -7), 'application/json')).status,
  },
];

// ---- WeCom ----

function callback(options: { timestamp?: string; receiveId?: string; xml?: string } = {}): SignedCallback {
  const xml =
    options.xml ?? robotTextXml({ webhookUrl: hook.url(GROUP_KEY), content: '@msdk -303', msgId: randomUUID() });
  return signCallback(crypto, xml, {
    timestamp: options.timestamp ?? String(now()),
    nonce: randomUUID().slice(0, 10),
    ...(options.receiveId !== undefined && { receiveId: options.receiveId }),
  });
}

async function postCallback(c: SignedCallback, body = c.body): Promise<number> {
  return (
    await fetch(`${base()}${PATH}?${query(c)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })
  ).status;
}

/** The callback with its ciphertext changed; re-signed when the forger knows the token (not the AES key). */
function tampered(c: SignedCallback, resign: boolean): SignedCallback {
  const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(c.body)![1]!;
  const bytes = Buffer.from(encrypt, 'base64');
  bytes[0] = bytes[0]! ^ 0x01; // CBC: flips the top byte of the plaintext's length field, so the length is certainly wrong
  const forged = bytes.toString('base64');
  return {
    ...c,
    body: c.body.replace(encrypt, forged),
    msg_signature: resign ? crypto.signature(c.timestamp, c.nonce, forged) : c.msg_signature,
  };
}

/** A well-formed envelope padded with whitespace past the limit: the signature still holds. */
const padded = (c: SignedCallback) => c.body.replace('</xml>', `${' '.repeat(WECOM_BODY_LIMIT)}</xml>`);

const ENTITY_XML = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x "@msdk -303">]>';

interface WecomCase {
  name: string;
  status: number;
  reason: string;
  send(): Promise<number>;
}

const wecomCases: WecomCase[] = [
  {
    name: 'bad signature',
    status: 401,
    reason: 'forged',
    send: () => {
      const c = callback();
      return postCallback({ ...c, msg_signature: crypto.signature(c.timestamp, c.nonce, 'something else') });
    },
  },
  {
    name: 'replayed 10 minutes later (stale timestamp, signed)',
    status: 401,
    reason: 'stale',
    send: () => postCallback(callback({ timestamp: String(now() - 600) })),
  },
  {
    name: 'timestamp 10 minutes ahead (signed)',
    status: 401,
    reason: 'stale',
    send: () => postCallback(callback({ timestamp: String(now() + 600) })),
  },
  {
    name: 'tampered ciphertext, original signature',
    status: 401,
    reason: 'forged',
    send: () => postCallback(tampered(callback(), false)),
  },
  {
    name: 'tampered ciphertext, re-signed with the token',
    status: 401,
    reason: 'decrypt',
    send: () => postCallback(tampered(callback(), true)),
  },
  {
    name: 'wrong receive id',
    status: 401,
    reason: 'receive_id',
    send: () => postCallback(callback({ receiveId: 'wwsomeoneelse' })),
  },
  {
    name: `oversized body (> ${WECOM_BODY_LIMIT} bytes, content-length)`,
    status: 413,
    reason: 'oversized',
    send: () => {
      const c = callback();
      return rawPost(`${PATH}?${query(c)}`, padded(c), { 'content-type': 'text/xml' });
    },
  },
  {
    name: `oversized body (> ${WECOM_BODY_LIMIT} bytes, chunked)`,
    status: 413,
    reason: 'oversized',
    send: () => {
      const c = callback();
      return rawPost(`${PATH}?${query(c)}`, padded(c), { 'content-type': 'text/xml' }, false);
    },
  },
  {
    name: 'malformed XML',
    status: 400,
    reason: 'malformed',
    send: () => {
      const c = callback();
      return postCallback(c, c.body.replace('</Encrypt>', ''));
    },
  },
  {
    name: 'DOCTYPE with an entity around the envelope',
    status: 400,
    reason: 'malformed',
    send: () => {
      const c = callback();
      return postCallback(c, ENTITY_XML + c.body);
    },
  },
  {
    name: 'DOCTYPE with an entity inside the encrypted message (signed)',
    status: 400,
    reason: 'malformed',
    send: () =>
      postCallback(
        callback({
          xml: ENTITY_XML + robotTextXml({ webhookUrl: hook.url(GROUP_KEY), content: '&x;', msgId: randomUUID() }),
        }),
      ),
  },
  {
    name: 'missing msg_signature',
    status: 400,
    reason: 'malformed',
    send: async () => {
      const c = callback();
      const q = new URLSearchParams({ timestamp: c.timestamp, nonce: c.nonce });
      return (await fetch(`${base()}${PATH}?${q}`, { method: 'POST', body: c.body })).status;
    },
  },
];

describe('security matrix on the composed server (Slack HTTP + WeCom callback)', () => {
  it.each(slackCases)('Slack: $name → $status', async ({ status, reason, send }) => {
    const before = reason ? await dropped('slack', reason) : 0;
    expect(await send()).toBe(status);
    if (reason) expect((await dropped('slack', reason)) - before).toBe(1);
    expect(repliesSoFar()).toEqual([]);
  });

  it.each(wecomCases)('WeCom: $name → $status', async ({ status, reason, send }) => {
    const before = await dropped('wecom', reason);
    expect(await send()).toBe(status);
    expect((await dropped('wecom', reason)) - before).toBe(1);
    expect(repliesSoFar()).toEqual([]);
  });

  it('a valid event and callback are answered (so the refusals above were refusals), and no secret reached the logs', async () => {
    const event = messageEvent();
    expect(
      (await postSigned(`${base()}/slack/events`, JSON.stringify(envelope(event)), 'application/json')).status,
    ).toBe(200);
    expect(await postCallback(callback())).toBe(200);
    // Replies are asynchronous; once these two arrive, any request wrongly let through earlier would have too.
    await waitFor(() => postsInThread(fake, event.ts) === 1 && hook.delivered().length === 1, 'the control replies');
    expect(fake.posts()).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.key).toBe(GROUP_KEY);

    const text = logs.join('');
    expect(text).toContain('wecom callback refused'); // the refusals were logged...
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(text.includes(secret), `${name} in the logs`).toBe(false); // ...without any secret
    }
  });
});
