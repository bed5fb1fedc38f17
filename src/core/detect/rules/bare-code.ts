import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'bare-code',
    kind: 'detect',
    description:
      'Explain mode: a known number standing as a code (`msdk explain -303`), not as part of a date, a version, a table of counts, a log prefix, a line number or a count in long prose. Weak evidence: enough when asked, never alone in a channel.',
  },
  found: [
    { text: '-303', code: -303, table: 'access', mode: 'explain' },
    { text: 'what is 40029?', code: 40029, table: 'wechat', mode: 'explain' },
  ],
  silent: [
    { text: '-303', code: -303, mode: 'scan' },
    { text: 'Wed Mar 27 2025 09:41:02 GMT+0900', code: 2025, mode: 'explain' },
    { text: 'see line 512 of the file', code: 512, mode: 'explain' },
  ],
};
