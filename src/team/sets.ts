/**
 * A set of short strings on the plain `Store` (claim/get/set/incr), safe across replicas without a
 * read-modify-write: a member is admitted by `claim`, numbered by `incr`, then written to its slot.
 * Bounded: past `cap` members, new ones are not kept.
 */
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

export interface SetOptions {
  cap: number;
  /** Seconds every key of the set lives; 0 keeps it. */
  ttl: number;
}

export async function addMember(store: Store, key: string, member: string, o: SetOptions): Promise<void> {
  if (!(await store.claim(`${key}:has:${member}`, o.ttl))) return;
  const n = await store.incr(`${key}:n`, o.ttl);
  if (n <= o.cap) await store.set(`${key}:${n}`, member, o.ttl || undefined);
}

/** Deletes the set: its members, their admission claims and its counter. Returns how many members it had. */
export async function forgetSet(store: Store, key: string, cap: number): Promise<number> {
  const n = Math.min(Number((await store.get(`${key}:n`)) ?? 0) || 0, cap);
  const slots = Array.from({ length: n }, (_, i) => `${key}:${i + 1}`);
  const values = await Promise.all(slots.map((k) => store.get(k)));
  const gone = (k: string) => store.set(k, '', TTL.gone);
  await Promise.all([
    ...slots.map(gone),
    ...values.filter((v): v is string => v !== undefined).map((m) => gone(`${key}:has:${m}`)),
  ]);
  await gone(`${key}:n`);
  return n;
}

/** The members in the order they were first added (a slot still being written is skipped). */
export async function members(store: Store, key: string, cap: number): Promise<string[]> {
  const n = Math.min(Number((await store.get(`${key}:n`)) ?? 0) || 0, cap);
  const values = await Promise.all(Array.from({ length: n }, (_, i) => store.get(`${key}:${i + 1}`)));
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
