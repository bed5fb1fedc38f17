/** The platform-free team modules (src/team) on MemoryStore and on a real redis-server alike. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import {
  codeStats,
  daysEnding,
  formatDuration,
  latestSlot,
  listMutes,
  listReports,
  MUTE_CAP,
  muteCode,
  mutedCode,
  parseCode,
  parseDuration,
  periodDays,
  recordExplained,
  saveReport,
  unmuteCode,
} from '../../src/team/index.js';
import { addMember, members } from '../../src/team/sets.js';
import { noRedis, RedisServer, skipWithoutRedis } from '../helpers/redis.js';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe('durations and codes', () => {
  it('reads 30m, 2h, 7d (up to 30 days) and nothing else', () => {
    expect(['30m', '2h', '7d', '45s', ' 2H ', '30d'].map(parseDuration)).toEqual([
      1800, 7200, 604_800, 45, 7200, 2_592_000,
    ]);
    expect(['', '0m', '31d', '2 hours', '-2h', '1.5h', '2w', undefined].map(parseDuration)).toEqual(
      Array(8).fill(undefined),
    );
    expect([86_400, 5400, 59, 0].map(formatDuration)).toEqual(['1d', '1h 30m', '59s', '0s']);
    expect(['-4009', '45009', '−303', '4e3', '--1', '1234567890'].map(parseCode)).toEqual([
      -4009,
      45009,
      -303,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('digest slots', () => {
  it('is today at the hour once it has passed, else yesterday; weekly on the latest Monday', () => {
    // 2026-11-30 is a Monday.
    expect(latestSlot(at(30, 9, 59), 'daily', 10).getTime()).toBe(at(29, 10));
    expect(latestSlot(at(30, 10), 'daily', 10).getTime()).toBe(at(30, 10));
    expect(latestSlot(at(30, 9), 'weekly', 10).getTime()).toBe(at(23, 10));
    expect(latestSlot(new Date(2026, 11, 3, 18).getTime(), 'weekly', 10).getTime()).toBe(at(30, 10));
  });

  it('covers the full days before the slot, against as many days before those', () => {
    expect(periodDays(new Date(at(30, 10)), 'daily')).toEqual({ previous: ['2026-11-28'], current: ['2026-11-29'] });
    const weekly = periodDays(new Date(at(30, 10)), 'weekly');
    expect(weekly.current).toEqual(daysEnding(at(29, 12), 7));
    expect(weekly.current[0]).toBe('2026-11-23');
    expect(weekly.previous).toEqual(daysEnding(at(22, 12), 7));
  });
});

describe.each([
  ['MemoryStore', false],
  ['RedisStore', true],
] as const)('team state on %s', (_name, useRedis) => {
  skipWithoutRedis(useRedis);
  let redis: RedisServer | undefined;
  const open: Store[] = [];
  let n = 0;
  /** A fresh namespace per test; two calls with the same `ns` share it (two replicas). */
  const store = async (ns: string): Promise<Store> => {
    if (!redis) return (memories[ns] ??= new MemoryStore());
    const s = new RedisStore(redis.url, { prefix: `${ns}:` });
    await s.waitReady();
    open.push(s);
    return s;
  };
  const memories: Record<string, MemoryStore> = {};
  beforeAll(async () => {
    if (useRedis && !noRedis) redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await redis?.stop();
  });

  it('a bounded set admits each member once, even added at once from two replicas, up to its cap', async () => {
    const ns = `set${++n}`;
    const [a, b] = await Promise.all([store(ns), store(ns)]);
    const words = Array.from({ length: 12 }, (_, i) => `m${i}`);
    await Promise.all(
      words.flatMap((w) => [addMember(a!, 'k', w, { cap: 10, ttl: 60 }), addMember(b!, 'k', w, { cap: 10, ttl: 60 })]),
    );
    const got = await members(a!, 'k', 10);
    expect(got).toHaveLength(10);
    expect(new Set(got).size).toBe(10);
    expect(got.every((m) => words.includes(m))).toBe(true);
  });

  it('mutes, lists (soonest first), unmutes', async () => {
    const s = await store(`mute${++n}`);
    const now = Date.now();
    await muteCode(s, 'slack:C1', -4009, 'U1', 7200, now);
    await muteCode(s, 'slack:C1', 40001, 'U2', 60, now);
    await muteCode(s, 'slack:C1', -4009, 'U3', 3600, now); // re-muted: one entry, the new owner
    expect(await listMutes(s, 'slack:C1')).toEqual({
      mutes: [
        { code: 40001, by: 'U2', until: now + 60_000 },
        { code: -4009, by: 'U3', until: now + 3_600_000 },
      ],
      more: 0,
    });
    expect(await mutedCode(s, 'slack:C2', -4009)).toBeUndefined();
    expect(await unmuteCode(s, 'slack:C1', -4009)).toBe(true);
    expect(await unmuteCode(s, 'slack:C1', -4009)).toBe(false);
    expect((await listMutes(s, 'slack:C1')).mutes.map((m) => m.code)).toEqual([40001]);
  });

  it('lists the first mutes and counts the rest; refuses past the cap', async () => {
    const s = await store(`mutecap${++n}`);
    const now = Date.now();
    for (let i = 0; i < MUTE_CAP; i++) {
      expect(await muteCode(s, 'slack:CMANY', 10_000 + i, 'U1', 60 + i, now)).toBeDefined();
    }
    const listed = await listMutes(s, 'slack:CMANY', 50, now);
    expect(listed.mutes.map((m) => m.code)).toEqual(Array.from({ length: 50 }, (_, i) => 10_000 + i));
    expect(listed.more).toBe(MUTE_CAP - 50);
    // Full: one more is refused and not muted; re-muting a listed code still works.
    expect(await muteCode(s, 'slack:CMANY', 99_999, 'U1', 60, now)).toBeUndefined();
    expect(await mutedCode(s, 'slack:CMANY', 99_999)).toBeUndefined();
    expect(await muteCode(s, 'slack:CMANY', 10_000, 'U2', 60, now)).toBeDefined();
    // Expired entries leave the index: once the first 100 have ended, there is room again.
    const later = now + 159_999;
    expect((await listMutes(s, 'slack:CMANY', 50, later)).more).toBe(MUTE_CAP - 100 - 50);
    expect(await muteCode(s, 'slack:CMANY', 99_999, 'U1', 60, later)).toBeDefined();
  });

  it('counts explanations per workspace and day, with channels, and never mixes workspaces', async () => {
    const s = await store(`stats${++n}`);
    const f = { code: -4009, table: 'gamecenter', action: 'back-off' } as const;
    await recordExplained(s, 'T1', 'C1', [f], at(27, 9));
    await recordExplained(s, 'T1', 'C2', [f, { code: -303, table: 'access', action: 'fix-request' }], at(28, 9));
    await recordExplained(s, 'T2', 'C9', [f], at(28, 9));
    // The same code with another action (err_type decides it) is still one code, counted once each time.
    await recordExplained(s, 'T1', 'C2', [{ ...f, action: 'retry' }], at(28, 10));
    expect(await codeStats(s, 'T1', daysEnding(at(28, 20), 7))).toEqual([
      { ...f, count: 3, channels: ['C1', 'C2'] },
      { code: -303, table: 'access', action: 'fix-request', count: 1, channels: ['C2'] },
    ]);
    expect(await codeStats(s, 'T1', ['2026-11-28'])).toHaveLength(2);
    expect(await codeStats(s, 'T3', daysEnding(at(28, 20), 7))).toEqual([]);
  });

  it('keeps 👎 reports in order and lists the newest ones', async () => {
    const s = await store(`reports${++n}`);
    for (let i = 1; i <= 5; i++) {
      await saveReport(s, {
        at: `t${i}`,
        platform: 'slack',
        workspace: 'T1',
        findings: [{ table: 'qq', code: -73 }],
        lang: 'en',
        comment: `c${i}`,
      });
    }
    expect((await listReports(s)).map((r) => r.comment)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect((await listReports(s, 2)).map((r) => r.comment)).toEqual(['c4', 'c5']);
    await saveReport(s, {
      at: 't6',
      platform: 'slack',
      workspace: 'T1',
      findings: [],
      lang: 'en',
      comment: 'x'.repeat(5000),
    });
    expect((await listReports(s, 1))[0]!.comment).toHaveLength(1000);
  });
});

describe('the mute index', () => {
  it('expires with the last mute it lists (it used to be kept forever)', async () => {
    let clock = at(20, 12);
    const s = new MemoryStore({ now: () => clock });
    await muteCode(s, 'slack:CIDX', -4009, 'U1', 60, clock);
    await muteCode(s, 'slack:CIDX', 45009, 'U1', 3600, clock);
    expect(await s.get('mutes:slack:CIDX')).toBeDefined();
    clock += 3_601_000;
    expect(await s.get('mutes:slack:CIDX')).toBeUndefined();
  });
});
