/**
 * What a command loads decides how fast it starts (`npm run bench` measures it): the `msdk` command
 * is one bundle (dist/cli/, `npm run bundle`), and a look-up loads it with the catalog, never zod,
 * fuse.js, pino, an adapter, or the chunks that read and stream input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/msdk.js', import.meta.url));
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
    .map((url) =>
      url
        .replace(/^.*\/node_modules\/([^/]+)\/.*$/, '$1')
        .replace(/^file:\/\/.*\/dist\//, '')
        // A chunk of the bundle is named after its first module and a content hash.
        .replace(/-[A-Z0-9]{8}\.js$/, '.js'),
    );
}

const HEAVY = ['zod', 'fuse.js', 'pino', 'dotenv'];
const ADAPTERS = /^(src\/)?(slack|wecom|server|store)\//;

describe('what the msdk command loads', () => {
  it('a look-up loads the core, not zod, fuse.js, pino, dotenv or an adapter', () => {
    const loaded = modulesLoadedBy(['explain', '-303']);
    expect(loaded).toContain('cli/msdk.js'); // the trace works
    // The look-up runs from the bundle: no module of dist/src is resolved one by one.
    expect(loaded.filter((m) => m.startsWith('src/'))).toEqual([]);
    expect(loaded.filter((m) => HEAVY.includes(m) || ADAPTERS.test(m))).toEqual([]);
    // Reading and streaming input is for commands that have input.
    expect(loaded).not.toContain('cli/stream.js');
    expect(loaded).not.toContain('cli/scan-stream.js');
  });

  it('a scan of standard input streams without them either', () => {
    const loaded = modulesLoadedBy(['scan', '--json'], 'ERROR ret=-503 msg=freq\n');
    expect(loaded).toContain('cli/stream.js');
    expect(loaded.filter((m) => HEAVY.includes(m) || ADAPTERS.test(m))).toEqual([]);
  });
});
