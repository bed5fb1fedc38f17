/**
 * Every named rule's table of examples (src/core/detect/rules/), run through analyze() in the
 * modes each example names, the way typescript-eslint's RuleTester runs each rule's valid and
 * invalid cases: a detection or table rule's found example is reported and carries the rule's id;
 * a mark's found example is silenced; every silent example shows where the rule does not reach.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { Rule, RuleExample } from '../../../src/core/detect/rule.js';
import { RULES } from '../../../src/core/detect/rules/index.js';
import type { Finding, Mode } from '../../../src/core/types.js';

const modes = (e: RuleExample): Mode[] => (e.mode ? [e.mode] : ['scan', 'explain']);
const run = (e: RuleExample, mode: Mode) => analyze(e.text, { mode, lang: 'en' }).findings;
const show = (fs: Finding[]) => fs.map((f) => `${f.code}/${f.table} [${f.rules?.join(' ')}]`).join(', ') || 'nothing';
const reported = (fs: Finding[], e: RuleExample) =>
  fs.some((f) => f.code === e.code && f.action !== 'none' && (e.table === undefined || f.table === e.table));

function check(rule: Rule, e: RuleExample, mode: Mode, fires: boolean): void {
  const fs = run(e, mode);
  const why = `${rule.meta.id} ${fires ? 'found' : 'silent'} (${mode}) «${e.text}»: got ${show(fs)}`;
  if (rule.meta.kind === 'mark') {
    expect(reported(fs, e), why).toBe(!fires);
    return;
  }
  if (!fires) {
    const f = fs.find((x) => x.code === e.code && x.action !== 'none');
    expect(rule.meta.kind === 'table' ? (f?.rules?.includes(rule.meta.id) ?? false) : f !== undefined, why).toBe(false);
    return;
  }
  const f = fs.find((x) => x.code === e.code && (e.table === undefined || x.table === e.table));
  expect(f, why).toBeDefined();
  expect(f!.rules, why).toContain(rule.meta.id);
}

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
      check(rule, e, mode, kind === 'found'),
    );
  });
}
