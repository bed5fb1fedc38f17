import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TTL } from '../../src/store/ttl.js';

const sources = execFileSync('git', ['ls-files', 'src'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts') && f !== 'src/store/ttl.ts');

/** `store.claim(key, 3600)`, `this.deps.store.incr(k, 60)`, a multi-line `store.set(k, v, 90 * 86_400)`. */
const STORE_CALL = /\bstore\.(?:claim|set|incr)\(((?:[^()]|\([^()]*\))*)\)/g;
const NUMBER_LAST = /,\s*[\d_.]+(?:\s*\*\s*[\d_.]+)*\s*,?\s*$/;

describe('the TTL table (src/store/ttl.ts)', () => {
  it('is the only place a store lifetime is written as a number', () => {
    const literal = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(STORE_CALL)]
        .filter((m) => NUMBER_LAST.test(m[1] ?? ''))
        .map((m) => `${file}: ${m[0].replace(/\s+/g, ' ')}`),
    );
    expect(literal).toEqual([]);
  });

  it('is the only place a *_TTL constant is declared', () => {
    const declared = sources.filter((file) => /\bconst [A-Z_]*TTL\b/.test(readFileSync(file, 'utf8')));
    expect(declared).toEqual([]);
  });

  it('keeps each answer as long as its purpose needs', () => {
    // Slack's response_url lives 30 minutes: the "Post to channel" answer must outlive no less.
    expect(TTL.answer).toBe(30 * 60);
    // Deliveries are remembered longer than either platform keeps retrying (minutes).
    expect(TTL.slackDelivery).toBeGreaterThanOrEqual(3600);
    expect(TTL.wecomDelivery).toBeGreaterThanOrEqual(3600);
    // A weekly digest compares with the 7 days before it: the day counts must outlive 14 days.
    expect(TTL.dayStats).toBeGreaterThan(14 * 86_400);
    expect(TTL.digestLock).toBeGreaterThan(7 * 86_400);
  });
});
