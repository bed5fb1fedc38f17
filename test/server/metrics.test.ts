import { describe, expect, it } from 'vitest';
import { DROP_REASONS } from '../../src/server/metrics.js';

describe('metric label values', () => {
  it('every drop reason is snake_case, as Prometheus label values are', () => {
    const odd = DROP_REASONS.filter((r) => !/^[a-z]+(_[a-z]+)*$/.test(r));
    expect(odd).toEqual([]);
  });
});
