/**
 * One send queue per webhook. A robot takes 20 messages a minute; the budget is counted in the
 * Store (`wecom:budget:<webhook id>:<minute>`) so replicas share it, and sends are spaced by
 * `minIntervalMs` within a replica. 45009 waits for the next minute and retries; timeouts and
 * network errors retry with backoff (retry.ts); markdown refused with 40008 is resent as text.
 * Every message ends either posted or logged as lost (error).
 *
 * A group that is behind does not queue without bound: commands go ahead of passive replies,
 * passive replies past `maxPassiveWaiting` fold into one summary message ("12 more errors in the
 * last minute: -303 ×8, 40001 ×4"), a passive reply whose code was muted since it was queued is
 * dropped, and on shutdown the passive backlog is handed to the store as one summary, sent by the
 * next process (`resume`), instead of being logged as lost.
 * Logs name a webhook by `webhookId`, never by its URL: the URL carries the key.
 */

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type Lang, uiText } from '../core/index.js';
import type { Logger } from '../logger.js';
import { WECOM_RETRY } from '../net/policy.js';
import { countDrop, type Metrics } from '../server/metrics.js';
import { seal, unseal } from '../store/seal.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import { addMember, members } from '../team/sets.js';
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
  /** Passive replies waiting per group before new ones fold into the summary. */
  maxPassiveWaiting?: number;
  /** The summary of `total` replies not sent one by one (`counts`: code → replies). */
  summarize?: (total: number, counts: ReadonlyMap<number, number>, afterRestart: boolean) => WebhookMessage;
  /** How waits are made (tests pass a faster clock's); aborting the signal ends the wait with an error. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Seals a webhook URL (it carries the robot's key) handed to the store at shutdown. Without one
   * (no callback configured, so no group answers passively) a backlog is not handed over.
   */
  sealKey?: Buffer;
}

/** What kind of answer a message is: it decides its place in a group's queue. */
export interface SendMeta {
  /** `command`: ahead of passive replies. `passive`: overheard, may fold into a summary. Default: in order. */
  kind?: 'command' | 'answer' | 'passive';
  /** Passive: the codes it answers (for the summary). */
  codes?: readonly number[];
  /** Passive: asked just before sending; false drops it (a code muted since it was queued). */
  stillWanted?: () => Promise<boolean>;
}

/** Codes of a backlog and how many replies each stood for. */
type Counts = Map<number, number>;

const BACKLOGS = 'wecom:backlogs';
/** A backlog handed to the store at shutdown; the URL is sealed, bound to its record's key. */
interface HandedOver {
  sealedUrl: string;
  total: number;
  counts: Array<[number, number]>;
}
const backlogKey = (id: string) => `wecom:backlog:${id}`;

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
  kind: 'command' | 'answer' | 'passive' | 'summary';
  codes?: readonly number[] | undefined;
  stillWanted?: (() => Promise<boolean>) | undefined;
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
  /** Passive replies folded into the summary item waiting in `items` (if any). */
  backlog: { total: number; counts: Counts; afterRestart: boolean } | undefined;
}

const MINUTE = 60_000;

