/**
 * How stopping is bounded. One budget is set where the process stops (`startBot`'s `stop` in
 * app.ts) and handed down as an AbortSignal that aborts when it runs out; each adapter's `stop`
 * waits for its own work only while the signal lasts, then gives up and logs what it leaves.
 * No adapter keeps a shutdown time of its own.
 */

/** Waits for `work` while `budget` lasts (forever without one); true if `work` settled in time. */
export function within(work: Promise<unknown>, budget?: AbortSignal): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true,
  );
  if (!budget) return settled;
  if (budget.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const giveUp = () => resolve(false);
    budget.addEventListener('abort', giveUp, { once: true });
    void settled.then(() => {
      budget.removeEventListener('abort', giveUp);
      resolve(true);
    });
  });
}
