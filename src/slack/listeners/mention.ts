/**
 * `@msdk <text>`: asked, answered in the thread; a polite "nothing found" when there is nothing.
 * `@msdk` alone inside a thread explains the thread's first message.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { delivered, respond } from '../../conversation/index.js';
import { uiText } from '../../core/index.js';
import { renderNotice } from '../blocks.js';
import { rememberReply } from '../bot-replies.js';
import type { SlackDeps } from '../deps.js';
import { gatherInput, type Input, renderReply, slackTurn } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage } from '../reply.js';
import { COMMAND } from '../surface.js';
import { tenantOf, workspaceOf } from '../team.js';
import { keptParent, readParent } from '../thread-parents.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/**
 * What the thread's first message said: kept when the bot saw it (thread-parents.ts), else read
 * once through conversations.replies. Undefined when it cannot be read now.
 */
async function threadParent(
  deps: SlackDeps,
  client: Args['client'],
  where: { tenant: string; channel: string },
  threadTs: string,
  botUserId: string | undefined,
): Promise<Input | undefined> {
  const kept = await keptParent(deps, where, threadTs);
  if (kept !== undefined) return { text: kept };
  const read = await readParent(deps, client, where, threadTs);
  return 'source' in read ? gatherInput(deps, client, read.source, botUserId) : undefined;
}

export function mentionListener(deps: SlackDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    const threadTs = event.thread_ts ?? event.ts;
    const target = { channel: event.channel, thread_ts: threadTs };
    const lang = await resolveLang(deps, client, workspaceOf(context), event.user);
    const tenant = tenantOf(context);
    const place = { tenant, channel: event.channel };
    let input = await gatherInput(deps, client, event, context.botUserId);
    // `@msdk` alone in a thread asks about the thread: explain the message that started it.
    const aboutParent = !input.text.trim() && event.thread_ts !== undefined;
    if (aboutParent && event.thread_ts) {
      const parent = await threadParent(deps, client, place, event.thread_ts, context.botUserId);
      if (!parent) {
        await postMessage(deps, client, target, renderNotice(uiText(lang).threadUnreadable(COMMAND)));
        return;
      }
      input = parent;
    }
    if (/^\s*(help)?\s*$/i.test(input.text)) {
      await postMessage(deps, client, target, renderNotice(uiText(lang).usage(COMMAND)));
      return;
    }
    const turn = slackTurn(true, input, lang, { tenant, team: workspaceOf(context), channel: event.channel, threadTs });
    const outcome = await respond(turn, deps.conversation);
    const posted = await postMessage(
      deps,
      client,
      target,
      renderReply(deps, outcome, lang, { actions: true, mute: false }),
    );
    if (posted) {
      // Deleting the mention, or the parent it asked about, deletes this answer (it may quote either).
      await rememberReply(deps, place, event.ts, posted.ts);
      if (aboutParent && event.thread_ts) await rememberReply(deps, place, event.thread_ts, posted.ts);
      await delivered(turn, outcome, deps.conversation);
    }
  };
}
