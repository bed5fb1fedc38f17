/**
 * Passive listener: every new human message goes through scan mode (confident detections only).
 * One threaded reply when something is found, silence otherwise. In DMs the user is talking to the
 * bot, so DMs are asked and always get an answer. The entry checks (a new human message, in a
 * channel kind we read, not a mention of the bot, first delivery) are middleware (../middleware.ts).
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { delivered, respond } from '../../conversation/index.js';
import { deletedTs, deleteRepliesTo, rememberReply } from '../bot-replies.js';
import type { SlackDeps } from '../deps.js';
import { gatherInput, renderReply, slackTurn } from '../explain.js';
import { resolveLang } from '../lang.js';
import { postMessage } from '../reply.js';
import { tenantOf, workspaceOf } from '../team.js';
import { rememberParent } from '../thread-parents.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** The fields we read, typed by hand: the event union has no common shape for them (bolt-js #904). */
interface NewMessage {
  channel: string;
  channel_type: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  blocks?: unknown;
  files?: unknown;
}

export function messageListener(deps: SlackDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    const m = event as NewMessage;
    // Asked in a DM, the bot explains; overheard in a channel, it scans and speaks only about errors.
    const asked = m.channel_type === 'im';
    // Overheard, the reader's language is looked up only once there is something to say.
    const readersLang = () => resolveLang(deps, client, workspaceOf(context), m.user);
    const [lang, input] = await Promise.all([
      asked ? readersLang() : deps.config.lang,
      gatherInput(deps, client, m, context.botUserId),
    ]);
    // Replies go in the message's thread; only a top-level DM is answered inline (and has no thread yet).
    const threadTs = asked ? m.thread_ts : (m.thread_ts ?? m.ts);
    const where = { tenant: tenantOf(context), team: workspaceOf(context), channel: m.channel, threadTs };
    // A thread may start here: `@msdk` alone in it explains this text without reading the thread.
    if (!m.thread_ts && !asked) await rememberParent(deps, where, m.ts, input.text);
    let replyLang = lang;
    const turn = {
      ...slackTurn(asked, input, lang, where),
      langOfAnswer: asked ? undefined : async () => (replyLang = await readersLang()),
    };
    const outcome = await respond(turn, deps.conversation);
    if (outcome.kind === 'silence') return;
    const answer = renderReply(deps, outcome, replyLang, { actions: true, mute: !asked });
    const posted = await postMessage(deps, client, { channel: m.channel, thread_ts: threadTs }, answer);
    if (posted) {
      await rememberReply(deps, where, m.ts, posted.ts);
      await delivered(turn, outcome, deps.conversation);
    }
  };
}

/**
 * A deleted message takes the bot's replies to it along (../bot-replies.ts). Registered beside the
 * listener above, whose entry checks drop the deletion itself as an edit.
 */
export function deletionListener(deps: SlackDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    const gone = deletedTs(event);
    if (gone) await deleteRepliesTo(deps, client, { tenant: tenantOf(context), channel: event.channel }, gone);
  };
}
