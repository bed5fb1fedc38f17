import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { ACTIONS, TABLE_IDS, type Action, type Lang, type TableId } from './types.js';

const Localized = z.object({ ko: z.string().min(1), en: z.string().min(1), zh: z.string().min(1) });
const RowText = z.object({ meaning: z.string().min(1), advice: z.string() });

const RowSchema = z.object({
  table: z.enum(TABLE_IDS),
  code: z.number().int(),
  action: z.enum(ACTIONS),
  ko: RowText,
  en: RowText,
  zh: RowText,
});

/** A range covers codes with max >= code >= min (min absent: no lower bound). */
const RangeSchema = z.object({
  table: z.enum(TABLE_IDS),
  max: z.number().int(),
  min: z.number().int().optional(),
  action: z.enum(ACTIONS),
  meaning: Localized,
  advice: Localized,
});

const ErrTypeSchema = z.object({ value: z.number().int(), action: z.enum(ACTIONS), text: Localized });

const CatalogSchema = z
  .object({
    tables: z.array(z.object({ id: z.enum(TABLE_IDS), name: Localized })).length(TABLE_IDS.length),
    ranges: z.array(RangeSchema),
    errTypes: z.array(ErrTypeSchema),
    actions: z.array(z.object({ id: z.enum(ACTIONS), label: Localized, advice: Localized })).length(ACTIONS.length),
    rows: z.array(RowSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.rows.forEach((r, i) => {
      const key = `${r.table}:${r.code}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rows', i], message: `duplicate row ${key}` });
      seen.add(key);
    });
  });

export type CatalogRow = z.infer<typeof RowSchema>;
export type CatalogRange = z.infer<typeof RangeSchema>;
export type CatalogData = z.infer<typeof CatalogSchema>;

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

export function parseCatalog(json: unknown, origin = 'catalog'): Catalog {
  const parsed = CatalogSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CatalogError(`${origin} is invalid: ${first.join('; ')}`);
  }
  return new Catalog(parsed.data);
}

export function loadCatalog(path = defaultCatalogPath()): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CatalogError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return parseCatalog(json, path);
}

let shared: Catalog | undefined;
/** The catalog every channel shares, loaded and validated once. */
export function defaultCatalog(): Catalog {
  shared ??= loadCatalog();
  return shared;
}
