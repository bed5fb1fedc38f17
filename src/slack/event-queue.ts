/**
 * Work of Slack events already acknowledged. Slack wants the ack within 3 s and never needs more
 * than a 200 for an event, so the edge answers first and queues the work here: at most
 * `concurrency` events are worked on at once, the rest wait in arrival order (deferred, counted),
 * so a burst above what the process can do delays replies, never acks. Past `maxWaiting` the work
 * is shed (counted and logged): the queue cannot grow without bound.
 */
export interface EventQueueOptions {
  concurrency: number;
  maxWaiting: number;
  /** One event had to wait for a free slot. */
  onDeferred(): void;
  /** One event was dropped: the queue was full. */
  onShed(): void;
}

export class EventQueue {
  private active = 0;
  private readonly waiting: Array<() => Promise<void>> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly o: EventQueueOptions) {}

  /** Events being worked on plus those waiting. */
  get size(): number {
    return this.active + this.waiting.length;
  }

  /** Runs `work` after the current I/O (the ack is flushed first), now or when a slot frees up. */
  push(work: () => Promise<void>): void {
    if (this.active < this.o.concurrency) {
      this.start(work);
      return;
    }
    if (this.waiting.length >= this.o.maxWaiting) {
      this.o.onShed();
      return;
    }
    this.o.onDeferred();
    this.waiting.push(work);
  }

  private start(work: () => Promise<void>): void {
    this.active++;
    setImmediate(() => {
      work()
        .catch(() => undefined) // the work logs its own failures
        .finally(() => {
          this.active--;
          const next = this.waiting.shift();
          if (next) this.start(next);
          else if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        });
    });
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
