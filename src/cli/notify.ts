import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../server/metrics.js';
import { MemoryStore } from '../store/memory.js';
import { createWecomBot } from '../wecom/index.js';

/** `msdk notify --wecom`: scan a log and send what it finds to the configured WeCom group. */
export async function notifyWecom(text: string, env: NodeJS.ProcessEnv): Promise<string> {
  const config = loadConfig(env);
  if (!config.wecom?.webhookUrl) throw new UsageError('set WECOM_WEBHOOK_URL or WECOM_WEBHOOK_KEY to notify a WeCom group');
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
    const result = await bot.notify(text);
    if (result.findings === 0) return 'no MSDK error found: nothing sent';
    return result.sent ? `sent ${result.findings} finding(s) to WeCom` : `could not send ${result.findings} finding(s) to WeCom`;
  } finally {
    await bot.stop();
    await store.close();
  }
}
