/**
 * OAuth mode: a workspace (or org) that uninstalls the app, or revokes its bot token, is forgotten
 * at once, so no token of it stays in the store. Bolt delivers these two events without authorize.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Installer } from '../oauth/index.js';
import type { SurfaceRecorder } from '../surface.js';

const queryOf = (context: AllMiddlewareArgs['context']) => ({
  teamId: context.teamId,
  enterpriseId: context.enterpriseId,
  isEnterpriseInstall: context.isEnterpriseInstall === true,
});

export function registerUninstallListeners(app: App, installer: Installer, s: SurfaceRecorder): void {
  app.event(s.event('app_uninstalled'), async ({ context }) => installer.forget(queryOf(context)));
  app.event(
    s.event('tokens_revoked'),
    async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
      // Only a revoked bot token matters: user tokens are never asked for.
      if ((event.tokens.bot?.length ?? 0) > 0) await installer.forget(queryOf(context));
    },
  );
}
