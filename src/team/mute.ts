/**
 * Muting a code in one place (a Slack channel, a WeCom group): passive replies about it stop there
 * until the mute expires; asking explicitly still answers, with a note. The mute itself is one key
 * with the mute's TTL, so every replica sees it expire at the same moment.
 */
import { readCache, writeCached } from '../store/cache.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

/**
 * Live mutes per place. The index lists them all (a mute past the cap is refused, so a listing is
 * never silently short); `/msdk muted` shows the first MUTES_SHOWN and says how many more there are.
 */
export const MUTE_CAP = 1000;
export const MUTES_SHOWN = 50;

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

/** An index entry: the code and when its mute ends (epoch ms), so the index prunes itself without reads. */
type IndexEntry = [code: number, until: number];

/**
 * The index's live entries at `now`. An entry written before entries carried their end (a bare code)
 * is kept until its mute key is found gone.
 */
function parseIndex(raw: string | undefined, now: number): IndexEntry[] {
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(v)) return [];
    const entries: IndexEntry[] = [];
    for (const x of v) {
      if (Number.isInteger(x)) entries.push([x as number, Number.POSITIVE_INFINITY]);
      else if (Array.isArray(x) && Number.isInteger(x[0]) && typeof x[1] === 'number' && x[1] > now) {
        entries.push([x[0] as number, x[1] as number]);
      }
    }
    return entries;
  } catch {
    return [];
  }
}

/** Writes the index to live as long as its longest mute, so a place's index never outlives its mutes. */
async function writeIndex(store: Store, place: string, entries: IndexEntry[], now: number): Promise<void> {
  const last = Math.max(0, ...entries.map(([, until]) => (Number.isFinite(until) ? until : now + TTL.mute * 1000)));
  if (entries.length === 0 || last <= now) {
    await store.set(indexKey(place), '', TTL.gone);
    return;
  }
  // A bare legacy code gets the longest default lifetime; listing checks its key anyway.
  const json = JSON.stringify(
    entries.map(([code, until]) => [code, Number.isFinite(until) ? until : now + TTL.mute * 1000]),
  );
  await store.set(indexKey(place), json, Math.ceil((last - now) / 1000));
}

/** The mute, or undefined when the place already has MUTE_CAP live mutes (the code is not muted). */
export async function muteCode(
  store: Store,
  place: string,
  code: number,
  by: string,
  seconds: number,
  now: number,
): Promise<Mute | undefined> {
  // The index only serves the listing (each shown entry is checked against its key), so a lost update
  // between two replicas muting at the same instant costs a line in `/msdk muted`, never a wrong mute.
  const entries = parseIndex(await store.get(indexKey(place)), now).filter(([c]) => c !== code);
  if (entries.length >= MUTE_CAP) return undefined;
  const mute: Mute = { code, by, until: now + seconds * 1000 };
  await writeCached(store, muteKey(place, code), JSON.stringify({ by, until: mute.until }), seconds);
  await writeIndex(store, place, [[code, mute.until], ...entries], now);
  return mute;
}

/** True when the code was muted there. */
export async function unmuteCode(store: Store, place: string, code: number, now = Date.now()): Promise<boolean> {
  const was = await mutedCode(store, place, code);
  if (was) await writeCached(store, muteKey(place, code), '', TTL.gone);
  const entries = parseIndex(await store.get(indexKey(place)), now);
  if (entries.some(([c]) => c === code))
    await writeIndex(
      store,
      place,
      entries.filter(([c]) => c !== code),
      now,
    );
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

/** The live mutes of a place, soonest to expire first: the first `limit`, and how many more there are. */
export async function listMutes(
  store: Store,
  place: string,
  limit = MUTES_SHOWN,
  now = Date.now(),
): Promise<{ mutes: Mute[]; more: number }> {
  const entries = parseIndex(await store.get(indexKey(place)), now).sort((a, b) => a[1] - b[1]);
  const mutes: Mute[] = [];
  let checked = 0;
  // Entries are checked against their keys (an unmute on a replica that lost the index race) until
  // `limit` are found live; the rest are counted from the index alone.
  for (; checked < entries.length && mutes.length < limit; checked += limit) {
    const batch = entries.slice(checked, checked + limit);
    const found = await mutedCodes(
      store,
      place,
      batch.map(([c]) => c),
    );
    mutes.push(...found.filter((m): m is Mute => m !== undefined));
  }
  const shown = mutes.sort((a, b) => a.until - b.until).slice(0, limit);
  return { mutes: shown, more: Math.max(0, mutes.length - shown.length) + Math.max(0, entries.length - checked) };
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
