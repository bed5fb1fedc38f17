import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { sign } from './helpers/harness.js';

// Slack's example from "Verifying requests from Slack", also used by bolt-js and python-slack-sdk tests.
const vector = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
    '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

const check = (over: Partial<{ body: string; signature: string; now: number }> = {}) =>
  isValidSlackRequest({
    signingSecret: vector.secret,
    body: over.body ?? vector.body,
    headers: { 'x-slack-signature': over.signature ?? vector.signature, 'x-slack-request-timestamp': vector.timestamp },
    nowMilliseconds: over.now ?? vector.timestamp * 1000,
  });

describe('Slack request signing (official test vector)', () => {
  it('Bolt, which guards /slack/events, accepts the documented signature', () => {
    expect(check()).toBe(true);
  });

  it('the test signer produces the documented signature (so e2e requests are signed like Slack signs)', () => {
    expect(sign(vector.secret, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  it('rejects a changed body, a changed signature and a stale timestamp', () => {
    expect(check({ body: vector.body.replace('text=', 'text=x') })).toBe(false);
    expect(check({ signature: vector.signature.replace(/.$/, '4') })).toBe(false);
    expect(check({ now: (vector.timestamp + 6 * 60) * 1000 })).toBe(false);
  });
});
