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
  if (ids.eventId && !(await store.claim(`event:${ids.eventId}`, TTL.slackDelivery))) return false;
  return store.claim(`msg:${ids.tenant}:${ids.channel}:${ids.ts}`, TTL.slackDelivery);
}
