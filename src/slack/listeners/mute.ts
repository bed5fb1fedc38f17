/**
 * `/msdk mute <code> [30m|2h|7d]`, `/msdk unmute <code>`, `/msdk muted` in a channel, and the
 * "Mute here 24 h" button under passive replies: passive replies about a muted code stop in that
 * channel until the mute expires (src/team/mute.ts).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type Lang, uiText } from '../../core/index.js';
import { TTL } from '../../store/ttl.js';
import {
  listMutes,
  MUTE_CAP,
  MUTES_SHOWN,
  muteCode,
  parseCode,
  parseDuration,
  rememberMute,
  unmuteCode,
} from '../../team/index.js';
import type { SlackDeps } from '../deps.js';
import { respondWith } from '../reply.js';
import { COMMAND } from '../surface.js';
import {
  mutedHereLine,
  mutedLine,
  privateList,
  privately,
  publicly,
  slackOwner,
  slackPlace,
  type TeamAnswer,
  tenantOf,
} from '../team.js';
import { parseRef } from './feedback.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The answer to `mute`, `unmute` or `muted` (with their arguments), or undefined for other words. */
export async function muteCommand(
  deps: SlackDeps,
  c: { word: string; args: string[]; channel: string; user: string; tenant: string; lang: Lang },
): Promise<TeamAnswer | undefined> {
  const ui = uiText(c.lang);
  const place = slackPlace(c.tenant, c.channel);
  if (c.word === 'muted' && c.args.length === 0) {
    const { mutes, more } = await listMutes(deps.store, place, MUTES_SHOWN, deps.now());
    if (mutes.length === 0) return privately(ui.noneMuted);
    const lines = [ui.mutedTitle, ...mutes.map((m) => mutedHereLine(c.lang, m))];
    return privateList([...lines, ...(more > 0 ? [`_${ui.moreMuted(more)}_`] : [])]);
  }
  if (c.word !== 'mute' && c.word !== 'unmute') return undefined;
  const code = parseCode(c.args[0]);
  if (code === undefined || c.args.length > (c.word === 'mute' ? 2 : 1)) return privately(ui.muteUsage(COMMAND));
  if (c.word === 'unmute') {
    return (await unmuteCode(deps.store, place, code, deps.now()))
      ? publicly(ui.unmuted(code))
      : privately(ui.notMuted(code));
  }
  const seconds = c.args[1] === undefined ? TTL.mute : parseDuration(c.args[1]);
  if (seconds === undefined) return privately(ui.muteUsage(COMMAND));
  const mute = await muteCode(deps.store, place, code, c.user, seconds, deps.now());
  if (mute) await rememberMute(deps.store, slackOwner(c.tenant), place, code);
  return mute ? publicly(mutedLine(c.lang, mute, seconds)) : privately(ui.muteFull(MUTE_CAP));
}

/** "Mute here 24 h": mutes the reply's codes in its channel and says so to the clicker only. */
export function muteButtonListener(deps: SlackDeps) {
  return async ({ ack, action, body, context }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseRef(action.value);
    const channel = body.channel?.id;
    if (!ref || !channel) return;
    const tenant = tenantOf(context);
    const place = slackPlace(tenant, channel);
    const lines: string[] = [];
    for (const code of new Set(ref.f.map(([, c]) => c))) {
      const mute = await muteCode(deps.store, place, code, body.user.id, TTL.mute, deps.now());
      if (mute) await rememberMute(deps.store, slackOwner(tenant), place, code);
      lines.push(mute ? mutedLine(ref.l, mute, TTL.mute) : uiText(ref.l).muteFull(MUTE_CAP));
    }
    await respondWith(deps, body.response_url, {
      response_type: 'ephemeral',
      replace_original: false,
      text: lines.join('\n'),
    });
  };
}
