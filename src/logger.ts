import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Fields whose name says "secret" are censored at any depth (pino's own `redact` needs exact paths).
 * Secrets can also hide inside strings (URLs with `key=`, error messages quoting a token), so
 * `scrubSecrets` cleans those in every finished log line.
 */
const SECRET_KEY =
  /(?:token|secret|password|passwd|authorization|cookie|aeskey|api[-_]?key|webhook[-_]?(?:url|key)|redis[-_]?url)$/i;
const CENSOR = '[REDACTED]';
/** Deeper than pino prints anyway (its depthLimit is 5). */
const MAX_DEPTH = 8;

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/xox[abposre]-[A-Za-z0-9-]{4,}/g, 'xox?-[REDACTED]'],
  [/xapp-[A-Za-z0-9-]{4,}/g, 'xapp-[REDACTED]'],
  [/([?&](?:key|token|access_token|secret|client_secret|password)=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[REDACTED]'],
  [/(Basic\s+)[A-Za-z0-9+/=]{8,}/g, '$1[REDACTED]'],
  // Credentials in any URL: redis://user:pass@host, https://user:pass@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s"']*:)[^@/\s"']+@/gi, '$1[REDACTED]@'],
];

/** Removes tokens, webhook keys and passwords from free text. */
export function scrubSecrets(text: string, extraSecrets: readonly string[] = registeredSecrets): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length < 6) continue;
    out = out.split(secret).join(CENSOR);
    // In a JSON line the secret appears escaped when it holds quotes, backslashes or control characters.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join(CENSOR);
  }
  for (const [re, replacement] of SECRET_PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Secrets known from configuration (signing secret, AES key...): scrubbed even where no pattern fits. */
let registeredSecrets: string[] = [];
export function registerSecrets(secrets: ReadonlyArray<string | undefined>): void {
  registeredSecrets = [...new Set([...registeredSecrets, ...secrets.filter((s): s is string => !!s)])];
}

function serializeError(err: Error, depth: number, path: WeakSet<object>): Record<string, unknown> {
  // Only these fields: errors from HTTP clients carry their request config, headers included.
  const out: Record<string, unknown> = {
    type: err.name,
    message: scrubSecrets(err.message),
    stack: err.stack ? scrubSecrets(err.stack) : undefined,
  };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (err.cause !== undefined) out.cause = sanitize(err.cause, depth + 1, path);
  return out;
}

/**
 * A copy of a log object with secret-named fields censored and errors reduced to safe fields, at
 * any depth. The caller's object is not touched. `path` holds the objects being visited (cycles).
 */
function sanitize(value: unknown, depth = 0, path = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (path.has(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[Object]';
  path.add(value);
  try {
    if (value instanceof Error) return serializeError(value, depth, path);
    if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, path));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value; // Date, URL, Buffer: printed as strings
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) && v != null && v !== '' ? CENSOR : sanitize(v, depth + 1, path);
    return out;
  } finally {
    path.delete(value);
  }
}

const sanitizeRecord = (obj: Record<string, unknown>) => sanitize(obj) as Record<string, unknown>;

/** Replaces pino's default `err` serializer, which would copy every enumerable field of the error. */
const passThrough = (value: unknown): unknown => (typeof value === 'string' ? scrubSecrets(value) : value);

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'msdk-bot' },
      // Runs before pino's serializers, so errors under any key (err, error, cause...) are already safe.
      formatters: { log: sanitizeRecord, bindings: sanitizeRecord },
      serializers: { err: passThrough, error: passThrough },
      hooks: {
        // Last line of defence: whatever reached the line, no secret leaves the process.
        streamWrite: (line) => scrubSecrets(line),
      },
    },
    options.destination,
  );
  // pino runs the `bindings` formatter for the root logger only, so `child()` bindings are
  // sanitized here. Children are created from their parent's prototype: they inherit this too.
  // (pino's path-based `redact` is not used: its `*.password` path throws on URL objects.)
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, sanitizeRecord(bindings), childOptions);
  } as typeof child; // the generic signature can't be re-declared on a function expression
  return logger;
}

export type { Logger };
