import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogRow } from '../src/core/catalog.js';
import { parseCatalog } from '../src/core/catalog-schema.js';
import { CatalogError } from '../src/errors.js';
import { TABLE_IDS, type Action, type TableId } from '../src/core/types.js';
import { collapse, parseSeed, type SeedRow } from './helpers/seed.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const seedPath = resolve(repoRoot, 'data/source/msdk-error-codes.ko.md');
const catalogPath = resolve(repoRoot, 'data/catalog.json');

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

const EXPECTED_COUNTS: Record<TableId, number> = {
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
    expect(order).toEqual([...TABLE_IDS]);
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
        'Try again. If it still fails, contact the MSDK technical support team for mobile online games through enterprise QQ (800013811).',
      );
      expect(r.zh.advice, key(r)).toBe('请重试。如仍失败，请通过企业QQ（800013811）联系移动网游 MSDK 技术支持团队。');
    }
  });

  it('keeps technical tokens verbatim', () => {
    expect(catalogRow('access', -502).en.advice).toContain('sig=md5(appkey + timestamp)');
    expect(catalogRow('access', -502).zh.advice).toContain('sig=md5(appkey + timestamp)');
    expect(catalogRow('wechat', 40001).en.meaning).toBe('invalid credential');
    expect(catalogRow('wechat', 40001).zh.meaning).toBe('不合法的调用凭证');
    expect(catalogRow('wechat', 42001).zh.meaning).toBe('access_token 超时');
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
      ['logic', -100, 'unknown'],
      ['qq', -73, 'reauthorize'],
      ['qq', -6, 'back-off'],
      ['wechat', 42001, 'refresh-token'],
      ['wechat', 40001, 'reauthorize'],
      ['wechat', 45009, 'back-off'],
      ['wechat', 44002, 'unknown'],
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
      if (r.ko.advice === '-' && r.ko.meaning !== 'ok') expect(r.action, key(r)).toBe('unknown');
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

  it('rejects a row with an empty translation', () => {
    const data = raw();
    (data.rows[0]!.zh as { meaning: string }).meaning = '';
    expect(() => parseCatalog(data)).toThrow(/rows\.0\.zh\.meaning/);
  });
});
