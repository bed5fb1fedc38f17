/**
 * The one way tests reach Redis: throwaway redis-servers (RedisServer, spawnRedisServer), raw clients
 * on them (redisClient), and `noRedis` / `skipWithoutRedis` to skip where none is installed. test/dev/redis-missing.test.ts
 * runs every test file that uses these with redis-server hidden from PATH, and fails any test file
 * that spawns redis-server or imports ioredis without going through here.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { beforeEach } from 'vitest';

/** Whether `redis-server` can be spawned from this PATH (what RedisServer.start runs). */
export function redisServerOnPath(path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, 'redis-server'), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * The tests that start a redis-server run only where one can be started (`describe.skipIf(noRedis)`).
 * test/helpers/redis-setup.ts says once per run what was skipped, and fails the run under CI=true.
 */
export const noRedis = !redisServerOnPath();

/**
 * In a describe.each over stores (memory, Redis): skips the suite's tests where `needsRedis` and no
 * redis-server is installed, leaving the memory rows to run. Its hooks must not start Redis then either.
 */
export function skipWithoutRedis(needsRedis: boolean): void {
  beforeEach((ctx) => {
    if (needsRedis && noRedis) ctx.skip();
  });
}

const NOT_GATED =
  'redis-server is not on PATH: gate this test with describe.skipIf(noRedis) or it.skipIf(noRedis) (test/helpers/redis.ts)';

/** Spawns redis-server (the topologies' servers, sentinels and cluster nodes too); throws where there is none. */
export function spawnRedisServer(args: string[], options: SpawnOptions = {}): ChildProcess {
  if (noRedis) throw new Error(NOT_GATED);
  return spawn('redis-server', args, { stdio: 'ignore', ...options });
}

/** A raw client on a server started here, to look at what the bot wrote (the caller disconnects it). */
export function redisClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, options);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** True once something on `port` answers PING (+PONG, or -NOAUTH when a password is required). */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

const exited = (proc: ChildProcess) => proc.exitCode !== null || proc.signalCode !== null;

/** A redis-server with no persistence, on a port of our own (a free one unless given). */
export class RedisServer {
  private constructor(
    readonly port: number,
    private readonly proc: ChildProcess,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(port?: number, extraArgs: string[] = []): Promise<RedisServer> {
    const p = port ?? (await freePort());
    const proc = spawnRedisServer([
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      ...extraArgs,
    ]);
    let failed = false;
    proc.once('error', () => (failed = true)); // e.g. redis-server not installed
    const deadline = Date.now() + 10_000;
    while (!(await pings(p))) {
      if (failed || exited(proc))
        throw new Error(`redis-server did not start on port ${p} (is it installed? .ci/run installs it)`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${p} did not answer within 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return new RedisServer(p, proc);
  }

  /** SIGKILL is the crash case, SIGTERM the orderly one. Resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (exited(this.proc)) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.kill(signal);
    await gone;
  }
}
