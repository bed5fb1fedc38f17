/**
 * WeCom limits message content in UTF-8 bytes (markdown 4096, text 2048). These helpers cut long
 * content into parts that each fit: between blocks (blank lines) first, then between lines, and
 * only as a last resort inside a line, never inside a grapheme (so neither a multi-byte
 * character nor an emoji with its variation selector) and never inside a markdown construct.
 */

const encoder = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** The longest grapheme-aligned prefix of `text` within `maxBytes`, with `ellipsis` when cut. */
export function clipUtf8(text: string, maxBytes: number, ellipsis = '…'): string {
  if (byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - byteLength(ellipsis);
  let out = '';
  let used = 0;
  for (const g of splitGraphemes(text)) {
    const n = encoder.encode(g).length;
    if (used + n > budget) break;
    out += g;
    used += n;
  }
  return out + ellipsis;
}

/**
 * Greedily joins `pieces` with `sep` into parts of at most `max` bytes; a piece too big on its own
 * is handed to `split`, whose parts are used as they come.
 */
function pack(pieces: readonly string[], sep: string, max: number, split: (piece: string) => string[]): string[] {
  const out: string[] = [];
  const sepBytes = byteLength(sep);
  let cur: string | undefined;
  let curBytes = 0;
  const flush = () => {
    if (cur !== undefined) out.push(cur);
    cur = undefined;
    curBytes = 0;
  };
  for (const piece of pieces) {
    const n = byteLength(piece);
    if (n > max) {
      flush();
      out.push(...split(piece));
    } else if (cur === undefined) {
      cur = piece;
      curBytes = n;
    } else if (curBytes + sepBytes + n <= max) {
      cur += sep + piece;
      curBytes += sepBytes + n;
    } else {
      flush();
      cur = piece;
      curBytes = n;
    }
  }
  flush();
  return out;
}

/** Markdown constructs WeCom renders inline; each is kept whole, or re-wrapped per piece if huge. */
const INLINE = /<font color="[a-z]+">[\s\S]*?<\/font>|\*\*[^*\n]+?\*\*|`[^`\n]*`|\[[^\]\n]*\]\([^)\s]*\)|<@[^<>\s]+>/g;
const WRAPPED = /^(<font color="[a-z]+">|\*\*|`)([\s\S]*)(<\/font>|\*\*|`)$/;

function inlineAtoms(line: string): string[] {
  const atoms: string[] = [];
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    atoms.push(...splitGraphemes(line.slice(last, m.index)), m[0]);
    last = m.index + m[0].length;
  }
  atoms.push(...splitGraphemes(line.slice(last)));
  return atoms;
}

/** Splits one construct too big for a part: its inner text, each piece wrapped the same way. */
function splitAtom(atom: string, max: number): string[] {
  const w = WRAPPED.exec(atom);
  if (w) {
    const [, open = '', inner = '', close = ''] = w;
    const room = max - byteLength(open) - byteLength(close);
    if (room > 16) return splitLine(inner, room).map((p) => open + p + close);
  }
  // A link (or anything odder) too long to keep: degrade to its plain text.
  const plain = atom.replace(/^\[([^\]]*)\]\(([^)]*)\)$/, '$1 ($2)');
  return pack(splitGraphemes(plain), '', max, () => []);
}

function splitLine(line: string, max: number): string[] {
  return pack(inlineAtoms(line), '', max, (atom) => splitAtom(atom, max));
}

/** Splits markdown into parts of at most `maxBytes` UTF-8 bytes, each valid on its own. */
export function splitMarkdown(content: string, maxBytes: number): string[] {
  const byLine = (block: string) => pack(block.split('\n'), '\n', maxBytes, (line) => splitLine(line, maxBytes));
  return pack(content.split(/\n{2,}/), '\n\n', maxBytes, byLine).filter((p) => p.trim() !== '');
}

/** Splits plain text the same way, with no constructs to respect. */
export function splitText(content: string, maxBytes: number): string[] {
  const byGrapheme = (line: string) => pack(splitGraphemes(line), '', maxBytes, () => []);
  const byLine = (block: string) => pack(block.split('\n'), '\n', maxBytes, byGrapheme);
  return pack(content.split(/\n{2,}/), '\n\n', maxBytes, byLine).filter((p) => p.trim() !== '');
}

/** Markdown to the plain text of a `text` message; the `<@userid>` mentions become `mentioned_list`. */
export function markdownToText(markdown: string): { content: string; mentions: string[] } {
  const mentions = [...markdown.matchAll(/<@([^<>\s]+)>/g)].map((m) => m[1] ?? '').filter((m) => m !== '');
  const content = markdown
    .replace(/<@[^<>\s]+>\s?/g, '')
    .replace(/<font color="[a-z]+">([\s\S]*?)<\/font>/g, '$1')
    .replace(/\*\*([^*\n]+?)\*\*/g, '$1')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/\[([^\]\n]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^>\s?/gm, '')
    .trim();
  return { content, mentions: [...new Set(mentions)] };
}
