/**
 * LOG_LEVEL=debug must not log what people paste: the Web API client logs every request body and
 * result at debug (chat.postMessage carries the reply quoting the message; oauth.v2.access the
 * single-use `code`), and the bot's logger drops those lines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, type Harness, messageEvent, startHarness, waitFor } from './helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness(); // the harness logs at debug
});
afterEach(async () => {
  await h.close();
});

describe('debug logging', () => {
  it('says which Web API calls were made, not what they carried', async () => {
    const event = messageEvent({ text: 'login failed {"ret":-303} openid=SECRET-PLAYER-42', blocks: undefined });
    await h.sendEvent(envelope(event));
    await waitFor(() => h.fake.posts().find((c) => c.params.thread_ts === event.ts), 'the reply');
    await waitFor(() => h.logs.some((l) => l.includes("apiCall('chat.postMessage') end")), 'the call logged');
    // users.info's result is a person's profile; chat.postMessage's body the reply; replies' results what people wrote.
    expect(h.logs.filter((l) => /http request (body|result|headers)/.test(l))).toEqual([]);
    expect(h.logs.filter((l) => l.includes('SECRET-PLAYER-42') || l.includes('u1alice'))).toEqual([]);
    expect(h.logs.some((l) => l.includes('http request url: ') && l.includes('/api/chat.postMessage'))).toBe(true);
  });
});
