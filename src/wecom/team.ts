/**
 * The team features in WeCom groups: `@robot mute 45009 2h`, `@robot unmute 45009`, `@robot muted`
 * (passive replies about a muted code stop in that group), counts of what was explained, and a
 * daily digest to the WECOM_DIGEST group robot at DIGEST_HOUR (src/team).
 */
import type { AdapterDeps } from '../adapter.js';
import type { Analysis, Lang, Mode } from '../core/index.js';
import { ACTION_MARKER, defaultCatalog, uiText } from '../core/index.js';
import { TTL } from '../store/ttl.js';
import {
  type Digest,
  dayId,
  formatDuration,
  listMutes,
  MUTE_CAP,
  MUTES_SHOWN,
  muteCode,
  parseCode,
  parseDuration,
  partitionMuted,
  postDueDigest,
  recordExplained,
  scheduleDigests,
  trendLabel,
  unmuteCode,
} from '../team/index.js';
import { type InboundMessage, senderMention } from './callback.js';
import { SendQueues } from './queue.js';
import { WebhookClient } from './webhook.js';

/** All WeCom groups count as one workspace in the digest. */
const WORKSPACE = 'wecom';
const DIGEST_PLACE = 'wecom:digest';

/** Server-local time, minutes precision: WeCom markdown has no per-reader time rendering. */
const localTime = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${dayId(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function digestMarkdown(d: Digest): string {
  const ui = uiText(d.lang);
  const catalog = defaultCatalog();
  const line = (s: Digest['fresh'][number], count: string) =>
    `> ${ACTION_MARKER[s.action]} \`${s.code}\` ${count} · ${catalog.tableName(s.table, d.lang)}`;
  const parts = [`**${ui.digestTitle('daily', d.from, d.to)}**`, ui.digestTotal(d.total, d.previousTotal)];
  parts.push(d.top.length > 0 ? d.top.map((e) => line(e, trendLabel(e))).join('\n') : ui.digestEmpty);
  if (d.fresh.length > 0) parts.push(`**${ui.digestNew}**\n${d.fresh.map((s) => line(s, `${s.count}×`)).join('\n')}`);
  return parts.join('\n');
}

export interface WecomTeam {
  /** Handles a team command said to the robot in a group; true when it was one (and was answered). */
  command(msg: InboundMessage, text: string, mentioned: boolean, target: string): Promise<boolean>;
  /** Overheard (scan) findings minus those muted in the group; what remains is counted as explained. */
  filter(msg: InboundMessage, mode: Mode, analysis: Analysis): Promise<Analysis>;
  /** Whether a passive reply about `findings` is still wanted: not all of them muted since. */
  stillWanted(msg: InboundMessage, findings: Analysis['findings']): Promise<boolean>;
}

export function createWecomTeam(
  deps: Pick<AdapterDeps, 'store' | 'logger'> & {
    lang: Lang;
    now: () => number;
    /** Sends one markdown message to a webhook URL (through the rate-limited queues). */
    send: (url: string, markdown: string) => Promise<unknown>;
  },
): WecomTeam {
  const { store, now } = deps;
  const ui = uiText(deps.lang);
  const place = (msg: InboundMessage) => (msg.chatId ? `wecom:${msg.chatId}` : undefined);

  const answer = async (words: string[], where: string, by: string): Promise<string | undefined> => {
    const [word = '', ...args] = words;
    if (word === 'muted' && args.length === 0) {
      const { mutes, more } = await listMutes(store, where, MUTES_SHOWN, now());
      if (mutes.length === 0) return ui.wecomNoneMuted;
      const lines = [ui.wecomMutedTitle, ...mutes.map((m) => `> \`${m.code}\` ${m.by} → ${localTime(m.until)}`)];
      return [...lines, ...(more > 0 ? [ui.moreMuted(more)] : [])].join('\n');
    }
    if (word !== 'mute' && word !== 'unmute') return undefined;
    const code = parseCode(args[0]);
    if (code === undefined || args.length > (word === 'mute' ? 2 : 1)) return ui.wecomMuteUsage;
    if (word === 'unmute')
      return (await unmuteCode(store, where, code, now())) ? ui.wecomUnmuted(code) : ui.wecomNotMuted(code);
    const seconds = args[1] === undefined ? TTL.mute : parseDuration(args[1]);
    if (seconds === undefined) return ui.wecomMuteUsage;
    const mute = await muteCode(store, where, code, by, seconds, now());
    if (!mute) return ui.muteFull(MUTE_CAP);
    return ui.wecomMuted(code, formatDuration(seconds), localTime(mute.until));
  };

  return {
    async command(msg, text, mentioned, target) {
      const where = place(msg);
      if (!mentioned || !where) return false;
      const reply = await answer(text.trim().toLowerCase().split(/\s+/), where, msg.userId ?? '?');
      if (reply === undefined) return false;
      const mention = senderMention(msg.userId);
      await deps.send(target, mention ? `<@${mention}>\n${reply}` : reply);
      return true;
    },
    async filter(msg, mode, analysis) {
      const where = place(msg);
      let findings = analysis.findings;
      if (mode === 'scan' && where) findings = (await partitionMuted(store, where, findings)).open;
      if (findings.length > 0) {
        await recordExplained(store, WORKSPACE, msg.chatId ?? msg.userId ?? '-', findings, now()).catch(
          (err: unknown) => deps.logger.warn({ err }, 'could not count explained codes'),
        );
      }
      return findings === analysis.findings ? analysis : { ...analysis, findings };
    },
    async stillWanted(msg, findings) {
      const where = place(msg);
      return !where || (await partitionMuted(store, where, findings)).open.length > 0;
    },
  };
}

/**
 * WECOM_DIGEST: a daily digest of every group's codes to that group robot at DIGEST_HOUR, posted
 * by one replica (the store's claim); started by the server only, never by `msdk notify`.
 */
export function startWecomDigest(
  deps: Pick<AdapterDeps, 'store' | 'logger' | 'metrics' | 'now'> & {
    digest: { webhookUrl: string; hour: number };
    lang: Lang;
    everyMs?: number;
  },
): { stop(): Promise<void> } {
  const { digest, store, logger } = deps;
  const now = deps.now ?? Date.now;
  const queues = new SendQueues({ client: new WebhookClient(), store, logger, metrics: deps.metrics, now });
  const runner = {
    store,
    now,
    hour: digest.hour,
    post: async (_sub: unknown, d: Digest) => {
      const outcome = await queues.send(digest.webhookUrl, [
        { msgtype: 'markdown', markdown: { content: digestMarkdown(d) } },
      ]);
      if (!outcome.delivered) logger.warn({ period: d.from }, 'wecom digest not delivered');
    },
  };
  const sub = { cadence: 'daily', place: DIGEST_PLACE, workspace: WORKSPACE, lang: deps.lang, since: 0 } as const;
  const schedule = scheduleDigests(
    () => postDueDigest(runner, sub),
    (err) => logger.warn({ err }, 'wecom digest run failed'),
    deps.everyMs,
  );
  return {
    async stop() {
      await schedule.stop();
      await queues.drain({ timeoutMs: 2_000 });
    },
  };
}
