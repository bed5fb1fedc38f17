/**
 * A fake Slack for end-to-end tests: the Web API (`POST /api/<method>`, form-encoded like
 * @slack/web-api sends it), `response_url` endpoints (`POST /response/<id>`, JSON like Bolt's respond())
 * and private file downloads (`GET /files/<name>`), with the `Authorization` header of each. Every
 * request is recorded. `oauth.v2.access` exchanges the codes of `installs` (Slack's OAuth install).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  /** Form fields, with `blocks` / `attachments` JSON-decoded. */
  params: Record<string, unknown>;
  authorization: string | undefined;
  status: number;
  /** performance.now() when it arrived. */
  at: number;
}

export interface ResponsePost {
  path: string;
  /** performance.now() when it arrived. */
  at: number;
  body: Record<string, unknown>;
  contentType: string | undefined;
}

export interface Download {
  path: string;
  authorization: string | undefined;
}

export interface FakeFile {
  body: string;
  contentType?: string;
  /** Never answered (a hung download). */
  hang?: boolean;
}

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_ID = 'T1';
/** The app's credentials as Slack knows them: oauth.v2.access refuses any other. */
export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'fake-client-secret-3333';

/** What approving the install gives: a workspace's bot token, or an org's (org-wide install). */
export interface FakeInstall {
  token: string;
  teamId?: string;
  enterpriseId?: string;
  orgWide?: boolean;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly downloads: Download[] = [];
  /** Served at GET /files/<name>. */
  readonly files = new Map<string, FakeFile>();
  /** files.info answers, by file id. */
  readonly fileInfo = new Map<string, Record<string, unknown>>();
  /** conversations.replies answers: the messages of a thread, by thread ts. */
  readonly threads = new Map<string, Array<Record<string, unknown>>>();
  /** users.info locales, by user id (default en-US). */
  readonly locales = new Map<string, string>();
  /** users.info profiles beyond the locale (tz, names), by user id. */
  readonly profiles = new Map<string, { tz?: string; real_name?: string; display_name?: string }>();
  /** Channels the bot is not in: chat.postMessage there answers `not_in_channel`. */
  readonly notIn = new Set<string>();
  /** chat.delete / chat.update calls that succeeded, by channel and ts. */
  readonly deleted: Array<{ channel: string; ts: string }> = [];
  /** Per method: how many of the next calls get 429 with Retry-After: 1. */
  readonly rateLimit = new Map<string, number>();
  /** Per method: the `error` of the next `ok:false` answers (consumed in order). */
  readonly failures = new Map<string, string[]>();
  /** Per method: how many of the next calls get HTTP 500. */
  readonly serverErrors = new Map<string, number>();
  /** How many of the next response_url posts get HTTP 502 (recorded in `responseFailures`). */
  responseErrors = 0;
  responseFailures = 0;
  /** Retry-After (seconds) sent with those failures, and their status (default 502). */
  responseRetryAfter: string | undefined;
  responseErrorStatus = 502;
  /** performance.now() of every response_url post, failed or not. */
  readonly responseAttempts: number[] = [];
  /** Web API calls for which this is true are never answered (until close). */
  hangWhen: ((call: ApiCall) => boolean) | undefined;
  /** oauth.v2.access answers, by code (each code works once, as on Slack). */
  readonly installs = new Map<string, FakeInstall>();
  /** The install each bot token belongs to, for auth.test. */
  private readonly tokens = new Map<string, FakeInstall>();
  /** What apps.connections.open hands out (Socket Mode). */
  socketUrl = '';
  /** Per method: a promise the fake awaits before answering (to hold a call in flight). */
  readonly hold = new Map<string, Promise<void>>();
  private server: Server | undefined;
  private tsCounter = 0;
  url = '';

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => res.writeHead(status, headers).end(body),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Successful chat.postMessage calls. */
  posts(): ApiCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && !this.wasFailure(c));
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private readonly failed = new WeakSet<ApiCall>();
  private wasFailure(c: ApiCall): boolean {
    return this.failed.has(c);
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(req.url ?? '/', this.url);
    const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const authorization = req.headers.authorization;
      this.downloads.push({ path: url.pathname, authorization });
      const file = this.files.get(url.pathname.slice('/files/'.length));
      if (!file) return { status: 404, headers: {}, body: 'not found' };
      if (!authorization?.startsWith('Bearer xoxb-')) {
        return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' };
      }
      if (file.hang) return new Promise<never>(() => undefined);
      return { status: 200, headers: { 'content-type': file.contentType ?? 'text/plain' }, body: file.body };
    }

    const raw = await readAll(req);
    if (url.pathname.startsWith('/response/')) {
      const at = performance.now();
      this.responseAttempts.push(at);
      if (this.responseErrors > 0) {
        this.responseErrors--;
        this.responseFailures++;
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (this.responseRetryAfter) headers['retry-after'] = this.responseRetryAfter;
        return { status: this.responseErrorStatus, headers, body: 'try later' };
      }
      this.responses.push({
        path: url.pathname,
        at,
        body: JSON.parse(raw) as Record<string, unknown>,
        contentType: req.headers['content-type'],
      });
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };
    }

    if (!url.pathname.startsWith('/api/')) return { status: 404, headers: {}, body: 'not found' };
    const method = url.pathname.slice('/api/'.length);
    const params: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
    for (const key of ['blocks', 'attachments', 'view']) {
      if (typeof params[key] === 'string') params[key] = JSON.parse(params[key] as string);
    }
    const call: ApiCall = {
      method,
      params,
      authorization: req.headers.authorization,
      status: 200,
      at: performance.now(),
    };
    this.calls.push(call);
    if (this.hangWhen?.(call)) await new Promise<never>(() => undefined);
    await this.hold.get(method);

    const limited = this.rateLimit.get(method) ?? 0;
    if (limited > 0) {
      this.rateLimit.set(method, limited - 1);
      call.status = 429;
      return json({ ok: false, error: 'ratelimited' }, 429, { 'retry-after': '1' });
    }
    const broken = this.serverErrors.get(method) ?? 0;
    if (broken > 0) {
      this.serverErrors.set(method, broken - 1);
      call.status = 500;
      return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' };
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      this.failed.add(call);
      return json({ ok: false, error: failure });
    }

    switch (method) {
      case 'auth.test': {
        const install = this.tokens.get(call.authorization?.replace(/^Bearer /, '') ?? '');
        return json({
          ok: true,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          team_id: install ? (install.teamId ?? null) : TEAM_ID,
          enterprise_id: install?.enterpriseId ?? null,
          // An org-wide install's token answers with the org's URL (what links to its admin pages).
          ...(install?.orgWide && { url: `https://${install.enterpriseId}.enterprise.slack.com/` }),
          team: 'Test',
          user: 'msdk',
        });
      }
      case 'oauth.v2.access': {
        if (params.client_id !== CLIENT_ID || params.client_secret !== CLIENT_SECRET) {
          return json({ ok: false, error: 'invalid_client_id' });
        }
        const install = this.installs.get(String(params.code));
        if (!install) return json({ ok: false, error: 'invalid_code' });
        this.installs.delete(String(params.code));
        this.tokens.set(install.token, install);
        return json({
          ok: true,
          app_id: 'A1',
          authed_user: { id: 'U1INSTALLER' },
          scope: String(params.scope ?? 'chat:write,commands'),
          token_type: 'bot',
          access_token: install.token,
          bot_user_id: BOT_USER_ID,
          team: install.teamId ? { id: install.teamId, name: `Studio ${install.teamId}` } : null,
          enterprise: install.enterpriseId ? { id: install.enterpriseId, name: 'Org' } : null,
          is_enterprise_install: install.orgWide === true,
        });
      }
      case 'chat.postMessage':
        if (this.notIn.has(String(params.channel))) {
          this.failed.add(call);
          return json({ ok: false, error: 'not_in_channel' });
        }
        return json({
          ok: true,
          channel: params.channel,
          ts: `1800000000.${String(++this.tsCounter).padStart(6, '0')}`,
        });
      case 'chat.postEphemeral':
        return json({ ok: true, message_ts: `1800000000.${String(++this.tsCounter).padStart(6, '0')}` });
      case 'views.publish':
      case 'views.open':
        return json({ ok: true, view: { id: `V${++this.tsCounter}` } });
      case 'chat.getPermalink':
        return json({
          ok: true,
          permalink: `https://test.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}`,
        });
      case 'apps.connections.open':
        return json({ ok: true, url: this.socketUrl });
      case 'users.info': {
        const user = String(params.user);
        const { tz, real_name, display_name } = this.profiles.get(user) ?? {};
        return json({
          ok: true,
          user: {
            id: user,
            name: user.toLowerCase(),
            locale: this.locales.get(user) ?? 'en-US',
            ...(tz && { tz, tz_offset: 0 }),
            ...(real_name && { real_name }),
            profile: { display_name: display_name ?? '' },
          },
        });
      }
      case 'chat.delete':
        this.deleted.push({ channel: String(params.channel), ts: String(params.ts) });
        return json({ ok: true, channel: params.channel, ts: params.ts });
      case 'conversations.replies': {
        const messages = this.threads.get(String(params.ts));
        return messages ? json({ ok: true, messages }) : json({ ok: false, error: 'thread_not_found' });
      }
      case 'files.info': {
        const info = this.fileInfo.get(String(params.file));
        return info ? json({ ok: true, ...info }) : json({ ok: false, error: 'file_not_found' });
      }
      default:
        return json({ ok: false, error: 'unknown_method' });
    }
  }
}
