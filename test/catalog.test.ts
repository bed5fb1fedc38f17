import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/core/analyze.js';
import { type CatalogRow, loadCatalog } from '../src/core/catalog.js';
import { parseCatalog } from '../src/core/catalog-check.js';
import { formatPlain } from '../src/core/present.js';
import { type Action, DOCUMENT_TABLE_IDS, type DocumentTableId, LANGS, type TableId } from '../src/core/types.js';
import { CatalogError } from '../src/errors.js';
import { collapse, parseSeed, type SeedRow } from './helpers/seed.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const seedPath = resolve(repoRoot, 'data/source/msdk-error-codes.ko.md');
const catalogPath = resolve(repoRoot, 'data/catalog.json');
const supplementPath = resolve(repoRoot, 'data/supplement.json');

const markdown = readFileSync(seedPath, 'utf8');
const seed = parseSeed(markdown);
const catalog = loadCatalog(catalogPath);

const key = (r: { table: TableId; code: number }) => `${r.table}:${r.code}`;
const seedByKey = new Map(seed.map((r) => [key(r), r] as const));
const catalogByKey = new Map(catalog.rows.map((r) => [key(r), r] as const));

function seedRow(table: TableId, code: number): SeedRow {
  const row = seedByKey.get(`${table}:${code}`);
  if (!row) throw new Error(`seed has no row ${table}:${code}`);
  return row;
}

function catalogRow(table: TableId, code: number): CatalogRow {
  const row = catalogByKey.get(`${table}:${code}`);
  if (!row) throw new Error(`catalog has no row ${table}:${code}`);
  return row;
}

const EXPECTED_COUNTS: Record<DocumentTableId, number> = {
  access: 24,
  logic: 42,
  qq: 40,
  wechat: 32,
  gamecenter: 39,
  'qzone-share': 10,
  'qq-share': 32,
  bluediamond: 10,
};

const SHARED_CODES = [
  0, -1, -2, -3, -4, -5, -6, -7, -101, -10002, -20001, -20002, 100000, 100001, 100003, 100004, 100012,
];

const RETRY_SUPPORT =
  '다시 한 번 시도해 보십시오. 실패할 경우 기업 QQ（800013811）를 통해 이동 온라인 게임 MSDK 기술지원팀과 연락을 취하십시오.';

describe('seed parser', () => {
  it('finds 229 rows in 8 tables', () => {
    expect(seed).toHaveLength(229);
    expect(new Set(seed.map((r) => r.table)).size).toBe(8);
    expect(new Set(seed.map(key)).size).toBe(229);
  });

  it('finds the expected number of rows per table, tables in document order', () => {
    const counts: Record<string, number> = {};
    for (const r of seed) counts[r.table] = (counts[r.table] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED_COUNTS);
    const order = [...new Set(seed.map((r) => r.table))];
    expect(order).toEqual([...DOCUMENT_TABLE_IDS]);
  });

  it('leaves no tab, double space or stray pipe in any cell', () => {
    for (const r of seed) {
      for (const text of [r.meaning, r.advice]) {
        expect(text, key(r)).not.toMatch(/\t| {2}|\|/);
        expect(text, key(r)).toBe(text.trim());
      }
      expect(r.meaning, key(r)).not.toBe('');
    }
  });

  it('does not take the footnote after the blue-diamond table for a row', () => {
    const last = seed[seed.length - 1];
    expect(last).toMatchObject({ table: 'bluediamond', code: -7 });
    expect(seed.some((r) => r.meaning.startsWith('다시 한 번 시도해 본 후'))).toBe(false);
  });
});

describe('catalog against the seed document', () => {
  it('has exactly the rows of the seed, in document order', () => {
    expect(catalog.rows.map(key)).toEqual(seed.map(key));
  });

  it('has every seed row with the same Korean meaning and advice', () => {
    for (const s of seed) {
      const c = catalogByKey.get(key(s));
      expect(c, `catalog lacks ${key(s)}`).toBeDefined();
      expect(collapse(c!.ko.meaning), `${key(s)} meaning`).toBe(s.meaning);
      expect(collapse(c!.ko.advice), `${key(s)} advice`).toBe(s.advice);
    }
  });

  it('has no row the seed lacks', () => {
    const extra = catalog.rows.filter((r) => !seedByKey.has(key(r))).map(key);
    expect(extra).toEqual([]);
  });

  it('stores Korean text already trimmed and collapsed', () => {
    for (const r of catalog.rows) {
      expect(r.ko.meaning, key(r)).toBe(collapse(r.ko.meaning));
      expect(r.ko.advice, key(r)).toBe(collapse(r.ko.advice));
    }
  });
});

