/** Character classes the scanner tests by code unit (cheaper than a RegExp call per character). */

/** `[A-Za-z0-9_]`: what RegExp's `\w` and `\b` call a word character. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
