/**
 * What a workspace hit, per local day: how often each (table, code) was explained and in which
 * channels. Counters and ids only, never message text; each day's keys expire after 40 days.
 */
import type { Action, TableId } from '../core/index.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import { addMember, forgetSet, members } from './sets.js';

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
const id = (e: { table: string; code: number }) => `${e.table}|${e.code}`;

/** Counts one explanation of each finding in `place` (a channel id) of workspace `ws`. */
export async function recordExplained(
  store: Store,
  ws: string,
  place: string,
  findings: readonly Explained[],
  now: number,
): Promise<void> {
  const day = dayId(now);
  const base = dayKey(ws, day);
  const opts = { cap: CODES_PER_DAY, ttl: TTL.dayStats };
  await Promise.all(
    findings.map(async (f) => {
      await addMember(store, `${base}:codes`, `${id(f)}|${f.action}`, opts);
      await store.incr(`${base}:n:${id(f)}`, TTL.dayStats);
      await addMember(store, `${base}:ch:${id(f)}`, place, { cap: CHANNELS_PER_CODE, ttl: TTL.dayStats });
      if (await store.claim(`seen:${ws}:${id(f)}`, TTL.firstSeen))
        await store.set(`first:${ws}:${id(f)}`, day, TTL.firstSeen);
    }),
  );
}

function parseMember(m: string): Explained | undefined {
  const [table, code, action] = m.split('|');
  const n = Number(code);
  return table && action && Number.isInteger(n)
    ? { table: table as TableId, code: n, action: action as Action }
    : undefined;
}

/** Every code explained on `days` in workspace `ws`, most frequent first (ties: lower code first). */
export async function codeStats(store: Store, ws: string, days: readonly string[]): Promise<CodeStat[]> {
  const byId = new Map<string, CodeStat>();
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
  return [...byId.values()].sort((a, b) => b.count - a.count || a.code - b.code);
}

/**
 * Forgets what workspace `ws` hit (an uninstall): every day's counts and channels that may still
 * be kept (TTL.dayStats), and when each of its codes was first seen. Returns the codes forgotten.
 */
export async function forgetStats(store: Store, ws: string, now: number): Promise<number> {
  const ids = new Set<string>();
  for (const day of daysEnding(now, Math.ceil(TTL.dayStats / 86_400) + 1)) {
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
