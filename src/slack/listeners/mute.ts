/**
 * `/msdk mute <code> [30m|2h|7d]`, `/msdk unmute <code>`, `/msdk muted` in a channel, and the
 * "Mute here 24 h" button under passive replies: passive replies about a muted code stop in that
 * channel until the mute expires (src/team/mute.ts).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatDuration, listMutes, muteCode, parseCode, parseDuration, unmuteCode } from '../../team/index.js';
import type { Lang } from '../../core/index.js';
import type { SlackContext } from '../context.js';
import { respondWith } from '../reply.js';
import { privately, publicly, slackPlace, type TeamAnswer } from '../team.js';
import { teamText } from '../team-text.js';
import { parseRef } from './feedback.js';
import { TTL } from '../../store/ttl.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The answer to `mute`, `unmute` or `muted` (with their arguments), or undefined for other words. */
export async function muteCommand(
  ctx: SlackContext,
  c: { word: string; args: string[]; channel: string; user: string; lang: Lang },
): Promise<TeamAnswer | undefined> {
  const t = teamText(c.lang);
  const place = slackPlace(c.channel);
  if (c.word === 'muted' && c.args.length === 0) {
    const mutes = await listMutes(ctx.store, place);
    if (mutes.length === 0) return privately(t.noneMuted);
    return privately([t.mutedTitle, ...mutes.map((m) => t.mutedHere(m.code, m.by, m.until))].join('\n'));
  }
  if (c.word !== 'mute' && c.word !== 'unmute') return undefined;
  const code = parseCode(c.args[0]);
  if (code === undefined || c.args.length > (c.word === 'mute' ? 2 : 1)) return privately(t.muteUsage);
  if (c.word === 'unmute') {
    return (await unmuteCode(ctx.store, place, code)) ? publicly(t.unmuted(code)) : privately(t.notMuted(code));
  }
  const seconds = c.args[1] === undefined ? TTL.mute : parseDuration(c.args[1]);
  if (seconds === undefined) return privately(t.muteUsage);
  const mute = await muteCode(ctx.store, place, code, c.user, seconds, ctx.now());
  return publicly(t.muted(code, formatDuration(seconds), mute.until));
}

/** "Mute here 24 h": mutes the reply's codes in its channel and says so to the clicker only. */
export function muteButtonListener(ctx: SlackContext) {
  return async ({ ack, action, body }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseRef(action.value);
    const channel = body.channel?.id;
    if (!ref || !channel) return;
    const t = teamText(ref.l);
    const lines: string[] = [];
    for (const code of new Set(ref.f.map(([, c]) => c))) {
      const mute = await muteCode(ctx.store, slackPlace(channel), code, body.user.id, TTL.mute, ctx.now());
      lines.push(t.muted(code, formatDuration(TTL.mute), mute.until));
    }
    await respondWith(ctx, body.response_url, {
      response_type: 'ephemeral',
      replace_original: false,
      text: lines.join('\n'),
    });
  };
}
