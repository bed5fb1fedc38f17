import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'code-key-platform',
    kind: 'detect',
    description:
      "A bare `code:` key is any vendor's field; it counts when the line names MSDK, WeChat or QQ (platform words of the lexicon).",
  },
  found: [{ text: 'QQ login callback code: -6', code: -6, table: 'qq' }],
  silent: [{ text: 'callback code: -6', code: -6, mode: 'scan' }],
};
