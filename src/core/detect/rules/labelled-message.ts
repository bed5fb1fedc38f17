import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'labelled-message',
    kind: 'detect',
    description:
      "A code nobody lists, behind an error label and followed by its message (`Error code: 40125, message: invalid appsecret`): reported as the platform's unlisted code when the platform is named.",
  },
  found: [
    {
      text: 'wechatpy.exceptions.WeChatClientException: Error code: 61450, message: system error',
      code: 61450,
      table: 'wechat',
    },
    { text: '微信 GET 请求发生错误！错误代码：85064，说明：template not found', code: 85064, table: 'wechat' },
  ],
  silent: [
    { text: 'error code 12345 happened twice', code: 12345 },
    { text: '授权失败：12345, some failure', code: 12345 },
  ],
};
