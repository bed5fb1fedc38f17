import type { Server } from 'node:http';
import type { AdapterDeps } from './adapter.js';
import type { Config } from './config.js';
import { checkCatalog } from './core/index.js';
import type { Logger } from './logger.js';
import { DEFAULT_LIMITS } from './net/policy.js';
import { createHttpServer, healthRoutes, listen } from './server/http.js';
import { createMetrics, type Metrics } from './server/metrics.js';
import { within } from './shutdown.js';
import { createSlackBot, type SlackBot } from './slack/index.js';
import { createStore, storeBackend } from './store/index.js';
import type { Store } from './store/store.js';
import { warmUp } from './warmup.js';
import { createWecomBot, type WecomBot } from './wecom/index.js';
import { startWecomDigest } from './wecom/team.js';

/** How long a graceful stop may take before open connections are cut (orchestrators wait longer). */
export const SHUTDOWN_BUDGET_MS = 10_000;

export interface RunningBot {
  port: number;
  server: Server;
  metrics: Metrics;
  store: Store;
  slack?: SlackBot;
  wecom?: WecomBot;
  /** Stops taking events, finishes replies in flight, flushes queues; bounded by `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Composes the configured adapters behind one HTTP server (Slack events, WeCom callback, health,
 * metrics on `PORT`). Slack and WeCom each work alone; with both, one process serves both.
 */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  await checkCatalog(); // validated now: a broken catalog stops start-up, not the first reply
  const metrics = createMetrics();
  const limits = config.limits ?? DEFAULT_LIMITS;
  const store = await createStore({
    redis: config.redis,
    logger,
    metrics,
    maxEntries: limits.storeMaxEntries,
    replicas: config.replicas,
  });
  const common: AdapterDeps = { store, logger, metrics, maxInputBytes: config.maxInputBytes };

  const slack = config.slack ? await createSlackBot({ ...common, config: config.slack, limits }) : undefined;
  const wecom = config.wecom
    ? createWecomBot({ ...common, config: config.wecom, webhookTimeoutMs: limits.outboundTimeoutMs })
    : undefined;
  const wecomDigest =
    config.wecom?.digest && startWecomDigest({ ...common, digest: config.wecom.digest, lang: config.wecom.lang });
  // Green only after the warm-up: a new replica takes no traffic cold.
  let warm = false;
  const ready = () => warm && (slack?.ready() ?? true) && (wecom?.ready() ?? true);

  const server = createHttpServer(
    [...healthRoutes({ ready, metrics }), ...(slack?.routes ?? []), ...(wecom?.routes ?? [])],
    logger,
    limits,
  );
  const port = await listen(server, config.port);
  await slack?.start();
  await warmUp(store);
  warm = true;
  logger.info(
    {
      port,
      slack: slack ? (config.slack?.appToken ? 'socket' : 'http') : 'off',
      wecom: wecom ? 'on' : 'off',
      store: storeBackend(store),
    },
    'msdk-bot ready',
  );

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = SHUTDOWN_BUDGET_MS) =>
    (stopping ??= (async () => {
      // The one budget: every adapter gets it and returns by its end, having logged what it left.
      const budget = AbortSignal.timeout(timeoutMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([slack?.stop(budget), wecom?.stop(budget), wecomDigest?.stop()]);
      await within(closed, budget);
      // Slack commands and interactions are served until the listener closes: wait for the
      // replies of those that came in meanwhile too.
      await slack?.stop(budget);
      server.closeAllConnections();
      await store.close();
    })());

  const running: RunningBot = { port, server, metrics, store, stop };
  if (slack) running.slack = slack;
  if (wecom) running.wecom = wecom;
  return running;
}
