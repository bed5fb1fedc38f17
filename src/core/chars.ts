/** Character classes the scanner tests by code unit (cheaper than a RegExp call per character). */

/** The UTF-16 code units the reader compares against, by name (inlined by tsc: no object at run time). */
// biome-ignore lint/suspicious/noConstEnum: an application compiled whole by tsc (no isolatedModules), never a library's API; vitest's esbuild reads it as a plain enum.
export const enum Char {
  Tab = 9,
  Newline = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Ampersand = 38,
  Apostrophe = 39,
  OpenParen = 40,
  CloseParen = 41,
  Asterisk = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
  Question = 63,
  At = 64,
  UpperA = 65,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerZ = 122,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
  /** First and last high (leading) surrogate of a UTF-16 pair. */
  HighSurrogateFirst = 0xd800,
  HighSurrogateLast = 0xdbff,
  /** First and last low (trailing) surrogate. */
  LowSurrogateFirst = 0xdc00,
  LowSurrogateLast = 0xdfff,
}

/** `[A-Za-z0-9_]`: what RegExp's `\w` and `\b` call a word character. */
export function isWordChar(c: number): boolean {
  return (
    (c >= Char.LowerA && c <= Char.LowerZ) ||
    (c >= Char.UpperA && c <= Char.UpperZ) ||
    (c >= Char.Digit0 && c <= Char.Digit9) ||
    c === Char.Underscore
  );
}

export function isDigit(c: number): boolean {
  return c >= Char.Digit0 && c <= Char.Digit9;
}