describe('document quirks', () => {
  it('splits qq-share 16 and 100100, whose meaning and advice lack a separating pipe', () => {
    for (const [code, meaning] of [
      [16, '요청 패킷 오류'],
      [100100, 'CGI는 post 방식으로만 요청이 가능합니다.'],
    ] as const) {
      expect(seedRow('qq-share', code)).toMatchObject({ meaning, advice: RETRY_SUPPORT });
      expect(catalogRow('qq-share', code).ko).toEqual({ meaning, advice: RETRY_SUPPORT });
    }
  });

  it('reads the wechat 0 row whose code cell holds tabs, and collapses tabs in wechat meanings', () => {
    expect(markdown).toMatch(/^\|0\t/m);
    expect(seedRow('wechat', 0)).toMatchObject({ meaning: 'ok', advice: '-' });
    expect(catalogRow('wechat', 0)).toMatchObject({ action: 'none', ko: { meaning: 'ok', advice: '-' } });
    expect(seedRow('wechat', 48001).meaning).toBe('api unauthorized');
    expect(seedRow('wechat', 45014).meaning).toBe('template message size out of limit');
  });

  it('reads the rows that have no trailing pipe', () => {
    const cases: Array<[TableId, number, string, string]> = [
      ['access', -801, '유저 피드백 관련 오류', '(게임의 정상 기능에 영향을 주지 않음)'],
      ['qq', -26, '0x71f 0x5a: 중복된 nonce입니다.', 'Appid, openid의 정확성 여부를 확인하십시오.'],
      ['gamecenter', -4036, 'uin 검증 실패', '이동 온라인 게임 MSDK기술팀과 연락을 취하십시오.'],
    ];
    for (const [table, code, meaning, adviceEnd] of cases) {
      const row = seedRow(table, code);
      expect(row.meaning).toBe(meaning);
      expect(row.advice.endsWith(adviceEnd), `${table}:${code} advice: ${row.advice}`).toBe(true);
      expect(catalogRow(table, code).ko).toEqual({ meaning: row.meaning, advice: row.advice });
    }
  });

  it('keeps one row per table for each of the 17 codes listed in several tables', () => {
    const tablesOf = (code: number) => catalog.lookup(code).map((r) => r.table);
    const shared = [...new Set(seed.map((r) => r.code))].filter(
      (code) => new Set(seed.filter((r) => r.code === code).map((r) => r.table)).size > 1,
    );
    expect(shared.sort((a, b) => a - b)).toEqual([...SHARED_CODES].sort((a, b) => a - b));
    for (const code of SHARED_CODES) {
      expect(tablesOf(code).length, `code ${code}`).toBeGreaterThanOrEqual(2);
      expect(tablesOf(code)).toEqual(seed.filter((r) => r.code === code).map((r) => r.table));
    }
    expect(tablesOf(-1)).toEqual(['qq', 'wechat', 'bluediamond']);
    const meanings = catalog.lookup(-1).map((r) => r.ko.meaning);
    expect(new Set(meanings).size).toBe(3);
    expect(tablesOf(0)).toEqual(['access', 'logic', 'wechat', 'gamecenter']);
  });

  it('keeps the range rows of the logic table as rows', () => {
    const ranges: Array<[number, string, string]> = [
      [-100, '-100 ~ -999는 시스템 오류입니다.', ''],
      [-1000, '-1000 ~ -1999는 클라이언트 복귀 오류입니다.', ''],
      [-2000, '-2000~-9999이하는 서버 복귀 오류입니다.', ''],
      [-10000, '-10000이상은 업무 자체 오류', 'msg중 오류에 관한 자세한 설명을 참조하십시오.'],
      [-20000, '-20000이상은 위챗 업무 오류입니다.', 'msg중 오류에 관한 자세한 설명을 참조하십시오.'],
      [-30000, '-30000 및 그 이상은 LBS 오류입니다.', ''],
    ];
    for (const [code, meaning, advice] of ranges) {
      expect(seedRow('logic', code)).toMatchObject({ meaning, advice });
      const row = catalogRow('logic', code);
      expect(row.ko).toEqual({ meaning, advice });
      expect(row.en.advice === '').toBe(advice === '');
      expect(row.zh.advice === '').toBe(advice === '');
    }
  });

  it('keeps empty and "-" advice as they are in every language', () => {
    for (const r of catalog.rows) {
      if (r.ko.advice === '' || r.ko.advice === '-') {
        expect(r.en.advice, key(r)).toBe(r.ko.advice);
        expect(r.zh.advice, key(r)).toBe(r.ko.advice);
      } else {
        expect(r.en.advice, key(r)).not.toBe('');
        expect(r.zh.advice, key(r)).not.toBe('');
      }
    }
  });
});

