import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'not-status',
    kind: 'mark',
    description:
      'A process exit status or an HTTP status (`exited with code 1`, `HTTP 404`, `状态码 500`, `ステータス 403`) is never an MSDK code.',
  },
  found: [{ text: 'process exited with code -6 after the error', code: -6 }],
  silent: [{ text: 'login error -6 from QQ', code: -6 }],
};
