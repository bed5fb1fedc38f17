import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ErrorCode, MsdkBotError } from '../errors.js';
import type { Logger } from '../logger.js';
import { DEFAULT_LIMITS, HTTP_TIMEOUT_CHECK_MS, type Limits } from '../net/policy.js';
import type { Metrics } from './metrics.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: Handler;
}

/** How often a full house is logged while connections keep being refused. */
const DROP_LOG_INTERVAL_MS = 10_000;

/**
 * The bot's one HTTP server: Slack events, the WeCom callback, health and metrics share `PORT`.
 * Slow senders are cut off in seconds (headers, whole request, idle connection) and connections
 * past `maxConnections` are refused, so no stranger can hold the server's sockets or memory.
 */
export function createHttpServer(
  routes: readonly Route[],
  logger: Logger,
  limits: Pick<Limits, 'headersTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs' | 'maxConnections'> = DEFAULT_LIMITS,
): Server {
  const options = {
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(HTTP_TIMEOUT_CHECK_MS, limits.headersTimeoutMs),
  };
  const server = createServer(options, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.find((r) => r.path === url.pathname && r.method === req.method);
    if (!route) {
      const known = routes.some((r) => r.path === url.pathname);
      res
        .writeHead(known ? 405 : 404, { 'content-type': 'text/plain' })
        .end(known ? 'method not allowed' : 'not found');
      return;
    }
    Promise.resolve(route.handler(req, res, url)).catch((err: unknown) => {
      logger.error({ err, path: url.pathname }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      if (!res.writableEnded) res.end('internal error');
    });
  });
  server.setTimeout(limits.idleTimeoutMs); // no 'timeout' listener: an idle socket is destroyed
  server.maxConnections = limits.maxConnections;
  let dropped = 0;
  let loggedAt = -Infinity;
  server.on('drop', () => {
    dropped++;
    const now = performance.now();
    if (now - loggedAt < DROP_LOG_INTERVAL_MS) return;
    loggedAt = now;
    logger.warn(
      { maxConnections: limits.maxConnections, refused: dropped },
      'connection limit reached: refusing new connections (HTTP_MAX_CONNECTIONS)',
    );
    dropped = 0;
  });
  return server;
}

/** Liveness, readiness (catalog loaded and every configured adapter connected) and Prometheus metrics. */
export function healthRoutes(options: { ready: () => boolean; metrics: Metrics }): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    },
    {
      method: 'GET',
      path: '/readyz',
      handler: (_req, res) => {
        const ready = options.ready();
        res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ready' : 'not ready');
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        const body = await options.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(body);
      },
    },
  ];
}

/** Starts listening; resolves with the bound port (PORT=0 picks a free one, as tests do). */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/** A body that could not be read: `status` is what to answer (413 too large, 400 cut short, 503 busy). */
export class BodyError extends MsdkBotError {
  constructor(
    readonly status: 413 | 400 | 503,
    message: string,
  ) {
    super(ErrorCode.RequestBody, message);
    this.name = 'BodyError';
  }
}

/** Bytes that many readers may hold at once; a reader that would go over is refused. */
export class ByteBudget {
  private used = 0;
  constructor(readonly bytes: number) {}
  take(n: number): boolean {
    if (this.used + n > this.bytes) return false;
    this.used += n;
    return true;
  }
  give(n: number): void {
    this.used -= n;
  }
}

/**
 * Reads a request body up to `limit` bytes. Going over the limit rejects with a 413 BodyError but
 * leaves the socket alive (the rest is discarded, not destroyed), so the client still gets the 413.
 * With a `budget`, the bytes held count against it until the read ends; over it, a 503.
 */
export function readBody(req: IncomingMessage, limit: number, budget?: ByteBudget): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
      budget?.give(size);
    };
    const fail = (err: BodyError) => {
      cleanup();
      chunks.length = 0;
      req.resume();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return fail(new BodyError(413, `body over ${limit} bytes`));
      if (budget && !budget.take(chunk.length)) return fail(new BodyError(503, 'too many request bodies in flight'));
      size += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onClose = () => {
      cleanup();
      reject(new BodyError(400, 'client closed the connection before the body ended'));
    };
    req.on('data', onData).on('end', onEnd).on('error', onClose).on('close', onClose);
  });
}
