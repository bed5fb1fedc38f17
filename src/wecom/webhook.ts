/**
 * The group-robot webhook client: one POST per message, on axios. It only sends and classifies
 * the answer; pacing, retries and logging live in queue.ts. The URL carries the robot's secret
 * key, so nothing here puts it in an error, and `webhookId` gives logs a stable, safe name.
 */
import { createHash } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { DEFAULT_LIMITS, retryAfterMs } from '../net/policy.js';
import { WecomSendError } from './errors.js';
import { byteLength, markdownToText, splitMarkdown, splitText } from './split.js';

/** Content limits, in UTF-8 bytes. */
export const CONTENT_LIMIT = { markdown: 4096, text: 2048 } as const;

export type WebhookMessage =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[] } };

export interface WebhookAnswer {
  errcode: number;
  errmsg: string;
}

/** What the webhook errcodes mean, as WeCom answers them in practice. */
export const ERRCODE_MEANING: Readonly<Record<number, string>> = {
  45009: 'frequency limit: over 20 messages per minute for this robot',
  93000: 'invalid webhook key (robot removed or URL wrong)',
  40008: 'invalid message type',
  44004: 'empty content',
  40058: 'invalid or over-long parameter',
};

export function errcodeMeaning(errcode: number): string {
  return ERRCODE_MEANING[errcode] ?? 'unknown errcode';
}

/** A short hash naming a webhook in logs, metrics and store keys without revealing its key. */
export function webhookId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** Markdown messages for `content`, split to the markdown limit. */
export function markdownMessages(content: string): WebhookMessage[] {
  return splitMarkdown(content, CONTENT_LIMIT.markdown).map((c) => ({ msgtype: 'markdown', markdown: { content: c } }));
}

/** Text messages for `content`, split to the text limit; `mentions` ride on the first one. */
export function textMessages(content: string, mentions: readonly string[] = []): WebhookMessage[] {
  return splitText(content, CONTENT_LIMIT.text).map((c, i) => ({
    msgtype: 'text',
    text: { content: c, ...(i === 0 && mentions.length > 0 && { mentioned_list: [...mentions] }) },
  }));
}

/** The plain-text fallback for a markdown message (for robots or clients that refuse markdown). */
export function textFallback(message: WebhookMessage): WebhookMessage[] {
  if (message.msgtype === 'text') return [message];
  const { content, mentions } = markdownToText(message.markdown.content);
  return textMessages(content, mentions);
}

/** The text a message carries, whichever its type. */
export function contentOf(message: WebhookMessage): string {
  return message.msgtype === 'markdown' ? message.markdown.content : message.text.content;
}

export interface WebhookClientOptions {
  /** Per request; a hung webhook counts as a (retryable) timeout. */
  timeoutMs?: number;
  http?: AxiosInstance;
}

export class WebhookClient {
  private readonly http: AxiosInstance;

  constructor(options: WebhookClientOptions = {}) {
    this.http =
      options.http ??
      axios.create({
        timeout: options.timeoutMs ?? DEFAULT_LIMITS.outboundTimeoutMs,
        maxRedirects: 0,
        maxContentLength: 64 * 1024,
        headers: { 'content-type': 'application/json' },
        validateStatus: () => true, // statuses are classified below, not thrown with the URL inside
        transitional: { clarifyTimeoutError: true },
      });
  }

  /**
   * Posts one message. Resolves with WeCom's answer (any errcode); throws WecomSendError on
   * transport failure, and with kind `aborted` once `signal` cancels the request.
   */
  async send(url: string, message: WebhookMessage, signal?: AbortSignal): Promise<WebhookAnswer> {
    const content = contentOf(message);
    const limit = CONTENT_LIMIT[message.msgtype];
    if (byteLength(content) > limit) {
      // A caller bug: splitting is the caller's job, and WeCom would answer 40058 anyway.
      throw new WecomSendError('errcode', `${message.msgtype} content over ${limit} bytes`, 40058);
    }
    let status: number;
    let data: unknown;
    let headers: Record<string, unknown>;
    try {
      ({ status, data, headers } = await this.http.post(url, message, signal ? { signal } : {}));
    } catch (err) {
      if (signal?.aborted) throw new WecomSendError('aborted', 'webhook request cancelled');
      const code = (err as { code?: unknown }).code;
      if (code === 'ETIMEDOUT' || code === 'ECONNABORTED')
        throw new WecomSendError('timeout', 'webhook request timed out');
      throw new WecomSendError(
        'network',
        `webhook request failed: ${typeof code === 'string' ? code : 'network error'}`,
      );
    }
    if (status < 200 || status >= 300) {
      const error = new WecomSendError('http', `webhook answered HTTP ${status}`, status);
      const after = retryAfterMs(typeof headers['retry-after'] === 'string' ? headers['retry-after'] : undefined);
      if (after !== undefined) error.retryAfterMs = after;
      throw error;
    }
    const answer = data as Partial<WebhookAnswer> | null;
    if (typeof answer !== 'object' || answer === null || typeof answer.errcode !== 'number') {
      throw new WecomSendError('http', 'webhook answer is not WeCom JSON', status);
    }
    return { errcode: answer.errcode, errmsg: typeof answer.errmsg === 'string' ? answer.errmsg : '' };
  }
}
