import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/index.js';
import { ACTION_POST_PUBLIC } from '../../src/slack/index.js';
import { blocksOf, fixture, type Harness, startHarness, visibleText, waitFor } from './helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

let n = 0;
/** Sends `/msdk <text>` and returns the first response_url post. */
async function command(text: string, user = 'U1ALICE') {
  const id = `cmd${++n}`;
  const fields = {
    ...fixture<Record<string, string>>('command-msdk.json'),
    text,
    user_id: user,
    response_url: h.responseUrl(id),
  };
  const started = Date.now();
  const res = await h.sendCommand(fields);
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(3000); // acked well within Slack's 3 seconds
  return waitFor(() => h.fake.responses.find((r) => r.path === `/response/${id}`), `the answer to /msdk ${text}`);
}

function buttonOf(blocks: Array<Record<string, unknown>>): Record<string, unknown> | undefined {
  const actions = blocks.find((b) => b.type === 'actions') as { elements: Array<Record<string, unknown>> } | undefined;
  return actions?.elements.find((e) => e.action_id === ACTION_POST_PUBLIC);
}

describe('/msdk', () => {
  it('explains a code privately, with a button to post it to the channel', async () => {
    const answer = await command('-303');
    expect(answer.contentType).toBe('application/json');
    expect(answer.body.response_type).toBe('ephemeral');
    const text = visibleText(answer.body);
    expect(text).toContain('-303');
    expect(text).toContain('MSDK access layer');
    expect(text).toContain(defaultCatalog().lookup(-303)[0]!.en.meaning);
    const button = buttonOf(blocksOf(answer.body));
    expect(button).toMatchObject({ type: 'button', text: { text: 'Post to channel' } });
    expect(h.fake.posts()).toEqual([]); // nothing public yet
  });

  it('explains a pasted JSON response, naming the platform and the wrapper', async () => {
    const answer = await command('{“ret”:-10000,“msg”:“-73,the user modify password wrong”}'); // smart quotes
    const text = visibleText(answer.body);
    expect(text).toContain('-73');
    expect(text).toContain('QQ platform, via MSDK logic layer -10000');
  });

  it('does not lose the answer when response_url fails twice (502), nor answer twice', async () => {
    h.fake.responseErrors = 2;
    const answer = await command('-503');
    expect(h.fake.responseFailures).toBe(2);
    expect(visibleText(answer.body)).toContain('-503');
    expect(h.fake.responses).toHaveLength(1);
  });

  it('searches by words', async () => {
    const answer = await command('access token expired');
    expect(visibleText(answer.body)).toContain('Search results');
    expect(buttonOf(blocksOf(answer.body))).toBeDefined();
  });

  it.each(['', 'help', '  HELP '])('shows the usage for %j, without a button', async (text) => {
    const answer = await command(text);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(visibleText(answer.body)).toContain('/msdk lang en|ko|zh');
    expect(buttonOf(blocksOf(answer.body))).toBeUndefined();
  });

  it('says politely when it finds nothing', async () => {
    const answer = await command('lunch at noon?');
    expect(visibleText(answer.body)).toContain('No MSDK error code found');
    expect(buttonOf(blocksOf(answer.body))).toBeUndefined();
  });

  it('says a pasted binary blob looks binary instead of inventing codes', async () => {
    const answer = await command('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008 27 -303 \ufffd\ufffd\ufffd');
    expect(visibleText(answer.body)).toContain('looks like binary data');
    expect(visibleText(answer.body)).not.toContain('-303');
  });

  it('remembers the language a user chooses, per user', async () => {
    const set = await command('lang ko', 'U3KIM');
    expect(visibleText(set.body)).toContain('한국어');
    expect(await h.store.get('lang:T1:U3KIM')).toBe('ko');
    const ko = await command('-303', 'U3KIM');
    expect(visibleText(ko.body)).toContain(defaultCatalog().lookup(-303)[0]!.ko.meaning);
    const other = await command('-303', 'U1ALICE');
    expect(visibleText(other.body)).toContain(defaultCatalog().lookup(-303)[0]!.en.meaning);
  });

  it('rejects an unknown language and keeps the old one', async () => {
    const answer = await command('lang fr', 'U4');
    expect(visibleText(answer.body)).toContain('Unknown language');
    expect(await h.store.get('lang:T1:U4')).toBeUndefined();
  });

  it("falls back to the user's Slack locale", async () => {
    h.fake.locales.set('U5ZH', 'zh-CN');
    const answer = await command('-303', 'U5ZH');
    expect(visibleText(answer.body)).toContain(defaultCatalog().lookup(-303)[0]!.zh.meaning);
    const lookup = h.fake.callsTo('users.info').find((c) => c.params.user === 'U5ZH');
    expect(lookup?.params.include_locale).toBe('true');
  });
});

