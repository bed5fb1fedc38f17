/**
 * What a command loads decides how fast it starts (`npm run bench` measures it): the `msdk` command
 * is one CommonJS bundle (dist/cli/msdk.cjs, `npm run bundle`), and a command loads that file and
 * the packages it needs, never zod, fuse.js, pino, dotenv, an adapter, or a module of dist/src.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/msdk.cjs', import.meta.url));
const TRACER = fileURLToPath(new URL('../helpers/trace-imports.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'msdk-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** The modules `msdk ...args` loads, as paths relative to dist/ or package names. */
function modulesLoadedBy(args: string[], input = '', env: Record<string, string> = {}, status = 0): string[] {
  const trace = join(dir, `trace-${runs++}.txt`);
  const r = spawnSync(process.execPath, ['--import', TRACER, BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env, TRACE_FILE: trace },
  });
  expect(r.status, r.stderr).toBe(status);
  return readFileSync(trace, 'utf8')
    .trim()
    .split('\n')
    .map((url) => url.replace(/^.*\/node_modules\/([^/]+)\/.*$/, '$1').replace(/^file:\/\/.*\/dist\//, ''));
}

const HEAVY = ['zod', 'fuse.js', 'pino', 'dotenv'];
const ADAPTERS = /^(src\/)?(slack|wecom|server|store)\//;

describe('what the msdk command loads', () => {
  it('a look-up loads the bundle alone: not zod, fuse.js, pino, dotenv, an adapter or dist/src', () => {
    const loaded = modulesLoadedBy(['explain', '-303']);
    expect(loaded).toContain('cli/msdk.cjs'); // the trace works
    // The look-up runs from the bundle: no module of dist/src is resolved one by one.
    expect(loaded.filter((m) => m.startsWith('src/'))).toEqual([]);
    expect(loaded.filter((m) => HEAVY.includes(m) || ADAPTERS.test(m))).toEqual([]);
  });

  it('a scan of standard input streams without them either', () => {
    const loaded = modulesLoadedBy(['scan', '--json'], 'ERROR ret=-503 msg=freq\n');
    expect(loaded).toContain('cli/msdk.cjs');
    expect(loaded.filter((m) => m.startsWith('src/'))).toEqual([]);
    expect(loaded.filter((m) => HEAVY.includes(m) || ADAPTERS.test(m))).toEqual([]);
  });

  it('the trace sees a package the bundle requires (msdk feedback loads ioredis)', () => {
    const loaded = modulesLoadedBy(['feedback'], '', { REDIS_URL: 'redis://127.0.0.1:9' }, 1);
    expect(loaded).toContain('ioredis');
  });
});
