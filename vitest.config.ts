import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Says once what is skipped without redis-server; under CI=true fails instead.
    globalSetup: ['test/helpers/redis-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line; a vitest run inside a test
    // (test/dev/redis-missing.test.ts) writes its own elsewhere.
    reporters: ['default', ['json', { outputFile: process.env.MSDK_TEST_REPORT ?? 'test-results.json' }]],
  },
});
