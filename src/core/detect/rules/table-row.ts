import { TABLE_HEADER_RE } from '../lexicon.js';
import { READ_REACH } from '../reader.js';
import type { Rule } from '../rule.js';

/** How many lines above a row its table's header may be. */
const MAX_ROWS_UP = 30;
const MAX_BYTES_UP = READ_REACH - 320;

/**
 * Whether the number is alone in the first cell of a table row (`| 43002 | require POST method |`,
 * `40001\t获取 access_token 时 AppSecret 错误`, `-1 | 系统繁忙`), and the table's header names codes
 * or meanings (`| 错误码 | 含义 |`, `| code | description |`, `| 반환 코드 | 설명 |`).
 * Returns `header` when the header says so, `row` for the shape alone, undefined otherwise.
 */
export function tableRow(
  text: string,
  at: number,
  end: number,
  lineFrom: number,
  lineTo: number,
): 'header' | 'row' | undefined {
  if (!firstCell(text, lineFrom, at, end, lineTo)) return undefined;
  // The header: the first line above the rows (cells of numbers, `|---|` separators).
  let to = lineFrom - 1;
  for (let n = 0; to > 0 && n < MAX_ROWS_UP && lineFrom - to < MAX_BYTES_UP; n++) {
    const from = text.lastIndexOf('\n', to - 1) + 1;
    const line = text.slice(from, to);
    if (!/^[\s|:\-+=]*$/.test(line) && !/^\s*\|?\s*[-+]?\d{1,7}\s*(?:\||\t| {2,}|[:：] )/.test(line)) {
      return TABLE_HEADER_RE.test(line) && /\||\t| {2}/.test(line) ? 'header' : 'row';
    }
    to = from - 1;
  }
  return 'row';
}

/** The row's other cells, as one message (`require POST method 需要POST请求`). */
export function rowText(text: string, end: number, lineTo: number): string | undefined {
  const cells = text
    .slice(end, Math.min(lineTo, end + 300))
    .split(/\||\t| {2,}/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return cells.length > 0 ? cells.join(' ') : undefined;
}

/** The number alone in the first cell: `| N |`, `N |`, `N<tab>`, `N  ` (two blanks), with text after. */
function firstCell(text: string, lineFrom: number, at: number, end: number, lineTo: number): boolean {
  let i = lineFrom;
  while (i < at && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (text.charCodeAt(i) === 124 /* | */) i++;
  while (i < at && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i !== at) return false;
  const rest = text.slice(end, Math.min(lineTo, end + 8));
  return /^(?:[ \t]*\||\t| {2,})/.test(rest) && /[^\s|]/.test(text.slice(end, Math.min(lineTo, end + 200)));
}

export const rule: Rule = {
  meta: {
    id: 'table-row',
    kind: 'detect',
    description:
      'A code alone in the first cell of a table row (markdown `| 43002 | require POST method |`, tab- or space-separated doc tables) whose header names codes or meanings (`错误码`, `含义`, `description`, `설명`, `説明`) is a code; without such a header, the row counts as weak evidence the meaning beside it must confirm.',
  },
  found: [
    { text: '| 错误码 | 含义 |\n|---|---|\n| -1 | 系统繁忙 |\n| 40001 | 凭证无效 |', code: 40001, table: 'wechat' },
    {
      text: '返回码\t说明\n-1\t系统繁忙，此时请开发者稍候再试\n0\t请求成功',
      code: -1,
      table: 'wechat',
      mode: 'explain',
    },
  ],
  silent: [{ text: '| name | age |\n|---|---|\n| 1001 | 32 |', code: 1001, mode: 'scan' }],
};
