/** Test plumbing shared by the store and end-to-end suites: free ports and throwaway redis-servers. */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

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
    const proc = spawn(
      'redis-server',
      ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
      {
        stdio: 'ignore',
      },
    );
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
