/** `msdk scan --summary` / `--top N`: the findings of a huge log by count, with where each occurs. */
import { ACTION_MARKER, type Catalog, type Lang, type StreamFinding, tableLabel, uiText } from '../core/index.js';

/** The `top` most frequent findings (all without `top`), most frequent first; ties keep their order of appearance. */
export function topFindings(findings: readonly StreamFinding[], top?: number): StreamFinding[] {
  const sorted = [...findings].sort((a, b) => b.count - a.count);
  return top === undefined ? sorted : sorted.slice(0, top);
}

/**
 * The findings as `--json` prints them: `lines: [first, last]`, and with several inputs
 * `files: [first, last]`, the inputs those lines are in.
 */
export function summaryJson(findings: readonly StreamFinding[], names: readonly string[]): object[] {
  return findings.map(({ inputs, ...f }) =>
    names.length > 1 && inputs ? { ...f, files: [names[inputs[0]], names[inputs[1]]] } : f,
  );
}

/** One line a finding: `   504  🔁 -2 — QQ platform (lines 12–99812): meaning`. */
export function formatSummary(
  findings: readonly StreamFinding[],
  names: readonly string[],
  catalog: Catalog,
  lang: Lang,
): string {
  if (findings.length === 0) return `${uiText(lang).nothing}\n`;
  const width = String(findings[0]!.count).length;
  const where = (f: StreamFinding, i: 0 | 1) =>
    (names.length > 1 && f.inputs ? `${names[f.inputs[i]]}:` : '') + (f.lines?.[i] ?? '?');
  return findings
    .map(
      (f) =>
        `${String(f.count).padStart(width)}  ${ACTION_MARKER[f.action]} ${f.code} — ${tableLabel(f, catalog, lang)} ` +
        `(${uiText(lang).lines} ${where(f, 0)}–${where(f, 1)}): ${f.meaning}\n`,
    )
    .join('');
}
