/**
 * The platform-free core: everything outside src/core/ imports it through these exports only (biome's
 * noRestrictedImports enforces it; tests may reach inside).
 */
import type { Catalog } from './catalog.js';

export { type AnalyzeOptions, analyze, DEFAULT_MAX_BYTES } from './analyze.js';
export { Catalog, type CatalogRow, defaultCatalog, loadCatalog } from './catalog.js';
export { cutUtf8, normalizeText, truncateUtf8 } from './normalize.js';
export {
  ACTION_MARKER,
  actionLine,
  adviceText,
  alternativesLine,
  countSuffix,
  formatPlain,
  matchLine,
  namedMeaning,
  noteLine,
  referenceLabel,
  tableLabel,
} from './present.js';
export type { StreamAnalysis, StreamFinding, WindowJob, WindowResult } from './stream.js';
export * from './types.js';
export { UI_TEXT, type UiText, uiText } from './ui-text.js';

/**
 * The streaming scanner (StreamScanner, scanWindow), loaded on demand: only commands that read input
 * need it, so a look-up never loads it.
 */
export const loadStream = () => import('./stream.js');

/**
 * Checks data/catalog.json and its supplement against their schema (catalog-check.ts), as the server
 * does at start. Loaded on call, so importing the core (a CLI look-up) never loads zod.
 */
export async function checkCatalog(): Promise<Catalog> {
  return (await import('./catalog-check.js')).checkCatalog();
}
