import type { Rule } from '../rule.js';

/** reader.ts: `\"key\"` closes with the same escape, `\"value\"` reads up to it. */
export const rule: Rule = {
  meta: {
    id: 'escaped-json',
    kind: 'detect',
    description:
      'JSON inside a logged string (`{\\"errcode\\":40013,\\"errmsg\\":\\"invalid appid\\"}`, as loggers and JSON-in-JSON write it): the escaped keys and values are read as the JSON they are, also inside another field\'s string (`"error":"ERR_GET_SESSION_KEY\\n{\\"errcode\\":40029,…}"`).',
  },
  found: [
    { text: '{\\"errcode\\":40013,\\"errmsg\\":\\"invalid appid\\"}', code: 40013, table: 'wechat' },
    { text: '"body": "{\\"ret\\":-502,\\"msg\\":\\"sig error\\"}"', code: -502, table: 'access' },
    {
      text: '{"code":-1,"error":"ERR_GET_SESSION_KEY\\n{\\"code\\":0,\\"message\\":\\"\\",\\"codeDesc\\":\\"Success\\",\\"data\\":{\\"errcode\\":40029,\\"errmsg\\":\\"invalid code, hints: [ req_id: Gjws9a02642034 ]\\"}}"}',
      code: 40029,
      table: 'wechat',
      source: 'https://github.com/shengxinjing/fe-advanced-interview/issues/19',
    },
  ],
  silent: [{ text: '{\\"errcode\\":0,\\"errmsg\\":\\"ok\\"}', code: 0, mode: 'scan' }],
};
