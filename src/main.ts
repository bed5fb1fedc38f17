import 'dotenv/config';
import { configSecrets, loadConfig } from './config.js';
import { hasInput, runConsole } from './console/console.js';
import { defaultCatalog } from './core/index.js';
import { ConfigError, MsdkBotError } from './errors.js';
import { createLogger, registerSecrets } from './logger.js';
import { exitQuietlyOnClosedPipe } from './process.js';

async function main(): Promise<void> {
  exitQuietlyOnClosedPipe();
  const config = loadConfig();
  registerSecrets(configSecrets(config));
  defaultCatalog();
  if (!config.slack && !config.wecom) {
    // `docker run -d` with no settings: nobody can type, so say what to set instead of exiting 0.
    if (!process.stdin.isTTY && !(await hasInput(process.stdin))) {
      throw new ConfigError(
        'no Slack or WeCom settings and nothing on standard input: set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN or ' +
          'SLACK_SIGNING_SECRET), SLACK_CLIENT_ID and its companions for many workspaces, or WECOM_WEBHOOK_URL / WECOM_TOKEN (docs/configuration.md), or run it in a terminal for the console',
      );
    }
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      lang: config.lang,
      maxBytes: config.maxInputBytes,
    });
    return;
  }
  const logger = createLogger({ level: config.logLevel });
  // Loaded only when a platform is configured: the console needs neither Bolt nor axios.
  const { startBot } = await import('./app.js');
  if (config.slack) {
    const { checkSlackAtStartup } = await import('./slack/startup.js');
    await checkSlackAtStartup(config.slack, logger);
  }
  const bot = await startBot(config, logger);
  // Last line of defence (every known path handles its errors): log and keep serving.
  process.on('unhandledRejection', (err: unknown) => logger.error({ err }, 'unhandled promise rejection'));
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: no new events, finishing replies in flight');
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  // Configuration and catalog problems get one clear line, not a stack trace.
  process.stderr.write(
    `msdk-bot: ${err instanceof MsdkBotError ? err.message : String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
