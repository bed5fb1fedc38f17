import { z } from 'zod';
import { DEFAULT_MAX_BYTES, LANGS, type Lang } from './core/index.js';
import { ConfigError } from './errors.js';
import { DEFAULT_LIMITS, LIMIT_ENV, type Limits } from './net/policy.js';
import type { OAuthSettings } from './slack/oauth/index.js';
import { parseHostPorts, type RedisSettings } from './store/connect.js';
import { parseInstallationKey } from './store/seal.js';

/** WeCom's public API host: the standard webhook URL's base and a trusted reply destination. */
export const WECOM_API_DEFAULT = 'https://qyapi.weixin.qq.com';
/** Digests go out at 10:00 in each subscriber's time zone (WeCom: server time) unless DIGEST_HOUR says otherwise. */
export const DEFAULT_DIGEST_HOUR = 10;

/** How long start-up keeps trying to reach Slack before it exits (an orchestrator restarts it). */
export const SLACK_START_TIMEOUT_DEFAULT_MS = 60_000;

const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MSDK_LANG: z.enum(LANGS).default('ko'),
  MAX_INPUT_BYTES: z.coerce.number().int().positive().default(DEFAULT_MAX_BYTES),
  REPLICAS: optional.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,5}$/)
      .transform(Number)
      .optional(),
  ),
  REDIS_URL: optional.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//)
      .optional(),
  ),
  REDIS_SENTINELS: optional,
  REDIS_SENTINEL_NAME: optional,
  REDIS_CLUSTER_NODES: optional,
  REDIS_PASSWORD: optional,
  REDIS_TLS: z.enum(['', '0', '1', 'false', 'true']).default(''),
  REDIS_TLS_CA_FILE: optional,

  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-').optional()),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-').optional()),
  SLACK_API_URL: optional.pipe(z.url().optional()),
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_INSTALLATION_KEY: optional,
  SLACK_REDIRECT_URI: optional.pipe(z.url().startsWith('https://').optional()),
  SLACK_LANG: z.enum(LANGS).default('ko'),
  SLACK_START_TIMEOUT_MS: z.coerce.number().int().positive().default(SLACK_START_TIMEOUT_DEFAULT_MS),

  WECOM_WEBHOOK_URL: optional.pipe(z.url().optional()),
  WECOM_WEBHOOK_KEY: optional,
  WECOM_API_URL: z.url().default(WECOM_API_DEFAULT),
  WECOM_TOKEN: optional,
  WECOM_ENCODING_AES_KEY: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/)
      .optional(),
  ),
  WECOM_RECEIVE_ID: optional,
  WECOM_CALLBACK_PATH: z.string().startsWith('/').default('/wecom/callback'),
  WECOM_LANG: z.enum(LANGS).default('ko'),
  DIGEST_HOUR: optional.pipe(
    z
      .string()
      .regex(/^(1?\d|2[0-3])$/, 'must be an hour, 0 to 23')
      .transform(Number)
      .optional(),
  ),
  WECOM_DIGEST: optional.pipe(z.url().optional()),
});

type EnvKey = keyof typeof EnvSchema.shape;

/** Every variable loadConfig reads (the limits' too): .env.example lists each, test/env-example.test.ts checks. */
export const CONFIG_VARIABLES: readonly string[] = [...Object.keys(EnvSchema.shape), ...Object.values(LIMIT_ENV)];

/** What each variable must be, in words, for the one-line configuration error (else zod's words). */
const MUST_BE: Partial<Record<EnvKey, string>> = {
  PORT: 'a port number from 0 to 65535',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  MSDK_LANG: `one of ${LANGS.join(', ')}`,
  MAX_INPUT_BYTES: 'a whole number of bytes above 0',
  REPLICAS: 'a whole number of replicas, 1 or more',
  REDIS_URL: 'a URL starting with redis:// or rediss://',
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token, starting with xoxb-',
  SLACK_SIGNING_SECRET: 'the Signing Secret',
  SLACK_APP_TOKEN: 'an App-Level Token, starting with xapp-',
  SLACK_API_URL: 'a URL',
  SLACK_REDIRECT_URI: 'an https URL (the public address of /slack/oauth_redirect)',
  SLACK_LANG: `one of ${LANGS.join(', ')}`,
  SLACK_START_TIMEOUT_MS: 'a whole number of milliseconds above 0',
  WECOM_WEBHOOK_URL: "a URL (the group robot's webhook)",
  WECOM_WEBHOOK_KEY: "the group robot's webhook key",
  WECOM_API_URL: 'a URL',
  WECOM_TOKEN: "the callback's Token",
  WECOM_ENCODING_AES_KEY: 'the 43-character EncodingAESKey (letters, digits, + and /)',
  WECOM_RECEIVE_ID: 'the receive id (corp id)',
  WECOM_CALLBACK_PATH: 'a path starting with /',
  WECOM_LANG: `one of ${LANGS.join(', ')}`,
};

