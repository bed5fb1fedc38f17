import { z } from 'zod';
import { ConfigError } from './errors.js';
import { DEFAULT_MAX_BYTES } from './core/analyze.js';
import { LANGS, type Lang } from './core/types.js';

/** WeCom's public API host: the standard webhook URL's base and a trusted reply destination. */
export const WECOM_API_DEFAULT = 'https://qyapi.weixin.qq.com';

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
  REDIS_URL: optional.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),

  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optional.pipe(z.url().optional()),
  SLACK_LANG: z.enum(LANGS).default('ko'),

  WECOM_WEBHOOK_URL: optional.pipe(z.url().optional()),
  WECOM_WEBHOOK_KEY: optional,
  WECOM_API_URL: z.url().default(WECOM_API_DEFAULT),
  WECOM_TOKEN: optional,
  WECOM_ENCODING_AES_KEY: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey')
      .optional(),
  ),
  WECOM_RECEIVE_ID: optional,
  WECOM_CALLBACK_PATH: z.string().startsWith('/').default('/wecom/callback'),
  WECOM_LANG: z.enum(LANGS).default('ko'),
});

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  lang: Lang;
}

export interface WecomConfig {
  /** Default group for notifications (`msdk notify --wecom`). */
  webhookUrl?: string;
  callback?: { token: string; encodingAesKey: string; receiveId?: string; path: string };
  lang: Lang;
  /** WeCom's API base (a private deployment's own host): callbacks' WebhookUrls may point there. */
  apiUrl?: string;
}

export interface Config {
  port: number;
  /** Language of the console and CLI. */
  lang: Lang;
  logLevel: string;
  maxInputBytes: number;
  redisUrl?: string;
  slack?: SlackConfig;
  wecom?: WecomConfig;
}

/** Settings that only make sense together; checked on the raw values, so they are reported with the rest. */
function missingCompanions(env: NodeJS.ProcessEnv): string[] {
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  const need = (cond: boolean, message: string) => cond && problems.push(message);
  const slack = has('SLACK_BOT_TOKEN') || has('SLACK_APP_TOKEN') || has('SLACK_SIGNING_SECRET');
  need(slack && !has('SLACK_BOT_TOKEN'), 'SLACK_BOT_TOKEN is required when Slack is configured');
  need(
    has('SLACK_BOT_TOKEN') && !has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET'),
    'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  );
  need(has('WECOM_TOKEN') && !has('WECOM_ENCODING_AES_KEY'), 'WECOM_ENCODING_AES_KEY is required with WECOM_TOKEN');
  need(!has('WECOM_TOKEN') && has('WECOM_ENCODING_AES_KEY'), 'WECOM_TOKEN is required with WECOM_ENCODING_AES_KEY');
  return problems;
}

const issuesOf = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);

/** Validates the environment; one ConfigError naming every missing or malformed variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = [...(parsed.success ? [] : issuesOf(parsed.error)), ...missingCompanions(env)];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const webhookUrl =
    e.WECOM_WEBHOOK_URL ??
    (e.WECOM_WEBHOOK_KEY
      ? `${e.WECOM_API_URL.replace(/\/$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(e.WECOM_WEBHOOK_KEY)}`
      : undefined);
  const config: Config = { port: e.PORT, lang: e.MSDK_LANG, logLevel: e.LOG_LEVEL, maxInputBytes: e.MAX_INPUT_BYTES };
  if (e.REDIS_URL) config.redisUrl = e.REDIS_URL;
  if (e.SLACK_BOT_TOKEN) {
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      lang: e.SLACK_LANG,
      ...(e.SLACK_SIGNING_SECRET && { signingSecret: e.SLACK_SIGNING_SECRET }),
      ...(e.SLACK_APP_TOKEN && { appToken: e.SLACK_APP_TOKEN }),
      ...(e.SLACK_API_URL && { apiUrl: e.SLACK_API_URL }),
    };
  }
  if (webhookUrl || e.WECOM_TOKEN) {
    config.wecom = { lang: e.WECOM_LANG, apiUrl: e.WECOM_API_URL, ...(webhookUrl && { webhookUrl }) };
    if (e.WECOM_TOKEN && e.WECOM_ENCODING_AES_KEY) {
      config.wecom.callback = {
        token: e.WECOM_TOKEN,
        encodingAesKey: e.WECOM_ENCODING_AES_KEY,
        path: e.WECOM_CALLBACK_PATH,
        ...(e.WECOM_RECEIVE_ID && { receiveId: e.WECOM_RECEIVE_ID }),
      };
    }
  }
  return config;
}

/** Every secret in the configuration, for the logger's scrubber. */
export function configSecrets(c: Config): string[] {
  return [
    c.slack?.botToken,
    c.slack?.signingSecret,
    c.slack?.appToken,
    c.wecom?.webhookUrl?.match(/key=([^&]+)/)?.[1],
    c.wecom?.callback?.token,
    c.wecom?.callback?.encodingAesKey,
  ].filter((s): s is string => !!s);
}
