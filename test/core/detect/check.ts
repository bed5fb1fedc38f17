/** One example of a rule, checked as the rule's kind says (shared by the rules' tables and docs/detection.md). */
import { expect } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { Rule, RuleExample } from '../../../src/core/detect/rule.js';
import type { Finding, Mode } from '../../../src/core/types.js';

export const modes = (e: RuleExample): Mode[] => (e.mode ? [e.mode] : ['scan', 'explain']);
const show = (fs: Finding[]) => fs.map((f) => `${f.code}/${f.table} [${f.rules?.join(' ')}]`).join(', ') || 'nothing';
/** Reported as a backend code (a client code of data/client.json is another answer: marks are about backend codes). */
const reported = (fs: Finding[], e: RuleExample) =>
  fs.some(
    (f) =>
      f.code === e.code &&
      f.action !== 'none' &&
      f.source !== 'client' &&
      (e.table === undefined || f.table === e.table),
  );

/**
 * A detection or table rule's found example is reported and carries the rule's id; its silent one is
 * not reported. A mark's found example is silenced; its silent one stays reported.
 */
export function checkExample(rule: Rule['meta'], e: RuleExample, mode: Mode, fires: boolean): void {
  const fs = analyze(e.text, { mode, lang: 'en' }).findings;
  const why = `${rule.id} ${fires ? 'found' : 'silent'} (${mode}) «${e.text}»: got ${show(fs)}`;
  if (rule.kind === 'mark') {
    expect(reported(fs, e), why).toBe(!fires);
    return;
  }
  if (!fires) {
    const f = fs.find((x) => x.code === e.code && x.action !== 'none');
    expect(rule.kind === 'table' ? (f?.rules?.includes(rule.id) ?? false) : f !== undefined, why).toBe(false);
    return;
  }
  const f = fs.find((x) => x.code === e.code && (e.table === undefined || x.table === e.table));
  expect(f, why).toBeDefined();
  expect(f!.rules, why).toContain(rule.id);
}
