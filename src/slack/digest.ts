/**
 * Slack digests: `/msdk digest daily|weekly|off` subscribes a channel; every replica runs the
 * schedule, and the store's claim lets exactly one post each digest (src/team/digest.ts).
 *
 * The confirmation is posted as the bot (chat.postMessage), not through the command's response_url:
 * where the bot cannot post (a channel it is not in, a DM between people), that post fails now, and
 * the subscription is refused there and then instead of failing silently at every slot.
 */
import type { webApi } from '@slack/bolt';
import { type Catalog, type Lang, uiText } from '../core/index.js';
import {
  CADENCES,
  type Cadence,
  DIGESTS_PER_WORKSPACE,
  type Digest,
  hasDigestRoom,
  knownZone,
  runDueDigests,
  type Subscription,
  scheduleDigests,
  serverZone,
  subscribe,
  trendLabel,
  unsubscribe,
} from '../team/index.js';
import { type Block, clamp, LIMITS, renderNotice, type SlackMessage } from './blocks.js';
import type { SlackDeps } from './deps.js';
import { postMessage } from './reply.js';
import { COMMAND } from './surface.js';
import { mutedHereLine, parseSlackPlace, privately, publicly, slackPlace, statLine, type TeamAnswer } from './team.js';

/**
 * `names`: display names of the people who muted codes, by user id. A digest names them without
 * `<@U…>` mentions, which would notify each of them at every digest; an unknown one shows as the id.
 */
export function renderDigest(
  d: Digest,
  catalog: Catalog,
  names: ReadonlyMap<string, string> = new Map(),
): SlackMessage {
  const ui = uiText(d.lang);
  const title = ui.digestTitle(d.cadence, d.from, d.to);
  const section = (text: string): Block => ({
    type: 'section',
    text: { type: 'mrkdwn', text: clamp(text, LIMITS.sectionText) },
  });
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clamp(title, LIMITS.headerText) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: ui.digestTotal(d.total, d.previousTotal) }] },
  ];
  if (d.top.length === 0) blocks.push(section(ui.digestEmpty));
  else blocks.push(section(d.top.map((e) => `• ${statLine(e, catalog, d.lang, trendLabel(e))}`).join('\n')));
  if (d.fresh.length > 0) {
    blocks.push(
      section(
        `*${ui.digestNew}*\n${d.fresh.map((s) => `• ${statLine(s, catalog, d.lang, `${s.count}×`)}`).join('\n')}`,
      ),
    );
  }
  if (d.muted.length > 0) {
    const lines = d.muted.map((m) => mutedHereLine(d.lang, m, names.get(m.by) ?? m.by));
    if (d.mutedMore > 0) lines.push(`_${ui.moreMuted(d.mutedMore)}_`);
    blocks.push(section(`${ui.digestMuted}\n${lines.join('\n')}`));
  }
  const codes = d.top.map((e) => `${e.code} ×${e.count}`).join(', ');
  return { text: clamp(`${title}: ${codes || ui.digestEmpty}`, LIMITS.text), blocks };
}

/** The user's time zone from their Slack profile (users.info `tz`); the server's when unknown. */
async function userZone(deps: SlackDeps, client: webApi.WebClient, user: string): Promise<string> {
  try {
    const res = await deps.callApi('users.info', () => client.users.info({ user }));
    return knownZone(res.user?.tz) ?? serverZone();
  } catch (err) {
    deps.logger.debug({ err }, 'users.info failed; the digest hour is in server time');
    return serverZone();
  }
}

/**
 * `/msdk digest daily|weekly|off` in a channel; usage for anything else. A new digest is confirmed
 * by the bot's own post in the channel, and refused (privately) when that post is not possible.
 */
export async function digestCommand(
  deps: SlackDeps,
  c: { args: string[]; channel: string; user: string; team: string; tenant: string; lang: Lang },
  client: webApi.WebClient,
): Promise<TeamAnswer> {
  const ui = uiText(c.lang);
  const cadence = c.args.length === 1 ? c.args[0]!.toLowerCase() : '';
  if (cadence !== 'off' && !CADENCES.includes(cadence as Cadence)) return privately(ui.digestUsage(COMMAND));
  const place = slackPlace(c.tenant, c.channel);
  if (cadence === 'off') {
    await unsubscribe(deps.store, c.team, place);
    return publicly(ui.digestOff);
  }
  if (!(await hasDigestRoom(deps.store, c.team, place))) return privately(ui.digestFull(DIGESTS_PER_WORKSPACE));
  const tz = await userZone(deps, client, c.user);
  const confirmation = renderNotice(ui.digestOn(cadence as Cadence, deps.digestHour, tz));
  if (!(await postMessage(deps, client, { channel: c.channel }, confirmation))) {
    return privately(ui.digestNoAccess(COMMAND));
  }
  const sub = { cadence: cadence as Cadence, place, workspace: c.team, lang: c.lang, since: deps.now(), tz };
  if (!(await subscribe(deps.store, sub))) return privately(ui.digestFull(DIGESTS_PER_WORKSPACE));
  return { ...publicly(ui.digestOn(cadence as Cadence, deps.digestHour, tz)), posted: true };
}

/** Display names of `users` (users.info), so a digest can name people without notifying them. */
async function displayNames(
  deps: SlackDeps,
  client: webApi.WebClient,
  users: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(users)].map(async (user) => {
      try {
        const res = await deps.callApi('users.info', () => client.users.info({ user }));
        const name = res.user?.profile?.display_name || res.user?.real_name || res.user?.name;
        if (name) names.set(user, name);
      } catch (err) {
        deps.logger.debug({ err }, 'users.info failed; the digest shows a user id');
      }
    }),
  );
  return names;
}

/**
 * A Web API client with the token of the workspace `teamId` (of org `enterpriseId`), or undefined
 * when it has no installation any more.
 */
export type ClientFor = (where: {
  teamId: string;
  enterpriseId?: string | undefined;
}) => Promise<webApi.WebClient | undefined>;

/** Starts the digest schedule of this replica (a missed slot is posted at once). */
export function startSlackDigests(deps: SlackDeps, clientFor: ClientFor, everyMs?: number) {
  const runner = {
    store: deps.store,
    now: deps.now,
    hour: deps.digestHour,
    owns: (place: string) => place.startsWith('slack:'),
    post: async (sub: Subscription, digest: Digest) => {
      const { tenant, channel } = parseSlackPlace(sub.place);
      // The place's tenant is the org when it is not the workspace itself (tenantOf).
      const client = await clientFor({
        teamId: sub.workspace,
        ...(tenant && tenant !== sub.workspace && { enterpriseId: tenant }),
      });
      if (!client) {
        deps.logger.info({ team: sub.workspace }, 'slack digest skipped: the workspace has no installation');
        return;
      }
      const names = await displayNames(
        deps,
        client,
        digest.muted.map((m) => m.by),
      );
      await postMessage(deps, client, { channel }, renderDigest(digest, deps.catalog(), names));
    },
  };
  return scheduleDigests(
    () => runDueDigests(runner),
    (err) => deps.logger.warn({ err }, 'slack digest run failed'),
    everyMs,
  );
}
