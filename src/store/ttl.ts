/**
 * Every time-to-live the bot gives the store, in seconds: how long each kind of memory lasts, and
 * why, side by side. Store keys are named where they are used; only their lifetimes live here.
 */
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const TTL = {
  /** A Slack event or message already answered: Slack retries for minutes, and a mention arrives twice. */
  slackDelivery: HOUR,
  /** A WeCom MsgId already answered: WeCom retries an unanswered callback within seconds. */
  wecomDelivery: HOUR,
  /** What a Slack thread was already told, so a passive reply never repeats it there. */
  thread: 7 * DAY,
  /**
   * The text of a channel's top-level message, so `@msdk` alone in its thread can explain it without
   * conversations.replies (limited to 1 call a minute for apps outside the Marketplace).
   */
  threadParent: DAY,
  /** Which reply the bot posted for which message, so deleting the message deletes the reply. */
  botReply: 7 * DAY,
  /** A `/msdk` answer kept for its "Post to channel" button: a response_url works 30 minutes. */
  answer: 30 * MINUTE,
  /** A user's Slack locale from users.info. */
  locale: DAY,
  /** users.info failed (no users:read, or a blip): the default language for now, ask again soon. */
  localeUnknown: 10 * MINUTE,
  /** A mute without a duration (`mute 45009`). */
  mute: DAY,
  /** A mute lifted: the Store has no delete, and 1 ms is an expiry on every backend. */
  gone: 0.001,
  /** One vote per user and reply, for as long as the reply can be voted on. */
  vote: 90 * DAY,
  /** A 👎 report with its comment, for the catalog's maintainers. */
  report: 180 * DAY,
  /** A day's counts: a weekly digest's previous period (14 days) with margin. */
  dayStats: 40 * DAY,
  /** "New code" in a digest means not seen for this long. */
  firstSeen: 400 * DAY,
  /** A digest slot's posting lock: longer than a weekly period, so no slot is posted twice. */
  digestLock: 8 * DAY,
  /** A WeCom group's passive backlog handed over at shutdown, waiting for a process to send its summary. */
  wecomBacklog: DAY,
  /** A WeCom robot's send budget is per minute. */
  wecomBudget: MINUTE,
  /** What an uninstall must find to purge (a workspace's mutes): longer than the longest mute (30 days). */
  uninstallIndex: 62 * DAY,
  /** Kept until overwritten (digest subscriptions, the report counter). */
  forever: 0,
} as const;
