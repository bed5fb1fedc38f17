/**
 * Block Kit rendering of an analysis. Stays inside Slack's limits whatever the input (50 blocks,
 * 3000-char section text, 150-char header), so a huge log still gets a readable, postable answer.
 */
import type { types } from '@slack/bolt';
import {
  ACTION_MARKER,
  type Analysis,
  actionLine,
  adviceText,
  alternativesLine,
  type Catalog,
  countSuffix,
  type Finding,
  type Lang,
  matchLine,
  namedMeaning,
  noteLine,
  referenceLabel,
  type TableId,
  tableLabel,
  uiText,
} from '../core/index.js';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_MUTE_HERE } from './surface.js';

export type Block = types.KnownBlock;

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers (and the whole message if blocks are refused). */
  text: string;
  blocks: Block[];
}

export const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextText: 2000, text: 3000 } as const;
/** Up to this many findings are shown in full; more become a one-line-per-finding summary. */
export const DETAIL_LIMIT = 5;
/** Summary lines shown before "+N more". */
const SUMMARY_LINES = 40;
const SUMMARY_LINE_CHARS = 300;
const SEARCH_LINES = 8;

export interface RenderOptions {
  catalog: Catalog;
  lang: Lang;
}

/** Escapes Slack's control characters so catalog text and pasted `msg`s cannot ping `<!channel>` or fake links. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A pasted `msg` is shown up to this many characters. */
const MESSAGE_CHARS = 500;

/**
 * User text as an inline code span it cannot leave: one line (a newline would end a quote), no
 * backtick (it would close the span), Slack's controls escaped; inside the span `*`, `_` and `~`
 * format nothing. Empty when nothing is left.
 */
export function codeSpan(text: string): string {
  const flat = esc(clamp(text, MESSAGE_CHARS))
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/`/g, 'ˋ')
    .trim();
  return flat ? `\`${flat}\`` : '';
}

/** Cuts to `max` UTF-16 units (how JSON and Slack count), never half an emoji, marking the cut with "…". */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

// verbatim: Slack does not turn what a user pasted into links, channel names or mentions.
const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clamp(text, LIMITS.sectionText), verbatim: true },
});
const context = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clamp(text, LIMITS.contextText), verbatim: true }],
});
const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: clamp(text, LIMITS.headerText), emoji: true },
});

/** A message made of one paragraph (usage, confirmations, "nothing found"). */
export function renderNotice(mrkdwn: string): SlackMessage {
  return { text: clamp(mrkdwn, LIMITS.text), blocks: [section(mrkdwn)] };
}

/** Renders findings (or, without findings, search matches). Undefined when there is nothing to say. */
export function renderAnalysis(analysis: Analysis, opts: RenderOptions): SlackMessage | undefined {
  let message: SlackMessage | undefined;
  if (analysis.findings.length > DETAIL_LIMIT) message = renderSummary(analysis.findings, opts);
  else if (analysis.findings.length > 0) message = renderDetails(analysis.findings, opts);
  else if (analysis.matches.length > 0) message = renderMatches(analysis, opts);
  if (message && analysis.truncated) {
    const { readBytes, totalBytes } = analysis.truncated;
    message.blocks.push(context(uiText(opts.lang).truncated(readBytes, totalBytes)));
  }
  return message;
}

function renderDetails(findings: Finding[], { catalog, lang }: RenderOptions): SlackMessage {
  const ui = uiText(lang);
  const blocks: Block[] = [];
  const fallback: string[] = [];
  findings.forEach((f, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    const label = tableLabel(f, catalog, lang);
    const lines = [
      `${ACTION_MARKER[f.action]} *${f.code}*${countSuffix(f, lang)} · _${esc(label)}_`,
      esc(namedMeaning(f, lang)),
    ];
    const message = f.message ? codeSpan(f.message) : '';
    if (message) lines.push(`> ${ui.message}: ${message}`);
    const advice = f.advice ? ` — ${esc(adviceText(f, lang))}` : '';
    lines.push(`*${ui.action}:* ${esc(actionLine(f, catalog, lang))}${advice}`);
    // The reference passed the catalog schema (https, no blank, `<`, `>` or `|`), so it is a safe link.
    if (f.reference) lines.push(`ℹ️ ${esc(referenceLabel(f, lang))}: <${f.reference}>`);
    blocks.push(section(lines.join('\n')));
    const notes = [
      noteLine(f, lang),
      alternativesLine(f, catalog, lang),
      f.errType !== undefined ? `${ui.errType}=${f.errType}` : undefined,
    ]
      .filter((s): s is string => !!s)
      .map(esc);
    if (notes.length > 0) blocks.push(context(notes.join('  ·  ')));
    fallback.push(`${ACTION_MARKER[f.action]} ${f.code}${countSuffix(f, lang)} — ${esc(label)}: ${esc(f.meaning)}`);
  });
  return { text: clamp(fallback.join('\n'), LIMITS.text), blocks };
}

