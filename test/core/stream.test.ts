/**
 * The streaming scan must report exactly what analyze() reports for the whole text, wherever the
 * input is cut into chunks and windows, and hold back a bounded amount whatever the input looks like.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeLog } from '../../bench/make-log.js';
import { analyze } from '../../src/core/analyze.js';
import { READ_REACH } from '../../src/core/detect/reader.js';
import { type StreamOptions, StreamScanner, scanWindow, type WindowResult } from '../../src/core/stream.js';
import { bigRecord } from '../fixtures/adversarial/patterns.js';

/** Text developers posted in public (test/core/realworld.test.ts): every shape the catalog has grown for. */
const REALWORLD: Array<{ id: string; text: string }> = JSON.parse(
  readFileSync(new URL('../fixtures/realworld/samples.json', import.meta.url), 'utf8'),
);

/** A short log with every shape that spans lines or takes its table from the line above. */
const SMALL_LOG = [
  '2026-11-20 10:00:00.332 INFO  match found: 8 players, region ap-seoul, queue 00:00:12',
  '2026-11-20 10:00:00.999 INFO  [msdk] resp={"ret":-502,"msg":"sig error","err_type":5}',
  '2026-11-20 10:00:01.594 ERROR [pay] gamecenter report failed ret=-4009 msg=freq limit',
  '2026-11-20 10:00:02.000 ERROR unexpected response from /relation/qqfriends_detail:',
  '{',
  '  "ret": -10000,',
  '  "msg": "-73,the user modify password wrong",',
  '  "err_type": 2',
  '}',
  '2026-11-20 10:00:03.000 INFO  POST /share/qq',
  '{"ret": 100000}',
  '2026-11-20 10:00:03.500 INFO  블루 다이아몬드 gift sent',
  'ret=-6 msg=x',
  '2026-11-20 10:00:04.000 WARN  로그인 실패: -303 에러 (appid 확인)',
  '2026-11-20 10:00:05.000 ERROR [wx] sns/userinfo errcode=-1 errmsg=system error &amp; more',
  "2026-11-20 10:00:06.000 INFO  {ret: -507, msg: 'x', }",
  '2026-11-20 10:00:07.000 WARN  [msdk] resp={"ret":-20000,"msg":"40001,invalid credential"} 返回错误码 -73',
  '2026-11-20 10:00:08.000 INFO  heartbeat ok errcode=0 latency=42ms { stray brace',
  '2026-11-20 10:00:09.000 ERROR ret=-4009 msg=freq limit',
  '',
].join('\n');

const wholeScan = (text: string) => analyze(text, { mode: 'scan', lang: 'en', maxBytes: Number.POSITIVE_INFINITY });

function streamScan(chunks: Uint8Array[], options: StreamOptions = {}) {
  const scanner = new StreamScanner({ lang: 'en', ...options });
  for (const c of chunks) scanner.write(c);
  return { ...scanner.result(), stats: scanner.stats };
}

/** `bytes` cut at the given offsets. */
function split(bytes: Buffer, offsets: number[]): Buffer[] {
  const cuts = [0, ...[...offsets].sort((a, b) => a - b), bytes.length];
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
}

