/**
 * The real built server (`node dist/src/main.js`, as the Docker image runs it), WeCom-only:
 * it comes up, answers /healthz, and a SIGTERM ends it cleanly with a JSON log of the shutdown.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis.js';

const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));
const WECOM_TOKEN = 'QDG6eK';
const WECOM_ENCODING_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('graceful shutdown of the built server', () => {
  let child: ChildProcess;
  let cwd: string;
  let stdout = '';
  let stderr = '';
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let port: number;

  beforeAll(async () => {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: build first with \`npm run build\` (\`npm test\` does it in pretest)`);
    }
    port = await freePort();
    // An empty working directory: main.ts loads dotenv, and a developer's .env must not configure this run.
    cwd = mkdtempSync(join(tmpdir(), 'msdk-shutdown-'));
    child = spawn(process.execPath, [MAIN], {
      cwd,
      env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'info', WECOM_TOKEN, WECOM_ENCODING_AES_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  });

  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('answers /healthz, then exits 0 within 10 s of SIGTERM, logging the shutdown as JSON', async () => {
    const deadline = Date.now() + 15_000;
    let healthy = false;
    while (!healthy) {
      if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}): ${stderr || stdout}`);
      if (Date.now() > deadline) throw new Error(`no /healthz within 15 s; stdout: ${stdout} stderr: ${stderr}`);
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const signalled = Date.now();
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
    const result = await Promise.race([exit, timeout]);
    expect(result, `still running 10 s after SIGTERM; stdout: ${stdout}`).not.toBe('timeout');
    expect(result).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);

    // Every line on stdout is a JSON log entry; start-up and shutdown are among them.
    const entries = stdout
      .split('\n')
      .filter(Boolean)
      .map(
        (line) => JSON.parse(line) as { level: number; msg: string; signal?: string; port?: number; wecom?: string },
      );
    expect(entries.find((e) => e.msg === 'msdk-bot ready')).toMatchObject({ port, wecom: 'on' });
    expect(entries.find((e) => /shutting down/.test(e.msg))).toMatchObject({ level: 30, signal: 'SIGTERM' });
    expect(entries.filter((e) => e.level >= 50)).toEqual([]);
    expect(stderr).toBe('');
    expect(stdout + stderr).not.toContain(WECOM_ENCODING_AES_KEY);
    // The port is free again.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
