/**
 * First-sight figure: how the build does on a batch of public samples it has never seen.
 * Run it on a new batch before changing any code for it, and write the figure with its date in
 * test/fixtures/realworld/README.md; only then fix, and add the batch to the corpus.
 *
 *   npm run first-sight -- path/to/batch.jsonl [--unseen] [--verbose]
 *
 * A batch is one JSON object a line: `kind` is `error` (`expect` lists each `{code, table}` the text
 * carries), `chatter` (silence expected), `unknown` (a real platform code in `platform_code` that
 * must be reported, never silent) or `nearmiss` (another vendor's error: silence expected).
 * `--unseen` leaves out samples whose source is already in the corpus.
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../src/core/analyze.js';
import { type Finding, type Lang, type Mode, parseLang } from '../src/core/types.js';

interface BatchSample {
  id: string;
  source: string;
  text: string;
  kind: 'error' | 'chatter' | 'unknown' | 'nearmiss';
  expect?: { code: number; table?: string; platform?: string }[];
  platform_code?: number;
  lang?: string;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run first-sight -- BATCH.jsonl [--unseen] [--verbose]');
  process.exit(2);
}
const corpusSources = new Set(
  (
    JSON.parse(readFileSync(new URL('../../test/fixtures/realworld/samples.json', import.meta.url), 'utf8')) as {
      source: string;
    }[]
  ).map((s) => s.source),
);
let batch = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as BatchSample);
if (args.includes('--unseen')) batch = batch.filter((s) => !corpusSources.has(s.source));
const verbose = args.includes('--verbose');

const guessLang = (t: string): Lang => (/[\uac00-\ud7af]/.test(t) ? 'ko' : /[\u4e00-\u9fff]/.test(t) ? 'zh' : 'en');
const errorsIn = (fs: Finding[]) => fs.filter((f) => f.action !== 'none');
const show = (fs: Finding[]) => fs.map((f) => `${f.code}/${f.table}/${f.source}`).join(' ') || '∅';

function figure(mode: Mode) {
  let hit = 0;
  let of = 0;
  const quiet = { chatter: 0, nearmiss: 0 };
  const quietOf = { chatter: 0, nearmiss: 0 };
  let reported = 0;
  let unknownOf = 0;
  const misses: string[] = [];
  for (const s of batch) {
    // Answers are in ko / en / zh: a sample in another language (ja) is answered in the closest.
    const fs = analyze(s.text, { mode, lang: parseLang(s.lang) ?? guessLang(s.text) }).findings;
    if (s.kind === 'error') {
      for (const e of s.expect ?? []) {
        of++;
        const table = e.table ?? e.platform;
        // A wrapper (`ret:-10000`) is named by the platform finding it carried (`… via -10000`).
        if (
          fs.some((f) => (f.code === e.code && f.table === table) || (f.via?.code === e.code && f.via.table === table))
        )
          hit++;
        else misses.push(`miss ${s.id}: want ${e.code}/${table}, got ${show(fs)}`);
      }
    } else if (s.kind === 'unknown') {
      unknownOf++;
      if (fs.some((f) => f.code === s.platform_code)) reported++;
      else misses.push(`unreported ${s.id}: ${s.platform_code}, got ${show(fs)}`);
    } else {
      quietOf[s.kind]++;
      if (errorsIn(fs).length === 0) quiet[s.kind]++;
      else misses.push(`noisy ${s.kind} ${s.id}: ${show(errorsIn(fs))}`);
    }
  }
  return { hit, of, quiet, quietOf, reported, unknownOf, misses };
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(0)}%`);
console.log(`${batch.length} samples from ${new Set(batch.map((s) => s.source)).size} sources (${file})`);
console.log('| mode | errors found | chatter silent | near-miss silent | unlisted reported |');
console.log('|---|---|---|---|---|');
for (const mode of ['scan', 'explain'] as const) {
  const r = figure(mode);
  console.log(
    `| ${mode} | ${r.hit}/${r.of} = ${pct(r.hit, r.of)} | ${r.quiet.chatter}/${r.quietOf.chatter} = ${pct(r.quiet.chatter, r.quietOf.chatter)} | ${r.quiet.nearmiss}/${r.quietOf.nearmiss} = ${pct(r.quiet.nearmiss, r.quietOf.nearmiss)} | ${r.reported}/${r.unknownOf} = ${pct(r.reported, r.unknownOf)} |`,
  );
  if (verbose) for (const m of r.misses) console.log(`  ${mode}: ${m}`);
}
