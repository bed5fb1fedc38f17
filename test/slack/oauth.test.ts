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
import { createHttpServer, listen } from '../../src/server/http.js';
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

/** An OAuth app's Slack settings (the test's client, signing secret and installation key) against `apiUrl`. */
const oauthConfig = (apiUrl: string, stateSecret = 's') => ({
  oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret, installationKey: INSTALLATION_KEY },
  signingSecret: SIGNING_SECRET,
  apiUrl,
  lang: 'en' as const,
});

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
    slack: oauthConfig(fake.apiUrl, 'state-secret'),
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
  raw.on('error', () => {}); // the outage test stops the server
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
async function install(code: string, approved: FakeInstall, headers: Record<string, string> = {}) {
  fake.installs.set(code, approved);
  const page = await fetch(`${base}/slack/install`, { headers });
  const html = await page.text();
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1] ?? 'http://none';
  const link = new URL(href.replaceAll('&amp;', '&')); // as the browser reads the attribute
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const state = link.searchParams.get('state') ?? '';
  const redirect = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { ...headers, cookie },
  });
  return { page, html, link, state, cookie, redirect, body: await redirect.text() };
}

/** A signed Events API envelope from `team` (of org `enterprise`, through an org-wide install when `orgWide`). */
function sendEvent(
  event: Record<string, unknown>,
  team: string,
  o: { enterprise?: string; orgWide?: boolean; authorizedTeam?: string } = {},
) {
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
        team_id: o.orgWide ? null : (o.authorizedTeam ?? team),
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

  it('the state cookie is SameSite=Lax, and a state works once: a replayed state+cookie pair installs nothing', async () => {
    const first = await install('code-once', { token: 'xoxb-team-once-secret', teamId: 'TONCE' });
    expect(first.redirect.status).toBe(200);
    expect(first.page.headers.get('set-cookie')).toMatch(/^slack-app-oauth-state=[^;]+;.*SameSite=Lax/);

    fake.installs.set('code-replay', { token: 'xoxb-replayed', teamId: 'TREPLAY' });
    const before = logs.length;
    const replay = await fetch(
      `${base}/slack/oauth_redirect?code=code-replay&state=${encodeURIComponent(first.state)}`,
      { headers: { cookie: first.cookie } },
    );
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was already used');
    expect(fake.callsTo('oauth.v2.access').filter((c) => c.params.code === 'code-replay')).toHaveLength(0);
    expect(await raw.get('msdk:install:team:{TREPLAY}')).toBeNull();
    // Logged once, as a warning without a stack.
    const failed = logs.slice(before).filter((l) => l.includes('installation failed'));
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!)).toMatchObject({ level: 40, reason: 'slack_oauth_invalid_state' });
    expect(failed[0]).not.toContain('stack');
  });

  it('the code exchange is tried once and answered within the idle timeout (a single-use code is never retried)', async () => {
    fake.serverErrors.set('oauth.v2.access', 1);
    const broken = await install('code-500', { token: 'xoxb-team-500-secret', teamId: 'T500' });
    expect(broken.redirect.status).toBe(502);
    expect(broken.body).toContain('Start again from the install page');
    expect(fake.callsTo('oauth.v2.access').filter((c) => c.params.code === 'code-500')).toHaveLength(1);

    fake.hangWhen = (call) => call.method === 'oauth.v2.access';
    try {
      const started = performance.now();
      const hung = await install('code-hang', { token: 'xoxb-team-hang-secret', teamId: 'THANG' });
      expect(hung.redirect.status).toBe(502); // an answer, not a socket cut at HTTP_IDLE_TIMEOUT_MS (10 s)
      expect(performance.now() - started).toBeLessThan(9_000);
      expect(fake.callsTo('oauth.v2.access').filter((c) => c.params.code === 'code-hang')).toHaveLength(1);
    } finally {
      fake.hangWhen = undefined;
    }
  }, 20_000);

  it("pages are the app's own, in the installer's language", async () => {
    const ko = await install(
      'code-ko',
      { token: 'xoxb-team-ko-secret', teamId: 'TKO' },
      { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' },
    );
    expect(ko.html).toContain('<html lang="ko">');
    expect(ko.html).toContain('Slack에 추가');
    expect(ko.body).toContain('MSDK Error Helper가 설치되었습니다');
    const zh = await fetch(`${base}/slack/oauth_redirect?error=access_denied&state=x`, {
      headers: { 'accept-language': 'fr-FR, zh-CN;q=0.8, en;q=0.5' },
    });
    expect(await zh.text()).toContain('安装已取消');
    const en = await fetch(`${base}/slack/install`, { headers: { 'accept-language': 'de-DE' } });
    expect(await en.text()).toContain('Add to Slack'); // none of ko/en/zh asked: LANG
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
    await waitFor(async () => (await raw.get('msdk:install:team:{TB}')) === null, 'the installation to be removed');
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

  it("an uninstall deletes the installation's key and purges the workspace's mutes, counts and digests", async () => {
    await install('code-p', { token: 'xoxb-team-p-secret', teamId: 'TP' });
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CP', ts }), 'TP');
    await reply('CP', ts);
    expect(visibleText((await command('TP', 'CP', 'mute -303')).body)).toContain('muted');
    expect(await raw.get('msdk:digest:sub:slack:TP:CP')).toBeNull();
    // Confirmed in the channel itself (chat.postMessage), not on the response_url.
    void command('TP', 'CP', 'digest daily').catch(() => undefined);
    await waitFor(async () => (await raw.get('msdk:digest:sub:slack:TP:CP')) !== null, 'the digest subscription');
    const left = async () => (await raw.keys('msdk:*')).filter((k) => /TP\b|\{TP\}/.test(k));
    await waitFor(async () => (await left()).some((k) => k.startsWith('msdk:stats:TP:')), 'the counts');
    expect((await left()).some((k) => k.startsWith('msdk:mute:slack:TP:CP:'))).toBe(true);

    await sendEvent({ type: 'app_uninstalled', event_ts: nextTs() }, 'TP');
    // Counts, first-seen days, mutes and digests go; what expires by itself (delivery claims within the hour,
    // the locale cache within the day, thread memory within the week) is left to expire.
    const purged = /^msdk:(install|stats|first|seen|mute|digest):/;
    // The digest list's lock and its epoch (no data of the workspace; the lock expires in 5 s) are not data.
    const data = async () => (await left()).filter((k) => purged.test(k) && !/:(epoch|lock:\d+)$/.test(k));
    await waitFor(async () => (await data()).length === 0, 'the purge').catch(() => undefined);
    expect(await data()).toEqual([]);
  });

  it('tokens_revoked with the bot token forgets the workspace; a revoked user token alone does not', async () => {
    await install('code-r', { token: 'xoxb-team-r-secret', teamId: 'TR' });
    await sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['U1INSTALLER'] }, event_ts: nextTs() }, 'TR');
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CR', ts }), 'TR');
    expect((await reply('CR', ts)).authorization).toBe('Bearer xoxb-team-r-secret');
    await sendEvent({ type: 'tokens_revoked', tokens: { bot: [BOT_USER_ID] }, event_ts: nextTs() }, 'TR');
    await waitFor(async () => (await raw.get('msdk:install:team:{TR}')) === null, 'the installation to be removed');
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

  it("Slack Connect: an event posted in workspace A, delivered to B's install, counts for B (the authorisation), never A", async () => {
    await install('code-sa', { token: 'xoxb-team-sa-secret', teamId: 'TSA' });
    await install('code-sb', { token: 'xoxb-team-sb-secret', teamId: 'TSB' });
    // As Slack Connect sends it: team_id is where it happened, authorizations the install receiving it.
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CCONNECT', ts, team: 'TSA' }), 'TSA', { authorizedTeam: 'TSB' });
    expect((await reply('CCONNECT', ts)).authorization).toBe('Bearer xoxb-team-sb-secret');

    const homeOf = async (team: string, user: string) => {
      const before = fake.callsTo('views.publish').length;
      await sendEvent({ type: 'app_home_opened', user, channel: 'DHOME', tab: 'home', event_ts: nextTs() }, team);
      const call = await waitFor(() => fake.callsTo('views.publish')[before], `the Home tab of ${team}`);
      return {
        token: call.authorization,
        text: visibleText({ blocks: (call.params.view as { blocks: unknown }).blocks }),
      };
    };
    // Counted once the reply is posted (after it): wait for B's Home to show it.
    const homeB = await waitFor(async () => {
      const h = await homeOf('TSB', 'U1BOB');
      return h.text.includes('<#CCONNECT>') ? h : undefined;
    }, "B's Home tab to list the channel");
    expect(homeB.token).toBe('Bearer xoxb-team-sb-secret');
    const homeA = await homeOf('TSA', 'U1ANN');
    expect(homeA.token).toBe('Bearer xoxb-team-sa-secret');
    expect(homeA.text).not.toContain('CCONNECT');
  });

  it('an org-wide install answers every workspace of its org with the org token', async () => {
    const { body } = await install('code-e', { token: 'xoxb-org-e-secret', enterpriseId: 'E1', orgWide: true });
    // The admin goes on to choose the org's workspaces that get the app.
    expect(body).toContain('href="https://E1.enterprise.slack.com/manage/organization/apps/profile/A1/workspaces/add"');
    expect(await raw.get('msdk:install:org:{E1}')).toMatch(/^v1\./);
    const ts = nextTs();
    await sendEvent(messageEvent({ channel: 'CORG', ts, team: 'T5' }), 'T5', { enterprise: 'E1', orgWide: true });
    expect((await reply('CORG', ts)).authorization).toBe('Bearer xoxb-org-e-secret');
  });

  it('an install approved on the org admin pages (no state, no cookie) succeeds', async () => {
    fake.installs.set('code-admin', { token: 'xoxb-org-admin-secret', enterpriseId: 'E2', orgWide: true });
    const res = await fetch(`${base}/slack/oauth_redirect?code=code-admin`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/workspaces/add');
    expect(await raw.get('msdk:install:org:{E2}')).toMatch(/^v1\./);
    // A state that is there but wrong still fails: only a redirect without one takes the admin path.
    fake.installs.set('code-bad-state', { token: 'xoxb-x', enterpriseId: 'E3', orgWide: true });
    expect((await fetch(`${base}/slack/oauth_redirect?code=code-bad-state&state=`)).status).toBe(400);
    expect(await raw.get('msdk:install:org:{E3}')).toBeNull();
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

describe.skipIf(noRedis)('OAuth mode through a Redis outage (issue #25)', () => {
  it('installed workspaces keep being answered with their own token; a slash command is never left unanswered', async () => {
    // Redis up: a workspace that never installed is told so on its response_url, not left hanging.
    const unknown = await command('TNEVER', 'CX', '-303');
    expect(visibleText(unknown.body)).toContain('not installed in this workspace');

    await install('code-o', { token: 'xoxb-team-o-secret', teamId: 'TO' });
    const before = nextTs();
    await sendEvent(messageEvent({ channel: 'CO', ts: before }), 'TO');
    await reply('CO', before);

    await redis.stop('SIGKILL');
    const during = nextTs();
    await sendEvent(messageEvent({ channel: 'CO', ts: during }), 'TO');
    expect((await reply('CO', during)).authorization).toBe('Bearer xoxb-team-o-secret');
    const answered = await command('TO', 'CO', '-303');
    expect(visibleText(answered.body)).toContain('-303');
    // Not known here, and Redis cannot say: "try again", not "not installed".
    const unreachable = await command('TNEVER2', 'CX', '-303');
    expect(visibleText(unreachable.body)).toContain("cannot read this workspace's installation right now");
    expect(await bot.metrics.registry.getSingleMetricAsString('msdk_events_dropped_total')).toContain(
      'reason="installations_unreachable"} 1',
    );
  });
});

describe('OAuth on the in-memory store (no REDIS_URL)', () => {
  it('says once, at startup, that installations die with the process', async () => {
    const lines: string[] = [];
    const memoryBot = await createSlackBot({
      config: oauthConfig('http://127.0.0.1:9/api/'),
      store: new MemoryStore(),
      logger: createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } }),
      metrics: createMetrics(),
      maxInputBytes: 1024,
      retryConfig: { retries: 0 },
    });
    await memoryBot.stop();
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.msg)).toEqual([expect.stringMatching(/die with it.*REDIS_URL/)]);
  });
});

