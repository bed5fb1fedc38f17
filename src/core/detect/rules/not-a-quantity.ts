import { QUANTITY_AFTER_RE, QUANTITY_BEFORE_RE } from '../lexicon.js';
import type { Rule } from '../rule.js';

/** Whether the words around the number make it a size, a limit or a quantity (lexicon QUANTITY_*). */
export function isQuantity(before: string, after: string): boolean {
  return QUANTITY_BEFORE_RE.test(before) || QUANTITY_AFTER_RE.test(after);
}

export const rule: Rule = {
  meta: {
    id: 'not-a-quantity',
    kind: 'mark',
    description:
      'A size, a limit or a quantity in prose (`超过1024部分会被截断`, `at most 1000 friends`, `最大 1000`, `1000以内`) is no code, however many tables list the number.',
  },
  found: [
    { text: '超过1024部分会被截断', code: 1024 },
    { text: 'the title can be at most 1000 characters, error otherwise', code: 1000 },
  ],
  silent: [{ text: 'QZone share error 1024 again', code: 1024 }],
};
