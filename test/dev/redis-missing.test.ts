/**
 * A machine without redis-server: `npm test` still passes, saying once what it skipped; under CI=true
 * the same run fails. Proven by running vitest itself with a PATH that holds only node.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_SKIPPED } from '../helpers/redis-setup.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const bin = mkdtempSync(join(tmpdir(), 'msdk-no-redis-'));
symlinkSync(process.execPath, join(bin, 'node'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function vitestWithoutRedis(extraEnv: Record<string, string>) {
  const r = spawnSync(
    process.execPath,
    [VITEST, 'run', 'test/store/store.test.ts', '--reporter=default', '--no-color'],
    { cwd: ROOT, encoding: 'utf8', env: { PATH: bin, HOME: tmpdir(), ...extraEnv }, timeout: 60_000 },
  );
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('npm test on a machine without redis-server', () => {
  it('passes, skipping the Redis-backed tests with one line on how to get them', () => {
    const { code, out } = vitestWithoutRedis({});
    expect(code, out).toBe(0);
    expect(out.split('\n').filter((l) => l === REDIS_SKIPPED)).toHaveLength(1);
    expect(out).toMatch(/Tests\s+\d+ passed \| \d+ skipped/);
  });

  it('fails under CI=true instead of skipping', () => {
    const { code, out } = vitestWithoutRedis({ CI: 'true' });
    expect(code).not.toBe(0);
    expect(out).toContain('redis-server is not on PATH and CI=true');
    expect(out).not.toContain(REDIS_SKIPPED);
  });
});
