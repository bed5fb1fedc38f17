/**
 * What an uninstall takes with it (Slack's review asks apps to delete a workspace's data when it
 * removes them): the mutes of its channels, which no key names by workspace, are recorded here as
 * they are made, under their owner (the Slack tenant, `wecom` for WeCom groups).
 */
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';
import { unmuteCode } from './mute.js';
import { addMember, forgetSet, members } from './sets.js';

/** Mutes an owner can have on record; past it an uninstall leaves the newest to expire by themselves. */
const MUTES_CAP = 5_000;

const mutesKey = (owner: string) => `purge:mutes:${owner}`;

/** Records a mute of `code` in `place` for its owner's uninstall. */
export async function rememberMute(store: Store, owner: string, place: string, code: number): Promise<void> {
  await addMember(store, mutesKey(owner), `${code}|${place}`, { cap: MUTES_CAP, ttl: TTL.uninstallIndex });
}

/** Lifts every mute recorded for `owner` and forgets the record. Returns how many it lifted. */
export async function purgeMutes(store: Store, owner: string): Promise<number> {
  const entries = await members(store, mutesKey(owner), MUTES_CAP);
  let lifted = 0;
  for (const entry of entries) {
    const bar = entry.indexOf('|');
    const code = Number(entry.slice(0, bar));
    if (bar > 0 && Number.isInteger(code) && (await unmuteCode(store, entry.slice(bar + 1), code))) lifted++;
  }
  await forgetSet(store, mutesKey(owner), MUTES_CAP);
  return lifted;
}
