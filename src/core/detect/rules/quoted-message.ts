import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'quoted-message',
    kind: 'detect',
    description:
      "A quoted code, a comma or colon and the platform's message (`\"-73，internal error\"`): the shape of MSDK's own msg. Strong evidence; with a five-digit code nobody lists, the code is reported as the platform's.",
  },
  found: [
    { text: '"100016，access token check failed"', code: 100016, table: 'qq' },
    { text: '“-303，appid no permission”', code: -303, table: 'access' },
    { text: '「100030,this api without user authorization」が表示された場合', code: 100030, table: 'qq' },
  ],
  silent: [{ text: 'the value "-303" is a negative number', code: -303, mode: 'scan' }],
};
