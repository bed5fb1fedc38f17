/**
 * One send queue per webhook. A robot takes 20 messages a minute; the budget is counted in the
 * Store (`wecom:budget:<webhook id>:<minute>`) so replicas share it, and sends are spaced by
 * `minIntervalMs` within a replica. 45009 waits for the next minute and retries; timeouts and
 * network errors retry with backoff (retry.ts); markdown refused with 40008 is resent as text.
 * Every message ends either posted or logged as lost (error).
 * Logs name a webhook by `webhookId`, never by its URL: the URL carries the key.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { WECOM_RETRY } from '../net/policy.js';
import type { Metrics } from '../server/metrics.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import { WecomSendError } from './errors.js';
import { type RetryPolicy, type RetryReason, retryReason, retryWait, type SendResult } from './retry.js';
import { byteLength } from './split.js';
import {
  contentOf,
  ERRCODE_MEANING,
  errcodeMeaning,
  textFallback,
  type WebhookAnswer,
  type WebhookClient,
  type WebhookMessage,
  webhookId,
} from './webhook.js';

export interface SendQueueOptions extends Partial<RetryPolicy> {
  client: Pick<WebhookClient, 'send'>;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  now?: () => number;
  /** Local spacing between two sends to one webhook; 3000 ms = 20 a minute. */
  minIntervalMs?: number;
  /** WeCom's limit per robot per minute. */
  perMinute?: number;
}

export interface SendOutcome {
  delivered: boolean;
  /** Parts posted, of `parts` (a long answer is several messages). */
  posted: number;
  parts: number;
}

/** What became of one queued message: the parts it went out as (a 40008 fallback makes several). */
interface Tally {
  parts: number;
  posted: number;
}

function sum(tallies: readonly Tally[]): Tally {
  return tallies.reduce((a, t) => ({ parts: a.parts + t.parts, posted: a.posted + t.posted }), { parts: 0, posted: 0 });
}

interface Item {
  message: WebhookMessage;
  resolve: (tally: Tally) => void;
}

interface Lane {
  id: string;
  url: string;
  /** Waiting messages; only `send` appends and only the worker removes its head, once delivered. */
  items: Item[];
  /** Set while a worker runs for this lane; cleared (and restarted if items came late) when it ends. */
  worker: Promise<void> | undefined;
  lastSentAt: number;
  /** Minute whose budget was exhausted: the next incr goes to a later minute even if the clock lags. */
  minMinute: number;
}

const MINUTE = 60_000;

export class SendQueues {
  private readonly lanes = new Map<string, Lane>();
  private readonly o: Required<Omit<SendQueueOptions, 'client' | 'store' | 'logger' | 'metrics'>>;
  /** Aborted when a drain runs out of time: pending waits end and what is left is logged as lost. */
  private readonly abort = new AbortController();

  constructor(private readonly deps: SendQueueOptions) {
    this.o = {
      now: deps.now ?? Date.now,
      minIntervalMs: deps.minIntervalMs ?? 3000,
      perMinute: deps.perMinute ?? 20,
      maxTransportRetries: deps.maxTransportRetries ?? WECOM_RETRY.transportRetries,
      backoffMs: deps.backoffMs ?? WECOM_RETRY.backoffMs,
      maxRateLimitRetries: deps.maxRateLimitRetries ?? WECOM_RETRY.rateLimitRetries,
      rateLimitWaitMs: deps.rateLimitWaitMs ?? ((now) => MINUTE - (now % MINUTE) + 500),
    };
  }

  /** Queues the parts of one answer, in order; resolves once each is posted or given up. */
  async send(url: string, messages: readonly WebhookMessage[]): Promise<SendOutcome> {
    const lane = this.lane(url);
    const tallies = messages.map((message) => {
      if (this.abort.signal.aborted) return this.lost(lane, message, { reason: 'queue closed' });
      return new Promise<Tally>((resolve) => lane.items.push({ message, resolve }));
    });
    this.start(lane);
    const { parts, posted } = sum(await Promise.all(tallies));
    return { delivered: posted === parts, posted, parts };
  }

