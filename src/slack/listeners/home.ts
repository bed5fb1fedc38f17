/**
 * The App Home tab, published on `app_home_opened`: how to use the bot, the reader's language (a
 * menu that changes it), and this workspace's last 7 days: the 10 codes explained most, with
 * counts, table, action marker and channels (src/team/stats.ts).
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  StaticSelectAction,
  types,
} from '@slack/bolt';
import { type Catalog, LANGS, type Lang, parseLang, uiText } from '../../core/index.js';
import { type CodeStat, weekStats } from '../../team/index.js';
import { type Block, clamp, LIMITS } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { resolveLang, setUserLang } from '../lang.js';
import { ACTION_HOME_LANG, COMMAND } from '../surface.js';
import { statLine, workspaceOf } from '../team.js';

type EventArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type SelectArgs = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

const HOME_TOP = 10;
const LANG_NAMES: Record<Lang, string> = { ko: '한국어', en: 'English', zh: '中文' };

export function renderHome(stats: CodeStat[], catalog: Catalog, lang: Lang): types.HomeView {
  const ui = uiText(lang);
  const option = (l: Lang) => ({ text: { type: 'plain_text' as const, text: LANG_NAMES[l] }, value: l });
  const top = stats.slice(0, HOME_TOP).map((s) => `• ${statLine(s, catalog, lang, `${s.count}×`)}`);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: ui.homeTitle } },
    { type: 'section', text: { type: 'mrkdwn', text: clamp(ui.usage(COMMAND), LIMITS.sectionText) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: clamp(ui.homeHow, LIMITS.contextText) }] },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: ui.homeLang },
      accessory: {
        type: 'static_select',
        action_id: ACTION_HOME_LANG,
        options: LANGS.map(option),
        initial_option: option(lang),
      },
    },
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: ui.homeWeek } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clamp(top.length > 0 ? top.join('\n') : ui.homeEmpty, LIMITS.sectionText) },
    },
  ];
  return { type: 'home', blocks };
}

async function publishHome(deps: SlackDeps, client: EventArgs['client'], team: string, user: string): Promise<void> {
  const lang = await resolveLang(deps, client, team, user);
  const stats = await weekStats(deps.store, team, deps.now());
  await deps.callApi('views.publish', () =>
    client.views.publish({ user_id: user, view: renderHome(stats, deps.catalog(), lang) }),
  );
}

export function homeOpenedListener(deps: SlackDeps) {
  return async ({ event, client, context }: EventArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, workspaceOf(context), event.user);
  };
}

/** The Home tab's language menu: remembers the choice (as `/msdk lang` does) and republishes. */
export function homeLangListener(deps: SlackDeps) {
  return async ({ ack, action, body, client, context }: SelectArgs): Promise<void> => {
    await ack();
    const lang = parseLang(action.selected_option?.value);
    const team = workspaceOf(context);
    if (!lang) return;
    await setUserLang(deps, team, body.user.id, lang);
    await publishHome(deps, client, team, body.user.id);
  };
}
