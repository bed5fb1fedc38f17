import { ErrorCode, MsdkBotError } from '../errors.js';
import type { DropReason } from '../server/metrics.js';

/** A callback whose msg_signature does not match: forged, or signed with another token. */
export class WecomSignatureError extends MsdkBotError {
  constructor(message = 'msg_signature does not match') {
    super(ErrorCode.WecomSignature, message);
    this.name = 'WecomSignatureError';
  }
}

/** Why a ciphertext was refused (logged; the eventsDropped label is `receive_id` or `decrypt`). */
export type DecryptFailure = 'base64' | 'block-size' | 'padding' | 'length' | 'encoding' | 'receive-id';

/** A ciphertext that does not decrypt to a well-formed WXBizMsgCrypt plaintext. */
export class WecomDecryptError extends MsdkBotError {
  readonly reason: DecryptFailure;
  constructor(reason: DecryptFailure, message: string) {
    super(ErrorCode.WecomDecrypt, message);
    this.name = 'WecomDecryptError';
    this.reason = reason;
  }
}

/** An incoming callback refused before it reaches the bot: carries the HTTP status to answer. */
export class WecomRequestError extends MsdkBotError {
  readonly status: 400 | 401 | 413 | 503;
  /** Short, secret-free label for logs and the eventsDropped metric. */
  readonly reason: DropReason;
  constructor(status: 400 | 401 | 413 | 503, reason: DropReason, message: string) {
    super(ErrorCode.WecomRequest, message);
    this.name = 'WecomRequestError';
    this.status = status;
    this.reason = reason;
  }
}

/**
 * A webhook call that did not succeed. Never carries the URL (it contains the key) nor the axios
 * error as `cause` (its config holds the URL too).
 */
export class WecomSendError extends MsdkBotError {
  /** `errcode` from WeCom, a transport kind, or `aborted` (cancelled by the caller's signal). */
  readonly kind: 'errcode' | 'timeout' | 'network' | 'http' | 'aborted';
  /** The errcode (kind `errcode`) or HTTP status (kind `http`). */
  readonly status?: number;
  /** An HTTP answer's Retry-After, in ms: the retry waits at least this long. */
  retryAfterMs?: number;
  constructor(kind: WecomSendError['kind'], message: string, status?: number) {
    super(ErrorCode.WecomSend, message);
    this.name = 'WecomSendError';
    this.kind = kind;
    if (status !== undefined) this.status = status;
  }

  /** Timeouts, network errors, 429 and 5xx are worth retrying; an errcode is WeCom's final word. */
  get transient(): boolean {
    if (this.kind === 'http') return this.status === 429 || (this.status ?? 0) >= 500;
    return this.kind !== 'errcode' && this.kind !== 'aborted';
  }
}
