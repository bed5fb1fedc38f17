import { loadConfig } from '../config.js';
import type { Analysis, Lang } from '../core/index.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../server/metrics.js';
import { MemoryStore } from '../store/memory.js';
import { createWecomBot } from '../wecom/index.js';

/**
 * `msdk notify --wecom`: scan a log (in the group's language, `WECOM_LANG`) and send what it finds
 * to the configured WeCom group. `ok` is false when findings could not be delivered, so a CI job
 * calling it fails.
 */
export async function notifyWecom(
  scan: (lang: Lang) => Promise<Analysis>,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; message: string }> {
  const config = loadConfig(env);
  if (!config.wecom?.webhookUrl)
    throw new UsageError('set WECOM_WEBHOOK_URL or WECOM_WEBHOOK_KEY to notify a WeCom group');
  const analysis = await scan(config.wecom.lang);
  const store = new MemoryStore();
  const bot = createWecomBot({
    config: config.wecom,
    store,
    logger: createLogger({ level: env.LOG_LEVEL ?? 'warn' }),
    metrics: createMetrics(),
    maxInputBytes: config.maxInputBytes,
    minIntervalMs: 0,
  });
  try {
    const result = await bot.notify(analysis);
    if (result.findings === 0) return { ok: true, message: 'no MSDK error found: nothing sent' };
    if (result.sent) return { ok: true, message: `sent ${result.findings} finding(s) to WeCom` };
    return { ok: false, message: `could not send ${result.findings} finding(s) to WeCom` };
  } finally {
    await bot.stop();
    await store.close();
  }
}
