/** `notify`: scan a text (a log, a crash report) and send what it finds to the default group. */

import type { Analysis } from '../core/index.js';
import { countAnalysis } from '../server/metrics.js';
import { type AnswerDeps, analyzeText, answerMessages } from './answer.js';

export interface NotifyResult {
  findings: number;
  /** True once every part reached the group; false when nothing was found or a part was lost. */
  sent: boolean;
}

/** `input`: a text to scan, or a scan already made (`msdk notify --wecom` streams its input). Nothing found: nothing sent. */
export async function notify(input: string | Analysis, deps: AnswerDeps): Promise<NotifyResult> {
  const { config, queues, logger } = deps;
  let analysis: Analysis;
  if (typeof input === 'string') analysis = analyzeText(input, 'scan', deps);
  else {
    analysis = input;
    countAnalysis(deps.metrics, 'wecom', analysis);
  }
  const findings = analysis.findings.length;
  if (findings === 0) return { findings, sent: false };
  if (!config.webhookUrl) {
    logger.error({ findings }, 'wecom notify: no webhook configured, findings not sent');
    return { findings, sent: false };
  }
  const outcome = await queues.send(config.webhookUrl, answerMessages(analysis, config.lang));
  return { findings, sent: outcome.delivered };
}
