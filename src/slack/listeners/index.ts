import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import { ACTION_POST_PUBLIC, COMMAND, SHORTCUT_EXPLAIN, type SurfaceRecorder } from '../surface.js';
import { postPublicListener } from './actions.js';
import { commandListener } from './command.js';
import { mentionListener } from './mention.js';
import { messageListener } from './message.js';
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
}
