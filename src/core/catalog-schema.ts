/**
 * The catalog's schema (zod). Kept apart from catalog.ts so a look-up never loads zod: the build
 * (`npm run build` runs `checkCatalog`, catalog-check.ts), the tests and the server's start validate data/catalog.json and
 * data/supplement.json; the CLI trusts them.
 */
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { isBlank } from './catalog-file.js';
import { ACTIONS, CLIENT_TABLE_IDS, DOCUMENT_TABLE_IDS, type TableId } from './types.js';

const Localized = z.object({ ko: z.string().min(1), en: z.string().min(1), zh: z.string().min(1) });
const RowText = z.object({ meaning: z.string().min(1), advice: z.string() });

const RowSchema = z.object({
  table: z.enum(DOCUMENT_TABLE_IDS),
  code: z.number().int(),
  /** The platform's own English errmsg for the code, where it differs from the meaning: compared with the words beside a code. */
  errmsg: z.string().min(1).optional(),
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

// Rendered as a link in Slack and WeCom: no blank, bracket or parenthesis may end it early.
const Https = z.string().regex(/^https:\/\/[^\s()<>[\]|]+$/, 'an https address');
const AdvisedText = RowText.extend({ advice: z.string().min(1) });

/** A platform code the document lacks, with the platform's official documentation of it. */
const SupplementRowSchema = RowSchema.omit({ authored: true }).extend({
  ko: AdvisedText,
  en: AdvisedText,
  zh: AdvisedText,
  reference: Https,
  /** The platform's page explains the code but gives no advice: the advice is the catalog's. */
  adviceAuthored: z.literal(true).optional(),
});

/**
 * An SDK's client-side result code (data/client.json): an MSDK `eFlag`, a WeChat SDK `errCode`, a QQ
 * SDK send result, with the public page that lists it in each language.
 */
const ClientRowSchema = z.object({
  table: z.enum(CLIENT_TABLE_IDS),
  code: z.number().int(),
  /** The SDK's own name of the code (`eFlag_WX_UserCancel`): enough on its own to answer. */
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]+$/)
    .optional(),
  /**
   * The SDK's constant for the code where the name alone says little (`ERR_AUTH_DENIED` of the
   * Android WeChat SDK's `BaseResp.ErrCode`: other SDKs name their codes `ERR_*` too), with the source
   * that lists it. Read only with its own value beside it, and with the SDK named near it or a second
   * constant of the table beside its own value (client-codes.ts).
   */
  constant: z
    .object({
      name: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
      reference: Https,
    })
    .optional(),
  action: z.enum(ACTIONS),
  ko: AdvisedText,
  en: AdvisedText,
  zh: AdvisedText,
  reference: z.object({ ko: Https, en: Https, zh: Https }),
  /** The page gives no handling for the code: the advice is the catalog's. */
  authored: z.literal(true).optional(),
  actionReason: z.string().min(1).optional(),
});

/**
 * A range rule covers codes with max >= code >= min (min absent: no lower bound). Its meaning, action and
 * advice are those of the document's header row (logic table, code = max): one source of truth for both.
 */
const RangeSchema = z.object({
  table: z.enum(DOCUMENT_TABLE_IDS),
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
          id: z.enum(DOCUMENT_TABLE_IDS),
          name: Localized,
          /** A note the document prints under the table, part of every row's advice. */
          footnote: Localized.optional(),
        }),
      )
      .length(DOCUMENT_TABLE_IDS.length),
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

const ClientSchema = z.object({ rows: z.array(ClientRowSchema).min(1) }).superRefine((s, ctx) => {
  noDuplicates(s.rows, ctx);
  const names = new Set<string>();
  s.rows.forEach((r, i) => {
    for (const [name, path] of [
      [r.name, 'name'],
      [r.constant?.name, 'constant'],
    ] as const) {
      if (!name) continue;
      // One name, one row: a name that were both a row's name and another's constant would answer twice.
      if (names.has(name.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['rows', i, path], message: `duplicate ${name}` });
      names.add(name.toLowerCase());
    }
  });
});

export type CatalogRow = z.infer<typeof RowSchema>;
export type ClientRow = z.infer<typeof ClientRowSchema>;
export type ClientData = z.infer<typeof ClientSchema>;
export type SupplementRow = z.infer<typeof SupplementRowSchema>;
export type CatalogData = z.infer<typeof CatalogSchema>;
export type SupplementData = z.infer<typeof SupplementSchema>;

function validate<T>(schema: z.ZodType<T>, json: unknown, origin: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CatalogError(`${origin} is invalid: ${first.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Validates the document catalog and, when given, the supplement and the SDKs' client codes. The
 * supplement only adds codes: a (table, code) it shares with the document is an error, so it can never
 * shadow the document's row.
 */
export function validateCatalog(
  json: unknown,
  origin = 'catalog',
  supplementJson?: unknown,
  clientJson?: unknown,
): { data: CatalogData; supplement?: SupplementData; client?: ClientData } {
  const data = validate(CatalogSchema, json, origin);
  const client = clientJson === undefined ? undefined : validate(ClientSchema, clientJson, `${origin} client codes`);
  if (supplementJson === undefined) return client ? { data, client } : { data };
  const supplement = validate(SupplementSchema, supplementJson, `${origin} supplement`);
  const documented = new Set(data.rows.map(keyOf));
  const shadowing = supplement.rows.filter((r) => documented.has(keyOf(r))).map(keyOf);
  if (shadowing.length > 0) {
    throw new CatalogError(`${origin} supplement repeats document rows: ${shadowing.join(', ')}`);
  }
  return client ? { data, supplement, client } : { data, supplement };
}