  /** Pending messages across all webhooks (for readiness and tests). */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.items.length;
    return n;
  }

  /**
   * Waits until every queue is empty. Once `signal` aborts (or `timeoutMs` has passed), waits and
   * requests are cut short and every message still queued is logged as lost: stopping must not hang
   * on a 45009. The queues then stay closed.
   */
  async drain(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    const budget =
      options.signal ?? (options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs));
    const close = () => this.abort.abort();
    if (budget?.aborted) close();
    budget?.addEventListener('abort', close, { once: true });
    try {
      for (;;) {
        const workers = [...this.lanes.values()].map((l) => l.worker).filter((w) => w !== undefined);
        if (workers.length === 0) return;
        await Promise.all(workers);
      }
    } finally {
      budget?.removeEventListener('abort', close);
    }
  }

  private lane(url: string): Lane {
    let lane = this.lanes.get(url);
    if (!lane) {
      this.prune();
      lane = { id: webhookId(url), url, items: [], worker: undefined, lastSentAt: -Infinity, minMinute: 0 };
      this.lanes.set(url, lane);
    }
    return lane;
  }

  /** Forgets webhooks idle for over a minute (each chat's WebhookUrl gets a lane; chats are many). */
  private prune(): void {
    const horizon = this.o.now() - Math.max(MINUTE, this.o.minIntervalMs);
    for (const [url, lane] of this.lanes) {
      if (!lane.worker && lane.items.length === 0 && lane.lastSentAt < horizon) this.lanes.delete(url);
    }
  }

  /**
   * Starts a worker for a lane that has items and none running. `lane.worker` is set before the
   * worker can end and cleared only by its own end, which restarts it for items queued meanwhile.
   */
  private start(lane: Lane): void {
    if (lane.worker || lane.items.length === 0) return;
    lane.worker = this.work(lane).then(
      () => {
        lane.worker = undefined;
        this.start(lane);
      },
      (err: unknown) => {
        // Not expected (work() catches per item); the next send() restarts the lane.
        lane.worker = undefined;
        this.deps.logger.error({ webhook: lane.id, err }, 'wecom send queue worker failed');
      },
    );
  }

  private async work(lane: Lane): Promise<void> {
    for (let item = lane.items[0]; item; item = lane.items[0]) {
      const tally = await this.deliver(lane, item.message);
      lane.items.shift();
      item.resolve(tally);
    }
  }

  /**
   * One queued message to its end: posted, or logged as lost. Markdown that WeCom refuses (40008)
   * goes out again as plain text, part after part, before the lane moves on.
   */
  private async deliver(lane: Lane, message: WebhookMessage): Promise<Tally> {
    if (this.abort.signal.aborted) return this.lost(lane, message, { reason: 'shutdown' });
    let ending: { result: SendResult; attempts: number };
    try {
      ending = await this.post(lane, message);
    } catch (err) {
      // Only an aborted wait or request (drain timeout) or a Store failure land here.
      return this.lost(lane, message, { reason: this.abort.signal.aborted ? 'shutdown' : 'internal error', err });
    }
    const { result, attempts } = ending;
    if (result instanceof WecomSendError) return this.lost(lane, message, { reason: result.message, attempts });
    if (result.errcode === 0) {
      this.deps.metrics.replies.inc({ platform: 'wecom', outcome: 'posted' });
      return { parts: 1, posted: 1 };
    }
    const detail = this.detail(lane, attempts, result);
    const texts = result.errcode === 40008 && message.msgtype === 'markdown' ? textFallback(message) : [];
    if (texts.length > 0) {
      this.deps.logger.warn(detail, 'wecom webhook refused markdown, falling back to text');
      const tallies: Tally[] = [];
      for (const text of texts) tallies.push(await this.deliver(lane, text));
      return sum(tallies);
    }
    const { errcode, meaning, errmsg } = detail;
    return this.lost(lane, message, { reason: `errcode ${errcode}: ${meaning}`, attempts, errcode, errmsg });
  }

  /** Posts until WeCom's answer is final or retries run out. Throws only when cut short or on a Store failure. */
  private async post(lane: Lane, message: WebhookMessage): Promise<{ result: SendResult; attempts: number }> {
    const retries: RetryReason[] = [];
    for (;;) {
      const result = await this.attempt(lane, message);
      const reason = retryReason(result);
      const asked = result instanceof WecomSendError ? result.retryAfterMs : undefined;
      const wait = reason && retryWait(this.o, reason, retries, this.o.now(), asked);
      if (reason === undefined || wait === undefined) return { result, attempts: retries.length + 1 };
      retries.push(reason);
      const attempt = retries.length;
      if (result instanceof WecomSendError) {
        this.deps.logger.warn(
          { webhook: lane.id, attempt, kind: result.kind, waitMs: wait },
          'wecom webhook send failed, retrying',
        );
      } else {
        this.deps.logger.warn(
          { ...this.detail(lane, attempt, result), waitMs: wait },
          'wecom webhook rate limited, waiting',
        );
        lane.minMinute = Math.floor(this.o.now() / MINUTE) + 1;
      }
      await this.sleep(wait);
    }
  }

  /** One request, after pacing; counts its latency and any error. */
  private async attempt(lane: Lane, message: WebhookMessage): Promise<SendResult> {
    await this.pace(lane);
    const started = performance.now();
    try {
      const answer = await this.deps.client.send(lane.url, message, this.abort.signal);
      this.observe(started);
      // Known errcodes by name, the rest as `other`: a bounded label set.
      if (answer.errcode !== 0) this.countError(answer.errcode in ERRCODE_MEANING ? String(answer.errcode) : 'other');
      return answer;
    } catch (err) {
      // A request cancelled by a drain timeout is lost to the shutdown, not a webhook failure.
      if (!(err instanceof WecomSendError) || err.kind === 'aborted') throw err;
      this.observe(started);
      this.countError(err.kind === 'http' ? `http_${err.status ?? 0}` : err.kind);
      return err;
    } finally {
      lane.lastSentAt = this.o.now();
    }
  }

  /** Waits for the local spacing, then takes one unit of the shared per-minute budget. */
  private async pace(lane: Lane): Promise<void> {
    const gap = lane.lastSentAt + this.o.minIntervalMs - this.o.now();
    if (gap > 0) await this.sleep(gap);
    for (;;) {
      const minute = Math.max(Math.floor(this.o.now() / MINUTE), lane.minMinute);
      const used = await this.deps.store.incr(`wecom:budget:${lane.id}:${minute}`, TTL.wecomBudget);
      if (used <= this.o.perMinute) return;
      lane.minMinute = minute + 1;
      const wait = Math.max((minute + 1) * MINUTE - this.o.now(), 0) + 50;
      this.deps.logger.info({ webhook: lane.id, waitMs: wait }, 'wecom send budget used up for this minute, waiting');
      await this.sleep(wait);
    }
  }

  private sleep(ms: number): Promise<void> {
    return delay(ms, undefined, { signal: this.abort.signal });
  }

  private observe(started: number): void {
    this.deps.metrics.apiLatency.observe(
      { platform: 'wecom', method: 'webhook.send' },
      (performance.now() - started) / 1000,
    );
  }

  private countError(errcode: string): void {
    this.deps.metrics.wecomWebhookErrors.inc({ errcode });
  }

  /** What the logs say about a non-zero errcode. */
  private detail(lane: Lane, attempt: number, answer: WebhookAnswer) {
    return {
      webhook: lane.id,
      attempt,
      errcode: answer.errcode,
      meaning: errcodeMeaning(answer.errcode),
      errmsg: this.clean(answer.errmsg, lane.url),
    };
  }

  /** WeCom's errmsg, clipped and with the key removed in case it ever quotes the URL. */
  private clean(errmsg: string, url: string): string {
    const key = /[?&]key=([^&]+)/.exec(url)?.[1];
    const text = key ? errmsg.split(key).join('[REDACTED]') : errmsg;
    return text.slice(0, 200);
  }

  /** Logs `message` as lost and counts it; its tally is one part, not posted. */
  private lost(
    lane: Lane,
    message: WebhookMessage,
    info: { reason: string; attempts?: number; errcode?: number; errmsg?: string; err?: unknown },
  ): Tally {
    this.deps.metrics.replies.inc({ platform: 'wecom', outcome: 'failed' });
    this.deps.logger.error(
      {
        webhook: lane.id,
        msgtype: message.msgtype,
        bytes: byteLength(contentOf(message)),
        reason: info.reason,
        ...(info.attempts !== undefined && { attempts: info.attempts }),
        ...(info.errcode !== undefined && { errcode: info.errcode, errmsg: info.errmsg }),
        ...(info.err !== undefined && { err: info.err }),
      },
      'wecom message lost: could not be sent',
    );
    return { parts: 1, posted: 0 };
  }
}
