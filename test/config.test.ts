import { DEFAULT_LIMITS, LIMIT_ENV } from '../src/net/policy.js';
import { describe, expect, it } from 'vitest';
import { configSecrets, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('configuration from the environment', () => {
  it('no platform settings: defaults, and neither adapter (npm start runs the console)', () => {
    const c = loadConfig({});
    expect(c).toEqual({ port: 3000, lang: 'ko', logLevel: 'info', maxInputBytes: 1_048_576, limits: DEFAULT_LIMITS });
  });

  it('every timeout defaults to seconds, not minutes, and each limit has a variable that changes it', () => {
    const { limits } = loadConfig({});
    for (const key of ['headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs', 'outboundTimeoutMs'] as const) {
      expect(limits?.[key], key).toBeGreaterThanOrEqual(1_000);
      expect(limits?.[key], key).toBeLessThanOrEqual(15_000);
    }
    expect(limits?.downloadTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(limits?.maxConnections).toBeGreaterThan(0);
    expect(limits?.storeMaxEntries).toBeGreaterThan(0);
    const env = Object.fromEntries(Object.values(LIMIT_ENV).map((name, i) => [name, String(100 + i)]));
    expect(Object.values(loadConfig(env).limits ?? {})).toEqual(Object.values(LIMIT_ENV).map((_, i) => 100 + i));
    expect(() => loadConfig({ OUTBOUND_TIMEOUT_MS: '5s', HTTP_MAX_CONNECTIONS: '0' })).toThrow(
      /HTTP_MAX_CONNECTIONS must be a positive whole number.*OUTBOUND_TIMEOUT_MS must be a positive whole number/,
    );
  });

  it('Slack HTTP mode, Socket Mode, and WeCom with a webhook key turned into the standard URL', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret' }).slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's3cret',
      lang: 'ko',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_LANG: 'en' }).slack).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      lang: 'en',
    });
    const w = loadConfig({
      WECOM_WEBHOOK_KEY: 'abc-123',
      WECOM_TOKEN: 'tok',
      WECOM_ENCODING_AES_KEY: AES,
      WECOM_LANG: 'zh',
    }).wecom;
    expect(w).toEqual({
      lang: 'zh',
      apiUrl: 'https://qyapi.weixin.qq.com',
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123',
      callback: { token: 'tok', encodingAesKey: AES, path: '/wecom/callback' },
    });
  });

  it('one clear error naming every missing or malformed variable', () => {
    const bad = () =>
      loadConfig({
        SLACK_BOT_TOKEN: 'abc',
        PORT: 'eighty',
        WECOM_TOKEN: 'tok',
        SLACK_LANG: 'fr',
        REDIS_URL: 'localhost:6379',
      });
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of [
      'SLACK_BOT_TOKEN must start with xoxb-',
      'PORT',
      'WECOM_ENCODING_AES_KEY is required with WECOM_TOKEN',
      'SLACK_LANG',
      'REDIS_URL',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('tok');
  });

  it('a Slack bot token without a signing secret or app token is refused', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required in HTTP mode/);
  });

  it('lists every secret for the log scrubber, including the webhook key', () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's3cret',
      WECOM_WEBHOOK_KEY: 'abc-123',
      WECOM_TOKEN: 'tok',
      WECOM_ENCODING_AES_KEY: AES,
    });
    expect(configSecrets(c).sort()).toEqual([AES, 'abc-123', 's3cret', 'tok', 'xoxb-1'].sort());
  });
});
