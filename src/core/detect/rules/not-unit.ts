import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'not-unit',
    kind: 'mark',
    description:
      'A unit or a counted noun after the number (`5400秒`, `38 errors`, `1024 bytes`, `3건`, `1024文字`) makes it a duration, a size or a count (lexicon UNITS_AFTER).',
  },
  found: [
    { text: 'error: 38 problems', code: 38 },
    { text: '登录失败，等了 1002 秒', code: 1002 },
  ],
  silent: [{ text: '登录失败 1002', code: 1002, mode: 'explain' }],
};