describe('translations and actions', () => {
  it('gives every row non-empty English and Chinese meanings', () => {
    for (const r of catalog.rows) {
      expect(r.en.meaning.trim(), key(r)).not.toBe('');
      expect(r.zh.meaning.trim(), key(r)).not.toBe('');
      expect(r.zh.meaning, key(r)).not.toMatch(/[가-힣]/);
      expect(r.en.meaning, key(r)).not.toMatch(/[가-힣]/);
      expect(r.zh.advice, key(r)).not.toMatch(/[가-힣]/);
      expect(r.en.advice, key(r)).not.toMatch(/[가-힣]/);
    }
  });

  it('translates the retry/support boilerplate consistently', () => {
    for (const r of catalog.rows.filter((x) => x.ko.advice === RETRY_SUPPORT)) {
      expect(r.en.advice, key(r)).toBe(
        'Try again. If it still fails, contact MSDK technical support via Enterprise QQ 800013811.',
      );
      expect(r.zh.advice, key(r)).toBe('请重试。如仍失败，请通过企业QQ（800013811）联系移动网游 MSDK 技术支持团队。');
    }
  });

  it('keeps technical tokens verbatim', () => {
    expect(catalogRow('access', -502).en.advice).toContain('sig=md5(appkey + timestamp)');
    expect(catalogRow('access', -502).zh.advice).toContain('sig=md5(appkey + timestamp)');
    expect(catalogRow('wechat', 40001).en.meaning).toBe('invalid credential');
    expect(catalogRow('wechat', 40001).zh.meaning).toBe('不合法的调用凭证');
    expect(catalogRow('wechat', 42001).zh.meaning).toBe('access_token 已过期');
  });

  it('classifies well-known rows', () => {
    const expected: Array<[TableId, number, Action]> = [
      ['access', 0, 'none'],
      ['logic', 0, 'none'],
      ['gamecenter', 0, 'none'],
      ['access', -303, 'fix-request'],
      ['access', -503, 'back-off'],
      ['access', -507, 'ignore'],
      ['access', -311, 'contact-support'],
      ['access', -307, 'retry'],
      ['logic', 1, 'ignore'],
      ['logic', -100, 'retry'],
      ['qq', -73, 'reauthorize'],
      ['qq', -6, 'back-off'],
      ['wechat', 42001, 'refresh-token'],
      ['wechat', 40001, 'reauthorize'],
      ['wechat', 45009, 'back-off'],
      ['wechat', 44002, 'fix-request'],
      ['wechat', 43004, 'unknown'],
      ['qq-share', 99999, 'back-off'],
      ['qq-share', 34, 'ignore'],
      ['qzone-share', 1031, 'ignore'],
      ['bluediamond', -7, 'back-off'],
    ];
    for (const [table, code, action] of expected)
      expect(catalogRow(table, code).action, `${table}:${code}`).toBe(action);
  });

  it('classifies consistently: success rows none, re-authorize advice reauthorize, "-" advice unknown', () => {
    for (const r of catalog.rows) {
      if (['성공', 'ok'].includes(r.ko.meaning)) expect(r.action, key(r)).toBe('none');
      if (r.ko.advice === '권한을 다시 부여받으십시오.') expect(r.action, key(r)).toBe('reauthorize');
      // A row without advice is `unknown`, unless its meaning decided the class (its actionReason says why).
      if (r.ko.advice === '-' && r.ko.meaning !== 'ok' && !r.actionReason) expect(r.action, key(r)).toBe('unknown');
      if (r.ko.meaning.includes('빈도') || r.ko.advice.startsWith('빈도')) expect(r.action, key(r)).toBe('back-off');
    }
  });
});

