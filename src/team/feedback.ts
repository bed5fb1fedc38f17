/**
 * 👍 / 👎 on answers. A vote counts once per user and reply (a claim in the store, so a second
 * click on another replica counts nothing either). 👎 reports keep what the catalog's maintainers
 * need (codes, tables, language, a permalink, the user's own comment), never the message text.
 */
import { LANGS, type Lang, TABLE_IDS, type TableId } from '../core/index.js';
import type { Store } from '../store/store.js';
import { TTL } from '../store/ttl.js';

export type Vote = 'up' | 'down';

/** The newest reports `msdk feedback` lists. */
export const REPORTS_LISTED = 1000;
/** The comment box's limit (Slack's plain_text_input max_length is set to the same). */
export const COMMENT_MAX = 1000;

export interface Rated {
  table: TableId;
  code: number;
  /** Ids of the rules and evidence that produced the finding (docs/detection.md). */
  rules?: string[];
}

export interface Report {
  /** ISO time of the submission. */
  at: string;
  platform: 'slack' | 'wecom';
  /** Workspace (team id). */
  workspace: string;
  findings: Rated[];
  lang: Lang;
  permalink?: string;
  comment: string;
}

/** True the first time `user` votes on the reply `reply` (channel + ts); false for every later click. */
export function claimVote(store: Store, reply: string, user: string): Promise<boolean> {
  return store.claim(`vote:${reply}:${user}`, TTL.vote);
}

export async function saveReport(store: Store, report: Report): Promise<number> {
  const n = await store.incr('reports:n', TTL.forever);
  await store.set(
    `reports:${n}`,
    JSON.stringify({ ...report, comment: report.comment.slice(0, COMMENT_MAX) }),
    TTL.report,
  );
  return n;
}

function parseReport(raw: string | undefined): Report | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Report>;
    const findings = Array.isArray(v.findings)
      ? v.findings.filter(isRated).map((f) => {
          const rules = ruleIds(f.rules);
          return { table: f.table, code: f.code, ...(rules.length > 0 && { rules }) };
        })
      : [];
    if (typeof v.at !== 'string' || typeof v.comment !== 'string' || !LANGS.includes(v.lang as Lang)) return undefined;
    return {
      at: v.at,
      platform: v.platform === 'wecom' ? 'wecom' : 'slack',
      workspace: String(v.workspace ?? ''),
      findings,
      lang: v.lang as Lang,
      ...(typeof v.permalink === 'string' && { permalink: v.permalink }),
      comment: v.comment,
    };
  } catch {
    return undefined;
  }
}

export function isRated(x: unknown): x is Rated {
  const o = x as Partial<Rated> | null;
  return !!o && TABLE_IDS.includes(o.table as TableId) && Number.isInteger(o.code);
}

/** Rule ids as a report keeps them: short strings of `a-z0-9-:`, at most 16 of them. */
export function ruleIds(x: unknown): string[] {
  if (!Array.isArray(x)) return [];
  return x.filter((r): r is string => typeof r === 'string' && /^[a-z0-9:-]{1,40}$/.test(r)).slice(0, 16);
}

/** The newest reports, oldest first (expired ones are gone). */
export async function listReports(store: Store, limit = REPORTS_LISTED): Promise<Report[]> {
  const n = Number(await store.get('reports:n')) || 0;
  const from = Math.max(1, n - limit + 1);
  const raws = await Promise.all(Array.from({ length: n - from + 1 }, (_, i) => store.get(`reports:${from + i}`)));
  return raws.map(parseReport).filter((r): r is Report => r !== undefined);
}
