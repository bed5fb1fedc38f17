/**
 * `.env.example` is where a new user starts: it names every variable the bot reads (set, or commented
 * out at its default), and copied to `.env` as it is, it starts the console with no error.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliSettings } from '../src/cli/settings.js';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';

const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
/** `NAME=` lines, commented out or not. */
const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
/** Read by the msdk command (src/cli/settings.ts) rather than loadConfig. */
const CLI_ONLY = ['MSDK_SCAN_THREADS'];

describe('.env.example', () => {
  it('lists every variable src/config.ts reads, once, and nothing it does not', () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(30);
    expect(CONFIG_VARIABLES.filter((v) => !listed.includes(v))).toEqual([]);
    expect(listed.filter((v, i) => listed.indexOf(v) !== i)).toEqual([]);
    expect(listed.filter((v) => !CONFIG_VARIABLES.includes(v) && !CLI_ONLY.includes(v))).toEqual([]);
  });

  it('says what each one is: a comment above every group of lines', () => {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!/^[A-Z]/.test(line)) return;
      const before = lines.slice(0, i).reverse();
      const block = before.findIndex((l) => l.trim() === '');
      const above = block === -1 ? before : before.slice(0, block);
      expect(
        above.some((l) => /^#\s*[^A-Z\s]|^# [A-Z][a-z]/.test(l)),
        `a comment explains ${line}`,
      ).toBe(true);
    });
  });

  it('holds no secret: every value set is empty', () => {
    const values = parseEnv(text);
    expect(Object.keys(values).length).toBeGreaterThan(10);
    expect(Object.entries(values).filter(([, v]) => v !== '')).toEqual([]);
    expect(text).not.toMatch(/xox[abpe]-\w|xapp-\w/);
  });

  it('copied to .env as it is, the bot and the msdk command start with it (the console: nothing set)', () => {
    const env = parseEnv(text);
    expect(loadConfig(env)).toEqual(loadConfig({}));
    expect(cliSettings(env)).toEqual(cliSettings({}));
  });
});
