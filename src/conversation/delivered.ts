/**
 * The one counting rule: an answer's findings are counted as explained (the Home tab's and the
 * digests' "top codes") once, after the answer reached the person who asked or the place that
 * overheard, asked or overheard, on every surface. An answer that was not delivered explained
 * nothing, so it counts nothing.
 *
 * Intended exceptions, and why:
 * - `/msdk`'s private answer counts when it is delivered (a person was told); its "Post to channel"
 *   button republishes the same explanation and counts nothing more.
 * - The shortcut's answer counts once, whether it went to the thread or, refused there, privately.
 * - A WeCom answer split into several messages counts once, when every part was posted; an
 *   overheard one folded into a behind group's summary ("12 more errors: -303 ×8") counts nothing:
 *   the summary names codes, it explains none.
 * - Usage, team commands, "nothing found" have no findings and count nothing; `msdk notify` and the
 *   console are no conversation with a workspace and count nothing.
 * - Counting is best effort: a store failure is logged and never undoes or delays the reply.
 */
import { recordExplained } from '../team/index.js';
import type { ConversationDeps, Outcome, Turn } from './turn.js';

/** Outcomes already counted: a second `delivered` for the same answer counts nothing. */
const counted = new WeakSet<Outcome>();

/** Call once the rendered outcome was sent successfully. */
export async function delivered(
  turn: Turn,
  outcome: Outcome,
  deps: Pick<ConversationDeps, 'store' | 'now' | 'logger'>,
): Promise<void> {
  if (outcome.kind !== 'answer' || counted.has(outcome)) return;
  counted.add(outcome);
  const { findings } = outcome.analysis;
  if (!turn.tally || findings.length === 0) return;
  try {
    await recordExplained(deps.store, turn.tally.workspace, turn.tally.place, findings, deps.now());
  } catch (err) {
    deps.logger.warn({ err }, 'could not count explained codes');
  }
}
