/**
 * The OAuth `state`: a signed, timed token (@slack/oauth's ClearStateStore, so any replica can
 * check it) that also works once. Without the single use, a state and its cookie, once seen (a
 * proxy log, a shared machine), could replay an install for the 10 minutes it is valid.
 */
import { createHash } from 'node:crypto';
import oauth, { type InstallURLOptions, InvalidStateError, type StateStore } from '@slack/oauth';
import type { Store } from '../../store/store.js';

// Re-exported in a way Node's detection of CommonJS named exports misses: read from the package object.
const { ClearStateStore } = oauth;

/** How long a state (and its cookie) is valid: @slack/oauth's default. */
export const STATE_TTL_SECONDS = 600;
export const STATE_COOKIE = 'slack-app-oauth-state';

/**
 * The browser-session half of the check. SameSite=Lax: sent on Slack's top-level redirect back to
 * us, never on a cross-site subrequest.
 */
export const stateCookie = (state: string): string =>
  `${STATE_COOKIE}=${state}; Secure; HttpOnly; SameSite=Lax; Path=/; Max-Age=${STATE_TTL_SECONDS}`;

export class SingleUseStateStore implements StateStore {
  private readonly signed: InstanceType<typeof ClearStateStore>;

  constructor(
    secret: string,
    private readonly store: Store,
  ) {
    this.signed = new ClearStateStore(secret, STATE_TTL_SECONDS);
  }

  generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    return this.signed.generateStateParam(installOptions, now);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const options = await this.signed.verifyStateParam(now, state);
    // Claimed only once valid, so a forged state cannot fill the store.
    const id = createHash('sha256').update(state).digest('base64url');
    if (!(await this.store.claim(`oauth:state:${id}`, STATE_TTL_SECONDS))) {
      throw new InvalidStateError('The state parameter was already used');
    }
    return options;
  }
}
