import type { Rule } from '../rule.js';

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
