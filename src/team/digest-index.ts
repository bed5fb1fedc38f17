/**
 * Which places have a digest, per workspace: one list of places per workspace and one list of the
 * workspaces with any. Each workspace has its own cap, so one busy workspace cannot use up everyone's
 * room; `digest off` and an uninstall take their entries out (the old single list kept them forever).
 *
 * Lists are JSON values written read-modify-write under a short lock (a `claim`), so two replicas
 * changing one list at once do not lose either change.
 */
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

/** Digests one workspace can have (channels; a workspace rarely needs more than a few). */
export const DIGESTS_PER_WORKSPACE = 100;
/** Workspaces with digests on one deployment. */
export const DIGEST_WORKSPACES = 20_000;

const WORKSPACES = 'digest:workspaces';
const placesKey = (workspace: string) => `digest:places:${workspace}`;

function parseList(raw: string | undefined): string[] {
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

async function write(store: Store, key: string, list: string[]): Promise<void> {
  if (list.length === 0) await store.set(key, '', TTL.gone);
  else await store.set(key, JSON.stringify(list)); // kept until taken out
}

/** Seconds a list's lock lasts at most (a replica that died holding it blocks no one for longer). */
const LOCK_SECONDS = 5;
/** How long to wait for a busy lock before changing the list anyway. */
const LOCK_WAIT_MS = 2_000;

/**
 * Applies `change` to the list at `key` under its lock. False when `change` refuses (returns
 * undefined: the list is full); `took` skips the write when the list already has the change.
 */
async function update(
  store: Store,
  key: string,
  change: (list: string[]) => string[] | undefined,
  took: (list: string[]) => boolean,
): Promise<boolean> {
  // The lock is the claim of the list's current epoch; releasing moves the epoch on (no delete
  // needed), and a holder that died frees it when its claim expires.
  const epochKey = `${key}:epoch`;
  const tryLock = async () => store.claim(`${key}:lock:${(await store.get(epochKey)) ?? 0}`, LOCK_SECONDS);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let locked = await tryLock();
  while (!locked && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    locked = await tryLock();
  }
  try {
    const list = parseList(await store.get(key));
    if (took(list)) return true;
    const next = change(list);
    if (!next) return false;
    await write(store, key, next);
    return true;
  } finally {
    if (locked) await store.incr(epochKey, TTL.forever);
  }
}

const add = (member: string, cap: number) => (list: string[]) =>
  list.includes(member) ? list : list.length >= cap ? undefined : [...list, member];

/** Lists `place` under `workspace`; false when the workspace (or the deployment) is full. */
export async function addDigestPlace(store: Store, workspace: string, place: string): Promise<boolean> {
  const listed = await update(store, placesKey(workspace), add(place, DIGESTS_PER_WORKSPACE), (l) => l.includes(place));
  if (!listed) return false;
  return update(store, WORKSPACES, add(workspace, DIGEST_WORKSPACES), (l) => l.includes(workspace));
}

/** True when `place` could be added under `workspace` now (already listed, or room left). */
export async function hasDigestRoom(store: Store, workspace: string, place: string): Promise<boolean> {
  const list = parseList(await store.get(placesKey(workspace)));
  return list.includes(place) || list.length < DIGESTS_PER_WORKSPACE;
}

/** Takes `place` off `workspace`'s list, and the workspace off the list of workspaces when it was its last. */
export async function removeDigestPlace(store: Store, workspace: string, place: string): Promise<void> {
  await update(
    store,
    placesKey(workspace),
    (l) => l.filter((p) => p !== place),
    (l) => !l.includes(place),
  );
  if (parseList(await store.get(placesKey(workspace))).length === 0) await forgetWorkspace(store, workspace);
}

/** Every place of `workspace`, and the workspace's list itself, removed; returns the places it had. */
export async function removeDigestWorkspace(store: Store, workspace: string): Promise<string[]> {
  const places = parseList(await store.get(placesKey(workspace)));
  await write(store, placesKey(workspace), []);
  await forgetWorkspace(store, workspace);
  return places;
}

function forgetWorkspace(store: Store, workspace: string): Promise<boolean> {
  return update(
    store,
    WORKSPACES,
    (l) => l.filter((w) => w !== workspace),
    (l) => !l.includes(workspace),
  );
}

/** Every listed place, workspace by workspace. */
export async function digestPlaces(store: Store): Promise<Array<{ workspace: string; place: string }>> {
  const workspaces = parseList(await store.get(WORKSPACES));
  const lists = await Promise.all(workspaces.map((w) => store.get(placesKey(w)).then(parseList)));
  return workspaces.flatMap((workspace, i) => lists[i]!.map((place) => ({ workspace, place })));
}
