/**
 * Passive listener: every new human message goes through scan mode (confident detections only).
 * One threaded reply when something is found, silence otherwise. In DMs the user is talking to the
 * bot, so DMs use explain mode and always get an answer.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderAnalysis, withReplyActions } from '../blocks.js';
import type { SlackContext } from '../context.js';
import { claimDelivery, claimNewInThread } from '../dedupe.js';
import { explainAnswer, gatherInput, reanalyze, runAnalysis } from '../explain.js';
import { resolveLang } from '../lang.js';
import { mentionsSlackUser } from '../../mentions.js';
import { postMessage } from '../reply.js';
import { countExplained, unmutedFindings } from '../team.js';
import { MESSAGE_CHANNEL_TYPES, type MessageChannelType } from '../surface.js';

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
    if (!(await claimDelivery(ctx.store, { eventId: body.event_id, channel: m.channel, ts: m.ts }))) {
      return ctx.drop('duplicate');
    }

    const mode = isDm ? 'explain' : 'scan';
    const input = await gatherInput(ctx, client, m, context.botUserId);
    // A DM is always answered, so its reader's language is looked up first and the text analysed
    // once. Channel chatter is analysed before any look-up, and again only when it holds errors.
    const dmLang = isDm ? await resolveLang(ctx, client, body.team_id, m.user) : undefined;
    let analysis = runAnalysis(ctx, input, mode, dmLang ?? ctx.config.lang);
    if (mode === 'scan' && analysis.findings.length === 0) return; // chatter: silence

    const lang = dmLang ?? (await resolveLang(ctx, client, body.team_id, m.user));
    if (!dmLang && lang !== ctx.config.lang) analysis = reanalyze(ctx, input, mode, lang);
    // Codes muted in this channel get no passive reply (asked in a DM, they are answered).
    if (mode === 'scan') analysis = { ...analysis, findings: await unmutedFindings(ctx, m.channel, analysis.findings) };
    if (mode === 'scan' && analysis.findings.length === 0) return ctx.drop('muted');

    // Replies go in the message's thread; a top-level DM is answered inline.
    const threadTs = m.thread_ts ?? (isDm ? undefined : m.ts);
    if (threadTs && analysis.findings.length > 0) {
      const fresh = await claimNewInThread(ctx.store, m.channel, threadTs, analysis.findings);
      // Unasked, repeat nothing already explained in this thread; asked (DM), answer in full.
      if (mode === 'scan') {
        if (fresh.length === 0) return ctx.drop('repeat');
        analysis = { ...analysis, findings: fresh };
      }
    }
    const message =
      mode === 'explain'
        ? explainAnswer(ctx, analysis, lang)
        : renderAnalysis(analysis, { catalog: ctx.catalog(), lang });
    if (!message) return;
    const withButtons = withReplyActions(message, analysis.findings, lang, { mute: mode === 'scan' });
    if (await postMessage(ctx, client, { channel: m.channel, thread_ts: threadTs }, withButtons)) {
      await countExplained(ctx, body.team_id, m.channel, analysis.findings);
    }
  };
}
