/** Input hygiene shared by every channel: size limit, Slack escaping, smart quotes, full-width punctuation. */
import { Char, isWordChar } from './chars.js';

export interface Prepared {
  text: string;
  truncated?: { readBytes: number; totalBytes: number };
}

/** Keeps at most `maxBytes` UTF-8 bytes, never splitting a character or a word. */
export function truncateUtf8(text: string, maxBytes: number): Prepared {
  // No limit (a stream's window): counting a window's bytes would only cost a pass over it.
  if (maxBytes === Number.POSITIVE_INFINITY) return { text };
  const totalBytes = Buffer.byteLength(text, 'utf8');
  if (totalBytes <= maxBytes) return { text };
  return cutUtf8(Buffer.from(text, 'utf8'), maxBytes, totalBytes);
}

/**
 * The text of the first `maxBytes` of UTF-8 bytes that go on past the cut (a file read up to a
 * budget): a character split by the cut is dropped, and so is a token it may have split.
 */
export function cutUtf8(bytes: Buffer, maxBytes: number, totalBytes: number): Required<Prepared> {
  let cut = bytes.subarray(0, maxBytes);
  // Drop a trailing partial sequence: back up to the start of the last character if it is incomplete.
  let start = cut.length - 1;
  while (start > 0 && (cut[start]! & 0xc0) === 0x80) start--;
  const lead = cut[start]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (cut.length - start < need) cut = cut.subarray(0, start);
  // The cut may fall inside a number: `{"ret":-303}` cut after `-3` must not read as code -3.
  const decoded = cut.toString('utf8');
  let end = decoded.length;
  while (end > 0 && continuesToken(decoded.charCodeAt(end - 1))) end--;
  return { text: decoded.slice(0, end), truncated: { readBytes: cut.length, totalBytes } };
}

/** `[\w+-]`: a character a cut must not end on, since the token may go on past the cut. */
function continuesToken(c: number): boolean {
  return isWordChar(c) || c === Char.Plus || c === Char.Minus;
}

const REPLACEMENTS: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\uff02': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\uff07': "'",
  '\uff1a': ':',
  '\uff0c': ',',
  '\uff1d': '=',
  '\uff5b': '{',
  '\uff5d': '}',
  '\u2212': '-',
  '\u2013': '-',
  '\uff0d': '-',
  '\u0000': ' ',
  // Invisible characters that break JSON and number parsing.
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
};
/**
 * One pass over the text. Slack sends `& < >` as entities: exactly those three are decoded, and a
 * single left-to-right pass decodes `&amp;lt;` to `&lt;`, as decoding `&amp;` last would.
 */
const REPLACE_RE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters dropped on purpose.
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the joiners are dropped one by one, not as a sequence.
  /&(?:lt|gt|amp);|[\u201c\u201d\u201e\u201f\u2033\uff02\u2018\u2019\u201a\u201b\u2032\uff07\uff1a\uff0c\uff1d\uff5b\uff5d\u2212\u2013\uff0d\u0000\u200b\u200c\u200d\u2060\ufeff]/g;

/** Slack's escaping, smart quotes, full-width punctuation and Unicode minus signs, normalised. */
export function normalizeText(text: string): string {
  return text.replace(REPLACE_RE, (c) => REPLACEMENTS[c] ?? c);
}

const WIDE_RE = /[\u0100-\uffff]/;

/**
 * Whether normalizeText would change the text's structure (quotes, braces, colons, blanks) rather
 * than just Slack's three entities: NUL, or any character beyond Latin-1. WIDE_RE costs nothing on a
 * Latin-1 string (V8 stores those one byte a character and knows it cannot match).
 */
export function shapeChanges(text: string): boolean {
  return text.indexOf('\0') !== -1 || WIDE_RE.test(text);
}

const ENTITY_RE = /&(?:lt|gt|amp);/g;

/** Slack's three entities alone, for the strings a finding reports. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITY_RE, (e) => REPLACEMENTS[e]!) : text;
}
