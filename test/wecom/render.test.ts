import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { defaultCatalog } from '../../src/core/catalog.js';
import { ACTION_MARKER } from '../../src/core/present.js';
import { type Analysis, type Finding, LANGS, type Lang } from '../../src/core/types.js';
import { uiText } from '../../src/core/ui-text.js';
import { composeMarkdown, inert, renderFinding } from '../../src/wecom/render.js';
import { byteLength } from '../../src/wecom/split.js';
import { NOT_IN_DOCUMENT, SUPPLEMENT_MARK } from '../helpers/words.js';

const catalog = defaultCatalog();
const ASK = '{"ret":-20000,"msg":"40001,invalid credential"}';

function fromRow(i: number, lang: Lang = 'en'): Finding {
  const row = catalog.rows[i % catalog.rows.length]!;
  return {
    code: row.code,
    table: row.table,
    action: row.action,
    meaning: row[lang].meaning,
    advice: row[lang].advice,
    source: 'row',
    alternatives: [],
    count: 1,
  };
}

describe('one finding', () => {
  it.each([
    ['en', 'WeChat platform', 'via', 'MSDK logic layer', 'Recommended action'],
    ['ko', '위챗 플랫폼', '경유', 'MSDK 논리층', '권장 조치'],
    ['zh', '微信平台', '经由', 'MSDK 逻辑层', '建议处理'],
  ] as const)('explains 40001 via -20000 in %s', (lang, wechat, via, logic, actionWord) => {
    const analysis = analyze(ASK, { mode: 'explain', lang });
    const [f] = analysis.findings;
    expect(f).toMatchObject({ code: 40001, table: 'wechat', action: 'reauthorize' });
    const [md, ...more] = composeMarkdown(analysis, catalog, lang, { mention: 'zhangsan' });
    expect(more).toEqual([]);
    expect(md!.split('\n')[0]).toBe('<@zhangsan>');
    expect(md).toContain('`40001`');
    expect(md).toContain(`**${wechat}, ${via} ${logic} -20000**`);
    expect(md).toContain(f!.meaning);
    expect(md).toContain(
      `**${actionWord}**: <font color="warning">${ACTION_MARKER.reauthorize} ${catalog.actionLabel('reauthorize', lang)}</font>`,
    );
    expect(md).toContain(f!.advice);
  });

  it('shows the count, the alternatives, err_type and a msg that says more than the meaning', () => {
    const f: Finding = {
      ...fromRow(0),
      count: 3,
      errType: 3,
      message: 'token expired at 12:00',
      alternatives: [{ table: 'qq', meaning: 'another meaning' }],
    };
    const md = renderFinding(f, catalog, 'en');
    expect(md.split('\n')[0]).toBe(`### ${ACTION_MARKER[f.action]} \`${f.code}\` (3x)`);
    expect(md).toContain('> Response msg: token expired at 12:00');
    expect(md).toContain('<font color="comment">err_type 3: Refresh the accessToken with the refreshToken.</font>');
    expect(md).toContain('<font color="comment">Also listed in: QQ platform: another meaning</font>');
  });

  it.each([
    ['none', 'info'],
    ['retry', 'info'],
    ['ignore', 'comment'],
    ['unknown', 'comment'],
    ['back-off', 'warning'],
    ['fix-request', 'warning'],
  ] as const)('colours action %s as %s', (action, color) => {
    expect(renderFinding({ ...fromRow(0), action }, catalog, 'en')).toContain(
      `<font color="${color}">${ACTION_MARKER[action]} `,
    );
  });

  it('makes pasted text inert: no mention, font, link or heading can be smuggled in', () => {
    const f: Finding = {
      ...fromRow(0),
      message: 'x <@all> <font color="info">y</font> [a](http://evil) `z` **b**\n### h',
    };
    const md = renderFinding(f, catalog, 'en');
    expect(md).not.toContain('<@all>');
    expect(md).not.toContain('<font color="info">y');
    expect(md).not.toContain('](http://evil)');
    expect(md).not.toMatch(/^### h/m);
    expect(inert('a\n# b')).toBe('a # b');
  });

  it.each(LANGS)('says in %s that a supplement code is not in the MSDK document, with a link', (lang) => {
    const [sentence, mark] = [NOT_IN_DOCUMENT[lang], SUPPLEMENT_MARK[lang]];
    const analysis = analyze('{"error":100030,"error_description":"this api without user authorization"}', {
      mode: 'explain',
      lang,
    });
    const f = analysis.findings[0]!;
    expect(f).toMatchObject({ table: 'qq', source: 'supplement' });
    const [md] = composeMarkdown(analysis, catalog, lang);
    expect(md).toContain(`**${catalog.tableName('qq', lang)} ${mark}**`);
    const line = md!.split('\n').find((l) => l.startsWith(sentence));
    expect(line?.endsWith(`: [${f.reference}](${f.reference})`), line).toBe(true);
    const many = Array.from({ length: 40 }, () => f);
    const [summary] = composeMarkdown({ findings: many, matches: [] }, catalog, lang, { maxParts: 1 });
    expect(summary).toContain(`${catalog.tableName('qq', lang)} ${mark}: ${f.meaning}`);
  });

  it.each(LANGS)('gives a WeChat SDK client code in %s with its table, its page, and the client mark', (lang) => {
    const analysis = analyze('WeChat login errCode=-6', { mode: 'explain', lang });
    const f = analysis.findings[0]!;
    expect(f).toMatchObject({ table: 'wechat-sdk', source: 'client', code: -6 });
    const [md] = composeMarkdown(analysis, catalog, lang);
    expect(md).toContain(uiText(lang).clientTables['wechat-sdk']);
    expect(md).toContain(`${uiText(lang).clientNote}: [${f.reference}](${f.reference})`);
    const [summary] = composeMarkdown({ findings: Array.from({ length: 40 }, () => f), matches: [] }, catalog, lang, {
      maxParts: 1,
    });
    expect(summary).toContain(`(${uiText(lang).client}): ${f.meaning}`);
  });

  it("marks the catalog's own advice and shows the platform note", () => {
    const [md] = composeMarkdown(analyze('{"ret":-150}', { mode: 'explain', lang: 'zh' }), catalog, 'zh');
    expect(md).toContain('(文档未列出)');
    const note = renderFinding(
      analyze('{"errcode":40032}', { mode: 'explain', lang: 'en' }).findings[0]!,
      catalog,
      'en',
    );
    expect(note).toMatch(/<font color="comment">Note: .*40030/);
    expect(renderFinding(fromRow(1), catalog, 'en')).not.toContain('(not in the document)');
  });

  it('ignores a mention that is not a userid', () => {
    const [md] = composeMarkdown(analyze(ASK, { mode: 'explain', lang: 'en' }), catalog, 'en', { mention: 'x> <@all' });
    expect(md).not.toContain('<@');
  });
});

describe('whole answers', () => {
  it('says so when nothing was found, and renders search matches and truncation', () => {
    const none: Analysis = { findings: [], matches: [] };
    expect(composeMarkdown(none, catalog, 'zh')).toEqual(['未找到 MSDK 错误码。']);
    const withMatches: Analysis = {
      findings: [],
      matches: [{ code: 40001, table: 'wechat', meaning: 'invalid credential', score: 0.1 }],
      truncated: { readBytes: 100, totalBytes: 5000 },
    };
    const [md] = composeMarkdown(withMatches, catalog, 'en');
    expect(md).toBe(
      '**Search results**\n> 40001 (WeChat platform): invalid credential\n\n<font color="comment">Input too long: only the first 100 of 5000 bytes were read (raise MAX_INPUT_BYTES to read more).</font>',
    );
  });

  it('splits a long answer between findings: each part fits, together they hold every finding once', () => {
    const findings = Array.from({ length: 40 }, (_, i) => ({ ...fromRow(i * 5, 'ko'), code: 100000 + i }));
    const parts = composeMarkdown({ findings, matches: [] }, catalog, 'ko', { mention: 'zhangsan', maxParts: 50 });
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(byteLength(p)).toBeLessThanOrEqual(4096);
      expect(p.startsWith(i === 0 ? '<@zhangsan>\n### ' : '### ')).toBe(true);
      expect((p.match(/<font/g) ?? []).length).toBe((p.match(/<\/font>/g) ?? []).length);
    });
    const all = parts.join('\n\n');
    for (const f of findings) expect(all.split(`\`${f.code}\``)).toHaveLength(2);
  });

  it('summarises into one message when the full answer would take more than maxParts messages', () => {
    const findings = Array.from({ length: 200 }, (_, i) => ({ ...fromRow(i, 'en'), code: 100000 + i }));
    const parts = composeMarkdown({ findings, matches: [] }, catalog, 'en', { mention: 'zhangsan' });
    expect(parts).toHaveLength(1);
    const [md] = parts;
    expect(byteLength(md!)).toBeLessThanOrEqual(4096);
    expect(md!.startsWith('<@zhangsan>\n**200 errors (summarised: too long)**\n')).toBe(true);
    const shown = (md!.match(/^\S+ `\d+`/gmu) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(md!.trimEnd().endsWith(`… and ${200 - shown} more`)).toBe(true);
  });
});

describe('inputs the document has no row for', () => {
  it('a code the MSDK document does not list is marked, in the group language', () => {
    const analysis = analyze('{"error":100044,"error_description":"app login version too old"}', {
      mode: 'scan',
      lang: 'zh',
    });
    const [md] = composeMarkdown(analysis, catalog, 'zh', {});
    expect(md).toContain('`100044`');
    expect(md).toContain('MSDK 文档未收录');
    expect(md).toContain('app login version too old');
  });

  it('binary input is answered with one line saying so', () => {
    const analysis = analyze('\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008 -303 \ufffd\ufffd', {
      mode: 'explain',
      lang: 'en',
    });
    expect(composeMarkdown(analysis, catalog, 'en', {})).toEqual([uiText('en').binary]);
  });
});
