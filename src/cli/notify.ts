import { pino } from 'pino';
import { loadConfig } from '../config.js';
import type { Analysis, Lang } from '../core/index.js';
import { UsageError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { createMetrics } from '../server/metrics.js';
import { MemoryStore } from '../store/memory.js';
import { createWecomBot } from '../wecom/index.js';

/**
 * `msdk notify --wecom`: scan a log (in the group's language, `WECOM_LANG`) and send what it finds
 * to the configured WeCom group. `ok` is false when findings could not be delivered, so a CI job
 * calling it fails; `message` then says why, in one line.
 */
export async function notifyWecom(
  scan: (lang: Lang) => Promise<Analysis>,
  env: NodeJS.ProcessEnv,
  stderr: (s: string) => void = () => undefined,
): Promise<{ ok: boolean; message: string }> {
  const config = loadConfig(env);
  if (!config.wecom?.webhookUrl)
    throw new UsageError('set WECOM_WEBHOOK_URL or WECOM_WEBHOOK_KEY to notify a WeCom group');
  const analysis = await scan(config.wecom.lang);
  const store = new MemoryStore();
  const { logger, lostReason } = notifyLogger(env.LOG_LEVEL ? config.logLevel : undefined, stderr);
  const bot = createWecomBot({
    config: config.wecom,
    store,
    logger,
    metrics: createMetrics(),
    maxInputBytes: config.maxInputBytes,
    minIntervalMs: 0,
  });
  try {
    const result = await bot.notify(analysis);
    if (result.findings === 0) return { ok: true, message: 'no MSDK error found: nothing sent' };
    if (result.sent) return { ok: true, message: `sent ${result.findings} finding(s) to WeCom` };
    const why = lostReason();
    return { ok: false, message: `could not send ${result.findings} finding(s) to WeCom${why ? `: ${why}` : ''}` };
  } finally {
    await bot.stop();
    await store.close();
  }
}

interface LostRecord {
  msg?: string;
  reason?: string;
  attempts?: number;
}

/**
 * The send's logger. stdout is the command's answer, so log lines never go there: they go to stderr
 * when LOG_LEVEL asks for them (`shown`), and otherwise nowhere. Lost messages are always kept, to
 * say in the failure line why the group did not get them.
 */
function notifyLogger(
  shown: string | undefined,
  stderr: (s: string) => void,
): { logger: Logger; lostReason: () => string } {
  const lost: LostRecord[] = [];
  const streams: pino.StreamEntry[] = [
    { level: 'error', stream: { write: (line: string) => void lost.push(JSON.parse(line) as LostRecord) } },
  ];
  if (shown && shown !== 'silent') streams.push({ level: shown as pino.Level, stream: { write: stderr } });
  const lowest = streams
    .map((s) => s.level ?? 'info')
    .sort((a, b) => pino.levels.values[a]! - pino.levels.values[b]!)[0];
  const logger = createLogger({ level: lowest ?? 'error', destination: pino.multistream(streams) });
  return {
    logger,
    lostReason: () => {
      const last = lost.filter((r) => r.reason).at(-1);
      if (!last?.reason) return '';
      return last.attempts && last.attempts > 1 ? `${last.reason} (after ${last.attempts} attempts)` : last.reason;
    },
  };
}
