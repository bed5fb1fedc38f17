import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'not-a-range',
    kind: 'mark',
    description: 'A number beside `~` (`-15000 ~ -19999`) bounds a range of codes in prose: it reports none.',
  },
  found: [{ text: 'error codes -2000～-9999 are server errors', code: -2000 }],
  silent: [{ text: 'error -2000 on login', code: -2000 }],
};