/** Their values are never repeated in a message, not even a wrong one. */
const SECRET: ReadonlySet<string> = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_INSTALLATION_KEY',
  'WECOM_WEBHOOK_URL',
  'WECOM_WEBHOOK_KEY',
  'WECOM_TOKEN',
  'WECOM_ENCODING_AES_KEY',
]);

/** Installing in many workspaces (OAuth) instead of one bot token: all four together. */
const OAUTH_KEYS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_INSTALLATION_KEY'];
const SLACK_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', ...OAUTH_KEYS];
const WECOM_KEYS = ['WECOM_WEBHOOK_URL', 'WECOM_WEBHOOK_KEY', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY', 'WECOM_DIGEST'];
/** What the console and the CLI read; the server reads the rest, by adapter. */
const CONSOLE_KEYS: EnvKey[] = ['MSDK_LANG', 'MAX_INPUT_BYTES'];
const SERVER_KEYS: EnvKey[] = ['PORT', 'LOG_LEVEL', 'MAX_INPUT_BYTES', 'DIGEST_HOUR', 'REPLICAS'];

const LIMIT_KEYS: ReadonlySet<string> = new Set(Object.values(LIMIT_ENV));

const isSet = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '').trim() !== '';

/**
 * Only the variables the chosen mode uses are validated (`PORT=abc` does not stop the console,
 * which opens no port); the others take their defaults.
 */
function usedVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const slack = SLACK_KEYS.some((k) => isSet(env, k));
  const wecom = WECOM_KEYS.some((k) => isSet(env, k));
  const used = (key: string) =>
    slack || wecom
      ? SERVER_KEYS.includes(key as EnvKey) ||
        key.startsWith('REDIS_') ||
        LIMIT_KEYS.has(key) ||
        (slack && key.startsWith('SLACK_')) ||
        (wecom && key.startsWith('WECOM_'))
      : CONSOLE_KEYS.includes(key as EnvKey);
  return Object.fromEntries(Object.entries(env).filter(([key]) => used(key)));
}

/** `PORT must be a port number from 0 to 65535; got "abc"`: the variable, what it must be, what it got. */
function describeIssues(error: z.ZodError, env: NodeJS.ProcessEnv): string[] {
  const first = new Map<string, string>();
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? '');
    if (!first.has(name)) first.set(name, issue.message);
  }
  return [...first].map(([name, zodWords]) => {
    const value = env[name] ?? '';
    const got = SECRET.has(name)
      ? `a value of ${value.length} characters (not shown)`
      : JSON.stringify(value.replace(/(\/\/[^:@/]*):[^@/]*@/, '$1:***@')); // a URL's password stays hidden
    const must = MUST_BE[name as EnvKey];
    return must ? `${name} must be ${must}; got ${got}` : `${name}: ${zodWords}; got ${got}`;
  });
}

export interface SlackConfig {
  /** One workspace: its Bot User OAuth Token. Absent when `oauth` is set. */
  botToken?: string;
  /** Many workspaces: Slack's OAuth install; each request is answered with its workspace's token. */
  oauth?: OAuthSettings;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  lang: Lang;
  /** How long start-up keeps trying to reach Slack before giving up. */
  startTimeoutMs?: number;
  /** Hour of the digests, in each subscriber's time zone (DIGEST_HOUR; DEFAULT_DIGEST_HOUR when unset). */
  digestHour?: number;
}

export interface WecomConfig {
  /** Default group for notifications (`msdk notify --wecom`). */
  webhookUrl?: string;
  callback?: { token: string; encodingAesKey: string; receiveId?: string; path: string };
  lang: Lang;
  /** WeCom's API base (a private deployment's own host): callbacks' WebhookUrls may point there. */
  apiUrl?: string;
  /** WECOM_DIGEST: the group robot a daily digest goes to, at `digestHour`. */
  digest?: { webhookUrl: string; hour: number };
}

export interface Config {
  port: number;
  /** Language of the console and CLI. */
  lang: Lang;
  logLevel: string;
  maxInputBytes: number;
  redis?: RedisSettings;
  /**
   * REPLICAS: how many copies of the server run side by side (the Deployment's replicas). Read only to
   * warn at start-up when more than one would run without Redis; absent when unset.
   */
  replicas?: number;
  /** Timeouts and caps (src/net/policy.ts); DEFAULT_LIMITS when absent. */
  limits?: Limits;
  slack?: SlackConfig;
  wecom?: WecomConfig;
}

