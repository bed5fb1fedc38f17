import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/core/catalog-schema.js';
import { CatalogError } from '../../src/errors.js';

describe('the build-time catalog check', () => {
  it('passes data/catalog.json and fails the build on a catalog that breaks the schema', () => {
    expect(checkCatalog().rows).toHaveLength(229);
    const dir = mkdtempSync(join(tmpdir(), 'msdk-catalog-'));
    try {
      const data = JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8'));
      data.rows[0].action = 'panic';
      const path = join(dir, 'catalog.json');
      writeFileSync(path, JSON.stringify(data));
      expect(() => checkCatalog(path)).toThrow(CatalogError);
      expect(() => checkCatalog(path)).toThrow(/rows\.0\.action/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
