/**
 * End to end: createWecomBot's routes on the real HTTP server, callbacks encrypted and signed with
 * the real crypto, replies going through the real axios client to a fake WeCom webhook.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { WecomConfig } from '../../src/config.js';
import { defaultCatalog } from '../../src/core/catalog.js';
import { ACTION_MARKER } from '../../src/core/present.js';
import { stripWecomMention } from '../../src/mentions.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { createMetrics, type Metrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { createWecomBot, parseInbound, type WecomBot } from '../../src/wecom/index.js';
import { parseXmlRoot } from '../../src/wecom/xml.js';
import {
  ASK_40001,
  FIXTURE_CONFIG,
  FIXTURE_TIMESTAMP,
  FIXTURE_WEBHOOK_KEY,
  type FixtureFile,
} from './fixture-specs.js';
import {
  type CapturedLogs,
  captureLogs,
  contentOf,
  type FakeWebhook,
  fakeWebhook,
  nextSeq,
  query,
  robotTextXml,
  type SignedCallback,
  signCallback,
  waitFor,
  within,
} from './helpers.js';

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/wecom/callbacks.json', import.meta.url), 'utf8'),
) as FixtureFile;
const official = JSON.parse(
  readFileSync(new URL('../fixtures/wecom/official-vectors.json', import.meta.url), 'utf8'),
) as {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  verifyUrl: { msg_signature: string; timestamp: string; nonce: string; echostr: string };
};

const PATH = '/wecom/callback';
const GROUP_KEY = 'a7c1e9d2-5b3f-4c8a-9e6d-2f4b8a1c7e53';
const DEFAULT_KEY = 'd41d8cd9-8f00-4b20-9e98-00998ecf8427';
const crypto = new WecomCrypto(FIXTURE_CONFIG);

interface Harness {
  bot: WecomBot;
  fake: FakeWebhook;
  logs: CapturedLogs;
  metrics: Metrics;
  base: string;
  server: Server;
  acks: number[];
}

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.bot.stop();
    await new Promise<void>((resolve) => h.server.close(() => resolve()));
    await h.fake.close();
  }
});

async function harness(
  options: {
    now?: () => number;
    config?: Partial<WecomConfig> | ((fake: FakeWebhook) => Partial<WecomConfig>);
    callback?: WecomConfig['callback'];
    store?: MemoryStore;
  } = {},
): Promise<Harness> {
  const fake = await fakeWebhook();
  const logs = captureLogs();
  const metrics = createMetrics();
  const config: WecomConfig = {
    lang: 'en',
    webhookUrl: fake.url(DEFAULT_KEY),
    callback: options.callback ?? { ...FIXTURE_CONFIG, path: PATH },
    ...(typeof options.config === 'function' ? options.config(fake) : options.config),
  };
  const bot = createWecomBot({
    config,
    store: options.store ?? new MemoryStore(),
    logger: logs.logger,
    metrics,
    maxInputBytes: 1_048_576,
    minIntervalMs: 0,
    ...(options.now && { now: options.now }),
  });
  // Records when each callback answer was handed to the socket, to order it against the webhook's requests.
  const acks: number[] = [];
  const routes = bot.routes.map((r) => ({
    ...r,
    handler: (req: IncomingMessage, res: ServerResponse, url: URL) => {
      res.on('finish', () => acks.push(nextSeq()));
      return r.handler(req, res, url);
    },
  }));
  const server = createHttpServer(routes, logs.logger);
  const port = await listen(server, 0, '127.0.0.1');
  const h = { bot, fake, logs, metrics, base: `http://127.0.0.1:${port}${PATH}`, server, acks };
  open.push(h);
  return h;
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

function callback(
  h: Harness,
  content: string,
  extra: Partial<Parameters<typeof robotTextXml>[0]> = {},
): SignedCallback {
  const xml = robotTextXml({ webhookUrl: h.fake.url(GROUP_KEY), content, msgId: randomUUID(), ...extra });
  return signCallback(crypto, xml, { timestamp: nowSeconds(), nonce: String(Math.floor(Math.random() * 1e9)) });
}

async function post(h: Harness, c: SignedCallback, body = c.body): Promise<{ status: number; text: string }> {
  const res = await fetch(`${h.base}?${query(c)}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  const text = await res.text();
  return { status: res.status, text };
}

async function dropped(h: Harness, reason: string): Promise<number> {
  const m = await h.metrics.eventsDropped.get();
  return m.values.find((v) => v.labels.reason === reason && v.labels.platform === 'wecom')?.value ?? 0;
}

/** Posts a genuine question from `barrier` and waits for its answer: whatever came before was handled. */
async function barrier(h: Harness): Promise<void> {
  const before = h.fake.received.length;
  expect((await post(h, callback(h, '@msdk -303', { userId: 'barrier' }))).status).toBe(200);
  await waitFor(() => h.fake.received.slice(before).some((r) => contentOf(r.body).includes('<@barrier>')));
}

