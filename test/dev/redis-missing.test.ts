/**
 * A machine without redis-server: `npm test` still passes, naming once what it skipped; under CI=true
 * the same run fails. Proven by running vitest itself on every test file that uses Redis (found by
 * test/helpers/redis-files.ts, not listed here) with a PATH that has everything but redis-*.
 */
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bypasses, bypassesIn, redisTestFiles } from '../helpers/redis-files.js';
import { REDIS_SKIPPED } from '../helpers/redis-setup.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const work = mkdtempSync(join(tmpdir(), 'msdk-no-redis-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** This PATH's programs, minus redis-server and its companions: a machine where Redis was never installed. */
function pathWithoutRedis(): string {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const seen = new Set<string>();
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.startsWith('redis-') || seen.has(name)) continue;
      try {
        accessSync(join(dir, name), constants.X_OK);
      } catch {
        continue;
      }
      seen.add(name);
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  return bin;
}

interface FileResult {
  name: string;
  status: string;
  message: string;
  assertionResults: { status: string; fullName: string }[];
}

function vitestWithoutRedis(path: string, files: string[], extraEnv: Record<string, string>) {
  const report = join(work, `report-${Date.now()}.json`);
  const args = [VITEST, 'run', ...files];
  return new Promise<{ code: number | null; out: string; files: FileResult[] }>((resolve) => {
    const child = spawn(process.execPath, [...args, '--no-color'], {
      cwd: ROOT,
      env: { PATH: path, HOME: tmpdir(), MSDK_TEST_REPORT: report, ...extraEnv },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('close', (code) => {
      const json = existsSync(report)
        ? (JSON.parse(readFileSync(report, 'utf8')) as { testResults: FileResult[] })
        : undefined;
      resolve({ code, out, files: json?.testResults ?? [] });
    });
  });
}

describe('npm test on a machine without redis-server', () => {
  const files = redisTestFiles();
  let path = '';
  beforeAll(() => {
    path = pathWithoutRedis();
  });

  it('finds the Redis-backed test files by what they use', () => {
    // The files that started redis-server before this guard covered them all (issue 25), among others.
    expect(files).toEqual(
      expect.arrayContaining([
        'test/cli/feedback.test.ts',
        'test/slack/digest.test.ts',
        'test/slack/team-replicas.test.ts',
        'test/team/team.test.ts',
        'test/wecom/team.test.ts',
        'test/store/store.test.ts',
      ]),
    );
  });

  it('every one of them passes, skipping its Redis tests, and the run names them once', async () => {
    const { code, out, files: results } = await vitestWithoutRedis(path, files, {});
    expect(code, out.slice(-4000)).toBe(0);
    expect(out.split('\n').filter((l) => l === REDIS_SKIPPED)).toHaveLength(1);
    for (const file of files) expect(REDIS_SKIPPED).toContain(file);
    expect(results.map((r) => r.name.slice(ROOT.length)).sort()).toEqual([...files].sort());
    for (const r of results) {
      const statuses = r.assertionResults.map((a) => a.status);
      expect(
        statuses.filter((s) => s === 'failed'),
        `${r.name} ${r.message}`,
      ).toEqual([]);
      expect(
        statuses.filter((s) => s === 'skipped' || s === 'pending').length,
        `${r.name} skips something`,
      ).toBeGreaterThan(0);
    }
  }, 300_000);

  it('fails under CI=true instead of skipping', async () => {
    const { code, out } = await vitestWithoutRedis(path, files.slice(0, 1), { CI: 'true' });
    expect(code).not.toBe(0);
    expect(out).toContain('redis-server is not on PATH and CI=true');
    expect(out).not.toContain(REDIS_SKIPPED);
  }, 60_000);
});

describe('tests reach Redis only through test/helpers/redis.ts', () => {
  it('no test file imports ioredis, runs redis-server by name, or starts servers in a helper of its own', () => {
    expect(bypasses()).toEqual([]);
  });

  it('catches each way around the helper', () => {
    // Quotes written as <q> and the helper's start as <start>, so this file (which starts no Redis)
    // does not show what it looks for to a grep of the tree.
    const check = (file: string, code: string) =>
      bypassesIn(file, code.replaceAll('<q>', "'").replaceAll('<start>', ['RedisServer', 'start'].join('.')));
    expect(check('test/x.test.ts', 'import { Redis } from <q>ioredis<q>;')).toHaveLength(1);
    expect(check('test/x.test.ts', 'const { default: R } = await import(<q>ioredis<q>);')).toHaveLength(1);
    expect(check('test/x.test.ts', 'spawn(<q>redis-server<q>, [<q>--port<q>, <q>0<q>])')).toHaveLength(1);
    expect(check('test/x.test.ts', 'execFile(<q>redis-cli<q>, [<q>ping<q>])')).toHaveLength(1);
    expect(check('test/e2e/more-helpers.ts', 'export const up = () => <start>();')).toHaveLength(1);
    // What the helper is for stays allowed.
    expect(check('test/x.test.ts', 'import type { Redis } from <q>ioredis<q>;')).toEqual([]);
    expect(check('test/x.test.ts', 'const server = await <start>();')).toEqual([]);
    expect(check('test/helpers/redis.ts', 'spawn(<q>redis-server<q>, args)')).toEqual([]);
  });
});
