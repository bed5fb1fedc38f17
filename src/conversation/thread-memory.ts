/**
 * What a thread was told: one key per (thread, table, code), claimed atomically, so two messages
 * arriving together cannot both explain the same code, on any replica (the Store is shared).
 */
import type { Finding } from '../core/index.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

/** `thread` is `<tenant>:<channel>:<thread ts>`: two workspaces may both have a channel C1 with a thread at the same ts. */
const threadKey = (thread: string, f: Finding): string => `thread:${thread}:${f.table}:${f.code}`;

/** Marks findings as explained in the thread; returns those not explained there before. */
export async function claimNewInThread(store: Store, thread: string, findings: readonly Finding[]): Promise<Finding[]> {
  // Each key is claimed atomically on its own, so the claims go out together, in one round trip.
  const claimed = await store.batch(
    findings.map((f) => ({ op: 'claim' as const, key: threadKey(thread, f), ttl: TTL.thread })),
  );
  return findings.filter((_, i) => claimed[i]);
}
