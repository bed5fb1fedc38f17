/** The platform-free core: every adapter (Slack, WeCom, CLI) goes through these exports. */
export * from './types.js';
export { Catalog, defaultCatalog, loadCatalog, type CatalogRow } from './catalog.js';
export { parseCatalog } from './catalog-schema.js';
export { analyze, type AnalyzeOptions } from './analyze.js';
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
export { UI_TEXT, type UiText, uiText } from './ui-text.js';
