/**
 * The encrypted callback: `GET` URL verification and `POST` messages at one path. A POST is
 * checked in order of cost (parameters, timestamp freshness, body size, `<Encrypt>` found by a
 * bounded scan, signature, decryption, then the XML of the signed message only: an unsigned body
 * costs microseconds, never a parse), de-duplicated on MsgId, acknowledged at once (WeCom retries
 * after 5 s), and only then handed to `onMessage`. Refusals are logged with a reason and no secret, counted,
 * and never answered beyond their status.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { BodyError, type Route, readBody } from '../server/http.js';
import { countDrop, type Metrics } from '../server/metrics.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import type { WecomCrypto } from './crypto.js';
import { WecomDecryptError, WecomRequestError, WecomSignatureError } from './errors.js';
import { childOf, parseXml, textOf, type XmlNode } from './xml.js';

/** A decrypted callback message, in either shape (group robot or self-built app). */
export interface InboundMessage {
  shape: 'robot' | 'app';
  msgType: string;
  msgId?: string;
  /** The text as sent, mention included (text messages only). */
  content?: string;
  /** WeCom userid of the sender. */
  userId?: string;
  /** `single` or `group` (robot shape only). */
  chatType?: string;
  chatId?: string;
  /** Robot shape: a webhook URL posting back into this very chat. */
  webhookUrl?: string;
}

export interface CallbackOptions {
  path: string;
  crypto: WecomCrypto;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
  /** False once the bot is stopping: new callbacks get 503 (WeCom retries them elsewhere / later). */
  accepting: () => boolean;
  /** Called after the acknowledgement went out; must handle its own errors. */
  onMessage: (message: InboundMessage) => void;
  /**
   * Requests past the `accepting()` check are kept here until answered (and their message handed
   * on), so that stopping can wait for them.
   */
  handling?: Set<Promise<void>>;
  maxBodyBytes?: number;
  maxSkewSeconds?: number;
}

const DEFAULT_MAX_BODY = 64 * 1024;
const DEFAULT_SKEW = 300;

function param(url: URL, name: string): string {
  const v = url.searchParams.get(name);
  if (!v) throw new WecomRequestError(400, 'malformed', `missing query parameter ${name}`);
  return v;
}

/** Maps crypto failures to refusals; the error messages carry no key material. */
function open(crypto: WecomCrypto, url: URL, encrypt: string, timestamp: string, nonce: string): string {
  try {
    return crypto.open(param(url, 'msg_signature'), timestamp, nonce, encrypt).message;
  } catch (err) {
    if (err instanceof WecomSignatureError) throw new WecomRequestError(401, 'forged', err.message);
    if (err instanceof WecomDecryptError) {
      throw new WecomRequestError(401, err.reason === 'receive-id' ? 'receive_id' : 'decrypt', err.message);
    }
    throw err;
  }
}

/** The body, within `limit`; a body too large or cut short is a refusal like any other. */
async function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  try {
    return await readBody(req, limit);
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    throw new WecomRequestError(err.status, err.status === 413 ? 'oversized' : 'aborted', err.message);
  }
}

const ENCRYPT_OPEN = '<Encrypt>';
const ENCRYPT_CLOSE = '</Encrypt>';
const CDATA_OPEN = '<![CDATA[';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The envelope's `<Encrypt>` value (base64, in CDATA or not), found by two bounded scans instead of
 * an XML parse: the rest of the envelope is never looked at, since only this value is signed.
 */
export function envelopeEncrypt(body: string): string | undefined {
  const open = body.indexOf(ENCRYPT_OPEN);
  if (open < 0) return undefined;
  const start = open + ENCRYPT_OPEN.length;
  const close = body.indexOf(ENCRYPT_CLOSE, start);
  if (close < 0) return undefined;
  let value = body.slice(start, close).trim();
  if (value.startsWith(CDATA_OPEN) && value.endsWith(']]>')) value = value.slice(CDATA_OPEN.length, -3);
  return BASE64.test(value) ? value : undefined;
}

export function parseInbound(root: Record<string, XmlNode | XmlNode[] | undefined>): InboundMessage {
  const msgType = textOf(root.MsgType) ?? '';
  const webhookUrl = textOf(root.WebhookUrl);
  const from = root.From;
  const robot = webhookUrl !== undefined || from !== undefined || root.ChatId !== undefined;
  const message: InboundMessage = { shape: robot ? 'robot' : 'app', msgType };
  const set = <K extends keyof InboundMessage>(key: K, value: InboundMessage[K] | undefined) => {
    if (value !== undefined && value !== '') message[key] = value;
  };
  set('msgId', textOf(root.MsgId));
  if (robot) {
    set('content', textOf(childOf(root.Text, 'Content')));
    set('userId', textOf(childOf(from, 'UserId')));
    set('chatType', textOf(root.ChatType));
    set('chatId', textOf(root.ChatId));
    set('webhookUrl', webhookUrl);
  } else {
    set('content', textOf(root.Content));
    set('userId', textOf(root.FromUserName));
  }
  return message;
}

