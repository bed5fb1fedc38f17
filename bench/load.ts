/**
 * `npm run bench:load` (issue #23): the bot (`node dist/src/main.js`, Slack HTTP mode, a real
 * redis-server) and a bare Bolt app (baseline-bolt.ts) under the same open-loop load, same run:
 * signed `message` events carrying a pasted MSDK error, 50 channels, 200 users, at each rate.
 * Open loop: events go out on schedule whether or not earlier ones were acked, so a slow ack shows
 * as ack latency (measured from the scheduled send) instead of slowing the load down.
 *
 *   node dist/bench/load.js [--rates 100,200,500,1000] [--seconds 12] [--no-flood] [--no-write]
 *
 * Writes its report into bench/RESULTS.md between the `load` markers (the rest of the file is
 * `npm run bench`'s), unless --no-write.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchRedis, Child, childEnv, commandDelta, cpuMs, FakeSlack, freePort, sleep } from './load-parts.js';
import { mib, procRss, rssSampler } from './memory.js';
import { fmt, type Summary, summarize } from './stats.js';
import { renderSection, type Section } from './table.js';

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '100,200,500,1000' },
    seconds: { type: 'string', default: '12' },
    'flood-rate': { type: 'string', default: '200' },
    'no-flood': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const RATES = args.rates.split(',').map(Number);
const SECONDS = Number(args.seconds);
const FLOOD_RATE = Number(args['flood-rate']);

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-0000-0000-benchtoken';
const WECOM_TOKEN = 'benchtoken';
const WECOM_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const TEAM = 'T1';
/**
 * At least 50 channels (issue #23), and at least 2 per event a second: the bot paces its replies to
 * Slack's one message a second per channel (src/slack/pacing.ts), so 500 ev/s into 50 channels
 * would measure that rule (10 a second per channel: 9 of 10 replies held back), not the bot.
 */
const MIN_CHANNELS = 50;
const channelsFor = (rate: number) => Math.max(MIN_CHANNELS, 2 * rate);
/** The channels of the row being sent (set by runLoad). */
let channels = MIN_CHANNELS;
const USERS = 200;
/** After the load, replies still in flight are waited for this long at most. */
const DRAIN_MS = 8_000;
/** Slack's deadline: an event not acked within it is retried, and repeated misses turn events off. */
const SLACK_ACK_DEADLINE_MS = 3_000;
const ACK_TIMEOUT_MS = 15_000;
/** Unsigned WeCom bodies per second in the flood row, each just under the callback's 64 KB limit. */
const WECOM_FLOOD_PER_S = 50;

/** The pasted response of issue #23, as Slack sends it: text plus rich-text blocks. */
const CODE = '{"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2}';
const TEXT = `login fails again:\n\`\`\`${CODE}\`\`\``;
const BLOCKS = [
  {
    type: 'rich_text',
    block_id: 'Xy7kq',
    elements: [
      { type: 'rich_text_section', elements: [{ type: 'text', text: 'login fails again:\n' }] },
      { type: 'rich_text_preformatted', border: 0, elements: [{ type: 'text', text: CODE }] },
    ],
  },
];

