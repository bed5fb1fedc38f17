import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, defaultCatalog, type Finding, LANGS, uiText } from '../../src/core/index.js';
import { clamp, codeSpan, DETAIL_LIMIT, LIMITS, renderAnalysis } from '../../src/slack/blocks.js';
import { NOT_IN_DOCUMENT, SUPPLEMENT_MARK } from '../helpers/words.js';

const catalog = defaultCatalog();

function finding(code: number, over: Partial<Finding> = {}): Finding {
  return {
    code,
    table: 'access',
    action: 'retry',
    meaning: `meaning of ${code}`,
    advice: 'try again later',
    source: 'row',
    alternatives: [],
    count: 1,
    ...over,
  };
}

type AnyBlock = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };
const blocksOf = (findings: Finding[]) =>
  renderAnalysis({ findings, matches: [] }, { catalog, lang: 'en' })!.blocks as AnyBlock[];

describe('renderAnalysis', () => {
  it('shows each finding in full: code, table in words, meaning, action, advice, alternatives, count', () => {
    const f = finding(-73, {
      table: 'qq',
      action: 'reauthorize',
      via: { code: -10000, table: 'logic' },
      count: 3,
      message: 'pwd changed',
      alternatives: [{ table: 'wechat', meaning: 'something else' }],
      errType: 2,
    });
    const msg = renderAnalysis({ findings: [f], matches: [] }, { catalog, lang: 'en' })!;
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain('*-73* (3x)');
    expect(all).toContain('QQ platform, via MSDK logic layer -10000');
    expect(all).toContain('meaning of -73');
    expect(all).toContain('Response msg: `pwd changed`');
    expect(all).toContain(`🔑 ${catalog.actionLabel('reauthorize', 'en')}`);
    expect(all).toContain('try again later');
    expect(all).toContain('Also listed in: WeChat platform: something else');
    expect(all).toContain('err_type=2');
    expect(msg.text).toContain('-73');
  });

  it('switches to a one-line summary above the detail limit, with "+N more"', () => {
    const many = Array.from({ length: 120 }, (_, i) => finding(-1000 - i, { meaning: 'x'.repeat(500) }));
    const blocks = blocksOf(many);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks - 1); // room for the command's button
    expect(blocks[0]!.type).toBe('header');
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(JSON.stringify(blocks)).toContain('+80 more');
    expect(blocksOf(many.slice(0, DETAIL_LIMIT)).some((b) => b.type === 'header')).toBe(false);
  });

  it('never exceeds a limit, however long the catalog text or the pasted msg', () => {
    const huge = finding(-1, { meaning: 'm'.repeat(10_000), message: 'z'.repeat(10_000), advice: 'a'.repeat(5000) });
    for (const b of blocksOf([huge])) {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const e of b.elements ?? []) expect((e.text ?? '').length).toBeLessThanOrEqual(LIMITS.contextText);
    }
  });

  it('escapes pasted text so it cannot mention @channel or forge a link', () => {
    const all = JSON.stringify(blocksOf([finding(-1, { message: '<!channel> <https://evil|ok> & co' })]));
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt; &lt;https://evil|ok&gt; &amp; co');
  });

  it('says plainly that a supplement code is not in the MSDK document, and links the platform documentation', () => {
    for (const lang of LANGS) {
      const analysis = analyze('{"errcode":40163,"errmsg":"code been used"}', { mode: 'explain', lang, catalog });
      const f = analysis.findings[0]!;
      expect(f.source).toBe('supplement');
      const msg = renderAnalysis(analysis, { catalog, lang })!;
      const section = (msg.blocks[0] as AnyBlock).text!.text;
      expect(section).toContain(NOT_IN_DOCUMENT[lang]);
      expect(section).toContain(`<${f.reference}>`);
      expect(msg.text).toContain(`${catalog.tableName('wechat', lang)} ${SUPPLEMENT_MARK[lang]}`);
    }
    const summary = blocksOf([
      ...Array.from({ length: DETAIL_LIMIT }, (_, i) => finding(-1000 - i)),
      finding(40163, { table: 'wechat', source: 'supplement', reference: 'https://developers.weixin.qq.com/x' }),
    ]);
    expect(JSON.stringify(summary)).toContain('WeChat platform (not in the MSDK document)');
  });

  it("names an MSDK client flag's table, its eFlag name, and links its public page", () => {
    for (const lang of LANGS) {
      const analysis = analyze('loginRet.flag = 1004', { mode: 'explain', lang, catalog });
      const f = analysis.findings[0]!;
      const section = (renderAnalysis(analysis, { catalog, lang })!.blocks[0] as AnyBlock).text!.text;
      expect(section).toContain(uiText(lang).clientTables['msdk-client']);
      expect(section).toContain(`eFlag_QQ_NotInstall: ${f.meaning}`);
      expect(section).toContain(`${uiText(lang).clientNote}: <${f.reference}>`);
      expect(section).not.toContain(NOT_IN_DOCUMENT[lang]);
    }
  });

  it("marks the catalog's own advice and shows the platform note", () => {
    const all = JSON.stringify(
      blocksOf([finding(-100, { authored: true, advice: 'Try again.', note: 'WeChat lists it as 40030.' })]),
    );
    expect(all).toContain('Try again. (not in the document)');
    expect(all).toContain('Note: WeChat lists it as 40030.');
    expect(JSON.stringify(blocksOf([finding(-303)]))).not.toContain('(not in the document)');
  });

  it('renders nothing for an empty analysis', () => {
    expect(renderAnalysis({ findings: [], matches: [] }, { catalog, lang: 'en' })).toBeUndefined();
  });

  it('clamps to UTF-16 length, never splitting an emoji', () => {
    expect(clamp('🔑🔑🔑', 4)).toBe('🔑…');
    expect(clamp('🔑🔑🔑', 5)).toBe('🔑🔑…');
    expect(clamp('abc', 3)).toBe('abc');
  });
});

describe('a code the MSDK document does not list', () => {
  it('is marked as such, with the platform table and its own message', () => {
    const analysis = analyze('{"errcode":45047,"errmsg":"out of response count limit"}', { mode: 'scan', lang: 'en' });
    const all = JSON.stringify(renderAnalysis(analysis, { catalog, lang: 'en' })!.blocks);
    expect(all).toContain('WeChat platform (not in the MSDK document)');
    expect(all).toContain('out of response count limit');
  });
});

describe('codeSpan (a pasted msg in an answer)', () => {
  it('whatever the text, it is one line, one code span, and no Slack control', () => {
    const tricky = fc.constantFrom('\n', '\r\n', '\u2028', '`', '```', '*', '_', '~', '>', '<!channel>', '&', ' ', 'x');
    fc.assert(
      fc.property(fc.array(fc.oneof(tricky, fc.string()), { maxLength: 40 }), (parts) => {
        const span = codeSpan(parts.join(''));
        if (span === '') return;
        expect(span).not.toMatch(/[\r\n\u2028\u2029<>]/);
        expect(span.startsWith('`') && span.endsWith('`')).toBe(true);
        expect(span.slice(1, -1)).not.toContain('`');
      }),
    );
  });
});
