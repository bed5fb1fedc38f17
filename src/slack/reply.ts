/** Posting answers: every reply is counted, timed, and falls back to plain text rather than not posting. */
import { type RespondArguments, webApi } from '@slack/bolt';
import { RETRY } from '../net/policy.js';
import { expectOk, withRetry } from '../net/retry.js';
import { clamp, LIMITS, type SlackMessage } from './blocks.js';
import type { SlackDeps } from './deps.js';

export interface ReplyTarget {
  channel: string;
  thread_ts?: string | undefined;
}

/** Slack refused the blocks themselves (a limit we did not foresee): the text alone still goes out. */
const BLOCK_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'invalid_arguments']);

function platformError(err: unknown): string | undefined {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : undefined;
}

/** A posted message: its ts (what chat.delete needs later). */
export interface Posted {
  ts: string | undefined;
}

/**
 * Posts in the target's channel lane (deps.pacer: one post a second per channel); undefined when it
 * could not be posted (the failure is logged and counted).
 */
export async function postMessage(
  deps: SlackDeps,
  client: webApi.WebClient,
  target: ReplyTarget,
  msg: SlackMessage,
): Promise<Posted | undefined> {
  try {
    return await deps.pacer.run(target.channel, () => postNow(deps, client, target, msg));
  } catch (err) {
    // Only the lane refuses (a burst longer than its queue): the post itself never throws.
    deps.drop('busy');
    deps.logger.warn({ err, channel: target.channel }, 'reply not posted: too many waiting in this channel');
    return undefined;
  }
}

async function postNow(
  deps: SlackDeps,
  client: webApi.WebClient,
  target: ReplyTarget,
  msg: SlackMessage,
): Promise<Posted | undefined> {
  const base = {
    channel: target.channel,
    ...(target.thread_ts && { thread_ts: target.thread_ts }),
    unfurl_links: false,
    unfurl_media: false,
  };
  try {
    const res = await deps.callApi('chat.postMessage', () =>
      client.chat.postMessage({ ...base, text: msg.text, blocks: msg.blocks }),
    );
    deps.metrics.replies.inc({ platform: 'slack', outcome: 'posted' });
    return { ts: res.ts };
  } catch (first) {
    let err = first;
    const code = platformError(err);
    if (code && BLOCK_ERRORS.has(code)) {
      deps.logger.warn({ err, channel: target.channel }, 'blocks refused; posting the text fallback');
      try {
        const res = await deps.callApi('chat.postMessage', () =>
          client.chat.postMessage({ ...base, text: clamp(msg.text, LIMITS.text) }),
        );
        deps.metrics.replies.inc({ platform: 'slack', outcome: 'posted' });
        return { ts: res.ts };
      } catch (err2) {
        err = err2;
      }
    }
    deps.metrics.replies.inc({ platform: 'slack', outcome: 'failed' });
    deps.logger.warn({ err, channel: target.channel, slackError: platformError(err) }, 'chat.postMessage failed');
    return undefined;
  }
}

/**
 * Answers through a command's or interaction's response_url (ephemeral by default). Each post has
 * a deadline; 5xx, 429 and timeouts are retried per RETRY.responseUrl, after Retry-After when given.
 */
export async function respondWith(
  deps: SlackDeps,
  responseUrl: string | undefined,
  payload: RespondArguments,
  count = true,
): Promise<boolean> {
  const outcome = (posted: boolean) => {
    if (count) deps.metrics.replies.inc({ platform: 'slack', outcome: posted ? 'posted' : 'failed' });
    return posted;
  };
  if (!responseUrl) {
    deps.logger.warn('no response_url to answer with');
    return outcome(false);
  }
  try {
    await deps.callApi('response_url', () =>
      withRetry(
        RETRY.responseUrl,
        deps.limits.outboundTimeoutMs,
        async (signal) => {
          const res = await fetch(responseUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(payload),
            redirect: 'error',
            signal,
          });
          await expectOk(res);
          await res.body?.cancel().catch(() => undefined);
        },
        (err, attempt, waitMs) => deps.logger.info({ err, attempt, waitMs }, 'response_url post failed, retrying'),
      ),
    );
    return outcome(true);
  } catch (err) {
    deps.logger.warn({ err }, 'response_url post failed');
    return outcome(false);
  }
}
