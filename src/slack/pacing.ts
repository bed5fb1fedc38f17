/**
 * Replies paced per channel: Slack allows about one message a second per channel, and a burst in one
 * channel that runs into 429s would pause the workspace's whole Web API client, delaying replies in
 * every other channel. Each channel gets its own lane: posts there start at least `intervalMs`
 * apart, in order, while other channels' lanes run freely. Lanes exist only while busy (bounded by
 * traffic), and a lane holds at most `maxQueued` posts: a longer burst is refused rather than queued
 * for minutes.
 */

interface Lane {
  /** Settles when the lane's latest post has been answered. */
  tail: Promise<void>;
  /**
   * When the latest post was answered (performance.now()): the next starts `intervalMs` after it,
   * so posts reach Slack at least that far apart whatever their latency.
   */
  last: number;
  queued: number;
}

export class ChannelBusyError extends Error {
  constructor(readonly channel: string) {
    super(`more than the queued maximum of replies waiting in ${channel}`);
  }
}

export class ChannelPacer {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly intervalMs = 1000,
    private readonly maxQueued = 60,
  ) {}

  /** Runs `post` in `channel`'s lane, after the previous post there plus the interval. */
  run<T>(channel: string, post: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { tail: Promise.resolve(), last: Number.NEGATIVE_INFINITY, queued: 0 };
      this.lanes.set(channel, lane);
    }
    if (lane.queued >= this.maxQueued) return Promise.reject(new ChannelBusyError(channel));
    const l = lane;
    l.queued++;
    const result = l.tail.then(async () => {
      const wait = l.last + this.intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await post();
      } finally {
        l.last = performance.now();
      }
    });
    l.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      l.queued--;
      // Kept for one interval after its last post, so a post right after still waits its turn.
      if (l.queued === 0) {
        setTimeout(() => {
          if (l.queued === 0 && this.lanes.get(channel) === l) this.lanes.delete(channel);
        }, this.intervalMs).unref();
      }
    });
  }

  /** Channels with a lane now (tests, metrics). */
  get size(): number {
    return this.lanes.size;
  }
}
