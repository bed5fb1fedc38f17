/** Posting answers: every reply is counted, timed, and falls back to plain text rather than not posting. */
import { webApi, type RespondArguments, type RespondFn } from '@slack/bolt';
import { clamp, LIMITS, type SlackMessage } from './blocks.js';
import type { SlackContext } from './context.js';

export interface ReplyTarget {
  channel: string;
  thread_ts?: string | undefined;
}

/** Slack refused the blocks themselves (a limit we did not foresee): the text alone still goes out. */
const BLOCK_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'invalid_arguments']);

function platformError(err: unknown): string | undefined {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : undefined;
}

export async function postMessage(
  ctx: SlackContext,
  client: webApi.WebClient,
  target: ReplyTarget,
  msg: SlackMessage,
): Promise<boolean> {
  const base = {
    channel: target.channel,
    ...(target.thread_ts && { thread_ts: target.thread_ts }),
    unfurl_links: false,
    unfurl_media: false,
  };
  try {
    await ctx.callApi('chat.postMessage', () =>
      client.chat.postMessage({ ...base, text: msg.text, blocks: msg.blocks }),
    );
    ctx.metrics.replies.inc({ platform: 'slack', outcome: 'posted' });
    return true;
  } catch (first) {
    let err = first;
    const code = platformError(err);
    if (code && BLOCK_ERRORS.has(code)) {
      ctx.logger.warn({ err, channel: target.channel }, 'blocks refused; posting the text fallback');
      try {
        await ctx.callApi('chat.postMessage', () =>
          client.chat.postMessage({ ...base, text: clamp(msg.text, LIMITS.text) }),
        );
        ctx.metrics.replies.inc({ platform: 'slack', outcome: 'posted' });
        return true;
      } catch (err2) {
        err = err2;
      }
    }
    ctx.metrics.replies.inc({ platform: 'slack', outcome: 'failed' });
    ctx.logger.warn({ err, channel: target.channel, slackError: platformError(err) }, 'chat.postMessage failed');
    return false;
  }
}

/** Answers through a command's or interaction's response_url (ephemeral by default). */
export async function respondWith(
  ctx: SlackContext,
  respond: RespondFn,
  payload: RespondArguments,
  count = true,
): Promise<boolean> {
  // respond() posts once with no retry of its own; a passing 5xx or network error must not lose the answer.
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.callApi('response_url', () => respond(payload));
      if (count) ctx.metrics.replies.inc({ platform: 'slack', outcome: 'posted' });
      return true;
    } catch (err) {
      if (attempt < RESPOND_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 200 * 4 ** (attempt - 1)));
        continue;
      }
      if (count) ctx.metrics.replies.inc({ platform: 'slack', outcome: 'failed' });
      ctx.logger.warn({ err, attempts: attempt }, 'response_url post failed');
      return false;
    }
  }
}

const RESPOND_ATTEMPTS = 3;
