/** One outgoing HTTP call with a deadline per attempt and retries that honour `Retry-After`. */
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, MsdkBotError } from '../errors.js';
import { type RetryPolicy, retryAfterMs, retryDelay } from './policy.js';

/** An answer with a status worth reporting; `retryAfterMs` when the server said when to come back. */
export class HttpStatusError extends MsdkBotError {
  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(ErrorCode.HttpStatus, `HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** Throws HttpStatusError for a non-2xx response (after discarding its body). */
export async function expectOk(res: Response): Promise<Response> {
  if (res.ok) return res;
  await res.body?.cancel().catch(() => undefined);
  throw new HttpStatusError(res.status, retryAfterMs(res.headers.get('retry-after')));
}

/** Timeouts, network failures, 429 and 5xx are transient; any other answer is final. */
function transient(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status === 429 || err.status >= 500;
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError' || err instanceof TypeError; // fetch's network error
}

/**
 * Runs `attempt(signal)` until it resolves, each try cut off after `timeoutMs` (the signal aborts,
 * the body read included). Transient failures are retried per `policy`; a Retry-After is waited
 * for unless it is longer than the policy allows. `onRetry` is told before each wait.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  timeoutMs: number,
  attempt: (signal: AbortSignal) => Promise<T>,
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(AbortSignal.timeout(timeoutMs));
    } catch (err) {
      const after = err instanceof HttpStatusError ? err.retryAfterMs : undefined;
      if (n >= policy.attempts || !transient(err) || (after ?? 0) > policy.maxRetryAfterMs) throw err;
      const wait = retryDelay(policy, n, after);
      onRetry?.(err, n, wait);
      await delay(wait);
    }
  }
}
