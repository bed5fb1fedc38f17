import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'message-first',
    kind: 'detect',
    description:
      "The message first and the code after it in brackets: WeChat's `invalid code, hints: [ req_id: … ](40029)`, `send failed[45015]: response out of time limit`. With an error word or the platform's hint, strong evidence; a code nobody lists in this shape is reported as the platform's.",
  },
  found: [
    { text: 'invalid code, hints: [ req_id: Gd4aKa0ce-3Bl7Oa ](40029)', code: 40029, table: 'wechat' },
    { text: 'send failed[45015]: response out of time limit', code: 45015, table: 'wechat' },
  ],
  silent: [{ text: 'see the picture[2] below', code: 2 }],
};
