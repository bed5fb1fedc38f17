/** The path every listener shares: message → text (+ files) → core analysis → Slack message. */
import type { webApi } from '@slack/bolt';
import { analyze, uiText, type Analysis, type Lang, type Mode } from '../core/index.js';
import { renderAnalysis, renderNotice, type SlackMessage } from './blocks.js';
import { countAnalysis } from '../server/metrics.js';
import type { SlackContext } from './context.js';
import { readMessageFiles } from './files.js';
import { slackText } from './i18n.js';
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

/** Runs the core and counts what it saw (one scanned message, one count per finding). */
export function runAnalysis(ctx: SlackContext, input: Input, mode: Mode, lang: Lang): Analysis {
  const analysis = reanalyze(ctx, input, mode, lang);
  countAnalysis(ctx.metrics, 'slack', analysis);
  return analysis;
}

/**
 * The core's analysis, with a file's truncation note. Called alone for the same text in another
 * language (the prose of findings is per language, the detection is not): counted once, not twice.
 */
export function reanalyze(ctx: SlackContext, input: Input, mode: Mode, lang: Lang): Analysis {
  const analysis = analyze(input.text, { mode, lang, maxBytes: ctx.maxInputBytes });
  if (!analysis.truncated && input.truncated) return { ...analysis, truncated: input.truncated };
  return analysis;
}

/**
 * The answer to a user-initiated request: findings, else search matches, else a polite "nothing
 * found" (or "this looks binary").
 */
export function explainAnswer(ctx: SlackContext, analysis: Analysis, lang: Lang): SlackMessage {
  const none = analysis.binary ? uiText(lang).binary : slackText(lang).nothing;
  return renderAnalysis(analysis, { catalog: ctx.catalog(), lang }) ?? renderNotice(none);
}
