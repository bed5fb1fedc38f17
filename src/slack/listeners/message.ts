/**
 * Passive listener: every new human message goes through scan mode (confident detections only).
 * One threaded reply when something is found, silence otherwise. In DMs the user is talking to the
 * bot, so DMs use explain mode and always get an answer.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { mentionsSlackUser } from '../../mentions.js';
import { withReplyActions } from '../blocks.js';
import { deletedTs, deleteRepliesTo, rememberReply } from '../bot-replies.js';
import type { SlackContext } from '../context.js';
import { claimDelivery, claimNewInThread } from '../dedupe.js';
import { gatherInput, renderAnswer, runAnalysis } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage } from '../reply.js';
import { MESSAGE_CHANNEL_TYPES, type MessageChannelType } from '../surface.js';
import { countExplained, tenantOf, unmutedFindings, workspaceOf } from '../team.js';
import { rememberParent } from '../thread-parents.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

interface NewMessage {
  channel: string;
  channel_type: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  blocks?: unknown;
  files?: unknown;
  bot_id?: string;
  bot_profile?: unknown;
}

/** Subtypes that are a new message from a person; everything else (edits, joins, bots…) is ignored. */
const NEW_MESSAGE_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export function messageListener(ctx: SlackContext) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    if (!NEW_MESSAGE_SUBTYPES.has(event.subtype)) {
      const gone = deletedTs(event);
      if (gone) await deleteRepliesTo(ctx, client, { tenant: tenantOf(context), channel: event.channel }, gone);
      const edit = event.subtype === 'message_changed' || event.subtype === 'message_deleted';
      ctx.drop(edit ? 'edit' : event.subtype === 'bot_message' ? 'bot' : 'subtype');
      return;
    }
    // The fields we read, typed by hand: the event union has no common shape for them (bolt-js #904).
    const m = event as NewMessage;
    if (m.bot_id || m.bot_profile) return ctx.drop('bot');
    if (!MESSAGE_CHANNEL_TYPES.includes(m.channel_type as MessageChannelType)) return ctx.drop('channel_type');
    const isDm = m.channel_type === 'im';
    // A mention also arrives as app_mention, whose listener answers in explain mode; leave it that one.
    if (!isDm && context.botUserId && mentionsSlackUser(m.text ?? '', context.botUserId)) return;
    const tenant = tenantOf(context);
    if (!(await claimDelivery(ctx.store, { eventId: body.event_id, tenant, channel: m.channel, ts: m.ts }))) {
      return ctx.drop('duplicate');
    }

    // Asked in a DM, the bot explains; overheard in a channel, it scans and speaks only about errors.
    const mode = isDm ? 'explain' : 'scan';
    const [lang, input] = await Promise.all([
      resolveLang(ctx, client, workspaceOf(context), m.user),
      gatherInput(ctx, client, m, context.botUserId),
    ]);
    let analysis = runAnalysis(ctx, input, mode, lang);
    // Replies go in the message's thread; only a top-level DM is answered inline.
    const threadTs = m.thread_ts ?? m.ts;
    const where = { tenant, channel: m.channel };
    // A thread may start here: `@msdk` alone in it explains this text without reading the thread.
    if (!m.thread_ts && !isDm) await rememberParent(ctx, where, m.ts, input.text);
    if (mode === 'scan') {
      if (analysis.findings.length === 0) return; // chatter: silence
      // Unasked, say nothing about codes muted in this channel or already explained in this thread.
      const unmuted = await unmutedFindings(ctx, tenant, m.channel, analysis.findings);
      if (unmuted.length === 0) return ctx.drop('muted');
      const fresh = await claimNewInThread(ctx.store, tenant, m.channel, threadTs, unmuted);
      if (fresh.length === 0) return ctx.drop('repeat');
      analysis = { ...analysis, findings: fresh };
    } else if (m.thread_ts) {
      // Asked in a DM's thread: answered in full, and the thread remembers it was told.
      await claimNewInThread(ctx.store, tenant, m.channel, m.thread_ts, analysis.findings);
    }
    const answer = withReplyActions(renderAnswer(ctx, analysis, lang), analysis.findings, lang, {
      mute: mode === 'scan',
    });
    const posted = await postMessage(
      ctx,
      client,
      { channel: m.channel, thread_ts: isDm ? m.thread_ts : threadTs },
      answer,
    );
    if (posted) {
      await rememberReply(ctx, where, m.ts, posted.ts);
      await countExplained(ctx, workspaceOf(context), m.channel, analysis.findings);
    }
  };
}
