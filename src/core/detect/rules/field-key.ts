import type { Rule } from '../rule.js';

/** The reader's rule (fields.ts): the value of a field key of the lexicon that holds a code. */
export const rule: Rule = {
  meta: {
    id: 'field-key',
    kind: 'detect',
    description:
      "The value of a field key that holds a code (`ret`, `errcode`, `err_code`, `error`, `error_code`, `errorcode`, `retcode`; lexicon.ts), in JSON, JS objects, `key=value` logs, PHP arrays and Ruby hashes (`'errcode' => 40029`) and PHP's var_dump (`[\"errcode\"]=> int(41001)`). Its message key (`msg`, `errmsg`, `error_description`, …) goes with it.",
  },
  found: [
    { text: '{"ret":-303,"msg":"appid no permission"}', code: -303, table: 'access' },
    { text: 'errcode=40001 errmsg=invalid credential', code: 40001, table: 'wechat' },
    { text: '{"error_code":45009,"error_msg":"api freq out of limit"}', code: 45009, table: 'wechat' },
    { text: 'retcode=-303', code: -303, table: 'access' },
    { text: `$result = array('errcode' => 40029, 'errmsg' => 'invalid code');`, code: 40029, table: 'wechat' },
    { text: 'Array\n(\n    [errcode] => 40029\n    [errmsg] => invalid code\n)', code: 40029, table: 'wechat' },
    {
      text: 'array(2) { ["errcode"]=> int(42001) ["errmsg"]=> string(20) "access_token expired" }',
      code: 42001,
      table: 'wechat',
    },
  ],
  silent: [
    { text: '{"ret":0,"msg":"ok"}', code: 0, mode: 'scan' },
    { text: 'error: 38 problems', code: 38 },
    { text: '{"code":20000}', code: 20000 },
  ],
};
