/**
 * The e2e bench's baseline: the smallest Bolt app that answers every channel message in its thread
 * with a fixed text. Run as its own process (like the bot) so both are measured alike:
 *
 *   SLACK_BOT_TOKEN=xoxb-… SLACK_SIGNING_SECRET=… SLACK_API_URL=http://127.0.0.1:…/api/ PORT=0 node dist/bench/baseline-bolt.js
 *
 * Prints `{"port":N}` on stdout once listening.
 */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`baseline-bolt: ${name} is required`);
  return v;
};

const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  signingSecret: env('SLACK_SIGNING_SECRET'),
  // Same Web API client settings as the bot gets from the bench (no retries: the fake never fails).
  clientOptions: { slackApiUrl: env('SLACK_API_URL'), retryConfig: { retries: 0 } },
  // Known ids: no auth.test at start-up.
  botId: 'BBOT',
  botUserId: 'UBOT',
  logLevel: LogLevel.WARN,
});

app.message(async ({ message, say }) => {
  await say({ text: 'fixed', thread_ts: message.ts });
});

const server = await app.start(Number(process.env.PORT ?? 0));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
