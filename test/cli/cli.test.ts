import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeLog } from '../../bench/make-log.js';
import { runCli } from '../../src/cli/run.js';
import { contentOf, fakeWebhook } from '../wecom/helpers.js';

const BIN = fileURLToPath(new URL('../../dist/cli/msdk.cjs', import.meta.url));

/** The installed command, as other tools call it (built by `npm test`'s pretest step). */
function msdk(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, MSDK_LANG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    stdin: async () => stdin,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('msdk CLI', () => {
  it('explain --json prints the finding contract', () => {
    const r = msdk(['explain', '--json', '--lang', 'en', '{"ret":-10000,"msg":"-73,the user modify password wrong"}']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; matches: unknown[] };
    expect(out.matches).toEqual([]);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      code: -73,
      table: 'qq',
      action: 'reauthorize',
      via: { code: -10000, table: 'logic' },
      count: 1,
      source: 'row',
      alternatives: [],
    });
    expect(out.findings[0]!.meaning).toMatch(/access token/i);
    expect(typeof out.findings[0]!.advice).toBe('string');
    // What produced it: the field read, then the wrapper that chose the table (docs/detection.md).
    expect(out.findings[0]!.rules).toEqual(['field-key', 'wrapper']);
  });

  it('scan --json and explain --json say which rules found each code', () => {
    const text = 'QQ login error -6 on /auth/login';
    const scan = JSON.parse(msdk(['scan', '--json', '--lang', 'en', text]).stdout).findings;
    const explain = JSON.parse(msdk(['explain', '--json', '--lang', 'en', text]).stdout).findings;
    expect(scan.map((f: { code: number; rules: string[] }) => [f.code, f.rules[0]])).toEqual([[-6, 'error-word']]);
    expect(explain).toEqual(scan);
  });

  it('explains a WeChat code the document lacks from the supplement, with its reference', () => {
    const r = msdk(['explain', '--json', '--lang', 'en', '{"errcode":40163,"errmsg":"code been used"}']);
    expect(r.code).toBe(0);
    const [f] = JSON.parse(r.stdout).findings as Array<Record<string, unknown>>;
    expect(f).toMatchObject({ code: 40163, table: 'wechat', action: 'reauthorize', source: 'supplement' });
    expect(f!.meaning).toMatch(/code been used/);
    expect(f!.reference).toMatch(/^https:\/\/developers\.weixin\.qq\.com\//);
    const plain = msdk(['explain', '--lang', 'en', '{"errcode":40163,"errmsg":"code been used"}']);
    expect(plain.stdout).toContain('WeChat platform (not in the MSDK document)');
    expect(plain.stdout).toContain(
      `This code is not in the MSDK document; explained from the platform's official documentation: ${f!.reference}`,
    );
  });

  it('reads standard input when no TEXT is given', () => {
    const r = msdk(['scan', '--json'], 'line 1\n2026-11-20 ERROR ret=-503 msg=freq\nline 3\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { code: number }) => f.code)).toEqual([-503]);
  });

  it('prints human output in Korean by default', () => {
    const r = msdk(['explain', '-303']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-303');
    expect(r.stdout).toContain('해당 appid는 msdk에 대한 권한이 없음');
    expect(r.stdout).toContain('MSDK 액세스 층');
  });

  it('exits 2 with a one-line message on bad usage', () => {
    for (const args of [['frobnicate', '-303'], ['explain', '--lang', 'fr', '-303'], ['explain', '--bogus'], []]) {
      const r = msdk(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^msdk: .*usage: msdk/);
      expect(r.stdout).toBe('');
    }
  });

  it('refuses a malformed MAX_INPUT_BYTES or MSDK_LANG as the server does, instead of ignoring it', async () => {
    for (const env of [{ MAX_INPUT_BYTES: 'abc' }, { MSDK_LANG: 'fr' }]) {
      let stderr = '';
      const code = await runCli({
        argv: ['scan', 'ret=-303'],
        stdin: async () => '',
        stdout: () => undefined,
        stderr: (s) => (stderr += s),
        env,
      });
      expect(code).toBe(2);
      expect(stderr).toContain(Object.keys(env)[0]);
    }
  });

  it('searches when the text is words, in any language', async () => {
    const r = await inProcess(['explain', '--json', 'access token expired']);
    const out = JSON.parse(r.stdout) as {
      findings: unknown[];
      matches: Array<{ code: number; table: string; meaning: string; score: number }>;
    };
    expect(out.findings).toEqual([]);
    expect(out.matches[0]).toMatchObject({ code: 42001, table: 'wechat' });
    expect(typeof out.matches[0]!.score).toBe('number');
  });

  it('explain reads standard input up to MAX_INPUT_BYTES and says when it stopped; scan reads it all', () => {
    const log = '2026-11-20 ERROR ret=-503 msg=freq\n'.repeat(1000); // 35 000 bytes
    const run = (command: string) =>
      spawnSync(process.execPath, [BIN, command, '--json'], {
        input: log,
        encoding: 'utf8',
        env: { ...process.env, MAX_INPUT_BYTES: '3500' },
      });
    const out = JSON.parse(run('explain').stdout) as {
      findings: Array<{ count: number }>;
      truncated: { readBytes: number; totalBytes: number };
    };
    expect(out.truncated).toEqual({ readBytes: 3500, totalBytes: 35_000 });
    expect(out.findings[0]!.count).toBe(100);
    const scanned = JSON.parse(run('scan').stdout) as { findings: Array<{ count: number }>; truncated?: unknown };
    expect(scanned.truncated).toBeUndefined();
    expect(scanned.findings[0]!.count).toBe(1000);
  });

  it('exits 0 when nothing is found and says so', async () => {
    const r = await inProcess(['scan', '--lang', 'en', 'we have 303 users online']);
    expect(r).toEqual({ code: 0, stdout: 'No MSDK error code found.\n', stderr: '' });
  });

  it('explains a code the MSDK document does not list, marked so, with source unlisted in --json', async () => {
    const text = '{"errcode":45047,"errmsg":"out of response count limit"}';
    const plain = await inProcess(['explain', '--lang', 'en', text]);
    expect(plain.stdout).toContain('45047 — WeChat platform (not in the MSDK document)');
    expect(plain.stdout).toContain('out of response count limit');
    const json = JSON.parse((await inProcess(['scan', '--json', '--lang', 'en', text])).stdout);
    expect(json.findings[0]).toMatchObject({ code: 45047, table: 'wechat', source: 'unlisted', action: 'unknown' });
  });

  it('reads a .env in the working directory, as npm start does, without writing to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msdk-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'MSDK_LANG=en\n');
      const env = { ...process.env };
      delete env.MSDK_LANG;
      const r = spawnSync(process.execPath, [BIN, 'explain', '--json', '-303'], { cwd: dir, env, encoding: 'utf8' });
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { findings: Array<{ meaning: string }> };
      expect(out.findings[0]!.meaning).toBe('This appid has no permission to use MSDK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notify --wecom exits 1 when its findings could not be delivered, so a CI job notices', async () => {
    const hook = await fakeWebhook();
    try {
      hook.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
      const env = { WECOM_WEBHOOK_URL: hook.url('ci-key'), LOG_LEVEL: 'silent' };
      let stderr = '';
      const code = await runCli({
        argv: ['notify', '--wecom', 'ret=-503'],
        stdin: async () => '',
        stdout: () => undefined,
        stderr: (s) => (stderr += s),
        env,
      });
      expect(code).toBe(1);
      expect(stderr).toContain('could not send 1 finding(s)');
      expect(hook.delivered()).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('a failed notify says why in one line on stderr, and prints no log on stdout', async () => {
    const hook = await fakeWebhook();
    const notify = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        // As a CI job runs it: no LOG_LEVEL unless given.
        const child = spawn(process.execPath, [BIN, 'notify', '--wecom', 'ret=-503'], {
          env: { PATH: process.env.PATH, WECOM_WEBHOOK_URL: hook.url('ci-key'), ...env },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    try {
      hook.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
      const plain = await notify({});
      expect(plain).toEqual({
        code: 1,
        stdout: '',
        stderr: 'msdk: could not send 1 finding(s) to WeCom: webhook answered HTTP 500 (after 4 attempts)\n',
      });
      // Asked for, the logs come too, on stderr: stdout stays the answer.
      hook.script({ errcode: 93000, errmsg: 'invalid webhook url' });
      const logged = await notify({ LOG_LEVEL: 'warn' });
      expect([logged.code, logged.stdout]).toEqual([1, '']);
      const lines = logged.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(/^msdk: could not send 1 finding\(s\) to WeCom: errcode 93000: /);
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'wecom message lost: could not be sent' });
      expect(logged.stderr).not.toContain('ci-key');
    } finally {
      await hook.close();
    }
  });

  it('notify --wecom without a webhook configured is a usage error', async () => {
    const r = await inProcess(['notify', '--wecom', 'ret=-503']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/WECOM_WEBHOOK_URL/);
  });

  it('notify --wecom scans standard input and sends the findings to the configured group', async () => {
    const hook = await fakeWebhook();
    try {
      const env = { ...process.env, WECOM_WEBHOOK_URL: hook.url('ci-key'), WECOM_LANG: 'en', LOG_LEVEL: 'silent' };
      const child = spawn(process.execPath, [BIN, 'notify', '--wecom'], { env });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stdin.end('2026-11-20 10:00:01 ERROR crash report: {"ret":-20000,"msg":"40001,invalid credential"}\n');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(stdout).toContain('sent 1 finding(s) to WeCom');
      const [sent, ...rest] = hook.delivered();
      expect(rest).toEqual([]);
      expect(sent!.key).toBe('ci-key');
      expect(contentOf(sent!.body)).toContain('40001');
      expect(contentOf(sent!.body)).toContain('WeChat platform');
    } finally {
      await hook.close();
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(msdk(['--version'])).toEqual({ code: 0, stdout: `msdk ${version}\n`, stderr: '' });
  });

  it('--help per command: its own usage and what it does', () => {
    const explain = msdk(['explain', '--help']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(
      /^usage: msdk explain \[--json\] \[--lang ko\|en\|zh\] \[--file PATH\]\.\.\. \[TEXT\.\.\.\]\n/,
    );
    expect(explain.stdout).toContain('words search the catalog');
    expect(msdk(['scan', '-h']).stdout).toMatch(/^usage: msdk scan /);
    expect(msdk(['help', 'notify']).stdout).toMatch(
      /^usage: msdk notify --wecom \[--file PATH\]\.\.\. \[TEXT\.\.\.\]\n.*WECOM_WEBHOOK_URL/s,
    );
    expect(msdk(['--help']).stdout).toContain('msdk --version prints the version.');
  });

  it('cut input (explain): the note names MAX_INPUT_BYTES, in the answer and (with --json) on stderr', () => {
    const log = '2026-11-20 ERROR ret=-503 msg=freq\n'.repeat(100); // 3 500 bytes
    const env = { ...process.env, MAX_INPUT_BYTES: '350', MSDK_LANG: 'en' };
    const plain = spawnSync(process.execPath, [BIN, 'explain'], { input: log, encoding: 'utf8', env });
    expect(plain.stdout).toContain(
      '(Input too long: only the first 350 of 3500 bytes were read (raise MAX_INPUT_BYTES to read more).)',
    );
    const json = spawnSync(process.execPath, [BIN, 'explain', '--json'], { input: log, encoding: 'utf8', env });
    expect(JSON.parse(json.stdout).truncated).toEqual({ readBytes: 350, totalBytes: 3500 });
    expect(json.stderr).toBe('msdk: read the first 350 of 3500 bytes (raise MAX_INPUT_BYTES to read more)\n');
  });
});

describe('msdk scan of a big log on worker threads', () => {
  it('MSDK_SCAN_THREADS=2 reports exactly what one thread reports, counts and lines; a bad value is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msdk-threads-'));
    try {
      const file = join(dir, 'server.log');
      writeFileSync(file, [1, 2, 3, 4, 5, 6].map((seed) => makeLog(1 << 20, seed).text).join(''));
      const scan = (threads: string) =>
        spawnSync(process.execPath, [BIN, 'scan', '--summary', '--json', '--file', file, '--file', file], {
          encoding: 'utf8',
          env: { ...process.env, MSDK_LANG: '', MSDK_SCAN_THREADS: threads },
        });
      const one = scan('0');
      const two = scan('2');
      expect(one.status).toBe(0);
      expect(two.status).toBe(0);
      const findings = (JSON.parse(two.stdout) as { findings: Array<{ count: number }> }).findings;
      expect(findings.length).toBeGreaterThan(10);
      expect(two.stdout).toBe(one.stdout);

      const bad = scan('many');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('MSDK_SCAN_THREADS must be a whole number from 0 to 64; got "many"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('msdk on a terminal (a pseudo-terminal from script(1))', () => {
  /** Runs the CLI with a terminal as stdin that nobody types into; the test's own end stays open. */
  async function onTerminal(args: string[]) {
    const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, MSDK_LANG: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(killer);
    return { code, out: out.replace(/\r\n/g, '\n') };
  }

  it('explain and scan with no TEXT print their usage instead of waiting for input', async () => {
    for (const command of ['explain', 'scan']) {
      const r = await onTerminal([command, '--lang', 'en']);
      expect(r.out, command).toMatch(
        new RegExp(`^msdk ${command}: no TEXT and standard input is a terminal\nusage: msdk ${command} `),
      );
      expect(r.code, command).toBe(2);
    }
  });

  it('--file on a terminal is read, not answered with the usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msdk-tty-'));
    try {
      const log = join(dir, 'server.log');
      writeFileSync(log, '2026-11-20 ERROR ret=-503 msg=freq\n'.repeat(3));
      const r = await onTerminal(['scan', '--lang', 'en', '--file', log]);
      expect(r.out).toContain('-503 (3x) — MSDK access layer');
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('TEXT given on a terminal is answered as usual', async () => {
    const r = await onTerminal(['explain', '--lang', 'en', '-303']);
    expect(r.out).toContain('-303 — MSDK access layer');
    expect(r.code).toBe(0);
  });
});
