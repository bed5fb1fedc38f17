import type { Rule } from '../rule.js';

/** reader.ts's valueStart(): a comparison names the code as `:` or `=` does. */
export const rule: Rule = {
  meta: {
    id: 'source-code',
    kind: 'detect',
    description:
      'Source code comparing a code key with a code (`if (res.errcode === 45009)`, `ret == -303`, `data.ret !== -502`) names that code; `ret != 0` names none.',
  },
  found: [
    { text: 'if (res.errcode === 45009) {', code: 45009, table: 'wechat' },
    { text: 'if (ret == -303) { relogin(); }', code: -303, table: 'access' },
  ],
  silent: [{ text: 'if (ret != 0) return;', code: 0 }],
};
