import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'field-platform',
    kind: 'table',
    description:
      "The field key says the platform: `errcode` is WeChat's (lexicon FIELD_KEYS), `error` with `error_description` QQ connect's.",
  },
  found: [{ text: '{"errcode":-1,"errmsg":"system busy"}', code: -1, table: 'wechat' }],
  silent: [],
};
