/**
 * An Analysis as WeCom (classic) markdown: headings, bold, `code`, `>` quotes and
 * `<font color>`; no tables, lists or code blocks, which that markdown does not render.
 * One block per finding, so a long answer splits between findings; an answer that would need
 * more than `maxParts` messages is summarised into one (the robot has 20 messages a minute).
 */
import {
  ACTION_MARKER,
  type Action,
  type Analysis,
  actionLine,
  adviceText,
  alternativesLine,
  type Catalog,
  countSuffix,
  type Finding,
  type Lang,
  matchLine,
  namedMeaning,
  noteLine,
  referenceLabel,
  tableLabel,
  uiText,
} from '../core/index.js';
import { byteLength, clipUtf8, splitMarkdown } from './split.js';
import { CONTENT_LIMIT } from './webhook.js';

/** WeCom's three font colours: info (green), warning (orange), comment (grey). */
const ACTION_COLOR: Record<Action, 'info' | 'warning' | 'comment'> = {
  none: 'info',
  ignore: 'comment',
  retry: 'info',
  'back-off': 'warning',
  reauthorize: 'warning',
  'refresh-token': 'warning',
  'fix-request': 'warning',
  'contact-support': 'warning',
  unknown: 'comment',
};

/**
 * Text from the catalog or, worse, from the user's paste (`msg`), made inert: no mentions
 * (`<@all>`), fonts or links can be smuggled in, and no newline can start a heading.
 */
export function inert(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/`/g, "'")
    .replace(/\*\*/g, '＊＊')
    .replace(/\]\(/g, '] (');
}

function font(color: string, text: string): string {
  return `<font color="${color}">${text}</font>`;
}

export function renderFinding(f: Finding, catalog: Catalog, lang: Lang): string {
  const ui = uiText(lang);
  const marker = ACTION_MARKER[f.action];
  const lines = [
    `### ${marker} \`${f.code}\`${countSuffix(f, lang)}`,
    `**${inert(tableLabel(f, catalog, lang))}**`,
    inert(namedMeaning(f, lang)),
  ];
  // The response's own msg, unless it only repeats the meaning (WeChat's English rows often do).
  if (f.message && f.message.trim() !== f.meaning.trim())
    lines.push(`> ${ui.message}: ${inert(clipUtf8(f.message, 300))}`);
  lines.push(`**${ui.action}**: ${font(ACTION_COLOR[f.action], inert(actionLine(f, catalog, lang)))}`);
  if (f.advice) lines.push(inert(adviceText(f, lang)));
  const note = noteLine(f, lang);
  if (note) lines.push(font('comment', inert(note)));
  // The reference passed the catalog schema (https, no blank or bracket), so it is a safe link target.
  if (f.reference) lines.push(`${inert(referenceLabel(f, lang))}: [${f.reference}](${f.reference})`);
  if (f.errType !== undefined) {
    const errType = catalog.errType(f.errType);
    lines.push(font('comment', `${ui.errType} ${f.errType}${errType ? `: ${inert(errType.text[lang])}` : ''}`));
  }
  const alt = alternativesLine(f, catalog, lang);
  if (alt) lines.push(font('comment', inert(alt)));
  return lines.join('\n');
}

/** The blocks of a full answer: one per finding, then search matches, then the truncation note. */
function renderBlocks(analysis: Analysis, catalog: Catalog, lang: Lang): string[] {
  const ui = uiText(lang);
  const blocks = analysis.findings.map((f) => renderFinding(f, catalog, lang));
  if (analysis.matches.length > 0) {
    blocks.push(
      [`**${ui.matches}**`, ...analysis.matches.map((m) => `> ${inert(matchLine(m, catalog, lang))}`)].join('\n'),
    );
  }
  if (blocks.length === 0) blocks.push(analysis.binary ? ui.binary : ui.nothing);
  if (analysis.truncated) {
    blocks.push(font('comment', ui.truncated(analysis.truncated.readBytes, analysis.truncated.totalBytes)));
  }
  return blocks;
}

/** One message: a line per finding, as many as fit, then how many were left out. */
function renderSummary(analysis: Analysis, catalog: Catalog, lang: Lang, maxBytes: number, head = ''): string {
  const ui = uiText(lang);
  const lines = [`${head}**${ui.wecomSummary(analysis.findings.length)}**`];
  let used = byteLength(lines[0] ?? '');
  const reserve = byteLength(`\n${ui.wecomMore(analysis.findings.length)}`);
  let shown = 0;
  for (const f of analysis.findings) {
    const line = clipUtf8(
      `${ACTION_MARKER[f.action]} \`${f.code}\`${countSuffix(f, lang)} ${inert(catalog.tableName(f.table, lang))}${f.source === 'supplement' ? ` (${ui.supplement})` : f.source === 'client' ? ` (${ui.client})` : ''}: ${inert(namedMeaning(f, lang))}`,
      300,
    );
    const n = byteLength(`\n${line}`);
    if (used + n + reserve > maxBytes) break;
    lines.push(line);
    used += n;
    shown++;
  }
  if (shown < analysis.findings.length) lines.push(ui.wecomMore(analysis.findings.length - shown));
  return lines.join('\n');
}

export interface ComposeOptions {
  /** WeCom userid to mention at the top (`<@userid>`); ignored unless it looks like one. */
  mention?: string;
  maxBytes?: number;
  /** Beyond this many messages, summarise instead. */
  maxParts?: number;
}

/** The markdown contents to post for an analysis: split at finding boundaries, or summarised. */
export function composeMarkdown(
  analysis: Analysis,
  catalog: Catalog,
  lang: Lang,
  options: ComposeOptions = {},
): string[] {
  const maxBytes = options.maxBytes ?? CONTENT_LIMIT.markdown;
  const maxParts = options.maxParts ?? 3;
  const head = options.mention && /^[\w.@-]{1,64}$/.test(options.mention) ? `<@${options.mention}>\n` : '';
  const blocks = renderBlocks(analysis, catalog, lang);
  blocks[0] = head + (blocks[0] ?? '');
  const parts = splitMarkdown(blocks.join('\n\n'), maxBytes);
  if (parts.length <= maxParts || analysis.findings.length === 0) return parts.slice(0, Math.max(maxParts, 1));
  return [renderSummary(analysis, catalog, lang, maxBytes, head)];
}
