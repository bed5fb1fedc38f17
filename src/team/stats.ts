/**
 * What a workspace hit, per local day: how often each (table, code) was explained and in which
 * channels. Counters and ids only, never message text; each day's keys expire after 40 days.
 * A day is one rollup hash (the store's `tally`), written in the same round trip as the first-seen
 * marks and read with one command; days written before the rollup are still read the old way.
 */
import type { Action, TableId } from '../core/index.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import { forgetSet, members } from './sets.js';

/** Distinct codes kept per workspace and day; the catalog has 229 rows, so this is a bound, not a limit. */
const CODES_PER_DAY = 300;
const CHANNELS_PER_CODE = 5;
const DAY_MS = 86_400_000;

export interface Explained {
  code: number;
  table: TableId;
  action: Action;
}

export interface CodeStat extends Explained {
  count: number;
  /** Up to five places it was explained in that period. */
  channels: string[];
}

/** Local calendar day of `ms` (the server's time zone, like DIGEST_HOUR): `2026-11-30`. */
export function dayId(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The `days` local days ending with the day of `endMs` (inclusive), oldest first. */
export function daysEnding(endMs: number, days: number): string[] {
  // Noon steps stay on the right calendar day across daylight-saving changes.
  const noon = new Date(endMs);
  noon.setHours(12, 0, 0, 0);
  return Array.from({ length: days }, (_, i) => dayId(noon.getTime() - (days - 1 - i) * DAY_MS));
}

const dayKey = (ws: string, day: string) => `stats:${ws}:${day}`;
const rollupKey = (ws: string, day: string) => `stats:${ws}:${day}:rollup`;
const id = (e: { table: string; code: number }) => `${e.table}|${e.code}`;

/** First-seen keys this process has written (or found written): a code's first day is set once. */
const firstsWritten = new WeakMap<Store, Set<string>>();

/** Counts one explanation of each finding in `place` (a channel id) of workspace `ws`. */
export async function recordExplained(
  store: Store,
  ws: string,
  place: string,
  findings: readonly Explained[],
  now: number,
): Promise<void> {
  const day = dayId(now);
  let written = firstsWritten.get(store);
  if (!written || written.size > 100_000) firstsWritten.set(store, (written = new Set()));
  const firsts = findings.map((f) => `first:${ws}:${id(f)}`).filter((key) => !written.has(key));
  await store.batch([
    {
      op: 'tally',
      key: rollupKey(ws, day),
      ttl: TTL.dayStats,
      ids: findings.map((f) => `${id(f)}|${f.action}`),
      place,
      maxIds: CODES_PER_DAY,
      maxPlaces: CHANNELS_PER_CODE,
    },
    // The first day a code was explained: written once, kept (and not written again from this process).
    ...firsts.map((key) => ({ op: 'claim' as const, key, ttl: TTL.firstSeen, value: day })),
  ]);
  for (const key of firsts) written.add(key);
  homeStatsCache.get(store)?.delete(ws);
}

function parseMember(m: string): Explained | undefined {
  const [table, code, action] = m.split('|');
  const n = Number(code);
  return table && action && Number.isInteger(n)
    ? { table: table as TableId, code: n, action: action as Action }
    : undefined;
}

/** The stats of a rollup hash (n|table|code|action counts, c|table|code places). */
function addRollup(byId: Map<string, CodeStat>, fields: Record<string, string>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith('n|')) continue;
    const e = parseMember(field.slice(2));
    if (!e) continue;
    const stat = byId.get(id(e)) ?? { ...e, count: 0, channels: [] };
    stat.count += Number(value) || 0;
    for (const c of (fields[`c|${id(e)}`] ?? '').split(' ').filter(Boolean)) {
      if (!stat.channels.includes(c) && stat.channels.length < CHANNELS_PER_CODE) stat.channels.push(c);
    }
    byId.set(id(e), stat);
  }
}

/**
 * Every code explained on `days` in workspace `ws`, most frequent first (ties: lower code first).
 * One round trip for the rollups (and whether a day has counts of the old kind); more only for those.
 */
export async function codeStats(store: Store, ws: string, days: readonly string[]): Promise<CodeStat[]> {
  const byId = new Map<string, CodeStat>();
  const read = await store.batch([
    ...days.map((day) => ({ op: 'hgetall' as const, key: rollupKey(ws, day) })),
    ...days.map((day) => ({ op: 'get' as const, key: `${dayKey(ws, day)}:codes:n` })),
  ]);
  const rollups = read.slice(0, days.length) as Array<Record<string, string>>;
  for (const fields of rollups) addRollup(byId, fields);
  const legacyDays = days.filter((_, i) => read[days.length + i] !== undefined);
  await addLegacyDays(store, ws, legacyDays, byId);
  return [...byId.values()].sort((a, b) => b.count - a.count || a.code - b.code);
}