export class SendQueues {
  private readonly lanes = new Map<string, Lane>();
  private readonly o: Required<Omit<SendQueueOptions, 'client' | 'store' | 'logger' | 'metrics' | 'sleep' | 'sealKey'>>;
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
      maxPassiveWaiting: deps.maxPassiveWaiting ?? 3,
      summarize: deps.summarize ?? summaryIn('en'),
    };
  }

  /**
   * Queues the parts of one answer, in order; resolves once each is posted or given up. A passive
   * answer to a group that is behind resolves at once with no parts: it is in the summary.
   */
  async send(url: string, messages: readonly WebhookMessage[], meta: SendMeta = {}): Promise<SendOutcome> {
    const lane = this.lane(url);
    const kind = meta.kind ?? 'answer';
    if (kind === 'passive' && !this.abort.signal.aborted && this.passiveWaiting(lane) >= this.o.maxPassiveWaiting) {
      this.fold(lane, meta.codes ?? [], 1);
      this.start(lane);
      return { delivered: true, posted: 0, parts: 0 };
    }
    // Commands go before the first waiting passive reply or summary (the head may be in flight).
    let at = lane.items.length;
    if (kind === 'command') {
      const first = lane.items.findIndex((it, i) => i > 0 && (it.kind === 'passive' || it.kind === 'summary'));
      if (first > 0) at = first;
    }
    const tallies = messages.map((message, i) => {
      if (this.abort.signal.aborted) return this.lost(lane, message, { reason: 'queue closed' });
      return new Promise<Tally>((resolve) =>
        lane.items.splice(at + i, 0, { message, resolve, kind, codes: meta.codes, stillWanted: meta.stillWanted }),
      );
    });
    this.start(lane);
    const { parts, posted } = sum(await Promise.all(tallies));
    return { delivered: posted === parts, posted, parts };
  }

  /** Passive replies (and a summary) waiting behind the one being sent. */
  private passiveWaiting(lane: Lane): number {
    let n = 0;
    for (let i = 1; i < lane.items.length; i++) if (lane.items[i]!.kind !== 'command') n++;
    return n;
  }

  /** Adds `replies` answers about `codes` to the lane's summary, queueing the summary if it is not. */
  private fold(lane: Lane, codes: readonly number[], replies: number, afterRestart = false): void {
    this.deps.metrics.replies.inc({ platform: 'wecom', outcome: 'summarised' }, replies);
    if (!lane.backlog) {
      lane.backlog = { total: 0, counts: new Map(), afterRestart };
      // Its text is made when it is sent, from everything folded in by then.
      lane.items.push({ message: { msgtype: 'text', text: { content: '' } }, resolve: () => {}, kind: 'summary' });
    }
    lane.backlog.total += replies;
    for (const c of codes) lane.backlog.counts.set(c, (lane.backlog.counts.get(c) ?? 0) + 1);
  }

  /** Folds a queued passive item into the summary (shutdown); true when it was one. */
  private foldItem(lane: Lane, item: Item): boolean {
    if (item.kind === 'summary') return true;
    if (item.kind !== 'passive') return false;
    this.fold(lane, item.codes ?? [], 1);
    return true;
  }

  /**
   * Sends the summaries other processes handed to the store when they stopped (each taken by one
   * process only). Called once at start; failures are logged, never thrown.
   */
  async resume(): Promise<void> {
    try {
      for (const id of await members(this.deps.store, BACKLOGS, 1000)) {
        if (!(await this.deps.store.claim(`${backlogKey(id)}:taken`, TTL.wecomBacklog))) continue;
        const raw = await this.deps.store.get(backlogKey(id));
        if (!raw) continue;
        const saved = JSON.parse(raw) as HandedOver;
        const url =
          this.deps.sealKey &&
          typeof saved.sealedUrl === 'string' &&
          unseal(this.deps.sealKey, saved.sealedUrl, backlogKey(id));
        if (!url) {
          this.deps.logger.warn(
            { replies: saved.total },
            'wecom backlog from before a restart not sent: its webhook could not be unsealed (another key)',
          );
          continue;
        }
        const lane = this.lane(url);
        if (!lane.backlog) this.fold(lane, [], 0, true);
        lane.backlog!.total += saved.total;
        for (const [c, n] of saved.counts) lane.backlog!.counts.set(c, (lane.backlog!.counts.get(c) ?? 0) + n);
        this.deps.logger.info(
          { webhook: lane.id, replies: saved.total },
          'wecom backlog from before a restart, sending its summary',
        );
        this.start(lane);
      }
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not read the wecom backlogs handed over at shutdown');
    }
  }

  /** At shutdown: the lane's summary goes to the store for the next process, not to the log as lost. */
  private async handOver(lane: Lane): Promise<void> {
    const backlog = lane.backlog;
    if (!backlog || backlog.total === 0) return;
    lane.backlog = undefined;
    const id = randomUUID();
    if (!this.deps.sealKey) {
      this.deps.logger.error(
        { webhook: lane.id, replies: backlog.total },
        'wecom message lost: backlog not handed over, no key to seal its webhook with',
      );
      return;
    }
    try {
      const saved: HandedOver = {
        sealedUrl: seal(this.deps.sealKey, lane.url, backlogKey(id)),
        total: backlog.total,
        counts: [...backlog.counts],
      };
      await this.deps.store.set(backlogKey(id), JSON.stringify(saved), TTL.wecomBacklog);
      await addMember(this.deps.store, BACKLOGS, id, { cap: 1000, ttl: TTL.wecomBacklog });
      this.deps.logger.info(
        { webhook: lane.id, replies: backlog.total },
        'wecom backlog handed to the store for the next process',
      );
    } catch (err) {
      this.deps.logger.error(
        { webhook: lane.id, replies: backlog.total, err },
        'wecom message lost: backlog could not be handed over',
      );
    }
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
        if (workers.length === 0) break;
        await Promise.all(workers);
      }
    } finally {
      budget?.removeEventListener('abort', close);
    }
    if (this.abort.signal.aborted) await Promise.all([...this.lanes.values()].map((l) => this.handOver(l)));
  }

  private lane(url: string): Lane {
    let lane = this.lanes.get(url);
    if (!lane) {
      this.prune();
      lane = {
        id: webhookId(url),
        url,
        items: [],
        worker: undefined,
        lastSentAt: -Infinity,
        minMinute: 0,
        backlog: undefined,
      };
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
      const tally = await this.deliverItem(lane, item);
      lane.items.shift();
      item.resolve(tally);
    }
  }

  /** A summary gets its text now; a passive reply is checked against mutes made since it was queued. */
  private async deliverItem(lane: Lane, item: Item): Promise<Tally> {
    if (this.abort.signal.aborted && this.foldItem(lane, item)) return { parts: 0, posted: 0 };
    if (item.kind === 'summary') {
      const backlog = lane.backlog;
      lane.backlog = undefined;
      if (!backlog || backlog.total === 0) return { parts: 0, posted: 0 };
      const message = this.o.summarize(backlog.total, backlog.counts, backlog.afterRestart);
      const tally = await this.deliver(lane, message, () => {
        // Cut short by shutdown: back into the backlog, handed over with the rest.
        if (!lane.backlog) this.fold(lane, [], 0, backlog.afterRestart);
        lane.backlog!.total += backlog.total;
        for (const [c, n] of backlog.counts) lane.backlog!.counts.set(c, (lane.backlog!.counts.get(c) ?? 0) + n);
      });
      return tally;
    }
    if (item.kind === 'passive' && item.stillWanted) {
      const wanted = await item.stillWanted().catch(() => true);
      if (!wanted) {
        countDrop(this.deps.metrics, 'wecom', 'muted');
        this.deps.logger.info({ webhook: lane.id }, 'wecom passive reply dropped: its code was muted while it waited');
        return { parts: 0, posted: 0 };
      }
    }
    return this.deliver(
      lane,
      item.message,
      item.kind === 'passive' ? () => this.fold(lane, item.codes ?? [], 1) : undefined,
    );
  }

  /**
   * One queued message to its end: posted, or logged as lost. Markdown that WeCom refuses (40008)
   * goes out again as plain text, part after part, before the lane moves on.
   */
  private async deliver(lane: Lane, message: WebhookMessage, onShutdown?: () => void): Promise<Tally> {
    if (this.abort.signal.aborted && onShutdown) {
      onShutdown();
      return { parts: 0, posted: 0 };
    }
    if (this.abort.signal.aborted) return this.lost(lane, message, { reason: 'shutdown' });
    let ending: { result: SendResult; attempts: number };
    try {
      ending = await this.post(lane, message);
    } catch (err) {
      // Only an aborted wait or request (drain timeout) or a Store failure land here.
      if (this.abort.signal.aborted && onShutdown) {
        onShutdown();
        return { parts: 0, posted: 0 };
      }
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
    if (this.deps.sleep) return this.deps.sleep(ms, this.abort.signal);
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

/** The summary in `lang` (queues made without one, like the CLI's, speak English). */
export function summaryIn(lang: Lang): NonNullable<SendQueueOptions['summarize']> {
  return (total, counts, afterRestart) => {
    const ui = uiText(lang);
    const content = (afterRestart ? ui.wecomBacklogRestart : ui.wecomBacklog)(total, countList(counts));
    return { msgtype: 'text', text: { content } };
  };
}

/** `-303 ×8, 40001 ×4`: most frequent first, at most 10 codes. */
export function countList(counts: ReadonlyMap<number, number>): string {
  const list = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const shown = list.slice(0, 10).map(([code, n]) => `${code} ×${n}`);
  if (list.length > 10) shown.push('…');
  return shown.join(', ');
}
