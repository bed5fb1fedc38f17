/** `30m`, `2h`, `7d` (and `45s` for tests and impatient people) → seconds. */
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** The longest mute or window accepted: long enough for a known outage, short enough to be revisited. */
export const MAX_DURATION_SECONDS = 30 * 86_400;

/** Seconds, or undefined when `text` is not a duration within 1 s .. 30 d. */
export function parseDuration(text: string | undefined): number | undefined {
  const m = /^(\d{1,6})\s*([smhd])$/i.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!.toLowerCase() as keyof typeof UNIT_SECONDS];
  return seconds >= 1 && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/** 86400 → `1d`, 5400 → `1h 30m`: the two largest units, for confirmations. */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(' ') || '0s';
}

/** `-4009`, `45009` → the number; anything else → undefined. Codes in the catalog fit in 9 digits. */
export function parseCode(text: string | undefined): number | undefined {
  const t = text?.trim().replace(/^[−–]/, '-') ?? '';
  return /^-?\d{1,9}$/.test(t) ? Number(t) : undefined;
}
