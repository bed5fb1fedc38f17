/** The team features as the existing listeners use them: one call each (mutes, notes, counting). */
import { ACTION_MARKER, type Catalog, type Finding, type Lang, uiText } from '../core/index.js';
import { type CodeStat, formatDuration, type Mute, mutedCode, partitionMuted, recordExplained } from '../team/index.js';
import { type Block, clamp, LIMITS, renderNotice, type SlackMessage } from './blocks.js';
import type { SlackContext } from './context.js';
import { COMMAND } from './surface.js';

/** The answer to a team subcommand of `/msdk`. */
export interface TeamAnswer {
  message: SlackMessage;
  /** A change the whole channel should see (who muted what, a new digest); lists and usage stay private. */
  public: boolean;
  /** Already posted in the channel by the bot itself: nothing to answer through the response_url. */
  posted?: boolean;
}

export const privately = (mrkdwn: string): TeamAnswer => ({ message: renderNotice(mrkdwn), public: false });
export const publicly = (mrkdwn: string): TeamAnswer => ({ message: renderNotice(mrkdwn), public: true });

/** A private list too long for one section (3,000 characters): lines kept whole, as many sections as needed. */
export function privateList(lines: readonly string[]): TeamAnswer {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last]!.length + 1 + line.length <= LIMITS.sectionText) chunks[last] += `\n${line}`;
    else chunks.push(line);
  }
  const blocks = chunks.flatMap((c) => renderNotice(c).blocks);
  return { message: { text: clamp(lines.join('\n'), LIMITS.text), blocks }, public: false };
}

/** Slack renders the time in the reader's own time zone; the fallback is UTC. */
export const slackTime = (ms: number): string =>
  `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

/**
 * `🔕 *45009* muted by @kim until …`: a mute wherever Slack lists one. `name`, when given, replaces
 * the `<@user>` mention (which notifies that person) with plain text.
 */
export function mutedHereLine(lang: Lang, m: Mute, name?: string): string {
  return uiText(lang).mutedHere(m.code, name === undefined ? `<@${m.by}>` : escapeMrkdwn(name), slackTime(m.until));
}

/** Text Slack shows as is: `<`, `>` and `&` escaped, so a name cannot form a mention or a link. */
const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The confirmation of a new mute, for `seconds`. */
export function mutedLine(lang: Lang, m: Mute, seconds: number): string {
  return uiText(lang).muted(COMMAND, m.code, formatDuration(seconds), slackTime(m.until));
}

/**
 * Whose channels a request is about: its Enterprise Grid org (channel ids are unique within an org,
 * and a channel can be shared by its workspaces), else its workspace. Every channel-scoped key
 * starts with it, so two workspaces with the same channel id never share state.
 */
export const tenantOf = (c: { teamId?: string | undefined; enterpriseId?: string | undefined }): string =>
  c.enterpriseId ?? c.teamId ?? '-';

/**
 * The workspace a request is answered for: the installation that authorised it (Bolt's context,
 * from the event's `authorizations[0]`), never the envelope's `team_id`, which in a Slack Connect
 * channel names the workspace where the message was posted. Counts, language, the Home tab and
 * digests all use it, as the reply's token does, so no workspace sees another's channels.
 */
export const workspaceOf = (c: { teamId?: string | undefined; enterpriseId?: string | undefined }): string =>
  c.teamId ?? tenantOf(c);

/** A channel as the team modules name places (WeCom groups are `wecom:<chat>`): `slack:<tenant>:<channel>`. */
export const slackPlace = (tenant: string, channel: string): string => `slack:${tenant}:${channel}`;

/** Whose data a place is, for an uninstall's purge (src/team/purge.ts). */
export const slackOwner = (tenant: string): string => `slack:${tenant}`;

/** The tenant and channel of a `slackPlace` (no tenant in a place written before there was one). */
export function parseSlackPlace(place: string): { tenant: string; channel: string } {
  const parts = place.split(':');
  return { tenant: parts.length > 2 ? parts[1]! : '', channel: parts[parts.length - 1] ?? '' };
}

/** The findings a passive reply may still talk about in `channel`. */
export async function unmutedFindings(
  ctx: SlackContext,
  tenant: string,
  channel: string,
  findings: Finding[],
): Promise<Finding[]> {
  return (await partitionMuted(ctx.store, slackPlace(tenant, channel), findings)).open;
}

/** Under an explicit answer: one context line per finding muted in `channel` (none when nothing is). */
export async function muteNotes(
  ctx: SlackContext,
  tenant: string,
  channel: string | undefined,
  findings: readonly Finding[],
  lang: Lang,
): Promise<Block[]> {
  if (!channel) return [];
  const place = slackPlace(tenant, channel);
  const mutes = await Promise.all(findings.slice(0, 5).map((f) => mutedCode(ctx.store, place, f.code)));
  const lines = mutes.filter((m) => m !== undefined).map((m) => mutedHereLine(lang, m));
  return lines.length > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: lines.join('\n') }] }] : [];
}

/** Counts an answer's findings for the workspace's Home tab and digests (best effort: never blocks a reply). */
export async function countExplained(
  ctx: SlackContext,
  team: string | undefined,
  channel: string,
  findings: readonly Finding[],
): Promise<void> {
  if (!team || findings.length === 0) return;
  try {
    await recordExplained(ctx.store, team, channel, findings, ctx.now());
  } catch (err) {
    ctx.logger.warn({ err }, 'could not count explained codes');
  }
}

/** `🐢 *-4009* · 12× · _QQ game center_ · <#C1> <#C2>` (channels as Slack mentions, which need no scope). */
export function statLine(s: CodeStat, catalog: Catalog, lang: Lang, count: string): string {
  const channels = s.channels.map((c) => `<#${c.replace(/^slack:/, '')}>`).join(' ');
  return [`${ACTION_MARKER[s.action]} *${s.code}*`, count, `_${catalog.tableName(s.table, lang)}_`, channels]
    .filter(Boolean)
    .join(' · ');
}
