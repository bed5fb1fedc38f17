/**
 * `@msdk <text>`: explain mode, answered in the thread; a polite "nothing found" when there is nothing.
 * `@msdk` alone inside a thread explains the thread's first message.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { uiText } from '../../core/index.js';
import { renderNotice, withReplyActions } from '../blocks.js';
import type { SlackContext } from '../context.js';
import { claimDelivery, claimNewInThread } from '../dedupe.js';
import { gatherInput, type MessageSource, renderAnswer, runAnalysis } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage } from '../reply.js';
import { COMMAND } from '../surface.js';
import { countExplained, muteNotes, tenantOf } from '../team.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** The first message of a thread (conversations.replies, with the history scopes the bot has). */
async function threadParent(
  ctx: SlackContext,
  client: Args['client'],
  channel: string,
  threadTs: string,
): Promise<MessageSource | undefined> {
  try {
    const res = await ctx.callApi('conversations.replies', () =>
      client.conversations.replies({ channel, ts: threadTs, limit: 1, inclusive: true }),
    );
    const first = res.messages?.[0];
    return first?.ts === threadTs ? (first as MessageSource) : undefined;
  } catch (err) {
    ctx.logger.warn({ err, channel }, 'could not read the thread to explain');
    return undefined;
  }
}

export function mentionListener(ctx: SlackContext) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    if (event.bot_id || event.bot_profile) return ctx.drop('bot');
    const tenant = tenantOf(context);
    if (!(await claimDelivery(ctx.store, { eventId: body.event_id, tenant, channel: event.channel, ts: event.ts }))) {
      return ctx.drop('duplicate');
    }
    const threadTs = event.thread_ts ?? event.ts;
    const target = { channel: event.channel, thread_ts: threadTs };
    const lang = await resolveLang(ctx, client, body.team_id, event.user);
    let input = await gatherInput(ctx, client, event, context.botUserId);
    // `@msdk` alone in a thread asks about the thread: explain the message that started it.
    if (!input.text.trim() && event.thread_ts) {
      const parent = await threadParent(ctx, client, event.channel, event.thread_ts);
      if (parent) input = await gatherInput(ctx, client, parent, context.botUserId);
    }
    if (/^\s*(help)?\s*$/i.test(input.text)) {
      await postMessage(ctx, client, target, renderNotice(uiText(lang).usage(COMMAND)));
      return;
    }
    const analysis = runAnalysis(ctx, input, 'explain', lang);
    // Remembered, so the passive listener does not explain these again later in the thread.
    await claimNewInThread(ctx.store, tenant, event.channel, threadTs, analysis.findings);
    const answer = renderAnswer(ctx, analysis, lang);
    answer.blocks.push(...(await muteNotes(ctx, tenant, event.channel, analysis.findings, lang)));
    if (await postMessage(ctx, client, target, withReplyActions(answer, analysis.findings, lang, { mute: false }))) {
      await countExplained(ctx, body.team_id, event.channel, analysis.findings);
    }
  };
}
