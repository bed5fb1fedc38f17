/** Message shortcut "Explain MSDK error": asked about that message, answered in its thread. */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { delivered, respond } from '../../conversation/index.js';
import { rememberReply } from '../bot-replies.js';
import type { SlackDeps } from '../deps.js';
import { gatherInput, renderReply, slackTurn } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage, respondWith } from '../reply.js';
import { tenantOf, workspaceOf } from '../team.js';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export function explainShortcutListener(deps: SlackDeps) {
  return async ({ shortcut, ack, client, context }: Args): Promise<void> => {
    await ack(); // within 3 s, before any work
    const { message, channel } = shortcut;
    const team = workspaceOf(context);
    const lang = await resolveLang(deps, client, team, shortcut.user.id);
    const input = await gatherInput(deps, client, message, context.botUserId);
    const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
    const tenant = tenantOf(context);
    const turn = slackTurn(true, input, lang, { tenant, team, channel: channel.id, threadTs });
    const outcome = await respond(turn, deps.conversation);
    const answer = renderReply(deps, outcome, lang, { actions: false, mute: false });
    const posted = await postMessage(deps, client, { channel: channel.id, thread_ts: threadTs }, answer);
    // Deleting the message deletes this answer, which may quote it.
    if (posted) await rememberReply(deps, { tenant, channel: channel.id }, message.ts, posted.ts);
    // Not a member of the channel (or posting refused): the user still gets the answer, privately.
    const sent =
      posted !== undefined ||
      (await respondWith(deps, shortcut.response_url, {
        response_type: 'ephemeral',
        text: answer.text,
        blocks: answer.blocks,
      }));
    if (sent) await delivered(turn, outcome, deps.conversation);
  };
}
