/**
 * Installing the app in many workspaces (Slack's OAuth v2 flow through Bolt's InstallProvider):
 * `GET /slack/install` shows "Add to Slack", `GET /slack/oauth_redirect` exchanges the code and keeps
 * the installation, sealed, in the store. Every request is then answered with its workspace's token.
 */
import { type Installation, type InstallationQuery, InstallProvider } from '@slack/oauth';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import type { Route } from '../../server/http.js';
import type { Store } from '../../store/store.js';
import { boltLogger } from '../log.js';
import { SealedInstallationStore } from './installations.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  /** Signs the `state` parameter, so any replica can check a callback another one started. */
  stateSecret: string;
  /** 32 bytes that seal installations at rest. */
  installationKey: Buffer;
  /** The public https address of REDIRECT_PATH, when Slack must be told it explicitly. */
  redirectUri?: string;
}

export interface Installer {
  routes: Route[];
  authorize: InstallProvider['authorize'];
  /** The installation answering for a workspace (its own, else its org's), for work no request started. */
  find(where: { teamId: string; enterpriseId?: string | undefined }): Promise<Installation | undefined>;
  /** app_uninstalled / tokens_revoked: forget the workspace (or org). */
  forget(query: InstallationQuery<boolean>): Promise<void>;
}

export function createInstaller(options: {
  settings: OAuthSettings;
  scopes: string[];
  store: Store;
  logger: Logger;
  /** The App's: the code exchange gets the same deadline, retries and SLACK_API_URL as every other call. */
  clientOptions?: WebClientOptions;
}): Installer {
  const { settings, logger } = options;
  const installations = new SealedInstallationStore(options.store, settings.installationKey);
  const log = boltLogger(logger);
  const provider = new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateSecret: settings.stateSecret,
    installationStore: installations,
    installUrlOptions: {
      scopes: options.scopes,
      ...(settings.redirectUri && { redirectUri: settings.redirectUri }),
    },
    // Its errors are one browser's failed install (a forged or expired state, a reused code), which
    // `failure` below reports: a warning, not an error an operator is paged for.
    logger: { ...log, error: log.warn },
    ...(options.clientOptions && { clientOptions: options.clientOptions }),
  });
  return {
    routes: [
      { method: 'GET', path: INSTALL_PATH, handler: (req, res) => provider.handleInstallPath(req, res) },
      {
        method: 'GET',
        path: REDIRECT_PATH,
        handler: (req, res) =>
          provider.handleCallback(req, res, {
            success: (installation, _options, _req, response) => {
              const where = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
              logger.info({ team: where, enterprise: installation.enterprise?.id }, 'slack: app installed');
              response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
              response.end('<p>MSDK Error Helper is installed. Try <code>/msdk -303</code> in Slack.</p>');
            },
            failure: (error, _options, _req, response) => {
              logger.warn({ err: error }, 'slack: installation failed');
              response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
              response.end('<p>The installation did not complete. Start again from the install page.</p>');
            },
          }),
      },
    ],
    authorize: (source) => provider.authorize(source),
    find: (where) => installations.find({ ...where, enterpriseId: where.enterpriseId, isEnterpriseInstall: false }),
    async forget(query) {
      await installations.deleteInstallation(query);
      logger.info({ team: query.teamId, enterprise: query.enterpriseId }, 'slack: installation removed');
    },
  };
}
