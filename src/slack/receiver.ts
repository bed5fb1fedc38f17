/**
 * The Slack HTTP edge: a Bolt receiver we own, served by our HTTP server. Signature headers are
 * checked before a byte of the body is read; the body is read up to Slack's largest payload
 * (within a budget shared by every unverified body), verified in constant time, and only a JSON
 * object reaches Bolt. Events are acknowledged as soon as they are verified, before Bolt (its
 * installation look-up), Redis or the Web API is waited on; their work goes to an EventQueue.
 * During shutdown, events get 503 (Slack retries them); slash commands, shortcuts and buttons,
 * which Slack never retries, are still answered until the listener closes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import { ErrorCode, MsdkBotError } from '../errors.js';
import type { Logger } from '../logger.js';
import { SLACK_MAX_BODY_BYTES, SLACK_MAX_SKEW_SECONDS, UNVERIFIED_BODY_BUDGET_BYTES } from '../net/policy.js';
import { BodyError, ByteBudget, readBody } from '../server/http.js';
import type { DropReason } from '../server/metrics.js';
import { EventQueue } from './event-queue.js';

export interface EdgeOptions {
  signingSecret: string;
  logger: Logger;
  drop(reason: DropReason): void;
  /** False until Bolt is initialised: everything gets 503. */
  started(): boolean;
  /** False once stopping: events get 503, the rest is still served. */
  acceptingEvents(): boolean;
  /** An acknowledged event waited for a free slot before its work started. */
  deferred?(): void;
  /** Events worked on at once; the rest wait, acknowledged (default EVENT_CONCURRENCY). */
  concurrency?: number;
  now?: () => number;
}

/** Enough to keep Redis and the Web API busy; few enough that a burst cannot starve the acks. */
const EVENT_CONCURRENCY = 64;
/** Acknowledged events kept waiting at most (about a minute at the capacity in docs/operations.md). */
const MAX_WAITING_EVENTS = 20_000;

type Body = Record<string, unknown>;

class Refusal extends MsdkBotError {
  constructor(
    readonly status: number,
    readonly reason: DropReason,
    message: string,
  ) {
    super(ErrorCode.SlackRequest, message);
    this.name = 'Refusal';
  }
}

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** A JSON object, or a Refusal: `null`, arrays and numbers are not Slack payloads. */
function parseObject(json: string): Body {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Refusal(400, 'malformed', 'body is not JSON');
  }
  if (!isObject(value)) throw new Refusal(400, 'malformed', 'body is not a JSON object');
  return value;
}

/** Events API (JSON), interactions (`payload=<json>`) and slash commands (form fields). */
function parseBody(raw: string, contentType: string): Body {
  if (contentType.startsWith('application/json')) return parseObject(raw);
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new Refusal(400, 'malformed', `unexpected content-type ${contentType.slice(0, 60)}`);
  }
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  return payload === null ? Object.fromEntries(form) : parseObject(payload);
}

/** Slack's retry headers, as Bolt takes them. */
function retryOf(req: IncomingMessage): { retryNum?: number; retryReason?: string } {
  const retryNum = Number(header(req, 'x-slack-retry-num'));
  const retryReason = header(req, 'x-slack-retry-reason');
  return { ...(Number.isInteger(retryNum) && { retryNum }), ...(retryReason && { retryReason }) };
}

export class SlackEdge implements Receiver {
  private app: App | undefined;
  private readonly budget = new ByteBudget(UNVERIFIED_BODY_BUDGET_BYTES);
  private readonly events: EventQueue;

  constructor(private readonly o: EdgeOptions) {
    this.events = new EventQueue({
      concurrency: o.concurrency ?? EVENT_CONCURRENCY,
      maxWaiting: MAX_WAITING_EVENTS,
      onDeferred: () => o.deferred?.(),
      onShed: () => {
        o.drop('shed');
        o.logger.warn({ waiting: MAX_WAITING_EVENTS }, 'slack event dropped: too many events waiting for their work');
      },
    });
  }

