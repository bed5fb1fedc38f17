/**
 * Issue #17, end to end: one deployment installed by many workspaces (Slack's OAuth v2 flow), run
 * as production runs it (startBot: our HTTP server, the FallbackStore on a real redis-server),
 * against the fake Slack Web API, with really signed requests. Which token answered is read from
 * the Authorization header of each Web API call and file download.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type RunningBot, startBot } from '../../src/app.js';
import { type Config, configSecrets } from '../../src/config.js';
import { createLogger, registerSecrets } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createSlackBot } from '../../src/slack/index.js';
import { SealedInstallationStore } from '../../src/slack/oauth/installations.js';
import { slackPlace } from '../../src/slack/team.js';
import { MemoryStore } from '../../src/store/memory.js';
import { subscribe } from '../../src/team/index.js';
import { noRedis, RedisServer, redisClient } from '../helpers/redis.js';
import { BOT_USER_ID, CLIENT_ID, CLIENT_SECRET, type FakeInstall, FakeSlack } from './helpers/fake-slack.js';
import {
  fixture,
  messageEvent,
  nextEventId,
  nextTs,
  postSigned,
  SIGNING_SECRET,
  visibleText,
  waitFor,
} from './helpers/harness.js';

const INSTALLATION_KEY = randomBytes(32);
const manifestScopes = (
  parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  }
).oauth_config.scopes.bot;

let redis: RedisServer;
let raw: Redis;
let fake: FakeSlack;
let bot: RunningBot;
let base = '';
const logs: string[] = [];

async function startOne(): Promise<void> {
  const config: Config = {
    port: 0,
    lang: 'en',
    logLevel: 'debug',
    maxInputBytes: 1_048_576,
    redis: { url: redis.url },
    slack: {
      oauth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        stateSecret: 'state-secret',
        installationKey: INSTALLATION_KEY,
      },
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      lang: 'en',
    },
  };
  registerSecrets(configSecrets(config)); // as src/main.ts does
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  bot = await startBot(config, logger);
  base = `http://127.0.0.1:${bot.port}`;
}

beforeAll(async () => {
  if (noRedis) return;
  redis = await RedisServer.start();
  raw = redisClient(redis.url);
  fake = await new FakeSlack().start();
  await startOne();
});
afterAll(async () => {
  await bot?.stop();
  raw?.disconnect();
  await fake?.close();
  await redis?.stop();
});

/** The whole browser side of an install: the install page, Slack's approval (`code`), the redirect. */
async function install(code: string, approved: FakeInstall) {
  fake.installs.set(code, approved);
  const page = await fetch(`${base}/slack/install`);
  const html = await page.text();
  const link = new URL(/href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1] ?? 'http://none');
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const state = link.searchParams.get('state') ?? '';
  const redirect = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
  return { page, link, redirect, body: await redirect.text() };
}

/** A signed Events API envelope from `team` (of org `enterprise`, through an org-wide install when `orgWide`). */
function sendEvent(event: Record<string, unknown>, team: string, o: { enterprise?: string; orgWide?: boolean } = {}) {
  const envelope = {
    token: 'legacy',
    team_id: team,
    ...(o.enterprise && { enterprise_id: o.enterprise }),
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: nextEventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        team_id: o.orgWide ? null : team,
        enterprise_id: o.enterprise ?? null,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: o.orgWide === true,
      },
    ],
    ...(o.orgWide && { is_enterprise_install: true }),
    event,
  };
  return postSigned(`${base}/slack/events`, JSON.stringify(envelope), 'application/json');
}

let commands = 0;
/** `/msdk <text>` typed in `channel` of `team`; the answer Slack got on the response_url. */
async function command(team: string, channel: string, text: string) {
  const id = `oauth${++commands}`;
  const fields = {
    ...fixture<Record<string, string>>('command-msdk.json'),
    team_id: team,
    channel_id: channel,
    text,
    response_url: `${fake.url}/response/${id}`,
  };
  const res = await postSigned(
    `${base}/slack/events`,
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
  );
  expect(res.status).toBe(200);
  return waitFor(() => fake.responses.find((r) => r.path === `/response/${id}`), `the answer to /msdk ${text}`);
}

const repliesTo = (channel: string, ts: string) =>
  fake.posts().filter((p) => p.params.channel === channel && p.params.thread_ts === ts);
const reply = (channel: string, ts: string) => waitFor(() => repliesTo(channel, ts)[0], `the reply to ${ts}`);

