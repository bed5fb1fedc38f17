/** `npm start` as a user runs it: the built entry point in a folder without .env, run to its exit. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to stdin, then closed; 'ignore' (default) gives /dev/null, as `docker run -d` does. */
  stdin?: string | 'ignore';
  /** SIGTERM, as an orchestrator stops it, once stdout passes this test. */
  stopWhen?: (stdout: string) => boolean;
  timeoutMs?: number;
}

/**
 * Runs main.js with only PATH and `env` set (none of the developer's settings leak in).
 * Asynchronous, so fakes served by this process keep answering.
 */
export async function runMain(env: Record<string, string>, options: RunOptions = {}): Promise<Finished> {
  const { stdin = 'ignore', stopWhen, timeoutMs = 20_000 } = options;
  const cwd = mkdtempSync(join(tmpdir(), 'msdk-main-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [stdin === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    // A moment later: the signal handlers are installed just after the line is written.
    if (stopWhen?.(stdout)) setTimeout(() => child.kill('SIGTERM'), 100);
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  if (stdin !== 'ignore') child.stdin?.end(stdin);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, stdout, stderr };
  } finally {
    clearTimeout(killer);
    rmSync(cwd, { recursive: true, force: true });
  }
}
