/**
 * docs/detection.md documents each rule with examples: every example block of the page runs
 * through analyze() here, so the page cannot drift from the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuleExample } from '../../../src/core/detect/rule.js';
import { RULES } from '../../../src/core/detect/rules/index.js';
import { type Mode, TABLE_IDS, type TableId } from '../../../src/core/types.js';
import { checkExample, modes } from './check.js';

const page = readFileSync(new URL('../../../docs/detection.md', import.meta.url), 'utf8');
/** ```text rule=ID found|silent code=N [table=T] [mode=M] … ``` (four backticks when the text holds three). */
const BLOCK =
  /^(`{3,4})text rule=([a-z-]+) (found|silent) code=(-?\d+)((?: (?:table|mode)=[a-z-]+)*)\n([\s\S]*?)\n\1$/gm;

interface Block {
  rule: string;
  fires: boolean;
  example: RuleExample;
}
const blocks: Block[] = [...page.matchAll(BLOCK)].map((m) => {
  const attrs = Object.fromEntries([...m[5]!.matchAll(/(table|mode)=([a-z-]+)/g)].map((a) => [a[1], a[2]]));
  const example: RuleExample = { text: m[6]!, code: Number(m[4]) };
  if (attrs.table) example.table = attrs.table as TableId;
  if (attrs.mode) example.mode = attrs.mode as Mode;
  return { rule: m[2]!, fires: m[3] === 'found', example };
});

describe('docs/detection.md', () => {
  it('documents every rule with its found and silent examples, and names no rule that does not exist', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const b of blocks) expect(ids, b.rule).toContain(b.rule);
    for (const r of RULES) {
      expect(page, r.meta.id).toContain(`#### \`${r.meta.id}\``);
      expect(blocks.filter((b) => b.rule === r.meta.id && b.fires).length, r.meta.id).toBeGreaterThan(0);
      if (r.meta.kind !== 'table')
        expect(blocks.filter((b) => b.rule === r.meta.id && !b.fires).length, r.meta.id).toBeGreaterThan(0);
    }
    for (const b of blocks) if (b.example.table) expect(TABLE_IDS).toContain(b.example.table);
  });

  const cases = blocks.flatMap((b) => modes(b.example).map((mode) => [b, mode] as const));
  it.each(
    cases.map(
      ([b, mode]) => [`${b.rule} ${b.fires ? 'found' : 'silent'} ${mode}: ${b.example.text}`, b, mode] as const,
    ),
  )('%s', (_name, b, mode) => {
    const rule = RULES.find((r) => r.meta.id === b.rule)!.meta;
    checkExample(rule, b.example, mode, b.fires);
  });
});
