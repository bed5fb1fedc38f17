import { describe, expect, it } from 'vitest';
import { WecomSendError } from '../../src/wecom/errors.js';
import { type RetryPolicy, type RetryReason, retryReason, retryWait } from '../../src/wecom/retry.js';

const policy: RetryPolicy = {
  maxTransportRetries: 3,
  backoffMs: 500,
  maxRateLimitRetries: 2,
  rateLimitWaitMs: (now) => 60_000 - (now % 60_000),
};

describe('when a webhook send is tried again', () => {
  it('retries timeouts, network errors, 429 and 5xx, and 45009; nothing else', () => {
    expect(retryReason(new WecomSendError('timeout', 't'))).toBe('transport');
    expect(retryReason(new WecomSendError('network', 'n'))).toBe('transport');
    expect(retryReason(new WecomSendError('http', 'h', 429))).toBe('transport');
    expect(retryReason(new WecomSendError('http', 'h', 502))).toBe('transport');
    expect(retryReason(new WecomSendError('http', 'h', 404))).toBeUndefined();
    expect(retryReason({ errcode: 45009, errmsg: 'api freq out of limit' })).toBe('rate-limit');
    for (const errcode of [0, 40008, 93000, 44004]) expect(retryReason({ errcode, errmsg: '' })).toBeUndefined();
  });

  it('backs off 500, 1000, 2000 ms after transport failures, then gives up', () => {
    const waits = [0, 1, 2, 3].map((n) => retryWait(policy, 'transport', Array<RetryReason>(n).fill('transport'), 0));
    expect(waits).toEqual([500, 1000, 2000, undefined]);
  });

  it('waits for the next minute after 45009, with a budget of its own', () => {
    const spent = ['transport', 'transport', 'transport'] as const;
    expect(retryWait(policy, 'rate-limit', spent, 59_000)).toBe(1_000);
    expect(retryWait(policy, 'rate-limit', [...spent, 'rate-limit'], 30_000)).toBe(30_000);
    expect(retryWait(policy, 'rate-limit', ['rate-limit', 'rate-limit'], 0)).toBeUndefined();
    expect(retryWait(policy, 'transport', ['rate-limit', 'rate-limit'], 0)).toBe(500);
  });
});
