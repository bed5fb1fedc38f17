/**
 * A request Bolt could not authorise (OAuth mode): its workspace has no installation, or the
 * installations cannot be read right now. Events get silence (counted); a slash command, shortcut
 * or button (which a person is waiting on, and Slack never retries) gets one ephemeral line on its
 * response_url, so it never vanishes silently.
 */
import type { Lang } from '../../core/index.js';
import { uiText } from '../../core/index.js';
import type { Logger } from '../../logger.js';
import type { DropReason } from '../../server/metrics.js';
import { InstallationsUnavailable } from './records.js';

export interface Unauthorized {
  reason: DropReason;
  /** Where a person waits for an answer (slash commands, shortcuts, buttons), if anywhere. */
  responseUrl: string | undefined;
}

/** Bolt wraps @slack/oauth's AuthorizationError, which wraps what the installation store threw. */
function unreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof InstallationsUnavailable) return true;
    e = (e as { original?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

export function classifyUnauthorized(error: unknown, body: unknown): Unauthorized {
  const url = (body as { response_url?: unknown } | undefined)?.response_url;
  return {
    reason: unreachable(error) ? 'installations_unreachable' : 'not_installed',
    responseUrl: typeof url === 'string' && url.startsWith('http') ? url : undefined,
  };
}

/** Says why there is no answer, privately, to the person who asked. Best effort: never throws. */
export async function tellUnauthorized(
  u: Unauthorized,
  o: { lang: Lang; logger: Logger; timeoutMs: number; fetch?: typeof fetch },
): Promise<void> {
  if (!u.responseUrl) return;
  const ui = uiText(o.lang);
  const text = u.reason === 'installations_unreachable' ? ui.installUnavailable : ui.notInstalled;
  try {
    const res = await (o.fetch ?? fetch)(u.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    if (!res.ok) o.logger.debug({ status: res.status }, 'slack: response_url refused the not-installed notice');
  } catch (err) {
    o.logger.debug({ err }, 'slack: could not post the not-installed notice');
  }
}
