import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'not-an-id',
    kind: 'mark',
    description:
      'The value of an id key (`zoneid=1001`, `serverid=1000`, `uid=100014`, `[pid 40001]`, `req=40035`, `user 7`) is an id, a port or a counter, never an error code, even on an error line: in a channel a wrong extra answer costs more trust than a miss.',
  },
  found: [
    { text: 'ERROR zoneid=1001 ret=-4009 msg=freq', code: 1001 },
    { text: 'serverid=1000 ret=-502', code: 1000 },
    { text: '[pid 40001] error -303', code: 40001 },
    { text: 'req=40035 errcode=40001', code: 40035 },
    { text: '[ERROR] login ret: -303 (user 7)', code: 7 },
  ],
  silent: [
    { text: 'ERROR zoneid=1001 ret=-4009 msg=freq', code: -4009 },
    { text: 'login error 40001 for uid=7', code: 40001 },
  ],
};
