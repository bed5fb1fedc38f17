import type { Rule } from '../rule.js';

/** `, Msg: "…"`, `, message: …`, `，说明：…` right after the number: the platform's message key. */
const MSG_AFTER_RE =
  /^[ \t]*[,;]?[ \t]*(?:err(?:or)?[ _]?)?(?:msg|message|description|desc|errmsg|err_msg)[ \t]*[:=][ \t]*["']?([^"'\n]{2,200})/i;

/** `Code: 95018, Msg: "…"`: an unquoted `Code:` label and the message key after the number. */
export function codeAndMsg(text: string, end: number, lineTo: number): string | undefined {
  const m = MSG_AFTER_RE.exec(text.slice(end, Math.min(lineTo, end + 240)));
  return m?.[1]?.trim() || undefined;
}

export const rule: Rule = {
  meta: {
    id: 'code-and-msg',
    kind: 'detect',
    description:
      "An unquoted `Code:` label and a message key after the number (WeCom's `Code: 95018, Msg: \"…\"`): the platform's code and message pair, even though `code` alone is any vendor's key.",
  },
  found: [{ text: 'WeCom callback Code: 95018, Msg: "send msg fail"', code: 95018, table: 'wechat' }],
  silent: [{ text: '{"code": 20000, "message": "ok"}', code: 20000 }],
};
