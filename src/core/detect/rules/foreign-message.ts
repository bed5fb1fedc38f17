import type { Rule } from '../rule.js';

/** analyze.ts's foreignMessage(). */
export const rule: Rule = {
  meta: {
    id: 'foreign-message',
    kind: 'mark',
    description:
      'Another vendor\'s response: a small code in a `ret` field that only the platforms\' tables list (`-1`), or in a generic key whatever table lists it (`{"errorCode":1,…}`: MSDK\'s logic layer has a 1), whose message shares no word with any of its meanings, with no MSDK, WeChat or QQ word near it (`{"ret":-1,"msg":"Proses gagal"}`).',
  },
  found: [
    { text: `echo '{"ret":-1,"msg":"Proses gagal, data gagal ditambahkan...!!!"}';`, code: -1 },
    { text: '{"ret":-1,"msg":"没有访问当前接口的权限!Subject does not have permission","data":null}', code: -1 },
    {
      text: '{"errorCode":1,"errorMessage":"ServiceSuspended","requestId":"cedd62cd-29b2-4ac5-b8e4-8fd98b13aaa3","statusCode":402}',
      code: 1,
      source: 'https://github.com/EEEugene/StepNumberChangeSNC/issues/5',
    },
  ],
  silent: [
    { text: '2026-11-25T10:00:00Z INFO req=7 resp={"ret":-9,"msg":"request failed"}', code: -9 },
    { text: '{"ret":-1,"msg":"system error"}', code: -1 },
    { text: 'QQ login {"ret":-1,"msg":"Proses gagal"}', code: -1 },
    { text: 'msdk /relation/qqfriends_detail {"errorCode":1,"errorMessage":"ServiceSuspended"}', code: 1 },
  ],
};
