import { describe, expect, it } from 'vitest';
import { configSecrets, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { LIMIT_ENV } from '../src/net/policy.js';
import { runMain } from './helpers/main-process.js';

const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('configuration from the environment', () => {
  it('no platform settings: defaults, and neither adapter (npm start runs the console)', () => {
    const c = loadConfig({});
    expect(c).toEqual({ port: 3000, lang: 'ko', logLevel: 'info', maxInputBytes: 1_048_576 });
  });

  it('every timeout defaults to seconds, not minutes, and each limit has a variable that changes it', () => {
    const server = { WECOM_WEBHOOK_KEY: 'k' };
    const { limits } = loadConfig(server);
    for (const key of ['headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs', 'outboundTimeoutMs'] as const) {
      expect(limits?.[key], key).toBeGreaterThanOrEqual(1_000);
      expect(limits?.[key], key).toBeLessThanOrEqual(15_000);
    }
    expect(limits?.downloadTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(limits?.maxConnections).toBeGreaterThan(0);
    expect(limits?.storeMaxEntries).toBeGreaterThan(0);
    const env = {
      ...server,
      ...Object.fromEntries(Object.values(LIMIT_ENV).map((name, i) => [name, String(100 + i)])),
    };
    expect(Object.values(loadConfig(env).limits ?? {})).toEqual(Object.values(LIMIT_ENV).map((_, i) => 100 + i));
    expect(() => loadConfig({ ...server, OUTBOUND_TIMEOUT_MS: '5s', HTTP_MAX_CONNECTIONS: '0' })).toThrow(
      /HTTP_MAX_CONNECTIONS must be a whole number above 0; got "0".*OUTBOUND_TIMEOUT_MS must be a whole number above 0; got "5s"/,
    );
    // The console opens no port: its limits are not read, so a wrong one does not stop it.
    expect(loadConfig({ HTTP_MAX_CONNECTIONS: 'many' }).limits).toBeUndefined();
  });

  it('Slack HTTP mode, Socket Mode, and WeCom with a webhook key turned into the standard URL', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret' }).slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's3cret',
      lang: 'ko',
      startTimeoutMs: 60_000,
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_LANG: 'en' }).slack).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      lang: 'en',
      startTimeoutMs: 60_000,
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
    expect(message).toBe(
      'invalid configuration: ' +
        [
          'PORT must be a port number from 0 to 65535; got "eighty"',
          'REDIS_URL must be a URL starting with redis:// or rediss://; got "localhost:6379"',
          'SLACK_BOT_TOKEN must be the Bot User OAuth Token, starting with xoxb-; got a value of 3 characters (not shown)',
          'SLACK_LANG must be one of ko, en, zh; got "fr"',
          'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
          'WECOM_ENCODING_AES_KEY is required with WECOM_TOKEN',
        ].join('; '),
    );
  });

  it('validates only what the chosen mode uses: the console opens no port and logs nothing', () => {
    const env = { PORT: 'abc', LOG_LEVEL: 'loud', SLACK_LANG: 'fr', REDIS_URL: 'localhost' };
    expect(loadConfig(env)).toEqual({ port: 3000, lang: 'ko', logLevel: 'info', maxInputBytes: 1_048_576 });
    expect(() => loadConfig({ ...env, MSDK_LANG: 'fr' })).toThrow('MSDK_LANG must be one of ko, en, zh; got "fr"');
    // A URL's password is never repeated, even in a malformed URL.
    expect(() => loadConfig({ WECOM_WEBHOOK_KEY: 'k', REDIS_URL: 'http://u:hunter2@cache:6379' })).toThrow(
      'REDIS_URL must be a URL starting with redis:// or rediss://; got "http://u:***@cache:6379"',
    );
    // WeCom alone: Slack's settings are not read, the server's are.
    const wecom = { WECOM_WEBHOOK_KEY: 'k', SLACK_LANG: 'fr', MSDK_LANG: 'fr' };
    expect(loadConfig(wecom).wecom?.webhookUrl).toContain('key=k');
    expect(() => loadConfig({ ...wecom, PORT: 'abc' })).toThrow(
      'invalid configuration: PORT must be a port number from 0 to 65535; got "abc"',
    );
  });

  it('DIGEST_HOUR (0..23, default 10) and WECOM_DIGEST, which alone turns the WeCom digest on', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret' };
    expect(loadConfig({ ...slack, DIGEST_HOUR: '7' }).slack?.digestHour).toBe(7);
    const digest = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=digest-key';
    expect(loadConfig({ WECOM_DIGEST: digest }).wecom).toEqual({
      lang: 'ko',
      apiUrl: 'https://qyapi.weixin.qq.com',
      digest: { webhookUrl: digest, hour: 10 },
    });
    expect(configSecrets(loadConfig({ WECOM_DIGEST: digest }))).toEqual(['digest-key']);
    expect(() => loadConfig({ ...slack, DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR/);
    expect(() => loadConfig({ WECOM_DIGEST: 'not a url' })).toThrow(/WECOM_DIGEST/);
  });

  it('a Slack bot token without a signing secret or app token is refused', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required in HTTP mode/);
  });

  describe('installs in many workspaces (OAuth)', () => {
    const KEY_HEX = 'ab'.repeat(32);
    const oauth = {
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret-value',
      SLACK_STATE_SECRET: 'state-secret-value',
      SLACK_INSTALLATION_KEY: KEY_HEX,
      SLACK_SIGNING_SECRET: 's3cret',
    };

    it('the four variables with a signing secret: OAuth mode, no bot token, every secret scrubbed', () => {
      const c = loadConfig(oauth);
      expect(c.slack?.botToken).toBeUndefined();
      expect(c.slack?.oauth).toEqual({
        clientId: '123.456',
        clientSecret: 'client-secret-value',
        stateSecret: 'state-secret-value',
        installationKey: Buffer.from(KEY_HEX, 'hex'),
      });
      expect(c.slack?.signingSecret).toBe('s3cret');
      expect(configSecrets(c)).toEqual(
        expect.arrayContaining(['client-secret-value', 'state-secret-value', KEY_HEX, 's3cret']),
      );
      const base64 = Buffer.alloc(32, 7).toString('base64');
      expect(loadConfig({ ...oauth, SLACK_INSTALLATION_KEY: base64 }).slack?.oauth?.installationKey).toEqual(
        Buffer.alloc(32, 7),
      );
      expect(
        loadConfig({ ...oauth, SLACK_REDIRECT_URI: 'https://bot.example.com/slack/oauth_redirect' }).slack?.oauth
          ?.redirectUri,
      ).toBe('https://bot.example.com/slack/oauth_redirect');
    });

    it('names the missing companions, and never repeats a secret', () => {
      expect(() => loadConfig({ SLACK_CLIENT_ID: '123.456' })).toThrow(
        new ConfigError(
          'invalid configuration: SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_INSTALLATION_KEY are required with ' +
            'SLACK_CLIENT_ID (installs in many workspaces); SLACK_SIGNING_SECRET is required for installs in many ' +
            'workspaces (HTTP mode)',
        ),
      );
      const { SLACK_STATE_SECRET: _, ...noState } = oauth;
      expect(() => loadConfig(noState)).toThrow(
        /^invalid configuration: SLACK_STATE_SECRET is required with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_INSTALLATION_KEY \(installs in many workspaces\)$/,
      );
    });

    it('refuses a short installation key, a bot token too, Socket Mode, and an http redirect', () => {
      const short = 'c2hvcnQta2V5LXNlY3JldA==';
      let message = '';
      try {
        loadConfig({ ...oauth, SLACK_INSTALLATION_KEY: short });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toBe(
        'invalid configuration: SLACK_INSTALLATION_KEY must be 32 random bytes, as base64 or hex ' +
          '(e.g. `openssl rand -base64 32`); got a value of 24 characters (not shown)',
      );
      expect(() => loadConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
        'set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and its companions (many), not both',
      );
      expect(() => loadConfig({ ...oauth, SLACK_APP_TOKEN: 'xapp-1' })).toThrow(
        'installs in many workspaces need HTTP mode: unset SLACK_APP_TOKEN',
      );
      expect(() => loadConfig({ ...oauth, SLACK_REDIRECT_URI: 'http://bot.example.com/x' })).toThrow(
        /SLACK_REDIRECT_URI must be an https URL/,
      );
    });
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

describe('npm start with a malformed setting', () => {
  it('prints one line with the variable, what it must be and what it got (never a secret), and exits 1', async () => {
    const r = await runMain({ SLACK_BOT_TOKEN: 'xoxp-user-token-5d1', SLACK_SIGNING_SECRET: 's', PORT: 'abc' });
    expect(r.stderr).toBe(
      'msdk-bot: invalid configuration: PORT must be a port number from 0 to 65535; got "abc"; ' +
        'SLACK_BOT_TOKEN must be the Bot User OAuth Token, starting with xoxb-; got a value of 19 characters (not shown)\n',
    );
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  });
});