function expectNoSecretsLogged(h: Harness): void {
  const text = h.logs.text();
  expect(text.length).toBeGreaterThan(0);
  for (const secret of [
    FIXTURE_CONFIG.token,
    FIXTURE_CONFIG.encodingAesKey,
    GROUP_KEY,
    DEFAULT_KEY,
    FIXTURE_WEBHOOK_KEY,
  ]) {
    expect(text).not.toContain(secret);
  }
}

describe('URL verification (GET)', () => {
  it("answers the decrypted echostr of Tencent's sample, as plain text without a newline", async () => {
    const h = await harness({
      callback: {
        token: official.token,
        encodingAesKey: official.encodingAesKey,
        receiveId: official.receiveId,
        path: PATH,
      },
    });
    const v = official.verifyUrl;
    const qs = new URLSearchParams({
      msg_signature: v.msg_signature,
      timestamp: v.timestamp,
      nonce: v.nonce,
      echostr: v.echostr,
    });
    const res = await fetch(`${h.base}?${qs}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');

    qs.set('msg_signature', '0'.repeat(40));
    const forged = await fetch(`${h.base}?${qs}`);
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('');
    expect(await dropped(h, 'forged')).toBe(1);
  });

  it('copes with an echostr whose "+" arrived unencoded', async () => {
    const h = await harness({
      callback: {
        token: official.token,
        encodingAesKey: official.encodingAesKey,
        receiveId: official.receiveId,
        path: PATH,
      },
    });
    const v = official.verifyUrl;
    expect(v.echostr).toContain('+');
    const res = await fetch(
      `${h.base}?msg_signature=${v.msg_signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr}`,
    );
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('refuses a verification without echostr', async () => {
    const h = await harness();
    expect((await fetch(`${h.base}?msg_signature=x&timestamp=1&nonce=2`)).status).toBe(400);
  });
});

describe('a group robot callback', () => {
  it('acknowledges at once, then posts the explanation to the chat, mentioning the sender', async () => {
    const h = await harness();
    let release!: () => void;
    h.fake.script({ until: new Promise<void>((r) => (release = r)) });

    const res = await post(h, callback(h, ASK_40001));
    expect(res).toMatchObject({ status: 200, text: '' });
    // The answer went out before the reply was sent, and did not wait for it: the webhook is still holding it.
    const [sent] = await waitFor(() => (h.fake.received.length === 1 ? h.fake.received : undefined));
    expect(h.acks).toHaveLength(1);
    expect(h.acks[0]!).toBeLessThan(sent!.seq);
    release();

    expect(sent!.key).toBe(GROUP_KEY);
    expect(sent!.body.msgtype).toBe('markdown');
    const md = contentOf(sent!.body);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4096);
    expect(md.startsWith('<@zhangsan>\n')).toBe(true);
    expect(md).toContain('`40001`');
    expect(md).toContain('WeChat platform, via MSDK logic layer -20000');
    const row = defaultCatalog()
      .lookup(40001)
      .find((r) => r.table === 'wechat')!;
    expect(md).toContain(row.en.meaning);
    expect(md).toContain(`${ACTION_MARKER.reauthorize} ${defaultCatalog().actionLabel('reauthorize', 'en')}`);

    const scanned = await h.metrics.messagesScanned.get();
    expect(scanned.values.find((v) => v.labels.platform === 'wecom')?.value).toBe(1);
    const findings = await h.metrics.findings.get();
    expect(findings.values.find((v) => v.labels.table === 'wechat' && v.labels.action === 'reauthorize')?.value).toBe(
      1,
    );
    await waitFor(async () => {
      const replies = await h.metrics.replies.get();
      return replies.values.find((v) => v.labels.platform === 'wecom' && v.labels.outcome === 'posted')?.value === 1;
    });
    expectNoSecretsLogged(h);
  });

  it('answers a message delivered twice (same MsgId) once', async () => {
    const h = await harness();
    const msgId = randomUUID();
    const first = callback(h, ASK_40001, { msgId });
    const again = callback(h, ASK_40001, { msgId }); // WeCom's retry: same message, new envelope
    expect((await post(h, first)).status).toBe(200);
    expect((await post(h, again)).status).toBe(200);
    expect((await post(h, first)).status).toBe(200);
    await barrier(h);
    expect(h.fake.received.filter((r) => contentOf(r.body).includes('`40001`'))).toHaveLength(1);
    expect(await dropped(h, 'duplicate')).toBe(2);
  });

  it('explains a bare code in a one-to-one chat, stays quiet about chatter overheard in a group', async () => {
    const h = await harness();
    await post(h, callback(h, 'lunch at noon? 40001 people are coming', { chatType: 'group' }));
    await post(h, callback(h, '-303', { chatType: 'single', userId: 'wangwu' }));
    await waitFor(() => h.fake.received.some((r) => contentOf(r.body).includes('<@wangwu>')));
    await barrier(h);
    expect(h.fake.received).toHaveLength(2);
    expect(contentOf(h.fake.received[0]!.body)).toContain('`-303`');
  });

  it('in a group, still reports an error response pasted without a mention (scan mode)', async () => {
    const h = await harness();
    await post(h, callback(h, 'look: {"ret":-20000,"msg":"40001,invalid credential"}', { userId: 'zhaoliu' }));
    await waitFor(() =>
      h.fake.received.some((r) => contentOf(r.body).includes('<@zhaoliu>') && contentOf(r.body).includes('`40001`')),
    );
  });

  it('does not follow a WebhookUrl outside WeCom', async () => {
    const h = await harness();
    await post(h, callback(h, ASK_40001, { webhookUrl: 'http://127.0.0.2:9/cgi-bin/webhook/send?key=stolen' }));
    await barrier(h);
    expect(h.fake.received).toHaveLength(1);
    expect(await dropped(h, 'webhook_origin')).toBe(1);
  });
});

describe('a private WeCom deployment', () => {
  it('follows WebhookUrls on its own API host (WECOM_API_URL), with no default webhook configured', async () => {
    const h = await harness({ config: (fake) => ({ webhookUrl: undefined, apiUrl: fake.origin }) });
    await post(h, callback(h, ASK_40001));
    await waitFor(() => h.fake.delivered().find((r) => r.key === GROUP_KEY));
    expect(await dropped(h, 'webhook_origin')).toBe(0);
  });

  it('without it, the same WebhookUrl is not followed', async () => {
    const h = await harness({ config: { webhookUrl: undefined } });
    await post(h, callback(h, ASK_40001));
    await waitFor(async () => (await dropped(h, 'webhook_origin')) === 1);
    expect(h.fake.received).toEqual([]);
  });
});

describe('refused callbacks', () => {
  it('stale, forged, tampered, wrong receive id, oversized or malformed: refused, never answered, no secret logged', async () => {
    const h = await harness();
    const ok = () => callback(h, ASK_40001);
    const results: Array<[string, number]> = [];
    const attempt = async (name: string, c: SignedCallback, body?: string) =>
      results.push([name, (await post(h, c, body)).status]);

    // Replay of an old message: correctly signed, but 301 s old.
    const old = signCallback(
      crypto,
      robotTextXml({ webhookUrl: h.fake.url(GROUP_KEY), content: ASK_40001, msgId: 'old' }),
      {
        timestamp: String(Math.floor(Date.now() / 1000) - 301),
        nonce: '1',
      },
    );
    await attempt('stale', old);
    await attempt('forged', { ...ok(), msg_signature: 'f'.repeat(40) });

    // Tampered ciphertext, once as is (signature breaks) and once re-signed by someone holding the token only.
    const t = ok();
    const encrypt = /<!\[CDATA\[([A-Za-z0-9+/=]{40,})\]\]>/.exec(t.body)![1]!;
    const raw = Buffer.from(encrypt, 'base64');
    raw[0] = raw[0]! ^ 0x80;
    const tampered = raw.toString('base64');
    await attempt('tampered', t, t.body.replace(encrypt, tampered));
    await attempt(
      'tampered, re-signed',
      { ...t, msg_signature: crypto.signature(t.timestamp, t.nonce, tampered) },
      t.body.replace(encrypt, tampered),
    );

    const xml = robotTextXml({ webhookUrl: h.fake.url(GROUP_KEY), content: ASK_40001, msgId: 'rid' });
    await attempt(
      'receive id',
      signCallback(crypto, xml, { timestamp: nowSeconds(), nonce: '2', receiveId: 'wwSomeOtherCorp' }),
    );

    const big = ok();
    await attempt('100 KB', big, big.body.replace('</xml>', `<Pad>${'A'.repeat(100 * 1024)}</Pad></xml>`));
    await attempt('not XML', ok(), 'this is { not xml');
    await attempt('DOCTYPE', ok(), '<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>');
    await attempt(
      'inner not XML',
      signCallback(crypto, 'plain text, not xml <', { timestamp: nowSeconds(), nonce: '3' }),
    );
    await attempt('no Encrypt', ok(), '<xml><ToUserName>x</ToUserName></xml>');

    expect(Object.fromEntries(results)).toEqual({
      stale: 401,
      forged: 401,
      tampered: 401,
      'tampered, re-signed': 401,
      'receive id': 401,
      '100 KB': 413,
      'not XML': 400,
      DOCTYPE: 400,
      'inner not XML': 400,
      'no Encrypt': 400,
    });
    expect(await dropped(h, 'stale')).toBe(1);
    expect(await dropped(h, 'forged')).toBe(2);
    expect(await dropped(h, 'decrypt')).toBe(1);
    expect(await dropped(h, 'receive_id')).toBe(1);
    expect(await dropped(h, 'oversized')).toBe(1);
    expect(await dropped(h, 'malformed')).toBe(4);

    await barrier(h);
    expect(h.fake.received).toHaveLength(1); // the barrier's answer only
    expect(h.logs.entries().filter((e) => e.msg === 'wecom callback refused')).toHaveLength(10);
    expectNoSecretsLogged(h);
  });

  it('a crafted 64 KB unsigned envelope is refused on its signature, before any XML is parsed (issue #23)', async () => {
    const h = await harness();
    const c = callback(h, '@msdk -303');
    const encrypt = `<Encrypt><![CDATA[${'QUFB'.repeat(8)}]]></Encrypt>`;
    // What an XML parser would refuse (too deep, a DOCTYPE) or chew on (thousands of elements), around an <Encrypt>.
    const fill = (unit: string) => unit.repeat(Math.floor((63 * 1024) / unit.length));
    const bodies = [
      `<xml>${fill('<a>')}${encrypt}</xml>`,
      `<!DOCTYPE xml [<!ENTITY e "x">]><xml>${encrypt}${fill('<Item a="1"><V>&e;</V></Item>')}</xml>`,
      `<xml>${fill('<Item a="1" b="2"><V>x</V></Item>')}${encrypt}</xml>`,
    ];
    for (const body of bodies) {
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(64 * 1024);
      // 401 forged: the signature was checked; a parse would have answered 400 malformed first.
      expect((await post(h, c, body)).status).toBe(401);
    }
    expect(await dropped(h, 'forged')).toBe(bodies.length);
    expect(await dropped(h, 'malformed')).toBe(0);
  });

  it('deeply nested or malformed XML, unsigned: 400 and one warn line each, never a 500 or a stack', async () => {
    const h = await harness();
    const c = callback(h, '@msdk -303');
    const bodies = [
      `<xml>${'<a>'.repeat(7_000)}${'</a>'.repeat(7_000)}</xml>`, // well-formed, 7,000 deep
      `${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}`.slice(0, 60_000),
      `<xml>${'<a>'.repeat(20)}x${'</a>'.repeat(20)}</xml>`,
      `<xml>${'<a>'.repeat(20_000)}`,
      '<xml><Encrypt><![CDATA[abc]]></Encrypt',
    ];
    for (const body of bodies) expect((await post(h, c, body)).status).toBe(400);
    const entries = h.logs.entries();
    expect(entries.filter((e) => e.msg === 'wecom callback refused' && e.level === 40)).toHaveLength(bodies.length);
    expect(entries.filter((e) => Number(e.level) >= 50)).toEqual([]);
    expect(h.logs.text()).not.toContain('"stack"');
    expect(await dropped(h, 'malformed')).toBe(bodies.length);
  });

  it('refuses an oversized body sent without Content-Length (chunked) with 413, not a reset', async () => {
    const h = await harness();
    const c = callback(h, ASK_40001);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${h.base}?${query(c)}`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('A'.repeat(10 * 1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('refuses a callback with missing parameters', async () => {
    const h = await harness();
    const res = await fetch(`${h.base}?timestamp=${nowSeconds()}&nonce=1`, { method: 'POST', body: '<xml/>' });
    expect(res.status).toBe(400);
  });
});

describe('what a person wrote is text, whatever it looks like', () => {
  it('a pasted HTML error page (<!DOCTYPE html>, <!ENTITY>) inside the message is answered', async () => {
    const h = await harness();
    const page = '@msdk <!DOCTYPE html><html><!ENTITY x "y"><body>{"ret":-303}</body></html>';
    expect((await post(h, callback(h, page))).status).toBe(200);
    const reply = await waitFor(() => h.fake.received[0], 'the answer');
    expect(contentOf(reply.body)).toContain('-303');
  });

  it('a sender whose UserId is all or @all is never turned into a mention of everyone, in markdown or text', async () => {
    const h = await harness();
    h.fake.script({ errcode: 40008 }); // the markdown is refused: the text fallback carries mentioned_list
    for (const userId of ['all', '@all', 'ALL']) {
      expect((await post(h, callback(h, '@msdk -303', { userId }))).status).toBe(200);
    }
    await waitFor(() => h.fake.delivered().length === 3, 'three answers');
    for (const r of h.fake.received) {
      expect(r.raw).not.toMatch(/@all|<@ALL>/i);
      expect(contentOf(r.body)).toContain('-303');
    }
    expect(h.fake.received.some((r) => r.body.msgtype === 'text')).toBe(true);
  });
});

describe('stripWecomMention', () => {
  it.each([
    ['@msdk 40001', '40001', true],
    ['@MSDK机器人\u2005{"ret":-303}', '{"ret":-303}', true],
    ['  @msdk\n-303 ', '-303 ', true],
    ['no mention -303', 'no mention -303', false],
    ['@msdk', '', true],
  ])('%j', (content, text, mentioned) => {
    expect(stripWecomMention(content)).toEqual({ text, mentioned });
  });
});

describe('committed fixtures (real ciphertext)', () => {
  const fixedNow = () => Number(FIXTURE_TIMESTAMP) * 1000 + 2000;

  it('parses the group robot message', () => {
    const f = fixtures.robotText!;
    expect(parseInbound(parseXmlRoot(f.plaintext)!)).toEqual({
      shape: 'robot',
      msgType: 'text',
      msgId: 'CAIQg/u4xQYYy+2G8ZSAgAMgHA==',
      content: ASK_40001,
      userId: 'zhangsan',
      chatType: 'group',
      chatId: 'wrkSFfCgAAtMQKg4xqDatM5C9IeU9Ng',
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${FIXTURE_WEBHOOK_KEY}`,
    });
  });

  it('answers a self-built app message (no WebhookUrl) in the default group, mentioning the sender', async () => {
    const h = await harness({ now: fixedNow });
    expect((await post(h, fixtures.appText!)).status).toBe(200);
    const [sent] = await waitFor(() => (h.fake.received.length > 0 ? h.fake.received : undefined));
    expect(sent!.key).toBe(DEFAULT_KEY);
    expect(contentOf(sent!.body)).toMatch(/^<@lisi>\n### 🔑 `40001`/);
  });

  it('ignores a non-text message politely', async () => {
    const h = await harness({ now: fixedNow });
    expect(await post(h, fixtures.robotImage!)).toMatchObject({ status: 200, text: '' });
    await waitFor(async () => (await dropped(h, 'non_text')) === 1);
    expect(h.fake.received).toHaveLength(0);
  });

  it('the same fixture is stale for a bot living at another time', async () => {
    const h = await harness();
    expect((await post(h, fixtures.appText!)).status).toBe(401);
  });

  it('drops politely when there is nowhere to answer', async () => {
    const h = await harness({ now: fixedNow, config: { webhookUrl: undefined } });
    expect((await post(h, fixtures.appText!)).status).toBe(200);
    await waitFor(async () => (await dropped(h, 'no_webhook')) === 1);
    expect(h.fake.received).toHaveLength(0);
  });
});

describe('notify, stop and ready', () => {
  it('notify scans a log and sends what it finds to the default webhook; nothing found, nothing sent', async () => {
    const h = await harness();
    expect(await h.bot.notify('all quiet, lunch at noon')).toEqual({ findings: 0, sent: false });
    expect(h.fake.received).toHaveLength(0);
    const log = '2024-05-01 12:00:00 ERROR login failed {"ret":-20000,"msg":"40001,invalid credential"}';
    expect(await h.bot.notify(log)).toEqual({ findings: 1, sent: true });
    expect(h.fake.received).toHaveLength(1);
    expect(h.fake.received[0]!.key).toBe(DEFAULT_KEY);
    expect(contentOf(h.fake.received[0]!.body)).toMatch(/^### 🔑 `40001`/);
  });

  it('notify reports a send that failed', async () => {
    const h = await harness();
    h.fake.script({ errcode: 93000 });
    expect(await h.bot.notify('{"ret":-20000,"msg":"40001,invalid credential"}')).toEqual({ findings: 1, sent: false });
  });

  it('stop() finishes queued replies, then refuses new callbacks with 503 and reports not ready', async () => {
    const h = await harness();
    expect(h.bot.ready()).toBe(true);
    await post(h, callback(h, ASK_40001));
    await h.bot.stop();
    expect(h.fake.delivered()).toHaveLength(1);
    expect(h.bot.ready()).toBe(false);
    expect((await post(h, callback(h, ASK_40001))).status).toBe(503);
    expect(await dropped(h, 'shutting_down')).toBe(1);
  });

  it('stop() waits for a callback still claiming its MsgId, and answers it before returning', async () => {
    let claimed!: () => void;
    const claiming = new Promise<void>((resolve) => (claimed = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    class SlowClaimStore extends MemoryStore {
      override async claim(key: string, ttlSeconds: number): Promise<boolean> {
        claimed();
        await gate;
        return super.claim(key, ttlSeconds);
      }
    }
    const h = await harness({ store: new SlowClaimStore() });
    const answered = post(h, callback(h, ASK_40001));
    await claiming; // past the accepting() check, not yet acknowledged
    const stopped = h.bot.stop();
    setTimeout(release, 100);
    await stopped;
    expect((await answered).status).toBe(200);
    expect(h.fake.delivered()).toHaveLength(1);
    expect(contentOf(h.fake.delivered()[0]!.body)).toContain('`40001`');
  });

  it('stop(budget) ends when the budget does, logging a reply stuck behind 45009 as lost', async () => {
    const h = await harness();
    h.fake.script({ errcode: 45009 }); // the default wait is until the next minute
    expect((await post(h, callback(h, ASK_40001))).status).toBe(200);
    await waitFor(() => h.fake.received.length === 1, 'the first attempt');
    const started = Date.now();
    await within(h.bot.stop(AbortSignal.timeout(200)), 2000, 'stop(budget)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const lost = h.logs.entries().filter((e) => e.msg === 'wecom message lost: could not be sent');
    expect(lost.map((e) => e.reason)).toEqual(['shutdown']);
    expect(h.fake.delivered()).toEqual([]);
  });

  it('has no routes without a callback configuration', () => {
    const bot = createWecomBot({
      config: { lang: 'ko' },
      store: new MemoryStore(),
      logger: captureLogs().logger,
      metrics: createMetrics(),
      maxInputBytes: 1000,
    });
    expect(bot.routes).toEqual([]);
  });
});