describe('parseCatalog validation', () => {
  const raw = () => JSON.parse(readFileSync(catalogPath, 'utf8')) as { rows: Array<Record<string, unknown>> };

  it('accepts the shipped catalog', () => {
    expect(parseCatalog(raw()).rows).toHaveLength(229);
  });

  it('rejects an unknown action and names the row', () => {
    const data = raw();
    data.rows[3]!.action = 'explode';
    expect(() => parseCatalog(data, 'corrupt')).toThrow(CatalogError);
    expect(() => parseCatalog(data, 'corrupt')).toThrow(/corrupt is invalid: rows\.3\.action/);
  });

  it('rejects a duplicate (table, code)', () => {
    const data = raw();
    data.rows.push({ ...data.rows[1]! });
    expect(() => parseCatalog(data)).toThrow(CatalogError);
    expect(() => parseCatalog(data)).toThrow(/duplicate row access:-303/);
  });

  it('rejects authored advice on a row the document already advises', () => {
    const data = raw();
    data.rows[1]!.authored = { ko: '가', en: 'a', zh: '甲' };
    expect(() => parseCatalog(data)).toThrow(/rows\.1\.authored: access:-303 has the document's advice/);
  });

  it('rejects a range without its header row', () => {
    const data = raw() as unknown as { ranges: Array<{ max: number }> };
    data.ranges[0]!.max = -150;
    expect(() => parseCatalog(data)).toThrow(/ranges\.0: no header row logic:-150/);
  });

  it('rejects a row with an empty translation', () => {
    const data = raw();
    (data.rows[0]!.zh as { meaning: string }).meaning = '';
    expect(() => parseCatalog(data)).toThrow(/rows\.0\.zh\.meaning/);
  });
});

describe('corrections', () => {
  const explain = (text: string, lang: 'ko' | 'en' | 'zh' = 'en') =>
    analyze(text, { mode: 'explain', lang, catalog }).findings[0]!;
  const en = (r: CatalogRow) => [r.en.meaning, r.en.advice];
  const zh = (r: CatalogRow) => [r.zh.meaning, r.zh.advice];

  it("gives a range's header row and the codes beside it one action and one advice, in every language", () => {
    for (const [header, inside] of [
      [-100, -150],
      [-1000, -1500],
      [-2000, -2500],
      [-10000, -12345],
      [-20000, -25000],
      [-30000, -30500],
    ] as const) {
      for (const lang of LANGS) {
        const row = explain(`{"ret":${header}}`, lang);
        const range = explain(`{"ret":${inside}}`, lang);
        expect([row.source, range.source]).toEqual(['row', 'range']);
        expect(range.action, `${header} / ${inside}`).toBe(row.action);
        expect(range.meaning).toBe(row.meaning);
        expect(range.advice).toBe(row.advice);
      }
    }
    expect(explain('{"ret":-150}').action).toBe('retry');
    expect(explain('{"ret":-1500}').action).toBe('fix-request');
  });

  it("bounds the open-ended LBS range where the document's blocks of 10000 end: -501007 is no range's", () => {
    expect(catalog.rangeFor(-39999)?.max).toBe(-30000);
    expect(catalog.rangeFor(-40000)).toBeUndefined();
    expect(catalog.rangeFor(-501007)).toBeUndefined();
    expect(analyze('{"ret":-501007}', { mode: 'scan', catalog }).findings).toEqual([]);
  });

  it('translates meanings without changing or adding facts', () => {
    expect(catalogRow('wechat', -1).zh.meaning).toBe('系统错误');
    expect(catalogRow('wechat', 47001).zh.meaning).not.toMatch(/JSON|XML/);
    expect(catalogRow('wechat', 45011).zh.meaning).not.toMatch(/稍候|再试|重试/);
    expect(catalogRow('qq', 100011).en.meaning).toMatch(/not live/);
    expect(catalogRow('qq', 100011).en.meaning).not.toMatch(/online/);
    expect(catalogRow('gamecenter', -4012).en.meaning).toMatch(/greater than the existing data/);
    expect(catalogRow('gamecenter', -4012).zh.meaning).toMatch(/大于已有数据/);
    for (const r of [catalogRow('gamecenter', -4012).en, catalogRow('gamecenter', -4012).zh])
      expect(r.meaning).not.toMatch(/newer|新/);
    const business = catalog.rangeFor(-12345)!;
    expect(business.meaning.en).not.toMatch(/QQ/);
    expect(business.meaning.zh).not.toMatch(/QQ|手Q/);
    expect(catalogRow('logic', -1000).en.meaning).toBe('-1000 to -1999 are client return errors.');
    expect(catalogRow('logic', -2000).en.meaning).toBe('-2000 to -9999 are server return errors.');
  });

  it('uses one spelling per term in the Chinese WeChat rows', () => {
    const wechat = catalog.rows.filter((r) => r.table === 'wechat');
    expect(catalogRow('wechat', 40007).zh.meaning).toContain('media_id');
    expect(catalogRow('wechat', 41004).zh.meaning).toContain('appsecret');
    for (const code of [40029, 41008, 42003]) {
      expect(catalogRow('wechat', code).zh.meaning, `${code}`).toMatch(/\bcode\b/);
      expect(catalogRow('wechat', code).zh.meaning, `${code}`).not.toMatch(/oauth/);
    }
    for (const r of wechat) expect(zh(r).join(' '), key(r)).not.toMatch(/AppID|OpenID/);
    const expired = catalogRow('wechat', 42001).zh;
    expect(expired.meaning).toContain('已过期');
    expect(expired.advice).toContain('已过期');
    expect(catalogRow('wechat', 43004).zh.meaning).not.toContain('接收者');
  });

  it('writes English a person would write: no Chinese, one term per thing, short support line, closed brackets', () => {
    for (const r of catalog.rows) {
      const text = en(r).join(' ');
      expect(text, key(r)).not.toMatch(/[\u4e00-\u9fff]/);
      expect(text, key(r)).not.toMatch(/login type|the business|mobile online games|enterprise QQ \(/);
      if (text.includes('800013811'))
        expect(text, key(r)).toContain('MSDK technical support via Enterprise QQ 800013811');
    }
    for (const r of catalog.rows)
      for (const text of [...en(r), ...zh(r)]) {
        const count = (re: RegExp) => text.match(re)?.length ?? 0;
        expect(count(/[(（]/g), `${key(r)}: ${text}`).toBe(count(/[)）]/g));
      }
  });

  it('marks the advice the catalog wrote itself, and only that advice', () => {
    for (const code of [-100, -1000, -2000, -30000]) {
      const row = catalogRow('logic', code);
      expect(row.ko.advice, `${code} keeps the document's empty advice`).toBe('');
      expect(row.authored, `logic:${code}`).toBeDefined();
    }
    const marks = { ko: '(문서에 없음)', en: '(not in the document)', zh: '(文档未列出)' } as const;
    for (const lang of LANGS) {
      for (const code of [-100, -150]) {
        const analysis = analyze(`{"ret":${code}}`, { mode: 'explain', lang, catalog });
        expect(analysis.findings[0]!.authored, `${code} ${lang}`).toBe(true);
        expect(formatPlain(analysis, catalog, lang)).toContain(`${analysis.findings[0]!.advice} ${marks[lang]}`);
      }
      const documented = analyze('{"ret":-303}', { mode: 'explain', lang, catalog });
      expect(documented.findings[0]!.authored).toBeUndefined();
      expect(formatPlain(documented, catalog, lang)).not.toContain(marks[lang]);
    }
  });

  it("restores the blue-diamond footnote in all ten rows' advice, in three languages", () => {
    const footnote = collapse(markdown.trimEnd().split('\n').at(-1)!);
    expect(footnote).toMatch(/^다시 한 번 시도해 본 후/);
    const rows = catalog.rows.filter((r) => r.table === 'bluediamond');
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(catalog.rowAdvice(row, 'ko').advice, key(row)).toBe(`${row.ko.advice} ${footnote}`);
      expect(catalog.rowAdvice(row, 'en').advice, key(row)).toMatch(/Enterprise QQ 800013811\.$/);
      expect(catalog.rowAdvice(row, 'zh').advice, key(row)).toMatch(/800013811）联系移动网游 MSDK 技术团队。$/);
    }
    expect(explain('blue diamond gift: {"ret":-3}').advice).toBe(
      'Try again. If the problem persists after trying again, contact MSDK technical support via Enterprise QQ 800013811.',
    );
    expect(explain('{"ret":-3}').table).toBe('qq');
    expect(explain('{"ret":-3}').advice).not.toContain('persists');
  });

  it("records a reason wherever a row's action departs from what the document's advice asks", () => {
    const implied = (advice: string): Action | undefined => {
      if (advice.startsWith('다시 한 번 시도')) return 'retry';
      if (advice === '권한을 다시 부여받으십시오.') return 'reauthorize';
      if (advice.startsWith('방문 빈도가 제한')) return 'back-off';
      if (advice.startsWith('정상')) return 'ignore';
      return undefined;
    };
    const departs = catalog.rows.filter((r) => {
      const want = implied(r.ko.advice);
      return want !== undefined && want !== r.action;
    });
    expect(departs.map(key).sort()).toEqual(
      [
        'bluediamond:-7',
        'qq-share:99999',
        'wechat:45013',
        'wechat:45014',
        // Issue 22: "invalid parameter" and the like cannot be retried away; "no recent games" is no failure.
        'gamecenter:-4022',
        'gamecenter:-4033',
        'gamecenter:-4034',
        'gamecenter:-4024',
        'bluediamond:-3',
        'bluediamond:-4',
        'qq-share:100100',
      ].sort(),
    );
    for (const r of departs) expect(r.actionReason?.length, key(r)).toBeGreaterThan(20);
    // Whitelist states are not "safe to ignore": the user has to take a slot first.
    for (const code of [-10012, -10014]) {
      expect(catalogRow('logic', code).action).not.toBe('ignore');
      expect(catalogRow('logic', code).actionReason).toMatch(/whitelist/);
    }
    // A reason explains a departure; none is left on a row that follows its advice.
    const explained = catalog.rows.filter((r) => r.actionReason !== undefined).map(key);
    // And where the document gives no class-deciding advice, the meaning decided it (issue 22).
    const decided = ['qq:100012', 'wechat:44002', 'wechat:47001', 'wechat:40008', 'wechat:40036', 'wechat:40037'];
    expect(explained.sort()).toEqual([...departs.map(key), 'logic:-10012', 'logic:-10014', ...decided].sort());
  });

  it("notes where WeChat's current public list differs from the document (40032 / 42004)", () => {
    for (const [code, platform] of [
      [40032, '40030'],
      [42004, '42002'],
    ] as const) {
      const row = catalogRow('wechat', code);
      for (const lang of LANGS) expect(row.note?.[lang], `${code} ${lang}`).toContain(platform);
      const f = explain(`{"errcode":${code},"errmsg":"${row.en.meaning}"}`);
      expect(f).toMatchObject({ code, table: 'wechat', source: 'row' });
      expect(f.note).toContain(platform);
      expect(formatPlain({ findings: [f], matches: [] }, catalog, 'en')).toContain(`Note: ${f.note}`);
    }
  });
});

describe('the supplement beside the document', () => {
  const rawSupplement = () =>
    JSON.parse(readFileSync(supplementPath, 'utf8')) as { rows: Array<Record<string, unknown>> };
  const rawCatalog = () => JSON.parse(readFileSync(catalogPath, 'utf8')) as unknown;

  it('shares no (table, code) with the document', () => {
    const shared = rawSupplement()
      .rows.map((r) => `${r.table as string}:${r.code as number}`)
      .filter((k) => seedByKey.has(k));
    expect(shared).toEqual([]);
  });

  it('is loaded with the catalog and checked by the same schema', () => {
    expect(catalog.supplement.length).toBe(rawSupplement().rows.length);
    expect(catalog.supplement.length).toBeGreaterThanOrEqual(20);
    const broken = rawSupplement();
    (broken.rows[0]!.en as { meaning: string }).meaning = '';
    expect(() => parseCatalog(rawCatalog(), 'x', broken)).toThrow(/x supplement is invalid: rows\.0\.en\.meaning/);
  });

  it('refuses a row that would shadow a document row, naming it', () => {
    const data = rawSupplement();
    data.rows.push({ ...data.rows[0]!, code: 40001 });
    expect(() => parseCatalog(rawCatalog(), 'x', data)).toThrow(CatalogError);
    expect(() => parseCatalog(rawCatalog(), 'x', data)).toThrow(/repeats document rows: wechat:40001/);
  });

  it('refuses a row without an https reference', () => {
    for (const reference of [
      undefined,
      'http://wiki.connect.qq.com/x',
      'https://x.qq.com/a b',
      'https://x.qq.com/a)b',
    ]) {
      const data = rawSupplement();
      data.rows[0]!.reference = reference;
      expect(() => parseCatalog(rawCatalog(), 'x', data), String(reference)).toThrow(/rows\.0\.reference/);
    }
  });
});
