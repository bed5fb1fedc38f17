import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: Handler;
}

/** The bot's one HTTP server: Slack events, the WeCom callback, health and metrics share `PORT`. */
export function createHttpServer(routes: readonly Route[], logger: Logger): Server {
  return createServer((req, res) => {
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

/** A body that could not be read: `status` is what to answer (413 too large, 400 cut short). */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads a request body up to `limit` bytes. Going over the limit rejects with a 413 BodyError but
 * leaves the socket alive (the rest is discarded, not destroyed), so the client still gets the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      req.resume();
      reject(new BodyError(413, `body over ${limit} bytes`));
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
