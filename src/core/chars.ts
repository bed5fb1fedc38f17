/** Character classes the scanner tests by code unit (cheaper than a RegExp call per character). */

/** The UTF-16 code units the reader compares against, by name (inlined by tsc: no object at run time). */
// biome-ignore lint/suspicious/noConstEnum: an application compiled whole by tsc (no isolatedModules), never a library's API; vitest's esbuild reads it as a plain enum.
export const enum Char {
  Tab = 9,
  Space = 32,
  Plus = 43,
  Minus = 45,
  Digit0 = 48,
  Digit9 = 57,
  UpperA = 65,
  UpperZ = 90,
  Underscore = 95,
  LowerA = 97,
  LowerZ = 122,
  OpenBrace = 123,
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
