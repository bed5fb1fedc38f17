import type { Rule } from '../rule.js';

/** prose.ts's first rule: an error word of the lexicon (ko, en, zh, ja) beside the number. */
export const rule: Rule = {
  meta: {
    id: 'error-word',
    kind: 'detect',
    description:
      'An error word of the lexicon (`error`, `fail`, `에러`, `오류`, `错误`, `失败`, `エラー`, …) within 24 characters before the number or 8 after it: strong evidence. After a colon, only when the error word ends the label (`错误码:-2`); a `code:` key alone needs another error word.',
  },
  found: [
    { text: 'MSDK error -303 on login', code: -303, table: 'access' },
    { text: '-303 에러가 납니다', code: -303, table: 'access' },
    { text: '错误码：-2', code: -2, table: 'qq' },
    { text: 'ログインで -303 エラーが出ます', code: -303, table: 'access' },
  ],
  silent: [
    { text: 'retry:303 times', code: 303 },
    { text: 'a:-303', code: -303, mode: 'scan' },
  ],
};
