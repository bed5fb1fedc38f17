/**
 * `/msdk <text>`: explain mode, answered privately (ephemeral) with a "Post to channel" button.
 * `/msdk`, `/msdk help`: usage. `/msdk lang en|ko|zh`: remember the user's language.
 */
import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseLang, uiText } from '../../core/index.js';
import { TTL } from '../../store/ttl.js';
import { type Block, renderNotice, type SlackMessage } from '../blocks.js';
import type { SlackContext } from '../context.js';
import { renderAnswer, runAnalysis } from '../explain.js';
import { resolveLang, setUserLang } from '../lang.js';
import { respondWith } from '../reply.js';
import { ACTION_POST_PUBLIC, COMMAND } from '../surface.js';
import { muteNotes, tenantOf, workspaceOf } from '../team.js';
import { decodeSlackText } from '../text.js';
import { teamCommand } from './team-command.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const answerKey = (id: string): string => `answer:${id}`;

/** What the "Post to channel" button publishes: the answer as the user saw it. */
export interface StoredAnswer extends SlackMessage {
  lang: string;
}

export function commandListener(ctx: SlackContext) {
  return async ({ command, ack, client, context }: Args): Promise<void> => {
    await ack(); // empty ack within 3 s; the answer follows through response_url
    const workspace = workspaceOf(context);
    const text = decodeSlackText(command.text ?? '').trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const word = first.toLowerCase();

    if (word === 'lang' && rest.length <= 1) {
      const chosen = parseLang(rest[0]);
      if (!chosen) {
        const lang = await resolveLang(ctx, client, workspace, command.user_id);
        await respondWith(ctx, command.response_url, ephemeral(renderNotice(uiText(lang).langInvalid(COMMAND))));
        return;
      }
      await setUserLang(ctx, workspace, command.user_id, chosen);
      await respondWith(ctx, command.response_url, ephemeral(renderNotice(uiText(chosen).langSet)));
      return;
    }

    const lang = await resolveLang(ctx, client, workspace, command.user_id);
    const tenant = tenantOf(context);
    const where = { channel: command.channel_id, user: command.user_id, team: workspace, tenant, lang };
    const team = await teamCommand(ctx, { word, args: rest, ...where }, client);
    if (team?.posted) return;
    if (team) {
      const kind = team.public ? ('in_channel' as const) : ('ephemeral' as const);
      await respondWith(ctx, command.response_url, { ...ephemeral(team.message), response_type: kind });
      return;
    }
    if (text === '' || (word === 'help' && rest.length === 0)) {
      await respondWith(ctx, command.response_url, ephemeral(renderNotice(uiText(lang).usage(COMMAND))));
      return;
    }

    const analysis = runAnalysis(ctx, { text }, 'explain', lang);
    const answer = renderAnswer(ctx, analysis, lang);
    const blocks = [...answer.blocks, ...(await muteNotes(ctx, tenant, command.channel_id, analysis.findings, lang))];
    if (analysis.findings.length > 0 || analysis.matches.length > 0) {
      const id = randomUUID();
      const stored: StoredAnswer = { lang, text: answer.text, blocks: answer.blocks };
      await ctx.store.set(answerKey(id), JSON.stringify(stored), TTL.answer);
      blocks.push(postButton(uiText(lang).postToChannel, id));
    }
    await respondWith(ctx, command.response_url, ephemeral({ text: answer.text, blocks }));
  };
}

function ephemeral(msg: SlackMessage) {
  return { response_type: 'ephemeral' as const, text: msg.text, blocks: msg.blocks };
}

function postButton(label: string, id: string): Block {
  return {
    type: 'actions',
    elements: [{ type: 'button', action_id: ACTION_POST_PUBLIC, text: { type: 'plain_text', text: label }, value: id }],
  };
}
