import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_LIMITS } from '../../src/net/policy.js';
import { createHttpServer, healthRoutes, listen, type Route, readBody } from '../../src/server/http.js';
import { createMetrics } from '../../src/server/metrics.js';

describe('HTTP server: health, readiness, metrics, routing', () => {
  const metrics = createMetrics();
  const logLines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
  let ready = false;
  let server: Server;
  let base: string;

  const echo: Route = {
    method: 'POST',
    path: '/echo',
    handler: async (req, res) => {
      try {
        const body = await readBody(req, 16);
        res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
      } catch (err) {
        res.writeHead((err as { status?: number }).status ?? 500).end();
      }
    },
  };
  const broken: Route = {
    method: 'GET',
    path: '/broken',
    handler: async () => {
      throw new Error('handler exploded');
    },
  };

  beforeAll(async () => {
    server = createHttpServer([...healthRoutes({ ready: () => ready, metrics }), echo, broken], logger);
    const port = await listen(server, 0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('/healthz answers 200 whether or not the bot is ready', async () => {
    ready = false;
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('/readyz is 503 until ready() flips, then 200, and follows it back', async () => {
    ready = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    ready = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('/metrics is Prometheus text with the bot counters and process metrics', async () => {
    metrics.messagesScanned.inc({ platform: 'slack' }, 3);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE msdk_messages_scanned_total counter');
    expect(text).toMatch(/^msdk_messages_scanned_total\{platform="slack"\} 3$/m);
    expect(text).toContain('msdk_store_fallbacks_total');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('404 for an unknown path, 405 for a known path with the wrong method', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/echo`)).status).toBe(405);
  });

  it('readBody passes bodies up to the limit and answers 413 beyond it', async () => {
    const small = await fetch(`${base}/echo`, { method: 'POST', body: '0123456789abcdef' });
    expect(small.status).toBe(200);
    expect(await small.text()).toBe('0123456789abcdef');
    const big = await fetch(`${base}/echo`, { method: 'POST', body: '0123456789abcdefX' });
    expect(big.status).toBe(413);
  });

  it('a throwing handler gives 500 and a logged error, not a crash', async () => {
    const res = await fetch(`${base}/broken`);
    expect(res.status).toBe(500);
    const entry = logLines
      .map((l) => JSON.parse(l) as { level: number; msg: string; path?: string })
      .find((l) => l.level === 50);
    expect(entry).toMatchObject({ msg: 'request handler failed', path: '/broken' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('readBody', () => {
  const request = (chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage;

  it('counts the limit over all chunks, in bytes not characters', async () => {
    await expect(readBody(request(['aaaa', 'bbbb']), 8)).resolves.toBe('aaaabbbb');
    await expect(readBody(request(['aaaa', 'bbbb', 'c']), 8)).rejects.toMatchObject({ status: 413 });
    // 3 characters, 9 bytes in UTF-8.
    await expect(readBody(request(['한국어']), 8)).rejects.toMatchObject({ status: 413 });
    await expect(readBody(request(['한국어']), 9)).resolves.toBe('한국어');
  });

  it('reassembles a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('é');
    const req = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]) as unknown as IncomingMessage;
    await expect(readBody(req, 100)).resolves.toBe('é');
  });
});

describe('the connection cap', () => {
  it('refuses connections past HTTP_MAX_CONNECTIONS with a warn line, and serves again once they close', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const server = createHttpServer(healthRoutes({ ready: () => true, metrics: createMetrics() }), logger, {
      ...DEFAULT_LIMITS,
      maxConnections: 3,
    });
    const port = await listen(server, 0, '127.0.0.1');
    const held = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<Socket>((resolve) => {
            const s = connect(port, '127.0.0.1', () => resolve(s));
          }),
      ),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(); // the fourth is refused
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string; maxConnections?: number });
      expect(warnings.filter((w) => w.level === 40 && /connection limit reached/.test(w.msg))).toEqual([
        expect.objectContaining({ maxConnections: 3 }),
      ]);
    } finally {
      for (const s of held) s.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
