/**
 * One message said to (or overheard by) the bot, as every surface hands it over, and what the
 * conversation made of it. Platform-free: a Slack channel, a WeCom group, the next chat platform
 * are each a translator to and from these types.
 */
import type { Analysis, Lang } from '../core/index.js';
import type { Store } from '../store/store.js';
import type { Mute } from '../team/index.js';

export interface Turn {
  /**
   * Asked (a mention, a DM, `/msdk`, the shortcut, a WeCom mention, one-to-one chat or app message):
   * explained in full, muted codes with a note. Overheard: scanned, silent unless an error is
   * found that is neither muted here nor already explained in the thread.
   */
  asked: boolean;
  /** The text a person pasted, files included, within the input budget. */
  text: string;
  /** Set when the adapter cut a shared file to the input budget. */
  truncated?: { readBytes: number; totalBytes: number } | undefined;
  lang: Lang;
  /**
   * The reader's own language when it costs a look-up (Slack's `users.info`): asked only once an
   * overheard turn has something to say, so chatter costs no call. The answer then speaks it.
   */
  langOfAnswer?: (() => Promise<Lang>) | undefined;
  /** Where mutes are read (`slack:<tenant>:<channel>`, `wecom:<chat>`); none: nothing is muted there. */
  mutePlace?: string | undefined;
  /**
   * The thread the turn is in (`<tenant>:<channel>:<thread ts>`), whose memory of explained codes
   * keeps a code from being explained twice; none: the surface has no threads (WeCom, `/msdk`).
   */
  thread?: string | undefined;
  /** Where a delivered answer is counted for the Home tab and digests; none: not counted. */
  tally?: { workspace: string; place: string } | undefined;
}

/** Why a turn gets no answer: nothing to say (chatter), every code muted here, or all told already. */
export type Silence = 'chatter' | 'muted' | 'repeat';

export interface Answer {
  kind: 'answer';
  /** What to render; overheard, only the findings still worth saying. */
  analysis: Analysis;
  /** Asked about codes muted here: one note each (the first five findings). */
  notes: Mute[];
}

/** An asked turn always gets an Answer; an overheard one may get silence. */
export type Outcome = Answer | { kind: 'silence'; reason: Silence };

/** What the conversation needs from the adapter: the shared store and its hooks for metrics and logs. */
export interface ConversationDeps {
  store: Store;
  /** MAX_INPUT_BYTES: how much of the text the core reads. */
  maxInputBytes: number;
  /** The clock of counts (tests move it). */
  now(): number;
  /** Each message run through the core (the adapter's msdk_messages_scanned_total and findings). */
  analysed(analysis: Analysis): void;
  /** A turn left unanswered on purpose (msdk_events_dropped_total); chatter is not counted. */
  dropped(reason: Exclude<Silence, 'chatter'>): void;
  logger: { warn(obj: object, msg: string): void };
}
