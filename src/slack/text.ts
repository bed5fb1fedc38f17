/**
 * Turns what Slack sends into the text a human pasted, for the core to analyze.
 * Slack escapes `&`, `<`, `>` in `text` and wraps links and mentions in `<…>`; rich-text blocks carry
 * the raw characters. Smart quotes (macOS substitution) break pasted JSON, so they are straightened.
 */
import { normalizeText } from '../core/index.js';
import { stripSlackMention } from '../mentions.js';

/**
 * Decodes Slack's `text` format: `<url|label>`, `<@U1>`, `<#C1|name>`, `<!here>`; then the core's
 * normalisation decodes the three entities and straightens smart quotes.
 */
export function decodeSlackText(text: string): string {
  // Controls first: until the entities are decoded, every `<` in `text` is Slack's own.
  return normalizeText(text.replace(/<([^<>]*)>/g, (_m, inner: string) => renderControl(inner)));
}

function renderControl(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) {
    if (label !== undefined) return label; // <!date^…|fallback>, <!subteam^S1|@team>
    return `@${target.slice(1).split('^')[0] ?? ''}`; // <!here>, <!channel>
  }
  return label ?? target; // a link: what the reader saw
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Plain text of the message's `rich_text` blocks (sections, lists, quotes and `rich_text_preformatted`
 * code blocks), or undefined when there are none. `skipUser` drops mentions of that user (the bot).
 */
export function richTextToPlain(blocks: unknown, skipUser?: string): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const out: string[] = [];
  let found = false;
  for (const block of blocks) {
    if (!isObject(block) || block.type !== 'rich_text' || !Array.isArray(block.elements)) continue;
    found = true;
    for (const el of block.elements) renderRichElement(el, out, skipUser);
  }
  return found ? out.join('\n') : undefined;
}

function renderRichElement(el: unknown, out: string[], skipUser: string | undefined): void {
  if (!isObject(el)) return;
  switch (el.type) {
    case 'rich_text_section':
    case 'rich_text_quote':
    case 'rich_text_preformatted':
      out.push(inline(el.elements, skipUser));
      return;
    case 'rich_text_list':
      if (Array.isArray(el.elements)) for (const item of el.elements) renderRichElement(item, out, skipUser);
      return;
    default:
      return;
  }
}

function inline(elements: unknown, skipUser: string | undefined): string {
  if (!Array.isArray(elements)) return '';
  return elements
    .map((e) => {
      if (!isObject(e)) return '';
      switch (e.type) {
        case 'text':
          return str(e.text);
        case 'link':
          return str(e.text) || str(e.url);
        case 'user':
          return e.user_id === skipUser ? ' ' : `@${str(e.user_id)}`;
        case 'usergroup':
          return `@${str(e.usergroup_id)}`;
        case 'channel':
          return `#${str(e.channel_id)}`;
        case 'broadcast':
          return `@${str(e.range)}`;
        case 'emoji':
          return `:${str(e.name)}:`;
        case 'date':
          return str(e.fallback);
        case 'color':
          return str(e.value);
        default:
          return '';
      }
    })
    .join('');
}

/** The parts of a message event (or a shortcut's message) that carry text. */
export interface TextSource {
  text?: string | undefined;
  blocks?: unknown;
}

/**
 * What the author wrote: the rich-text blocks when present (raw characters, code blocks intact),
 * else the decoded `text`. Never both: `text` repeats the blocks, and codes would be counted twice.
 */
export function messageText(msg: TextSource, botUserId?: string): string {
  const rich = richTextToPlain(msg.blocks, botUserId);
  if (rich !== undefined && rich.trim() !== '') return normalizeText(rich);
  return decodeSlackText(stripSlackMention(msg.text ?? '', botUserId));
}
