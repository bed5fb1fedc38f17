import { describe, expect, it } from 'vitest';
import { byteLength, clipUtf8, markdownToText, splitMarkdown, splitText } from '../../src/wecom/split.js';
import { markdownMessages, textFallback, textMessages } from '../../src/wecom/webhook.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWellFormed(parts: string[], max: number): void {
  expect(parts.length).toBeGreaterThan(0);
  for (const p of parts) {
    expect(byteLength(p)).toBeLessThanOrEqual(max);
    expect(p).not.toMatch(LONE_SURROGATE);
    expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    expect(p.trim()).not.toBe('');
  }
}

/** Every construct opened in a part is closed in the same part. */
function expectBalanced(part: string): void {
  expect((part.match(/<font color="[a-z]+">/g) ?? []).length).toBe((part.match(/<\/font>/g) ?? []).length);
  expect((part.match(/\*\*/g) ?? []).length % 2).toBe(0);
  expect((part.match(/`/g) ?? []).length % 2).toBe(0);
  expect(part).not.toMatch(/<@[^>]*$|^[^<]*>/);
}

describe('splitMarkdown', () => {
  it('keeps content within the limit untouched', () => {
    expect(splitMarkdown('### a\nb\n\nc', 4096)).toEqual(['### a\nb\n\nc']);
  });

  it('splits between blocks first, so each part is whole findings and together they are the text', () => {
    const blocks = Array.from(
      { length: 30 },
      (_, i) => `### 🔑 \`${40000 + i}\`\n**위챗 플랫폼**\n유효하지 않은 자격 증명 ${'가'.repeat(40)}`,
    );
    const text = blocks.join('\n\n');
    const parts = splitMarkdown(text, 1000);
    expectWellFormed(parts, 1000);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(p.startsWith('### ')).toBe(true);
    expect(parts.join('\n\n')).toBe(text);
  });

  it('splits a block too big for a part between its lines', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i} 微信平台 错误码`);
    const parts = splitMarkdown(lines.join('\n'), 300);
    expectWellFormed(parts, 300);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts a huge line between characters, never inside a multi-byte one or an emoji sequence', () => {
    const line = '错'.repeat(500) + '♻️'.repeat(100) + '👍🏽'.repeat(50);
    const parts = splitMarkdown(line, 100);
    expectWellFormed(parts, 100);
    expect(parts.join('')).toBe(line);
    for (const p of parts) expect(p).toMatch(/^(错|♻️|👍🏽)+$/u);
  });

  it('never cuts inside a markdown construct', () => {
    const line = Array.from(
      { length: 40 },
      (_, i) =>
        `<font color="warning">🔑 다시 로그인 ${i}</font> **bold ${i}** \`code ${i}\` [doc](https://example.com/${i}) <@user${i}> `,
    ).join('');
    const parts = splitMarkdown(line, 200);
    expectWellFormed(parts, 200);
    parts.forEach(expectBalanced);
    expect(parts.join('').replace(/\s/g, '')).toBe(line.replace(/\s/g, ''));
  });

  it('re-wraps a construct too big for any part, piece by piece', () => {
    const huge = `<font color="comment">${'说明'.repeat(400)}</font>`;
    const parts = splitMarkdown(huge, 300);
    expectWellFormed(parts, 300);
    for (const p of parts) expect(p).toMatch(/^<font color="comment">(说明|说|明)+<\/font>$/);
    expect(parts.map((p) => p.replace(/<\/?font[^>]*>/g, '')).join('')).toBe('说明'.repeat(400));
  });
});

describe('splitText and the text fallback', () => {
  it('splits plain text to 2048 bytes', () => {
    const text = Array.from({ length: 200 }, (_, i) => `${i}: 令牌无效，请重新授权`).join('\n');
    const parts = splitText(text, 2048);
    expectWellFormed(parts, 2048);
    expect(parts.join('\n')).toBe(text);
  });

  it('turns markdown into readable text and mentions into mentioned_list', () => {
    const md =
      '<@zhangsan>\n### 🔑 `40001`\n**WeChat platform**\n> Response msg: x\n**Action**: <font color="warning">🔑 Log in again</font>\n[doc](https://d.example)';
    expect(markdownToText(md)).toEqual({
      content: '🔑 40001\nWeChat platform\nResponse msg: x\nAction: 🔑 Log in again\ndoc (https://d.example)',
      mentions: ['zhangsan'],
    });
    const [first, ...rest] = textFallback({ msgtype: 'markdown', markdown: { content: md } });
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ msgtype: 'text', text: { mentioned_list: ['zhangsan'] } });
  });

  it('builds messages within their limits, mentions only on the first text message', () => {
    const long = 'x'.repeat(3000);
    const text = textMessages(long, ['lisi']);
    expect(text).toHaveLength(2);
    expect(text[0]).toMatchObject({ text: { mentioned_list: ['lisi'] } });
    expect(text[1]).toEqual({ msgtype: 'text', text: { content: 'x'.repeat(952) } });
    const md = markdownMessages('y'.repeat(5000));
    expect(md.map((m) => (m.msgtype === 'markdown' ? byteLength(m.markdown.content) : 0))).toEqual([4096, 904]);
  });
});

describe('clipUtf8', () => {
  it('clips at a character boundary and marks the cut', () => {
    expect(clipUtf8('short', 10)).toBe('short');
    const clipped = clipUtf8('错误'.repeat(10), 10);
    expect(clipped).toBe('错误…');
    expect(byteLength(clipped)).toBeLessThanOrEqual(10);
  });
});
