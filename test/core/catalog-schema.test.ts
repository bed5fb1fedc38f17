import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/core/catalog-check.js';
import { CatalogError } from '../../src/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: the shipped JSON, edited to break one field of its schema
type Json = any;
const read = (name: string): Json => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8'));

/** Runs `checkCatalog` on copies of data/catalog.json, data/supplement.json and data/client.json, after `edit`. */
function checkEdited(edit: (catalog: Json, supplement: Json, client: Json) => void): () => unknown {
  const catalog = read('catalog.json');
  const supplement = read('supplement.json');
  const client = read('client.json');
  edit(catalog, supplement, client);
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'msdk-catalog-'));
    try {
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
      writeFileSync(join(dir, 'supplement.json'), JSON.stringify(supplement));
      writeFileSync(join(dir, 'client.json'), JSON.stringify(client));
      return checkCatalog(join(dir, 'catalog.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('the build-time catalog check', () => {
  it('passes data/catalog.json and fails the build on a catalog that breaks the schema', () => {
    expect(checkCatalog().rows).toHaveLength(229);
    const broken = checkEdited((catalog) => (catalog.rows[0].action = 'panic'));
    expect(broken).toThrow(CatalogError);
    expect(broken).toThrow(/rows\.0\.action/);
  });

  it('also checks the supplement beside the catalog', () => {
    const broken = checkEdited((_, supplement) => (supplement.rows[0].reference = 'http://not-https.example'));
    expect(broken).toThrow(/supplement is invalid: rows\.0\.reference/);
  });

  it('also checks the client codes beside the catalog: https references, one row per name', () => {
    expect(checkCatalog().client.length).toBeGreaterThan(0);
    const http = checkEdited((_, __, client) => (client.rows[0].reference.ko = 'http://not-https.example'));
    expect(http).toThrow(/client codes is invalid: rows\.0\.reference\.ko/);
    const twice = checkEdited((_, __, client) => (client.rows[1].name = client.rows[0].name));
    expect(twice).toThrow(/client codes is invalid: rows\.1\.name: duplicate eFlag_Succ/);
    // A constant is a name too: one that were another row's constant (or name) would answer for two rows.
    const constantTwice = checkEdited((_, __, client) => {
      const wechat = client.rows.filter((r: { table: string }) => r.table === 'wechat-sdk');
      wechat[1].constant.name = wechat[0].constant.name;
    });
    expect(constantTwice).toThrow(/client codes is invalid: rows\.\d+\.constant: duplicate ERR_OK/);
    const lowercase = checkEdited((_, __, client) => {
      client.rows.find((r: { table: string }) => r.table === 'wechat-sdk').constant.name = 'err_ok';
    });
    expect(lowercase).toThrow(/client codes is invalid: rows\.\d+\.constant\.name/);
    const backend = checkEdited((_, __, client) => (client.rows[0].table = 'qq'));
    expect(backend).toThrow(/client codes is invalid: rows\.0\.table/);
  });
});
