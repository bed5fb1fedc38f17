import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { defaultCatalog, type SupplementRow } from '../../src/core/catalog.js';
import { formatPlain } from '../../src/core/present.js';
import { LANGS, type Lang } from '../../src/core/types.js';
import { NOT_IN_DOCUMENT, SUPPLEMENT_MARK } from '../helpers/words.js';

const catalog = defaultCatalog();
const explain = (text: string, lang: Lang = 'en') => analyze(text, { mode: 'explain', lang, catalog }).findings;

/** Responses in each platform's own shape, as its servers send them. */
function responses(row: SupplementRow): string[] {
  if (row.table === 'wechat')
    return [JSON.stringify({ errcode: row.code, errmsg: `${row.en.meaning} rid: 6470772f-0fdc286a` })];
  return [
    `callback( ${JSON.stringify({ error: row.code, error_description: row.en.meaning })} );`,
    JSON.stringify({ ret: row.code, msg: row.en.meaning }),
  ];
}

describe('every supplement row', () => {
  it.each(catalog.supplement.map((row) => [`${row.table}:${row.code}`, row] as const))(
    '%s is explained from the supplement, with its reference',
    (_key, row) => {
      expect(row.reference).toMatch(
        /^https:\/\/(developers\.weixin\.qq\.com|open\.weixin\.qq\.com|open\.wechat\.com|wiki\.connect\.qq\.com)\//,
      );
      for (const text of responses(row)) {
        for (const lang of LANGS) {
          const findings = explain(text, lang);
          expect(findings, `${text} (${lang})`).toHaveLength(1);
          expect(findings[0]).toMatchObject({
            code: row.code,
            table: row.table,
            source: 'supplement',
            action: row.action,
            meaning: row[lang].meaning,
            advice: row[lang].advice,
            reference: row.reference,
          });
        }
      }
    },
  );
});

describe('the document wins', () => {
  it("reads QQ connect's {error, error_description} 100021 as its own, keeping the document's qq-share 100021 beside it", () => {
    const [f] = explain('{"error":100021,"error_description":"get access token error"}');
    expect(f).toMatchObject({ code: 100021, table: 'qq', source: 'supplement' });
    expect(f!.alternatives).toEqual([{ table: 'qq-share', meaning: catalog.lookup(100021)[0]!.en.meaning }]);
  });

  it("keeps the document's qq-share 100021 for a /share/qq response, and for a bare ret", () => {
    for (const text of ['POST /share/qq -> {"ret":100021,"msg":"csrf check failed"}', '{"ret":100021}', '100021']) {
      const [f] = explain(text);
      expect(f, text).toMatchObject({ code: 100021, table: 'qq-share', source: 'row' });
      expect(f!.reference).toBeUndefined();
    }
  });

  it('never answers from the supplement for a code the document lists in the same table', () => {
    for (const row of catalog.rows.filter((r) => r.table === 'wechat' && r.code !== 0)) {
      const [f] = explain(`{"errcode":${row.code},"errmsg":"x"}`);
      expect(f, `${row.code}`).toMatchObject({ table: 'wechat', source: 'row' });
    }
  });
});

describe('supplement findings elsewhere', () => {
  it('a bare code the document lacks is explained when asked, and found in a log when it is an error field', () => {
    expect(explain('40163')[0]).toMatchObject({ table: 'wechat', source: 'supplement' });
    const log = '2026-11-30 10:00:01 WARN login failed {"errcode":40163,"errmsg":"code been used"}\n';
    expect(analyze(log.repeat(3), { mode: 'scan', lang: 'en', catalog }).findings).toMatchObject([
      { code: 40163, source: 'supplement', count: 3 },
    ]);
  });

  it("points from WeChat's 40030 / 42002 to the document's 40032 / 42004", () => {
    expect(explain('{"errcode":40030,"errmsg":"invalid refresh_token"}')[0]!.note).toContain('40032');
    expect(explain('{"errcode":42002,"errmsg":"refresh_token expired"}')[0]!.note).toContain('42004');
  });

  it('say in plain text that the code is not in the MSDK document, with the link', () => {
    for (const lang of LANGS) {
      const analysis = analyze('{"errcode":40163,"errmsg":"code been used"}', { mode: 'explain', lang, catalog });
      const out = formatPlain(analysis, catalog, lang);
      expect(out).toContain(NOT_IN_DOCUMENT[lang]);
      expect(out).toContain(SUPPLEMENT_MARK[lang]);
      expect(out).toContain(analysis.findings[0]!.reference!);
    }
  });
});