/**
 * The sender as a mention, or undefined: a UserId of `all` / `@all` (WeCom's mention of everyone)
 * or anything that does not look like a userid is never mentioned.
 */
export function senderMention(userId: string | undefined): string | undefined {
  if (!userId || /^@?all$/i.test(userId) || !/^[\w.-][\w.@-]{0,63}$/.test(userId)) return undefined;
  return userId;
}

export function callbackRoutes(o: CallbackOptions): Route[] {
  const maxBody = o.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxSkew = o.maxSkewSeconds ?? DEFAULT_SKEW;

  const refuse = (res: ServerResponse, req: IncomingMessage, err: WecomRequestError) => {
    countDrop(o.metrics, 'wecom', err.reason);
    o.logger.warn(
      { reason: err.reason, status: err.status, method: req.method, detail: err.message },
      'wecom callback refused',
    );
    req.resume(); // discard what the client is still sending, so it gets the status, not a reset
    res.writeHead(err.status, { 'content-type': 'text/plain', connection: 'close' }).end();
  };

  const guard =
    (handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      try {
        if (!o.accepting()) throw new WecomRequestError(503, 'shutting_down', 'bot is stopping');
        const handling = handle(req, res, url);
        o.handling?.add(handling);
        try {
          await handling;
        } finally {
          o.handling?.delete(handling);
        }
      } catch (err) {
        if (err instanceof WecomRequestError) refuse(res, req, err);
        else throw err;
      }
    };

  /**
   * URL verification: answer the decrypted echostr, plain, without a newline. No freshness check:
   * replaying one only yields the echo string it already carries.
   */
  const verify = async (_req: IncomingMessage, res: ServerResponse, url: URL) => {
    // An echostr sent without URL-encoding has had its base64 '+' turned into ' ' by the query parser.
    const echostr = param(url, 'echostr').replace(/ /g, '+');
    const echo = open(o.crypto, url, echostr, param(url, 'timestamp'), param(url, 'nonce'));
    o.logger.info('wecom callback URL verified');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(echo);
  };

  const receive = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const timestamp = param(url, 'timestamp');
    const nonce = param(url, 'nonce');
    param(url, 'msg_signature');
    if (!/^\d{1,12}$/.test(timestamp)) throw new WecomRequestError(400, 'malformed', 'timestamp is not a number');
    const skew = Math.abs(o.now() / 1000 - Number(timestamp));
    if (skew > maxSkew) throw new WecomRequestError(401, 'stale', `timestamp off by ${Math.round(skew)} s (replay?)`);

    if (Number(req.headers['content-length'] ?? 0) > maxBody) {
      throw new WecomRequestError(413, 'oversized', `body over ${maxBody} bytes`);
    }
    const body = await readLimited(req, maxBody);

    const encrypt = envelopeEncrypt(body);
    if (!encrypt)
      throw new WecomRequestError(400, 'malformed', 'body is not a callback envelope (no base64 <Encrypt>)');
    const decrypted = open(o.crypto, url, encrypt, timestamp, nonce);
    // Signed, but wrapped in entity declarations WeCom never sends: refused like any DOCTYPE (one scan, no parse).
    if (/<!DOCTYPE|<!ENTITY/i.test(body))
      throw new WecomRequestError(400, 'malformed', 'envelope refused: doctype XML');
    const inner = parseXml(decrypted);
    if (typeof inner === 'string')
      throw new WecomRequestError(400, 'malformed', `decrypted message refused: ${inner} XML`);
    const message = parseInbound(inner);

    // WeCom retries a callback it thinks unanswered: claim the MsgId first, so one reply per message.
    const dedupeId = message.msgId ?? `enc:${createHash('sha256').update(encrypt).digest('hex').slice(0, 32)}`;
    if (!(await o.store.claim(`wecom:msg:${dedupeId}`, TTL.wecomDelivery))) {
      countDrop(o.metrics, 'wecom', 'duplicate');
      o.logger.info({ msgId: message.msgId }, 'wecom callback delivered again, already handled');
      res.writeHead(200).end();
      return;
    }
    res.writeHead(200).end();
    // Work starts after the acknowledgement has been handed to the socket.
    setImmediate(() => o.onMessage(message));
  };

  return [
    { method: 'GET', path: o.path, handler: guard(verify) },
    { method: 'POST', path: o.path, handler: guard(receive) },
  ];
}
