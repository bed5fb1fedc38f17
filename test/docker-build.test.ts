/**
 * The Dockerfile, built without Docker: each stage is replayed in a temp dir standing for its WORKDIR
 * (copy exactly what each COPY names, from the build context or an earlier stage, run each RUN), then
 * the last stage's CMD gets `-303` on stdin, as `echo -303 | docker run -i IMAGE` would. A COPY that
 * forgets a file the build needs fails here as it fails in `docker build` (data/ was once missing).
 * Instructions the replay does not understand fail the test rather than being skipped silently.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerignore, type Instruction, repoDockerfile, stages } from './helpers/dockerfile.js';

const CONTEXT = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'msdk-docker-replay-'));
// Two node_modules trees: removing them takes a while on a busy machine.
afterAll(() => rm(work, { recursive: true, force: true }), 120_000);

interface Stage {
  name: string;
  /** The temp dir standing for the stage's WORKDIR. */
  dir: string;
  workdir: string;
  env: Record<string, string>;
  cmd?: string;
}

/** .dockerignore's patterns as Go's filepath.Match reads them, anchored at the context root. */
const ignored = dockerignore().map((pattern) => {
  const body = pattern
    .replace(/^\/+/, '')
    .split('**')
    .map((part) =>
      part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]'),
    )
    .join('.*');
  // A pattern naming a directory leaves out everything under it too.
  return new RegExp(`^${body}(/.*)?$`);
});
const isIgnored = (rel: string) => ignored.some((re) => re.test(rel.split('\\').join('/')));

/** A path inside the stage's file system, as a path in its temp dir (only under WORKDIR is replayed). */
function hostPath(stage: Stage, containerPath: string): string {
  const abs = posix.resolve(stage.workdir, containerPath);
  const rel = posix.relative(stage.workdir, abs);
  if (rel.startsWith('..'))
    throw new Error(`stage ${stage.name}: ${containerPath} is outside WORKDIR ${stage.workdir}`);
  return join(stage.dir, rel);
}

/** `COPY [--from=stage] src... dest`, with Docker's rules: a directory's contents, a trailing / is a dir. */
function copy(stage: Stage, args: string, earlier: Stage[]): void {
  if (args.startsWith('[')) throw new Error(`COPY in JSON form is not replayed: ${args}`);
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const dest = paths.pop() ?? '';
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  const unknown = flags.filter((f) => !/^--(from|chown|chmod)=/.test(f));
  if (unknown.length) throw new Error(`COPY flags not replayed: ${unknown.join(' ')}`);
  const source = from === undefined ? undefined : earlier.find((s, i) => s.name === from || String(i) === from);
  if (from !== undefined && !source) throw new Error(`COPY --from=${from}: no earlier stage of that name`);
  const intoDir = dest.endsWith('/') || dest === '.' || paths.length > 1;
  for (const src of paths) {
    let file: string;
    if (source) {
      file = hostPath(source, src);
    } else {
      if (isAbsolute(src) || src.startsWith('..')) throw new Error(`COPY ${src}: outside the build context`);
      if (isIgnored(src)) throw new Error(`COPY ${src}: excluded by .dockerignore, so docker build cannot copy it`);
      file = join(CONTEXT, src);
    }
    if (!existsSync(file)) throw new Error(`COPY ${src}${from ? ` --from=${from}` : ''}: not found`);
    const target =
      intoDir && !statSync(file).isDirectory() ? join(hostPath(stage, dest), basename(src)) : hostPath(stage, dest);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target, {
      recursive: true,
      // What .dockerignore leaves out of the context is not there to copy.
      filter: (path) => source !== undefined || !isIgnored(relative(CONTEXT, path)),
    });
  }
}

