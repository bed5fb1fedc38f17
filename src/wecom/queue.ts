/**
 * One send queue per webhook. A robot takes 20 messages a minute; the budget is counted in the
 * Store (`wecom:budget:<webhook id>:<minute>`) so replicas share it, and sends are spaced by
 * `minIntervalMs` within a replica. 45009 waits for the next minute and retries; timeouts and
 * network errors retry with backoff; every message ends either posted or logged as lost (error).
 * Logs name a webhook by `webhookId`, never by its URL: the URL carries the key.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { WECOM_RETRY } from '../net/policy.js';
import type { Metrics } from '../server/metrics.js';
import type { Store } from '../store/store.js';
import { WecomSendError } from './errors.js';
import { byteLength } from './split.js';
import {
  ERRCODE_MEANING,
  contentOf,
  errcodeMeaning,
  textFallback,
  webhookId,
  type WebhookClient,
  type WebhookMessage,
} from './webhook.js';

export interface SendQueueOptions {
  client: Pick<WebhookClient, 'send'>;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  now?: () => number;
  /** Local spacing between two sends to one webhook; 3000 ms = 20 a minute. */
  minIntervalMs?: number;
  /** WeCom's limit per robot per minute. */
  perMinute?: number;
  /** Retries after a timeout / network error / 5xx, with doubling backoff from `backoffMs`. */
  maxTransportRetries?: number;
  backoffMs?: number;
  /** Retries after errcode 45009, each after `rateLimitWaitMs(now)` (default: the next minute). */
  maxRateLimitRetries?: number;
  rateLimitWaitMs?: (now: number) => number;
}

export interface SendOutcome {
  delivered: boolean;
  /** Parts posted, of `parts` (a long answer is several messages). */
  posted: number;
  parts: number;
}

/** What became of one queued message; a 40008 fallback adds its extra text parts to the same tally. */
interface Tally {
  parts: number;
  posted: number;
  /** Parts not yet posted or given up; the tally resolves when this reaches 0. */
  open: number;
  resolve: (tally: { parts: number; posted: number }) => void;
}

interface Item {
  message: WebhookMessage;
  tally: Tally;
}

