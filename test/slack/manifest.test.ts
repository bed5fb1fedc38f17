import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { SlackConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { EVENTS_PATH } from '../../src/slack/app.js';
import { createSlackBot, type SlackSurface, surfaceOf } from '../../src/slack/index.js';
import { REDIRECT_PATH } from '../../src/slack/oauth/index.js';
import { MemoryStore } from '../../src/store/memory.js';

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

type Obj = { [key: string]: Yaml };
const obj = (v: Yaml | undefined): Obj => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`expected a mapping, got ${JSON.stringify(v)}`);
  return v;
};
const list = (v: Yaml | undefined): Yaml[] => {
  if (!Array.isArray(v)) throw new Error(`expected a list, got ${JSON.stringify(v)}`);
  return v;
};
const sorted = (xs: Yaml[]) => xs.map(String).sort();

const readManifest = (name: string) =>
  obj(parseYaml(readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8'), { uniqueKeys: true }) as Yaml);
const manifest = readManifest('manifest.yml');
const features = obj(manifest.features);
const settings = obj(manifest.settings);

let surface: SlackSurface;
let oauthSurface: SlackSurface;
beforeAll(async () => {
  // Building the bot makes no network call (auth.test waits for start()); the surface is what it registered.
  const build = async (auth: { botToken: string } | { oauth: NonNullable<SlackConfig['oauth']> }) =>
    surfaceOf(
      await createSlackBot({
        config: { ...auth, signingSecret: 'manifest-test-secret', apiUrl: 'http://127.0.0.1:9/api/', lang: 'en' },
        store: new MemoryStore(),
        logger: createLogger({ level: 'silent' }),
        metrics: createMetrics(),
        maxInputBytes: 1024,
        retryConfig: { retries: 0 },
      }),
    )!;
  surface = await build({ botToken: 'xoxb-manifest-test' });
  oauthSurface = await build({
    oauth: { clientId: '1.2', clientSecret: 'c', stateSecret: 's', installationKey: Buffer.alloc(32) },
  });
});

describe('manifest.yml matches what the code handles', () => {
  it('declares exactly the slash commands the bot registers, with a usage hint', () => {
    const commands = list(features.slash_commands).map(obj);
    expect(sorted(commands.map((c) => c.command!))).toEqual([...surface.commands].sort());
    for (const c of commands) {
      expect(String(c.command)).toMatch(/^\/[\w-]{1,31}$/);
      expect(String(c.description).length).toBeGreaterThan(0);
      expect(String(c.usage_hint).length).toBeGreaterThan(0);
      expect(c.should_escape).toBe(false); // text.ts decodes what Slack does not escape
    }
  });

  it('declares exactly the message shortcuts the bot registers', () => {
    const shortcuts = list(features.shortcuts).map(obj);
    expect(sorted(shortcuts.map((s) => s.callback_id!))).toEqual([...surface.shortcuts].sort());
    for (const s of shortcuts) {
      expect(s.type).toBe('message');
      expect(String(s.name).length).toBeLessThanOrEqual(24);
      expect(String(s.description).length).toBeLessThanOrEqual(150);
    }
    expect(shortcuts.find((s) => s.callback_id === 'explain_msdk_error')?.name).toBe('Explain MSDK error');
  });

  it('subscribes to exactly the bot events the listeners need', () => {
    expect(sorted(list(obj(settings.event_subscriptions).bot_events))).toEqual(surface.botEvents);
  });

  it('asks for exactly the bot scopes the code needs, no more', () => {
    expect(sorted(list(obj(obj(manifest.oauth_config).scopes).bot))).toEqual(surface.scopes);
  });

  it('turns on interactivity (shortcut, button), Socket Mode and the DM tab', () => {
    expect(surface.interactivity).toBe(true);
    expect(obj(settings.interactivity).is_enabled).toBe(surface.interactivity);
    expect(settings.socket_mode_enabled).toBe(true);
    expect(settings.token_rotation_enabled).toBe(false);
    const home = obj(features.app_home);
    expect(home.messages_tab_enabled).toBe(surface.messagesTab);
    expect(home.messages_tab_read_only_enabled).toBe(false);
    expect(home.home_tab_enabled).toBe(surface.homeTab); // the Home tab is published on app_home_opened
    expect(surface.homeTab).toBe(true);
  });

  it('has a bot user and display information within Slack limits', () => {
    expect(String(obj(features.bot_user).display_name).length).toBeGreaterThan(0);
    const info = obj(manifest.display_information);
    expect(String(info.name).length).toBeLessThanOrEqual(35);
    expect(String(info.description).length).toBeLessThanOrEqual(140);
  });
});

describe('manifest.http.yml: the same app over HTTP, installed by many workspaces', () => {
  const http = readManifest('manifest.http.yml');
  const httpSettings = obj(http.settings);
  const url = (v: Yaml | undefined) => new URL(String(v));

  it('is manifest.yml plus request URLs, the OAuth redirect, the uninstall events and org-wide installs', () => {
    const expected = structuredClone(manifest);
    const host = 'https://bot.example.com';
    obj(list(obj(expected.features).slash_commands)[0]).url = `${host}${EVENTS_PATH}`;
    obj(expected.oauth_config).redirect_urls = [`${host}${REDIRECT_PATH}`];
    const s = obj(expected.settings);
    const events = obj(s.event_subscriptions);
    events.request_url = `${host}${EVENTS_PATH}`;
    events.bot_events = [...list(events.bot_events), 'app_uninstalled', 'tokens_revoked'];
    obj(s.interactivity).request_url = `${host}${EVENTS_PATH}`;
    Object.assign(s, { org_deploy_enabled: true, socket_mode_enabled: false });
    const order = (m: Obj) => {
      const e = obj(obj(m.settings).event_subscriptions);
      e.bot_events = sorted(list(e.bot_events));
      return m;
    };
    expect(order(structuredClone(http))).toEqual(order(expected));
  });

  it('subscribes to exactly the events the bot registers in OAuth mode, and asks for the same scopes', () => {
    expect(sorted(list(obj(httpSettings.event_subscriptions).bot_events))).toEqual(oauthSurface.botEvents);
    expect(oauthSurface.scopes).toEqual(surface.scopes);
    expect(sorted(list(obj(obj(http.oauth_config).scopes).bot))).toEqual(oauthSurface.scopes);
  });

  it("points Slack at the bot's own routes: events, commands and interactions at one URL, the redirect beside it", () => {
    const events = url(obj(httpSettings.event_subscriptions).request_url);
    const command = url(obj(list(obj(http.features).slash_commands)[0]).url);
    const interactivity = url(obj(httpSettings.interactivity).request_url);
    const redirect = url(list(obj(http.oauth_config).redirect_urls)[0]);
    for (const u of [events, command, interactivity, redirect]) expect(u.protocol).toBe('https:');
    expect(new Set([events.href, command.href, interactivity.href])).toEqual(new Set([events.href]));
    expect(events.pathname).toBe(EVENTS_PATH);
    expect(redirect.host).toBe(events.host);
    expect(redirect.pathname).toBe(REDIRECT_PATH);
  });
});
