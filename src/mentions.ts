/**
 * How each platform writes a mention, in one place: Slack puts `<@U123>` (or `<@U123|name>`)
 * anywhere in `text`; WeCom starts the content with the robot's display name, `@name`.
 */

/** Slack: does `text` mention the user (the bot) anywhere? */
export function mentionsSlackUser(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}

/** Slack: removes every mention of the bot (`<@UBOT>` in text), so "@msdk -303" analyzes as "-303". */
export function stripSlackMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  return text.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ');
}

/** WeCom: `@robot 40001` → `40001`; the mention comes first, often followed by U+2005 (a `\s`). */
export function stripWecomMention(content: string): { text: string; mentioned: boolean } {
  const m = /^\s*@\S+\s*/.exec(content);
  return m ? { text: content.slice(m[0].length), mentioned: true } : { text: content.trim(), mentioned: false };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