const HOME_CACHE_MS = 60_000;
const homeStatsCache = new WeakMap<Store, Map<string, { at: number; stats: CodeStat[] }>>();

/**
 * The App Home's view of the last 7 days, kept a minute per workspace (opening the Home tab again
 * and again costs nothing); a count made in this process refreshes it at once.
 */
export async function weekStats(store: Store, ws: string, now: number): Promise<CodeStat[]> {
  let cache = homeStatsCache.get(store);
  if (!cache) homeStatsCache.set(store, (cache = new Map()));
  const hit = cache.get(ws);
  if (hit && now - hit.at < HOME_CACHE_MS && now >= hit.at) return hit.stats;
  const stats = await codeStats(store, ws, daysEnding(now, 7));
  if (cache.size > 10_000) cache.clear();
  cache.set(ws, { at: now, stats });
  return stats;
}

/** Days counted before the rollup: a set of codes, then a counter and a set of channels per code. */
async function addLegacyDays(store: Store, ws: string, days: readonly string[], byId: Map<string, CodeStat>) {
  for (const day of days) {
    const base = dayKey(ws, day);
    // One entry per (table, code) and day: the action recorded first (err_type can vary it).
    const found = new Map<string, Explained>();
    for (const e of (await members(store, `${base}:codes`, CODES_PER_DAY)).map(parseMember)) {
      if (e && !found.has(id(e))) found.set(id(e), e);
    }
    await Promise.all(
      [...found.values()].map(async (e) => {
        const [count, channels] = await Promise.all([
          store.get(`${base}:n:${id(e)}`),
          members(store, `${base}:ch:${id(e)}`, CHANNELS_PER_CODE),
        ]);
        const stat = byId.get(id(e)) ?? { ...e, count: 0, channels: [] };
        stat.count += Number(count) || 0;
        for (const c of channels)
          if (!stat.channels.includes(c) && stat.channels.length < CHANNELS_PER_CODE) stat.channels.push(c);
        byId.set(id(e), stat);
      }),
    );
  }
}

/**
 * Forgets what workspace `ws` hit (an uninstall): every day's counts and channels that may still
 * be kept (TTL.dayStats), and when each of its codes was first seen. Returns the codes forgotten.
 */
export async function forgetStats(store: Store, ws: string, now: number): Promise<number> {
  const ids = new Set<string>();
  const days = daysEnding(now, Math.ceil(TTL.dayStats / 86_400) + 1);
  // The rollups: their codes, then each day's hash replaced by an entry that expires at once.
  const rollups = await store.batch(days.map((day) => ({ op: 'hgetall' as const, key: rollupKey(ws, day) })));
  for (const fields of rollups) {
    for (const field of Object.keys(fields)) {
      const e = field.startsWith('n|') ? parseMember(field.slice(2)) : undefined;
      if (e) ids.add(id(e));
    }
  }
  await store.batch(days.map((day) => ({ op: 'set' as const, key: rollupKey(ws, day), value: '', ttl: TTL.gone })));
  homeStatsCache.get(store)?.delete(ws);
  const written = firstsWritten.get(store);
  for (const key of written ?? []) if (key.startsWith(`first:${ws}:`)) written?.delete(key);
  for (const day of days) {
    const base = dayKey(ws, day);
    const dayIds = (await members(store, `${base}:codes`, CODES_PER_DAY))
      .map(parseMember)
      .filter((e): e is Explained => e !== undefined)
      .map(id);
    await Promise.all(
      [...new Set(dayIds)].map(async (i) => {
        ids.add(i);
        await store.set(`${base}:n:${i}`, '', TTL.gone);
        await forgetSet(store, `${base}:ch:${i}`, CHANNELS_PER_CODE);
      }),
    );
    await forgetSet(store, `${base}:codes`, CODES_PER_DAY);
  }
  await Promise.all(
    [...ids].flatMap((i) => [store.set(`seen:${ws}:${i}`, '', TTL.gone), store.set(`first:${ws}:${i}`, '', TTL.gone)]),
  );
  return ids.size;
}

/** The day a code was first explained in the workspace (within the last 400 days), if ever. */
export function firstSeen(store: Store, ws: string, e: { table: string; code: number }): Promise<string | undefined> {
  return store.get(`first:${ws}:${id(e)}`);
}