describe('response_url posts', () => {
  it('a 503 with Retry-After: 2 is retried after 2 s, not sooner, and the answer arrives once', async () => {
    h.fake.responseErrors = 1;
    h.fake.responseErrorStatus = 503;
    h.fake.responseRetryAfter = '2';
    const answer = await command('-303');
    expect(visibleText(answer.body)).toContain('-303');
    const [failed, retried] = h.fake.responseAttempts;
    expect(retried! - failed!).toBeGreaterThanOrEqual(1_950);
    expect(h.fake.responses).toHaveLength(1);
  });

  it('a pasted msg cannot leave its code span: newlines, backticks, * _ ~ > stay inside it', async () => {
    const msg = 'bad\n```\n*Recommended action:* _call_ ~me~ > <!channel>\n```';
    const answer = await command(JSON.stringify({ ret: -10000, msg: `-73,${msg}` }));
    const section = blocksOf(answer.body).find((b) => JSON.stringify(b).includes('Response msg'))!;
    const text = section.text as { text: string; verbatim: boolean };
    expect(text.verbatim).toBe(true);
    const lines = text.text.split('\n');
    const quote = lines.filter((l) => l.includes('Response msg'));
    expect(quote).toHaveLength(1);
    // The whole paste is in one code span on the quote line: two backticks, nothing after the second.
    expect(quote[0]).toMatch(/^> Response msg: `[^`]*Recommended action:\* _call_ ~me~ &gt; @channel[^`]*`$/);
    // The real "Recommended action" line is still its own line, after the quote.
    expect(lines.filter((l) => l.startsWith('*Recommended action:*'))).toHaveLength(1);
  });
});

describe('"Post to channel" button', () => {
  async function click(value: string, id: string) {
    const payload = fixture('block-actions-post-public.json');
    const actions = (payload.actions as Array<Record<string, unknown>>).map((a) => ({ ...a, value }));
    const res = await h.sendInteraction({ ...payload, actions, response_url: h.responseUrl(id) });
    expect(res.status).toBe(200);
  }

  it('posts the private answer for everyone in the channel, then removes the private copy', async () => {
    const answer = await command('-303');
    const button = buttonOf(blocksOf(answer.body))!;
    await click(String(button.value), 'click1');
    const posted = await waitFor(
      () => h.fake.responses.find((r) => r.path === '/response/click1' && r.body.response_type === 'in_channel'),
      'the public post',
    );
    expect(posted.body.replace_original).toBe(false);
    const text = visibleText(posted.body);
    expect(text).toContain('-303');
    expect(text).toContain('MSDK access layer');
    expect(text).toContain('Shared by <@U1ALICE>');
    expect(buttonOf(blocksOf(posted.body))).toBeUndefined(); // no button in the public copy
    await waitFor(
      () => h.fake.responses.find((r) => r.path === '/response/click1' && r.body.delete_original === true),
      'the private copy deleted',
    );
  });

  it('posts once, however often it is clicked (a double click, or Slack delivering the click twice)', async () => {
    const answer = await command('-303');
    const value = String(buttonOf(blocksOf(answer.body))!.value);
    await click(value, 'twice1');
    await click(value, 'twice2');
    await waitFor(() => h.fake.responses.some((r) => r.body.delete_original === true), 'the private copy deleted');
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a second post to show up
    const shared = h.fake.responses.filter((r) => r.body.response_type === 'in_channel');
    expect(shared).toHaveLength(1);
    expect(h.fake.posts()).toEqual([]);
  });

  it('says so when the answer has expired', async () => {
    await click('no-such-answer', 'click2');
    const reply = await waitFor(() => h.fake.responses.find((r) => r.path === '/response/click2'), 'a reply');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply.body)).toContain('expired');
  });
});
