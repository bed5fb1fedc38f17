/**
 * The entry checks of the conversation listeners, as named Bolt listener middleware, composed per
 * listener the way bolt-js composes its own `subtype()`, `directMention` and `ignoreSelf`:
 *
 *   app.event('message', newHumanMessage(deps), readChannel(deps), notForMention, claimOnce(deps), listener)
 *
 * Each one either calls `next()` or stops the chain, counting why in msdk_events_dropped_total.
 */
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { mentionsSlackUser } from '../mentions.js';
import { claimDelivery } from './dedupe.js';
import type { SlackDeps } from './deps.js';
import { MESSAGE_CHANNEL_TYPES, type MessageChannelType } from './surface.js';
import { tenantOf } from './team.js';

type ConversationEvent = 'message' | 'app_mention';

/** The fields the checks read, typed by hand: the message event union has no common shape for them (bolt-js #904). */
interface EventFields {
  subtype?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  text?: string;
  bot_id?: string;
  bot_profile?: unknown;
}
const fieldsOf = (event: unknown): EventFields => event as EventFields;

/** Subtypes that are a new message from a person; everything else (edits, joins, bots…) is ignored. */
const NEW_MESSAGE_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** A new message written by a person: no edit, deletion, join or bot post (dropped as edit, subtype or bot). */
export function newHumanMessage(deps: SlackDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, next }) => {
    const m = fieldsOf(event);
    if (!NEW_MESSAGE_SUBTYPES.has(m.subtype)) {
      const edit = m.subtype === 'message_changed' || m.subtype === 'message_deleted';
      return deps.drop(edit ? 'edit' : m.subtype === 'bot_message' ? 'bot' : 'subtype');
    }
    if (m.bot_id || m.bot_profile) return deps.drop('bot');
    await next();
  };
}

/** A mention from a person, not from a bot (dropped as bot). */
export function fromHuman<E extends ConversationEvent>(deps: SlackDeps): Middleware<SlackEventMiddlewareArgs<E>> {
  return async ({ event, next }) => {
    const m = fieldsOf(event);
    if (m.bot_id || m.bot_profile) return deps.drop('bot');
    await next();
  };
}

/** A conversation kind the passive listener reads (MESSAGE_CHANNEL_TYPES; dropped as channel_type). */
export function readChannel(deps: SlackDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, next }) => {
    const type = fieldsOf(event).channel_type;
    if (!MESSAGE_CHANNEL_TYPES.includes(type as MessageChannelType)) return deps.drop('channel_type');
    await next();
  };
}

/**
 * Not a mention of the bot outside a DM: that message also arrives as app_mention, whose listener
 * answers it. Not counted as a drop: the message is answered, once, by the other listener.
 */
export const notForMention: Middleware<SlackEventMiddlewareArgs<'message'>> = async ({ event, context, next }) => {
  const m = fieldsOf(event);
  if (m.channel_type !== 'im' && context.botUserId && mentionsSlackUser(m.text ?? '', context.botUserId)) return;
  await next();
};

/**
 * The first delivery of this event and this message, across Slack's retries, the message +
 * app_mention double delivery and replicas (dropped as duplicate).
 */
export function claimOnce<E extends ConversationEvent>(deps: SlackDeps): Middleware<SlackEventMiddlewareArgs<E>> {
  return async ({ event, body, context, next }) => {
    const m = fieldsOf(event);
    const ids = { eventId: body.event_id, tenant: tenantOf(context), channel: m.channel, ts: m.ts };
    if (!(await claimDelivery(deps.store, ids))) return deps.drop('duplicate');
    await next();
  };
}
