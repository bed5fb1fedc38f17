/**
 * Issue #12: start-up errors a person can act on, seen as the user sees them: the real process, its
 * exact output lines and exit code, against a fake Slack Web API on 127.0.0.1 or a closed port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/main-process.js';
import { freePort } from '../helpers/redis.js';
import { FakeSlack } from './helpers/fake-slack.js';

const BOT_TOKEN = 'xoxb-startup-secret-7e1';
const APP_TOKEN = 'xapp-startup-secret-9f2';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(() => fake.close());

const httpMode = async () => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: 'signing-secret-3c4',
  SLACK_API_URL: fake.apiUrl,
  PORT: String(await freePort()),
});

const secretsIn = (text: string) => [BOT_TOKEN, APP_TOKEN, 'signing-secret-3c4'].filter((s) => text.includes(s));

describe('a token Slack rejects', () => {
  it.each(['invalid_auth', 'not_authed', 'account_inactive'])(
    '%s: one line naming SLACK_BOT_TOKEN, exit 1, no stack',
    async (error) => {
      fake.failures.set('auth.test', [error]);
      const r = await runMain(await httpMode());
      expect(r.stderr).toBe(`msdk-bot: SLACK_BOT_TOKEN was rejected by Slack: ${error}\n`);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
    },
  );

  it('a rejected app token names SLACK_APP_TOKEN (Socket Mode)', async () => {
    fake.failures.set('apps.connections.open', ['invalid_auth']);
    const r = await runMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(await freePort()),
    });
    expect(r.stderr).toBe('msdk-bot: SLACK_APP_TOKEN was rejected by Slack: invalid_auth\n');
    expect(r.code).toBe(1);
    expect(secretsIn(r.stdout + r.stderr)).toEqual([]);
  });
});

describe('Slack unreachable', () => {
  it('warns naming the host and the call, backs off, then gives up with one line after SLACK_START_TIMEOUT_MS', async () => {
    const port = await freePort(); // nothing listens there
    const started = Date.now();
    const r = await runMain({
      ...(await httpMode()),
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      SLACK_START_TIMEOUT_MS: '2000',
    });
    const elapsed = Date.now() - started;
    expect(r.stderr).toBe(
      `msdk-bot: cannot reach Slack at 127.0.0.1:${port} (auth.test: ECONNREFUSED) for 2 s; giving up (SLACK_START_TIMEOUT_MS)\n`,
    );
    expect(r.code).toBe(1);
    const warnings = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; retryInMs: number });
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    for (const w of warnings) {
      expect(w.level).toBe(40);
      expect(w.msg).toMatch(
        new RegExp(
          `^Slack unreachable: auth.test on 127.0.0.1:${port} failed \\(ECONNREFUSED\\); retrying in \\d+ ms$`,
        ),
      );
    }
    expect(warnings[0]!.retryInMs).toBe(1000);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(secretsIn(r.stdout + r.stderr)).toEqual([]);
  });

  it('a Slack that answers 500 at first: one warning, then the bot starts', async () => {
    fake.serverErrors.set('auth.test', 1);
    const r = await runMain(await httpMode(), { stopWhen: (out) => out.includes('msdk-bot ready') });
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    const host = new URL(fake.apiUrl).host;
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([
      `Slack unreachable: auth.test on ${host} failed (HTTP 500); retrying in 1000 ms`,
    ]);
    expect(lines.some((l) => l.msg === 'msdk-bot ready')).toBe(true);
    expect(r.code).toBe(0);
  });
});
