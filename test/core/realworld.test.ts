/**
 * The real-world corpus (test/fixtures/realworld/samples.json): text developers posted in public,
 * each with its source. Every sample runs in scan mode (passive listening) and explain mode (asked).
 * Per sample: what a correct answer is; overall: issue 10's recall targets, printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { defaultCatalog, isClientTable } from '../../src/core/catalog.js';
import type { ClientTableId, Finding, Mode, TableId } from '../../src/core/types.js';

interface Expected {
  code: number;
  platform: TableId;
}
interface Sample {
  id: string;
  source: string;
  lang: 'ko' | 'en' | 'zh';
  kind: 'error' | 'chatter';
  text: string;
  expect: Expected[];
  note?: string;
  /** The code the document does not list sits in an unmistakable error field: it must be reported, marked. */
  unlistedField?: boolean;
  /** Known misses, with the reason: asserted to still miss, so a fix shows up here. */
  miss?: { scan?: string; explain?: string };
}

const samples: Sample[] = JSON.parse(
  readFileSync(new URL('../fixtures/realworld/samples.json', import.meta.url), 'utf8'),
) as Sample[];
const catalog = defaultCatalog();
const findings = (s: Sample, mode: Mode) => analyze(s.text, { mode, lang: s.lang }).findings;
/**
 * A code the MSDK document covers (a seed code: a row, or a range rule when no row lists it), or an
 * SDK's client code of data/client.json: the recall targets are about these.
 */
const isSeed = (e: Expected) => {
  if (isClientTable(e.platform as TableId)) return catalog.clientRow(e.platform as ClientTableId, e.code) !== undefined;
  const rows = catalog.lookup(e.code);
  if (rows.length > 0) return rows.some((r) => r.table === e.platform);
  return e.code <= -100 && catalog.rangeFor(e.code)?.table === e.platform;
};
/** Success answers (`{"errcode":0}` when asked) are allowed by the issue; only errors break chatter's silence. */
const errorsIn = (fs: Finding[]) => fs.filter((f) => f.action !== 'none');
/** A wrapper (`ret:-10000`) is named by the platform finding it carried (`… via -10000`). */
const found = (fs: Finding[], e: Expected) =>
  fs.some(
    (f) => (f.code === e.code && f.table === e.platform) || (f.via?.code === e.code && f.via.table === e.platform),
  );
/** Every expected code of a sample found with its table (codes the document lacks: reported, marked). */
function answers(s: Sample, mode: Mode): boolean {
  const fs = findings(s, mode);
  return s.expect.every((e) =>
    isSeed(e)
      ? found(fs, e)
      : !s.unlistedField ||
        fs.some((f) => f.code === e.code && f.table === e.platform && ['supplement', 'unlisted'].includes(f.source)),
  );
}

const errors = samples.filter((s) => s.kind === 'error');
const chatter = samples.filter((s) => s.kind === 'chatter');

describe('the corpus itself', () => {
  it('has at least 80 samples, each with a source, from many sources, in three languages', () => {
    expect(samples.length).toBeGreaterThanOrEqual(80);
    expect(new Set(samples.map((s) => s.id)).size).toBe(samples.length);
    for (const s of samples) {
      expect(s.source, s.id).toMatch(/^(?:https?:\/\/\S+|github:[\w.-]+\/[\w.-]+:\S+)$/);
      expect(s.text.trim(), s.id).not.toBe('');
      if (s.kind === 'chatter') expect(s.expect, s.id).toEqual([]);
      else expect(s.expect.length, s.id).toBeGreaterThan(0);
    }
    expect(new Set(samples.map((s) => s.lang))).toEqual(new Set(['ko', 'en', 'zh']));
    expect(chatter.length).toBeGreaterThanOrEqual(20);
  });
});

