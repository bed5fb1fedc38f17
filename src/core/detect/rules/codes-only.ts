import type { Rule } from '../rule.js';

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
