import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { defaultCatalog } from '../../src/core/catalog.js';
import { formatPlain } from '../../src/core/present.js';

const catalog = defaultCatalog();
const first = (text: string) => analyze(text, { mode: 'explain', lang: 'en', catalog }).findings[0]!;
const row = (table: string, code: number) => catalog.lookup(code).find((r) => r.table === table)!;

/**
 * Rows whose meaning contradicted their boilerplate class ("Invalid parameter" → retry) and the WeChat
 * rows the document leaves without advice (`unknown`): each decided, with why where it departs.
 */
describe('the classes issue 22 decided', () => {
  it.each([
    ['game center {"ret":-4022}', 'gamecenter', -4022, 'fix-request'],
    ['game center {"ret":-4033}', 'gamecenter', -4033, 'fix-request'],
    ['game center {"ret":-4034}', 'gamecenter', -4034, 'fix-request'],
    ['game center {"ret":-4024}', 'gamecenter', -4024, 'ignore'],
    ['蓝钻礼包 {"ret":-3}', 'bluediamond', -3, 'fix-request'],
    ['蓝钻礼包 {"ret":-4}', 'bluediamond', -4, 'fix-request'],
    ['POST /share/qq {"ret":100100}', 'qq-share', 100100, 'fix-request'],
    ['QQ {"ret":100012,"msg":"not a POST request"}', 'qq', 100012, 'fix-request'],
    ['{"errcode":44002,"errmsg":"empty post data"}', 'wechat', 44002, 'fix-request'],
    ['{"errcode":47001,"errmsg":"data format error"}', 'wechat', 47001, 'fix-request'],
    ['{"errcode":40008,"errmsg":"invalid message type"}', 'wechat', 40008, 'fix-request'],
    ['{"errcode":40036,"errmsg":"invalid template_id size"}', 'wechat', 40036, 'fix-request'],
    ['{"errcode":40037,"errmsg":"invalid template_id"}', 'wechat', 40037, 'fix-request'],
  ] as const)('%s → %s %s', (text, table, code, action) => {
    expect(first(text)).toMatchObject({ code, table, action });
    expect(row(table, code).actionReason).toMatch(/\w{4,}/);
  });

  it('the five WeChat rows left unknown are decided', () => {
    const unknown = catalog.rows.filter((r) => r.table === 'wechat' && r.action === 'unknown').map((r) => r.code);
    for (const code of [44002, 47001, 40008, 40036, 40037]) expect(unknown).not.toContain(code);
  });
});

describe('supplement wording', () => {
  it("40035 says WeChat's own words, 40226 that it is a mini-program login code", () => {
    expect(first('{"errcode":40035}').meaning).toBe('invalid args size');
    expect(first('{"errcode":40226}').meaning).toMatch(/mini-program login \(code2Session\)/);
  });

  it.each([
    ['{"errcode":40163,"errmsg":"code been used"}'],
    ['{"errcode":43101,"errmsg":"user refuse to accept the msg"}'],
    ['callback( {"error":100019,"error_description":"code to access token error"} );'],
  ])('%s: the advice we wrote is marked as ours', (text) => {
    const f = first(text);
    expect(f).toMatchObject({ source: 'supplement', authored: true });
    expect(formatPlain({ findings: [f], matches: [] }, catalog, 'en')).toContain(
      "(our advice: the platform's page gives none)",
    );
  });

  it("the platform's own advice stays unmarked", () => {
    const f = first('{"errcode":40164,"errmsg":"invalid ip 1.2.3.4, not in whitelist"}');
    expect(f.authored).toBeUndefined();
  });
});
