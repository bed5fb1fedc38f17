/**
 * Slack's translation to and from the conversation (src/conversation), for every listener:
 * message → text (+ files) → Turn, and Outcome → Slack message.
 */
import type { webApi } from '@slack/bolt';
import type { Answer, Turn } from '../conversation/index.js';
import { type Analysis, type Lang, uiText } from '../core/index.js';
import { renderAnalysis, renderNotice, type SlackMessage, withReplyActions } from './blocks.js';
import type { SlackDeps } from './deps.js';
import { readMessageFiles } from './files.js';
import { COMMAND } from './surface.js';
import { muteNoteBlocks, slackPlace } from './team.js';
import { messageText, type TextSource } from './text.js';

export interface Input {
  text: string;
  /** Set when a shared file was cut to the input budget. */
  truncated?: { readBytes: number; totalBytes: number };
}

export interface MessageSource extends TextSource {
  files?: unknown;
}

/** The message text plus its text files, within the input budget (maxInputBytes). */
export async function gatherInput(
  deps: SlackDeps,
  client: webApi.WebClient,
  source: MessageSource,
  botUserId?: string,
): Promise<Input> {
  const text = messageText(source, botUserId);
  // The files are joined to the text with a newline, which counts against the budget too.
  const budget = deps.maxInputBytes - Buffer.byteLength(text, 'utf8') - (text ? 1 : 0);
  if (source.files === undefined || budget <= 0) return { text };
  const files = await readMessageFiles(deps, client, source.files, budget);
  if (!files.text) return { text };
  return { text: text ? `${text}\n${files.text}` : files.text, ...(files.truncated && { truncated: files.truncated }) };
}

/** Where a Slack turn happens: who asked, in which workspace, channel and thread. */
export interface SlackWhere {
  /** tenantOf(context): whose channels these are (mutes, thread memory). */
  tenant: string;
  /** The workspace the answer is counted in (the Home tab's and digests'); none: not counted. */
  team: string | undefined;
  channel: string;
  /** The thread's ts; none: no thread memory (`/msdk`, a DM's top level). */
  threadTs?: string | undefined;
}

export function slackTurn<A extends boolean>(
  asked: A,
  input: Input,
  lang: Lang,
  where: SlackWhere,
): Turn & { asked: A } {
  const { tenant, team, channel, threadTs } = where;
  return {
    asked,
    text: input.text,
    truncated: input.truncated,
    lang,
    mutePlace: slackPlace(tenant, channel),
    thread: threadTs && `${tenant}:${channel}:${threadTs}`,
    tally: team ? { workspace: team, place: channel } : undefined,
  };
}

/**
 * An answer as Slack shows it: the analysis, then the notes about muted codes; with `actions`, the
 * vote buttons (and, overheard, the one-click mute).
 */
export function renderReply(
  deps: SlackDeps,
  outcome: Answer,
  lang: Lang,
  o: { actions: boolean; mute: boolean },
): SlackMessage {
  const { analysis, notes } = outcome;
  const answer = renderAnswer(deps, analysis, lang);
  const msg = { text: answer.text, blocks: [...answer.blocks, ...muteNoteBlocks(lang, notes)] };
  return o.actions ? withReplyActions(msg, analysis.findings, lang, { mute: o.mute }) : msg;
}

/**
 * The one way an analysis becomes a Slack message: findings, else search matches, else a polite
 * "nothing found" (or "this looks binary"), which only an explain-mode answer can come to.
 */
export function renderAnswer(deps: SlackDeps, analysis: Analysis, lang: Lang): SlackMessage {
  const none = analysis.binary ? uiText(lang).binary : uiText(lang).nothingTryHelp(COMMAND);
  return renderAnalysis(analysis, { catalog: deps.catalog(), lang }) ?? renderNotice(none);
}
