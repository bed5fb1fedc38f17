/**
 * Every named rule's table of examples (src/core/detect/rules/), run through analyze() in the
 * modes each example names, the way typescript-eslint's RuleTester runs each rule's valid and
 * invalid cases: a detection or table rule's found example is reported and carries the rule's id;
 * a mark's found example is silenced; every silent example shows where the rule does not reach.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/core/detect/rules/index.js';
import { checkExample, modes } from './check.js';

describe('the rules', () => {
  it('have unique ids, a description, and found and silent examples (table rules: found)', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.description.length, r.meta.id).toBeGreaterThan(20);
      expect(r.found.length, r.meta.id).toBeGreaterThan(0);
      if (r.meta.kind !== 'table') expect(r.silent.length, r.meta.id).toBeGreaterThan(0);
    }
  });
});

for (const rule of RULES) {
  describe(`${rule.meta.id} (${rule.meta.kind})`, () => {
    const cases = [
      ...rule.found.flatMap((e) => modes(e).map((m) => ['found', m, e] as const)),
      ...rule.silent.flatMap((e) => modes(e).map((m) => ['silent', m, e] as const)),
    ];
    it.each(cases.map(([k, m, e]) => [`${k} ${m}: ${e.text}`, k, m, e] as const))('%s', (_name, kind, mode, e) =>
      checkExample(rule.meta, e, mode, kind === 'found'),
    );
  });
}
