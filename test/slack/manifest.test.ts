import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createSlackBot, surfaceOf, type SlackSurface } from '../../src/slack/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { parse as parseYaml } from 'yaml';

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

const manifest = obj(
  parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'), { uniqueKeys: true }) as Yaml,
);
const features = obj(manifest.features);
const settings = obj(manifest.settings);

let surface: SlackSurface;
beforeAll(async () => {
  // Building the bot makes no network call (auth.test waits for start()); the surface is what it registered.
  const bot = await createSlackBot({
    config: {
      botToken: 'xoxb-manifest-test',
      signingSecret: 'manifest-test-secret',
      apiUrl: 'http://127.0.0.1:9/api/',
      lang: 'en',
    },
    store: new MemoryStore(),
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    maxInputBytes: 1024,
    retryConfig: { retries: 0 },
  });
  surface = surfaceOf(bot)!;
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
