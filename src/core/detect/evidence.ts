/**
 * Evidence, combined: every rule that speaks for a number adds its weight, every mark against it
 * takes weight away, and the mode decides how much is enough. Scan (the bot listening, unasked) and
 * explain (the bot asked) differ only in that threshold.
 */

/** One strong piece of evidence: an error word, the platform's message, an error field. */
export const STRONG = 3;

export const THRESHOLD = {
  /** Passive listening: a strong piece, or weaker ones that add up (neighbours, a table's shape). */
  scan: STRONG,
  /** Asked: a number that stands as a code is enough. */
  explain: 1,
} as const;

/** The weight each rule's evidence carries (negative: evidence against). */
export const WEIGHTS: Readonly<Record<string, number>> = {
  'quoted-message': STRONG,
  'labelled-message': STRONG,
  'error-word': STRONG,
  'code-key-platform': STRONG,
  'meaning-beside': STRONG,
  'message-first': STRONG,
  'code-and-msg': STRONG,
  'table-row': STRONG,
  'table-row-shape': 1,
  'codes-only': 1,
  'list-block': STRONG,
  'bare-code': 1,
};

/** Records the evidence `id` on `rules` and returns its weight. */
export function evidence(rules: string[], id: string): number {
  rules.push(id);
  return WEIGHTS[id] ?? 0;
}
