/**
 * Where installations live: Redis when configured, with a local copy of every record this process
 * read or wrote, so a Redis outage does not silence every workspace. A copy is fresh for
 * `freshMs`; past that it is read again, and served as it is while Redis cannot answer. Writes made
 * here (an install, an uninstall) are the newest truth: kept locally at once, written to Redis with
 * a plain SET (never "if absent"), retried until Redis takes them, and never replaced by an older
 * read in the meantime. Without Redis, the MemoryStore holds them (and never evicts them).
 */
import { ErrorCode, MsdkBotError } from '../../errors.js';
import type { Logger } from '../../logger.js';

/** Redis as seen from here: fails (rejects) rather than answering from memory. */
export interface DurableRecords {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** False while disconnected: calls would only fail. */
  available(): boolean;
}

/** The installation store could not be read and nothing is known locally: not "not installed". */
export class InstallationsUnavailable extends MsdkBotError {
  constructor(cause?: unknown) {
    super(ErrorCode.SlackInstallation, 'installations cannot be read right now (Redis unreachable)', { cause });
    this.name = 'InstallationsUnavailable';
  }
}

interface Copy {
  /** undefined: known absent. */
  value: string | undefined;
  readAt: number;
  /** Written here and not yet in Redis: authoritative until it is. */
  pending: boolean;
}

/** Installations seen from Redis are re-read after this: an install or uninstall made by another replica shows within it. */
export const INSTALLATION_FRESH_MS = 30_000;
/** After a failed call, Redis is not asked again for this long (the local copies answer). */
const RETRY_MS = 1_000;
/** Set with the first installation: Redis without it, while installations were known, lost its data. */
export const MARKER_KEY = 'install:marker';
/** Deletion is an expiry: the Store has no delete, and 1 ms expires on every backend. */
const GONE_TTL_SECONDS = 0.001;

export class InstallationRecords {
  private readonly copies = new Map<string, Copy>();
  private readonly now: () => number;
  private readonly freshMs: number;
  private skipUntil = 0;
  /** The writes to Redis, one after the other (writePending never rejects). */
  private flushing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private markerSeen = false;
  /** A write failed and has not been retried successfully yet (logged once per episode). */
  private deferred = false;
  private lossReported = false;

  constructor(
    private readonly durable: DurableRecords,
    /** `now` dates the copies (tests move it); retries always run on the real clock. */
    private readonly deps: { logger: Logger; now?: () => number; freshMs?: number },
  ) {
    this.now = deps.now ?? Date.now;
    this.freshMs = deps.freshMs ?? INSTALLATION_FRESH_MS;
  }

  /** The record, undefined when there is none; throws InstallationsUnavailable when that cannot be known. */
  async get(key: string): Promise<string | undefined> {
    const copy = this.copies.get(key);
    if (copy && (copy.pending || this.now() - copy.readAt < this.freshMs)) return copy.value;
    if (!this.reachable()) {
      if (copy) return copy.value;
      throw new InstallationsUnavailable();
    }
    let value: string | undefined;
    try {
      // '' is a record deleted by expiry that has not expired yet (1 ms): none.
      value = (await this.durable.get(key)) || undefined;
    } catch (err) {
      this.failed();
      if (copy) return copy.value;
      throw new InstallationsUnavailable(err);
    }
    this.skipUntil = 0;
    const latest = this.copies.get(key);
    // Written here while the read was on its way: the write is newer.
    if (latest?.pending) return latest.value;
    if (value === undefined && copy?.value !== undefined) await this.checkLoss();
    if (value !== undefined) void this.markPresent();
    this.copies.set(key, { value, readAt: this.now(), pending: false });
    if (this.hasPending()) void this.flush();
    return value;
  }

  /** An install (value) or an uninstall (undefined): local at once, in Redis as soon as it answers. */
  async put(key: string, value: string | undefined): Promise<void> {
    this.copies.set(key, { value, readAt: this.now(), pending: true });
    await this.flush();
  }

  /** Writes every pending record, after any write already going on; what fails stays pending, retried shortly. */
  private flush(): Promise<void> {
    this.flushing = (this.flushing ?? Promise.resolve()).then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    const durable = this.durable;
    let written = 0;
    for (const [key, copy] of this.copies) {
      if (!copy.pending) continue;
      if (!this.reachable()) {
        this.defer();
        break;
      }
      try {
        if (copy.value === undefined) await durable.set(key, '', GONE_TTL_SECONDS);
        else {
          await durable.set(key, copy.value);
          await durable.set(MARKER_KEY, '1');
          this.markerSeen = true;
          this.lossReported = false;
        }
      } catch (err) {
        this.failed();
        this.defer(err);
        break;
      }
      written++;
      // Unless it changed again while being written.
      if (this.copies.get(key) === copy) copy.pending = false;
    }
    if (this.deferred && !this.hasPending()) {
      this.deferred = false;
      this.deps.logger.info({ written }, 'slack: installs and uninstalls made while Redis was away are in Redis now');
    }
    this.scheduleRetry();
  }

  /** Logged once per episode: the replica holds installs Redis does not have yet. */
  private defer(err?: unknown): void {
    if (this.deferred) return;
    this.deferred = true;
    this.deps.logger.warn(
      { err },
      'slack: an install or uninstall is kept by this replica until Redis takes it (retried every second)',
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.hasPending()) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  private hasPending(): boolean {
    for (const c of this.copies.values()) if (c.pending) return true;
    return false;
  }

  private reachable(): boolean {
    return this.durable.available() && Date.now() >= this.skipUntil;
  }

  private failed(): void {
    this.skipUntil = Date.now() + RETRY_MS;
  }

  /** Redis has installations: say so (once per process), so a later empty Redis can be told from an uninstall. */
  private async markPresent(): Promise<void> {
    if (this.markerSeen) return;
    this.markerSeen = true;
    try {
      if ((await this.durable.get(MARKER_KEY)) === undefined) await this.durable.set(MARKER_KEY, '1');
      this.lossReported = false;
    } catch {
      this.markerSeen = false;
    }
  }

  /**
   * A record known here is gone from Redis: uninstalled elsewhere, or Redis restarted empty. Without
   * the marker it is the latter, reported once (not once per workspace or event).
   */
  private async checkLoss(): Promise<void> {
    if (!this.markerSeen) return;
    let marker: string | undefined;
    try {
      marker = await this.durable.get(MARKER_KEY);
    } catch {
      return;
    }
    if (marker !== undefined) return;
    if (!this.lossReported) {
      this.lossReported = true;
      const known = [...this.copies.values()].filter((c) => c.value !== undefined).length;
      this.deps.logger.error(
        { known },
        'slack: Redis lost the installations (restarted without persistence?): these workspaces are not answered until they reinstall the app. OAuth mode needs a persistent Redis (appendonly yes).',
      );
    }
    // Known lost: every copy from before the loss is gone too.
    for (const [key, copy] of this.copies) if (!copy.pending) this.copies.delete(key);
    this.markerSeen = false;
  }

  /** Stops retrying (pending writes are lost with the process, as they would be without this). */
  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
