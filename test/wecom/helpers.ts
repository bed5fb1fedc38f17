/** Test doubles for the WeCom adapter: a scriptable fake webhook server, log capture, polling. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pino } from 'pino';
import { createLogger, type Logger } from '../../src/logger.js';
import { listen } from '../../src/server/http.js';
import type { WecomCrypto } from '../../src/wecom/crypto.js';
import type { WebhookMessage } from '../../src/wecom/webhook.js';

export { contentOf } from '../../src/wecom/webhook.js';

/** What the fake answers to one request: an errcode, an HTTP status, or no answer at all. */
export type Behaviour =
  | { errcode: number; errmsg?: string }
  | { status: number; retryAfter?: string }
  | { until: Promise<void> }
  | 'hang';

let seq = 0;
/** A process-wide sequence number: orders events across servers exactly (clocks tie at 1 ms). */
export function nextSeq(): number {
  return ++seq;
}

export interface Received {
  /** From `nextSeq()`, taken when the request arrived. */
  seq: number;
  key: string | null;
  body: WebhookMessage;
  raw: string;
  at: number;
  /** What the fake answered (`hang` for requests it never answered). */
  answered: Behaviour;
}

export interface FakeWebhook {
  origin: string;
  /** A webhook URL for `key`, as WeCom hands them out. */
  url(key: string): string;
  /** Every request, answered or not, in arrival order. */
  received: Received[];
  /** Only the requests answered with errcode 0, i.e. the messages that reached the group. */
  delivered(): Received[];
  /** Behaviours for the next requests, in order; after them, errcode 0. */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function fakeWebhook(): Promise<FakeWebhook> {
  const queue: Behaviour[] = [];
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const arrived = nextSeq();
    void bodyOf(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const answered = queue.shift() ?? { errcode: 0, errmsg: 'ok' };
      received.push({
        seq: arrived,
        key: url.searchParams.get('key'),
        body: JSON.parse(raw) as WebhookMessage,
        raw,
        at: Date.now(),
        answered,
      });
      if (answered === 'hang') return; // never answers: the client must time out
      if ('until' in answered) {
        void answered.until.then(() =>
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}'),
        );
        return;
      }
      if ('status' in answered) {
        const headers = answered.retryAfter ? { 'retry-after': answered.retryAfter } : {};
        return void res.writeHead(answered.status, headers).end('upstream trouble');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errcode: answered.errcode,
          errmsg: answered.errmsg ?? (answered.errcode === 0 ? 'ok' : 'error'),
        }),
      );
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (key) => `${origin}/cgi-bin/webhook/send?key=${key}`,
    received,
    delivered: () =>
      received.filter(
        (r) =>
          r.answered !== 'hang' && ('until' in r.answered || ('errcode' in r.answered && r.answered.errcode === 0)),
      ),
    script: (...b) => void queue.push(...b),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CapturedLogs {
  logger: Logger;
  text(): string;
  entries(): Array<Record<string, unknown>>;
}

function capture(make: (dest: { write(line: string): void }) => Logger): CapturedLogs {
  const lines: string[] = [];
  const logger = make({ write: (line: string) => void lines.push(line) });
  return {
    logger,
    text: () => lines.join(''),
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** The app's logger (with its scrubbing) writing into memory. */
export function captureLogs(): CapturedLogs {
  return capture((destination) => createLogger({ level: 'debug', destination }));
}

/** A bare pino logger with no scrubbing: proves the code itself keeps secrets out of its logs. */
export function captureRawLogs(): CapturedLogs {
  return capture((destination) => pino({ level: 'debug' }, destination));
}

export { waitFor } from '../helpers/wait.js';

export function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Rejects once `ms` have passed without `promise` settling, so a send or drain that never ends
 * fails its test instead of stalling the run.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An encrypted, signed callback as WeCom would POST it. */
export interface SignedCallback {
  timestamp: string;
  nonce: string;
  msg_signature: string;
  body: string;
}

export function signCallback(
  crypto: WecomCrypto,
  plaintext: string,
  options: { timestamp: string; nonce: string; random?: Buffer; receiveId?: string; toUserName?: string },
): SignedCallback {
  const encrypt = crypto.encrypt(plaintext, {
    ...(options.random && { random: options.random }),
    ...(options.receiveId !== undefined && { receiveId: options.receiveId }),
  });
  return {
    timestamp: options.timestamp,
    nonce: options.nonce,
    msg_signature: crypto.signature(options.timestamp, options.nonce, encrypt),
    body: `<xml><ToUserName><![CDATA[${options.toUserName ?? 'msdk-robot'}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
  };
}

/** The query string of a signed callback POST. */
export function query(c: Pick<SignedCallback, 'timestamp' | 'nonce' | 'msg_signature'>): string {
  return new URLSearchParams({ msg_signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce }).toString();
}

/** The `<xml>` a group robot receives when someone writes to it. */
export function robotTextXml(options: {
  webhookUrl?: string;
  content: string;
  msgId: string;
  userId?: string;
  chatType?: 'group' | 'single';
}): string {
  return [
    '<xml>',
    options.webhookUrl === undefined ? '' : `<WebhookUrl><![CDATA[${options.webhookUrl}]]></WebhookUrl>`,
    '<ChatId><![CDATA[wrkSFfCgAAtMQKg4xqDatM5C9IeU9Ng]]></ChatId>',
    '<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=m49c5aRCdEP8_QQdZmTNR52yJ5TLGcIMzaLJk3x5KqY]]></GetChatInfoUrl>',
    `<From><UserId>${options.userId ?? 'zhangsan'}</UserId><Name><![CDATA[张三]]></Name><Alias><![CDATA[san.zhang]]></Alias></From>`,
    `<ChatType>${options.chatType ?? 'group'}</ChatType>`,
    '<MsgType>text</MsgType>',
    `<Text><Content><![CDATA[${options.content}]]></Content></Text>`,
    `<MsgId>${options.msgId}</MsgId>`,
    '</xml>',
  ].join('');
}
