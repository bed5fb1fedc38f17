/**
 * `/msdk <text>`: asked, answered privately (ephemeral) with a "Post to channel" button.
 * `/msdk`, `/msdk help`: usage. `/msdk lang en|ko|zh`: remember the user's language.
 */
import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { delivered, respond } from '../../conversation/index.js';
import { parseLang, uiText } from '../../core/index.js';
import { TTL } from '../../store/ttl.js';
import { type Block, renderNotice, type SlackMessage } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { renderAnswer, slackTurn } from '../explain.js';
import { resolveLang, setUserLang } from '../lang.js';
import { respondWith } from '../reply.js';
import { ACTION_POST_PUBLIC, COMMAND } from '../surface.js';
import { muteNoteBlocks, tenantOf, workspaceOf } from '../team.js';
import { decodeSlackText } from '../text.js';
import { teamCommand } from './team-command.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const answerKey = (id: string): string => `answer:${id}`;

/** What the "Post to channel" button publishes: the answer as the user saw it. */
export interface StoredAnswer extends SlackMessage {
  lang: string;
}

export function commandListener(deps: SlackDeps) {
  return async ({ command, ack, client, context }: Args): Promise<void> => {
    await ack(); // empty ack within 3 s; the answer follows through response_url
    const workspace = workspaceOf(context);
    const text = decodeSlackText(command.text ?? '').trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const word = first.toLowerCase();

    if (word === 'lang' && rest.length <= 1) {
      const chosen = parseLang(rest[0]);
      if (!chosen) {
        const lang = await resolveLang(deps, client, workspace, command.user_id);
        await respondWith(deps, command.response_url, ephemeral(renderNotice(uiText(lang).langInvalid(COMMAND))));
        return;
      }
      await setUserLang(deps, workspace, command.user_id, chosen);
      await respondWith(deps, command.response_url, ephemeral(renderNotice(uiText(chosen).langSet)));
      return;
    }

    const lang = await resolveLang(deps, client, workspace, command.user_id);
    const tenant = tenantOf(context);
    const where = { channel: command.channel_id, user: command.user_id, team: workspace, tenant, lang };
    const team = await teamCommand(deps, { word, args: rest, ...where }, client);
    if (team?.posted) return;
    if (team) {
      const kind = team.public ? ('in_channel' as const) : ('ephemeral' as const);
      await respondWith(deps, command.response_url, { ...ephemeral(team.message), response_type: kind });
      return;
    }
    if (text === '' || (word === 'help' && rest.length === 0)) {
      await respondWith(deps, command.response_url, ephemeral(renderNotice(uiText(lang).usage(COMMAND))));
      return;
    }

    const turn = slackTurn(true, { text }, lang, { tenant, team: workspace, channel: command.channel_id });
    const outcome = await respond(turn, deps.conversation);
    const { analysis } = outcome;
    const answer = renderAnswer(deps, analysis, lang);
    const blocks = [...answer.blocks, ...muteNoteBlocks(lang, outcome.notes)];
    if (analysis.findings.length > 0 || analysis.matches.length > 0) {
      // The button publishes the answer without the notes; publishing it counts nothing more (src/conversation/delivered.ts).
      const id = randomUUID();
      const stored: StoredAnswer = { lang, text: answer.text, blocks: answer.blocks };
      await deps.store.set(answerKey(id), JSON.stringify(stored), TTL.answer);
      blocks.push(postButton(uiText(lang).postToChannel, id));
    }
    if (await respondWith(deps, command.response_url, ephemeral({ text: answer.text, blocks }))) {
      await delivered(turn, outcome, deps.conversation);
    }
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
