import type { App, BlockAction, ButtonAction, MessageShortcut, StaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { claimOnce, fromHuman, newHumanMessage, notForMention, readChannel } from '../middleware.js';
import {
  ACTION_FEEDBACK_DOWN,
  ACTION_FEEDBACK_UP,
  ACTION_HOME_LANG,
  ACTION_MUTE_HERE,
  ACTION_POST_PUBLIC,
  COMMAND,
  SHORTCUT_EXPLAIN,
  type SurfaceRecorder,
  VIEW_FEEDBACK,
} from '../surface.js';
import { postPublicListener } from './actions.js';
import { commandListener } from './command.js';
import { feedbackSubmitListener, voteListener } from './feedback.js';
import { homeLangListener, homeOpenedListener } from './home.js';
import { mentionListener } from './mention.js';
import { deletionListener, messageListener } from './message.js';
import { muteButtonListener } from './mute.js';
import { explainShortcutListener } from './shortcut.js';

/** Registers every listener; each id passes through the recorder on its way to Bolt. */
export function registerListeners(app: App, deps: SlackDeps, s: SurfaceRecorder): void {
  app.command(s.command(COMMAND), commandListener(deps));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: s.action(ACTION_POST_PUBLIC) },
    postPublicListener(deps),
  );
  app.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: s.shortcut(SHORTCUT_EXPLAIN) },
    explainShortcutListener(deps),
  );
  // The entry checks, in order; each drops what it stops, counted by reason (../middleware.ts).
  app.event(s.event('app_mention'), fromHuman(deps), claimOnce(deps), mentionListener(deps));
  app.event(
    s.event('message'),
    newHumanMessage(deps),
    readChannel(deps),
    notForMention,
    claimOnce(deps),
    messageListener(deps),
  );
  // Beside that chain, which drops a deletion as an edit: a deleted message takes the bot's replies along.
  app.event('message', deletionListener(deps));
  registerTeamListeners(app, deps, s);
}

/** Votes, one-click mute, the Home tab and the 👎 modal (src/team). */
function registerTeamListeners(app: App, deps: SlackDeps, s: SurfaceRecorder): void {
  const button = (id: string) => ({ type: 'block_actions' as const, action_id: s.action(id) });
  app.action<BlockAction<ButtonAction>>(button(ACTION_FEEDBACK_UP), voteListener(deps, 'up'));
  app.action<BlockAction<ButtonAction>>(button(ACTION_FEEDBACK_DOWN), voteListener(deps, 'down'));
  app.action<BlockAction<ButtonAction>>(button(ACTION_MUTE_HERE), muteButtonListener(deps));
  app.action<BlockAction<StaticSelectAction>>(button(ACTION_HOME_LANG), homeLangListener(deps));
  app.view(s.view(VIEW_FEEDBACK), feedbackSubmitListener(deps));
  app.event(s.event('app_home_opened'), homeOpenedListener(deps));
}
