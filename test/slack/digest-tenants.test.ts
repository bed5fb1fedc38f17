/**
 * Issue #25 digests, end to end on the shared memory store: refused where the bot cannot post,
 * posted at 10:00 in the subscriber's time zone, naming who muted a code without notifying them,
 * and `digest off` leaves nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { MemoryStore } from '../../src/store/memory.js';
import { digestPlaces } from '../../src/team/index.js';
import { postCommand, startSlackBot } from '../e2e/helpers.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { blocksOf, fixture, visibleText, waitFor } from './helpers/harness.js';

const logger = createLogger({ level: 'silent' });
const utc = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);

describe('a Slack digest in a multi-workspace app', () => {
  it('is refused where the bot cannot post, dated in the subscriber zone, and names without pinging', async () => {
    const fake = await new FakeSlack().start();
    let clock = utc(27, 3); // noon in Seoul
    const store = new MemoryStore({ now: () => clock });
    fake.notIn.add('C0NOTIN');
    fake.profiles.set('U1ALICE', { tz: 'Asia/Seoul', display_name: 'alice' });
    const start = () =>
      startSlackBot({ fake, store, logger, metrics: createMetrics(), retryConfig: { retries: 0 }, now: () => clock });
    let n = 0;
    const command = async (url: string, text: string, channel: string) => {
      const id = `dt${++n}`;
      const fields = fixture<Record<string, string>>('command-msdk.json');
      await postCommand(url, { ...fields, text, channel_id: channel, response_url: `${fake.url}/response/${id}` });
      return id;
    };
    const response = (id: string) => waitFor(() => fake.responses.find((r) => r.path === `/response/${id}`), id);
    const digests = () =>
      fake.posts().filter((c) => c.params.channel === 'C0DIGEST' && blocksOf(c)[0]?.type === 'header');

    try {
      let bot = await start();
      // Not in the channel: refused privately, and nothing is subscribed (it used to be confirmed and never posted).
      const refused = await response(await command(bot.url, 'digest daily', 'C0NOTIN'));
      expect(refused.body.response_type).toBe('ephemeral');
      expect(visibleText(refused.body)).toContain('No digest: I cannot post in this conversation');
      expect(await digestPlaces(store)).toEqual([]);

      // In the channel: the bot's own post confirms it, at 10:00 in Alice's zone.
      await command(bot.url, 'digest daily', 'C0DIGEST');
      const on = await waitFor(() => fake.posts().find((c) => c.params.channel === 'C0DIGEST'), 'the confirmation');
      expect(visibleText(on)).toContain('daily digest at 10:00 (Asia/Seoul)');
      await response(await command(bot.url, 'mute -4009 7d', 'C0DIGEST'));
      await bot.close();

      clock = utc(28, 0, 55); // 09:55 in Seoul: not yet
      bot = await start();
      await bot.close(); // stopping waits for the digest run started at start
      expect(digests()).toEqual([]);

      clock = utc(28, 1, 5); // 10:05 in Seoul
      bot = await start();
      const [digest] = await waitFor(() => (digests().length > 0 ? digests() : undefined), 'the digest');
      const text = visibleText(digest!);
      expect(text).toMatch(/🔕 \*-4009\* muted by alice until/);
      expect(text).not.toContain('<@U1ALICE>');

      // `digest off` takes the channel out of the workspace's list.
      await response(await command(bot.url, 'digest off', 'C0DIGEST'));
      expect(await digestPlaces(store)).toEqual([]);
      await bot.close();
    } finally {
      await fake.close();
    }
  });
});