describe('streaming scan', () => {
  const bytes = Buffer.from(SMALL_LOG, 'utf8');
  const expected = wholeScan(SMALL_LOG).findings;

  it('the small log has findings in every shape it was written for, tables decided by the line above too', () => {
    expect(expected.map((f) => `${f.table}:${f.code}:${f.via?.code ?? ''}:${f.count}`)).toEqual([
      'access:-502::1',
      'gamecenter:-4009::2',
      'qq:-73:-10000:1',
      'qq-share:100000::1',
      'bluediamond:-6::1',
      'access:-303::1',
      'wechat:-1::1',
      'access:-507::1',
      'wechat:40001:-20000:1',
      'qq:-73::1',
    ]);
  });

  it('counts exactly what the whole text holds, cut into two chunks at every byte offset', () => {
    for (let at = 0; at <= bytes.length; at++) {
      // A window of one character scans (and cuts) after every chunk.
      const got = streamScan(split(bytes, [at]), { windowChars: 1, contextChars: 256 }).findings;
      expect(got, `cut at byte ${at}`).toEqual(expected);
    }
  });

  it('counts exactly under any chunking and any window size (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 600 }),
        (offsets, windowChars) => {
          expect(streamScan(split(bytes, offsets), { windowChars, contextChars: 256 }).findings).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a pretty-printed record whole when a chunk ends inside it', () => {
    const at = SMALL_LOG.indexOf('  "msg": "-73');
    const { findings, stats } = streamScan(split(bytes, [at]), { windowChars: 1, contextChars: 256 });
    expect(stats.windows).toBeGreaterThan(1);
    expect(findings.find((f) => f.code === -73 && f.via)).toMatchObject({ table: 'qq', via: { code: -10000 } });
    // Cut there blindly, the record's first half would read as the wrapper itself.
    expect(findings.some((f) => f.code === -10000)).toBe(false);
  });

  it('finds on every real-world sample what the in-memory scan finds, however it is cut', () => {
    const sources = new Set<string>();
    let cut = 0;
    // Quiet log lines either side, so a sample is cut with the rules' whole reach kept around each cut.
    const quiet = '2026-11-20 10:00:00 INFO heartbeat ok\n'.repeat(40);
    for (const { id, text: sampleText } of REALWORLD) {
      const text = `${quiet}${sampleText}\n${quiet}`;
      const sample = Buffer.from(text, 'utf8');
      const expected = wholeScan(text).findings;
      for (const f of expected) sources.add(f.source);
      expect(streamScan([sample]).findings, id).toEqual(expected);
      // Cut every 7 bytes (inside characters too), and into windows wherever a line allows.
      // The context a cut keeps is the rules' reach (a table's header above its rows), plus what normalising drops.
      const chunked = streamScan(split(sample, range(7, sample.length, 7)), {
        windowChars: 1,
        contextChars: READ_REACH + 256,
      });
      expect(chunked.findings, id).toEqual(expected);
      if (chunked.stats.windows > 1) cut++;
    }
    expect(cut).toBeGreaterThan(10);
    // The corpus reaches the codes the document lacks (supplement, unlisted), not only its rows.
    expect([...sources]).toEqual(expect.arrayContaining(['row', 'supplement', 'unlisted']));
  });

  it('reads the whole real-world corpus as one log as the in-memory scan reads it', () => {
    const log = REALWORLD.map((s) => s.text).join('\n');
    const bytes = Buffer.from(log, 'utf8');
    const got = streamScan(split(bytes, range(4096, bytes.length, 4096)), { windowChars: 4 << 10 });
    expect(got.stats.windows).toBeGreaterThan(3);
    expect(got.findings).toEqual(wholeScan(log).findings);
  });

  it('classifies a repeat far from the platform named beside its first occurrence on its own, as a window would', () => {
    const line = '初始化返回1025，网页版也无法登录'; // a QZone share code, unless WeChat is named near it
    const text = `${line}\n  wechat checkLogin:  +6s 201\n${'2026-11-20 10:00:00 INFO heartbeat ok\n'.repeat(10)}${line}\n`;
    const expected = wholeScan(text).findings;
    expect(expected.map((f) => [f.code, f.table, f.count])).toEqual([[1025, 'qzone-share', 1]]);
    const bytes = Buffer.from(text, 'utf8');
    const got = streamScan(split(bytes, range(50, bytes.length, 50)), { windowChars: 1, contextChars: 256 });
    expect(got.stats.windows).toBeGreaterThan(1);
    expect(got.findings).toEqual(expected);
  });

  it('a generated 1 MB log in 64 KB chunks and 256 KB windows: exact counts', () => {
    const log = makeLog(1 << 20, 11);
    const got = streamScan(split(Buffer.from(log.text), range(64 << 10, log.bytes, 64 << 10)), {
      windowChars: 256 << 10,
    });
    expect(got.stats.windows).toBeGreaterThan(3);
    expect(got.findings).toEqual(wholeScan(log.text).findings);
  });

  it('windows scanned elsewhere and finished out of order merge as if scanned in turn, lines included', async () => {
    const log = makeLog(1 << 20, 12);
    const inputs = [Buffer.from(log.text), Buffer.from(SMALL_LOG)];
    const options = { lang: 'en', lines: true, windowChars: 64 << 10 } as const;
    const inTurn = new StreamScanner(options);
    for (const input of inputs) {
      for (const c of split(input, range(50_000, input.length, 50_000))) inTurn.write(c);
      inTurn.endInput();
    }
    // Every third window here, the others after a delay that makes later windows finish first.
    let waits = 0;
    const elsewhere = new StreamScanner({
      ...options,
      maxInFlight: 3,
      runWindow: (job, index) => {
        if (index % 3 === 0) return undefined;
        const ms = 9 - (index % 9);
        return new Promise<WindowResult>((resolve) => setTimeout(() => resolve(scanWindow(job, options)), ms));
      },
    });
    for (const input of inputs) {
      for (const c of split(input, range(50_000, input.length, 50_000))) {
        const wait = elsewhere.write(c);
        if (wait) waits++;
        await wait;
      }
      elsewhere.endInput();
    }
    const expected = inTurn.result();
    expect(expected.findings.length).toBeGreaterThan(10);
    expect(waits).toBeGreaterThan(0); // write() held the reader back: no more than maxInFlight windows out
    expect(await elsewhere.finish()).toEqual(expected);
  });

  it('numbers the first and last line of each finding, per input', () => {
    const scanner = new StreamScanner({ lang: 'en', lines: true, windowChars: 40, contextChars: 256 });
    for (const c of split(bytes, [100, 400, 401, 900])) scanner.write(c);
    scanner.endInput();
    scanner.write('ok\n\nret=-502 msg=sig error\n');
    const byCode = new Map(scanner.result().findings.map((f) => [`${f.code}:${f.via?.code ?? ''}`, f]));
    expect(byCode.get('-4009:')).toMatchObject({ count: 2, lines: [3, 19], inputs: [0, 0] });
    expect(byCode.get('-73:-10000')).toMatchObject({ lines: [6, 6] }); // the line of its `ret`
    expect(byCode.get('-303:')).toMatchObject({ lines: [14, 14] });
    expect(byCode.get('-502:')).toMatchObject({ count: 2, lines: [2, 3], inputs: [0, 1] });
  });

  it('holds back a bounded amount of two 1 MB pretty-printed records, and still reads them', () => {
    const record = `${bigRecord(10)}${bigRecord(11)}2026-11-20 10:00:09.000 ERROR ret=-4009 msg=freq limit\n`;
    expect(record.length).toBeGreaterThan(1 << 20);
    const maxCarryChars = 16 << 10;
    const chunk = 64 << 10;
    const windowChars = 64 << 10;
    const got = streamScan(split(Buffer.from(record), range(chunk, record.length, chunk)), {
      windowChars,
      maxCarryChars,
    });
    expect(got.findings).toEqual(wholeScan(record).findings);
    expect(got.findings.map((f) => [f.code, f.count])).toEqual([
      [-73, 2],
      [-4009, 1],
    ]);
    expect(got.stats.forcedCuts).toBeGreaterThan(0);
    expect(got.stats.maxCarryChars).toBeLessThanOrEqual(maxCarryChars);
    expect(got.stats.maxWindowChars).toBeLessThanOrEqual(windowChars + maxCarryChars + chunk + 1024);
  });

  it('cuts a 64 MB line without a newline instead of buffering it, and finds codes at both ends', () => {
    const maxCarryChars = 1 << 20;
    const windowChars = 4 << 20;
    const scanner = new StreamScanner({ lang: 'en', lines: true, windowChars, maxCarryChars });
    const filler = Buffer.from('abc '.repeat(16 << 10)); // 64 KB, no digit, no newline
    scanner.write('2026-11-20 10:00:00 ERROR ret=-503 msg=frequency limit ');
    for (let i = 0; i < 1024; i++) scanner.write(filler);
    scanner.write(' ret=-502 msg=sig error');
    const { findings } = scanner.result();
    expect(scanner.stats.bytes).toBeGreaterThan(64 << 20);
    expect(findings.map((f) => [f.code, f.count, f.lines])).toEqual([
      [-503, 1, [1, 1]],
      [-502, 1, [1, 1]],
    ]);
    expect(scanner.stats.cutLines).toBeGreaterThanOrEqual(15);
    expect(scanner.stats.maxCarryChars).toBeLessThanOrEqual(maxCarryChars);
    expect(scanner.stats.maxWindowChars).toBeLessThanOrEqual(windowChars + maxCarryChars + filler.length);
  });

  it('does not split a code when a line is cut inside it', () => {
    const line = 'x ret=-303 msg=hi z '.repeat(50);
    // Chunks that end right after `ret=-3`, before `03`.
    const at = range(8, line.length, 20);
    const got = streamScan(split(Buffer.from(line), at), { windowChars: 1, maxCarryChars: 16 });
    expect(got.stats.cutLines).toBeGreaterThan(0);
    expect(got.findings.map((f) => [f.code, f.count])).toEqual([[-303, 50]]);
  });
});

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i += step) out.push(i);
  return out;
}
