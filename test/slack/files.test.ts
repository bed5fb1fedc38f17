import { afterEach, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/index.js';
import { FakeSlack } from './helpers/fake-slack.js';
import {
  BOT_TOKEN,
  blocksOf,
  envelope,
  fixture,
  type Harness,
  nextTs,
  startHarness,
  visibleText,
  waitFor,
} from './helpers/harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** 300 log lines cycling through 80 distinct catalog codes. */
function longLog(): { text: string; codes: number[] } {
  const codes = [...new Set(defaultCatalog().rows.map((r) => r.code))].filter((c) => c !== 0).slice(0, 80);
  const lines = Array.from({ length: 300 }, (_, i) => {
    const code = codes[i % codes.length]!;
    return `2026-11-25T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z INFO req=${i} resp={"ret":${code},"msg":"request failed"}`;
  });
  return { text: lines.join('\n'), codes };
}

/** A file_share message whose file is served by the fake (or by `host`). */
function fileShare(name: string, overrides: Record<string, unknown> = {}, host = h.fake.url) {
  const event = fixture('event-file-share.json');
  const files = (event.files as Array<Record<string, unknown>>).map((f) => ({
    ...f,
    name,
    title: name,
    url_private: `${host}/files/${name}`,
    url_private_download: `${host}/files/${name}`,
    ...overrides,
  }));
  const ts = nextTs();
  return { ...event, files, ts, event_ts: ts };
}

describe('shared files and snippets', () => {
  it('downloads a shared .log with the bot token and explains what is in it', async () => {
    h = await startHarness();
    h.fake.files.set('server.log', {
      body: 'boot ok\nlogin resp={"ret":-10000,"msg":"-73,the user modify password wrong"}\n',
    });
    const event = fileShare('server.log');
    await h.sendEvent(envelope(event));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.thread_ts).toBe(event.ts);
    expect(visibleText(reply)).toContain('QQ platform, via MSDK logic layer -10000');
    expect(h.fake.downloads).toEqual([{ path: '/files/server.log', authorization: `Bearer ${BOT_TOKEN}` }]);
  });

  it('a hung download is given up after DOWNLOAD_TIMEOUT_MS (tried twice) and the message text is still answered', async () => {
    h = await startHarness({ limits: { downloadTimeoutMs: 300 } });
    h.fake.files.set('hung.log', { body: '', hang: true });
    const event = { ...fileShare('hung.log'), text: 'upload broke: {"ret":-303}' };
    const started = performance.now();
    await h.sendEvent(envelope(event));
    const reply = await waitFor(() => h.fake.posts()[0], 'the reply without the file', 10_000);
    expect(visibleText(reply)).toContain('-303');
    expect(h.fake.downloads).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(h.logs.join('\n')).toContain('could not read a shared file');
  });

  it('keeps a 300-line log with 80 distinct codes within Block Kit limits', async () => {
    h = await startHarness();
    const log = longLog();
    h.fake.files.set('big.log', { body: log.text });
    await h.sendEvent(envelope(fileShare('big.log')));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    const blocks = blocksOf(reply);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      const text = (b.text as { text?: string } | undefined)?.text ?? '';
      if (b.type === 'section') expect(text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'header') expect(text.length).toBeLessThanOrEqual(150);
    }
    expect(String(reply.params.text).length).toBeLessThanOrEqual(3000);
    const header = blocks.find((b) => b.type === 'header') as { text: { text: string } };
    expect(header.text.text).toContain('80 MSDK errors found');
    const shown = blocks
      .filter((b) => b.type === 'section')
      .flatMap((b) => (b.text as { text: string }).text.split('\n'));
    expect(shown).toHaveLength(40); // one line per finding, up to 40
    expect(shown[0]).toContain(`*${log.codes[0]}*`);
    expect(shown[0]).toMatch(/\(\d+x\)/); // repeated codes show their count
    expect(visibleText(reply)).toContain('+40 more');
  });

  it('reads no more than maxInputBytes and says so', async () => {
    h = await startHarness({ maxInputBytes: 4096 });
    h.fake.files.set('big.log', { body: longLog().text });
    await h.sendEvent(envelope(fileShare('big.log')));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(visibleText(reply)).toMatch(/only the first \d+ of \d+ bytes were read/i);
  });

  it('a file cut at the budget never turns a code into another one, and the note gives the file its own sizes', async () => {
    // Message text (26 bytes) + newline + 23 bytes of file = 50: the cut falls inside -1003, after "-10".
    h = await startHarness({ maxInputBytes: 50 });
    const body = '{"ret":-303}\n{"ret":-1003}';
    h.fake.files.set('cut.log', { body });
    await h.sendEvent(envelope(fileShare('cut.log', { size: body.length })));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    const text = visibleText(reply);
    expect(text).toContain('-303');
    expect(text).not.toMatch(/-10\b|-100\b/);
    expect(text).toMatch(/only the first 23 of 26 bytes were read \(raise MAX_INPUT_BYTES to read more\)/i);
  });

  it('asks files.info when the event carries only the file id', async () => {
    h = await startHarness();
    h.fake.files.set('snippet.json', { body: '{"ret":-303}', contentType: 'application/json' });
    h.fake.fileInfo.set('F0SNIP', {
      file: {
        id: 'F0SNIP',
        name: 'snippet.json',
        filetype: 'json',
        mode: 'snippet',
        url_private_download: `${h.fake.url}/files/snippet.json`,
      },
    });
    await h.sendEvent(
      envelope(
        fileShare('x', {
          id: 'F0SNIP',
          file_access: 'check_file_info',
          url_private: undefined,
          url_private_download: undefined,
          name: undefined,
        }),
      ),
    );
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(h.fake.callsTo('files.info')[0]?.params.file).toBe('F0SNIP');
    expect(visibleText(reply)).toContain('MSDK access layer');
  });

  it('never sends the bot token to a host that is not Slack', async () => {
    h = await startHarness();
    const evil = await new FakeSlack().start();
    try {
      evil.files.set('steal.log', { body: '{"ret":-303}' });
      const event = fileShare('steal.log', {}, evil.url);
      await h.sendEvent(envelope({ ...event, text: 'see {"ret":-10000,"msg":"-73,x"}' }));
      await waitFor(() => h.fake.posts()[0], 'a reply');
      expect(evil.downloads).toEqual([]);
    } finally {
      await evil.close();
    }
  });

  it('skips files that are not text', async () => {
    h = await startHarness();
    h.fake.files.set('photo.png', { body: '{"ret":-303}' });
    await h.sendEvent(
      envelope({
        ...fileShare('photo.png', { filetype: 'png', mimetype: 'image/png' }),
        text: '{"ret":-10000,"msg":"-73,x"}',
      }),
    );
    await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(h.fake.downloads).toEqual([]);
  });
});
