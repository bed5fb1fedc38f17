/**
 * Installing the app in many workspaces (Slack's OAuth v2 flow through Bolt's InstallProvider):
 * `GET /slack/install` shows "Add to Slack", `GET /slack/oauth_redirect` exchanges the code and keeps
 * the installation, sealed, in the store. Every request is then answered with its workspace's token.
 * The pages are the app's own, in the installer's language (pages.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CodedError,
  ErrorCode,
  type Installation,
  type InstallationQuery,
  InstallProvider,
  type InstallURLOptions,
} from '@slack/oauth';
import type { WebClientOptions } from '@slack/web-api';
import type { Lang } from '../../core/index.js';
import type { Logger } from '../../logger.js';
import { OAUTH_EXCHANGE_TIMEOUT_MS } from '../../net/policy.js';
import type { Route } from '../../server/http.js';
import type { Store } from '../../store/store.js';
import { boltLogger } from '../log.js';
import { SealedInstallationStore } from './installations.js';
import { type FailureKind, failurePage, installerLang, installPage, successPage } from './pages.js';
import { SingleUseStateStore, stateCookie } from './state.js';

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
  close(): void;
}

/** A failed install as the installer sees it, and whether it is the browser's doing (no stack logged). */
function classify(error: CodedError): { kind: FailureKind; status: number; expected: boolean } {
  switch (error.code) {
    case ErrorCode.AuthorizationError: // access_denied: the installer pressed Cancel
      return { kind: 'cancelled', status: 200, expected: true };
    case ErrorCode.MissingStateError:
    case ErrorCode.InvalidStateError:
      return { kind: 'expired', status: 400, expected: true };
    case ErrorCode.MissingCodeError:
      return { kind: 'failed', status: 400, expected: true };
    default: {
      // From Slack's side of the exchange: refused (invalid_code, a reused or expired code), an HTTP
      // error, or no answer within OAUTH_EXCHANGE_TIMEOUT_MS. Anything else is ours, with a stack.
      const fromSlack = String(error.code).startsWith('slack_webapi_');
      return { kind: 'failed', status: fromSlack ? 502 : 500, expected: fromSlack };
    }
  }
}

export function createInstaller(options: {
  settings: OAuthSettings;
  scopes: string[];
  store: Store;
  logger: Logger;
  /** Pages fall back to it when the browser asks for none of ko/en/zh. */
  lang: Lang;
  /** The App's (SLACK_API_URL); the code exchange gets its own deadline and no retries. */
  clientOptions?: WebClientOptions;
}): Installer {
  const { settings, logger } = options;
  const installations = SealedInstallationStore.on(options.store, settings.installationKey, logger);
  const stateStore = new SingleUseStateStore(settings.stateSecret, options.store);
  const log = boltLogger(logger);
  const installUrlOptions: InstallURLOptions = {
    scopes: options.scopes,
    ...(settings.redirectUri && { redirectUri: settings.redirectUri }),
  };
  const common = {
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    installationStore: installations,
    installUrlOptions,
    // Its errors and warnings are one browser's failed install, which `failure` below logs once.
    logger: { ...log, error: log.debug, warn: log.debug },
    clientOptions: { ...options.clientOptions, retryConfig: { retries: 0 }, timeout: OAUTH_EXCHANGE_TIMEOUT_MS },
  };
  const provider = new InstallProvider({ ...common, stateStore });
  /**
   * Installs started from Slack itself, not from INSTALL_PATH: an org admin approving the app on the
   * admin pages (org_deploy_enabled) or the App Directory. Slack sends those to the redirect with a
   * `code` and no `state`, so there is no browser session to check them against. Accepting them is
   * safe here: state protects an installer from completing someone else's install (login CSRF), and
   * this app binds no user to an install; the code still has to be exchanged with our client secret.
   * Only a redirect without any `state` takes this path; one with a bad state is refused.
   */
  const stateless = new InstallProvider({ ...common, stateVerification: false });

  const callbackOptions = (lang: Lang) => ({
    success: (installation: Installation, _o: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      const where = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
      logger.info({ team: where, enterprise: installation.enterprise?.id }, 'slack: app installed');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(successPage(lang, installation));
    },
    failure: (error: CodedError, _o: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      const { kind, status, expected } = classify(error);
      if (expected) logger.warn({ reason: error.code, detail: error.message }, 'slack: installation failed');
      else logger.error({ err: error }, 'slack: installation failed');
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(failurePage(lang, kind, INSTALL_PATH));
    },
  });

  async function handleInstall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lang = installerLang(req, options.lang);
    const state = await stateStore.generateStateParam(installUrlOptions, new Date());
    const url = await provider.generateInstallUrl(installUrlOptions, true, state);
    res.setHeader('set-cookie', stateCookie(state));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(installPage(lang, url));
  }

  async function handleRedirect(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lang = installerLang(req, options.lang);
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const fromSlack = !query.has('state') && query.has('code');
    await (fromSlack ? stateless : provider).handleCallback(req, res, callbackOptions(lang));
  }

  return {
    routes: [
      { method: 'GET', path: INSTALL_PATH, handler: handleInstall },
      { method: 'GET', path: REDIRECT_PATH, handler: handleRedirect },
    ],
    authorize: (source) => provider.authorize(source),
    find: (where) => installations.find({ ...where, enterpriseId: where.enterpriseId, isEnterpriseInstall: false }),
    async forget(query) {
      await installations.deleteInstallation(query);
      logger.info({ team: query.teamId, enterprise: query.enterpriseId }, 'slack: installation removed');
    },
    close: () => installations.close(),
  };
}