for (const mode of ['scan', 'explain'] as const) {
  describe(`${mode} mode, sample by sample`, () => {
    it.each(errors.map((s) => [s.id, s] as const))('%s', (_id, s) => {
      const reason = s.miss?.[mode];
      if (reason) expect(answers(s, mode), `known miss now answered: ${reason}`).toBe(false);
      else
        expect(
          answers(s, mode),
          `${JSON.stringify(findings(s, mode).map((f) => `${f.code}/${f.table}/${f.source}`))}`,
        ).toBe(true);
    });

    it.each(chatter.map((s) => [s.id, s] as const))('%s (chatter)', (_id, s) => {
      const reason = s.miss?.[mode];
      const found = errorsIn(findings(s, mode));
      if (reason) expect(found.length, `known miss now silent: ${reason}`).toBeGreaterThan(0);
      else expect(found.map((f) => f.code)).toEqual([]);
    });
  });
}

describe("issue 10's targets over the whole corpus", () => {
  const recall = (mode: Mode) => {
    const expected = errors.flatMap((s) => s.expect.filter(isSeed).map((e) => ({ s, e })));
    const hit = expected.filter(({ s, e }) => found(findings(s, mode), e)).length;
    return { hit, of: expected.length, rate: hit / expected.length };
  };
  /**
   * The figure counts every chatter text; the target holds for those not marked as a known miss (another vendor's
   * error the build still answers stays in the corpus, asserted noisy one by one, so its fix shows up).
   */
  const silence = (mode: Mode) => {
    const isQuiet = (s: Sample) => errorsIn(findings(s, mode)).length === 0;
    const quiet = chatter.filter(isQuiet).length;
    const unmarked = chatter.filter((s) => !s.miss?.[mode]);
    const unmarkedRate = unmarked.filter(isQuiet).length / unmarked.length;
    return {
      quiet,
      of: chatter.length,
      rate: quiet / chatter.length,
      known: chatter.length - unmarked.length,
      unmarkedRate,
    };
  };
  const pct = (r: number) => `${(100 * r).toFixed(1)}%`;

  it('scan finds ≥ 90% of the seed-code errors with the right table, explain ≥ 95%', () => {
    const scan = recall('scan');
    const explain = recall('explain');
    console.log(
      `realworld: ${samples.length} samples from ${new Set(samples.map((s) => s.source.replace(/#.*$/, ''))).size} sources; ` +
        `scan recall ${scan.hit}/${scan.of} = ${pct(scan.rate)}, explain recall ${explain.hit}/${explain.of} = ${pct(explain.rate)}`,
    );
    expect(scan.rate).toBeGreaterThanOrEqual(0.9);
    expect(explain.rate).toBeGreaterThanOrEqual(0.95);
  });

  it('chatter stays silent: scan 100% but its known misses, explain ≥ 95% with them', () => {
    const scan = silence('scan');
    const explain = silence('explain');
    console.log(
      `realworld chatter: silent in scan ${scan.quiet}/${scan.of} = ${pct(scan.rate)} (${scan.known} known misses), ` +
        `in explain ${explain.quiet}/${explain.of} = ${pct(explain.rate)} (${explain.known} known misses)`,
    );
    expect(scan.unmarkedRate).toBe(1);
    // Asked, known misses count: explaining another vendor's code when asked is the lesser fault.
    expect(explain.rate).toBeGreaterThanOrEqual(0.95);
  });

  it('codes the document does not list, in error fields, are reported (marked), never silent', () => {
    const cases = errors.filter((s) => s.unlistedField);
    expect(cases.length).toBeGreaterThan(0);
    for (const s of cases) {
      for (const mode of ['scan', 'explain'] as const) {
        if (s.miss?.[mode]) continue; // a known miss, asserted sample by sample above
        const fs = findings(s, mode);
        for (const e of s.expect.filter((x) => !isSeed(x))) {
          expect(
            fs.some(
              (f) => f.code === e.code && f.table === e.platform && ['supplement', 'unlisted'].includes(f.source),
            ),
            `${s.id} ${mode} ${e.code}`,
          ).toBe(true);
        }
      }
    }
  });
});