  /** Resolves once every acknowledged event's work is done. */
  drained(): Promise<void> {
    return this.events.idle();
  }

  /** Acknowledged events whose work is not done yet. */
  get pending(): number {
    return this.events.size;
  }

  init(app: App): void {
    this.app = app;
  }
  // Our HTTP server serves `handle`; there is nothing to listen on or close here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** The route handler for POST /slack/events. Never throws. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Body;
    try {
      body = await this.verified(req);
      if (body.ssl_check !== undefined) return void res.writeHead(200).end();
      if (!this.o.started() || (body.type === 'event_callback' && !this.o.acceptingEvents())) {
        throw new Refusal(503, 'not_ready', 'not taking events');
      }
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      this.o.drop(err.reason);
      this.o.logger.debug({ status: err.status, reason: err.reason, detail: err.message }, 'slack request refused');
      req.resume(); // discard what is still coming: the client gets the status, not a reset
      const headers = { 'content-type': 'text/plain', connection: 'close' };
      res.writeHead(err.status, err.status === 503 ? { ...headers, 'retry-after': '1' } : headers).end();
      return;
    }
    if (body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    if (body.type === 'event_callback') {
      // Slack needs nothing but the 200: it goes out now, the work after it.
      res.writeHead(200).end();
      const retry = retryOf(req);
      this.events.push(async () => void (await this.process(body, async () => {}, retry)));
      return;
    }
    await this.dispatch(body, req, res);
  };

  /** Headers first (no body is read for a request that cannot be Slack's), then the body, then the HMAC. */
  private async verified(req: IncomingMessage): Promise<Body> {
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !SIGNATURE.test(signature) || !timestamp || !TIMESTAMP.test(timestamp)) {
      throw new Refusal(401, 'forged', 'missing or malformed signature headers');
    }
    const skew = Math.abs((this.o.now ?? Date.now)() / 1000 - Number(timestamp));
    if (skew > SLACK_MAX_SKEW_SECONDS) throw new Refusal(401, 'stale', `timestamp off by ${Math.round(skew)} s`);
    if (Number(req.headers['content-length'] ?? 0) > SLACK_MAX_BODY_BYTES) {
      throw new Refusal(413, 'oversized', `body over ${SLACK_MAX_BODY_BYTES} bytes`);
    }
    let raw: string;
    try {
      raw = await readBody(req, SLACK_MAX_BODY_BYTES, this.budget);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      const reason = err.status === 413 ? 'oversized' : err.status === 503 ? 'busy' : 'malformed';
      throw new Refusal(err.status, reason, err.message);
    }
    const expected = createHmac('sha256', this.o.signingSecret).update(`v0:${timestamp}:${raw}`).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature.slice(3), 'hex'))) {
      throw new Refusal(401, 'forged', 'signature does not match');
    }
    return parseBody(raw, header(req, 'content-type') ?? '');
  }

  /** Hands the payload to Bolt; `ack()` writes the HTTP answer (Bolt acks events itself). */
  private async dispatch(body: Body, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let acked = false;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) return;
      acked = true;
      if (response === undefined || response === '') res.writeHead(200).end();
      else if (typeof response === 'string') res.writeHead(200, { 'content-type': 'text/plain' }).end(response);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    };
    if (!(await this.process(body, ack, retryOf(req))) && !acked) {
      acked = true;
      res.writeHead(500).end();
    }
    if (!acked) {
      // No listener took it (an action or command this app does not know).
      this.o.logger.warn({ type: body.type }, 'slack request not acknowledged by any listener');
      acked = true;
      res.writeHead(404).end();
    }
  }

  /** Bolt's middleware and listeners for one payload; false when they threw (logged here). */
  private async process(
    body: Body,
    ack: (response?: unknown) => Promise<void>,
    retry: { retryNum?: number; retryReason?: string },
  ): Promise<boolean> {
    try {
      await this.app?.processEvent({ body, ack, ...retry, customProperties: {} });
      return true;
    } catch (err) {
      this.o.logger.error({ err }, 'slack request handling failed');
      return false;
    }
  }
}
