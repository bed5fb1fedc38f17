/**
 * Slack digests: `/msdk digest daily|weekly|off` subscribes a channel; every replica runs the
 * schedule, and the store's claim lets exactly one post each digest (src/team/digest.ts).
 */
import type { webApi } from '@slack/bolt';
import { type Catalog, type Lang, uiText } from '../core/index.js';
import {
  CADENCES,
  type Cadence,
  type Digest,
  runDueDigests,
  type Subscription,
  scheduleDigests,
  subscribe,
  trendLabel,
} from '../team/index.js';
import { type Block, clamp, LIMITS, type SlackMessage } from './blocks.js';
import type { SlackContext } from './context.js';
import { postMessage } from './reply.js';
import { COMMAND } from './surface.js';
import { mutedHereLine, parseSlackPlace, privately, publicly, slackPlace, statLine, type TeamAnswer } from './team.js';

export function renderDigest(d: Digest, catalog: Catalog): SlackMessage {
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
    blocks.push(section(`${ui.digestMuted}\n${d.muted.map((m) => mutedHereLine(d.lang, m)).join('\n')}`));
  }
  const codes = d.top.map((e) => `${e.code} ×${e.count}`).join(', ');
  return { text: clamp(`${title}: ${codes || ui.digestEmpty}`, LIMITS.text), blocks };
}

/** `/msdk digest daily|weekly|off` in a channel; usage for anything else. */
export async function digestCommand(
  ctx: SlackContext,
  c: { args: string[]; channel: string; team: string; tenant: string; lang: Lang },
): Promise<TeamAnswer> {
  const ui = uiText(c.lang);
  const cadence = c.args.length === 1 ? c.args[0]!.toLowerCase() : '';
  if (cadence !== 'off' && !CADENCES.includes(cadence as Cadence)) return privately(ui.digestUsage(COMMAND));
  await subscribe(ctx.store, {
    cadence: cadence as Cadence | 'off',
    place: slackPlace(c.tenant, c.channel),
    workspace: c.team,
    lang: c.lang,
    since: ctx.now(),
  });
  return publicly(cadence === 'off' ? ui.digestOff : ui.digestOn(cadence as Cadence, ctx.digestHour));
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
export function startSlackDigests(ctx: SlackContext, clientFor: ClientFor, everyMs?: number) {
  const runner = {
    store: ctx.store,
    now: ctx.now,
    hour: ctx.digestHour,
    owns: (place: string) => place.startsWith('slack:'),
    post: async (sub: Subscription, digest: Digest) => {
      const { tenant, channel } = parseSlackPlace(sub.place);
      // The place's tenant is the org when it is not the workspace itself (tenantOf).
      const client = await clientFor({
        teamId: sub.workspace,
        ...(tenant && tenant !== sub.workspace && { enterpriseId: tenant }),
      });
      if (!client) {
        ctx.logger.info({ team: sub.workspace }, 'slack digest skipped: the workspace has no installation');
        return;
      }
      await postMessage(ctx, client, { channel }, renderDigest(digest, ctx.catalog()));
    },
  };
  return scheduleDigests(
    () => runDueDigests(runner),
    (err) => ctx.logger.warn({ err }, 'slack digest run failed'),
    everyMs,
  );
}
