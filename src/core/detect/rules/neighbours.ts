import type { Rule } from '../rule.js';

/** analyze.ts's tagNeighbours(): the table of the codes around an ambiguous one. */
export const rule: Rule = {
  meta: {
    id: 'neighbours',
    kind: 'table',
    description:
      "An ambiguous code among codes of one table belongs to that table: a `-1` listed between WeChat 40029 and 42001 is WeChat's, a `-3` among blue-diamond codes is blue diamond's. Up to four codes either side, within 600 characters, each listed in one table only, vote.",
  },
  found: [
    { text: 'errors we saw: 40029, -1, 42001', code: -1, table: 'wechat', mode: 'explain' },
    { text: '错误码 40029 / -1 / 42001', code: -1, table: 'wechat' },
  ],
  silent: [],
};
