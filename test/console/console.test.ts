import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consoleTurn, splitMessages } from '../../src/console/console.js';
import { runMain } from '../helpers/main-process.js';

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
    // Not a terminal: the console starts once something arrives (nothing at all is a container's mistake).
    child.stdin.write('/msdk -303\n');
    expect(await waitFor('appid has no permission')).toContain('MSDK access layer');
    expect(output()).toContain('SLACK_BOT_TOKEN');

    child.stdin.write('/scan we have 303 users online\n');
    expect(await waitFor('(no reply')).toContain('(no reply: in a channel the bot stays silent on this)');

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

const NO_SETTINGS_LINE =
  'msdk-bot: no Slack or WeCom settings and nothing on standard input: set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN or ' +
  'SLACK_SIGNING_SECRET), SLACK_CLIENT_ID and its companions for many workspaces, or WECOM_WEBHOOK_URL / WECOM_TOKEN (docs/configuration.md), or run it in a terminal for the console\n';

describe('the console is a direct message to the bot (printf ... | npm start)', () => {
  it("a bare code is explained, as a Slack DM is: printf -- '-303\\n' | npm start", async () => {
    const r = await runMain({}, { stdin: '-303\n' });
    expect(r.stdout).toContain('🛠️ -303 — MSDK 액세스 층');
    expect(r.stdout).toContain('해당 appid는 msdk에 대한 권한이 없음');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the banner says how to connect Slack and WeCom and how to leave; help lists the commands', async () => {
    const r = await runMain({ MSDK_LANG: 'en' }, { stdin: 'help\n' });
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('Slack: set SLACK_BOT_TOKEN'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('WeCom: set WECOM_WEBHOOK_URL'))).toHaveLength(1);
    expect(lines[1]).toContain('quit or Ctrl-D leaves');
    expect(lines).toContain(
      '  /lang ko|en|zh                          answer language (now en); /msdk lang en does the same',
    );
    expect(lines).toContain('  quit, exit or Ctrl-D                    leave');
    expect(r.stdout).toMatch(/\/scan <text> +the bot's unasked reply to this in a channel/);
    expect(r.code).toBe(0);
  });

  it('switches language, runs the slash command and the channel preview, and stops at quit', async () => {
    const script = ['/lang en', '-303', '/msdk lang zh', '/msdk -303', '/scan ret=-2500', 'quit', '-4009'];
    const r = await runMain({}, { stdin: `${script.join('\n')}\n` });
    const answers = r.stdout.split('\n> ').slice(1);
    expect(answers[0]).toContain('Language set to English.');
    expect(answers[1]).toContain('-303 — MSDK access layer');
    expect(answers[2]).toContain('语言已设置为中文。');
    expect(answers[3]).toContain('-303 — MSDK 接入层');
    expect(answers[4]).toMatch(/-2500 — MSDK 逻辑层/);
    expect(r.stdout).not.toContain('-4009');
    expect(r.code).toBe(0);
  });

  it('does not validate settings the console does not use (PORT=abc opens no port)', async () => {
    const r = await runMain({ PORT: 'abc', LOG_LEVEL: 'loud' }, { stdin: '-303\n' });
    expect(r.stdout).toContain('-303 — MSDK 액세스 층');
    expect(r.code).toBe(0);
  });
});

describe('the console on a terminal (a pseudo-terminal from script(1))', () => {
  it('shows the banner before anything is typed, answers, and quit leaves with exit 0', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|WECOM|REDIS)_/.test(k)));
    const child = spawn('script', ['-qec', `'${process.execPath}' '${MAIN}'`, '/dev/null'], {
      cwd: tmpdir(),
      env: { ...env, MSDK_LANG: 'en' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const waitFor = async (needle: string) => {
      for (let i = 0; i < 100 && !out.includes(needle); i++) await new Promise((r) => setTimeout(r, 50));
      return out;
    };
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(await waitFor('quit or Ctrl-D leaves')).toContain('Slack: set SLACK_BOT_TOKEN');
    child.stdin.write('-303\n');
    expect(await waitFor('MSDK access layer')).toContain('-303 — MSDK access layer');
    child.stdin.write('quit\n'); // the test's end of the pipe stays open: only quit can end it
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    expect(await exited).toBe(0);
    clearTimeout(killer);
  });
});

describe('a container with no settings (docker run -d: stdin is /dev/null)', () => {
  it('prints one line on what to set and exits 1, instead of a banner to nobody and exit 0', async () => {
    for (const stdin of ['ignore', ''] as const) {
      const r = await runMain({}, { stdin });
      expect(r.stderr, `stdin ${stdin || 'empty pipe'}`).toBe(NO_SETTINGS_LINE);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
    }
  });
});

describe('consoleTurn', () => {
  const state = () => ({ lang: 'en' as const, maxBytes: 1e6 });

  it('answers /msdk help with usage and a search with matches', () => {
    expect(consoleTurn('/msdk help', state()).reply).toMatch(/^usage: \/msdk/);
    expect(consoleTurn('/msdk access token expired', state()).reply).toContain('42001');
    expect(consoleTurn('access token expired', state()).reply).toContain('42001');
  });

  it('answers chatter as a DM would (nothing found, and where to look), and /scan stays silent on it', () => {
    expect(consoleTurn('lunch at noon?', state()).reply).toBe(
      'No MSDK error code found. (help lists what the console understands)\n',
    );
    expect(consoleTurn('/scan we have 303 users online', state()).reply).toBe(
      '(no reply: in a channel the bot stays silent on this)\n',
    );
  });

  it('refuses an unknown language and an unknown command politely', () => {
    const s = state();
    expect(consoleTurn('/lang fr', s).reply).toBe('usage: /lang ko|en|zh (now en)\n');
    expect(s.lang).toBe('en');
    expect(consoleTurn('/frobnicate', s).reply).toBe('unknown command /frobnicate: type help for the list\n');
    expect(consoleTurn('EXIT', s)).toEqual({ quit: true });
  });

  it('keeps a pasted JSON or log one message, while commands in the same burst are their own', () => {
    expect(splitMessages(['{', '  "ret": -303', '}'])).toEqual(['{\n  "ret": -303\n}']);
    expect(splitMessages(['/lang en', '{', '"ret": -303', '}', 'help', '/scan a', 'b', 'quit'])).toEqual([
      '/lang en',
      '{\n"ret": -303\n}',
      'help',
      '/scan a\nb',
      'quit',
    ]);
    expect(splitMessages(['GET /usr/local/x failed', 'ret=-303'])).toEqual(['GET /usr/local/x failed\nret=-303']);
  });
});
