import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'other-vendor',
    kind: 'mark',
    description:
      'Another vendor named within 300 characters of a list, a table or an enum of codes (`ByteDanceMiniProgramErrorMsgEnum`, `支付宝`, `Firebase`, `IabHelper`): the number is that vendor\'s code, even where WeChat uses the same one. So does another vendor\'s response shape around a `Code` label (Tencent Cloud\'s and Aliyun\'s `{"Code": -1, "Message": …}`). A vendor named in prose (`百度查询`, searched on Baidu) says nothing of a code beside it; response fields keep their own evidence.',
  },
  found: [
    { text: 'フィールド説明\nCode = -1は不明なエラーです。\n{\n"Code": -1,\n"Message": "不明なエラー"\n}', code: -1 },
    {
      text: 'public enum ByteDanceMiniProgramErrorMsgEnum {\n    CODE_40001(40001, "参数错误"),\n    CODE_40002(40002, "缺少参数"),',
      code: 40001,
    },
    { text: '| 支付宝错误码 | 说明 |\n|---|---|\n| 40001 | 缺少必选参数 |\n| 40002 | 非法的参数 |', code: 40002 },
  ],
  silent: [
    { text: 'qq登陆报错 redirect uri is illegal(100010) 百度查询url解码', code: 100010 },
    { text: '| 微信错误码 | 说明 |\n|---|---|\n| 40001 | invalid credential |', code: 40001 },
  ],
};
