/** Message shortcut "Explain MSDK error": explain mode on that message, answered in its thread. */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { rememberReply } from '../bot-replies.js';
import type { SlackContext } from '../context.js';
import { claimNewInThread } from '../dedupe.js';
import { gatherInput, renderAnswer, runAnalysis } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage, respondWith } from '../reply.js';
import { muteNotes, tenantOf, workspaceOf } from '../team.js';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export function explainShortcutListener(ctx: SlackContext) {
  return async ({ shortcut, ack, client, context }: Args): Promise<void> => {
    await ack(); // within 3 s, before any work
    const { message, channel } = shortcut;
    const tenant = tenantOf(context);
    const lang = await resolveLang(ctx, client, workspaceOf(context), shortcut.user.id);
    const input = await gatherInput(ctx, client, message, context.botUserId);
    const analysis = runAnalysis(ctx, input, 'explain', lang);
    const answer = renderAnswer(ctx, analysis, lang);
    answer.blocks.push(...(await muteNotes(ctx, tenant, channel.id, analysis.findings, lang)));
    const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
    await claimNewInThread(ctx.store, tenant, channel.id, threadTs, analysis.findings);
    const posted = await postMessage(ctx, client, { channel: channel.id, thread_ts: threadTs }, answer);
    if (posted) {
      // Deleting the message deletes this answer, which may quote it.
      await rememberReply(ctx, { tenant, channel: channel.id }, message.ts, posted.ts);
      return;
    }
    // Not a member of the channel (or posting refused): the user still gets the answer, privately.
    await respondWith(ctx, shortcut.response_url, {
      response_type: 'ephemeral',
      text: answer.text,
      blocks: answer.blocks,
    });
  };
}
