/**
 * The app's own install, success and failure pages (not Bolt's English defaults), in the
 * installer's language: the browser's Accept-Language when it asks for ko, en or zh, else LANG.
 */
import type { IncomingMessage } from 'node:http';
import type { Installation } from '@slack/oauth';
import { type Lang, parseLang, uiText } from '../../core/index.js';
import { COMMAND } from '../surface.js';

/** The first of ko/en/zh the browser prefers (by q-value, then order), else `fallback`. */
export function installerLang(req: IncomingMessage, fallback: Lang): Lang {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return fallback;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: parseLang(tag.split('-')[0]?.toLowerCase()), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.lang !== undefined && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang ?? fallback;
}

const html = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}a.button{display:inline-block;padding:.6rem 1.2rem;background:#4a154b;color:#fff;border-radius:4px;text-decoration:none}</style>
</head>
<body>
<h1>${html(title)}</h1>
${body}
</body>
</html>
`;
}

/** GET /slack/install: what the app does, and the "Add to Slack" link (Slack's authorize URL). */
export function installPage(lang: Lang, authorizeUrl: string): string {
  const ui = uiText(lang);
  return page(
    lang,
    ui.installTitle,
    `<p>${html(ui.installIntro)}</p>\n<p><a class="button" href="${html(authorizeUrl)}">${html(ui.installButton)}</a></p>`,
  );
}

/**
 * Where an org-wide install goes next: the org's page that adds the app to its workspaces, built
 * from the org's URL that auth.test gave, as @slack/oauth's default success page builds it
 * (dist/callback-options.js, defaultCallbackSuccess).
 */
export function workspacesAddUrl(installation: Installation): string | undefined {
  const base = installation.enterpriseUrl;
  if (!installation.isEnterpriseInstall || !installation.appId || !base?.startsWith('https://')) return undefined;
  const origin = base.endsWith('/') ? base : `${base}/`;
  return `${origin}manage/organization/apps/profile/${encodeURIComponent(installation.appId)}/workspaces/add`;
}

export function successPage(lang: Lang, installation: Installation): string {
  const ui = uiText(lang);
  const addUrl = workspacesAddUrl(installation);
  if (installation.isEnterpriseInstall) {
    const link = addUrl ? `\n<p><a class="button" href="${html(addUrl)}">${html(ui.installedOrgLink)}</a></p>` : '';
    return page(lang, ui.installedTitle, `<p>${html(ui.installedOrg)}</p>${link}`);
  }
  const team = installation.team?.id;
  const open = team ? `https://app.slack.com/client/${encodeURIComponent(team)}` : 'https://app.slack.com/client';
  return page(
    lang,
    ui.installedTitle,
    `<p>${html(ui.installedTry(COMMAND))}</p>\n<p><a class="button" href="${html(open)}">${html(ui.installedOpen)}</a></p>`,
  );
}

export type FailureKind = 'cancelled' | 'expired' | 'failed';

export function failurePage(lang: Lang, kind: FailureKind, installPath: string): string {
  const ui = uiText(lang);
  const why = kind === 'cancelled' ? ui.installCancelled : kind === 'expired' ? ui.installExpired : ui.installFailed;
  return page(
    lang,
    ui.installFailedTitle,
    `<p>${html(why)}</p>\n<p><a href="${html(installPath)}">${html(ui.installAgain)}</a></p>`,
  );
}
