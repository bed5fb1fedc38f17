import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { ACTIONS, TABLE_IDS, type Action, type Lang, type TableId } from './types.js';

const Localized = z.object({ ko: z.string().min(1), en: z.string().min(1), zh: z.string().min(1) });
const RowText = z.object({ meaning: z.string().min(1), advice: z.string() });
const isBlank = (advice: string) => advice === '' || advice === '-';

const RowSchema = z.object({
  table: z.enum(TABLE_IDS),
  code: z.number().int(),
  action: z.enum(ACTIONS),
  ko: RowText,
  en: RowText,
  zh: RowText,
  /** Advice the catalog wrote where the document gives none: replies mark it "(not in the document)". */
  authored: Localized.optional(),
  /** Where the platform's current public documentation differs from the document. */
  note: Localized.optional(),
  /** Why the action class departs from what the document's own advice would give. */
  actionReason: z.string().min(1).optional(),
});

/** A platform code the document lacks, with the platform's official documentation of it. */
const SupplementRowSchema = RowSchema.omit({ authored: true, actionReason: true }).extend({
  ko: RowText.extend({ advice: z.string().min(1) }),
  en: RowText.extend({ advice: z.string().min(1) }),
  zh: RowText.extend({ advice: z.string().min(1) }),
  // Rendered as a link in Slack and WeCom: no blank, bracket or parenthesis may end it early.
  reference: z.string().regex(/^https:\/\/[^\s()<>[\]|]+$/, 'an https address'),
});

/**
 * A range rule covers codes with max >= code >= min (min absent: no lower bound). Its meaning, action and
 * advice are those of the document's header row (logic table, code = max): one source of truth for both.
 */
const RangeSchema = z.object({
  table: z.enum(TABLE_IDS),
  max: z.number().int(),
  min: z.number().int().optional(),
});

const ErrTypeSchema = z.object({ value: z.number().int(), action: z.enum(ACTIONS), text: Localized });

const keyOf = (r: { table: TableId; code: number }) => `${r.table}:${r.code}`;

function noDuplicates(rows: ReadonlyArray<{ table: TableId; code: number }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const key = keyOf(r);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rows', i], message: `duplicate row ${key}` });
    seen.add(key);
  });
}

const CatalogSchema = z
  .object({
    tables: z
      .array(
        z.object({
          id: z.enum(TABLE_IDS),
          name: Localized,
          /** A note the document prints under the table, part of every row's advice. */
          footnote: Localized.optional(),
        }),
      )
      .length(TABLE_IDS.length),
    ranges: z.array(RangeSchema),
    errTypes: z.array(ErrTypeSchema),
    actions: z.array(z.object({ id: z.enum(ACTIONS), label: Localized, advice: Localized })).length(ACTIONS.length),
    rows: z.array(RowSchema).min(1),
  })
  .superRefine((c, ctx) => {
    noDuplicates(c.rows, ctx);
    c.rows.forEach((r, i) => {
      if (r.authored && !isBlank(r.ko.advice))
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'authored'],
          message: `${keyOf(r)} has the document's advice`,
        });
    });
    c.ranges.forEach((range, i) => {
      if (!c.rows.some((r) => r.table === range.table && r.code === range.max))
        ctx.addIssue({ code: 'custom', path: ['ranges', i], message: `no header row ${range.table}:${range.max}` });
    });
  });

const SupplementSchema = z
  .object({ rows: z.array(SupplementRowSchema).min(1) })
  .superRefine((s, ctx) => noDuplicates(s.rows, ctx));

export type CatalogRow = z.infer<typeof RowSchema>;
export type SupplementRow = z.infer<typeof SupplementRowSchema>;
export type CatalogData = z.infer<typeof CatalogSchema>;
export type SupplementData = z.infer<typeof SupplementSchema>;

/** A range rule with the text and action of its header row. `authored`: the advice is the catalog's, not the document's. */
export interface CatalogRange {
  table: TableId;
  max: number;
  min?: number;
  action: Action;
  meaning: Record<Lang, string>;
  advice: Record<Lang, string>;
  authored: boolean;
}

/** The advice a reply shows for a row, and whether the catalog (not the document) wrote it. */
export interface RowAdvice {
  advice: string;
  authored: boolean;
}

