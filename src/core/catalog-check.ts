/**
 * A catalog checked against its schema (catalog-schema.ts), for catalogs from anywhere and for the
 * build's and the server's check of data/catalog.json. The CLI's look-ups skip it (catalog.ts trusts
 * the checked files), so they never load zod.
 */
import { Catalog } from './catalog.js';
import { clientPathFor, defaultCatalogPath, readCatalogJson, supplementPathFor } from './catalog-file.js';
import { validateCatalog } from './catalog-schema.js';

/**
 * Validates the catalog (and the supplement and client codes, when given) and builds it; throws a
 * CatalogError naming the first problems.
 */
export function parseCatalog(
  json: unknown,
  origin = 'catalog',
  supplementJson?: unknown,
  clientJson?: unknown,
): Catalog {
  const { data, supplement, client } = validateCatalog(json, origin, supplementJson, clientJson);
  return new Catalog(data, supplement, client);
}

/**
 * The build's check of data/catalog.json and the supplement and client codes beside it: throws (and
 * fails the build) when one does not match its schema or the supplement repeats a document row.
 */
export function checkCatalog(
  path = defaultCatalogPath(),
  supplementPath = supplementPathFor(path),
  clientPath = clientPathFor(path),
): Catalog {
  return parseCatalog(readCatalogJson(path), path, readCatalogJson(supplementPath), readCatalogJson(clientPath));
}
