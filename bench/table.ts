/** What every suite returns: a titled Markdown table plus notes, so run.ts can print and save them alike. */
export interface Section {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

export function renderSection(s: Section): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [
    `## ${s.title}`,
    '',
    `| ${s.headers.map(esc).join(' | ')} |`,
    `| ${s.headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...s.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  if (s.notes?.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
