/**
 * The WeCom adapter: the encrypted callback in, the group-robot webhook out. What the lead's main
 * wiring and the CLI use is `createWecomBot`; tests import the other modules directly.
 */
import { analyze } from '../core/analyze.js';
import { defaultCatalog } from '../core/catalog.js';
import type { Analysis, Mode } from '../core/types.js';
import { WECOM_API_DEFAULT, type WecomConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Route } from '../server/http.js';
import { countAnalysis, type Metrics } from '../server/metrics.js';
import type { Store } from '../store/store.js';
import { callbackRoutes, type InboundMessage } from './callback.js';
import { WecomCrypto } from './crypto.js';
import { composeMarkdown } from './render.js';
import { SendQueues, type SendQueueOptions } from './queue.js';
import { WebhookClient, type WebhookMessage } from './webhook.js';

export interface WecomBotDeps {
  config: WecomConfig;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  maxInputBytes: number;
  now?: () => number;
  /** ms between sends; default 3000 (20/min) */
  minIntervalMs?: number;
  /** Webhook request timeout; default 10 s. With `retryTiming`, lets tests run faults in milliseconds. */
  webhookTimeoutMs?: number;
  /** Backoff after a transport failure and the wait after 45009; defaults as in SendQueues. */
  retryTiming?: Pick<SendQueueOptions, 'backoffMs' | 'rateLimitWaitMs'>;
}

export interface WecomBot {
  routes: Route[]; // [] when no callback is configured
  /** Scans text (or takes a scan already made of a stream) and sends the findings to config.webhookUrl; nothing found → nothing sent. */
  notify(input: string | Analysis): Promise<{ findings: number; sent: boolean }>;
  stop(): Promise<void>; // refuse new callbacks, drain queues
  ready(): boolean;
}

/** How long `stop()` lets queued replies go out before logging the rest as lost. */
const STOP_DRAIN_MS = 8_000; // under app.ts stop()'s 10 s, so leftovers are logged as lost before exit

/** `@robot 40001` → `40001`; WeCom puts the mention first, often followed by U+2005 (a `\s`). */
export function stripMention(content: string): { text: string; mentioned: boolean } {
  const m = /^\s*@\S+\s*/.exec(content);
  return m ? { text: content.slice(m[0].length), mentioned: true } : { text: content.trim(), mentioned: false };
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function createWecomBot(deps: WecomBotDeps): WecomBot {
  const { config, store, metrics } = deps;
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ platform: 'wecom' });
  const queues = new SendQueues({
    client: new WebhookClient(deps.webhookTimeoutMs === undefined ? {} : { timeoutMs: deps.webhookTimeoutMs }),
    store,
    logger,
    metrics,
    now,
    minIntervalMs: deps.minIntervalMs ?? 3000,
    ...deps.retryTiming,
  });
  // The callback is authenticated, but a WebhookUrl is still only followed to WeCom itself (or to
  // where the configured default webhook lives): a leaked AES key must not make this an open relay.
  const allowedOrigins = new Set(
    [originOf(config.apiUrl ?? WECOM_API_DEFAULT), originOf(config.webhookUrl)].filter((o) => o !== undefined),
  );
  const inFlight = new Set<Promise<void>>();
  /** Callback requests accepted but not yet acknowledged and handed to `onMessage`. */
  const receiving = new Set<Promise<void>>();
  let stopping = false;

  const counted = (analysis: Analysis): Analysis => {
    countAnalysis(metrics, 'wecom', analysis);
    return analysis;
  };
  const run = (text: string, mode: Mode): Analysis =>
    counted(analyze(text, { mode, lang: config.lang, maxBytes: deps.maxInputBytes }));

  const messagesFor = (analysis: Analysis, mention?: string): WebhookMessage[] =>
    composeMarkdown(analysis, defaultCatalog(), config.lang, mention ? { mention } : {}).map((content) => ({
      msgtype: 'markdown',
      markdown: { content },
    }));

  const drop = (reason: string, message: string, fields: Record<string, unknown> = {}) => {
    metrics.eventsDropped.inc({ platform: 'wecom', reason });
    logger.info({ reason, ...fields }, message);
  };

  /** Where to answer: the chat's own WebhookUrl, else the default group, else nowhere. */
  const replyTarget = (msg: InboundMessage): string | undefined => {
    if (msg.webhookUrl) {
      if (allowedOrigins.has(originOf(msg.webhookUrl) ?? '')) return msg.webhookUrl;
      drop('webhook-origin', 'wecom callback WebhookUrl is not a WeCom webhook, not answering', { msgId: msg.msgId });
      return undefined;
    }
    if (config.webhookUrl) return config.webhookUrl;
    drop('no-webhook', 'wecom message has no WebhookUrl and no default webhook is configured, not answering', {
      msgId: msg.msgId,
    });
    return undefined;
  };

  const answer = async (msg: InboundMessage): Promise<void> => {
    if (msg.msgType !== 'text' || msg.content === undefined) {
      drop('non-text', 'wecom message is not text, ignored', { msgId: msg.msgId, msgType: msg.msgType });
      return;
    }
    const target = replyTarget(msg);
    if (!target) return;
    const { text, mentioned } = stripMention(msg.content);
    // Asked directly (mention, one-to-one chat, app message): explain. Overheard: scan quietly.
    const mode: Mode = mentioned || msg.chatType === 'single' || msg.shape === 'app' ? 'explain' : 'scan';
    const analysis = run(text, mode);
    if (mode === 'scan' && analysis.findings.length === 0) return;
    const outcome = await queues.send(target, messagesFor(analysis, msg.userId));
    logger.info(
      {
        msgId: msg.msgId,
        mode,
        findings: analysis.findings.length,
        parts: outcome.parts,
        delivered: outcome.delivered,
      },
      'wecom message answered',
    );
  };

  const onMessage = (msg: InboundMessage) => {
    const task: Promise<void> = answer(msg)
      .catch((err: unknown) => logger.error({ err, msgId: msg.msgId }, 'wecom message handling failed'))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const routes = config.callback
    ? callbackRoutes({
        path: config.callback.path,
        crypto: new WecomCrypto(config.callback),
        store,
        logger,
        metrics,
        now,
        accepting: () => !stopping,
        onMessage,
        handling: receiving,
      })
    : [];

  return {
    routes,
    async notify(input) {
      const analysis = typeof input === 'string' ? run(input, 'scan') : counted(input);
      const findings = analysis.findings.length;
      if (findings === 0) return { findings, sent: false };
      if (!config.webhookUrl) {
        logger.error({ findings }, 'wecom notify: no webhook configured, findings not sent');
        return { findings, sent: false };
      }
      const outcome = await queues.send(config.webhookUrl, messagesFor(analysis));
      return { findings, sent: outcome.delivered };
    },
    async stop() {
      stopping = true;
      const deadline = performance.now() + STOP_DRAIN_MS;
      // Callbacks already accepted are still reading, checking and claiming: let them finish (within
      // the same budget), so their messages are acknowledged and handed over before the drain.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...receiving]),
        new Promise((resolve) => (timer = setTimeout(resolve, STOP_DRAIN_MS))),
      ]);
      clearTimeout(timer);
      // Messages acknowledged just before are handed over on the next turn; their replies are
      // queued synchronously from there, so one turn later the queues hold everything to drain.
      await new Promise((resolve) => setImmediate(resolve));
      await queues.drain({ timeoutMs: Math.max(deadline - performance.now(), 0) });
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    ready: () => !stopping,
  };
}

export { parseInbound } from './callback.js';
