/**
 * When a webhook send is worth another try, and after how long. Two kinds of failure have budgets
 * of their own: a transport failure (timeout, network error, 429, 5xx) backs off, doubling each
 * time; errcode 45009 (over 20 messages a minute) waits for the next minute. Anything else is
 * WeCom's final answer.
 */
import { WECOM_RETRY } from '../net/policy.js';
import { WecomSendError } from './errors.js';
import type { WebhookAnswer } from './webhook.js';

/** WeCom's answer to one request, or the transport failure that left none. */
export type SendResult = WebhookAnswer | WecomSendError;

export type RetryReason = 'transport' | 'rate-limit';

export interface RetryPolicy {
  /** Retries after a transport failure; the first waits `backoffMs`, each next one twice as long. */
  maxTransportRetries: number;
  backoffMs: number;
  /** Retries after errcode 45009, each after `rateLimitWaitMs(now)`. */
  maxRateLimitRetries: number;
  rateLimitWaitMs: (now: number) => number;
}

/** Why `result` is worth another try; undefined when it is final (posted, or refused for good). */
export function retryReason(result: SendResult): RetryReason | undefined {
  if (result instanceof WecomSendError) return result.transient ? 'transport' : undefined;
  return result.errcode === 45009 ? 'rate-limit' : undefined;
}

/** The wait before trying again for `reason`, given the retries made so far; undefined: give up. */
export function retryWait(
  policy: RetryPolicy,
  reason: RetryReason,
  earlier: readonly RetryReason[],
  now: number,
  retryAfterMs = 0,
): number | undefined {
  const made = earlier.filter((r) => r === reason).length;
  if (reason === 'rate-limit') return made < policy.maxRateLimitRetries ? policy.rateLimitWaitMs(now) : undefined;
  if (made >= policy.maxTransportRetries) return undefined;
  // A server that says when to come back (Retry-After) is believed, up to a bound.
  return Math.max(policy.backoffMs * 2 ** made, Math.min(retryAfterMs, WECOM_RETRY.maxRetryAfterMs));
}
