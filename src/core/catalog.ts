import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogError } from '../errors.js';
import type { CatalogData, CatalogRange, CatalogRow } from './catalog-schema.js';
import type { Action, Lang, TableId } from './types.js';

export type { CatalogData, CatalogRange, CatalogRow };

export class Catalog {
  readonly rows: readonly CatalogRow[];
  private readonly byCode = new Map<number, CatalogRow[]>();
  private readonly data: CatalogData;

  constructor(data: CatalogData) {
    this.data = data;
    this.rows = data.rows;
    for (const row of data.rows) {
      const list = this.byCode.get(row.code);
      if (list) list.push(row);
      else this.byCode.set(row.code, [row]);
    }
  }

  /** Every row listing `code`, in document order. */
  lookup(code: number): readonly CatalogRow[] {
    return this.byCode.get(code) ?? [];
  }

  /** The narrowest of the document's ranges that covers `code`. */
  rangeFor(code: number): CatalogRange | undefined {
    let best: CatalogRange | undefined;
    for (const r of this.data.ranges) {
      if (code > r.max || (r.min !== undefined && code < r.min)) continue;
      if (!best || r.max < best.max) best = r;
    }
    return best;
  }

  tableName(id: TableId, lang: Lang): string {
    const t = this.data.tables.find((x) => x.id === id);
    return t ? t.name[lang] : id;
  }

  actionLabel(action: Action, lang: Lang): string {
    return this.data.actions.find((a) => a.id === action)?.label[lang] ?? action;
  }

  /** Generic advice for an action class, used when a row has none of its own. */
  actionAdvice(action: Action, lang: Lang): string {
    return this.data.actions.find((a) => a.id === action)?.advice[lang] ?? '';
  }

  errType(value: number): { action: Action; text: Record<Lang, string> } | undefined {
    return this.data.errTypes.find((e) => e.value === value);
  }
}

/** Walks up from this module to the package root, so the same code works from src/ and dist/src/. */
function defaultCatalogPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data', 'catalog.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new CatalogError(`data/catalog.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * The catalog at `path`, trusted as it is: data/catalog.json is checked against its schema by the
 * build and the tests (catalog-schema.ts), so a look-up does not load zod and validate on every start.
 * Catalogs from anywhere else go through `parseCatalog`.
 */
export function loadCatalog(path = defaultCatalogPath()): Catalog {
  return new Catalog(readCatalogJson(path) as CatalogData);
}

export function readCatalogJson(path = defaultCatalogPath()): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CatalogError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

let shared: Catalog | undefined;
/** The catalog every channel shares, loaded once. */
export function defaultCatalog(): Catalog {
  shared ??= loadCatalog();
  return shared;
}
