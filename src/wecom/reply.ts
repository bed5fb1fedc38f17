/**
 * Answering one callback message. Text only, on the webhook `route.ts` picks, mentioning the
 * sender. Asked directly (a mention, a one-to-one chat, an app message) the bot explains;
 * overheard, it scans quietly and answers only when it finds an error.
 */
import type { Mode } from '../core/index.js';
import { stripWecomMention } from '../mentions.js';
import { countDrop } from '../server/metrics.js';
import { type AnswerDeps, analyzeText, answerMessages } from './answer.js';
import { type InboundMessage, senderMention } from './callback.js';
import { type Refusal, replyRouter } from './route.js';
import type { WecomTeam } from './team.js';

function modeOf(message: InboundMessage, mentioned: boolean): Mode {
  return mentioned || message.chatType === 'single' || message.shape === 'app' ? 'explain' : 'scan';
}

/** Log lines for messages left unanswered, by eventsDropped reason. */
const NOT_ANSWERED: Record<'non_text' | Refusal, string> = {
  non_text: 'wecom message is not text, ignored',
  webhook_origin: 'wecom callback WebhookUrl is not a WeCom webhook, not answering',
  no_webhook: 'wecom message has no WebhookUrl and no default webhook is configured, not answering',
};

/** A function answering one message; it resolves once the reply is posted or logged as lost. */
/** `team` handles `@robot mute …` and holds back passive replies about codes muted in the group. */
export function createReplier(deps: AnswerDeps, team: WecomTeam): (message: InboundMessage) => Promise<void> {
  const { config, queues, logger, metrics } = deps;
  const route = replyRouter(config);
  const drop = (reason: keyof typeof NOT_ANSWERED, message: InboundMessage) => {
    countDrop(metrics, 'wecom', reason);
    logger.info({ reason, msgId: message.msgId, msgType: message.msgType }, NOT_ANSWERED[reason]);
  };

  return async (message) => {
    if (message.msgType !== 'text' || message.content === undefined) return drop('non_text', message);
    const target = route(message);
    if ('refused' in target) return drop(target.refused, message);
    const { text, mentioned } = stripWecomMention(message.content);
    if (await team.command(message, text, mentioned, target.url)) return;
    const mode = modeOf(message, mentioned);
    const analysis = await team.filter(message, mode, analyzeText(text, mode, deps));
    if (mode === 'scan' && analysis.findings.length === 0) return;
    const codes = analysis.findings.map((f) => f.code);
    // Overheard: may fold into the group's summary when it is behind, and is dropped if muted meanwhile.
    const meta =
      mode === 'scan'
        ? { kind: 'passive' as const, codes, stillWanted: () => team.stillWanted(message, analysis.findings) }
        : { kind: 'answer' as const };
    const messages = answerMessages(analysis, config.lang, senderMention(message.userId));
    const outcome = await queues.send(target.url, messages, meta);
    logger.info(
      {
        msgId: message.msgId,
        mode,
        findings: analysis.findings.length,
        parts: outcome.parts,
        delivered: outcome.delivered,
      },
      'wecom message answered',
    );
  };
}
