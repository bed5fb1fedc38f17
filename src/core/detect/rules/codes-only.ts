import type { Rule } from '../rule.js';

/** Nothing but numbers (and separators), after an optional `msdk` / `explain` word: a list of codes asked about. */
const CODES_ONLY_RE = /^\s*(?:\/?msdk\s+)?(?:explain\s+)?[-+]?\d{1,7}(?:[\s,，、;/|]+[-+]?\d{1,7})*[\s?？]*$/i;
const MAX_LENGTH = 200;

/** Whether the whole text is codes and nothing else (`/msdk 1000 1001`, `msdk explain "2 7 13"`). */
export function isCodesOnly(text: string): boolean {
  return text.length <= MAX_LENGTH && CODES_ONLY_RE.test(text.replace(/["'`]/g, ' '));
}

export const rule: Rule = {
  meta: {
    id: 'codes-only',
    kind: 'detect',
    description:
      'When a message is nothing but codes (`1000 1001`, `2 7 13`, `-303, -502`), each one is a code: answered when asked, as each code alone is.',
  },
  found: [
    { text: '1000 1001', code: 1001, table: 'qzone-share', mode: 'explain' },
    { text: '2 7 13', code: 7, mode: 'explain' },
    { text: '1000 1001 1002', code: 1000, table: 'qzone-share', mode: 'explain' },
  ],
  silent: [
    { text: '1000 1001', code: 1001, mode: 'scan' },
    { text: 'took 2 7 13 seconds', code: 7, mode: 'explain' },
  ],
};
