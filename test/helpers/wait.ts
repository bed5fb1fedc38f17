/**
 * Polls `probe` until it returns something truthy, and returns that. A probe that throws is tried
 * again; at the deadline its last error (or a timeout naming `what`) is thrown. Replies and metrics
 * arrive after the request that caused them, so tests wait for them rather than sleep.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what = 'the condition',
  timeoutMs = 5000,
  stepMs = 10,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