describe('OAuth on a small in-memory store (STORE_MAX_ENTRIES=100)', () => {
  it("one busy workspace's traffic evicts neither an idle workspace's installation nor the claims a retry needs", async () => {
    const slack = await new FakeSlack().start();
    let evicted = 0;
    const store = new MemoryStore({ maxEntries: 100, onEvict: () => evicted++ });
    const logger = createLogger({ level: 'silent' });
    const memoryBot = await createSlackBot({
      config: oauthConfig(slack.apiUrl),
      store,
      logger,
      metrics: createMetrics(),
      maxInputBytes: 1_048_576,
      retryConfig: { retries: 0 },
    });
    const server = createHttpServer(memoryBot.routes, logger);
    const url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/slack/events`;
    try {
      await memoryBot.start();
      const installs = SealedInstallationStore.on(store, INSTALLATION_KEY, logger);
      for (const [team, token] of [
        ['TIDLE', 'xoxb-idle-secret'],
        ['TBUSY', 'xoxb-busy-secret'],
      ]) {
        await installs.storeInstallation({
          team: { id: team },
          bot: { token, scopes: ['chat:write'], id: 'B1', userId: BOT_USER_ID },
          isEnterpriseInstall: false,
        } as Parameters<typeof installs.storeInstallation>[0]);
      }
      const envelopeFrom = (team: string, event: Record<string, unknown>, eventId = nextEventId()) =>
        JSON.stringify({
          team_id: team,
          api_app_id: 'A1',
          type: 'event_callback',
          event_id: eventId,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: team, user_id: BOT_USER_ID, is_bot: true }],
          event,
        });
      const first = messageEvent({ channel: 'CBUSY' });
      const firstBody = envelopeFrom('TBUSY', first);
      await postSigned(url, firstBody, 'application/json');
      await waitFor(() => slack.posts().length === 1, 'the first reply');
      // Then 150 people open the Home tab: each reader's locale is cached, an entry each, no claim.
      for (let i = 0; i < 150; i++) {
        const home = { type: 'app_home_opened', user: `U${i}`, channel: 'DHOME', tab: 'home', event_ts: nextTs() };
        await postSigned(url, envelopeFrom('TBUSY', home), 'application/json');
      }
      await waitFor(() => slack.callsTo('views.publish').length === 150, 'the Home tabs', 15_000);
      expect(evicted).toBeGreaterThan(0); // the store was full: the least recently used went

      await postSigned(url, firstBody, 'application/json', { retryNum: 1 }); // Slack retries the first one
      const idle = messageEvent({ channel: 'CIDLE' });
      await postSigned(url, envelopeFrom('TIDLE', idle), 'application/json');
      const answer = await waitFor(() => slack.posts().find((p) => p.params.channel === 'CIDLE'), 'the idle workspace');
      expect(answer.authorization).toBe('Bearer xoxb-idle-secret');
      await memoryBot.stop();
      expect(slack.posts().filter((p) => p.params.thread_ts === first.ts)).toHaveLength(1);
    } finally {
      await memoryBot.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slack.close();
    }
  }, 30_000);
});

describe('digests in OAuth mode', () => {
  it("are posted with the token of the subscribed channel's workspace; one without installation is skipped", async () => {
    const slack = await new FakeSlack().start();
    const now = new Date(2026, 10, 26, 12).getTime(); // after DIGEST_HOUR (10:00)
    const store = new MemoryStore({ now: () => now });
    const installs = SealedInstallationStore.on(store, INSTALLATION_KEY, createLogger({ level: 'silent' }));
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
      config: oauthConfig(slack.apiUrl),
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
