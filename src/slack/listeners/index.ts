import type { App, BlockAction, ButtonAction, MessageShortcut, StaticSelectAction } from '@slack/bolt';
import type { SlackContext } from '../context.js';
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
import { messageListener } from './message.js';
import { muteButtonListener } from './mute.js';
import { explainShortcutListener } from './shortcut.js';

/** Registers every listener; each id passes through the recorder on its way to Bolt. */
export function registerListeners(app: App, ctx: SlackContext, s: SurfaceRecorder): void {
  app.command(s.command(COMMAND), commandListener(ctx));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: s.action(ACTION_POST_PUBLIC) },
    postPublicListener(ctx),
  );
  app.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: s.shortcut(SHORTCUT_EXPLAIN) },
    explainShortcutListener(ctx),
  );
  app.event(s.event('app_mention'), mentionListener(ctx));
  app.event(s.event('message'), messageListener(ctx));
  registerTeamListeners(app, ctx, s);
}

/** Votes, one-click mute, the Home tab and the 👎 modal (src/team). */
function registerTeamListeners(app: App, ctx: SlackContext, s: SurfaceRecorder): void {
  const button = (id: string) => ({ type: 'block_actions' as const, action_id: s.action(id) });
  app.action<BlockAction<ButtonAction>>(button(ACTION_FEEDBACK_UP), voteListener(ctx, 'up'));
  app.action<BlockAction<ButtonAction>>(button(ACTION_FEEDBACK_DOWN), voteListener(ctx, 'down'));
  app.action<BlockAction<ButtonAction>>(button(ACTION_MUTE_HERE), muteButtonListener(ctx));
  app.action<BlockAction<StaticSelectAction>>(button(ACTION_HOME_LANG), homeLangListener(ctx));
  app.view(s.view(VIEW_FEEDBACK), feedbackSubmitListener(ctx));
  app.event(s.event('app_home_opened'), homeOpenedListener(ctx));
}
