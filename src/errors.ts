/** Coded errors, one place for the whole app (the shape of bolt-js's errors.ts). */
export const ErrorCode = {
  CatalogInvalid: 'msdk_catalog_invalid',
  ConfigInvalid: 'msdk_config_invalid',
  HttpStatus: 'msdk_http_status',
  InputFormat: 'msdk_input_format',
  InputUnreadable: 'msdk_input_unreadable',
  RequestBody: 'msdk_request_body',
  ScanThread: 'msdk_scan_thread',
  SlackChannelBusy: 'msdk_slack_channel_busy',
  SlackFile: 'msdk_slack_file',
  SlackInstallation: 'msdk_slack_installation',
  SlackRequest: 'msdk_slack_request',
  SlackStartup: 'msdk_slack_startup',
  StoreReply: 'msdk_store_reply',
  Usage: 'msdk_usage',
  WecomSignature: 'msdk_wecom_signature',
  WecomDecrypt: 'msdk_wecom_decrypt',
  WecomRequest: 'msdk_wecom_request',
  WecomSend: 'msdk_wecom_send',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class MsdkBotError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MsdkBotError';
    this.code = code;
  }
}

export class CatalogError extends MsdkBotError {
  constructor(message: string) {
    super(ErrorCode.CatalogInvalid, message);
    this.name = 'CatalogError';
  }
}

export class ConfigError extends MsdkBotError {
  constructor(message: string) {
    super(ErrorCode.ConfigInvalid, message);
    this.name = 'ConfigError';
  }
}

/** Slack refused a token, or could not be reached within SLACK_START_TIMEOUT_MS. */
export class SlackStartupError extends MsdkBotError {
  constructor(message: string) {
    super(ErrorCode.SlackStartup, message);
    this.name = 'SlackStartupError';
  }
}

/** An input msdk cannot read as text (a bzip2 or zip file...): one line saying what it is and what reads it. */
export class InputFormatError extends MsdkBotError {
  constructor(message: string) {
    super(ErrorCode.InputFormat, message);
    this.name = 'InputFormatError';
  }
}

export class UsageError extends MsdkBotError {
  constructor(message: string) {
    super(ErrorCode.Usage, message);
    this.name = 'UsageError';
  }
}

/** An input the CLI was given could not be read to the end (a file, standard input). */
export class InputError extends MsdkBotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.InputUnreadable, message, options);
    this.name = 'InputError';
  }
}

/** Too many replies already waiting for their turn in one Slack channel (src/slack/pacing.ts). */
export class ChannelBusyError extends MsdkBotError {
  constructor(readonly channel: string) {
    super(ErrorCode.SlackChannelBusy, `too many replies already waiting in ${channel}`);
    this.name = 'ChannelBusyError';
  }
}

/** Redis answered a pipeline with fewer replies than commands (a connection cut mid-pipeline). */
export class StoreReplyError extends MsdkBotError {
  constructor(message: string) {
    super(ErrorCode.StoreReply, message);
    this.name = 'StoreReplyError';
  }
}
