/**
 * Block Kit limits (https://api.slack.com/reference/block-kit) for the surfaces the team features
 * publish: messages (50 blocks), the Home tab and modals (100 blocks). Returns every violation, so
 * an assertion shows them all.
 */
import { LIMITS } from '../../../src/slack/blocks.js';

type Json = Record<string, unknown>;
const text = (v: unknown): string =>
  typeof (v as Json | undefined)?.text === 'string' ? String((v as Json).text) : '';

export function blockKitViolations(blocks: unknown[], maxBlocks: number = LIMITS.blocks): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(what);
  check(blocks.length <= maxBlocks, `${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `block ${i} (${String(b.type)})`;
    check(
      ['section', 'context', 'header', 'divider', 'actions', 'input'].includes(String(b.type)),
      `${at}: unknown type`,
    );
    if (b.type === 'header') check(text(b.text).length <= LIMITS.headerText, `${at}: header text too long`);
    if (b.type === 'section') {
      check(text(b.text).length <= LIMITS.sectionText, `${at}: section text too long`);
      check(text(b.text).length > 0, `${at}: empty section`);
    }
    const elements = (b.elements ?? []) as Json[];
    if (b.type === 'context') {
      check(elements.length >= 1 && elements.length <= 10, `${at}: 1..10 context elements`);
      for (const e of elements) check(text(e).length <= LIMITS.contextText, `${at}: context text too long`);
    }
    if (b.type === 'actions') {
      check(elements.length >= 1 && elements.length <= 25, `${at}: 1..25 actions`);
      for (const e of elements) {
        check(text(e.text).length <= 75, `${at}: button text > 75`);
        check(String(e.value ?? '').length <= 2000, `${at}: value > 2000`);
        check(String(e.action_id ?? '').length <= 255, `${at}: action_id > 255`);
      }
    }
    const accessory = b.accessory as Json | undefined;
    if (accessory?.type === 'static_select') {
      const options = accessory.options as Json[];
      check(options.length >= 1 && options.length <= 100, `${at}: 1..100 options`);
      for (const o of options)
        check(text(o.text).length <= 75 && String(o.value).length <= 150, `${at}: option too long`);
    }
  });
  return out;
}

/** A modal's own limits: title and submit ≤ 24 characters, private_metadata ≤ 3000, ≤ 100 blocks. */
export function modalViolations(view: Json): string[] {
  const out = blockKitViolations(view.blocks as unknown[], 100);
  if (text(view.title).length > 24) out.push('title > 24');
  if (text(view.submit).length > 24) out.push('submit > 24');
  if (String(view.private_metadata ?? '').length > 3000) out.push('private_metadata > 3000');
  return out;
}
