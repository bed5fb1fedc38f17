/**
 * The WeCom adapter: the encrypted callback in, the group-robot webhook out. This file wires the
 * pieces: `callback.ts` receives, `reply.ts` answers (on the webhook `route.ts` picks), `notify.ts`
 * sends a scan to the default group, `queue.ts` posts within the robot's limits. What app.ts and
 * the CLI use is `createWecomBot`; tests import the other modules directly.
 */
import { type AdapterDeps, conversationDeps } from '../adapter.js';
import type { WecomConfig } from '../config.js';
import type { Analysis } from '../core/index.js';
import type { Route } from '../server/http.js';
import { within } from '../shutdown.js';
import type { AnswerDeps } from './answer.js';
import { callbackRoutes, type InboundMessage } from './callback.js';
import { backlogSealKey, WecomCrypto } from './crypto.js';
import { type NotifyResult, notify } from './notify.js';
import { type SendQueueOptions, SendQueues, summaryIn } from './queue.js';
import { createReplier } from './reply.js';
import { createWecomTeam } from './team.js';
import { WebhookClient } from './webhook.js';

export interface WecomBotDeps extends AdapterDeps {
  config: WecomConfig;
  /** ms between sends; default 3000 (20/min) */
  minIntervalMs?: number;
  /** Webhook request timeout; default 10 s. With `retryTiming`, lets tests run faults in milliseconds. */
  webhookTimeoutMs?: number;
  /** Backoff after a transport failure and the wait after 45009; defaults as in SendQueues. */
  retryTiming?: Pick<SendQueueOptions, 'backoffMs' | 'rateLimitWaitMs'>;
}

export interface WecomBot {
  routes: Route[]; // [] when no callback is configured
  /**
   * Scans `text` (or takes a scan already made of a stream, as `msdk notify --wecom` does) and sends the
   * findings to `config.webhookUrl` (nothing found: nothing sent).
   */
  notify(input: string | Analysis): Promise<NotifyResult>;
  /**
   * Refuses new callbacks, then lets accepted ones and queued replies finish while `budget` lasts
   * (without one, until they are done); when it aborts, what is still queued is logged as lost.
   */
  stop(budget?: AbortSignal): Promise<void>;
  ready(): boolean;
}

export function createWecomBot(deps: WecomBotDeps): WecomBot {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ platform: 'wecom' });
  const queues = new SendQueues({
    client: new WebhookClient(deps.webhookTimeoutMs === undefined ? {} : { timeoutMs: deps.webhookTimeoutMs }),
    store: deps.store,
    logger,
    metrics: deps.metrics,
    now,
    minIntervalMs: deps.minIntervalMs ?? 3000,
    ...deps.retryTiming,
    summarize: summaryIn(config.lang),
    // Passive replies come only through the callback, whose AES key also seals a handed-over webhook.
    ...(config.callback && { sealKey: backlogSealKey(config.callback.encodingAesKey) }),
  });
  // What a stopped process handed over: one summary per group.
  void queues.resume();
  const answering: AnswerDeps = { ...deps, logger, queues };
  const team = createWecomTeam({
    lang: config.lang,
    store: deps.store,
    logger,
    now,
    send: (url, content) => queues.send(url, [{ msgtype: 'markdown', markdown: { content } }], { kind: 'command' }),
  });
  const reply = createReplier(answering, team, conversationDeps({ ...deps, now }, 'wecom', logger));

  /** Callback requests accepted but not yet acknowledged and handed to `onMessage`. */
  const receiving = new Set<Promise<void>>();
  /** Replies started and not yet posted or logged as lost. */
  const replying = new Set<Promise<void>>();
  let stopping = false;

  const onMessage = (message: InboundMessage) => {
    const task: Promise<void> = reply(message)
      .catch((err: unknown) => logger.error({ err, msgId: message.msgId }, 'wecom message handling failed'))
      .finally(() => replying.delete(task));
    replying.add(task);
  };

  const routes = config.callback
    ? callbackRoutes({
        path: config.callback.path,
        crypto: new WecomCrypto(config.callback),
        store: deps.store,
        logger,
        metrics: deps.metrics,
        now,
        accepting: () => !stopping,
        onMessage,
        handling: receiving,
      })
    : [];

  return {
    routes,
    notify: (input) => notify(input, answering),
    async stop(budget) {
      stopping = true;
      // Accepted callbacks are still reading, checking and claiming: let them be acknowledged
      // and handed over, so their replies are in the queues before those drain.
      await within(Promise.allSettled([...receiving]), budget);
      // A message acknowledged just now is handed over on the next turn, and its reply queued
      // synchronously from there: one turn later the queues hold everything to drain.
      await new Promise((resolve) => setImmediate(resolve));
      await queues.drain(budget ? { signal: budget } : {});
      while (replying.size > 0) await Promise.all([...replying]);
    },
    ready: () => !stopping,
  };
}

export { parseInbound } from './callback.js';
