import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, type Harness, startHarness, visibleText, waitFor } from './helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

function shortcut(id: string, message: Record<string, unknown> = {}) {
  const payload = fixture('shortcut-message-action.json');
  return {
    ...payload,
    response_url: h.responseUrl(id),
    message: { ...(payload.message as Record<string, unknown>), ...message },
  };
}

describe('message shortcut "Explain MSDK error"', () => {
  it('explains the message in its thread', async () => {
    const res = await h.sendInteraction(shortcut('s1'));
    expect(res.status).toBe(200);
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.channel).toBe('C0LOGS');
    expect(reply.params.thread_ts).toBe('1700000000.000600');
    const text = visibleText(reply);
    expect(text).toContain('-73');
    expect(text).toContain('QQ platform, via MSDK logic layer -10000');
  });

  it('replies in the existing thread when the message is a thread reply', async () => {
    await h.sendInteraction(shortcut('s2', { ts: '1700000000.000900', thread_ts: '1700000000.000800' }));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(reply.params.thread_ts).toBe('1700000000.000800');
  });

  it('says politely when the message has no MSDK error', async () => {
    await h.sendInteraction(shortcut('s3', { text: 'lunch at noon?' }));
    const reply = await waitFor(() => h.fake.posts()[0], 'a reply');
    expect(visibleText(reply)).toContain('No MSDK error code found');
  });

  it('answers privately when it cannot post in the channel', async () => {
    h.fake.failures.set('chat.postMessage', ['not_in_channel']);
    await h.sendInteraction(shortcut('s4'));
    const reply = await waitFor(() => h.fake.responses.find((r) => r.path === '/response/s4'), 'a private reply');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply.body)).toContain('-73');
  });
});
