/** `msdk feedback --json` lists the 👎 reports the bot stored, from the same Redis (issue #16). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis.js';
import { type Report, saveReport } from '../../src/team/index.js';
import { freePort, RedisServer } from '../helpers/redis.js';

const BIN = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));

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

describe('msdk feedback', () => {
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

  it('prints one line per report without --json', () => {
    const r = msdk(['feedback'], { REDIS_URL: redis.url });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '2026-11-28T12:00:00.000Z  access -303  (slack, en)  "advice should mention appid review"  https://test.slack.com/archives/C0FB/p1800000000000123',
    );
  });

  it('has nothing to list without Redis, and exits 1 when the Redis it was given is down', async () => {
    const none = msdk(['feedback', '--json'], {});
    expect([none.code, none.stdout]).toEqual([0, '{"reports":[]}\n']);
    const down = msdk(['feedback', '--json'], { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('msdk: cannot reach Redis to read the feedback\n');
  });
});
