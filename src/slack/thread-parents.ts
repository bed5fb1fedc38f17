/**
 * `@msdk` alone in a thread explains the thread's first message. Reading it with
 * conversations.replies is limited to 1 call a minute (15 messages) for apps distributed outside
 * the Marketplace (Slack, since 2025-05-29 for new apps), and a 429 there would pause every call of
 * the workspace's client. So the passive listener, which sees each top-level message anyway, keeps
 * its text for a day (TTL.threadParent, at most PARENT_MAX_BYTES); conversations.replies is only the
 * fallback, on a client of its own that never retries and never queues the others behind a 429.
 */
import { webApi } from '@slack/bolt';
import { TTL } from '../store/ttl.js';
import type { SlackDeps } from './deps.js';
import type { MessageSource } from './explain.js';
import { boltLogger } from './log.js';

/** Longer first messages are not kept (read through the fallback when asked about). */
export const PARENT_MAX_BYTES = 16_384;
/** Workspaces remembered as rate limited on conversations.replies (a bounded map). */
const COOLDOWNS_MAX = 10_000;

const key = (tenant: string, channel: string, ts: string) => `parent:${tenant}:${channel}:${ts}`;

/** Keeps a top-level message's text (files' text included) for `@msdk` in its thread (best effort). */
export async function rememberParent(
  deps: SlackDeps,
  where: { tenant: string; channel: string },
  ts: string,
  text: string,
): Promise<void> {
  if (!text.trim() || Buffer.byteLength(text, 'utf8') > PARENT_MAX_BYTES) return;
  // Not waited for: the write leaves with the message's next store step, in the same round trip.
  void deps.store
    .set(key(where.tenant, where.channel, ts), text, TTL.threadParent)
    .catch((err: unknown) => deps.logger.warn({ err }, 'could not keep a thread parent'));
}

/** The kept text of the message `ts`, if the bot saw it lately. */
export async function keptParent(
  deps: SlackDeps,
  where: { tenant: string; channel: string },
  ts: string,
): Promise<string | undefined> {
  return (await deps.store.get(key(where.tenant, where.channel, ts))) || undefined;
}

/** Per bot: until when (epoch ms) each workspace's conversations.replies is known to be rate limited. */
const cooldownsOf = new WeakMap<SlackDeps, Map<string, number>>();

export type ParentRead = { source: MessageSource } | { failed: 'rate_limited' | 'error' };

/**
 * The thread's first message through conversations.replies, on a one-off client with the same
 * token: no retries, and a 429 rejected at once (the shared client would hold every other call of
 * the workspace until Retry-After). After a 429, the workspace is not asked again until it passes.
 */
export async function readParent(
  deps: SlackDeps,
  client: webApi.WebClient,
  where: { tenant: string; channel: string },
  threadTs: string,
): Promise<ParentRead> {
  const now = Date.now();
  let cooldowns = cooldownsOf.get(deps);
  if (!cooldowns) cooldownsOf.set(deps, (cooldowns = new Map()));
  if ((cooldowns.get(where.tenant) ?? 0) > now) return { failed: 'rate_limited' };
  const oneOff = new webApi.WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: deps.limits.outboundTimeoutMs,
    logger: boltLogger(deps.logger),
  });
  try {
    const res = await deps.callApi('conversations.replies', () =>
      oneOff.conversations.replies({ channel: where.channel, ts: threadTs, limit: 1, inclusive: true }),
    );
    const first = res.messages?.[0];
    return first?.ts === threadTs ? { source: first as MessageSource } : { failed: 'error' };
  } catch (err) {
    if (err instanceof webApi.WebAPIRateLimitedError) {
      if (cooldowns.size >= COOLDOWNS_MAX) {
        for (const [k, until] of cooldowns) if (until <= now) cooldowns.delete(k);
        if (cooldowns.size >= COOLDOWNS_MAX) cooldowns.clear();
      }
      cooldowns.set(where.tenant, now + Math.max(1, err.retryAfter) * 1000);
      deps.logger.info({ channel: where.channel, retryAfter: err.retryAfter }, 'conversations.replies rate limited');
      return { failed: 'rate_limited' };
    }
    deps.logger.warn({ err, channel: where.channel }, 'could not read the thread to explain');
    return { failed: 'error' };
  }
}
