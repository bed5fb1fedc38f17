/**
 * The XML of WeCom callbacks: flat `<xml>` documents, values mostly in CDATA. Parsed with entity
 * expansion off and a DOCTYPE or ENTITY declaration in the markup refused outright, so no entity
 * tricks (billion laughs, external entities) reach the parser; what a person wrote inside CDATA
 * (a pasted HTML page with its `<!DOCTYPE html>`) is text, never refused. Nesting deeper than a
 * callback's ever is refused before parsing. The five XML built-ins are decoded by hand.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] | undefined };

const CDATA = '#cdata';
const TEXT = '#text';

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Keep every value a string: MsgId (19 digits) does not survive a trip through a JS number.
  parseTagValue: false,
  trimValues: true,
  cdataPropName: CDATA,
});

const BUILTIN: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeBuiltins(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (name[0] !== '#') return BUILTIN[name] ?? whole;
    const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/** A callback's elements nest 3 deep (`<xml><From><UserId>`); 16 leaves room and stops recursion bombs. */
const MAX_DEPTH = 16;

/** Deeper than `max` open elements at some point (counted on markup with CDATA removed). */
function tooDeep(markup: string, max: number): boolean {
  let depth = 0;
  for (const m of markup.matchAll(/<(\/?)[^<>!?]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2] && ++depth > max) return true;
  }
  return false;
}

/** Why a document was refused (for the caller's one log line). */
export type XmlRefusal = 'doctype' | 'too-deep' | 'malformed';

/**
 * Parses a document whose root is `<xml>`. Never throws: a refusal (DOCTYPE or ENTITY in the
 * markup, too deep, malformed) is returned as its reason.
 */
export function parseXml(text: string): Record<string, XmlNode | XmlNode[] | undefined> | XmlRefusal {
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(markup)) return 'doctype';
  if (tooDeep(markup, MAX_DEPTH)) return 'too-deep';
  try {
    return parseValid(text) ?? 'malformed';
  } catch {
    return 'malformed';
  }
}

/** Parses a document whose root is `<xml>`; undefined when it is refused (see parseXml). */
export function parseXmlRoot(text: string): Record<string, XmlNode | XmlNode[] | undefined> | undefined {
  const parsed = parseXml(text);
  return typeof parsed === 'string' ? undefined : parsed;
}

function parseValid(text: string): Record<string, XmlNode | XmlNode[] | undefined> | undefined {
  if (XMLValidator.validate(text) !== true) return undefined;
  const doc: unknown = parser.parse(text);
  if (typeof doc !== 'object' || doc === null) return undefined;
  const root = (doc as Record<string, unknown>).xml;
  if (root === '') return {}; // `<xml></xml>`: well-formed, merely empty
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  return root as Record<string, XmlNode | XmlNode[] | undefined>;
}

/** The text of a node: CDATA as is, plain text with built-in entities decoded. First one if repeated. */
export function textOf(node: XmlNode | XmlNode[] | undefined): string | undefined {
  const n = Array.isArray(node) ? node[0] : node;
  if (n === undefined) return undefined;
  if (typeof n === 'string') return decodeBuiltins(n);
  const cdata = n[CDATA];
  if (typeof cdata === 'string') return cdata;
  const text = n[TEXT];
  return typeof text === 'string' ? decodeBuiltins(text) : undefined;
}

/** A child element (for `<From><UserId>..</UserId></From>`), or undefined. */
export function childOf(node: XmlNode | XmlNode[] | undefined, name: string): XmlNode | XmlNode[] | undefined {
  const n = Array.isArray(node) ? node[0] : node;
  return typeof n === 'object' && n !== null ? n[name] : undefined;
}