/** `ENV K=V K2="V 2"` or the legacy `ENV K V`. */
function env(args: string): Record<string, string> {
  if (!(args.split(/\s+/)[0] ?? '').includes('=')) {
    const [key = '', ...value] = args.split(/\s+/);
    return { [key]: value.join(' ') };
  }
  const out: Record<string, string> = {};
  for (const [, key = '', quoted, bare] of args.matchAll(/(\w+)=(?:"([^"]*)"|(\S*))/g)) out[key] = quoted ?? bare ?? '';
  return out;
}

/** The npm cache this checkout was installed from, copied: `npm cache clean --force` in a RUN must not empty the real one. */
function npmCache(): string {
  const cache = join(work, 'npm-cache');
  const real = process.env.npm_config_cache || join(homedir(), '.npm');
  if (existsSync(join(real, '_cacache'))) cpSync(join(real, '_cacache'), join(cache, '_cacache'), { recursive: true });
  return cache;
}

/** What a RUN sees: the image's PATH and HOME, the stage's ENV, and the way to the npm registry. */
function runEnv(stage: Stage, cache: string): NodeJS.ProcessEnv {
  const passed = Object.entries(process.env).filter(([k]) =>
    /^(PATH|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|no_proxy)$/i.test(k),
  );
  return {
    ...Object.fromEntries(passed),
    HOME: join(work, 'home'),
    // Fast where the lock file's packages are cached (CI has just run npm ci), the registry otherwise.
    npm_config_cache: cache,
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...stage.env,
  };
}

function sh(command: string, cwd: string, environment: NodeJS.ProcessEnv, input = '') {
  const exec = command.startsWith('[') ? (JSON.parse(command) as string[]) : ['/bin/sh', '-c', command];
  const [file = '', ...argv] = exec;
  return new Promise<{ code: number | null; out: string; stdout: string }>((resolve) => {
    const child = spawn(file, argv, { cwd, env: environment });
    let out = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('error', (err) => resolve({ code: -1, out: String(err), stdout }));
    child.once('close', (code) => resolve({ code, out, stdout }));
    child.stdin.end(input);
  });
}

async function replay(instructions: Instruction[]): Promise<Stage[]> {
  const cache = npmCache();
  mkdirSync(join(work, 'home'), { recursive: true });
  const done: Stage[] = [];
  for (const [index, ins] of stages(instructions).entries()) {
    const [, image = '', name = String(index)] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins[0]?.args ?? '') ?? [];
    if (!/^node:/.test(image))
      throw new Error(`FROM ${image}: only node images are replayed (with this machine's node)`);
    const stage: Stage = { name, dir: join(work, `stage-${index}-${name}`), workdir: '/', env: {} };
    mkdirSync(stage.dir);
    for (const { keyword, args } of ins.slice(1)) {
      if (keyword === 'WORKDIR') {
        if (stage.workdir !== '/') throw new Error('a second WORKDIR in one stage is not replayed');
        stage.workdir = posix.resolve('/', args);
      } else if (keyword === 'COPY') copy(stage, args, done);
      else if (keyword === 'ENV') Object.assign(stage.env, env(args));
      else if (keyword === 'RUN') {
        const { code, out } = await sh(args, stage.dir, runEnv(stage, cache));
        if (code !== 0) throw new Error(`stage ${name}: RUN ${args} exited ${code}\n${out.slice(-3000)}`);
      } else if (keyword === 'CMD') stage.cmd = args;
      // Who runs it, the port and the health check change nothing on disk (test/docker.test.ts checks them).
      else if (!['USER', 'EXPOSE', 'HEALTHCHECK', 'LABEL'].includes(keyword))
        throw new Error(`${keyword} ${args}: not replayed; teach test/docker-build.test.ts what it does`);
    }
    done.push(stage);
  }
  return done;
}

describe('the Dockerfile, replayed stage by stage', () => {
  let runtime: Stage;
  beforeAll(async () => {
    const built = await replay(repoDockerfile());
    const last = built.at(-1);
    if (!last) throw new Error('the Dockerfile has no stage');
    runtime = last;
  }, 240_000);

  it('builds, and the image answers `echo -303 | docker run -i IMAGE` with the catalog entry', async () => {
    const catalog = JSON.parse(readFileSync(join(runtime.dir, 'data/catalog.json'), 'utf8')) as {
      rows: { code: number; ko: { meaning: string } }[];
    };
    const meaning = catalog.rows.find((r) => r.code === -303)?.ko.meaning ?? 'no -303 in the catalog';
    // No SLACK_* or WECOM_*: the console, reading the piped text.
    const environment = { PATH: process.env.PATH, HOME: join(work, 'home'), ...runtime.env };
    const { code, out, stdout } = await sh(runtime.cmd ?? 'no CMD', runtime.dir, environment, '-303\n');
    expect(code, out).toBe(0);
    expect(stdout).toContain('-303 — ');
    expect(stdout).toContain(meaning);
  });

  it('ships production dependencies only', () => {
    expect(existsSync(join(runtime.dir, 'node_modules/pino'))).toBe(true);
    expect(existsSync(join(runtime.dir, 'node_modules/typescript'))).toBe(false);
  });
});