describe.skipIf(noRedis)('installs in many workspaces (OAuth), end to end', () => {
  it("links to Slack's authorize URL with the client id and the manifest's scopes, exchanges the code, keeps the installation sealed", async () => {
    const { page, link, redirect, body } = await install('code-a', { token: 'xoxb-team-a-secret', teamId: 'TA' });
    expect(page.status).toBe(200);
    expect(`${link.origin}${link.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(link.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(link.searchParams.get('scope')?.split(',').sort()).toEqual([...manifestScopes].sort());

    expect(redirect.status).toBe(200);
    expect(body).toContain('is installed');
    const exchange = fake.callsTo('oauth.v2.access');
    expect(exchange).toHaveLength(1); // on the fake: SLACK_API_URL applies to the code exchange too
    expect(exchange[0]!.params).toMatchObject({ code: 'code-a', client_id: CLIENT_ID });

    // In Redis: one record for the team, and neither its token nor its name in plain text.
    const stored = await raw.get('msdk:install:team:{TA}');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('xoxb-');
    expect(stored).not.toContain('Studio TA');
  });

  it('refuses a redirect whose state this deployment did not sign, and stores nothing', async () => {
    fake.installs.set('code-forged', { token: 'xoxb-forged', teamId: 'TF' });
    const before = logs.length;
    const res = await fetch(`${base}/slack/oauth_redirect?code=code-forged&state=forged`, {
      headers: { cookie: 'slack-app-oauth-state=forged' },
    });
    expect(res.status).toBe(400);
    expect(fake.callsTo('oauth.v2.access').filter((c) => c.params.code === 'code-forged')).toHaveLength(0);
    expect(await raw.get('msdk:install:team:{TF}')).toBeNull();
    // One browser's failed install is a warning, not an error.
    const levels = logs.slice(before).map((l) => (JSON.parse(l) as { level: number }).level);
    expect(levels.filter((l) => l >= 50)).toEqual([]);
    expect(levels).toContain(40);
  });

  it('answers each team with its own token, a team that never installed with silence; survives a restart; forgets on app_uninstalled', async () => {
    await install('code-b', { token: 'xoxb-team-b-secret', teamId: 'TB' });
    const tsB = nextTs();
    expect((await sendEvent(messageEvent({ channel: 'CB', ts: tsB, team: 'TB' }), 'TB')).status).toBe(200);
    expect((await reply('CB', tsB)).authorization).toBe('Bearer xoxb-team-b-secret');

    const tsZ = nextTs();
    expect((await sendEvent(messageEvent({ channel: 'CZ', ts: tsZ, team: 'TZ' }), 'TZ')).status).toBe(200);
    const tsB2 = nextTs();
    await sendEvent(messageEvent({ channel: 'CB', ts: tsB2 }), 'TB');
    await reply('CB', tsB2); // handled after the uninstalled team's event
    expect(fake.posts().filter((p) => p.params.channel === 'CZ')).toHaveLength(0);
    expect(await bot.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total')).toContain(
      'reason="not_installed"} 1',
    );

    // A new process on the same Redis still knows team B.
    await bot.stop();
    await startOne();
    const tsB3 = nextTs();
    await sendEvent(messageEvent({ channel: 'CB', ts: tsB3 }), 'TB');
    expect((await reply('CB', tsB3)).authorization).toBe('Bearer xoxb-team-b-secret');

    // Uninstalled: the record is gone, and the team's next message gets no answer.
    const uninstalled = { type: 'app_uninstalled', event_ts: nextTs() };
    expect((await sendEvent(uninstalled, 'TB')).status).toBe(200);
    await waitFor(async () => (await raw.get('msdk:install:team:{TB}')) === '', 'the installation to be removed');
    const tsB4 = nextTs();
    await sendEvent(messageEvent({ channel: 'CB', ts: tsB4 }), 'TB');
    await waitFor(
      async () =>
        (await bot.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total')).includes(
          'reason="not_installed"} 1', // counted by the restarted process
        ),
      'the message after the uninstall to be dropped',
    );
    expect(repliesTo('CB', tsB4)).toHaveLength(0);
  });

  it('tokens_revoked with the bot token forgets the workspace; a revoked user token alone does not', async () => {
    await install('code-r', { token: 'xoxb-team-r-secret', teamId: 'TR' });
    await sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['U1INSTALLER'] }, event_ts: nextTs() }, 'TR');
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CR', ts }), 'TR');
    expect((await reply('CR', ts)).authorization).toBe('Bearer xoxb-team-r-secret');
    await sendEvent({ type: 'tokens_revoked', tokens: { bot: [BOT_USER_ID] }, event_ts: nextTs() }, 'TR');
    await waitFor(async () => (await raw.get('msdk:install:team:{TR}')) === '', 'the installation to be removed');
  });

  it('two teams with the same channel id and ts are both answered, and a mute in one stays there', async () => {
    await install('code-c', { token: 'xoxb-team-c-secret', teamId: 'TC' });
    await install('code-d', { token: 'xoxb-team-d-secret', teamId: 'TD' });
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CSAME', ts }), 'TC');
    await sendEvent(messageEvent({ channel: 'CSAME', ts }), 'TD');
    await waitFor(() => repliesTo('CSAME', ts).length === 2, 'a reply in each workspace');
    expect(
      repliesTo('CSAME', ts)
        .map((p) => p.authorization)
        .sort(),
    ).toEqual(['Bearer xoxb-team-c-secret', 'Bearer xoxb-team-d-secret']);

    const muted = await command('TC', 'CSAME', 'mute -73');
    expect(visibleText(muted.body)).toContain('-73* is muted in this channel');
    const after = nextTs();
    await sendEvent(messageEvent({ channel: 'CSAME', ts: after }), 'TC'); // muted in TC's CSAME
    await sendEvent(messageEvent({ channel: 'CSAME', ts: after }), 'TD'); // not in TD's
    expect((await reply('CSAME', after)).authorization).toBe('Bearer xoxb-team-d-secret');
    expect(visibleText((await command('TD', 'CSAME', 'muted')).body)).toContain('Nothing is muted');
    await waitFor(
      async () =>
        (await bot.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total')).includes('reason="muted"} 1'),
      "TC's message to be dropped as muted",
    );
    expect(repliesTo('CSAME', after)).toHaveLength(1);

    // The Home tab is published with the token of the reader's workspace.
    await sendEvent(
      { type: 'app_home_opened', user: 'U1ALICE', channel: 'DHOME', tab: 'home', event_ts: nextTs() },
      'TD',
    );
    const home = await waitFor(() => fake.callsTo('views.publish')[0], 'the Home tab');
    expect(home.authorization).toBe('Bearer xoxb-team-d-secret');
  });

  it('an org-wide install answers every workspace of its org with the org token', async () => {
    await install('code-e', { token: 'xoxb-org-e-secret', enterpriseId: 'E1', orgWide: true });
    expect(await raw.get('msdk:install:org:{E1}')).toMatch(/^v1\./);
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CORG', ts, team: 'T5' }), 'T5', { enterprise: 'E1', orgWide: true });
    expect((await reply('CORG', ts)).authorization).toBe('Bearer xoxb-org-e-secret');
  });

  it("downloads a shared file with the token of the file's workspace", async () => {
    await install('code-f', { token: 'xoxb-team-f-secret', teamId: 'TFILE' });
    fake.files.set('crash.log', { body: 'E/login: {"ret":-303}' });
    const share = fixture('event-file-share.json');
    const ts = nextTs();
    const files = (share.files as Array<Record<string, unknown>>).map((f) => ({
      ...f,
      name: 'crash.log',
      url_private: `${fake.url}/files/crash.log`,
      url_private_download: `${fake.url}/files/crash.log`,
    }));
    await sendEvent({ ...share, channel: 'CFILE', ts, event_ts: ts, files }, 'TFILE');
    expect(visibleText(await reply('CFILE', ts))).toContain('-303');
    expect(fake.downloads.find((d) => d.path === '/files/crash.log')?.authorization).toBe('Bearer xoxb-team-f-secret');
  });

  it('logs no workspace token, nor the client secret (the Web API client logs request bodies at debug)', () => {
    const text = logs.join('');
    for (const secret of ['xoxb-team-a-secret', 'xoxb-team-b-secret', CLIENT_SECRET])
      expect(text).not.toContain(secret);
  });
});

describe('digests in OAuth mode', () => {
  it("are posted with the token of the subscribed channel's workspace; one without installation is skipped", async () => {
    const slack = await new FakeSlack().start();
    const now = new Date(2026, 10, 26, 12).getTime(); // after DIGEST_HOUR (10:00)
    const store = new MemoryStore({ now: () => now });
    const installs = new SealedInstallationStore(store, INSTALLATION_KEY);
    for (const [team, token] of [
      ['TG', 'xoxb-team-g-secret'],
      ['TH', 'xoxb-team-h-secret'],
    ]) {
      await installs.storeInstallation({
        team: { id: team },
        bot: { token, scopes: ['chat:write'], id: 'B1', userId: BOT_USER_ID },
        isEnterpriseInstall: false,
      } as Parameters<typeof installs.storeInstallation>[0]);
    }
    const since = now - 3 * 86_400_000;
    for (const team of ['TG', 'TH', 'TX']) {
      await subscribe(store, { cadence: 'daily', place: slackPlace(team, 'CDIG'), workspace: team, lang: 'en', since });
    }
    // Written before places named their workspace: still posted, with its workspace's token.
    await subscribe(store, { cadence: 'daily', place: 'slack:COLD', workspace: 'TG', lang: 'en', since });
    const digestBot = await createSlackBot({
      config: {
        oauth: {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          stateSecret: 's',
          installationKey: INSTALLATION_KEY,
        },
        signingSecret: SIGNING_SECRET,
        apiUrl: slack.apiUrl,
        lang: 'en',
      },
      store,
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      maxInputBytes: 1024,
      retryConfig: { retries: 0 },
      now: () => now,
    });
    await digestBot.start(); // a missed slot is posted at start
    try {
      const posted = await waitFor(() => {
        const p = slack.posts().filter((c) => c.params.channel === 'CDIG');
        return p.length === 2 ? p : undefined;
      }, 'two digests');
      expect(posted.map((p) => p.authorization).sort()).toEqual([
        'Bearer xoxb-team-g-secret',
        'Bearer xoxb-team-h-secret',
      ]);
      const old = await waitFor(() => slack.posts().find((c) => c.params.channel === 'COLD'), 'the older digest');
      expect(old.authorization).toBe('Bearer xoxb-team-g-secret');
    } finally {
      await digestBot.stop();
      await slack.close();
    }
  });
});
