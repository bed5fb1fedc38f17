/**
 * A catalog checked against its schema (catalog-schema.ts), for catalogs from anywhere and for the
 * build's and the server's check of data/catalog.json. The CLI's look-ups skip it (catalog.ts trusts
 * the checked files), so they never load zod.
 */
import { Catalog } from './catalog.js';
import { defaultCatalogPath, readCatalogJson, supplementPathFor } from './catalog-file.js';
import { validateCatalog } from './catalog-schema.js';

/** Validates the catalog (and the supplement, when given) and builds it; throws a CatalogError naming the first problems. */
export function parseCatalog(json: unknown, origin = 'catalog', supplementJson?: unknown): Catalog {
  const { data, supplement } = validateCatalog(json, origin, supplementJson);
  return new Catalog(data, supplement);
}

/**
 * The build's check of data/catalog.json and the supplement beside it: throws (and fails the build)
 * when either does not match its schema or the supplement repeats a document row.
 */
export function checkCatalog(path = defaultCatalogPath(), supplementPath = supplementPathFor(path)): Catalog {
  return parseCatalog(readCatalogJson(path), path, readCatalogJson(supplementPath));
}
