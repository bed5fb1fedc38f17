/**
 * Every timeout, size cap and retry policy of the bot's network edges, in one place. The
 * configurable ones are read from the environment by config.ts (docs/operations.md, "Limits and timeouts");
 * the rest are fixed by the platforms' own rules.
 */

/** What config.ts lets an operator change; defaults below. */
export interface Limits {
  /** Incoming HTTP: the request line and headers must arrive within this (slow-loris). */
  headersTimeoutMs: number;
  /** Incoming HTTP: the whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** Incoming HTTP: a connection silent this long is closed. */
  idleTimeoutMs: number;
  /** Incoming HTTP: connections open at once; more are refused (logged). */
  maxConnections: number;
  /** Outgoing: one Slack Web API call, one response_url post or one WeCom webhook post. */
  outboundTimeoutMs: number;
  /** Outgoing: one Slack file download (headers and body). */
  downloadTimeoutMs: number;
  /** In-memory store: entries kept at most; the least recently used go first (counted). */
  storeMaxEntries: number;
}

export const DEFAULT_LIMITS: Limits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  idleTimeoutMs: 10_000,
  maxConnections: 256,
  outboundTimeoutMs: 5_000,
  downloadTimeoutMs: 15_000,
  storeMaxEntries: 50_000,
};

/** Environment variable of each limit (config.ts reads them, docs/configuration.md lists them). */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = {
  headersTimeoutMs: 'HTTP_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'HTTP_REQUEST_TIMEOUT_MS',
  idleTimeoutMs: 'HTTP_IDLE_TIMEOUT_MS',
  maxConnections: 'HTTP_MAX_CONNECTIONS',
  outboundTimeoutMs: 'OUTBOUND_TIMEOUT_MS',
  downloadTimeoutMs: 'DOWNLOAD_TIMEOUT_MS',
  storeMaxEntries: 'STORE_MAX_ENTRIES',
};

/**
 * Largest Slack request body read. Slack's biggest legitimate payload is a message shortcut on a
 * 40,000-character message: its text and rich-text blocks, \u-escaped (6 bytes a character) and
 * form-encoded, stay under 700 KB.
 */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;
/** Slack's rule: a request timestamp more than five minutes away from now, either way, is refused. */
export const SLACK_MAX_SKEW_SECONDS = 300;
/**
 * Bytes of not-yet-verified request bodies held at once, across all connections. A stranger can
 * make the bot buffer a body before its signature is checked; this bounds what many of them cost.
 */
export const UNVERIFIED_BODY_BUDGET_BYTES = 32 * 1024 * 1024;
/**
 * Slack's OAuth code exchange (oauth.v2.access, then auth.test), each call: both fit in the
 * browser's redirect request, which the server cuts at HTTP_IDLE_TIMEOUT_MS (10 s). Never retried:
 * the `code` works once, so a retry after a lost answer can only fail with invalid_code.
 */
export const OAUTH_EXCHANGE_TIMEOUT_MS = 4_000;
/** How often Node checks connections against the header and request timeouts (its default: 30 s). */
export const HTTP_TIMEOUT_CHECK_MS = 1_000;

/** A retry policy: attempts in all, doubling backoff from `baseMs` up to `maxDelayMs`. */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the attempt fails instead. */
  maxRetryAfterMs: number;
}

export const RETRY = {
  /**
   * Slack Web API (through @slack/web-api, which honours Retry-After on 429 by itself): a hung or
   * failed call is tried 4 times in all, 1 s, 2 s, 4 s apart.
   */
  slackApi: { attempts: 4, baseMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 },
  /** response_url (valid 30 minutes, 5 uses): 5xx, 429 and timeouts, honouring Retry-After. */
  responseUrl: { attempts: 4, baseMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 },
  /** Slack file downloads: a second try after a transport failure, 5xx or 429. */
  download: { attempts: 2, baseMs: 1_000, maxDelayMs: 2_000, maxRetryAfterMs: 10_000 },
} as const satisfies Record<string, RetryPolicy>;

/** The WeCom webhook's retries live in src/wecom/queue.ts (45009 waits for the next minute). */
export const WECOM_RETRY = {
  transportRetries: 3,
  backoffMs: 500,
  rateLimitRetries: 5,
  maxRetryAfterMs: 60_000,
} as const;

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before attempt `attempt + 1`: the server's Retry-After when it gave one, else backoff. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfter?: number): number {
  const backoff = Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return retryAfter === undefined ? backoff : Math.max(retryAfter, backoff);
}
