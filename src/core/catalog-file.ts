/**
 * The catalog's files: where data/catalog.json and its supplement are, how they are read, and what the
 * document writes for "no advice". Shared by the trusting loader (catalog.ts) and the schema check
 * (catalog-schema.ts, catalog-check.ts), so neither imports the other.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogError } from '../errors.js';

/** The document leaves a row's advice empty or writes `-` where it gives none. */
export const isBlank = (advice: string) => advice === '' || advice === '-';

/** Walks up from this module to the package root, so the same code works from src/ and dist/src/. */
export function defaultCatalogPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data', 'catalog.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new CatalogError(`data/catalog.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function readCatalogJson(path = defaultCatalogPath()): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CatalogError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** The SDKs' client codes beside a catalog (`client.json` in the catalog's folder). */
export function clientPathFor(catalogPath: string): string {
  return join(dirname(catalogPath), 'client.json');
}

/** The supplement beside a catalog (`supplement.json` in the catalog's folder). */
export function supplementPathFor(catalogPath: string): string {
  return join(dirname(catalogPath), 'supplement.json');
}
