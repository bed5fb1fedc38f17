/**
 * Muting a code in one place (a Slack channel, a WeCom group): passive replies about it stop there
 * until the mute expires; asking explicitly still answers, with a note. The mute itself is one key
 * with the mute's TTL, so every replica sees it expire at the same moment.
 */
import { readCache, writeCached } from '../store/cache.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

/** Codes listed per place by `/msdk muted`; more can be muted, the listing shows the first ones. */
const INDEX_CAP = 50;

export interface Mute {
  code: number;
  /** Who muted it (a Slack user id, a WeCom userid). */
  by: string;
  /** Epoch ms. */
  until: number;
}

const muteKey = (place: string, code: number) => `mute:${place}:${code}`;
const indexKey = (place: string) => `mutes:${place}`;

function parseMute(raw: string | undefined, code: number): Mute | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Mute>;
    return typeof v.by === 'string' && typeof v.until === 'number' ? { code, by: v.by, until: v.until } : undefined;
  } catch {
    return undefined;
  }
}

function parseIndex(raw: string | undefined): number[] {
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
}

export async function muteCode(
  store: Store,
  place: string,
  code: number,
  by: string,
  seconds: number,
  now: number,
): Promise<Mute> {
  const mute: Mute = { code, by, until: now + seconds * 1000 };
  await writeCached(store, muteKey(place, code), JSON.stringify({ by, until: mute.until }), seconds);
  // The index only serves the listing (each entry is checked against its key), so a lost update
  // between two replicas muting at the same instant costs a line in `/msdk muted`, never a wrong mute.
  const codes = parseIndex(await store.get(indexKey(place)));
  if (!codes.includes(code)) {
    await store.set(indexKey(place), JSON.stringify([code, ...codes].slice(0, INDEX_CAP)));
  }
  return mute;
}

/** True when the code was muted there. */
export async function unmuteCode(store: Store, place: string, code: number): Promise<boolean> {
  const was = await mutedCode(store, place, code);
  if (was) await writeCached(store, muteKey(place, code), '', TTL.gone);
  return was !== undefined;
}

/** Read through the store's read cache: every passive message asks, and mutes rarely change. */
export async function mutedCode(store: Store, place: string, code: number): Promise<Mute | undefined> {
  return (await mutedCodes(store, place, [code]))[0];
}

async function mutedCodes(store: Store, place: string, codes: readonly number[]): Promise<Array<Mute | undefined>> {
  const raws = await readCache(store).getMany(
    codes.map((c) => muteKey(place, c)),
    (raw) => parseMute(raw, 0)?.until,
  );
  return raws.map((raw, i) => parseMute(raw, codes[i]!));
}

/** The live mutes of a place, soonest to expire first. */
export async function listMutes(store: Store, place: string): Promise<Mute[]> {
  const codes = parseIndex(await store.get(indexKey(place)));
  const mutes = await mutedCodes(store, place, codes);
  return mutes.filter((m): m is Mute => m !== undefined).sort((a, b) => a.until - b.until);
}

/** Splits items by whether their code is muted in `place`. */
export async function partitionMuted<T extends { code: number }>(
  store: Store,
  place: string,
  items: T[],
): Promise<{ open: T[]; muted: T[] }> {
  const flags = await mutedCodes(
    store,
    place,
    items.map((f) => f.code),
  );
  return { open: items.filter((_, i) => !flags[i]), muted: items.filter((_, i) => flags[i]) };
}
