import type { Catalog, CatalogRow, SupplementRow } from './catalog.js';
import { rankRows } from './classify.js';
import type { Candidate, Field } from './detect/candidate.js';
import type { TableId } from './types.js';

/**
 * Chooses a row of the sourced supplement (platform codes the MSDK document lacks). The document always
 * wins: a supplement row is taken when the document has no row for the code, or when the document lists
 * the code only in other tables and the evidence (field, platform words, the response's msg) points to the
 * supplement's platform, the way the document's own codes listed in several tables are told apart.
 */

/** `error` + `error_description` is QQ connect's own shape (classify.ts already reads `errcode` as WeChat). */
const FIELD_PLATFORM: Partial<Record<Field, TableId>> = { error: 'qq' };
const FIELD_WEIGHT = 6;

const isSupplement = (row: CatalogRow): row is SupplementRow => 'reference' in row;

export function pickSupplement(
  catalog: Catalog,
  code: number,
  documentRows: readonly CatalogRow[],
  evidence: Pick<Candidate, 'field' | 'context' | 'message'>,
  /** The platform of the MSDK wrapper (-10000 / -20000) the code arrived in, if any. */
  preferred?: TableId,
): SupplementRow | undefined {
  const rows = catalog.supplementFor(code);
  if (rows.length === 0) return undefined;
  const fieldTable = FIELD_PLATFORM[evidence.field];
  let best: { row: SupplementRow; score: number } | undefined;
  let documentBest = Number.NEGATIVE_INFINITY;
  for (const ranked of rankRows([...documentRows, ...rows], evidence, preferred)) {
    const score = ranked.score + (ranked.row.table === fieldTable ? FIELD_WEIGHT : 0);
    if (!isSupplement(ranked.row)) documentBest = Math.max(documentBest, score);
    else if (!best || score > best.score) best = { row: ranked.row, score };
  }
  // Only evidence beyond the document's own best row picks the supplement: a tie keeps the document.
  return best && best.score > documentBest ? best.row : undefined;
}
