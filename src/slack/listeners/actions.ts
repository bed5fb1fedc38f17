/** The "Post to channel" button under a private `/msdk` answer: publishes that answer for everyone. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseLang, uiText } from '../../core/index.js';
import { TTL } from '../../store/ttl.js';
import type { Block } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { postMessage, respondWith } from '../reply.js';
import { COMMAND } from '../surface.js';
import { answerKey, type StoredAnswer } from './command.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function readStored(raw: string | undefined): StoredAnswer | undefined {
  if (!raw) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (typeof o.text !== 'string' || !Array.isArray(o.blocks) || typeof o.lang !== 'string') return undefined;
    return { text: o.text, blocks: o.blocks as Block[], lang: o.lang }; // our own JSON, written by command.ts
  } catch {
    return undefined;
  }
}

export function postPublicListener(deps: SlackDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    const stored = readStored(await deps.store.get(answerKey(action.value ?? '')));
    const fallbackLang = deps.config.lang;
    if (!stored) {
      await respondWith(deps, body.response_url, {
        response_type: 'ephemeral',
        replace_original: false,
        text: uiText(fallbackLang).expired(COMMAND),
      });
      return;
    }
    // Once per answer: a second click (or Slack delivering the click twice) posts nothing more.
    if (!(await deps.store.claim(`posted:${action.value}`, TTL.answer))) return deps.drop('duplicate');
    const ui = uiText(parseLang(stored.lang) ?? fallbackLang);
    const shared: Block = { type: 'context', elements: [{ type: 'mrkdwn', text: ui.sharedBy(`<@${body.user.id}>`) }] };
    const blocks = [...stored.blocks, shared];
    let posted = await respondWith(deps, body.response_url, {
      response_type: 'in_channel',
      replace_original: false,
      text: stored.text,
      blocks,
    });
    if (!posted && body.channel?.id) {
      posted =
        (await postMessage(deps, client, { channel: body.channel.id }, { text: stored.text, blocks })) !== undefined;
    }
    // The private copy has served its purpose (best effort; not counted as a reply).
    if (posted) await respondWith(deps, body.response_url, { delete_original: true }, false);
  };
}
