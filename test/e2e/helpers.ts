/**
 * End-to-end plumbing: a throwaway redis-server, the built bot as a child process, an in-process
 * Slack bot on a given Store, really signed Slack requests to any URL, and Prometheus text parsing.
 * Fakes and signing come from the adapters' own test helpers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RetryOptions } from '@slack/web-api';
import { createLogger, type Logger } from '../../src/logger.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import type { Metrics } from '../../src/server/metrics.js';
import { createSlackBot, type SlackBot } from '../../src/slack/index.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import type { FakeSlack } from '../slack/helpers/fake-slack.js';
import { BOT_TOKEN, postSigned, type SendOptions, SIGNING_SECRET, waitFor } from '../slack/helpers/harness.js';

export const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

export { freePort, noRedis, RedisServer, redisClient } from '../helpers/redis.js';

const exited = (proc: ChildProcess) => proc.exitCode !== null || proc.signalCode !== null;

/** The built server (`node dist/src/main.js`) with the given environment, in an empty directory (no .env). */
export class BotProcess {
  out = '';
  private readonly cwd: string;
  private readonly proc: ChildProcess;

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -p tsconfig.json\` first`);
    this.cwd = mkdtempSync(join(tmpdir(), 'msdk-e2e-'));
    this.proc = spawn(process.execPath, [MAIN], {
      cwd: this.cwd,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (d: Buffer) => void (this.out += d.toString());
    this.proc.stdout?.on('data', collect);
    this.proc.stderr?.on('data', collect);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  get alive(): boolean {
    return !exited(this.proc);
  }

  /** Resident memory of the process, in MiB (Linux /proc). */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return kb / 1024;
  }

  async waitReady(timeoutMs = 15_000): Promise<void> {
    await waitFor(
      async () => {
        if (exited(this.proc)) throw new Error(`bot on port ${this.port} exited: ${this.out}`);
        return fetch(this.url('/readyz')).then(
          (r) => r.status === 200,
          () => false,
        );
      },
      `/readyz on port ${this.port}`,
      timeoutMs,
    );
  }

  async metrics(): Promise<string> {
    return (await fetch(this.url('/metrics'))).text();
  }

  /** SIGTERM (graceful), SIGKILL if still running after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!exited(this.proc)) {
      const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
      this.proc.kill('SIGTERM');
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.cwd, { recursive: true, force: true });
  }
}

export { postSigned };

export const postEvent = (url: string, envelope: Record<string, unknown>, o?: SendOptions) =>
  postSigned(url, JSON.stringify(envelope), 'application/json', o);

export const postCommand = (url: string, fields: Record<string, string>, o?: SendOptions) =>
  postSigned(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', o);

/**
 * Sum of a Prometheus sample over the series whose labels include every `labels` pair
 * (0 when there is none).
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const series = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => series.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

/** chat.postMessage calls that succeeded, in the thread of `ts`. */
export function postsInThread(fake: FakeSlack, ts: unknown): number {
  return fake.posts().filter((c) => c.params.thread_ts === ts).length;
}

/** createSlackBot (HTTP mode) on `store`, served by our HTTP server: the harness with a Store of your choice. */
export async function startSlackBot(options: {
  fake: FakeSlack;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  retryConfig: RetryOptions;
  now?: () => number;
  /** Least time between two posts in one channel: 0 (off) unless a test is about pacing. */
  replyIntervalMs?: number;
}): Promise<{ bot: SlackBot; url: string; close(): Promise<void> }> {
  const { fake, store, logger, metrics, retryConfig, now } = options;
  const bot = await createSlackBot({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, lang: 'en' },
    store,
    logger,
    metrics,
    maxInputBytes: 1_048_576,
    retryConfig,
    ...(now && { now }),
    replyIntervalMs: options.replyIntervalMs ?? 0,
  });
  const server: Server = createHttpServer(bot.routes, logger);
  const port = await listen(server, 0, '127.0.0.1');
  await bot.start();
  return {
    bot,
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await bot.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Replicas of the Slack bot on one Redis, one per metrics registry, each with its own RedisStore at
 * `urlOf(i)` (a test may route one through a proxy); `close()` stops the bots, then their stores.
 */
export async function startReplicas(
  fake: FakeSlack,
  metrics: readonly Metrics[],
  urlOf: (i: number) => string,
): Promise<{ bots: Array<Awaited<ReturnType<typeof startSlackBot>>>; close(): Promise<void> }> {
  const stores: RedisStore[] = [];
  const bots = await Promise.all(
    metrics.map(async (m, i) => {
      const store = new RedisStore(urlOf(i));
      await store.waitReady();
      stores.push(store);
      return startSlackBot({
        fake,
        store,
        logger: createLogger({ level: 'silent' }),
        metrics: m,
        retryConfig: { retries: 0 },
      });
    }),
  );
  return {
    bots,
    async close() {
      await Promise.all(bots.map((b) => b.close()));
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}
