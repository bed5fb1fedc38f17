/**
 * What a command loads decides how fast it starts (`npm run bench` measures it): a look-up loads
 * the core and the catalog, never zod, fuse.js, pino or an adapter.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));
const TRACER = fileURLToPath(new URL('../helpers/trace-imports.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'msdk-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** The modules `msdk ...args` resolves, as paths relative to the repository or package names. */
function modulesLoadedBy(args: string[], input = ''): string[] {
  const trace = join(dir, `trace-${runs++}.txt`);
  const r = spawnSync(process.execPath, ['--import', TRACER, BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, TRACE_FILE: trace },
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(trace, 'utf8')
    .trim()
    .split('\n')
    .map((url) => url.replace(/^.*\/node_modules\/([^/]+)\/.*$/, '$1').replace(/^file:\/\/.*\/dist\//, ''));
}

const HEAVY = ['zod', 'fuse.js', 'pino', 'dotenv'];
const ADAPTERS = /^src\/(slack|wecom|server|store)\//;

describe('what the msdk command loads', () => {
  it('a look-up loads the core, not zod, fuse.js, pino, dotenv or an adapter', () => {
    const loaded = modulesLoadedBy(['explain', '-303']);
    expect(loaded).toContain('src/core/analyze.js'); // the trace works
    expect(loaded.filter((m) => HEAVY.includes(m) || ADAPTERS.test(m))).toEqual([]);
    // Reading and streaming input is for commands that have input.
    expect(loaded).not.toContain('src/core/stream.js');
  });

  it('a scan of standard input streams without them either', () => {
    const loaded = modulesLoadedBy(['scan', '--json'], 'ERROR ret=-503 msg=freq\n');
    expect(loaded).toContain('src/core/stream.js');
    expect(loaded.filter((m) => HEAVY.includes(m) || ADAPTERS.test(m))).toEqual([]);
  });
});
