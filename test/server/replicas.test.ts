/**
 * Several replicas without Redis share nothing (claims, mutes, votes, digests, the WeCom budget):
 * the server says so once at start-up when REPLICAS is above 1 and no Redis is configured.
 */
import { describe, expect, it } from 'vitest';
import { replicasWithoutRedis } from '../../src/store/index.js';
import { runMain } from '../helpers/main-process.js';
import { freePort } from '../helpers/redis.js';

interface Line {
  level: number;
  msg: string;
  replicas?: number;
}

/** The server as a replica runs it (WeCom webhook only: no network at start-up), until it is ready. */
async function start(env: Record<string, string>): Promise<Line[]> {
  const { stdout, code } = await runMain(
    { WECOM_WEBHOOK_URL: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k', PORT: '0', ...env },
    { stopWhen: (out) => out.includes('msdk-bot ready') },
  );
  expect(code).toBe(0);
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

const warnings = (lines: Line[]) => lines.filter((l) => l.level === 40 && l.msg.includes('REPLICAS='));

describe('REPLICAS without Redis', () => {
  it('REPLICAS=2 and no Redis: one warning, before ready, saying what is not shared and what to do', async () => {
    const lines = await start({ REPLICAS: '2' });
    expect(warnings(lines)).toEqual([expect.objectContaining({ replicas: 2, msg: replicasWithoutRedis(2) })]);
    expect(replicasWithoutRedis(2)).toMatch(/answered twice.*Set REDIS_URL, or run one replica/);
    const order = lines.map((l) => l.msg);
    expect(order.indexOf(replicasWithoutRedis(2))).toBeLessThan(order.indexOf('msdk-bot ready'));
  });

  it('no warning with one replica, with REPLICAS unset, or with Redis configured', async () => {
    expect(warnings(await start({ REPLICAS: '1' }))).toEqual([]);
    expect(warnings(await start({}))).toEqual([]);
    // Configured is enough, reachable or not: the fallback's own warning covers an outage.
    const redis = `redis://127.0.0.1:${await freePort()}`;
    expect(warnings(await start({ REPLICAS: '3', REDIS_URL: redis }))).toEqual([]);
  });

  it('a REPLICAS that is not a whole number above 0 stops start-up with one line', async () => {
    const { code, stderr } = await runMain({ WECOM_WEBHOOK_KEY: 'k', REPLICAS: 'two' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'msdk-bot: invalid configuration: REPLICAS must be a whole number of replicas, 1 or more; got "two"\n',
    );
  });
});