/** At most one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES; the rest qualifies it. */
function redisSettings(e: z.infer<typeof EnvSchema>): RedisSettings | undefined {
  const s: RedisSettings = {};
  if (e.REDIS_URL) s.url = e.REDIS_URL;
  if (e.REDIS_SENTINELS) {
    s.sentinels = parseHostPorts(e.REDIS_SENTINELS);
    if (e.REDIS_SENTINEL_NAME) s.sentinelName = e.REDIS_SENTINEL_NAME;
  }
  if (e.REDIS_CLUSTER_NODES) s.clusterNodes = parseHostPorts(e.REDIS_CLUSTER_NODES);
  if (!s.url && !s.sentinels && !s.clusterNodes) return undefined;
  if (e.REDIS_PASSWORD) s.password = e.REDIS_PASSWORD;
  if (e.REDIS_TLS === '1' || e.REDIS_TLS === 'true') s.tls = true;
  if (e.REDIS_TLS_CA_FILE) s.tlsCaFile = e.REDIS_TLS_CA_FILE;
  return s;
}

/** Settings that only make sense together; checked on the raw values, so they are reported with the rest. */
function missingCompanions(env: NodeJS.ProcessEnv): string[] {
  const has = (name: string) => isSet(env, name);
  const problems: string[] = [];
  const need = (cond: boolean, message: string) => cond && problems.push(message);
  const slack = SLACK_KEYS.some(has);
  const oauth = OAUTH_KEYS.some(has);
  need(
    slack && !oauth && !has('SLACK_BOT_TOKEN'),
    'SLACK_BOT_TOKEN is required when Slack is configured (or SLACK_CLIENT_ID and its companions for many workspaces)',
  );
  need(
    has('SLACK_BOT_TOKEN') && !has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET'),
    'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  );
  if (oauth) {
    const missing = OAUTH_KEYS.filter((k) => !has(k));
    need(
      missing.length > 0,
      `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required with ${OAUTH_KEYS.filter(has).join(', ')} (installs in many workspaces)`,
    );
    need(
      has('SLACK_BOT_TOKEN'),
      'set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and its companions (many), not both',
    );
    need(has('SLACK_APP_TOKEN'), 'installs in many workspaces need HTTP mode: unset SLACK_APP_TOKEN');
    need(!has('SLACK_SIGNING_SECRET'), 'SLACK_SIGNING_SECRET is required for installs in many workspaces (HTTP mode)');
    if (has('SLACK_INSTALLATION_KEY')) {
      try {
        parseInstallationKey(env.SLACK_INSTALLATION_KEY!);
      } catch (err) {
        problems.push(
          `SLACK_INSTALLATION_KEY ${(err as Error).message}; got a value of ${env.SLACK_INSTALLATION_KEY!.trim().length} characters (not shown)`,
        );
      }
    }
  }
  const redisForms = ['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'].filter(has);
  need(redisForms.length > 1, `set only one of ${redisForms.join(', ')}`);
  for (const name of ['REDIS_SENTINELS', 'REDIS_CLUSTER_NODES']) {
    if (!has(name)) continue;
    try {
      parseHostPorts(env[name]!);
    } catch (err) {
      problems.push(`${name} must be a comma-separated list of host:port (${(err as Error).message})`);
    }
  }
  need(has('WECOM_TOKEN') && !has('WECOM_ENCODING_AES_KEY'), 'WECOM_ENCODING_AES_KEY is required with WECOM_TOKEN');
  need(!has('WECOM_TOKEN') && has('WECOM_ENCODING_AES_KEY'), 'WECOM_TOKEN is required with WECOM_ENCODING_AES_KEY');
  return problems;
}

/** The four OAuth variables, once missingCompanions has checked they are all there and well formed. */
function oauthSettings(e: z.infer<typeof EnvSchema>): OAuthSettings | undefined {
  if (!e.SLACK_CLIENT_ID || !e.SLACK_CLIENT_SECRET || !e.SLACK_STATE_SECRET || !e.SLACK_INSTALLATION_KEY)
    return undefined;
  return {
    clientId: e.SLACK_CLIENT_ID,
    clientSecret: e.SLACK_CLIENT_SECRET,
    stateSecret: e.SLACK_STATE_SECRET,
    installationKey: parseInstallationKey(e.SLACK_INSTALLATION_KEY),
    ...(e.SLACK_REDIRECT_URI && { redirectUri: e.SLACK_REDIRECT_URI }),
  };
}

const positiveInt = z.coerce.number().int().positive();

/** The timeouts and caps of src/net/policy.ts, each overridable by its variable (LIMIT_ENV). */
function readLimits(env: NodeJS.ProcessEnv): { limits: Limits; problems: string[] } {
  const limits = { ...DEFAULT_LIMITS };
  const problems: string[] = [];
  for (const [key, name] of Object.entries(LIMIT_ENV) as Array<[keyof Limits, string]>) {
    const raw = (env[name] ?? '').trim();
    if (raw === '') continue;
    const parsed = positiveInt.safeParse(raw);
    if (parsed.success) limits[key] = parsed.data;
    else problems.push(`${name} must be a whole number above 0; got ${JSON.stringify(raw)}`);
  }
  return { limits, problems };
}

/** Validates the environment; one ConfigError naming every missing or malformed variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const used = usedVariables(env);
  const parsed = EnvSchema.safeParse(used);
  const { limits, problems: limitProblems } = readLimits(used);
  const problems = [
    ...(parsed.success ? [] : describeIssues(parsed.error, env)),
    ...limitProblems,
    ...missingCompanions(env),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const webhookUrl =
    e.WECOM_WEBHOOK_URL ??
    (e.WECOM_WEBHOOK_KEY
      ? `${e.WECOM_API_URL.replace(/\/$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(e.WECOM_WEBHOOK_KEY)}`
      : undefined);
  const config: Config = {
    port: e.PORT,
    lang: e.MSDK_LANG,
    logLevel: e.LOG_LEVEL,
    maxInputBytes: e.MAX_INPUT_BYTES,
  };
  const redis = redisSettings(e);
  if (redis) config.redis = redis;
  const oauth = oauthSettings(e);
  if (e.SLACK_BOT_TOKEN || oauth) {
    config.slack = {
      ...(e.SLACK_BOT_TOKEN && { botToken: e.SLACK_BOT_TOKEN }),
      ...(oauth && { oauth }),
      lang: e.SLACK_LANG,
      startTimeoutMs: e.SLACK_START_TIMEOUT_MS,
      ...(e.DIGEST_HOUR !== undefined && { digestHour: e.DIGEST_HOUR }),
      ...(e.SLACK_SIGNING_SECRET && { signingSecret: e.SLACK_SIGNING_SECRET }),
      ...(e.SLACK_APP_TOKEN && { appToken: e.SLACK_APP_TOKEN }),
      ...(e.SLACK_API_URL && { apiUrl: e.SLACK_API_URL }),
    };
  }
  if (webhookUrl || e.WECOM_TOKEN || e.WECOM_DIGEST) {
    config.wecom = { lang: e.WECOM_LANG, apiUrl: e.WECOM_API_URL, ...(webhookUrl && { webhookUrl }) };
    if (e.WECOM_DIGEST)
      config.wecom.digest = { webhookUrl: e.WECOM_DIGEST, hour: e.DIGEST_HOUR ?? DEFAULT_DIGEST_HOUR };
    if (e.WECOM_TOKEN && e.WECOM_ENCODING_AES_KEY) {
      config.wecom.callback = {
        token: e.WECOM_TOKEN,
        encodingAesKey: e.WECOM_ENCODING_AES_KEY,
        path: e.WECOM_CALLBACK_PATH,
        ...(e.WECOM_RECEIVE_ID && { receiveId: e.WECOM_RECEIVE_ID }),
      };
    }
  }
  if (config.slack || config.wecom) config.limits = limits;
  if (e.REPLICAS !== undefined) config.replicas = e.REPLICAS;
  return config;
}

/**
 * Only the Redis settings, validated as the server validates them: for commands that read the
 * bot's shared state without running the bot (`msdk feedback`).
 */
export function loadRedisConfig(env: NodeJS.ProcessEnv = process.env): RedisSettings | undefined {
  const redisOnly = Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('REDIS_')));
  const parsed = EnvSchema.safeParse(redisOnly);
  const problems = [...(parsed.success ? [] : describeIssues(parsed.error, env)), ...missingCompanions(redisOnly)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return redisSettings(parsed.data);
}

/** Every secret in the configuration, for the logger's scrubber. */
export function configSecrets(c: Config): string[] {
  return [
    c.slack?.botToken,
    c.slack?.signingSecret,
    c.slack?.appToken,
    c.slack?.oauth?.clientSecret,
    c.slack?.oauth?.stateSecret,
    // SLACK_INSTALLATION_KEY as it may have been written: base64 or hex.
    c.slack?.oauth?.installationKey.toString('base64'),
    c.slack?.oauth?.installationKey.toString('hex'),
    c.wecom?.webhookUrl?.match(/key=([^&]+)/)?.[1],
    c.wecom?.digest?.webhookUrl.match(/key=([^&]+)/)?.[1],
    c.wecom?.callback?.token,
    c.wecom?.callback?.encodingAesKey,
  ].filter((s): s is string => !!s);
}
