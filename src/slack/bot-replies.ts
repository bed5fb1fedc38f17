/**
 * A deleted message takes the bot's reply to it along: the reply may quote what was pasted (a player
 * id, a token). The store remembers which replies the bot posted for which message (TTL.botReply);
 * `message_deleted` of that message, or the tombstone Slack leaves when a thread's parent with
 * replies is deleted (a `message_changed` whose message has subtype `tombstone`), deletes them.
 */
import { webApi } from '@slack/bolt';
import { TTL } from '../store/ttl.js';
import type { SlackDeps } from './deps.js';

/** Replies remembered per message (a message is answered once; a mention alone may add one). */
const REPLIES_PER_MESSAGE = 5;

const key = (tenant: string, channel: string, ts: string) => `botreply:${tenant}:${channel}:${ts}`;

function parse(raw: string | undefined): string[] {
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers that the bot's message `replyTs` answers the message `sourceTs` (best effort). */
export async function rememberReply(
  deps: SlackDeps,
  where: { tenant: string; channel: string },
  sourceTs: string,
  replyTs: string | undefined,
): Promise<void> {
  if (!replyTs) return;
  const k = key(where.tenant, where.channel, sourceTs);
  const add = async () => {
    // The first reply to a message (nearly always the only one) in one claim; a second one reads and appends.
    const [first] = await deps.store.batch([
      { op: 'claim', key: k, ttl: TTL.botReply, value: JSON.stringify([replyTs]) },
    ]);
    if (first) return;
    const replies = parse(await deps.store.get(k));
    if (replies.includes(replyTs)) return;
    await deps.store.set(k, JSON.stringify([...replies, replyTs].slice(-REPLIES_PER_MESSAGE)), TTL.botReply);
  };
  // Not waited for: the claim leaves with the reply's counts, in the same round trip.
  void add().catch((err: unknown) => deps.logger.warn({ err }, 'could not remember a reply'));
}

/** The fields of a message event that say a message is gone. */
interface MaybeDeletion {
  subtype?: string;
  deleted_ts?: string;
  previous_message?: { ts?: string };
  message?: { subtype?: string; ts?: string };
}

/** The ts of the message an event says was deleted, else undefined. */
export function deletedTs(event: MaybeDeletion): string | undefined {
  if (event.subtype === 'message_deleted') return event.deleted_ts ?? event.previous_message?.ts;
  if (event.subtype === 'message_changed' && event.message?.subtype === 'tombstone') return event.message.ts;
  return undefined;
}

/** Deletes the bot's replies to the deleted message `ts` (a reply already gone counts as deleted). */
export async function deleteRepliesTo(
  deps: SlackDeps,
  client: webApi.WebClient,
  where: { tenant: string; channel: string },
  ts: string,
): Promise<number> {
  const k = key(where.tenant, where.channel, ts);
  const replies = parse(await deps.store.get(k));
  if (replies.length === 0) return 0;
  let deleted = 0;
  for (const reply of replies) {
    try {
      await deps.callApi('chat.delete', () => client.chat.delete({ channel: where.channel, ts: reply }));
      deleted++;
    } catch (err) {
      const code = err instanceof webApi.WebAPIPlatformError ? err.data.error : undefined;
      if (code === 'message_not_found') deleted++;
      else
        deps.logger.warn(
          { err, channel: where.channel, slackError: code },
          'could not delete a reply to a deleted message',
        );
    }
  }
  if (deleted === replies.length) await deps.store.set(k, '', TTL.gone);
  return deleted;
}
