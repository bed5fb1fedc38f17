import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger.js';

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
};

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  // Socket Mode logs WebSocket error events, which stringify to "{}": show their error instead.
  if (typeof value === 'object' && value !== null) {
    const { error, message } = value as { error?: unknown; message?: unknown };
    if (error instanceof Error) return error.message;
    if (typeof message === 'string') return message;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The Web API client's debug lines that carry payloads: request bodies (the text of replies, the
 * OAuth `code`), results (what people wrote, their profiles) and headers. Never logged, at any level.
 */
const PAYLOAD_LINE = /^http request (body|result|headers):/;

/**
 * Bolt and its Web API client log through our pino logger, so their lines get the same redaction
 * and secret scrubbing. The level is ours (LOG_LEVEL): Bolt's `setLevel` is ignored. At debug, the
 * Web API client's payload lines are dropped: which calls were made is logged, not what they carried.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      // The Web API client logs every request at debug, payload included: not even formatted when off.
      if (!logger.isLevelEnabled(level)) return;
      const err = parts.find((p): p is Error => p instanceof Error);
      const text = parts
        .filter((p) => p !== err)
        .map(describe)
        .join(' ');
      if (level === 'debug' && PAYLOAD_LINE.test(text)) return;
      if (err) logger[level]({ err }, text || err.message);
      else logger[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => LEVELS[logger.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
