/** What replies and `notify` share: their dependencies, and the way from text to webhook messages. */
import type { AdapterDeps } from '../adapter.js';
import type { WecomConfig } from '../config.js';
import { type Analysis, analyze, defaultCatalog, type Lang, type Mode } from '../core/index.js';
import { countAnalysis } from '../server/metrics.js';
import type { SendQueues } from './queue.js';
import { composeMarkdown } from './render.js';
import type { WebhookMessage } from './webhook.js';

export interface AnswerDeps extends Pick<AdapterDeps, 'logger' | 'metrics' | 'maxInputBytes'> {
  config: WecomConfig;
  queues: Pick<SendQueues, 'send'>;
}

/** Analyses `text` in the configured language and counts it in the metrics. */
export function analyzeText(text: string, mode: Mode, deps: AnswerDeps): Analysis {
  const analysis = analyze(text, { mode, lang: deps.config.lang, maxBytes: deps.maxInputBytes });
  countAnalysis(deps.metrics, 'wecom', analysis);
  return analysis;
}

/** The answer as markdown messages, each within WeCom's limit; `mention` is a userid to @ first. */
export function answerMessages(analysis: Analysis, lang: Lang, mention?: string): WebhookMessage[] {
  return composeMarkdown(analysis, defaultCatalog(), lang, mention ? { mention } : {}).map((content) => ({
    msgtype: 'markdown',
    markdown: { content },
  }));
}
