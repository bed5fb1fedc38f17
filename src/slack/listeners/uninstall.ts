/**
 * OAuth mode: a workspace (or org) that uninstalls the app, or revokes its bot token, is forgotten
 * at once, so no token of it stays in the store. Bolt delivers these two events without authorize.
 * An uninstall also takes the workspace's data with it, as Slack's app review asks: its mutes,
 * counts and digests (src/team/purge.ts, stats.ts, digest.ts).
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { InstallationQuery } from '@slack/oauth';
import { forgetStats, purgeMutes, purgeWorkspaceDigests } from '../../team/index.js';
import type { SlackDeps } from '../deps.js';
import type { Installer } from '../oauth/index.js';
import type { SurfaceRecorder } from '../surface.js';
import { slackOwner } from '../team.js';

const queryOf = (context: AllMiddlewareArgs['context']) => ({
  teamId: context.teamId,
  enterpriseId: context.enterpriseId,
  isEnterpriseInstall: context.isEnterpriseInstall === true,
});

/**
 * Channel state (mutes) belongs to the tenant: the org of an org-wide install, a workspace outside
 * any org. A workspace of an org leaves the org's shared channels as they are. Counts and digests
 * belong to the workspace; an org-wide install's are kept per workspace of the org, which it does
 * not list: its counts expire (TTL.dayStats), its digests stop finding an installation.
 */
export async function purgeUninstalled(deps: SlackDeps, q: InstallationQuery<boolean>): Promise<void> {
  const tenant = q.isEnterpriseInstall ? q.enterpriseId : q.enterpriseId ? undefined : q.teamId;
  const workspace = q.isEnterpriseInstall ? undefined : q.teamId;
  try {
    const mutes = tenant ? await purgeMutes(deps.store, slackOwner(tenant)) : 0;
    const codes = workspace ? await forgetStats(deps.store, workspace, deps.now()) : 0;
    const digests = workspace ? await purgeWorkspaceDigests(deps.store, workspace) : 0;
    deps.logger.info(
      { team: q.teamId, enterprise: q.enterpriseId, mutes, codes, digests },
      'slack: uninstalled, data purged',
    );
  } catch (err) {
    deps.logger.warn({ err, team: q.teamId }, 'slack: could not purge an uninstalled workspace');
  }
}

export function registerUninstallListeners(app: App, deps: SlackDeps, installer: Installer, s: SurfaceRecorder): void {
  app.event(s.event('app_uninstalled'), async ({ context }) => {
    const query = queryOf(context);
    await installer.forget(query);
    await purgeUninstalled(deps, query);
  });
  app.event(
    s.event('tokens_revoked'),
    async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
      // Only a revoked bot token matters: user tokens are never asked for.
      if ((event.tokens.bot?.length ?? 0) > 0) await installer.forget(queryOf(context));
    },
  );
}
