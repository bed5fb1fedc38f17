/** The team subcommands of `/msdk`: mute, unmute, muted (mute.ts) and digest (../digest.ts). */
import type { webApi } from '@slack/bolt';
import type { Lang } from '../../core/index.js';
import type { SlackDeps } from '../deps.js';
import { digestCommand } from '../digest.js';
import type { TeamAnswer } from '../team.js';
import { muteCommand } from './mute.js';

/** The answer to a team subcommand, or undefined when `word` is not one (the text is then explained). */
export function teamCommand(
  deps: SlackDeps,
  c: { word: string; args: string[]; channel: string; user: string; team: string; tenant: string; lang: Lang },
  client: webApi.WebClient,
): Promise<TeamAnswer | undefined> {
  return c.word === 'digest' ? digestCommand(deps, c, client) : muteCommand(deps, c);
}
