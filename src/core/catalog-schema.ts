/**
 * The catalog's schema (zod). Kept apart from catalog.ts so a look-up never loads zod: the build
 * (`npm run build` runs `checkCatalog`) and the tests validate data/catalog.json, the runtime trusts it.
 */
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { Catalog, readCatalogJson } from './catalog.js';
import { ACTIONS, TABLE_IDS } from './types.js';

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

export function parseCatalog(json: unknown, origin = 'catalog'): Catalog {
  const parsed = CatalogSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CatalogError(`${origin} is invalid: ${first.join('; ')}`);
  }
  return new Catalog(parsed.data);
}

/** The build's check of data/catalog.json: throws (and fails the build) when it does not match the schema. */
export function checkCatalog(path?: string): Catalog {
  return parseCatalog(readCatalogJson(path), path ?? 'data/catalog.json');
}
