/**
 * Digests in a multi-tenant app (issue #25): subscriptions are kept per workspace, each with its own
 * cap, and leave the index on `digest off` and on an uninstall; the hour is the subscriber's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import {
  DIGESTS_PER_WORKSPACE,
  digestPlaces,
  latestSlot,
  purgeWorkspaceDigests,
  subscribe,
  subscription,
  unsubscribe,
} from '../../src/team/index.js';
import { addMember } from '../../src/team/sets.js';
import { noRedis, RedisServer } from '../helpers/redis.js';

const sub = (workspace: string, channel: string) => ({
  cadence: 'daily' as const,
  place: `slack:${workspace}:${channel}`,
  workspace,
  lang: 'en' as const,
  since: 0,
});

describe('digest subscriptions per workspace', () => {
  it('caps each workspace on its own, and `off` and an uninstall give the room back', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < DIGESTS_PER_WORKSPACE; i++) expect(await subscribe(store, sub('TBUSY', `C${i}`))).toBe(true);
    // The busy workspace is full; another one is not affected (one shared cap of 2,000 used to be).
    expect(await subscribe(store, sub('TBUSY', 'CMORE'))).toBe(false);
    expect(await subscription(store, 'slack:TBUSY:CMORE')).toBeUndefined();
    expect(await subscribe(store, sub('TQUIET', 'C1'))).toBe(true);

    await unsubscribe(store, 'TBUSY', 'slack:TBUSY:C0');
    expect(await subscription(store, 'slack:TBUSY:C0')).toBeUndefined();
    expect(await subscribe(store, sub('TBUSY', 'CMORE'))).toBe(true);

    expect(await purgeWorkspaceDigests(store, 'TBUSY')).toBe(DIGESTS_PER_WORKSPACE);
    expect(await subscription(store, 'slack:TBUSY:C5')).toBeUndefined();
    expect(await digestPlaces(store)).toEqual([{ workspace: 'TQUIET', place: 'slack:TQUIET:C1' }]);
    await unsubscribe(store, 'TQUIET', 'slack:TQUIET:C1');
    expect(await digestPlaces(store)).toEqual([]);
  });

  it('subscribing the same place twice takes one place', async () => {
    const store = new MemoryStore();
    await subscribe(store, sub('T1', 'C1'));
    await subscribe(store, { ...sub('T1', 'C1'), cadence: 'weekly' });
    expect(await digestPlaces(store)).toEqual([{ workspace: 'T1', place: 'slack:T1:C1' }]);
    expect((await subscription(store, 'slack:T1:C1'))?.cadence).toBe('weekly');
  });

  it('two workspaces subscribing at once on two replicas both stay listed', async () => {
    const store = new MemoryStore();
    await Promise.all(['TA', 'TB', 'TC', 'TD'].map((w) => subscribe(store, sub(w, 'C1'))));
    expect((await digestPlaces(store)).map((p) => p.workspace).sort()).toEqual(['TA', 'TB', 'TC', 'TD']);
  });

  it('keeps subscriptions made before the per-workspace lists (moved on the next run)', async () => {
    const { runDueDigests } = await import('../../src/team/index.js');
    const store = new MemoryStore();
    const old = { ...sub('TOLD', 'C1'), since: Date.now() + 86_400_000 }; // nothing due: only the move
    await store.set(`digest:sub:${old.place}`, JSON.stringify(old));
    await addMember(store, 'digest:subs', old.place, { cap: 2000, ttl: 0 });
    const run = { store, now: Date.now, hour: 10, owns: () => true, post: async () => undefined };
    await runDueDigests(run);
    expect(await digestPlaces(store)).toEqual([{ workspace: 'TOLD', place: old.place }]);
    expect(await store.get('digest:subs:n')).toBe('0');
  });
});

describe('the digest hour in the subscriber time zone', () => {
  const utc = (month: number, day: number, hour: number, minute = 0) => Date.UTC(2026, month - 1, day, hour, minute);

  it('is 10:00 in Seoul (01:00 UTC), whatever the server zone', () => {
    expect(latestSlot(utc(11, 28, 0, 55), 'daily', 10, 'Asia/Seoul').getTime()).toBe(utc(11, 27, 1));
    expect(latestSlot(utc(11, 28, 1, 5), 'daily', 10, 'Asia/Seoul').getTime()).toBe(utc(11, 28, 1));
    // 2026-11-30 is a Monday: the weekly slot is 10:00 Monday in Seoul, Monday 01:00 UTC.
    expect(latestSlot(utc(12, 3, 12), 'weekly', 10, 'Asia/Seoul').getTime()).toBe(utc(11, 30, 1));
    // Sunday 23:00 UTC is already Monday 08:00 in Seoul: before the hour, so the week before.
    expect(latestSlot(utc(11, 29, 23), 'weekly', 10, 'Asia/Seoul').getTime()).toBe(utc(11, 23, 1));
  });

  it('follows daylight saving time (New York: UTC−4 until 1 November 2026, then UTC−5)', () => {
    expect(latestSlot(utc(10, 31, 15), 'daily', 10, 'America/New_York').getTime()).toBe(utc(10, 31, 14));
    expect(latestSlot(utc(11, 2, 16), 'daily', 10, 'America/New_York').getTime()).toBe(utc(11, 2, 15));
    expect(latestSlot(utc(11, 2, 14, 59), 'daily', 10, 'America/New_York').getTime()).toBe(utc(11, 1, 15));
  });
});

describe.skipIf(noRedis)('digest subscriptions on one real Redis', () => {
  let redis: RedisServer;
  const open: RedisStore[] = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await redis?.stop();
  });

  it('two replicas subscribing and unsubscribing at once lose nothing', async () => {
    const replica = async () => {
      const s = new RedisStore(redis.url, { prefix: 'digestidx:' });
      await s.waitReady();
      open.push(s);
      return s;
    };
    const [a, b] = await Promise.all([replica(), replica()]);
    const workspaces = Array.from({ length: 8 }, (_, i) => `TW${i}`);
    await Promise.all(workspaces.flatMap((w) => [subscribe(a, sub(w, 'C1')), subscribe(b, sub(w, 'C2'))]));
    const listed = await digestPlaces(a);
    expect(listed).toHaveLength(16);
    await Promise.all(
      workspaces.map((w, i) => (i % 2 ? unsubscribe(a, w, `slack:${w}:C1`) : purgeWorkspaceDigests(b, w))),
    );
    expect((await digestPlaces(b)).map((p) => p.place).sort()).toEqual(
      workspaces
        .filter((_, i) => i % 2)
        .map((w) => `slack:${w}:C2`)
        .sort(),
    );
  });
});
