/**
 * The XML of WeCom callbacks: flat `<xml>` documents, values mostly in CDATA. Parsed with entity
 * expansion off and DOCTYPE refused outright, so no entity tricks (billion laughs, external
 * entities) reach the parser; the five XML built-ins are decoded by hand in plain text nodes.
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

/** Parses a document whose root is `<xml>`; undefined when it is malformed or declares a DOCTYPE. */
export function parseXmlRoot(text: string): Record<string, XmlNode | XmlNode[] | undefined> | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
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
