import type { Catalog } from './catalog.js';
import type { Action, Analysis, Finding, Lang, SearchMatch } from './types.js';
import { uiText } from './ui-text.js';

/** One visual cue per action class, shared by every renderer (Unicode, so Slack, WeCom and terminals agree). */
export const ACTION_MARKER: Record<Action, string> = {
  none: '✅',
  ignore: '⚪',
  retry: '🔁',
  'back-off': '🐢',
  reauthorize: '🔑',
  'refresh-token': '♻️',
  'fix-request': '🛠️',
  'contact-support': '🆘',
  unknown: '❓',
};

/** " (3x)" after a code seen more than once, "" otherwise. */
export function countSuffix(f: Finding, lang: Lang): string {
  return f.count > 1 ? ` (${f.count}${uiText(lang).times})` : '';
}

/** "QQ platform, via MSDK logic layer -10000" — where a code comes from, in words. */
export function tableLabel(f: Finding, catalog: Catalog, lang: Lang): string {
  let label = catalog.tableName(f.table, lang);
  if (f.source === 'range') label += ` (${uiText(lang).range})`;
  if (f.source === 'supplement') label += ` (${uiText(lang).supplement})`;
  if (f.source === 'client') label += ` (${uiText(lang).client})`;
  if (f.source === 'unlisted') label += ` (${uiText(lang).unlisted})`;
  if (f.via) label += `, ${uiText(lang).via} ${catalog.tableName(f.via.table, lang)} ${f.via.code}`;
  return label;
}

export function alternativesLine(f: Finding, catalog: Catalog, lang: Lang): string | undefined {
  if (f.alternatives.length === 0) return undefined;
  const parts = f.alternatives.map((a) => `${catalog.tableName(a.table, lang)}: ${a.meaning}`);
  return `${uiText(lang).alsoIn}: ${parts.join(' · ')}`;
}

export function actionLine(f: Finding, catalog: Catalog, lang: Lang): string {
  return `${ACTION_MARKER[f.action]} ${catalog.actionLabel(f.action, lang)}`;
}

/** The advice, marked when the catalog wrote it (the document gives none), so the document's words stand apart. */
export function adviceText(f: Finding, lang: Lang): string {
  if (!f.authored) return f.advice;
  const ui = uiText(lang);
  // A supplement or client code is never in the MSDK document: what is missing is its page's advice.
  const mark = (f.source === 'supplement' || f.source === 'client') && f.reference ? ui.authoredPlatform : ui.authored;
  return `${f.advice} ${mark}`;
}

/** What the link under a finding is: the platform's documentation of a supplement code, an SDK's page of a client code. */
export function referenceLabel(f: Finding, lang: Lang): string {
  return f.source === 'client' ? uiText(lang).clientNote : uiText(lang).supplementNote;
}

/**
 * The meaning as the answer states it: after the SDK's name of a client code (`eFlag_WX_UserCancel: …`),
 * or, when the platform's own message contradicts the row, as a doubt that points to that message.
 */
export function namedMeaning(f: Finding, lang: Lang): string {
  if (f.doubted) return uiText(lang).mayNotFit(f.meaning);
  return f.name ? `${f.name}: ${f.meaning}` : f.meaning;
}

export function noteLine(f: Finding, lang: Lang): string | undefined {
  return f.note ? `${uiText(lang).note}: ${f.note}` : undefined;
}

/** Terminal / console rendering of a whole analysis. */
export function formatPlain(analysis: Analysis, catalog: Catalog, lang: Lang): string {
  const ui = uiText(lang);
  const out: string[] = [];
  for (const f of analysis.findings) {
    out.push(`${ACTION_MARKER[f.action]} ${f.code}${countSuffix(f, lang)} — ${tableLabel(f, catalog, lang)}`);
    out.push(`   ${namedMeaning(f, lang)}`);
    if (f.message) out.push(`   ${ui.message}: ${f.message}`);
    out.push(`   ${ui.action}: ${catalog.actionLabel(f.action, lang)}${f.advice ? ` — ${adviceText(f, lang)}` : ''}`);
    for (const line of [noteLine(f, lang), alternativesLine(f, catalog, lang)]) if (line) out.push(`   ${line}`);
    if (f.reference) out.push(`   ${referenceLabel(f, lang)}: ${f.reference}`);
    out.push('');
  }
  if (analysis.matches.length > 0) {
    out.push(`${ui.matches}:`);
    for (const m of analysis.matches) out.push(`  ${matchLine(m, catalog, lang)}`);
    out.push('');
  }
  if (out.length === 0) out.push(analysis.binary ? ui.binary : ui.nothing);
  if (analysis.truncated) {
    out.push(`(${ui.truncated(analysis.truncated.readBytes, analysis.truncated.totalBytes)})`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function matchLine(m: SearchMatch, catalog: Catalog, lang: Lang): string {
  return `${m.code} (${catalog.tableName(m.table, lang)}): ${m.meaning}`;
}
