/**
 * `@msdk <text>`: explain mode, answered in the thread; a polite "nothing found" when there is nothing.
 * `@msdk` alone inside a thread explains the thread's first message.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { uiText } from '../../core/index.js';
import { renderNotice, withReplyActions } from '../blocks.js';
import { rememberReply } from '../bot-replies.js';
import type { SlackContext } from '../context.js';
import { claimDelivery, claimNewInThread } from '../dedupe.js';
import { gatherInput, type Input, renderAnswer, runAnalysis } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage } from '../reply.js';
import { COMMAND } from '../surface.js';
import { countExplained, muteNotes, tenantOf, workspaceOf } from '../team.js';
import { keptParent, readParent } from '../thread-parents.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/**
 * What the thread's first message said: kept when the bot saw it (thread-parents.ts), else read
 * once through conversations.replies. Undefined when it cannot be read now.
 */
async function threadParent(
  ctx: SlackContext,
  client: Args['client'],
  where: { tenant: string; channel: string },
  threadTs: string,
  botUserId: string | undefined,
): Promise<Input | undefined> {
  const kept = await keptParent(ctx, where, threadTs);
  if (kept !== undefined) return { text: kept };
  const read = await readParent(ctx, client, where, threadTs);
  return 'source' in read ? gatherInput(ctx, client, read.source, botUserId) : undefined;
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
    const lang = await resolveLang(ctx, client, workspaceOf(context), event.user);
    const where = { tenant, channel: event.channel };
    let input = await gatherInput(ctx, client, event, context.botUserId);
    // `@msdk` alone in a thread asks about the thread: explain the message that started it.
    const aboutParent = !input.text.trim() && event.thread_ts !== undefined;
    if (aboutParent && event.thread_ts) {
      const parent = await threadParent(ctx, client, where, event.thread_ts, context.botUserId);
      if (!parent) {
        await postMessage(ctx, client, target, renderNotice(uiText(lang).threadUnreadable(COMMAND)));
        return;
      }
      input = parent;
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
    const posted = await postMessage(
      ctx,
      client,
      target,
      withReplyActions(answer, analysis.findings, lang, { mute: false }),
    );
    if (posted) {
      // Deleting the mention, or the parent it asked about, deletes this answer (it may quote either).
      await rememberReply(ctx, where, event.ts, posted.ts);
      if (aboutParent && event.thread_ts) await rememberReply(ctx, where, event.thread_ts, posted.ts);
      await countExplained(ctx, workspaceOf(context), event.channel, analysis.findings);
    }
  };
}
