/**
 * Replies paced per channel: Slack allows about one message a second per channel (short bursts
 * tolerated), and a burst in one channel that runs into 429s would pause the workspace's whole Web
 * API client, delaying replies in every other channel. Each channel gets its own lane: posts there
 * start at least `intervalMs` apart, in order, while other channels' lanes run freely. A post that
 * hangs does not hold its lane (spacing is by start, and every call has its own deadline). Lanes
 * exist only while busy (bounded by traffic), and a lane holds at most `maxQueued` posts: a longer
 * burst is refused rather than queued for minutes.
 */

import { ChannelBusyError } from '../errors.js';

interface Lane {
  /** When the next post in this lane may start (performance.now()). */
  next: number;
  /** Posts waiting or in flight. */
  queued: number;
}

export class ChannelPacer {
  private readonly lanes = new Map<string, Lane>();

  /** `intervalMs` 0 turns pacing off (tests that are not about it). */
  constructor(
    private readonly intervalMs = 1000,
    private readonly maxQueued = 60,
  ) {}

  /** Runs `post` in `channel`'s lane, `intervalMs` after the previous post there started. */
  async run<T>(channel: string, post: () => Promise<T>): Promise<T> {
    if (this.intervalMs <= 0) return post();
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { next: 0, queued: 0 };
      this.lanes.set(channel, lane);
    }
    if (lane.queued >= this.maxQueued) throw new ChannelBusyError(channel);
    const now = performance.now();
    const startAt = Math.max(now, lane.next);
    lane.next = startAt + this.intervalMs;
    lane.queued++;
    try {
      if (startAt > now) await new Promise((resolve) => setTimeout(resolve, startAt - now));
      return await post();
    } finally {
      lane.queued--;
      if (lane.queued === 0) this.retire(channel, lane);
    }
  }

  /** Drops an idle lane once its spacing has passed (a post right after still waits its turn). */
  private retire(channel: string, lane: Lane): void {
    const left = lane.next - performance.now();
    const drop = () => {
      if (lane.queued === 0 && this.lanes.get(channel) === lane) this.lanes.delete(channel);
    };
    if (left <= 0) drop();
    else setTimeout(drop, left).unref();
  }

  /** Channels with a lane now. */
  get size(): number {
    return this.lanes.size;
  }
}
