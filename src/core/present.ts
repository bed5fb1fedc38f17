import type { Catalog } from './catalog.js';
import type { Action, Analysis, Finding, Lang, SearchMatch } from './types.js';

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

const UI = {
  ko: {
    via: '경유',
    range: '범위 규칙으로 설명',
    supplement: 'MSDK 문서에 없음',
    supplementNote: 'MSDK 문서에 없는 코드로, 플랫폼 공식 문서에 따라 설명했습니다',
    authored: '(문서에 없음)',
    note: '참고',
    unlisted: 'MSDK 문서에 없는 코드',
    binary: '입력이 텍스트가 아닌 바이너리 데이터로 보여 설명할 수 없습니다.',
    alsoIn: '같은 코드가 있는 다른 표',
    action: '권장 조치',
    errType: 'err_type',
    times: '회',
    nothing: 'MSDK 오류 코드를 찾지 못했습니다.',
    matches: '검색 결과',
    message: '응답 msg',
    truncated: (read: number, total: number) =>
      `입력이 길어 앞부분 ${read} / ${total} 바이트만 읽었습니다 (MAX_INPUT_BYTES를 늘리면 더 읽습니다).`,
  },
  en: {
    via: 'via',
    range: 'explained from its range',
    supplement: 'not in the MSDK document',
    supplementNote: "This code is not in the MSDK document; explained from the platform's official documentation",
    authored: '(not in the document)',
    note: 'Note',
    unlisted: 'not in the MSDK document',
    binary: 'The input looks like binary data, not text: nothing to explain.',
    alsoIn: 'Also listed in',
    action: 'Recommended action',
    errType: 'err_type',
    times: 'x',
    nothing: 'No MSDK error code found.',
    matches: 'Search results',
    message: 'Response msg',
    truncated: (read: number, total: number) =>
      `Input too long: only the first ${read} of ${total} bytes were read (raise MAX_INPUT_BYTES to read more).`,
  },
  zh: {
    via: '经由',
    range: '按范围规则解释',
    supplement: 'MSDK 文档未列出',
    supplementNote: '此错误码不在 MSDK 文档中，根据平台官方文档解释',
    authored: '(文档未列出)',
    note: '注',
    unlisted: 'MSDK 文档未收录',
    binary: '输入看起来是二进制数据而不是文本，无法解释。',
    alsoIn: '同一错误码还出现在',
    action: '建议处理',
    errType: 'err_type',
    times: '次',
    nothing: '未找到 MSDK 错误码。',
    matches: '搜索结果',
    message: '返回 msg',
    truncated: (read: number, total: number) =>
      `输入过长：只读取了前 ${read} / ${total} 字节（调大 MAX_INPUT_BYTES 可读取更多）。`,
  },
} as const;

export type UiText = (typeof UI)[Lang];
export function uiText(lang: Lang): UiText {
  return UI[lang];
}

/** " (3x)" after a code seen more than once, "" otherwise. */
export function countSuffix(f: Finding, lang: Lang): string {
  return f.count > 1 ? ` (${f.count}${UI[lang].times})` : '';
}

/** "QQ platform, via MSDK logic layer -10000" — where a code comes from, in words. */
export function tableLabel(f: Finding, catalog: Catalog, lang: Lang): string {
  let label = catalog.tableName(f.table, lang);
  if (f.source === 'range') label += ` (${UI[lang].range})`;
  if (f.source === 'supplement') label += ` (${UI[lang].supplement})`;
  if (f.source === 'unlisted') label += ` (${UI[lang].unlisted})`;
  if (f.via) label += `, ${UI[lang].via} ${catalog.tableName(f.via.table, lang)} ${f.via.code}`;
  return label;
}

export function alternativesLine(f: Finding, catalog: Catalog, lang: Lang): string | undefined {
  if (f.alternatives.length === 0) return undefined;
  const parts = f.alternatives.map((a) => `${catalog.tableName(a.table, lang)}: ${a.meaning}`);
  return `${UI[lang].alsoIn}: ${parts.join(' · ')}`;
}

export function actionLine(f: Finding, catalog: Catalog, lang: Lang): string {
  return `${ACTION_MARKER[f.action]} ${catalog.actionLabel(f.action, lang)}`;
}

/** The advice, marked when the catalog wrote it (the document gives none), so the document's words stand apart. */
export function adviceText(f: Finding, lang: Lang): string {
  return f.authored ? `${f.advice} ${UI[lang].authored}` : f.advice;
}

export function noteLine(f: Finding, lang: Lang): string | undefined {
  return f.note ? `${UI[lang].note}: ${f.note}` : undefined;
}

/** Terminal / console rendering of a whole analysis. */
export function formatPlain(analysis: Analysis, catalog: Catalog, lang: Lang): string {
  const ui = UI[lang];
  const out: string[] = [];
  for (const f of analysis.findings) {
    out.push(`${ACTION_MARKER[f.action]} ${f.code}${countSuffix(f, lang)} — ${tableLabel(f, catalog, lang)}`);
    out.push(`   ${f.meaning}`);
    if (f.message) out.push(`   ${ui.message}: ${f.message}`);
    out.push(`   ${ui.action}: ${catalog.actionLabel(f.action, lang)}${f.advice ? ` — ${adviceText(f, lang)}` : ''}`);
    for (const line of [noteLine(f, lang), alternativesLine(f, catalog, lang)]) if (line) out.push(`   ${line}`);
    if (f.reference) out.push(`   ${ui.supplementNote}: ${f.reference}`);
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