let seq = 0;
function nextEvent(): { ts: string; body: string; headers: Record<string, string> } {
  seq++;
  const ts = `${1_700_000_000 + Math.floor(seq / 1e6)}.${String(seq % 1e6).padStart(6, '0')}`;
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${ts.replace('.', '')}`,
    event_time: now,
    authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
    event: {
      type: 'message',
      channel: `C${String(seq % channels).padStart(5, '0')}`,
      channel_type: 'channel',
      user: `U${String((seq * 7) % USERS).padStart(4, '0')}`,
      team: TEAM,
      text: TEXT,
      blocks: BLOCKS,
      ts,
      event_ts: ts,
    },
  });
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${now}:${body}`).digest('hex')}`;
  return {
    ts,
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': signature,
    },
  };
}

/** A body shaped like a callback envelope, 64 KB of elements, with a signature that cannot match. */
function unsignedWecomBody(): string {
  const head = '<xml><ToUserName><![CDATA[ww0000]]></ToUserName>';
  const tail = '<Encrypt><![CDATA[AAAA]]></Encrypt><AgentID>1</AgentID></xml>';
  const unit = '<Item a="1" b="2"><V>x</V></Item>';
  const n = Math.floor((64 * 1024 - 64 - head.length - tail.length) / unit.length);
  return head + unit.repeat(n) + tail;
}

interface RunResult {
  /** Raw latencies (ms), kept so alternating windows can be merged. */
  ackSamples: number[];
  replySamples: number[];
  sent: number;
  ack: Summary;
  acksLate: number;
  ackErrors: number;
  reply: Summary;
  replied: number;
  lost: number;
  duplicates: number;
  commands?: Map<string, number>;
  /** The load generator's own event-loop delay over the row, max, ms (late sends inflate every latency). */
  generatorMaxMs: number;
  /** The bot's event-loop delay over the row (prom-client's histogram, reset by each scrape), ms. */
  loopMaxMs?: number;
  cpuMs?: number;
  peakRss?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 128 });

/** One POST; resolves with its latency from `scheduledAt` (ms), or undefined when it failed. */
function post(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
  scheduledAt: number,
): Promise<{ ms: number; ok: boolean } | undefined> {
  return new Promise((resolve) => {
    const req = request({ agent, host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve({ ms: performance.now() - scheduledAt, ok: (res.statusCode ?? 0) < 300 }));
      res.once('error', () => resolve(undefined));
    });
    req.setTimeout(ACK_TIMEOUT_MS, () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end(body);
  });
}

/** Calls `send(i, scheduledAt)` `rate` times a second for `seconds`, on schedule (open loop). */
async function openLoop(rate: number, seconds: number, send: (scheduledAt: number) => void): Promise<void> {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let i = 0;
  while (i < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; i < due; i++) send(start + (i * 1000) / rate);
    await sleep(2);
  }
}

async function runLoad(
  fake: FakeSlack,
  target: Child,
  rate: number,
  seconds: number,
  redis?: BenchRedis,
  flood = false,
): Promise<RunResult> {
  channels = channelsFor(rate);
  const sends = new Map<string, number>();
  const acks: Promise<{ ms: number; ok: boolean } | undefined>[] = [];
  const dupBefore = fake.duplicates;
  const commandsBefore = redis && (await redis.commandCalls());
  if (redis) await loopLagMaxMs(target); // resets the histogram
  const cpuBefore = cpuMs(target.pid);
  const sampler = rssSampler(() => procRss(target.pid));
  const generatorLag = monitorEventLoopDelay({ resolution: 10 });
  generatorLag.enable();
  const floodBody = flood ? unsignedWecomBody() : '';
  const floodDone = flood
    ? openLoop(WECOM_FLOOD_PER_S, seconds, (at) => {
        const ts = String(Math.floor(Date.now() / 1000));
        const path = `/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=bench${Math.round(at)}`;
        void post(
          target.port,
          path,
          { 'content-type': 'text/xml', 'content-length': String(floodBody.length) },
          floodBody,
          at,
        );
      })
    : Promise.resolve();
  await openLoop(rate, seconds, (at) => {
    const e = nextEvent();
    sends.set(e.ts, at);
    acks.push(post(target.port, '/slack/events', e.headers, e.body, at));
  });
  await floodDone;
  generatorLag.disable();
  const ackResults = await Promise.all(acks);
  const deadline = performance.now() + DRAIN_MS;
  while (performance.now() < deadline && [...sends.keys()].some((ts) => !fake.arrivals.has(ts))) await sleep(20);
  await sleep(300); // late duplicates
  const peakRss = await sampler.stop();
  const cpuAfter = cpuMs(target.pid);

  const ackMs = ackResults.filter((r) => r?.ok).map((r) => r!.ms);
  const replyMs: number[] = [];
  for (const [ts, at] of sends) {
    const arrived = fake.arrivals.get(ts);
    if (arrived !== undefined) replyMs.push(arrived - at);
  }
  const result: RunResult = {
    ackSamples: ackMs,
    replySamples: replyMs,
    sent: sends.size,
    ack: summarize(ackMs),
    acksLate: ackMs.filter((ms) => ms > SLACK_ACK_DEADLINE_MS).length,
    ackErrors: ackResults.length - ackMs.length,
    reply: summarize(replyMs),
    replied: replyMs.length,
    lost: sends.size - replyMs.length,
    duplicates: fake.duplicates - dupBefore,
    generatorMaxMs: generatorLag.max / 1e6,
  };
  if (peakRss !== undefined) result.peakRss = peakRss;
  if (cpuBefore !== undefined && cpuAfter !== undefined) result.cpuMs = cpuAfter - cpuBefore;
  if (redis && commandsBefore) result.commands = commandDelta(commandsBefore, await redis.commandCalls());
  if (redis) result.loopMaxMs = await loopLagMaxMs(target);
  return result;
}

/** `nodejs_eventloop_lag_max_seconds` of the bot since the last scrape, in ms. */
async function loopLagMaxMs(target: Child): Promise<number | undefined> {
  try {
    const body = await (await fetch(target.url('/metrics'))).text();
    const v = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(body)?.[1];
    return v === undefined ? undefined : Number(v) * 1000;
  } catch {
    return undefined;
  }
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Several windows of the same condition as one result. */
function merge(runs: readonly RunResult[]): RunResult {
  const ackSamples = runs.flatMap((r) => r.ackSamples);
  const replySamples = runs.flatMap((r) => r.replySamples);
  const total = (f: (r: RunResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  return {
    ackSamples,
    replySamples,
    sent: total((r) => r.sent),
    ack: summarize(ackSamples),
    acksLate: total((r) => r.acksLate),
    ackErrors: total((r) => r.ackErrors),
    reply: summarize(replySamples),
    replied: total((r) => r.replied),
    lost: total((r) => r.lost),
    duplicates: total((r) => r.duplicates),
    generatorMaxMs: Math.max(...runs.map((r) => r.generatorMaxMs)),
    cpuMs: total((r) => r.cpuMs ?? 0),
    peakRss: Math.max(...runs.map((r) => r.peakRss ?? 0)),
  };
}

/** The flood comparison alternates short quiet and flooded windows, so the machine's other load hits both alike. */
const FLOOD_ROUNDS = 4;

async function main(): Promise<void> {
  const started = performance.now();
  const progress = (msg: string) =>
    process.stderr.write(`[bench:load ${fmt((performance.now() - started) / 1000)} s] ${msg}\n`);
  const redis = await BenchRedis.start();
  const fake = await new FakeSlack().start();
  const children: Child[] = [];
  try {
    const slackEnv = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
    };
    const botPort = await freePort();
    const botSpawned = performance.now();
    const bot = new Child(
      fileURLToPath(new URL('../src/main.js', import.meta.url)),
      childEnv({
        ...slackEnv,
        PORT: String(botPort),
        LOG_LEVEL: 'warn',
        SLACK_LANG: 'en',
        REDIS_URL: redis.url,
        WECOM_TOKEN,
        WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
        WECOM_API_URL: fake.url,
      }),
      botPort,
      // e.g. BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the bot under load
      process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean),
    );
    children.push(bot);
    const botReadyMs = await bot.waitFor('/readyz', (s) => s === 200, botSpawned);
    const boltPort = await freePort();
    const boltSpawned = performance.now();
    const bolt = new Child(
      fileURLToPath(new URL('./baseline-bolt.js', import.meta.url)),
      childEnv({ ...slackEnv, PORT: String(boltPort) }),
      boltPort,
    );
    children.push(bolt);
    const boltReadyMs = await bolt.waitFor('/', () => true, boltSpawned);
    const idleRss = { bot: procRss(bot.pid), bolt: procRss(bolt.pid) };
    progress(`bot ready in ${fmt(botReadyMs, 0)} ms, bare Bolt in ${fmt(boltReadyMs, 0)} ms; redis on ${redis.port}`);

    // No warm-up of the apps: the first seconds after /readyz are part of what is measured. The
    // load generator warms up alone (its signing and sending compiled), so neither app pays for it.
    progress('load generator warm-up (2 s into a sink)');
    const sink = createServer((req, res) => {
      req.resume();
      req.once('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    await openLoop(300, 2, (at) => {
      const e = nextEvent();
      void post((sink.address() as AddressInfo).port, '/slack/events', e.headers, e.body, at);
    });
    await sleep(500);
    sink.closeAllConnections();
    sink.close();
    const results = new Map<string, RunResult>();
    for (const rate of RATES) {
      progress(`msdk-bot, ${SECONDS} s at ${rate} ev/s`);
      results.set(`bot@${rate}`, await runLoad(fake, bot, rate, SECONDS, redis));
      progress(`bare Bolt, ${SECONDS} s at ${rate} ev/s`);
      results.set(`bolt@${rate}`, await runLoad(fake, bolt, rate, SECONDS));
    }
    if (!args['no-flood']) {
      progress(
        `msdk-bot, ${SECONDS} s at ${FLOOD_RATE} ev/s, without and then with ${WECOM_FLOOD_PER_S} unsigned 64 KB WeCom bodies/s`,
      );
      const quiet: RunResult[] = [];
      const flood: RunResult[] = [];
      const window = Math.max(2, Math.round(SECONDS / FLOOD_ROUNDS));
      for (let i = 0; i < FLOOD_ROUNDS; i++) {
        quiet.push(await runLoad(fake, bot, FLOOD_RATE, window, redis));
        flood.push(await runLoad(fake, bot, FLOOD_RATE, window, redis, true));
      }
      results.set('quiet', merge(quiet));
      results.set('flood', merge(flood));
    }
    const report = render(results, { botReadyMs, boltReadyMs, idleRss, started });
    process.stdout.write(`${report}\n`);
    if (!args['no-write']) writeResults(report);
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await fake.close();
    await redis.stop();
    agent.destroy();
  }
}

function render(
  results: Map<string, RunResult>,
  meta: {
    botReadyMs: number;
    boltReadyMs: number;
    idleRss: { bot?: number | undefined; bolt?: number | undefined };
    started: number;
  },
): string {
  const get = (key: string) => results.get(key)!;
  const ratio = (rate: number) => get(`bot@${rate}`).reply.p99 / get(`bolt@${rate}`).reply.p99;
  const rows = RATES.flatMap((rate) =>
    (['bot', 'bolt'] as const).map((app) => {
      const r = get(`${app}@${rate}`);
      const perMsg = (n: number | undefined) => (n === undefined ? '—' : fmt(n / r.sent, 2));
      return [
        app === 'bot' ? 'msdk-bot' : 'bare Bolt',
        String(rate),
        `${fmt(r.ack.p50, 1)} / ${fmt(r.ack.p99, 1)}`,
        `${r.acksLate} / ${r.ackErrors}`,
        `${fmt(r.reply.p50, 1)} / ${fmt(r.reply.p99, 1)}`,
        app === 'bot' ? `${fmt(ratio(rate), 2)}×` : '1.00×',
        `${r.lost} / ${r.duplicates}`,
        r.commands ? perMsg(sum(r.commands)) : '—',
        perMsg(r.cpuMs),
        fmt(mib(r.peakRss)),
      ];
    }),
  );
  const saturated = RATES.find((rate) => get(`bot@${rate}`).ack.p99 > 1000);
  const boltSaturated = RATES.find((rate) => get(`bolt@${rate}`).ack.p99 > 1000);
  const commandMix = RATES.map((rate) => {
    const r = get(`bot@${rate}`);
    const top = [...(r.commands ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .map(([cmd, n]) => `${cmd} ${fmt(n / r.sent, 2)}`)
      .join(', ');
    return `${rate} ev/s: ${top}`;
  }).join('; ');
  const goal = (rate: number, factor: number) => {
    const bot = results.get(`bot@${rate}`);
    if (!bot) return `${rate} ev/s not run`;
    const r = ratio(rate);
    const ok = bot.acksLate === 0 && bot.lost === 0 && bot.duplicates === 0 && r <= factor;
    return `${rate} ev/s: reply p99 ${fmt(r, 2)}× bare Bolt's (goal ≤ ${factor}×), ${bot.acksLate} acks over 3 s, ${bot.lost} lost, ${bot.duplicates} duplicated — ${ok ? 'met' : 'NOT met'}`;
  };
  const section: Section = {
    title: 'Load: msdk-bot vs bare Bolt, open loop',
    headers: [
      'app',
      'ev/s',
      'ack p50 / p99 (ms)',
      'acks > 3 s / failed',
      'reply p50 / p99 (ms)',
      'reply p99 vs Bolt',
      'lost / dup',
      'Redis cmds / msg',
      'CPU ms / msg',
      'peak RSS (MiB)',
    ],
    rows,
    notes: [
      `Each app in its own process, one after the other at each rate (${SECONDS} s each, no warm-up: the first seconds after \`/readyz\` count); ` +
        `the bot with a real redis-server (started by the bench, no persistence) and a WeCom callback configured; bare Bolt answers every message with one threaded "fixed".`,
      `Load: signed \`event_callback\` \`message\` events, a pasted \`${CODE}\` with rich-text blocks, max(${MIN_CHANNELS}, 2 × rate) channels (${RATES.map((r) => channelsFor(r)).join(', ')}: the bot keeps to Slack's one message a second per channel, \`src/slack/pacing.ts\`, so fewer channels would measure that rule, not the bot), ${USERS} users, unique event_id and ts; ` +
        'sent on schedule over keep-alive connections whether or not earlier ones were acked (open loop). Latencies are from the scheduled send: ' +
        `ack = the HTTP answer, reply = the threaded \`chat.postMessage\` reaching the fake Web API (waited for up to ${DRAIN_MS / 1000} s after the load).`,
      `Redis commands per message: \`INFO commandstats\` delta over the row / events sent. Mix: ${commandMix}.`,
      'CPU: user + system time of the app process (/proc/<pid>/stat) over the row / events sent; RSS: peak VmRSS sampled every 200 ms.',
      `The bot's own event-loop delay, max over each row (\`nodejs_eventloop_lag_max_seconds\`): ${RATES.map((rate) => `${fmt(get(`bot@${rate}`).loopMaxMs ?? Number.NaN, 0)} ms at ${rate} ev/s`).join(', ')}. ` +
        'An ack can only be late by this much inside the bot; the rest of a late ack is the machine. ' +
        `The load generator's own event-loop delay, max over each row (bot / Bolt): ${RATES.map((rate) => `${fmt(get(`bot@${rate}`).generatorMaxMs, 0)} / ${fmt(get(`bolt@${rate}`).generatorMaxMs, 0)} ms at ${rate} ev/s`).join(', ')}.`,
      `Start-up to ready: msdk-bot ${fmt(meta.botReadyMs, 0)} ms (\`/readyz\` 200), bare Bolt ${fmt(meta.boltReadyMs, 0)} ms; idle RSS ${fmt(mib(meta.idleRss.bot))} / ${fmt(mib(meta.idleRss.bolt))} MiB.`,
      `Saturation (ack p99 over 1 s): msdk-bot ${saturated ? `at ${saturated} ev/s` : `not reached up to ${Math.max(...RATES)} ev/s`}; bare Bolt ${boltSaturated ? `at ${boltSaturated} ev/s` : `not reached up to ${Math.max(...RATES)} ev/s`}.`,
      `Goals: ${goal(500, 5)}; ${goal(200, 3)}.`,
    ],
  };
  const sections = [section];
  const quiet = results.get('quiet');
  const flood = results.get('flood');
  if (quiet && flood) {
    const row = (name: string, r: RunResult) => [
      name,
      `${fmt(r.ack.p50, 1)} / ${fmt(r.ack.p99, 1)}`,
      `${r.acksLate} / ${r.ackErrors}`,
      `${fmt(r.reply.p50, 1)} / ${fmt(r.reply.p99, 1)}`,
      `${r.lost} / ${r.duplicates}`,
      r.cpuMs === undefined ? '—' : fmt(r.cpuMs / r.sent, 2),
    ];
    const delta = flood.ack.p99 - quiet.ack.p99;
    sections.push({
      title: 'Load: Slack acks while unsigned WeCom bodies arrive',
      headers: [
        'msdk-bot',
        'ack p50 / p99 (ms)',
        'acks > 3 s / failed',
        'reply p50 / p99 (ms)',
        'lost / dup',
        'CPU ms / Slack msg',
      ],
      rows: [
        row(`${FLOOD_RATE} ev/s`, quiet),
        row(`${FLOOD_RATE} ev/s + ${WECOM_FLOOD_PER_S} unsigned 64 KB WeCom bodies/s`, flood),
      ],
      notes: [
        `The WeCom bodies are envelopes of ${fmt(unsignedWecomBody().length / 1024)} KB of elements with a \`msg_signature\` that cannot match, posted on schedule to \`/wecom/callback\`. ` +
          `${FLOOD_ROUNDS} quiet and ${FLOOD_ROUNDS} flooded windows of ${Math.max(2, Math.round(SECONDS / FLOOD_ROUNDS))} s, alternating, each row their sum.`,
        `Slack ack p99 changed by ${fmt(delta, 1)} ms (goal: under 50 ms) — ${Math.abs(delta) < 50 ? 'met' : 'NOT met'}.`,
      ],
    });
  }
  const cpus = os.cpus();
  const header = [
    '# Load bench',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores; load average at the end ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(', ')} (shared with other work: numbers are noisy)`,
    `- Node: ${process.version}`,
    `- Command: \`npm run bench:load\` (\`node dist/bench/load.js${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\`)`,
    `- Total bench time: ${fmt((performance.now() - meta.started) / 1000)} s`,
  ].join('\n');
  return `${header}\n\n${sections.map(renderSection).join('\n\n')}`;
}

const START = '<!-- bench:load start -->';
const END = '<!-- bench:load end -->';

/** Replaces the load section of bench/RESULTS.md (appending it the first time). */
function writeResults(report: string): void {
  const path = fileURLToPath(new URL('../../bench/RESULTS.md', import.meta.url));
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const block = `${START}\n${report.replace(/^# /, '## ').replace(/\n## /g, '\n### ')}\n${END}`;
  const at = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    at >= 0 && end > at
      ? current.slice(0, at) + block + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
  process.stderr.write(`wrote ${path}\n`);
}

await main();
