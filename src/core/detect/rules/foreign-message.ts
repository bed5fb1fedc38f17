import type { Rule } from '../rule.js';

/** analyze.ts's foreignMessage(). */
export const rule: Rule = {
  meta: {
    id: 'foreign-message',
    kind: 'mark',
    description:
      'Another vendor\'s response: a small code only the platforms\' tables list (`-1`), in a `ret` field, whose message shares no word with any of its meanings, with no MSDK, WeChat or QQ word near it (`{"ret":-1,"msg":"Proses gagal"}`).',
  },
  found: [
    { text: `echo '{"ret":-1,"msg":"Proses gagal, data gagal ditambahkan...!!!"}';`, code: -1 },
    { text: '{"ret":-1,"msg":"没有访问当前接口的权限!Subject does not have permission","data":null}', code: -1 },
  ],
  silent: [
    { text: '2026-11-25T10:00:00Z INFO req=7 resp={"ret":-9,"msg":"request failed"}', code: -9 },
    { text: '{"ret":-1,"msg":"system error"}', code: -1 },
    { text: 'QQ login {"ret":-1,"msg":"Proses gagal"}', code: -1 },
  ],
};
