import type { webApi } from '@slack/bolt';
import { type Lang, parseLang } from '../core/index.js';
import { readCache, writeCached } from '../store/cache.js';
import { TTL } from '../store/ttl.js';
import type { SlackDeps } from './deps.js';

const NO_LOCALE = '-';

const langKey = (team: string, user: string): string => `lang:${team}:${user}`;
const localeKey = (team: string, user: string): string => `locale:${team}:${user}`;

/** `ko-KR` → ko, `zh-TW` → zh, `en-GB` → en; anything else → undefined. */
function langFromLocale(locale: string | undefined): Lang | undefined {
  return parseLang(locale?.split(/[-_]/)[0]);
}

export async function setUserLang(deps: SlackDeps, team: string, user: string, lang: Lang): Promise<void> {
  await writeCached(deps.store, langKey(team, user), lang);
}

/**
 * The user's language: their `/msdk lang` choice, else their Slack locale (users.info, cached a day),
 * else the workspace default from config.
 */
export async function resolveLang(
  deps: SlackDeps,
  client: webApi.WebClient,
  team: string | undefined,
  user: string | undefined,
): Promise<Lang> {
  if (!team || !user) return deps.config.lang;
  // Both at once, and from the read cache: asked on every message, changed by `/msdk lang` (which tells every replica).
  const [choice, known] = await readCache(deps.store).getMany([langKey(team, user), localeKey(team, user)]);
  const chosen = parseLang(choice);
  if (chosen) return chosen;
  let locale = known;
  if (locale === undefined) {
    let ttl: number = TTL.locale;
    try {
      const res = await deps.callApi('users.info', () => client.users.info({ user, include_locale: true }));
      locale = res.user?.locale ?? NO_LOCALE;
    } catch (err) {
      // Missing users:read or a transient error: the default language is a fine answer; ask again later.
      deps.logger.debug({ err }, 'users.info failed; using the default language');
      locale = NO_LOCALE;
      ttl = TTL.localeUnknown;
    }
    await writeCached(deps.store, localeKey(team, user), locale, ttl);
  }
  return langFromLocale(locale) ?? deps.config.lang;
}
