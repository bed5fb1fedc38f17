import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/core/catalog-check.js';
import { CatalogError } from '../../src/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: the shipped JSON, edited to break one field of its schema
type Json = any;
const read = (name: string): Json => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8'));

/** Runs `checkCatalog` on copies of data/catalog.json and data/supplement.json, after `edit`. */
function checkEdited(edit: (catalog: Json, supplement: Json) => void): () => unknown {
  const catalog = read('catalog.json');
  const supplement = read('supplement.json');
  edit(catalog, supplement);
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'msdk-catalog-'));
    try {
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
      writeFileSync(join(dir, 'supplement.json'), JSON.stringify(supplement));
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
});
