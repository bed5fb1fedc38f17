/**
 * Static checks of the Dockerfile's promises: root user, baked-in secrets, no health check... CI has no
 * Docker engine; test/docker-build.test.ts replays the stages to prove the build itself works.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { dockerignore, type Instruction, parseDockerfile, stages } from './helpers/dockerfile.js';

const root = new URL('../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('Dockerfile', () => {
  const instructions = parseDockerfile(read('Dockerfile'));
  const [build = [], runtime = []] = stages(instructions);
  const args = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('has two stages, both FROM node with a pinned major version', () => {
    const froms = args(instructions, 'FROM');
    expect(froms).toHaveLength(2);
    for (const from of froms) expect(from).toMatch(/^node:20-bookworm-slim(@sha256:[0-9a-f]{64})?\s+AS\s+\w+$/i);
  });

  it('builds with dev dependencies, then installs production dependencies only at run time', () => {
    const buildRuns = args(build, 'RUN').join('\n');
    expect(buildRuns).toMatch(/npm ci\b/);
    expect(buildRuns).not.toMatch(/--omit=dev/);
    expect(buildRuns).toMatch(/npm run build/);

    const runtimeRuns = args(runtime, 'RUN').join('\n');
    expect(runtimeRuns).toMatch(/npm ci --omit=dev --ignore-scripts/);
    const copies = args(runtime, 'COPY');
    expect(copies.some((c) => /^--from=build\s+\/app\/dist\s+\.\/dist$/.test(c))).toBe(true);
    // The catalog the build stage validated is the one that ships.
    expect(copies.some((c) => /^--from=build\s+\/app\/data\s+\.\/data$/.test(c))).toBe(true);
    expect(args(build, 'COPY').some((c) => /^data\s+\.\/data$/.test(c))).toBe(true);
    expect(args(runtime, 'ENV')).toContain('NODE_ENV=production');
  });

  it('runs as a non-root user', () => {
    const users = args(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // USER comes before CMD, so the process runs as that user.
    const order = runtime.map((i) => i.keyword);
    expect(order.lastIndexOf('USER')).toBeLessThan(order.indexOf('CMD'));
  });

  it('exposes 3000 and checks /healthz with node (slim images have no curl)', () => {
    expect(args(runtime, 'EXPOSE')).toContain('3000');
    const [health, ...more] = args(runtime, 'HEALTHCHECK');
    expect(more).toHaveLength(0);
    expect(health).toMatch(/CMD node -e /);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's shell expansion, verbatim.
    expect(health).toContain('http://127.0.0.1:${PORT:-3000}/healthz');
    expect(health).toMatch(/process\.exit\(r\.ok\?0:1\)/);
    expect(health).not.toMatch(/\b(curl|wget)\b/);
  });

  it('the HEALTHCHECK command really passes on 200 from /healthz and fails when nothing listens', async () => {
    const command = (args(runtime, 'HEALTHCHECK')[0] ?? '').replace(/^.*?\bCMD\s+/, '');
    // Docker runs the shell form with /bin/sh -c, as here.
    const run = (port: number) =>
      new Promise<number | null>((resolve) => {
        const sh = spawn('/bin/sh', ['-c', command], {
          env: { PATH: process.env.PATH, PORT: String(port) },
          stdio: 'ignore',
        });
        sh.once('exit', (code) => resolve(code));
      });
    const paths: string[] = [];
    const server: Server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : 0);
      }),
    );
    try {
      expect(await run(port)).toBe(0);
      expect(paths).toEqual(['/healthz']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await run(port)).toBe(1);
  });

  it('starts the compiled entry point in exec form', () => {
    const cmd = args(runtime, 'CMD').at(-1) ?? '';
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/src/main.js']);
    expect(existsSync(new URL('src/main.ts', root))).toBe(true);
  });

  it('bakes no secrets in (no ENV/ARG with TOKEN, SECRET, KEY or PASSWORD)', () => {
    for (const ins of instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
      expect(ins.args).not.toMatch(/TOKEN|SECRET|KEY|PASSWORD|REDIS_URL|WEBHOOK/i);
    }
    expect(read('Dockerfile')).not.toMatch(/xox[abp]-|xapp-/);
  });

  it('.dockerignore keeps node_modules, .env and .git out, but not what the build copies', () => {
    const ignored = dockerignore();
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', '.git']));
    const sources = instructions
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'src', 'data']),
    );
    for (const source of sources) {
      expect(existsSync(new URL(source, root)), `${source} exists`).toBe(true);
      expect(ignored, `${source} is not ignored`).not.toContain(source);
    }
  });
});