function summaryLine(f: Finding, { catalog, lang }: RenderOptions): string {
  const line = `${ACTION_MARKER[f.action]} *${f.code}*${countSuffix(f, lang)} — ${esc(tableLabel(f, catalog, lang))}: ${esc(namedMeaning(f, lang))}`;
  return clamp(line, SUMMARY_LINE_CHARS);
}

/**
 * One line per finding, packed into as few sections as fit; past SUMMARY_LINES, "+N more". 40 lines
 * of at most 300 characters fill at most 5 sections, so the message stays far below 50 blocks.
 */
function renderSummary(findings: Finding[], opts: RenderOptions): SlackMessage {
  const ui = uiText(opts.lang);
  const title = `🔎 ${ui.foundCount(findings.length)}`;
  const blocks: Block[] = [header(title)];
  const shown = findings.slice(0, SUMMARY_LINES).map((f) => summaryLine(f, opts));
  let chunk = '';
  for (const line of shown) {
    const next = chunk ? `${chunk}\n${line}` : line;
    if (next.length <= LIMITS.sectionText) {
      chunk = next;
      continue;
    }
    blocks.push(section(chunk));
    chunk = line;
  }
  if (chunk) blocks.push(section(chunk));
  const hidden = findings.length - shown.length;
  if (hidden > 0) blocks.push(context(ui.moreFindings(hidden)));
  const codes = findings.map((f) => String(f.code)).join(', ');
  return { text: clamp(`${title}: ${codes}`, LIMITS.text), blocks };
}

function renderMatches(analysis: Analysis, { catalog, lang }: RenderOptions): SlackMessage {
  const ui = uiText(lang);
  const lines = analysis.matches.slice(0, SEARCH_LINES).map((m) => `• ${esc(matchLine(m, catalog, lang))}`);
  const text = `*${ui.matches}*\n${lines.join('\n')}`;
  return { text: clamp(`${ui.matches}: ${lines.join(' ')}`, LIMITS.text), blocks: [section(text)] };
}

/**
 * What a vote or mute button refers to: the answer's first findings (table, code, and the ids of the
 * rules that produced each, so a 👎 report says what to change) and its language.
 */
export interface ReplyRef {
  f: Array<[TableId, number] | [TableId, number, string[]]>;
  l: Lang;
}
const REF_FINDINGS = 5;
/** Rule ids kept per finding: a button's value holds at most 2000 characters. */
const REF_RULES = 8;

/**
 * Appends 👍 / 👎 (and, on passive replies, "Mute here 24 h") under an answer with findings. The
 * buttons carry the codes, not the text: votes and mutes need nothing else. The renderers leave
 * room for this one block.
 */
export function withReplyActions(
  msg: SlackMessage,
  findings: readonly Finding[],
  lang: Lang,
  o: { mute: boolean },
): SlackMessage {
  if (findings.length === 0 || msg.blocks.length >= LIMITS.blocks) return msg;
  const ui = uiText(lang);
  const ref: ReplyRef = {
    f: findings
      .slice(0, REF_FINDINGS)
      .map((f) => (f.rules?.length ? [f.table, f.code, f.rules.slice(0, REF_RULES)] : [f.table, f.code])),
    l: lang,
  };
  const value = JSON.stringify(ref);
  const button = (action_id: string, text: string) =>
    ({ type: 'button', action_id, text: { type: 'plain_text', text, emoji: true }, value }) as const;
  const elements = [button(ACTION_FEEDBACK_UP, ui.up), button(ACTION_FEEDBACK_DOWN, ui.down)];
  if (o.mute) elements.push(button(ACTION_MUTE_HERE, ui.muteButton));
  return { ...msg, blocks: [...msg.blocks, { type: 'actions', elements }] };
}
