/** Builds the Bolt App: HTTP mode (our server serves the receiver) or Socket Mode (with an app token). */
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { boltLogger } from './log.js';

export const EVENTS_PATH = '/slack/events';

export type BoltParts =
  | { mode: 'http'; app: App; receiver: HTTPReceiver }
  | { mode: 'socket'; app: App; receiver: SocketModeReceiver };

export function buildApp(config: SlackConfig, logger: Logger, retryConfig?: webApi.RetryOptions): BoltParts {
  const log = boltLogger(logger);
  // Always explicit: left unset, Socket Mode would inject {retries: 100} into every client (notes, pitfall 5).
  const retries = retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes;
  const clientOptions = (): webApi.WebClientOptions => ({
    retryConfig: { ...retries },
    ...(config.apiUrl && { slackApiUrl: config.apiUrl }),
  });
  const appOptions = {
    token: config.botToken,
    logger: log,
    clientOptions: clientOptions(),
    // auth.test runs in start() (App#init), not in the constructor: no network before start().
    deferInitialization: true,
    // Bolt's conversation store is unused and would grow in memory.
    convoStore: false as const,
  };

  if (config.appToken) {
    // Own object for the socket client: Bolt would otherwise share (and mutate) the App's options.
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: log,
      installerOptions: { clientOptions: clientOptions() },
    });
    return { mode: 'socket', app: new App({ ...appOptions, receiver }), receiver };
  }
  if (!config.signingSecret)
    throw new Error('Slack HTTP mode needs a signing secret (or an app token for Socket Mode)');
  const receiver = new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: EVENTS_PATH, logger: log });
  return { mode: 'http', app: new App({ ...appOptions, receiver }), receiver };
}