interface Lane {
  id: string;
  url: string;
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
  /** Aborted when a drain times out: pending waits end and what is left is logged as lost. */
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
    const results = messages.map(
      (message) =>
        new Promise<{ parts: number; posted: number }>((resolve) => {
          if (this.abort.signal.aborted) {
            this.lost(lane, message, { reason: 'queue closed' });
            resolve({ parts: 1, posted: 0 });
          } else lane.items.push({ message, tally: { parts: 1, posted: 0, open: 1, resolve } });
        }),
    );
    this.start(lane);
    let parts = 0;
    let posted = 0;
    for (const r of await Promise.all(results)) {
      parts += r.parts;
      posted += r.posted;
    }
    return { delivered: posted === parts, posted, parts };
  }

  /** Pending messages across all webhooks (for readiness and tests). */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.items.length;
    return n;
  }

  /**
   * Waits until every queue is empty. With `timeoutMs`, gives up after it: waits are cut short and
   * every message still queued is logged as lost (graceful shutdown must not hang on a 45009).
   */
  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const idle = async () => {
      for (;;) {
        const workers = [...this.lanes.values()].map((l) => l.worker).filter((w) => w !== undefined);
        if (workers.length === 0) return;
        await Promise.all(workers);
      }
    };
    if (options.timeoutMs === undefined) return idle();
    const timer = setTimeout(() => this.abort.abort(), options.timeoutMs);
    try {
      await idle();
    } finally {
      clearTimeout(timer);
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
      let posted = false;
      try {
        if (this.abort.signal.aborted) this.lost(lane, item.message, { reason: 'shutdown' });
        else posted = await this.deliver(lane, item);
      } catch (err) {
        // Only an aborted wait or request (drain timeout) or a Store failure land here.
        this.lost(lane, item.message, { reason: this.abort.signal.aborted ? 'shutdown' : 'internal error', err });
      }
      lane.items.shift();
      const { tally } = item;
      if (posted) tally.posted++;
      if (--tally.open === 0) tally.resolve({ parts: tally.parts, posted: tally.posted });
    }
  }

  /** Sends one message through its retries; true once WeCom answered errcode 0. */
  private async deliver(lane: Lane, item: Item): Promise<boolean> {
    const { metrics } = this.deps;
    let transportRetries = 0;
    let rateRetries = 0;
    for (let attempt = 1; ; attempt++) {
      await this.pace(lane);
      const started = performance.now();
      let errcode: number;
      let errmsg = '';
      try {
        ({ errcode, errmsg } = await this.deps.client.send(lane.url, item.message, this.abort.signal));
      } catch (err) {
        // A request cancelled by a drain timeout is lost to the shutdown, not a webhook failure.
        if (!(err instanceof WecomSendError) || err.kind === 'aborted') throw err;
        this.observe(started);
        this.deps.metrics.wecomWebhookErrors.inc({
          errcode: err.kind === 'http' ? `http_${err.status ?? 0}` : err.kind,
        });
        if (err.transient && transportRetries < this.o.maxTransportRetries) {
          const wait = Math.max(
            this.o.backoffMs * 2 ** transportRetries++,
            Math.min(err.retryAfterMs ?? 0, WECOM_RETRY.maxRetryAfterMs),
          );
          this.deps.logger.warn(
            { webhook: lane.id, attempt, kind: err.kind, waitMs: wait },
            'wecom webhook send failed, retrying',
          );
          await this.sleep(wait);
          continue;
        }
        this.lost(lane, item.message, { reason: err.message, attempts: attempt });
        return false;
      } finally {
        lane.lastSentAt = this.o.now();
      }
      this.observe(started);

      if (errcode === 0) {
        metrics.replies.inc({ platform: 'wecom', outcome: 'posted' });
        return true;
      }
      this.deps.metrics.wecomWebhookErrors.inc({ errcode: errcode in ERRCODE_MEANING ? String(errcode) : 'other' }); // bounded label set
      const detail = {
        webhook: lane.id,
        attempt,
        errcode,
        meaning: errcodeMeaning(errcode),
        errmsg: this.clean(errmsg, lane.url),
      };
      if (errcode === 45009 && rateRetries++ < this.o.maxRateLimitRetries) {
        const wait = this.o.rateLimitWaitMs(this.o.now());
        this.deps.logger.warn({ ...detail, waitMs: wait }, 'wecom webhook rate limited, waiting');
        lane.minMinute = Math.floor(this.o.now() / MINUTE) + 1;
        await this.sleep(wait);
        continue;
      }
      if (errcode === 40008 && item.message.msgtype === 'markdown') {
        // This robot or client refuses markdown: send the same answer as plain text instead.
        this.deps.logger.warn(detail, 'wecom webhook refused markdown, falling back to text');
        const [first, ...rest] = textFallback(item.message);
        if (first) {
          item.message = first;
          // The extra parts report into the original message's outcome.
          item.tally.parts += rest.length;
          item.tally.open += rest.length;
          lane.items.splice(1, 0, ...rest.map((message) => ({ message, tally: item.tally })));
          continue;
        }
      }
      this.lost(lane, item.message, {
        reason: `errcode ${errcode}: ${detail.meaning}`,
        attempts: attempt,
        errcode,
        errmsg: detail.errmsg,
      });
      return false;
    }
  }

  /** Waits for the local spacing, then takes one unit of the shared per-minute budget. */
  private async pace(lane: Lane): Promise<void> {
    const gap = lane.lastSentAt + this.o.minIntervalMs - this.o.now();
    if (gap > 0) await this.sleep(gap);
    for (;;) {
      const minute = Math.max(Math.floor(this.o.now() / MINUTE), lane.minMinute);
      const used = await this.deps.store.incr(`wecom:budget:${lane.id}:${minute}`, 60);
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

  /** WeCom's errmsg, clipped and with the key removed in case it ever quotes the URL. */
  private clean(errmsg: string, url: string): string {
    const key = /[?&]key=([^&]+)/.exec(url)?.[1];
    const text = key ? errmsg.split(key).join('[REDACTED]') : errmsg;
    return text.slice(0, 200);
  }

  private lost(
    lane: Lane,
    message: WebhookMessage,
    info: { reason: string; attempts?: number; errcode?: number; errmsg?: string; err?: unknown },
  ): void {
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
  }
}