function indexByCode<R extends { code: number }>(rows: readonly R[]): Map<number, R[]> {
  const byCode = new Map<number, R[]>();
  for (const row of rows) {
    const list = byCode.get(row.code);
    if (list) list.push(row);
    else byCode.set(row.code, [row]);
  }
  return byCode;
}

export class Catalog {
  readonly rows: readonly CatalogRow[];
  /** Platform codes the document does not list (data/supplement.json). */
  readonly supplement: readonly SupplementRow[];
  private readonly byCode: Map<number, CatalogRow[]>;
  private readonly supplementByCode: Map<number, SupplementRow[]>;
  private readonly ranges: readonly CatalogRange[];
  private readonly data: CatalogData;

  constructor(data: CatalogData, supplement: SupplementData = { rows: [] }) {
    this.data = data;
    this.rows = data.rows;
    this.supplement = supplement.rows;
    this.byCode = indexByCode(data.rows);
    this.supplementByCode = indexByCode(supplement.rows);
    this.ranges = data.ranges.map((r) => {
      const header = this.lookup(r.max).find((row) => row.table === r.table)!;
      const text = (lang: Lang) => this.rowAdvice(header, lang);
      const range: CatalogRange = {
        table: r.table,
        max: r.max,
        action: header.action,
        meaning: { ko: header.ko.meaning, en: header.en.meaning, zh: header.zh.meaning },
        advice: { ko: text('ko').advice, en: text('en').advice, zh: text('zh').advice },
        authored: text('en').authored,
      };
      if (r.min !== undefined) range.min = r.min;
      return range;
    });
  }

  /** Every row of the document listing `code`, in document order. */
  lookup(code: number): readonly CatalogRow[] {
    return this.byCode.get(code) ?? [];
  }

  /** Every supplement row for `code` (never one of a (table, code) the document lists). */
  supplementFor(code: number): readonly SupplementRow[] {
    return this.supplementByCode.get(code) ?? [];
  }

  /** The narrowest of the document's ranges that covers `code`. */
  rangeFor(code: number): CatalogRange | undefined {
    let best: CatalogRange | undefined;
    for (const r of this.ranges) {
      if (code > r.max || (r.min !== undefined && code < r.min)) continue;
      if (!best || r.max < best.max) best = r;
    }
    return best;
  }

  /**
   * A row's advice as replies show it: the document's words and the table's footnote; where the document
   * has none, the catalog's own (`authored`), else the action class's generic advice (also the catalog's).
   */
  rowAdvice(row: CatalogRow, lang: Lang): RowAdvice {
    const own = row[lang].advice;
    if (!isBlank(own)) {
      const footnote = this.data.tables.find((t) => t.id === row.table)?.footnote;
      return { advice: footnote ? `${own} ${footnote[lang]}` : own, authored: false };
    }
    if (row.authored) return { advice: row.authored[lang], authored: true };
    return { advice: this.actionAdvice(row.action, lang), authored: true };
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

function validate<T>(schema: z.ZodType<T>, json: unknown, origin: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CatalogError(`${origin} is invalid: ${first.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Validates the document catalog and, when given, the supplement. The supplement only adds codes: a
 * (table, code) it shares with the document is an error, so it can never shadow the document's row.
 */
export function parseCatalog(json: unknown, origin = 'catalog', supplementJson?: unknown): Catalog {
  const data = validate(CatalogSchema, json, origin);
  if (supplementJson === undefined) return new Catalog(data);
  const supplement = validate(SupplementSchema, supplementJson, `${origin} supplement`);
  const documented = new Set(data.rows.map(keyOf));
  const shadowing = supplement.rows.filter((r) => documented.has(keyOf(r))).map(keyOf);
  if (shadowing.length > 0) {
    throw new CatalogError(`${origin} supplement repeats document rows: ${shadowing.join(', ')}`);
  }
  return new Catalog(data, supplement);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CatalogError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** The catalog and the supplement beside it (`supplement.json` in the catalog's folder). */
export function loadCatalog(
  path = defaultCatalogPath(),
  supplementPath = join(dirname(path), 'supplement.json'),
): Catalog {
  return parseCatalog(readJson(path), path, readJson(supplementPath));
}

let shared: Catalog | undefined;
/** The catalog every channel shares, loaded and validated once. */
export function defaultCatalog(): Catalog {
  shared ??= loadCatalog();
  return shared;
}
