/**
 * Digests: a place subscribes (daily or weekly), and at DIGEST_HOUR in its subscriber's time zone
 * (the server's when unknown) it gets a summary of its workspace's codes: top codes with the trend against the previous period, codes never
 * seen before, and what is muted there. Exactly one replica posts each digest: the post is
 * claimed in the store under `digest:<place>:<period>` first, which also makes a restart post a
 * missed slot once and never twice.
 */
import type { Lang } from '../core/index.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import { addDigestPlace, digestPlaces, removeDigestPlace, removeDigestWorkspace } from './digest-index.js';
import { listMutes, type Mute } from './mute.js';
import { members } from './sets.js';
import { type CodeStat, codeStats, dayId, daysEnding, firstSeen } from './stats.js';
import { latestZonedSlot } from './zone.js';

export const CADENCES = ['daily', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface Subscription {
  cadence: Cadence | 'off';
  /** Where to post: a Slack channel id, or the WeCom digest webhook's place. */
  place: string;
  /** Whose codes: a Slack team id, or `wecom`. */
  workspace: string;
  lang: Lang;
  /** Epoch ms; slots before it are not posted (subscribing at 11:00 does not post the 10:00 digest). */
  since: number;
  /** IANA time zone the hour is in (the subscriber's); the server's when absent (older subscriptions). */
  tz?: string;
}

export interface DigestEntry extends CodeStat {
  /** Count in the previous period of the same length. */
  previous: number;
}

/** `9× ▲ +5 (4)`, `2× ▼ −3 (5)`, `4× = (4)`: this period against the previous one, in parentheses. */
export function trendLabel(e: DigestEntry): string {
  const d = e.count - e.previous;
  return `${e.count}× ${d > 0 ? `▲ +${d}` : d < 0 ? `▼ −${-d}` : '='} (${e.previous})`;
}

export interface Digest {
  cadence: Cadence;
  /** First and last local day covered. */
  from: string;
  to: string;
  lang: Lang;
  top: DigestEntry[];
  /** Codes first explained in this workspace during the period. */
  fresh: CodeStat[];
  /** The first mutes of the place, soonest to end first, and how many more there are. */
  muted: Mute[];
  mutedMore: number;
  /** Explanations in the period, all codes. */
  total: number;
  previousTotal: number;
}

const DIGEST_TOP = 10;
/** Mutes a digest lists by name; the rest are counted. */
const DIGEST_MUTES = 10;
/** The single list of every subscribed place before subscriptions were kept per workspace. */
const LEGACY_SUBSCRIBERS = 'digest:subs';
const LEGACY_CAP = 2000;
const subKey = (place: string) => `digest:sub:${place}`;

/** Subscribes `sub.place`; false when its workspace already has its full share of digests. */
export async function subscribe(store: Store, sub: Subscription & { cadence: Cadence }): Promise<boolean> {
  if (!(await addDigestPlace(store, sub.workspace, sub.place))) return false;
  await store.set(subKey(sub.place), JSON.stringify(sub));
  return true;
}

/** `digest off`: the place is forgotten, and takes no room in its workspace's share any more. */
export async function unsubscribe(store: Store, workspace: string, place: string): Promise<void> {
  await store.set(subKey(place), '', TTL.gone);
  await removeDigestPlace(store, workspace, place);
}

/**
 * Every digest of `workspace` forgotten (an uninstall): its places stop getting digests and leave the
 * index. Returns how many there were.
 */
export async function purgeWorkspaceDigests(store: Store, workspace: string): Promise<number> {
  const places = await removeDigestWorkspace(store, workspace);
  await Promise.all(places.map((place) => store.set(subKey(place), '', TTL.gone)));
  return places.length;
}

/**
 * Moves subscriptions from the single list older versions kept into the per-workspace lists (once:
 * the old list is emptied after). Subscriptions that were turned off are dropped.
 */
async function migrateLegacySubscriptions(store: Store): Promise<void> {
  const places = await members(store, LEGACY_SUBSCRIBERS, LEGACY_CAP);
  if (places.length === 0) return;
  for (const place of places) {
    const sub = await subscription(store, place);
    if (sub && sub.cadence !== 'off') await addDigestPlace(store, sub.workspace, place);
  }
  await store.set(`${LEGACY_SUBSCRIBERS}:n`, '0');
}

export async function subscription(store: Store, place: string): Promise<Subscription | undefined> {
  const raw = await store.get(subKey(place));
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Subscription;
    return typeof v.place === 'string' && typeof v.since === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The latest slot at or before `now`: today (or yesterday) at `hour`, or the latest Monday at `hour`,
 * on the wall clock of `zone` (the server's when undefined).
 */
export function latestSlot(now: number, cadence: Cadence, hour: number, zone?: string): Date {
  if (zone) return new Date(latestZonedSlot(now, cadence === 'weekly', hour, zone));
  const slot = new Date(now);
  slot.setHours(hour, 0, 0, 0);
  if (slot.getTime() > now) slot.setDate(slot.getDate() - 1);
  if (cadence === 'weekly') slot.setDate(slot.getDate() - ((slot.getDay() + 6) % 7));
  return slot;
}

/** The days a digest posted at `slot` covers (the full days before it), and the period before those. */
export function periodDays(slot: Date, cadence: Cadence): { current: string[]; previous: string[] } {
  const length = cadence === 'daily' ? 1 : 7;
  const days = daysEnding(slot.getTime() - 86_400_000, length * 2);
  return { previous: days.slice(0, length), current: days.slice(length) };
}

export async function composeDigest(
  store: Store,
  sub: Subscription & { cadence: Cadence },
  slot: Date,
  at = slot.getTime(),
): Promise<Digest> {
  const { current, previous } = periodDays(slot, sub.cadence);
  const [now, before, muted] = await Promise.all([
    codeStats(store, sub.workspace, current),
    codeStats(store, sub.workspace, previous),
    listMutes(store, sub.place, DIGEST_MUTES, at),
  ]);
  const prev = new Map(before.map((s) => [`${s.table}|${s.code}`, s.count]));
  const first = await Promise.all(now.map((s) => firstSeen(store, sub.workspace, s)));
  const sum = (xs: CodeStat[]) => xs.reduce((n, s) => n + s.count, 0);
  return {
    cadence: sub.cadence,
    from: current[0]!,
    to: current[current.length - 1]!,
    lang: sub.lang,
    top: now.slice(0, DIGEST_TOP).map((s) => ({ ...s, previous: prev.get(`${s.table}|${s.code}`) ?? 0 })),
    fresh: now.filter((_, i) => first[i] !== undefined && current.includes(first[i]!)).slice(0, DIGEST_TOP),
    muted: muted.mutes,
    mutedMore: muted.more,
    total: sum(now),
    previousTotal: sum(before),
  };
}

export interface DigestRunner {
  store: Store;
  now: () => number;
  hour: number;
  post: (sub: Subscription, digest: Digest) => Promise<void>;
}

/**
 * Posts `sub`'s digest for the latest slot if it is due and this replica wins its claim. True
 * when posted. Cheap when nothing is due: one claim per subscription and period.
 */
export async function postDueDigest(r: DigestRunner, sub: Subscription): Promise<boolean> {
  if (sub.cadence === 'off') return false;
  const slot = latestSlot(r.now(), sub.cadence, r.hour, sub.tz);
  if (slot.getTime() < sub.since) return false;
  if (!(await r.store.claim(`digest:${sub.place}:${sub.cadence}:${dayId(slot.getTime())}`, TTL.digestLock)))
    return false;
  await r.post(sub, await composeDigest(r.store, { ...sub, cadence: sub.cadence }, slot, r.now()));
  return true;
}

/** Every due digest of the subscribed places this runner `owns` (`slack:` or `wecom:`). */
export async function runDueDigests(r: DigestRunner & { owns: (place: string) => boolean }): Promise<number> {
  let posted = 0;
  await migrateLegacySubscriptions(r.store);
  for (const { place } of await digestPlaces(r.store)) {
    if (!r.owns(place)) continue;
    const sub = await subscription(r.store, place);
    if (sub && (await postDueDigest(r, sub))) posted++;
  }
  return posted;
}

/**
 * Runs `run` now (a slot missed while no replica was up is posted at start) and then every
 * `everyMs`, never two at once; failures are reported, not thrown. `stop` waits for a run in progress.
 */
export function scheduleDigests(
  run: () => Promise<unknown>,
  onError: (err: unknown) => void,
  everyMs = 60_000,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= run()
      .then(() => undefined, onError)
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
