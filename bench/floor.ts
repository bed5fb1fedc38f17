/** The floor: finds `ret=` / `"errcode":` tokens and nothing else (no JSON, no tables, no prose). */
export const FLOOR_RE = /(?:"?ret"?|"?errcode"?)\s*[:=]\s*-?\d+/g;
