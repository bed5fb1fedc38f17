import { existsSync } from 'node:fs';
import { clientPathFor, defaultCatalogPath, isBlank, readCatalogJson, supplementPathFor } from './catalog-file.js';
import type {
  CatalogData,
  CatalogRow,
  ClientData,
  ClientRow,
  SupplementData,
  SupplementRow,
} from './catalog-schema.js';
import { type Action, CLIENT_TABLE_IDS, type ClientTableId, type Lang, type TableId } from './types.js';
import { uiText } from './ui-text.js';

export type { CatalogData, CatalogRow, ClientData, ClientRow, SupplementData, SupplementRow };

export const isClientTable = (id: TableId): id is ClientTableId => (CLIENT_TABLE_IDS as readonly string[]).includes(id);

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
  /** The SDKs' client-side result codes (data/client.json): never a backend code. */
  readonly client: readonly ClientRow[];
  private readonly clientByCode: Map<number, ClientRow[]>;
  private readonly clientByName: Map<string, ClientRow>;
  private readonly clientByConstant: Map<string, ClientRow>;
  private readonly ranges: readonly CatalogRange[];
  private readonly data: CatalogData;

  constructor(data: CatalogData, supplement: SupplementData = { rows: [] }, client: ClientData = { rows: [] }) {
    this.data = data;
    this.rows = data.rows;
    this.supplement = supplement.rows;
    this.byCode = indexByCode(data.rows);
    this.supplementByCode = indexByCode(supplement.rows);
    this.client = client.rows;
    this.clientByCode = indexByCode(client.rows);
    this.clientByName = new Map(client.rows.flatMap((r) => (r.name ? [[r.name.toLowerCase(), r] as const] : [])));
    this.clientByConstant = new Map(client.rows.flatMap((r) => (r.constant ? [[r.constant.name, r] as const] : [])));
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

  /** The client table's row for `code`, if it lists one. */
  clientRow(table: ClientTableId, code: number): ClientRow | undefined {
    return this.clientByCode.get(code)?.find((r) => r.table === table);
  }

  /** The client row the SDK names so (`eFlag_WX_UserCancel`; case does not matter). */
  clientNamed(name: string): ClientRow | undefined {
    return this.clientByName.get(name.toLowerCase());
  }

  /**
   * The client row whose SDK constant is exactly `name` (`ERR_AUTH_DENIED`; case matters, as in the
   * SDK's source). Not enough on its own: see `ClientRow.constant`.
   */
  clientConstant(name: string): ClientRow | undefined {
    return this.clientByConstant.get(name);
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
    if (t) return t.name[lang];
    return isClientTable(id) ? uiText(lang).clientTables[id] : id;
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

/**
 * The catalog at `path` and its supplement, trusted as they are: data/catalog.json and data/supplement.json
 * are checked against their schemas by the build, the tests and the server's start (catalog-schema.ts),
 * so a look-up does not load zod and validate on every start. Catalogs from anywhere else go through
 * `parseCatalog`.
 */
export function loadCatalog(
  path = defaultCatalogPath(),
  supplementPath = supplementPathFor(path),
  clientPath = clientPathFor(path),
): Catalog {
  // A catalog folder without client codes (a team's own catalog) still loads: it answers backend codes only.
  const client = existsSync(clientPath) ? (readCatalogJson(clientPath) as ClientData) : undefined;
  return new Catalog(readCatalogJson(path) as CatalogData, readCatalogJson(supplementPath) as SupplementData, client);
}

let shared: Catalog | undefined;
/** The catalog every channel shares, loaded once. */
export function defaultCatalog(): Catalog {
  shared ??= loadCatalog();
  return shared;
}
