/**
 * The one conversation policy (src/conversation) on the memory store, as a table:
 * (asked?, muted here?, already explained in the thread?, delivered?) → outcome, drops and counts.
 * Texts are public posts from the real-world corpus (test/fixtures/realworld/samples.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ConversationDeps,
  delivered,
  type Outcome,
  respond,
  stillWanted,
  type Turn,
} from '../../src/conversation/index.js';
import type { Analysis } from '../../src/core/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { codeStats, daysEnding, muteCode } from '../../src/team/index.js';

interface Sample {
  id: string;
  source: string;
  text: string;
}
const samples = JSON.parse(
  readFileSync(new URL('../fixtures/realworld/samples.json', import.meta.url), 'utf8'),
) as Sample[];
const sample = (id: string): string => {
  const found = samples.find((s) => s.id === id);
  if (!found) throw new Error(`no sample ${id}`);
  return found.text;
};

/** https://github.com/lanrion/weixin_authorize/issues/79: {"errcode":45009,"errmsg":"api freq out of limit"} */
const FREQ_45009 = sample('weixin-authorize-79-45009-json');
/** https://github.com/b3log/xiaov/issues/26: an nginx 403 page, no MSDK error in it. */
const CHATTER = sample('xiaov-26-403-forbidden');

const NOW = new Date(2026, 11, 6, 9).getTime();
const WS = 'T1';

function setup() {
  const store = new MemoryStore({ now: () => NOW });
  const drops: string[] = [];
  const analysed: Analysis[] = [];
  const warnings: string[] = [];
  const deps: ConversationDeps = {
    store,
    maxInputBytes: 1_048_576,
    now: () => NOW,
    analysed: (a) => analysed.push(a),
    dropped: (reason) => drops.push(reason),
    logger: { warn: (_obj, msg) => warnings.push(msg) },
  };
  const turn = (over: Partial<Turn> = {}): Turn => ({
    asked: false,
    text: FREQ_45009,
    lang: 'en',
    mutePlace: 'slack:T1:C1',
    thread: 'T1:C1:1800000000.000100',
    tally: { workspace: WS, place: 'C1' },
    ...over,
  });
  const counted = async (code: number) =>
    (await codeStats(store, WS, daysEnding(NOW, 1))).find((s) => s.code === code)?.count ?? 0;
  return { store, deps, drops, analysed, warnings, turn, counted };
}

const codesOf = (o: Outcome) => (o.kind === 'answer' ? o.analysis.findings.map((f) => f.code) : []);

const rows: Array<{
  asked: boolean;
  muted: boolean;
  repeated: boolean;
  delivered: boolean;
  outcome: 'answer' | 'muted' | 'repeat';
  notes: number;
  count: number;
}> = [];
for (const asked of [true, false])
  for (const muted of [true, false])
    for (const repeated of [true, false])
      for (const sent of [true, false]) {
        // Asked: answered in full whatever the mutes and the thread (with a note when muted).
        // Overheard: silent when muted here, else silent when the thread was told already.
        const outcome = asked ? 'answer' : muted ? 'muted' : repeated ? 'repeat' : 'answer';
        rows.push({
          asked,
          muted,
          repeated,
          delivered: sent,
          outcome,
          notes: asked && muted ? 1 : 0,
          count: outcome === 'answer' && sent ? 1 : 0,
        });
      }

describe('respond + delivered: one table for every surface', () => {
  it.each(rows)(
    'asked $asked, muted $muted, repeated $repeated, delivered $delivered → $outcome, counted $count',
    async (row) => {
      const { store, deps, drops, turn, counted } = setup();
      if (row.muted) await muteCode(store, 'slack:T1:C1', 45009, 'U1MUTER', 3600, NOW);
      // An earlier answer in the same thread (asked, so it is given whatever the mutes), never delivered.
      if (row.repeated) await respond(turn({ asked: true }), deps);

      const t = turn({ asked: row.asked });
      const outcome = await respond(t, deps);
      if (row.delivered) await delivered(t, outcome, deps);

      if (row.outcome === 'answer') {
        expect(outcome.kind).toBe('answer');
        expect(codesOf(outcome)).toEqual([45009]);
        expect(outcome.kind === 'answer' && outcome.notes.map((m) => [m.code, m.by])).toEqual(
          row.notes ? [[45009, 'U1MUTER']] : [],
        );
        expect(drops).toEqual([]);
      } else {
        expect(outcome).toEqual({ kind: 'silence', reason: row.outcome });
        expect(drops).toEqual([row.outcome]);
      }
      expect(await counted(45009)).toBe(row.count);
    },
  );
});

