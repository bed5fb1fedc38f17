import { describe, expect, it } from 'vitest';
import { mentionsSlackUser, stripSlackMention } from '../../src/mentions.js';
import { decodeSlackText, messageText, richTextToPlain } from '../../src/slack/text.js';
import { fixture } from './helpers/harness.js';

describe('decodeSlackText', () => {
  it('decodes the three entities, &amp; last', () => {
    expect(decodeSlackText('a &lt; b &gt; c &amp; d')).toBe('a < b > c & d');
    expect(decodeSlackText('&amp;lt;')).toBe('&lt;'); // an escaped entity stays literal
  });

  it('shows links, mentions and specials as the reader saw them', () => {
    expect(decodeSlackText('see <https://x.example/a?b=1&amp;c=2|the docs>')).toBe('see the docs');
    expect(decodeSlackText('<https://x.example/q?ret=-303>')).toBe('https://x.example/q?ret=-303');
    expect(decodeSlackText('<@U123> <@U9|bob> <#C1|ops> <!here> <!subteam^S1|@devs> <!date^1|Jan 1>')).toBe(
      '@U123 @bob #ops @here @devs Jan 1',
    );
  });

  it('straightens smart quotes so pasted JSON parses', () => {
    expect(decodeSlackText('{“ret”:-303,‘x’:1}')).toBe('{"ret":-303,\'x\':1}');
  });
});

describe('rich text', () => {
  it('recovers a pasted code block from rich_text_preformatted, unescaped', () => {
    const event = fixture('event-message.json');
    const plain = richTextToPlain(event.blocks)!;
    expect(plain).toContain('{"ret":-10000,"msg":"-73,the user modify password wrong"}');
    expect(plain).toContain('(ret < 0)');
  });

  it('prefers the blocks, and counts nothing twice', () => {
    const text = messageText(fixture('event-message.json'));
    expect(text.match(/-10000/g)).toHaveLength(1);
  });

  it('falls back to the decoded text without blocks', () => {
    expect(messageText({ text: '```{“ret”:-303}``` &lt;tag&gt;' })).toBe('```{"ret":-303}``` <tag>');
  });

  it('drops the bot mention from both forms', () => {
    const mention = fixture('event-app-mention.json');
    expect(messageText(mention, 'UBOT').trim()).toBe('what is -303?');
    expect(messageText({ text: mention.text as string }, 'UBOT').trim()).toBe('what is -303?');
    expect(stripSlackMention('<@UBOT|msdk> hi <@U2>', 'UBOT')).toBe('  hi <@U2>');
  });

  it('tells a mention of the bot from one of a user whose id merely starts the same', () => {
    expect(mentionsSlackUser('<@UBOT> -303', 'UBOT')).toBe(true);
    expect(mentionsSlackUser('<@UBOT|msdk> -303', 'UBOT')).toBe(true);
    expect(mentionsSlackUser('<@UBOT2> -303', 'UBOT')).toBe(false);
    expect(mentionsSlackUser('UBOT -303', 'UBOT')).toBe(false);
  });
});
