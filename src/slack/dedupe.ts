/**
 * Exactly one reply per message, across Slack retries, the message + app_mention double delivery and
 * replicas (the Store is shared): every key is claimed atomically, first caller wins. What a thread
 * was already told is the conversation's (src/conversation/thread-memory.ts).
 */
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
