/**
 * Start-up checks against Slack, before Bolt starts: a rejected token is one line naming the
 * variable, and an unreachable Slack is retried with backoff for a bounded time, each warning naming
 * the host and the call, then one line. Either way the process exits non-zero without a stack.
 */
import { LogLevel, type WebAPICallResult, WebClient } from '@slack/web-api';
import { SLACK_START_TIMEOUT_DEFAULT_MS, type SlackConfig } from '../config.js';
import { SlackStartupError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Answers that mean the token itself is wrong: retrying cannot help. */
const REJECTED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;

interface Cause {
  code?: unknown;
  message?: string;
  cause?: Cause;
}

interface SlackCallError extends Cause {
  data?: { error?: string };
  statusCode?: number;
  original?: Cause;
}

/**
 * Why a call got no answer from Slack, in a few words: `HTTP 503`, or the system error code
 * (`ECONNREFUSED`, `ENOTFOUND`) that fetch keeps in its error's cause chain.
 */
function unreachableReason(err: SlackCallError): string {
  if (err.statusCode) return `HTTP ${err.statusCode}`;
  for (let c: Cause | undefined = err.original; c; c = c.cause) {
    if (typeof c.code === 'string' && /^E[A-Z_]+$/.test(c.code)) return c.code;
  }
  return err.original?.message ?? String(err);
}

/**
 * Checks the bot token (auth.test) and, in Socket Mode, the app token (apps.connections.open).
 * Resolves when Slack accepted both; rejects with a SlackStartupError whose message is the line to print.
 */
export async function checkSlackAtStartup(config: SlackConfig, logger: Logger): Promise<void> {
  const apiUrl = config.apiUrl ?? 'https://slack.com/api/';
  const host = new URL(apiUrl).host;
  const timeoutMs = config.startTimeoutMs ?? SLACK_START_TIMEOUT_DEFAULT_MS;
  const deadline = Date.now() + timeoutMs;
  // No retries of its own and no logging: this loop retries and says what failed.
  const client = (token: string) =>
    new WebClient(token, {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
      timeout: 10_000,
    });

  const call = async (
    variable: string,
    token: string,
    method: string,
    run: (c: WebClient) => Promise<WebAPICallResult>,
  ) => {
    const web = client(token);
    for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
      try {
        await run(web);
        return;
      } catch (caught) {
        const err = caught as SlackCallError;
        const answer = err.data?.error;
        if (err.code === 'slack_webapi_platform_error' && answer) {
          if (REJECTED.has(answer)) throw new SlackStartupError(`${variable} was rejected by Slack: ${answer}`);
          throw new SlackStartupError(`Slack answered ${method} with ${answer} (check ${variable})`);
        }
        const reason = unreachableReason(err);
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new SlackStartupError(
            `cannot reach Slack at ${host} (${method}: ${reason}) for ${Math.round(timeoutMs / 1000)} s; giving up (SLACK_START_TIMEOUT_MS)`,
          );
        }
        const wait = Math.min(delay, left);
        logger.warn(
          { host, call: method, reason, retryInMs: wait },
          `Slack unreachable: ${method} on ${host} failed (${reason}); retrying in ${wait} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };

  // OAuth mode has no token of its own yet: each workspace's arrives with its installation.
  if (config.botToken) await call('SLACK_BOT_TOKEN', config.botToken, 'auth.test', (web) => web.auth.test());
  if (config.appToken) {
    await call('SLACK_APP_TOKEN', config.appToken, 'apps.connections.open', (web) => web.apps.connections.open());
  }
}
