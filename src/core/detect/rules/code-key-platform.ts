import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'code-key-platform',
    kind: 'detect',
    description:
      "A bare `code:` key is any vendor's field; it counts when the line names MSDK, WeChat or QQ (platform words of the lexicon).",
  },
  found: [{ text: 'MSDK callback code: -303', code: -303, table: 'access' }],
  silent: [{ text: 'callback code: -303', code: -303, mode: 'scan' }],
};
