/**
 * An independent reader for the Korean source document (`msdk-error-codes.ko.md`).
 * Used by the tests to check `data/catalog.json` against the document, so it must not
 * share any code with the catalog. It repairs the document's broken table syntax:
 * missing `|` between meaning and advice, missing trailing `|`, tabs in cells.
 */
import type { TableId } from '../../src/core/types.js';

export interface SeedRow {
  table: TableId;
  code: number;
  meaning: string;
  advice: string;
}

/** `## N` section number -> table id (section 7 has two sub-tables, told apart by their `###` heading). */
const SECTION_TABLES: Record<number, TableId | undefined> = {
  2: 'access',
  3: 'logic',
  4: 'qq',
  5: 'wechat',
  6: 'gamecenter',
  8: 'bluediamond',
};

/** Trim and collapse every run of spaces/tabs to one space. */
export function collapse(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim();
}

/** A meaning cell that swallowed its advice: text, a run of 3+ blanks, more text. */
const MISSING_PIPE = /^[ \t]*(\S.*?\S|\S)[ \t]{3,}(\S.*?)[ \t]*$/;

export function parseSeed(markdown: string): SeedRow[] {
  const rows: SeedRow[] = [];
  let table: TableId | undefined;
  let section = 0;

  markdown.split(/\r?\n/).forEach((line, index) => {
    const lineNo = index + 1;
    const heading = /^(#{2,3})(?!#)\s*(.*)$/.exec(line);
    if (heading) {
      const [, hashes, title = ''] = heading;
      if (hashes === '##') {
        section = Number(/^(\d+)/.exec(title)?.[1] ?? 0);
        table = SECTION_TABLES[section];
      } else if (section === 7) {
        if (title.includes('/share/qzone')) table = 'qzone-share';
        else if (title.includes('/share/qq')) table = 'qq-share';
        else throw new Error(`line ${lineNo}: unknown sub-table heading ${JSON.stringify(title)}`);
      }
      return;
    }

    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) return; // prose, blank lines, the footnote after the last table
    const cells = trimmed.slice(1).split('|');
    const codeCell = collapse(cells[0] ?? '');
    if (!/^-?\d+$/.test(codeCell)) return; // header and separator lines
    if (!table) throw new Error(`line ${lineNo}: code row outside a known table`);

    let meaningCell = cells[1] ?? '';
    let adviceCell = cells[2] ?? ''; // absent when the row has no trailing `|`... and no advice
    const extra = cells.slice(3).filter((c) => c.trim() !== '');
    if (extra.length > 0) throw new Error(`line ${lineNo}: unexpected extra cells ${JSON.stringify(extra)}`);

    if (adviceCell.trim() === '') {
      const m = MISSING_PIPE.exec(meaningCell);
      if (m) {
        meaningCell = m[1] ?? '';
        adviceCell = m[2] ?? '';
      }
    }

    const meaning = collapse(meaningCell);
    if (meaning === '') throw new Error(`line ${lineNo}: empty meaning for code ${codeCell}`);
    rows.push({ table, code: Number(codeCell), meaning, advice: collapse(adviceCell) });
  });

  return rows;
}
