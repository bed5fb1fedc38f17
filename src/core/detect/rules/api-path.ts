import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'api-path',
    kind: 'table',
    description:
      "MSDK's API paths around the code (`/share/qq`, `/share/qzone`, `/auth/`, `/relation/`) weigh for their table.",
  },
  found: [
    { text: 'POST /share/qq {"ret":100000,"msg":"auth error"}', code: 100000, table: 'qq-share' },
    { text: 'POST /auth/verify_login {"ret":-101}', code: -101, table: 'access' },
  ],
  silent: [],
};
