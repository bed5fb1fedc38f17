/**
 * Text files and snippets shared in a message (`.log`, `.txt`, `.json`): downloaded with the bot
 * token of the message's workspace (scope files:read), never more than the input budget, never to a
 * host other than Slack's.
 */
import type { webApi } from '@slack/bolt';
import { cutUtf8, truncateUtf8 } from '../core/index.js';
import { ErrorCode, MsdkBotError } from '../errors.js';
import { RETRY } from '../net/policy.js';
import { expectOk, withRetry } from '../net/retry.js';
import type { SlackDeps } from './deps.js';

/** The fields we read from a Slack file object (events carry a subset of `files.info`). */
export interface SlackFile {
  id?: string;
  name?: string;
  filetype?: string;
  mimetype?: string;
  mode?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** `check_file_info`: the event carries only the id; ask files.info. */
  file_access?: string;
}

const TEXT_NAME = /\.(log|txt|json)$/i;
const TEXT_TYPES = new Set(['text', 'json', 'log']);
const MAX_FILES = 5;

function isTextFile(f: SlackFile): boolean {
  if (f.mode === 'snippet') return true;
  if (f.mode && f.mode !== 'hosted') return false; // external, tombstone, hidden_by_limit, post
  return TEXT_NAME.test(f.name ?? '') || TEXT_TYPES.has(f.filetype ?? '');
}

export interface FileText {
  text: string;
  /** Set when some file was longer than the budget left for it. */
  truncated?: { readBytes: number; totalBytes: number };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Reads the text files of a message, within `budget` bytes in total. Failures are logged and skipped. */
export async function readMessageFiles(
  deps: SlackDeps,
  client: webApi.WebClient,
  files: unknown,
  budget: number,
): Promise<FileText> {
  if (!Array.isArray(files)) return { text: '' };
  const texts: string[] = [];
  let left = budget;
  let readBytes = 0;
  let totalBytes = 0;
  let truncated = false;
  for (const raw of files.filter(isObject).slice(0, MAX_FILES) as SlackFile[]) {
    // Files are joined with a newline: it counts against the budget too.
    const room = left - (texts.length > 0 ? 1 : 0);
    if (room <= 0) break;
    try {
      const got = await readOne(deps, client, raw, room);
      if (!got) continue;
      left -= got.bytes + (texts.length > 0 ? 1 : 0);
      texts.push(got.text);
      readBytes += got.bytes;
      totalBytes += Math.max(got.total, got.bytes);
      truncated ||= got.total > got.bytes;
    } catch (err) {
      deps.logger.warn({ err, file: raw.id }, 'could not read a shared file');
    }
  }
  return { text: texts.join('\n'), ...(truncated && { truncated: { readBytes, totalBytes } }) };
}

async function readOne(
  deps: SlackDeps,
  client: webApi.WebClient,
  file: SlackFile,
  limit: number,
): Promise<{ text: string; bytes: number; total: number } | undefined> {
  let f = file;
  if (f.file_access === 'check_file_info' || (!f.url_private_download && !f.url_private)) {
    if (!f.id) return undefined;
    const info = await deps.callApi('files.info', () => client.files.info({ file: f.id as string }));
    f = { ...f, ...(info.file as SlackFile | undefined) };
    if (!isTextFile(f)) return undefined;
    if (typeof info.content === 'string' && info.content !== '') {
      const cut = truncateUtf8(info.content, limit);
      const total = Buffer.byteLength(info.content, 'utf8');
      return { text: cut.text, bytes: cut.truncated?.readBytes ?? total, total: f.size ?? total };
    }
  }
  if (!isTextFile(f)) return undefined;
  const url = downloadUrl(f, deps.config.apiUrl);
  if (!url) {
    deps.logger.warn({ file: f.id }, 'shared file has no Slack download URL; skipped');
    return undefined;
  }
  const body = await deps.callApi('files.download', () =>
    withRetry(RETRY.download, deps.limits.downloadTimeoutMs, (signal) => download(url, client.token, limit, signal)),
  );
  if (body.complete) return { text: body.bytes.toString('utf8'), bytes: body.bytes.length, total: body.bytes.length };
  const total = Math.max(f.size ?? 0, body.bytes.length + 1);
  const cut = cutUtf8(body.bytes, limit, total);
  return { text: cut.text, bytes: cut.truncated.readBytes, total };
}

/**
 * The bot token goes only to Slack's file host (or, when SLACK_API_URL points elsewhere, e.g. a test
 * fake or a proxy, to that host): a forged URL must not receive it.
 */
function downloadUrl(f: SlackFile, apiUrl: string | undefined): URL | undefined {
  const raw = f.url_private_download ?? f.url_private;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:' && url.host === 'files.slack.com') return url;
  if (apiUrl) {
    const api = new URL(apiUrl);
    if (url.protocol === api.protocol && url.host === api.host) return url;
  }
  return undefined;
}

/**
 * One try: `signal` is the deadline for the headers and the body alike. `token` is the listener's
 * client's, so a file is fetched with the token of the workspace it was shared in.
 */
async function download(
  url: URL,
  token: string | undefined,
  limit: number,
  signal: AbortSignal,
): Promise<{ bytes: Buffer; complete: boolean }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await expectOk(await fetch(url, { headers, signal }));
  if (!res.body) throw new MsdkBotError(ErrorCode.SlackFile, 'file download failed: empty answer');
  // Without files:read Slack answers 200 with its HTML sign-in page rather than an error.
  if ((res.headers.get('content-type') ?? '').includes('text/html')) {
    await res.body.cancel();
    throw new MsdkBotError(ErrorCode.SlackFile, 'file download returned HTML (is the files:read scope granted?)');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    const take = value.subarray(0, limit - size);
    chunks.push(take);
    size += take.length;
    if (take.length < value.length) break; // over the budget: stop downloading
  }
  await reader.cancel().catch(() => undefined);
  return { bytes: Buffer.concat(chunks), complete };
}
