/**
 * Exactly one reply per message, across Slack retries, the message + app_mention double delivery and
 * replicas (the Store is shared): every key is claimed atomically, first caller wins.
 */
import type { Finding } from '../core/index.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

export async function claimDelivery(
  store: Store,
  ids: { eventId?: string | undefined; tenant: string; channel: string; ts: string },
): Promise<boolean> {
  const msg = { op: 'claim', key: `msg:${ids.tenant}:${ids.channel}:${ids.ts}`, ttl: TTL.slackDelivery } as const;
  if (!ids.eventId) return store.claim(msg.key, msg.ttl);
  // Both in one round trip: a retry of the event fails the first, the other delivery of the message the second.
  const [event, message] = await store.batch([
    { op: 'claim', key: `event:${ids.eventId}`, ttl: TTL.slackDelivery },
    msg,
  ]);
  return event && message;
}

/** `tenant` (src/slack/team.ts tenantOf): two workspaces may both have a channel C1 with a thread at the same ts. */
const threadKey = (tenant: string, channel: string, threadTs: string, f: Finding): string =>
  `thread:${tenant}:${channel}:${threadTs}:${f.table}:${f.code}`;

/**
 * Marks findings as explained in the thread; returns those not explained there before.
 * One key per (table, code) so two concurrent messages cannot both explain the same code.
 */
export async function claimNewInThread(
  store: Store,
  tenant: string,
  channel: string,
  threadTs: string,
  findings: Finding[],
): Promise<Finding[]> {
  // Each key is claimed atomically on its own, so the claims can go out together.
  const claimed = await store.batch(
    findings.map((f) => ({ op: 'claim' as const, key: threadKey(tenant, channel, threadTs, f), ttl: TTL.thread })),
  );
  return findings.filter((_, i) => claimed[i]);
}
