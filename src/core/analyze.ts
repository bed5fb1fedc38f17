import { defaultCatalog, type Catalog } from './catalog.js';
import type { Analysis, Lang, Mode } from './types.js';

export interface AnalyzeOptions {
  mode: Mode;
  lang?: Lang;
  catalog?: Catalog;
  /** Inputs longer than this (UTF-8 bytes) are read up to the limit and flagged `truncated`. */
  maxBytes?: number;
}

/** Finds MSDK errors in any pasted text (placeholder until detection lands). */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  void defaultCatalog;
  void text;
  void options;
  return { findings: [], matches: [] };
}
