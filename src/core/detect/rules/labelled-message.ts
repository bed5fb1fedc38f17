import type { Rule } from '../rule.js';

/** After a labelled code: `, message: invalid appsecret`, `，说明：code been used`, `, invalid code`. */
const LABEL_MESSAGE_RE =
  /^[ \t]*[,;][ \t]*(?:(?:err(?:or)?[ _]?)?(?:message|msg|description)|说明|描述|错误信息|메시지)?[ \t]*[:=]?[ \t]*([^\n]{1,200})/i;
export function labelMessage(text: string, end: number, lineTo: number): string | undefined {
  const m = LABEL_MESSAGE_RE.exec(text.slice(end, Math.min(lineTo, end + 240)));
  const message = m?.[1]?.trim();
  return message && /[A-Za-z\u3131-\uD7A3\u4E00-\u9FFF]/.test(message) ? message : undefined;
}

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
