/**
 * Wall-clock hours in a named time zone (IANA, as Slack profiles give them: `Asia/Seoul`), with the
 * runtime's own time zone database, so a digest goes out at 10:00 where its subscriber is.
 */

/** The runtime's own zone (the server's), the hour's zone when a subscriber's is unknown. */
export const serverZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** `zone` when the runtime knows it, else undefined (a typo, an empty profile field). */
export function knownZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Year, month (1–12), day and hour of `ms` on the wall clock of `zone`. */
function wallClock(ms: number, zone: string): { y: number; m: number; d: number; h: number; min: number } {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, min: parts.minute! };
}

/** How far `zone`'s wall clock is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - Math.floor(ms / 60_000) * 60_000;
}

/** The instant `zone`'s wall clock shows y-m-d h:00 (day may overflow: Date.UTC normalises it). */
function zonedInstant(y: number, m: number, d: number, h: number, zone: string): number {
  const asUtc = Date.UTC(y, m - 1, d, h);
  const first = asUtc - offsetAt(asUtc, zone);
  return asUtc - offsetAt(first, zone);
}

/**
 * The latest instant at or before `now` when `zone`'s clock showed `hour`:00 (on a Monday for
 * `weekly`).
 */
export function latestZonedSlot(now: number, weekly: boolean, hour: number, zone: string): number {
  const w = wallClock(now, zone);
  let day = w.h >= hour ? w.d : w.d - 1;
  let slot = zonedInstant(w.y, w.m, day, hour, zone);
  if (slot > now) slot = zonedInstant(w.y, w.m, --day, hour, zone); // a DST day where the hour repeats
  if (!weekly) return slot;
  const weekday = new Date(Date.UTC(w.y, w.m - 1, day)).getUTCDay(); // 0 = Sunday
  return zonedInstant(w.y, w.m, day - ((weekday + 6) % 7), hour, zone);
}
