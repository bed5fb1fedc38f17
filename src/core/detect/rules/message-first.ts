import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'message-first',
    kind: 'detect',
    description:
      "The message first and the code after it in brackets: WeChat's `invalid code, hints: [ req_id: … ](40029)`, `send failed[45015]: response out of time limit`, or a code label inside the bracket after the message (`登录授权失败（错误码:110404）`). With an error word or WeChat's hint (`… hint: [VAB1bA0573vr20](45009)`), strong evidence; a code nobody lists in this shape is reported as the platform's.",
  },
  found: [
    { text: 'invalid code, hints: [ req_id: Gd4aKa0ce-3Bl7Oa ](40029)', code: 40029, table: 'wechat' },
    { text: 'send failed[45015]: response out of time limit', code: 45015, table: 'wechat' },
    {
      text: '调用jsapi_ticket出现reach max api daily quota limit hint: [VAB1bA0573vr20](45009)',
      code: 45009,
      table: 'wechat',
      mode: 'scan',
      source: 'https://github.com/Eric-Guo/wechat/issues/52',
    },
    {
      text: 'qqsdk实装上以后，ios端登录没问题，然后安卓报错了，登录授权失败（错误码:110404）',
      code: 110404,
      table: 'qq',
      source: 'https://github.com/iVanPan/react-native-qqsdk/issues/10',
    },
  ],
  silent: [
    { text: 'see the picture[2] below', code: 2 },
    { text: '（错误码:110404）', code: 110404 },
  ],
};
