/**
 * vitest globalSetup: on a machine without redis-server the Redis-backed tests are skipped, and the run
 * names the files they are in, once; under CI=true that is a failure instead, so CI never passes
 * without them.
 */
import { redisServerOnPath } from './redis.js';
import { redisTestFiles } from './redis-files.js';

export const REDIS_SKIPPED = `redis-server is not on PATH: skipping the Redis-backed tests in ${redisTestFiles().join(', ')}. Install it (apt-get install redis-server) to run them.`;

export default function setup(): void {
  if (redisServerOnPath()) return;
  if (process.env.CI === 'true') {
    throw new Error(
      'redis-server is not on PATH and CI=true: the Redis-backed tests must run in CI (apt-get install redis-server)',
    );
  }
  process.stdout.write(`\n${REDIS_SKIPPED}\n\n`);
}
