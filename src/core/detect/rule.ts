/**
 * A named rule: one heuristic of the detector, with its id (what a finding's `rules` lists), what
 * it does, and a table of examples that is its test (test/core/detect/rules.test.ts runs every
 * one through analyze(), the way typescript-eslint's RuleTester tables each rule) and its
 * documentation (docs/detection.md).
 */
import type { Mode, TableId } from '../types.js';

export interface RuleExample {
  text: string;
  /** The number the example is about. */
  code: number;
  /** The table a found example's finding names. */
  table?: TableId;
  /** Only in this mode (default: both). */
  mode?: Mode;
  /** Where the text comes from, when it is a real paste. */
  source?: string;
}

export interface Rule {
  meta: {
    id: string;
    /**
     * `detect`: makes a number a candidate (found: reported, carrying the id; silent: not reported).
     * `mark`: evidence against (found: the mark silences the number; silent: the number stays reported).
     * `table`: evidence for one table (found: the finding names `table` and carries the id).
     */
    kind: 'detect' | 'mark' | 'table';
    description: string;
  };
  found: RuleExample[];
  silent: RuleExample[];
}
