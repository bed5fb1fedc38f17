/**
 * vitest globalSetup: on a machine without redis-server the Redis-backed tests are skipped, said
 * once per run; under CI=true that is a failure instead, so CI never passes without them.
 */
import { redisServerOnPath } from './redis.js';

export const REDIS_SKIPPED =
  'redis-server is not on PATH: skipping the Redis-backed tests (test/store: RedisStore and topologies; ' +
  'test/slack/installations: sealed in Redis; test/e2e/replicas; test/e2e/faults: Redis dies). Install it (apt-get install redis-server) to run them.';

export default function setup(): void {
  if (redisServerOnPath()) return;
  if (process.env.CI === 'true') {
    throw new Error(
      'redis-server is not on PATH and CI=true: the Redis-backed tests must run in CI (apt-get install redis-server)',
    );
  }
  process.stdout.write(`\n${REDIS_SKIPPED}\n\n`);
}
