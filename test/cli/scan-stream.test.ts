/**
 * `msdk scan` on logs of any size: standard input and `--file` streamed with exact counts,
 * `--summary` / `--top N` with line numbers, progress only on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { errorKey, makeLog } from '../../bench/make-log.js';
import { type CliIo, runCli } from '../../src/cli/run.js';
import { contentOf, fakeWebhook } from '../wecom/helpers.js';

const BIN = fileURLToPath(new URL('../../dist/cli/msdk.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'msdk-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Found {
  code: number;
  table: string;
  via?: { code: number };
  count: number;
  lines?: [number, number];
  files?: [string, string];
}

async function cli(argv: string[], io: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    stdin: async () => '',
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: {},
    ...io,
  });
  return { code, stdout, stderr };
}

const keyOf = (f: Found) => errorKey({ code: f.code, table: f.table as never, ...(f.via && { via: f.via.code }) });

describe('msdk scan on big logs', () => {
  // 3 MB: three times the chat input limit, which the CLI used to stop at.
  const log = makeLog(3 << 20, 5);
  const expected = new Map(log.expected.map((e) => [errorKey(e), e.count]));

  it('reads all of standard input with exact counts, however long', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--json'], { input: log.text, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Found[]; truncated?: unknown };
    expect(out.truncated).toBeUndefined();
    expect(new Map(out.findings.map((f) => [keyOf(f), f.count]))).toEqual(expected);
  });

  it('--file is repeatable: the files are scanned as one log, counts summed', async () => {
    const half = log.text.indexOf('\n', log.text.length >> 1) + 1;
    const a = file('a.log', log.text.slice(0, half));
    const b = file('b.log', log.text.slice(half));
    const r = await cli(['scan', '--json', '--file', a, '--file', b]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Found[] };
    expect(new Map(out.findings.map((f) => [keyOf(f), f.count]))).toEqual(expected);
  });

  it('--summary sorts by count with the first and last line of each code; --top N keeps the N first', async () => {
    const path = file(
      'summary.log',
      [
        '10:00:00 INFO start',
        '10:00:01 ERROR ret=-503 msg=freq',
        '10:00:02 ERROR ret=-4009 msg=freq limit',
        '10:00:03 ERROR ret=-4009 msg=freq limit',
        '10:00:04 INFO ok',
        '10:00:05 ERROR ret=-4009 msg=freq limit',
        '10:00:06 ERROR ret=-503 msg=freq',
        '10:00:07 WARN errcode=45009 errmsg=api freq out of limit',
        '',
      ].join('\n'),
    );
    const all = JSON.parse((await cli(['scan', '--json', '--summary', '--file', path])).stdout) as {
      findings: Found[];
      matches: unknown[];
    };
    expect(all.matches).toEqual([]);
    expect(all.findings.map((f) => [f.code, f.count, f.lines])).toEqual([
      [-4009, 3, [3, 6]],
      [-503, 2, [2, 7]],
      [45009, 1, [8, 8]],
    ]);
    const top = JSON.parse((await cli(['scan', '--json', '--top', '1', '--file', path])).stdout) as {
      findings: Found[];
    };
    expect(top.findings.map((f) => f.code)).toEqual([-4009]);

    const text = await cli(['scan', '--lang', 'en', '--top', '2', '--file', path]);
    expect(text.stdout).toBe(
      '3  🐢 -4009 — QQ game center (lines 3–6): Frequency limit exceeded\n' +
        '2  🐢 -503 — MSDK access layer (lines 2–7): Frequency limit exceeded\n',
    );
    // Without --summary the contract is unchanged: no line numbers.
    const plain = JSON.parse((await cli(['scan', '--json', '--file', path])).stdout) as { findings: Found[] };
    expect(plain.findings.every((f) => f.lines === undefined)).toBe(true);

    // Several inputs: the lines are in their own files, and the files are named.
    const again = JSON.parse((await cli(['scan', '--json', '--summary', '--file', path, '--file', path])).stdout) as {
      findings: Found[];
    };
    expect(again.findings[0]).toMatchObject({ code: -4009, count: 6, lines: [3, 6], files: [path, path] });
  });

  it('bad options and missing files are usage errors, before anything is read', async () => {
    for (const argv of [
      ['scan', '--top', '0'],
      ['scan', '--top', 'ten'],
      ['explain', '--summary', '-303'],
      ['scan', '--file', join(dir, 'missing.log')],
      ['scan', '--file', dir],
      ['scan', '--file', join(dir, 'a.log'), 'ret=-503'],
    ]) {
      const r = await cli(argv, { stdin: () => Promise.reject(new Error('stdin read')) });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^msdk: (--top|--summary|cannot read|.* is a directory|give TEXT)/);
    }
  });

  it('draws progress on a terminal for a file of known size, and nothing when stderr is piped', async () => {
    const path = file('progress.log', log.text);
    const tty = await cli(['scan', '--json', '--file', path], { stderrIsTTY: true });
    expect(tty.stderr).toMatch(/^\rmsdk scan: [\d.]+ \/ 3\.0 MB \(\d+%\), \d+ MB\/s, [\d,]+ found/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true); // the line is cleared before the answer
    expect(JSON.parse(tty.stdout).findings.length).toBe(expected.size);

    expect((await cli(['scan', '--json', '--file', path], { stderrIsTTY: false })).stderr).toBe('');
    // Standard input of unknown size (a pipe): no progress even on a terminal.
    const piped = await cli(['scan', '--json'], { stderrIsTTY: true, stdin: () => [Buffer.from(log.text)] });
    expect(piped.stderr).toBe('');
    // Standard input redirected from a file has a size: progress.
    const sized = await cli(['scan', '--json'], {
      stderrIsTTY: true,
      stdinSize: log.bytes,
      stdin: () => [Buffer.from(log.text)],
    });
    expect(sized.stderr).toContain('MB/s');
  });

  it('notify --wecom --file streams the file and sends its findings', async () => {
    const hook = await fakeWebhook();
    try {
      const path = file('crash.log', '2026-11-20 10:00:01 ERROR {"ret":-20000,"msg":"40001,invalid credential"}\n');
      const env = { WECOM_WEBHOOK_URL: hook.url('ci-key'), WECOM_LANG: 'en', LOG_LEVEL: 'silent' };
      const r = await cli(['notify', '--wecom', '--file', path], { env });
      expect(r).toMatchObject({ code: 0, stdout: 'sent 1 finding(s) to WeCom\n' });
      expect(contentOf(hook.delivered()[0]!.body)).toContain('WeChat platform');
    } finally {
      await hook.close();
    }
  });
});
