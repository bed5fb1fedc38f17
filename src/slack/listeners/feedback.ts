/**
 * 👍 / 👎 under passive and mention replies. A vote counts once per user and reply
 * (`msdk_feedback_total{vote,table,code}`) and is thanked privately; 👎 also opens a modal whose
 * comment is kept with the codes, tables, language and the answer's permalink (src/team/feedback.ts).
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { type Lang, parseLang, uiText } from '../../core/index.js';
import { feedbackCodeLabel } from '../../server/metrics.js';
import { COMMENT_MAX, claimVote, isRated, ruleIds, saveReport, type Vote } from '../../team/index.js';
import type { ReplyRef } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { respondWith } from '../reply.js';
import { VIEW_FEEDBACK } from '../surface.js';
import { tenantOf, workspaceOf } from '../team.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const COMMENT_BLOCK = 'comment';

/** A button's value as written by `withReplyActions`; undefined when it is anything else. */
export function parseRef(value: string | undefined): ReplyRef | undefined {
  try {
    const v = JSON.parse(value ?? '') as Partial<ReplyRef>;
    if (!Array.isArray(v.f) || !parseLang(v.l)) return undefined;
    const f = v.f
      .filter((x) => Array.isArray(x) && isRated({ table: x[0], code: x[1] }))
      .map((x): ReplyRef['f'][number] => {
        const rules = ruleIds(x[2]);
        return rules.length > 0 ? [x[0], x[1], rules] : [x[0], x[1]];
      });
    return f.length > 0 ? { f, l: v.l as Lang } : undefined;
  } catch {
    return undefined;
  }
}

/** What the modal carries to its submission: where the answer is and what it was about. */
interface ModalMeta {
  channel: string;
  ts: string;
  team: string;
  ref: ReplyRef;
}

export function voteListener(deps: SlackDeps, vote: Vote) {
  return async ({ ack, action, body, client, context }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = parseRef(action.value);
    const channel = body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (!ref || !channel || typeof ts !== 'string') return;
    const ui = uiText(ref.l);
    const say = (text: string) =>
      respondWith(deps, body.response_url, { response_type: 'ephemeral', replace_original: false, text }, false);
    if (!(await claimVote(deps.store, `${tenantOf(context)}:${channel}:${ts}`, body.user.id))) {
      await say(ui.already);
      return;
    }
    for (const [table, code] of ref.f) {
      deps.metrics.feedback.inc({ vote, table, code: feedbackCodeLabel(deps.catalog(), table, code) });
    }
    if (vote === 'up') {
      await say(ui.thanks);
      return;
    }
    const meta: ModalMeta = { channel, ts, team: workspaceOf(context), ref };
    try {
      await deps.callApi('views.open', () =>
        client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: VIEW_FEEDBACK,
            private_metadata: JSON.stringify(meta),
            title: { type: 'plain_text', text: ui.modalTitle },
            submit: { type: 'plain_text', text: ui.modalSubmit },
            blocks: [
              {
                type: 'input',
                block_id: COMMENT_BLOCK,
                label: { type: 'plain_text', text: ui.modalLabel },
                hint: { type: 'plain_text', text: ui.modalHint },
                element: {
                  type: 'plain_text_input',
                  action_id: COMMENT_BLOCK,
                  multiline: true,
                  max_length: COMMENT_MAX,
                },
              },
            ],
          },
        }),
      );
    } catch (err) {
      // The vote is counted; only the comment is lost (an expired trigger_id, say).
      deps.logger.warn({ err }, 'could not open the feedback modal');
      await say(ui.thanks);
    }
  };
}

function parseMeta(raw: string): ModalMeta | undefined {
  try {
    const v = JSON.parse(raw) as Partial<ModalMeta>;
    const ref = parseRef(JSON.stringify(v.ref));
    return ref && typeof v.channel === 'string' && typeof v.ts === 'string'
      ? { channel: v.channel, ts: v.ts, team: String(v.team ?? ''), ref }
      : undefined;
  } catch {
    return undefined;
  }
}

export function feedbackSubmitListener(deps: SlackDeps) {
  return async ({ ack, view, body, client }: ViewArgs): Promise<void> => {
    await ack(); // closes the modal
    const meta = parseMeta(view.private_metadata);
    if (!meta) return;
    const comment = view.state.values[COMMENT_BLOCK]?.[COMMENT_BLOCK]?.value ?? '';
    let permalink: string | undefined;
    try {
      const res = await deps.callApi('chat.getPermalink', () =>
        client.chat.getPermalink({ channel: meta.channel, message_ts: meta.ts }),
      );
      permalink = res.permalink;
    } catch (err) {
      deps.logger.debug({ err }, 'no permalink for the reported answer');
    }
    await saveReport(deps.store, {
      at: new Date(deps.now()).toISOString(),
      platform: 'slack',
      workspace: meta.team,
      findings: meta.ref.f.map(([table, code, rules]) => ({ table, code, ...(rules?.length && { rules }) })),
      lang: meta.ref.l,
      ...(permalink && { permalink }),
      comment,
    });
    try {
      await deps.callApi('chat.postEphemeral', () =>
        client.chat.postEphemeral({ channel: meta.channel, user: body.user.id, text: uiText(meta.ref.l).reported }),
      );
    } catch (err) {
      deps.logger.debug({ err }, 'could not thank for the report');
    }
  };
}
