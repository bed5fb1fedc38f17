/**
 * Answering one callback message: a translator to the conversation policy (src/conversation).
 * Text only, on the webhook `route.ts` picks, mentioning the sender. Asked directly (a mention, a
 * one-to-one chat, an app message) the bot explains; overheard, it scans quietly and answers only
 * when it finds an error not muted in the group.
 */
import { type ConversationDeps, delivered, respond, stillWanted, type Turn } from '../conversation/index.js';
import type { Lang } from '../core/index.js';
import { stripWecomMention } from '../mentions.js';
import { countDrop } from '../server/metrics.js';
import { type AnswerDeps, answerMessages } from './answer.js';
import { type InboundMessage, senderMention } from './callback.js';
import { type Refusal, replyRouter } from './route.js';
import { WECOM_WORKSPACE, type WecomTeam, wecomPlace } from './team.js';

/** Log lines for messages left unanswered, by eventsDropped reason. */
const NOT_ANSWERED: Record<'non_text' | Refusal, string> = {
  non_text: 'wecom message is not text, ignored',
  webhook_origin: 'wecom callback WebhookUrl is not a WeCom webhook, not answering',
  no_webhook: 'wecom message has no WebhookUrl and no default webhook is configured, not answering',
};

/** A WeCom message as the conversation sees it. Groups have no threads: no thread memory. */
export function wecomTurn(message: InboundMessage, text: string, mentioned: boolean, lang: Lang): Turn {
  return {
    asked: mentioned || message.chatType === 'single' || message.shape === 'app',
    text,
    lang,
    mutePlace: wecomPlace(message),
    tally: { workspace: WECOM_WORKSPACE, place: message.chatId ?? message.userId ?? '-' },
  };
}

/**
 * A function answering one message; it resolves once the reply is posted or logged as lost.
 * `team` handles `@robot mute …`; the conversation holds back passive replies about muted codes.
 */
export function createReplier(
  deps: AnswerDeps,
  team: WecomTeam,
  conversation: ConversationDeps,
): (message: InboundMessage) => Promise<void> {
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
    const turn = wecomTurn(message, text, mentioned, config.lang);
    const outcome = await respond(turn, conversation);
    if (outcome.kind === 'silence') return;
    const { analysis } = outcome;
    // Overheard: may fold into the group's summary when it is behind, and is dropped if muted meanwhile.
    const meta = turn.asked
      ? { kind: 'answer' as const }
      : {
          kind: 'passive' as const,
          codes: analysis.findings.map((f) => f.code),
          stillWanted: () => stillWanted(turn, outcome, conversation),
        };
    const messages = answerMessages(analysis, config.lang, senderMention(message.userId));
    const sent = await queues.send(target.url, messages, meta);
    // Folded into the group's summary (no part of its own): a summary names codes, it explains none.
    if (sent.delivered && sent.parts > 0) await delivered(turn, outcome, conversation);
    logger.info(
      {
        msgId: message.msgId,
        mode: turn.asked ? 'explain' : 'scan',
        findings: analysis.findings.length,
        parts: sent.parts,
        delivered: sent.delivered,
      },
      'wecom message answered',
    );
  };
}
