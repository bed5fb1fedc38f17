import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger, registerSecrets, scrubSecrets } from '../../src/logger.js';

// Fake secrets, shaped like the real ones.
const BOT_TOKEN = 'xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx';
const APP_TOKEN = 'xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const WECOM_TOKEN = 'QDG6eKtoken';
const WEBHOOK_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const WEBHOOK_URL = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WEBHOOK_KEY}`;
const REDIS_PASSWORD = 'r3d1s-p4ss-w0rd';
const REDIS_URL = `redis://default:${REDIS_PASSWORD}@redis.internal:6379/0`;
const BASIC_AUTH = 'Basic dXNlcjpodW50ZXIy';

function capture(level?: string): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({
    ...(level && { level }),
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines };
}

/** Every line must be one JSON object; returns them parsed. */
function parsed(lines: string[]): Array<Record<string, unknown>> {
  return lines.map((line) => {
    expect(line.endsWith('\n')).toBe(true);
    return JSON.parse(line) as Record<string, unknown>;
  });
}

function expectNoSecrets(output: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(output, `leaked ${secret}`).not.toContain(secret);
}

describe('logger', () => {
  it('redacts every configured secret, wherever it appears in a line', () => {
    registerSecrets([BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, AES_KEY, WECOM_TOKEN, WEBHOOK_KEY, undefined]);
    const { logger, lines } = capture('trace');

    logger.info({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, encodingAesKey: AES_KEY }, 'config loaded');
    logger.info(
      { config: { slack: { botToken: BOT_TOKEN, appToken: APP_TOKEN, signingSecret: SIGNING_SECRET } } },
      'nested config',
    );
    logger.info({ wecom: { callback: { token: WECOM_TOKEN, encodingAesKey: AES_KEY } } }, 'deeper still');
    logger.warn({ webhookUrl: WEBHOOK_URL }, 'webhook field');
    logger.warn({ target: WEBHOOK_URL, attempt: 2 }, `posting to ${WEBHOOK_URL}`);
    logger.info(
      { req: { headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' } } },
      'request',
    );
    logger.info({ headers: { Authorization: `Bearer ${APP_TOKEN}` } }, 'capitalised header');
    const err = new Error(`invalid_auth for token ${BOT_TOKEN}`);
    logger.error({ err }, 'slack call failed');
    logger.error(new Error(`aes key ${AES_KEY} rejected`));
    logger.error({ error: new TypeError(`bad signing secret ${SIGNING_SECRET}`) }, 'verification failed');
    logger.info({ redisUrl: REDIS_URL }, 'redis field');
    logger.info(`connecting to ${REDIS_URL}`);
    logger.info({ list: [{ botToken: BOT_TOKEN }, `secret=${SIGNING_SECRET}`] }, 'in arrays');
    logger.child({ token: WECOM_TOKEN, platform: 'wecom' }).info('child bindings');
    logger.info('printf %s and %o', BOT_TOKEN, { signingSecret: SIGNING_SECRET });

    const output = lines.join('');
    expect(lines).toHaveLength(15);
    expectNoSecrets(output, [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, AES_KEY, WECOM_TOKEN, WEBHOOK_KEY, REDIS_PASSWORD]);
    // The error stack is there (useful), only without the token.
    expect(output).toContain('slack call failed');
    const entries = parsed(lines);
    const errEntry = entries.find((e) => e.msg === 'slack call failed') as {
      err: { message: string; stack: string; type: string };
    };
    expect(errEntry.err.type).toBe('Error');
    expect(errEntry.err.stack).toMatch(/logging\.test\.ts/);
    expect(errEntry.err.message).toContain('[REDACTED]');
    // Redaction keeps what is useful: where the webhook goes and to which Redis host.
    expect(output).toContain('qyapi.weixin.qq.com/cgi-bin/webhook/send');
    expect(output).toContain('redis.internal:6379');
    expect(output).toContain('application/json');
  });

  it('censors secret-named fields at any depth even when the value was never registered', () => {
    const unregistered = {
      slack: { signingSecret: 'unregistered-signing-5ecret', appToken: 'opaque-app-t0ken-value' },
      wecom: { callback: { encodingAesKey: 'unregisteredAesKeyValue0123456789abcdefghi', token: 'plainT0ken' } },
      upstream: { request: { headers: { Authorization: BASIC_AUTH, 'X-Api-Key': 'apikey-0123456789' } } },
      store: { password: 'hunter2-db', redisUrl: 'redis://cache:6379' },
    };
    const { logger, lines } = capture();
    logger.info({ deep: unregistered }, 'unregistered secrets');
    logger.info(
      { cause: Object.assign(new Error('request failed'), { config: { headers: { Authorization: BASIC_AUTH } } }) },
      'error elsewhere',
    );
    logger.child({ upstream: { apiKey: 'child-api-key-value' } }).info('child binding');
    logger
      .child({ platform: 'slack' })
      .child({ deep: { slack: { signingSecret: 'grandchild-5ecret' } } })
      .info('grandchild');
    logger.info({ target: new URL('https://hooks.example/send?key=url-object-key-1') }, 'URL object'); // used to throw in pino's redact

    expectNoSecrets(lines.join(''), [
      'unregistered-signing-5ecret',
      'opaque-app-t0ken-value',
      'unregisteredAesKeyValue0123456789abcdefghi',
      'plainT0ken',
      BASIC_AUTH,
      'dXNlcjpodW50ZXIy',
      'apikey-0123456789',
      'hunter2-db',
      'redis://cache:6379',
      'child-api-key-value',
      'grandchild-5ecret',
      'url-object-key-1',
    ]);
    expect(lines).toHaveLength(5);
    const [entry, errEntry] = parsed(lines) as Array<{ deep: typeof unregistered; cause: { message: string } }>;
    expect(entry?.deep.slack.signingSecret).toBe('[REDACTED]');
    expect(entry?.deep.upstream.request.headers['X-Api-Key']).toBe('[REDACTED]');
    expect(errEntry?.cause.message).toBe('request failed');
    // The caller's object is left as it was.
    expect(unregistered.slack.signingSecret).toBe('unregistered-signing-5ecret');
  });

  it('survives circular objects', () => {
    const { logger, lines } = capture();
    const loop: Record<string, unknown> = { name: 'loop', secret: 'circular-s3cret-value' };
    loop.self = loop;
    logger.info({ loop }, 'circular');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('circular-s3cret-value');
    expect(parsed(lines)[0]?.msg).toBe('circular');
  });

  it('writes one JSON object per line with level, time, service and msg', () => {
    const { logger, lines } = capture();
    logger.info({ platform: 'slack', findings: 2 }, 'message answered');
    const [entry] = parsed(lines);
    expect(entry).toMatchObject({
      level: 30,
      service: 'msdk-bot',
      platform: 'slack',
      findings: 2,
      msg: 'message answered',
    });
    expect(typeof entry?.time).toBe('number');
  });

  describe('LOG_LEVEL', () => {
    const saved = process.env.LOG_LEVEL;
    afterEach(() => {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    });

    it('is respected when no level is passed', () => {
      process.env.LOG_LEVEL = 'warn';
      const { logger, lines } = capture();
      logger.info('hidden');
      logger.warn('shown');
      expect(parsed(lines).map((l) => l.msg)).toEqual(['shown']);
    });

    it('is overridden by an explicit level; defaults to info', () => {
      process.env.LOG_LEVEL = 'error';
      const explicit = capture('debug');
      explicit.logger.debug('debug shown');
      expect(explicit.lines).toHaveLength(1);

      delete process.env.LOG_LEVEL;
      const byDefault = capture();
      byDefault.logger.debug('hidden');
      byDefault.logger.info('shown');
      expect(parsed(byDefault.lines).map((l) => l.msg)).toEqual(['shown']);
    });
  });

  it('scrubSecrets cleans free text: tokens, webhook keys, bearer and URL credentials', () => {
    const text = `xoxp-123456-abcdef ${APP_TOKEN} ${WEBHOOK_URL}&debug=1 Bearer abc.def-ghi ${REDIS_URL} https://user:pa55@example.com/x`;
    const out = scrubSecrets(text, []);
    expectNoSecrets(out, ['xoxp-123456-abcdef', APP_TOKEN, WEBHOOK_KEY, 'abc.def-ghi', REDIS_PASSWORD, 'pa55']);
    expect(out).toContain('&debug=1');
    expect(out).toContain('example.com/x');
  });
});
