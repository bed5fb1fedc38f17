import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * Paths pino redacts wherever they appear. Secrets can also hide inside strings (URLs with
 * `key=`, error messages quoting a token), so `scrubSecrets` cleans those in every log line.
 */
const REDACT_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'signingSecret', '*.signingSecret', 'encodingAesKey', '*.encodingAesKey',
  'webhookUrl', '*.webhookUrl', 'webhookKey', '*.webhookKey', 'authorization', '*.authorization',
  'headers.authorization', '*.headers.authorization', 'config.headers.Authorization',
  'password', '*.password', 'redisUrl', '*.redisUrl',
];

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/xox[abposr]-[A-Za-z0-9-]{4,}/g, 'xox?-[REDACTED]'],
  [/xapp-[A-Za-z0-9-]{4,}/g, 'xapp-[REDACTED]'],
  [/([?&]key=)[^&\s"']+/g, '$1[REDACTED]'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[REDACTED]'],
  [/(redis(?:s)?:\/\/[^:@/\s]*:)[^@/\s]+@/g, '$1[REDACTED]@'],
];

/** Removes tokens, webhook keys and passwords from free text. */
export function scrubSecrets(text: string, extraSecrets: readonly string[] = registeredSecrets): string {
  let out = text;
  for (const secret of extraSecrets) if (secret.length >= 6) out = out.split(secret).join('[REDACTED]');
  for (const [re, replacement] of SECRET_PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Secrets known from configuration (signing secret, AES key...): scrubbed even where no pattern fits. */
let registeredSecrets: string[] = [];
export function registerSecrets(secrets: ReadonlyArray<string | undefined>): void {
  registeredSecrets = [...new Set([...registeredSecrets, ...secrets.filter((s): s is string => !!s)])];
}

function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrubSecrets(String(err)) };
  const out: Record<string, unknown> = {
    type: err.name,
    message: scrubSecrets(err.message),
    stack: err.stack ? scrubSecrets(err.stack) : undefined,
  };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  return out;
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'msdk-bot' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        // Last line of defence: whatever reached the line, no secret leaves the process.
        streamWrite: (line) => scrubSecrets(line),
      },
    },
    options.destination,
  );
}

export type { Logger };
