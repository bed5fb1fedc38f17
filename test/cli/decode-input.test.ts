/**
 * Logs as they are kept: `server.log.gz` (rotated by logrotate), UTF-16 (PowerShell's `>` writes
 * UTF-16LE with a byte-order mark), given to `msdk scan` / `explain` / `notify` as a file or on
 * standard input, read as the same text as the plain UTF-8 log. Other formats get one line saying
 * what they are. The text is the real-world corpus's (each sample with its public source).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run.js';

const BIN = fileURLToPath(new URL('../../dist/cli/msdk.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'msdk-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Sample {
  kind: string;
  lang: string;
  text: string;
  expect?: { code: number }[];
}
const samples = (
  JSON.parse(readFileSync(new URL('../fixtures/realworld/samples.json', import.meta.url), 'utf8')) as Sample[]
).filter((s) => s.kind === 'error' && s.expect?.length);
/** A log of real pastes, Chinese and Korean ones first (UTF-16 must carry more than ASCII). */
const LOG = [
  ...samples.filter((s) => s.lang === 'zh').slice(0, 4),
  ...samples.filter((s) => s.lang === 'ko').slice(0, 2),
  ...samples.filter((s) => s.lang === 'en').slice(0, 4),
]
  .map((s, i) => `2026-11-20 10:00:${String(i).padStart(2, '0')} ERROR ${s.text.replace(/\s*\n\s*/g, ' ')}`)
  .join('\n')
  .concat('\n');

const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => utf16le(text).swap16();
const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The installed command, as a user runs it. */
function msdk(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, env: { PATH: process.env.PATH, MSDK_LANG: 'en' } });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** In process, standard input arriving in `size`-byte chunks: decoding must not care where they are cut. */
async function cli(argv: string[], stdin: Buffer, size: number) {
  let stdout = '';
  let stderr = '';
  const chunks = Array.from({ length: Math.ceil(stdin.length / size) }, (_, i) =>
    stdin.subarray(i * size, (i + 1) * size),
  );
  const io: CliIo = {
    argv,
    stdin: () => chunks,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: { MSDK_LANG: 'en' },
  };
  return { code: await runCli(io), stdout, stderr };
}

describe('gzip and UTF-16 logs read as text', () => {
  const plain = msdk(['scan', '--json', '--file', file('plain.log', LOG)]);
  const codes = (stdout: string) =>
    (JSON.parse(stdout) as { findings: { code: number }[] }).findings.map((f) => f.code);

  it('the plain log has findings to compare with', () => {
    expect(plain.code).toBe(0);
    expect(codes(plain.stdout).length).toBeGreaterThanOrEqual(5);
    expect(LOG).toMatch(/[\u4e00-\u9fff]/); // Chinese text is in it
  });

  const variants: Array<[string, Buffer]> = [
    ['gzip', gzipSync(LOG)],
    ['UTF-16LE with a byte-order mark (PowerShell)', Buffer.concat([BOM_LE, utf16le(LOG)])],
    ['UTF-16BE with a byte-order mark', Buffer.concat([BOM_BE, utf16be(LOG)])],
    ['UTF-16LE without a byte-order mark', utf16le(LOG)],
    ['UTF-8 with a byte-order mark (Notepad)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG)])],
    ['gzip of UTF-16LE', gzipSync(Buffer.concat([BOM_LE, utf16le(LOG)]))],
    [
      'two gzip members one after another (as zcat reads them)',
      Buffer.concat([gzipSync(LOG.slice(0, 400)), gzipSync(LOG.slice(400))]),
    ],
  ];

  it.each(variants)('%s: scan --file and scan < file find what the plain log gives', (name, bytes) => {
    const path = file(`${name.replace(/\W+/g, '-')}.log`, bytes);
    const viaFile = msdk(['scan', '--json', '--file', path]);
    expect(viaFile.stderr).toBe('');
    expect(viaFile.stdout).toBe(plain.stdout);
    expect(msdk(['scan', '--json'], bytes).stdout).toBe(plain.stdout);
  });

  it.each(variants)('%s: explain reads it too', (_name, bytes) => {
    const expected = msdk(['explain', '--json'], Buffer.from(LOG));
    expect(codes(expected.stdout).length).toBeGreaterThan(0);
    expect(msdk(['explain', '--json'], bytes).stdout).toBe(expected.stdout);
  });

  it('decodes whatever the chunk boundaries (UTF-16 cut inside a character, gzip a byte at a time)', async () => {
    const expected = (await cli(['scan', '--json'], Buffer.from(LOG), 1 << 16)).stdout;
    expect(expected).toBe(plain.stdout);
    for (const [bytes, size] of [
      [Buffer.concat([BOM_LE, utf16le(LOG)]), 3],
      [utf16be(LOG), 7],
      [gzipSync(LOG), 1],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG)]), 1],
    ] as const) {
      expect((await cli(['scan', '--json'], bytes, size)).stdout).toBe(expected);
    }
  });

  it('a gzip file cut short: scans what was there and says so, once', () => {
    const gz = gzipSync(LOG);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const r = msdk(['scan', '--json', '--file', file('cut.log.gz', cut)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^msdk: \S*cut\.log\.gz: the gzip data is damaged or cut short \(.+\); read what came before\n$/,
    );
    const found = codes(r.stdout);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(codes(plain.stdout).length);
  });

  it('names other formats and how to read them, instead of scanning noise', () => {
    const bz = file('server.log.bz2', Buffer.from('BZh91AY&SY\x00\x00', 'latin1'));
    expect(msdk(['scan', '--file', bz])).toEqual({
      code: 2,
      stdout: '',
      stderr: `msdk: ${bz} is bzip2-compressed: msdk reads text, gzip and UTF-16; read it with bzip2 -dc ${bz} | msdk scan\n`,
    });
    // A log whose first line starts with the letters BZh is still a log.
    expect(msdk(['scan', '--json'], Buffer.from(`BZh ${LOG}`)).stdout).toBe(plain.stdout);
    const zip = msdk(['explain'], Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'));
    expect(zip.code).toBe(2);
    expect(zip.stderr).toBe(
      'msdk: standard input is a zip archive: msdk reads text, gzip and UTF-16; read it with unzip -p <file> | msdk scan\n',
    );
  });
});
