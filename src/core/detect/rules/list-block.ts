import type { TableId } from '../../types.js';
import { READ_REACH } from '../reader.js';
import type { Rule } from '../rule.js';

/** How many lines above and below a row are read for rows of the same list. */
const ROWS_AROUND = 3;
/** Characters of a neighbouring line read (a long line is another thing than a row). */
const ROW_CHARS = 300;
/** How far from the row its neighbours are looked for, either way. */
const REACH = READ_REACH - 100;
/** Lines between rows: blanks, table separators, comments (`/**`, ` * …`, `*\/`, `//`, `#`). */
const SKIPPED = /^\s*(?:$|[|:\-+= ]+$|\/\*|\*|\/\/|#(?!\s*\d))/;

export type RowKind = 'table' | 'enum';

/** A table row: the number alone in its first cell, text after (`|-304|…`, `42001 | access_token expired |`, `-6访问频率超限`). */
const TABLE_ROW =
  /^[ \t]*\|?[ \t]*(-?\d{1,7})[ \t]*(?:\||\t| {2,}|(?=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]))[ \t]*[^\s|]/u;
/**
 * A member of an enum or a table of constants: a name, `=` or `:`, the number, and the line's end
 * (`INVALID_CODE = 40029,`, `SERVER_ERROR: -1,`, `系统繁忙_此时请稍候再试 = -1,`, `NAME = '100005'`),
 * or a constructor call with its message (`CODE_MINUS_1(-1, "系统繁忙")`).
 */
const ENUM_ROW =
  /^[ \t]*(?:(?:public |private |static |final |const |int |readonly )*[\p{L}_$][\p{L}\p{N}_$]*[ \t]*[:=][ \t]*["']?(-?\d{1,7})["']?[ \t]*[,;]?[ \t]*(?:(?:\/\/|\/\*|#).*)?$|[\p{L}_$][\p{L}\p{N}_$]*\((-?\d{1,7})[ \t]*,)/u;

/** The number of a row of the given kind, or undefined when the line is no such row. */
export function rowCode(line: string, kind: RowKind): number | undefined {
  const m = (kind === 'table' ? TABLE_ROW : ENUM_ROW).exec(line);
  const digits = m?.[1] ?? m?.[2];
  if (digits === undefined) return undefined;
  const code = Number(digits);
  // A table row says something in words (`| 1001 | 32 |` is a table of numbers); an enum of codes
  // holds negative or long numbers (`MAX_USERS: 1000` beside `TIMEOUT: 30` is a table of limits).
  if (kind === 'table' && !/\p{L}{2}/u.test(line.slice(m!.index + m![0].length - 1))) return undefined;
  if (kind === 'enum' && code >= 0 && code < 10000) return undefined;
  return code;
}

/** The kind of row the number at [at, end) stands in, if its line is a row with this number. */
export function rowKind(text: string, at: number, lineFrom: number, lineTo: number, code: number): RowKind | undefined {
  if (at - lineFrom > ROW_CHARS) return undefined;
  const line = text.slice(lineFrom, Math.min(lineTo, lineFrom + ROW_CHARS));
  if (rowCode(line, 'table') === code) return 'table';
  if (rowCode(line, 'enum') === code) return 'enum';
  return undefined;
}

/**
 * How many rows of the same kind around this one (up to three lines either side, blank lines and
 * table separators skipped) hold a code listed in a table this code is listed in: a run of codes of
 * one table is that table's list.
 */
export function blockSupport(
  text: string,
  lineFrom: number,
  lineTo: number,
  kind: RowKind,
  tables: readonly TableId[],
  tablesOf: (code: number) => readonly TableId[],
): number {
  if (tables.length === 0) return 0;
  let support = 0;
  /** Counts a row; false for a line that is no row at all (blank, a separator, a comment): it is skipped. */
  const count = (line: string): boolean => {
    if (SKIPPED.test(line)) return false;
    const code = rowCode(line.slice(0, ROW_CHARS), kind);
    if (code !== undefined && tablesOf(code).some((t) => tables.includes(t))) support++;
    return true;
  };
  // Up, then down: three lines either side, comments and blanks between rows not counted, within the reach.
  let to = lineFrom - 1;
  for (let n = 0; n < ROWS_AROUND && to > 0 && lineFrom - to < REACH; ) {
    const from = lineStartWithin(text, to);
    if (count(text.slice(from, to))) n++;
    to = from - 1;
  }
  let from = lineTo + 1;
  for (let n = 0; n < ROWS_AROUND && from < text.length && from - lineTo < REACH; ) {
    const end = lineEndWithin(text, from);
    if (count(text.slice(from, end))) n++;
    from = end + 1;
  }
  return support;
}

/** Start of the line ending at `to`, looked for within ROW_CHARS (a longer line is cut: no row). */
function lineStartWithin(text: string, to: number): number {
  const lo = Math.max(0, to - ROW_CHARS);
  let i = to;
  while (i > lo && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}
function lineEndWithin(text: string, from: number): number {
  const hi = Math.min(text.length, from + ROW_CHARS);
  let i = from;
  while (i < hi && text.charCodeAt(i) !== 10) i++;
  return i;
}

export const rule: Rule = {
  meta: {
    id: 'list-block',
    kind: 'detect',
    description:
      'A run of codes of one table is that table\'s list: a table row (`|-304|リクエストパラメータ…|`, `43002 | require POST method |`) or an enum member (`APP_SECRET_INVALID: 40001,`, `touser不是正确的openid = 40003,`, `CODE_40029(40029, "code 无效")`) whose rows around it hold codes listed in the same table. Strong evidence for every row; the neighbours pick the table.',
  },
  found: [
    {
      text: '|-303|このappidはmsdkでは権限がありません|\n|-304|リクエストパラメータがjson形式ではありません|\n|-307|内部エラー|',
      code: -304,
      table: 'access',
    },
    {
      text: 'const CODE = {\n  SERVER_ERROR: -1,\n  APP_SECRET_INVALID: 40001,\n  ACCESS_TOKEN_EXPIRED: 42001,\n};',
      code: 40001,
      table: 'wechat',
    },
    {
      text: 'const CODE = {\n  SERVER_ERROR: -1,\n  APP_SECRET_INVALID: 40001,\n  ACCESS_TOKEN_EXPIRED: 42001,\n};',
      code: -1,
      table: 'wechat',
    },
  ],
  silent: [
    { text: 'const LIMITS = {\n  MAX_USERS: 1000,\n  TIMEOUT: 1001,\n};', code: 1000, mode: 'scan' },
    { text: '| name | age |\n|---|---|\n| 1001 | 32 |\n| 1002 | 41 |', code: 1001, mode: 'scan' },
  ],
};
