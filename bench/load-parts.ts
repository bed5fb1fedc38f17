/**
 * What the load benches (load.ts, e2e-slack.ts) run against: a throwaway redis-server, a fake Slack Web API (and
 * WeCom webhook) on 127.0.0.1, child server processes, and readings of their CPU and Redis use.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createNetServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One RESP command over a fresh connection; resolves with the raw reply once it stops growing. */
function redisCommand(port: number, command: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let timer: NodeJS.Timeout | undefined;
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`redis ${command[0]}: no answer`));
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      socket.write(`*${command.length}\r\n${command.map((c) => `$${Buffer.byteLength(c)}\r\n${c}\r\n`).join('')}`),
    );
    socket.on('data', (d) => {
      reply += d.toString('utf8');
      clearTimeout(timer);
      // A bulk string: complete when its announced length has arrived.
      const m = /^\$(\d+)\r\n/.exec(reply);
      if (!m || Buffer.byteLength(reply) >= m[0].length + Number(m[1]) + 2) {
        timer = setTimeout(() => {
          socket.destroy();
          resolve(reply);
        }, 0);
      }
    });
  });
}

/** A redis-server with no persistence on a free port, started by the bench and stopped by it. */
export class BenchRedis {
  private constructor(
    readonly port: number,
    private readonly proc: ChildProcess,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  static async start(): Promise<BenchRedis> {
    const port = await freePort();
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    let failed = false;
    proc.once('error', () => (failed = true));
    const deadline = performance.now() + 10_000;
    for (;;) {
      if (failed || proc.exitCode !== null) throw new Error('redis-server did not start (is it installed?)');
      try {
        if ((await redisCommand(port, ['PING'])).startsWith('+PONG')) return new BenchRedis(port, proc);
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error('redis-server did not answer within 10 s');
      await sleep(50);
    }
  }

  /** Calls per command since start (`INFO commandstats`), e.g. { set: 1200, evalsha: 300 }. */
  async commandCalls(): Promise<Map<string, number>> {
    const info = await redisCommand(this.port, ['INFO', 'commandstats']);
    const calls = new Map<string, number>();
    for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(m[1]!, Number(m[2]));
    return calls;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.kill('SIGTERM');
    await gone;
  }
}

/** Commands between two `commandCalls` readings, the bench's own INFO calls left out. */
export function commandDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [cmd, n] of after) {
    if (cmd === 'info' || cmd === 'ping') continue;
    const d = n - (before.get(cmd) ?? 0);
    if (d > 0) delta.set(cmd, d);
  }
  return delta;
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: field 14 (utime) and 15 (stime) of proc(5) are indexes 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The Slack Web API methods both apps call, answering at once, and a WeCom webhook; records when
 * the first threaded reply to each event arrives (by thread_ts, unique per event) and duplicates.
 */
export class FakeSlack {
  readonly arrivals = new Map<string, number>();
  duplicates = 0;
  unthreaded = 0;
  wecomSends = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readAll(req).then((raw) => {
        const at = performance.now();
        if ((req.url ?? '').startsWith('/cgi-bin/webhook/send')) {
          this.wecomSends++;
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
          return;
        }
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
        const params = (req.headers['content-type'] ?? '').includes('json')
          ? new Map(Object.entries(JSON.parse(raw || '{}') as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
          : new URLSearchParams(raw);
        let answer: Record<string, unknown>;
        switch (method) {
          case 'auth.test':
            answer = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Bench', user: 'msdk' };
            break;
          case 'users.info':
            answer = { ok: true, user: { id: params.get('user'), locale: 'en-US' } };
            break;
          case 'chat.postMessage': {
            const ts = params.get('thread_ts');
            if (!ts) this.unthreaded++;
            else if (this.arrivals.has(ts)) this.duplicates++;
            else this.arrivals.set(ts, at);
            answer = {
              ok: true,
              channel: params.get('channel'),
              ts: `1800000000.${String(this.arrivals.size).padStart(6, '0')}`,
            };
            break;
          }
          default:
            answer = { ok: false, error: 'unknown_method' };
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A child server process (the bot or the bare Bolt app), its output tail kept for error messages. */
export class Child {
  private tail = '';
  private readonly exited: Promise<void>;
  private readonly proc: ChildProcess;

  constructor(
    script: string,
    env: NodeJS.ProcessEnv,
    readonly port: number,
    nodeArgs: readonly string[] = [],
  ) {
    this.proc = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => void (this.tail = (this.tail + chunk.toString('utf8')).slice(-4096));
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.proc.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  get output(): string {
    return this.tail;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Polls `path` every 5 ms (start-up is timed with it) until `ok(status)`; resolves with the ms since `since`. */
  async waitFor(path: string, ok: (status: number) => boolean, since: number, timeoutMs = 20_000): Promise<number> {
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`server exited (${this.proc.exitCode}): ${this.tail}`);
      try {
        const res = await fetch(this.url(path));
        await res.arrayBuffer();
        if (ok(res.status)) return performance.now() - since;
      } catch {
        // not listening yet
      }
      if (performance.now() - since > timeoutMs)
        throw new Error(`server not ready after ${timeoutMs} ms: ${this.tail}`);
      await sleep(5);
    }
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Only what a child needs: no Slack, WeCom or Redis settings inherited from the bench's environment. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(SLACK_|WECOM_|REDIS_|MSDK_|PORT$|LOG_LEVEL$|MAX_INPUT_BYTES$|DIGEST_HOUR$)/.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}
