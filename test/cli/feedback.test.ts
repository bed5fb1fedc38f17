/** `msdk feedback --json` lists the 👎 reports the bot stored, from the same Redis (issue #16). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_STORE } from '../../src/cli/feedback.js';
import { RedisStore } from '../../src/store/redis.js';
import { type Report, saveReport } from '../../src/team/index.js';
import { freePort, noRedis, RedisServer } from '../helpers/redis.js';

const BIN = fileURLToPath(new URL('../../dist/cli/msdk.cjs', import.meta.url));

function msdk(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const report: Report = {
  at: '2026-11-28T12:00:00.000Z',
  platform: 'slack',
  workspace: 'T1',
  findings: [{ table: 'access', code: -303 }],
  lang: 'en',
  permalink: 'https://test.slack.com/archives/C0FB/p1800000000000123',
  comment: 'advice should mention\nappid review',
};

describe.skipIf(noRedis)('msdk feedback on a real redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
    const store = new RedisStore(redis.url);
    await store.waitReady();
    await saveReport(store, report);
    await saveReport(store, {
      ...report,
      platform: 'wecom',
      workspace: 'wecom',
      findings: [{ table: 'wechat', code: 40001 }],
      lang: 'zh',
      comment: '',
    });
    await store.close();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('--json lists the reports stored in REDIS_URL, oldest first', () => {
    const r = msdk(['feedback', '--json'], { REDIS_URL: redis.url });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { reports } = JSON.parse(r.stdout) as { reports: Report[] };
    expect(reports).toHaveLength(2);
    expect(reports[0]).toEqual(report);
    expect(reports[1]).toMatchObject({ platform: 'wecom', findings: [{ table: 'wechat', code: 40001 }], lang: 'zh' });
  });

  it('says "No 👎 reports." when the Redis it reads holds none', () => {
    // Database 1 of the same server: reachable, and empty.
    expect(msdk(['feedback'], { REDIS_URL: `${redis.url}/1` })).toEqual({
      code: 0,
      stdout: 'No 👎 reports.\n',
      stderr: '',
    });
  });

  it('prints one line per report without --json', () => {
    const r = msdk(['feedback'], { REDIS_URL: redis.url });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '2026-11-28T12:00:00.000Z  access -303  (slack, en)  "advice should mention appid review"  https://test.slack.com/archives/C0FB/p1800000000000123',
    );
  });
});

describe('msdk feedback without a reachable Redis', () => {
  it('says no store is configured (not "No 👎 reports."), and exits 1 when the Redis it was given is down', async () => {
    for (const args of [['feedback'], ['feedback', '--json']]) {
      const none = msdk(args, {});
      expect(none).toEqual({ code: 2, stdout: '', stderr: NO_STORE });
      expect(none.stderr).toMatch(/^msdk: no store configured, so no 👎 reports to read: set REDIS_URL/);
    }
    const down = msdk(['feedback', '--json'], { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('msdk: cannot reach Redis to read the feedback\n');
  });
});