describe('respond', () => {
  it('runs the core once per turn: explains when asked, scans when overheard', async () => {
    const { deps, analysed, drops, turn } = setup();
    const quiet = await respond(turn({ text: CHATTER }), deps);
    expect(quiet).toEqual({ kind: 'silence', reason: 'chatter' });
    expect(drops).toEqual([]); // chatter is not an event dropped on purpose
    const asked = await respond(turn({ asked: true, text: 'what is 45009' }), deps);
    expect(codesOf(asked)).toEqual([45009]);
    const overheard = await respond(turn({ text: 'what is 45009', thread: 'T1:C1:other' }), deps);
    expect(overheard).toEqual({ kind: 'silence', reason: 'chatter' }); // a bare number is no error overheard
    expect(analysed).toHaveLength(3);
  });

  it('answers an asked turn with nothing found (the renderer says so); never an overheard one', async () => {
    const { deps, turn } = setup();
    const asked = await respond(turn({ asked: true, text: CHATTER }), deps);
    expect(asked.kind === 'answer' && asked.analysis.findings).toEqual([]);
  });

  it('does not claim a muted code in the thread: once the mute ends, the thread hears about it', async () => {
    let clock = NOW;
    const { store, deps, drops, turn } = setup();
    const timed = { ...deps, store: new MemoryStore({ now: () => clock }) };
    await muteCode(timed.store, 'slack:T1:C1', 45009, 'U1', 60, clock);
    expect((await respond(turn(), timed)).kind).toBe('silence');
    clock += 61_000;
    expect(codesOf(await respond(turn(), timed))).toEqual([45009]);
    expect(codesOf(await respond(turn(), timed))).toEqual([]);
    expect(drops).toEqual(['muted', 'repeat']);
    await store.close();
  });

  it('keeps threads, places and surfaces without threads or mutes apart', async () => {
    const { store, deps, turn } = setup();
    await muteCode(store, 'slack:T1:C1', 45009, 'U1', 3600, NOW);
    // Muted in C1 of T1 only: another workspace's C1 still hears it, twice in two threads.
    const other = { mutePlace: 'slack:T2:C1', tally: { workspace: 'T2', place: 'C1' } };
    expect(codesOf(await respond(turn({ ...other, thread: 'T2:C1:1' }), deps))).toEqual([45009]);
    expect(codesOf(await respond(turn({ ...other, thread: 'T2:C1:2' }), deps))).toEqual([45009]);
    // No thread (a WeCom group): every overheard message with the error is answered.
    const group = { mutePlace: 'wecom:chat1', thread: undefined };
    expect(codesOf(await respond(turn(group), deps))).toEqual([45009]);
    expect(codesOf(await respond(turn(group), deps))).toEqual([45009]);
  });
});

describe('delivered', () => {
  it('counts an answer once, however often it is reported delivered', async () => {
    const { deps, turn, counted } = setup();
    const t = turn({ asked: true });
    const outcome = await respond(t, deps);
    await delivered(t, outcome, deps);
    await delivered(t, outcome, deps);
    expect(await counted(45009)).toBe(1);
    // The same turn answered again (another message) is another explanation.
    const again = await respond(t, deps);
    await delivered(t, again, deps);
    expect(await counted(45009)).toBe(2);
  });

  it('counts nothing for silence, for an answer without findings, or where there is no tally', async () => {
    const { deps, turn, counted } = setup();
    const quiet = turn({ text: CHATTER });
    await delivered(quiet, await respond(quiet, deps), deps);
    const untallied = turn({ asked: true, tally: undefined });
    await delivered(untallied, await respond(untallied, deps), deps);
    expect(await counted(45009)).toBe(0);
  });

  it('never fails the reply when the count cannot be written', async () => {
    const { deps, warnings, turn } = setup();
    const t = turn({ asked: true });
    const outcome = await respond(t, deps);
    // Every store call fails, whichever the count uses.
    const broken = new Proxy(new MemoryStore(), {
      get: (target, key, receiver) =>
        typeof Reflect.get(target, key, receiver) === 'function'
          ? () => Promise.reject(new Error('store down'))
          : Reflect.get(target, key, receiver),
    });
    await expect(delivered(t, outcome, { ...deps, store: broken })).resolves.toBeUndefined();
    expect(warnings).toEqual(['could not count explained codes']);
  });
});

describe('stillWanted', () => {
  it('drops an overheard answer once all its codes were muted while it waited; never an asked one', async () => {
    const { store, deps, turn } = setup();
    const overheard = turn();
    const passive = await respond(overheard, deps);
    const asked = turn({ asked: true, thread: undefined });
    const answer = await respond(asked, deps);
    if (passive.kind !== 'answer' || answer.kind !== 'answer') throw new Error('expected answers');
    expect(await stillWanted(overheard, passive, deps)).toBe(true);
    await muteCode(store, 'slack:T1:C1', 45009, 'U1', 3600, NOW);
    expect(await stillWanted(overheard, passive, deps)).toBe(false);
    expect(await stillWanted(asked, answer, deps)).toBe(true);
  });
});
