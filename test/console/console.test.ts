import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consoleReply } from '../../src/console/console.js';

const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

/** `npm start` with no Slack or WeCom settings: the embedded console. */
function startConsole() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|WECOM|REDIS)_/.test(k)));
  // A directory without .env, so the developer's own settings cannot leak into the test.
  const child = spawn(process.execPath, [MAIN], { cwd: tmpdir(), env: { ...env, MSDK_LANG: 'en' } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const waitFor = async (needle: string) => {
    for (let i = 0; i < 100 && !out.includes(needle); i++) await new Promise((r) => setTimeout(r, 50));
    return out;
  };
  return { child, waitFor, output: () => out };
}

describe('embedded console (npm start without configuration)', () => {
  it('explains, scans and stays silent exactly as the bot would, and says how to connect Slack', async () => {
    const { child, waitFor, output } = startConsole();
    await waitFor('> ');
    expect(output()).toContain('SLACK_BOT_TOKEN');

    child.stdin.write('/msdk -303\n');
    expect(await waitFor('appid has no permission')).toContain('MSDK access layer');

    child.stdin.write('we have 303 users online\n');
    expect(await waitFor('(no reply')).toContain('(no reply');

    child.stdin.write('{\n  "ret": -20000,\n  "msg": "40001,invalid credential"\n}\n');
    expect(await waitFor('40001')).toMatch(/40001 — WeChat platform, via MSDK logic layer -20000/);

    child.stdin.end();
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
  });
});

describe('console output into a pipe', () => {
  it('ends quietly (exit 0, no EPIPE) when the reader closes the pipe early', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|WECOM|REDIS)_/.test(k)));
    const script = `printf '/msdk -303\\n' | "${process.execPath}" "${MAIN}" | head -n 1 >/dev/null; exit \${PIPESTATUS[1]}`;
    const r = spawnSync('bash', ['-c', script], { cwd: tmpdir(), env, encoding: 'utf8' });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.status).toBe(0);
  });
});

describe('consoleReply', () => {
  it('answers /msdk help with usage and a search with matches', () => {
    expect(consoleReply('/msdk help', 'en', 1e6)).toMatch(/^usage: \/msdk/);
    expect(consoleReply('/msdk access token expired', 'en', 1e6)).toContain('42001');
  });

  it('is silent (undefined) on chatter', () => {
    expect(consoleReply('+1 from me', 'en', 1e6)).toBeUndefined();
  });
});
