/** The path every listener shares: message → text (+ files) → core analysis → Slack message. */
import type { webApi } from '@slack/bolt';
import { type Analysis, analyze, type Lang, type Mode, uiText } from '../core/index.js';
import { countAnalysis } from '../server/metrics.js';
import { renderAnalysis, renderNotice, type SlackMessage } from './blocks.js';
import type { SlackContext } from './context.js';
import { readMessageFiles } from './files.js';
import { COMMAND } from './surface.js';
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
  ctx: SlackContext,
  client: webApi.WebClient,
  source: MessageSource,
  botUserId?: string,
): Promise<Input> {
  const text = messageText(source, botUserId);
  // The files are joined to the text with a newline, which counts against the budget too.
  const budget = ctx.maxInputBytes - Buffer.byteLength(text, 'utf8') - (text ? 1 : 0);
  if (source.files === undefined || budget <= 0) return { text };
  const files = await readMessageFiles(ctx, client, source.files, budget);
  if (!files.text) return { text };
  return { text: text ? `${text}\n${files.text}` : files.text, ...(files.truncated && { truncated: files.truncated }) };
}

/** Runs the core once and counts what it saw (one scanned message, one count per finding). */
export function runAnalysis(ctx: SlackContext, input: Input, mode: Mode, lang: Lang): Analysis {
  let analysis = analyze(input.text, { mode, lang, maxBytes: ctx.maxInputBytes });
  if (!analysis.truncated && input.truncated) analysis = { ...analysis, truncated: input.truncated };
  countAnalysis(ctx.metrics, 'slack', analysis);
  return analysis;
}

/**
 * The one way an analysis becomes a Slack message: findings, else search matches, else a polite
 * "nothing found" (or "this looks binary"), which only an explain-mode answer can come to.
 */
export function renderAnswer(ctx: SlackContext, analysis: Analysis, lang: Lang): SlackMessage {
  const none = analysis.binary ? uiText(lang).binary : uiText(lang).nothingTryHelp(COMMAND);
  return renderAnalysis(analysis, { catalog: ctx.catalog(), lang }) ?? renderNotice(none);
}
