/** The Slack adapter: a thin Bolt app over the core. See manifest.yml for what Slack must be told. */
import { type App, ErrorCode, webApi } from '@slack/bolt';
import type { AdapterDeps } from '../adapter.js';
import type { SlackConfig } from '../config.js';
import { DEFAULT_LIMITS, type Limits } from '../net/policy.js';
import type { Route } from '../server/http.js';
import { within } from '../shutdown.js';
import { redisBacked } from '../store/index.js';
import { buildApp, EVENTS_PATH } from './app.js';
import { createSlackDeps } from './deps.js';
import { startSlackDigests } from './digest.js';
import { InFlight } from './inflight.js';
import { registerListeners } from './listeners/index.js';
import { registerUninstallListeners } from './listeners/uninstall.js';
import { createInstaller, type Installer } from './oauth/index.js';
import { classifyUnauthorized, tellUnauthorized } from './oauth/unauthorized.js';
import { type SlackSurface, SurfaceRecorder } from './surface.js';

export { ACTION_POST_PUBLIC, COMMAND, SHORTCUT_EXPLAIN, type SlackSurface } from './surface.js';

export interface SlackBotDeps extends AdapterDeps {
  config: SlackConfig;
  /** tests pass { retries: 0 } */ retryConfig?: import('@slack/web-api').RetryOptions;
  /** Outbound deadlines (Web API, response_url, downloads); DEFAULT_LIMITS when absent. */
  limits?: Pick<Limits, 'outboundTimeoutMs' | 'downloadTimeoutMs'>;
  /** Least time between two posts in one channel; REPLY_INTERVAL_MS (1 s, Slack's rule) when absent. */
  replyIntervalMs?: number;
}

export interface SlackBot {
  /** HTTP mode: one route, POST /slack/events to the SlackEdge receiver. Socket Mode: none (`[]`). */
  routes: Route[];
  /** Socket Mode: connects. HTTP mode: initialises only; our own HTTP server serves `routes`. */
  start(): Promise<void>;
  /**
   * Stops taking events (commands and interactions are still served while the listener is open)
   * and waits for replies in flight while `budget` lasts. Called again, waits again for what came
   * in since.
   */
  stop(budget?: AbortSignal): Promise<void>;
  ready(): boolean; // Socket Mode connected / HTTP mode initialised
}

/** What app.error gets with `extendedErrorHandler` (its last overload; Bolt does not export the type). */
type ErrorArgs = Parameters<Parameters<App['error']>[0]>[0];

const surfaces = new WeakMap<SlackBot, SlackSurface>();

/** What the bot registered with Bolt (commands, shortcuts, actions, events) and the scopes they need. */
export function surfaceOf(bot: SlackBot): SlackSurface | undefined {
  return surfaces.get(bot);
}

export async function createSlackBot(deps: SlackBotDeps): Promise<SlackBot> {
  const logger = deps.logger.child({ component: 'slack' });
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const slackDeps = createSlackDeps({ ...deps, logger, limits });
  let initialised = false;
  let connected = false;
  let stopping = false;
  let digests: { stop(): Promise<void> } | undefined;
  const { oauth } = deps.config;
  // Made once the listeners are registered (their surface is the scopes the install asks for);
  // Bolt only calls `authorize` for requests, which come after that.
  let installer: Installer | undefined;
  const parts = buildApp(deps.config, logger, {
    timeoutMs: limits.outboundTimeoutMs,
    retryConfig: deps.retryConfig,
    edge: {
      drop: (reason) => slackDeps.drop(reason),
      deferred: () => slackDeps.metrics.eventsDeferred.inc({ platform: 'slack' }),
      started: () => initialised,
      acceptingEvents: () => !stopping,
    },
    authorize: oauth && ((source) => installer!.authorize(source)),
  });
  const { app } = parts;
  const inflight = new InFlight();

  app.use(({ next }) => inflight.run(next));
  app.error(async ({ error, body }: ErrorArgs) => {
    if (error.code === ErrorCode.AuthorizationError) {
      // A workspace that uninstalled the app (or never installed it), or installations unreadable
      // right now (Redis down, the store logs that once): not answered, but a person waiting is told.
      const why = classifyUnauthorized(error, body);
      slackDeps.drop(why.reason);
      logger.debug({ reason: why.reason }, 'slack: request not authorised');
      await tellUnauthorized(why, { lang: deps.config.lang, logger, timeoutMs: limits.outboundTimeoutMs });
      return;
    }
    logger.error({ err: error }, 'slack listener failed');
  });
  const recorder = new SurfaceRecorder();
  registerListeners(app, slackDeps, recorder);
  if (oauth) {
    if (!redisBacked(deps.store)) {
      logger.warn(
        'slack: OAuth without Redis: installations live in this process only and die with it (every workspace must reinstall after a restart). Set REDIS_URL to a persistent Redis.',
      );
    }
    installer = createInstaller({
      settings: oauth,
      scopes: recorder.surface().scopes,
      store: deps.store,
      logger,
      lang: deps.config.lang,
      clientOptions: parts.clientOptions(),
    });
    registerUninstallListeners(app, slackDeps, installer, recorder);
  }

  if (parts.mode === 'socket') {
    parts.receiver.client.on('connected', () => void (connected = true));
    for (const state of ['disconnected', 'reconnecting', 'disconnecting']) {
      parts.receiver.client.on(state, () => void (connected = false));
    }
  }

  const routes: SlackBot['routes'] = [];
  if (parts.mode === 'http') routes.push({ method: 'POST', path: EVENTS_PATH, handler: parts.receiver.handle });
  if (installer) routes.push(...installer.routes);

  const bot: SlackBot = {
    routes,
    async start() {
      if (initialised) return;
      await app.init(); // auth.test: checks the token, learns the bot's user id (to ignore itself)
      initialised = true;
      if (parts.mode === 'socket') await app.start();
      digests = startSlackDigests(slackDeps, async (where) => {
        if (!installer) return app.client;
        const token = (await installer.find(where))?.bot?.token;
        return token ? new webApi.WebClient(token, parts.clientOptions()) : undefined;
      });
      logger.info({ mode: parts.mode }, 'slack bot started');
    },
    async stop(budget) {
      if (!stopping) {
        stopping = true;
        installer?.close();
        await digests?.stop();
        if (parts.mode === 'socket' && initialised) {
          // Disconnecting is how Socket Mode stops taking events; replies in flight use the Web API.
          await within(
            app.stop().catch((err: unknown) => logger.warn({ err }, 'socket mode disconnect failed')),
            budget,
          );
        }
      }
      // Acknowledged events still waiting for their work are answered before the replies in flight are waited for.
      const edge = parts.mode === 'http' ? parts.receiver : undefined;
      if (edge && !(await within(edge.drained(), budget))) {
        logger.warn({ pending: edge.pending }, 'stopped with acknowledged slack events not yet answered');
      }
      if (!(await within(inflight.idle(), budget))) {
        logger.warn({ inFlight: inflight.size }, 'stopped with slack replies still in flight');
      }
    },
    ready() {
      if (stopping || !initialised) return false;
      return parts.mode === 'http' || connected;
    },
  };
  surfaces.set(bot, recorder.surface());
  return bot;
}
