/**
 * Which test files use Redis, found from their text: the ones naming test/helpers/redis.ts's Redis API
 * or importing redis-topologies. Reaching Redis any other way (ioredis imported directly, redis-server
 * spawned by name, a helper module starting servers out of a test file's sight) is a bypass: such a
 * file would neither be skipped without redis-server nor be run by the guard that proves it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The helpers allowed to talk to Redis directly. */
const HELPERS = ['test/helpers/redis.ts', 'test/helpers/redis-topologies.ts'];

const USES_REDIS =
  /\b(RedisServer|noRedis|redisClient|spawnRedisServer|skipWithoutRedis)\b|helpers\/redis-topologies\.js/;

/** Every TypeScript file under test/, as paths relative to the repository root with / separators. */
export function testSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures') walk(path);
      } else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) out.push(relative(ROOT, path).split('\\').join('/'));
    }
  };
  walk(join(ROOT, 'test'));
  return out.sort();
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The guard that runs redisTestFiles() without redis-server; it names the API but needs no Redis. */
const GUARD = 'test/dev/redis-missing.test.ts';

/** The test files that need redis-server for some of their tests. */
export function redisTestFiles(): string[] {
  return testSources().filter((f) => f.endsWith('.test.ts') && f !== GUARD && USES_REDIS.test(read(f)));
}

/** How `text` (the file `file`) reaches Redis without the helper; empty when it does not. */
export function bypassesIn(file: string, text: string): string[] {
  if (HELPERS.includes(file)) return [];
  const found: string[] = [];
  if (/import\s+(?!type\b)[^;]*?from\s*['"]ioredis['"]|(require|import)\(\s*['"]ioredis['"]\s*\)/.test(text))
    found.push('imports ioredis (use redisClient from test/helpers/redis.ts)');
  const spawned = /['"`](redis-(server|cli|sentinel|benchmark))['"`]/.exec(text);
  if (spawned)
    found.push(`runs ${spawned[1]} by name (use spawnRedisServer or RedisServer from test/helpers/redis.ts)`);
  // Servers started inside another helper module would hide the Redis use from redisTestFiles().
  const started = /\b(RedisServer\.start|spawnRedisServer|startTlsServer|startSentinelSet|startCluster)\s*\(/.exec(
    text,
  );
  if (started && !file.endsWith('.test.ts')) found.push(`calls ${started[1]} outside a test file`);
  return found.map((what) => `${file}: ${what}`);
}

/** Every bypass in the test tree. */
export function bypasses(): string[] {
  return testSources().flatMap((f) => bypassesIn(f, read(f)));
}
