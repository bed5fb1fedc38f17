/**
 * What `msdk scan`, `explain` and `notify` read, as text: a gzip-compressed log (`server.log.gz`,
 * `zcat`'s job) is decompressed as it streams, UTF-16 (what Windows tools such as PowerShell's `>`
 * write, with or without its byte-order mark) is decoded, a UTF-8 byte-order mark is dropped. Other
 * compressed or archive formats are refused with one line saying what the input is and how to read
 * it, rather than scanned as noise.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputFormatError } from '../errors.js';
import type { Chunks } from './io.js';

type Encoding = 'gzip' | 'utf-16le' | 'utf-16be' | 'utf-8-bom' | 'text';

/** Formats recognised by their first bytes that msdk does not decode, with the command that does. */
const REFUSED: Array<{ magic: number[] | ((head: Uint8Array) => boolean); what: string; how: string }> = [
  { magic: isBzip2, what: 'bzip2-compressed', how: 'bzip2 -dc FILE | msdk scan' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed', how: 'xz -dc FILE | msdk scan' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed', how: 'zstd -dc FILE | msdk scan' },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive', how: 'unzip -p FILE | msdk scan' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7z archive', how: '7z x -so FILE | msdk scan' },
  { magic: [0xff, 0xfe, 0x00, 0x00], what: 'UTF-32 text', how: 'iconv -f UTF-32 -t UTF-8 FILE | msdk scan' },
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** `BZh`, the block size 1-9, then a block's or the end's 48-bit magic: a log line may well start with "BZh". */
function isBzip2(head: Uint8Array): boolean {
  const level = head[3] ?? 0;
  return (
    startsWith(head, [0x42, 0x5a, 0x68]) &&
    level >= 0x31 &&
    level <= 0x39 &&
    (startsWith(head.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) ||
      startsWith(head.subarray(4), [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))
  );
}

/** How many bytes detection looks at: enough for the byte-order marks and the UTF-16 heuristic. */
const PEEK_BYTES = 512;

/**
 * UTF-16 without a byte-order mark: mostly ASCII text has a zero in every other byte, on the odd
 * bytes in little-endian, the even ones in big-endian; UTF-8 and Latin text have almost none.
 */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, PEEK_BYTES) / 2);
  if (pairs < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.5 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.5 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** The input's encoding, from its first bytes; throws InputFormatError for the formats msdk does not read. */
export function detectEncoding(head: Uint8Array, name: string): Encoding {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const refused = REFUSED.find((f) => (typeof f.magic === 'function' ? f.magic(head) : startsWith(head, f.magic)));
  if (refused) {
    const input = name === '-' ? 'standard input' : name;
    throw new InputFormatError(
      `${input} is ${refused.what}: msdk reads text, gzip and UTF-16; read it with ${refused.how.replace('FILE', name === '-' ? '<file>' : name)}`,
    );
  }
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  return utf16Without(head) ?? 'text';
}

async function* bytesOf(chunks: Chunks): AsyncIterable<Uint8Array | string> {
  yield* chunks;
}

/** What `decodeInput` tells its caller besides the text. */
export interface DecodeOptions {
  /** The input's name in messages (`-` is standard input). */
  name: string;
  /** Bytes as read, before decompression: progress is measured against the file's size. */
  onRawBytes?: (n: number) => void;
  /** A problem that does not lose what was read (a gzip file cut short): said once, and reading stops. */
  onWarning?: (message: string) => void;
}

/**
 * The input as text chunks (or UTF-8 bytes, passed through untouched: the common case costs nothing).
 * TEXT arguments and other string chunks are passed through as they are.
 */
export async function* decodeInput(
  chunks: Chunks,
  options: DecodeOptions,
  depth = 0,
): AsyncIterable<Uint8Array | string> {
  const iterator = bytesOf(chunks)[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    if (typeof next.value === 'string') {
      // Already text: nothing to detect.
      yield* head;
      yield next.value;
      yield* rest(iterator);
      return;
    }
    options.onRawBytes?.(next.value.byteLength);
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  const encoding = detectEncoding(first, options.name);
  const all = async function* (): AsyncIterable<Uint8Array> {
    if (first.byteLength > 0) yield first;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
      options.onRawBytes?.(chunk.byteLength);
      yield chunk;
    }
  };
  if (encoding === 'text') yield* all();
  else if (encoding === 'utf-8-bom') {
    let skipped = false;
    for await (const chunk of all()) {
      yield skipped ? chunk : chunk.subarray(3);
      skipped = true;
    }
  } else if (encoding === 'gzip') {
    // A .gz of a UTF-16 log is decoded too; a .gz inside a .gz is unwrapped once more, no deeper.
    const inner = gunzip(all(), options);
    const { onWarning } = options;
    yield* depth < 1 ? decodeInput(inner, { name: options.name, ...(onWarning && { onWarning }) }, depth + 1) : inner;
  } else yield* utf16(all(), encoding);
}

async function* rest(iterator: AsyncIterator<Uint8Array | string>): AsyncIterable<Uint8Array | string> {
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

/** UTF-16 bytes as strings; the byte-order mark, if any, is dropped by the decoder. */
async function* utf16(bytes: AsyncIterable<Uint8Array>, encoding: 'utf-16le' | 'utf-16be'): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** zlib's codes for gzip data that is cut short or damaged: what was decompressed so far is kept. */
const DAMAGED = new Set(['Z_BUF_ERROR', 'Z_DATA_ERROR']);

/** Streams the decompressed bytes; several gzip members one after another are read as one file, as zcat does. */
async function* gunzip(bytes: AsyncIterable<Uint8Array>, options: DecodeOptions): AsyncIterable<Uint8Array> {
  // Loaded for gzip input only: a plain log does not pay for zlib's start-up.
  const { createGunzip } = await import('node:zlib');
  const unzip = createGunzip();
  const feeding = pipeline(Readable.from(bytes, { objectMode: false }), unzip).catch(() => undefined);
  try {
    for await (const chunk of unzip) yield chunk as Buffer;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!DAMAGED.has(code)) throw err;
    const input = options.name === '-' ? 'standard input' : options.name;
    options.onWarning?.(
      `${input}: the gzip data is damaged or cut short (${(err as Error).message}); read what came before`,
    );
  } finally {
    unzip.destroy();
    await feeding;
  }
}
