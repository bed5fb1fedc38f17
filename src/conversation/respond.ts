/**
 * The one conversation policy, for every surface: the mode (asked or overheard), the analysis, the
 * mutes (a filter when overheard, a note when asked) and the thread's memory (a filter when
 * overheard, a record when asked). Adapters translate to a Turn, render the Outcome, send it, and
 * call `delivered` once it arrived.
 */
import { type Analysis, analyze, type Finding } from '../core/index.js';
import { type Mute, mutedCode, partitionMuted } from '../team/index.js';
import { claimNewInThread } from './thread-memory.js';
import type { Answer, ConversationDeps, Outcome, Silence, Turn } from './turn.js';

/** Notes under an asked answer cover its first findings; the rest are rarely read. */
const NOTED_FINDINGS = 5;

export async function respond(turn: Turn & { asked: true }, deps: ConversationDeps): Promise<Answer>;
export async function respond(turn: Turn, deps: ConversationDeps): Promise<Outcome>;
export async function respond(turn: Turn, deps: ConversationDeps): Promise<Outcome> {
  const analysis = analyse(turn, deps);
  if (turn.asked) {
    const [notes] = await Promise.all([
      mutesOf(deps, turn.mutePlace, analysis.findings.slice(0, NOTED_FINDINGS)),
      // Remembered, so an overheard message later in the thread does not explain these again.
      turn.thread && claimNewInThread(deps.store, turn.thread, analysis.findings),
    ]);
    return { kind: 'answer', analysis, notes };
  }
  if (analysis.findings.length === 0) return silence('chatter', deps);
  let findings = analysis.findings;
  // Unasked, say nothing about codes muted here or already explained in this thread; muted codes
  // are not claimed, so the thread can still hear about them once the mute expires.
  if (turn.mutePlace) findings = (await partitionMuted(deps.store, turn.mutePlace, findings)).open;
  if (findings.length === 0) return silence('muted', deps);
  if (turn.thread) findings = await claimNewInThread(deps.store, turn.thread, findings);
  if (findings.length === 0) return silence('repeat', deps);
  const answer = findings === analysis.findings ? analysis : { ...analysis, findings };
  return { kind: 'answer', analysis: await inReadersLang(turn, answer, deps), notes: [] };
}

/** The same findings in the reader's language, when it was left to look up until now. */
async function inReadersLang(turn: Turn, analysis: Analysis, deps: ConversationDeps): Promise<Analysis> {
  const lang = await turn.langOfAnswer?.();
  if (!lang || lang === turn.lang) return analysis;
  const keep = new Set(analysis.findings.map((f) => `${f.table}:${f.code}`));
  const again = analyze(turn.text, { mode: 'scan', lang, maxBytes: deps.maxInputBytes });
  return { ...analysis, findings: again.findings.filter((f) => keep.has(`${f.table}:${f.code}`)) };
}

/** The only run of the core for a conversation: explain when asked, scan (confident only) when overheard. */
function analyse(turn: Turn, deps: ConversationDeps): Analysis {
  const mode = turn.asked ? 'explain' : 'scan';
  let analysis = analyze(turn.text, { mode, lang: turn.lang, maxBytes: deps.maxInputBytes });
  if (!analysis.truncated && turn.truncated) analysis = { ...analysis, truncated: turn.truncated };
  deps.analysed(analysis);
  return analysis;
}

async function mutesOf(deps: ConversationDeps, place: string | undefined, findings: Finding[]): Promise<Mute[]> {
  if (!place || findings.length === 0) return [];
  const mutes = await Promise.all(findings.map((f) => mutedCode(deps.store, place, f.code)));
  return mutes.filter((m) => m !== undefined);
}

function silence(reason: Silence, deps: ConversationDeps): Outcome {
  if (reason !== 'chatter') deps.dropped(reason);
  return { kind: 'silence', reason };
}

/**
 * Asked again just before an overheard answer is sent, when it waited (a WeCom group's queue): false
 * once every code in it was muted meanwhile. An asked answer is always still wanted.
 */
export async function stillWanted(turn: Turn, answer: Answer, deps: Pick<ConversationDeps, 'store'>): Promise<boolean> {
  if (turn.asked || !turn.mutePlace) return true;
  return (await partitionMuted(deps.store, turn.mutePlace, answer.analysis.findings)).open.length > 0;
}
