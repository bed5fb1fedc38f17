/**
 * Builds the Bolt App: HTTP mode (our server serves the receiver) or Socket Mode (with an app token);
 * one bot token, or in OAuth mode an `authorize` that finds each request's workspace installation.
 */
import { App, type Authorize, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { RETRY } from '../net/policy.js';
import { boltLogger } from './log.js';
import { type EdgeOptions, SlackEdge } from './receiver.js';

export const EVENTS_PATH = '/slack/events';

export type BoltParts = (
  | { mode: 'http'; app: App; receiver: SlackEdge }
  | { mode: 'socket'; app: App; receiver: SocketModeReceiver }
) & {
  /** What every Web API client of the App gets: deadlines, retries, SLACK_API_URL (a fresh object each call). */
  clientOptions(): webApi.WebClientOptions;
};

/** RETRY.slackApi as p-retry options: 1 s, 2 s, 4 s between tries (429s wait their Retry-After). */
const SLACK_API_RETRIES: webApi.RetryOptions = {
  retries: RETRY.slackApi.attempts - 1,
  factor: 2,
  minTimeout: RETRY.slackApi.baseMs,
  maxTimeout: RETRY.slackApi.maxDelayMs,
};

export interface BuildOptions {
  /** Per Web API call, every try. */
  timeoutMs: number;
  retryConfig?: webApi.RetryOptions | undefined;
  /** HTTP mode: what the edge needs besides the signing secret. */
  edge: Omit<EdgeOptions, 'signingSecret' | 'logger'>;
  /** OAuth mode: the token of each request's workspace, in place of `config.botToken`. */
  authorize?: Authorize<boolean> | undefined;
}

export function buildApp(config: SlackConfig, logger: Logger, options: BuildOptions): BoltParts {
  const bolt = boltLogger(logger);
  // Bolt warns of every request it could not authorise; our error handler counts them (and the
  // store reports an outage once), so a Redis blip is not a warning per event.
  const log = {
    ...bolt,
    warn: (...parts: unknown[]) =>
      typeof parts[0] === 'string' && parts[0].startsWith('Authorization of incoming event did not succeed')
        ? bolt.debug(...parts)
        : bolt.warn(...parts),
  };
  // Always explicit: @slack/socket-mode fills a missing retryConfig with {retries: 100} in the options it is
  // given, which Bolt shares with every Web API client: one failing call would then retry for minutes.
  const retries = options.retryConfig ?? SLACK_API_RETRIES;
  const clientOptions = (): webApi.WebClientOptions => ({
    retryConfig: { ...retries },
    // A hung call is cut off, so it frees its place in the client's queue for unrelated calls.
    timeout: options.timeoutMs,
    ...(config.apiUrl && { slackApiUrl: config.apiUrl }),
  });
  const auth = options.authorize ? { authorize: options.authorize } : { token: config.botToken };
  const appOptions = {
    ...auth,
    logger: log,
    clientOptions: clientOptions(),
    // auth.test runs in start() (App#init), not in the constructor: no network before start().
    deferInitialization: true,
    // Bolt's conversation store is unused and would grow in memory.
    convoStore: false as const,
    // app.error gets the request body: a slash command that cannot be authorised is still answered.
    extendedErrorHandler: true,
  };

  if (config.appToken) {
    if (options.authorize) throw new ConfigError('Slack OAuth installs need HTTP mode, not Socket Mode');
    // Own object for the socket client: Bolt would otherwise share (and mutate) the App's options.
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: log,
      installerOptions: { clientOptions: clientOptions() },
    });
    return { mode: 'socket', app: new App({ ...appOptions, receiver }), receiver, clientOptions };
  }
  if (!config.signingSecret)
    throw new ConfigError('Slack HTTP mode needs a signing secret (or an app token for Socket Mode)');
  const receiver = new SlackEdge({ ...options.edge, signingSecret: config.signingSecret, logger });
  return { mode: 'http', app: new App({ ...appOptions, receiver }), receiver, clientOptions };
}
