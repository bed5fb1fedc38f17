/**
 * The shutdown budget is set once, by `startBot().stop(budgetMs)`, and reaches the adapters: a
 * WeCom reply that cannot go out in time is logged as lost before stop() returns, not after.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { waitFor } from '../helpers/wait.js';
import { type FakeWebhook, fakeWebhook } from '../wecom/helpers.js';

const KEY = 'budget-test-hook-5e1c';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function start(): Promise<{ bot: RunningBot; hook: FakeWebhook; logs: () => Array<Record<string, unknown>> }> {
  const hook = await fakeWebhook();
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  const bot = await startBot(loadConfig({ PORT: '0', WECOM_WEBHOOK_URL: hook.url(KEY), WECOM_LANG: 'en' }), logger);
  cleanups.push(async () => {
    await bot.stop();
    await hook.close();
  });
  return { bot, hook, logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the shutdown budget', () => {
  it('stop(budgetMs) gives WeCom that budget: a reply stuck behind 45009 is logged as lost when it ends', async () => {
    const { bot, hook, logs } = await start();
    hook.script({ errcode: 45009 }); // the queue would wait for the next minute
    const sent = bot.wecom!.notify('{"ret":-20000,"msg":"40001,invalid credential"}');
    await waitFor(() => hook.received.length === 1, 'the first attempt');

    const started = Date.now();
    await bot.stop(300);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2000);
    const lost = logs().filter((e) => e.msg === 'wecom message lost: could not be sent');
    expect(lost.map((e) => e.reason)).toEqual(['shutdown']);
    expect(await sent).toEqual({ findings: 1, sent: false });
    expect(hook.delivered()).toEqual([]);
  });
});
