/**
 * Where the reply to a callback goes: the chat's own WebhookUrl, else the default group, else
 * nowhere. The callback is authenticated, but a WebhookUrl is still only followed to WeCom itself
 * (or to where the configured default webhook lives): a leaked AES key must not make this an
 * open relay.
 */
import { WECOM_API_DEFAULT, type WecomConfig } from '../config.js';
import type { DropReason } from '../server/metrics.js';
import type { InboundMessage } from './callback.js';

/** Why a message gets no answer (an eventsDropped reason). */
export type Refusal = Extract<DropReason, 'webhook_origin' | 'no_webhook'>;

export type ReplyTarget = { url: string } | { refused: Refusal };

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function replyRouter(
  config: Pick<WecomConfig, 'apiUrl' | 'webhookUrl'>,
): (message: Pick<InboundMessage, 'webhookUrl'>) => ReplyTarget {
  const allowed = new Set(
    [originOf(config.apiUrl ?? WECOM_API_DEFAULT), originOf(config.webhookUrl)].filter((o) => o !== undefined),
  );
  return ({ webhookUrl }) => {
    if (webhookUrl)
      return allowed.has(originOf(webhookUrl) ?? '') ? { url: webhookUrl } : { refused: 'webhook_origin' };
    return config.webhookUrl ? { url: config.webhookUrl } : { refused: 'no_webhook' };
  };
}
