/**
 * `npm run bench`: runs every suite, prints one Markdown report and saves it to bench/RESULTS.md.
 * Suites are independent modules returning a Section, so more (e.g. the end-to-end Slack bench) plug in here.
 *
 *   node dist/bench/run.js [--mb 10] [--runs 5] [--iterations 5000] [--search-iterations 1000]
 *                          [--e2e-rates 200,1000,2000] [--e2e-seconds 10] [--no-write]
 *
 * BENCH_ONLY=e2e (comma-separated: startup, cli, scan, adversarial, lookup, e2e) runs only those suites and
 * does not write RESULTS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { adversarialSuite, streamedAdversarialSuite } from './adversarial.js';
import { cliSuite } from './cli.js';
import { e2eSuite } from './e2e-slack.js';
import { lookupSuite } from './lookup.js';
import { scanSuite } from './scan.js';
import { startupSuite } from './startup.js';
import { fmt } from './stats.js';
import { renderSection, type Section } from './table.js';

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    iterations: { type: 'string', default: '5000' },
    'search-iterations': { type: 'string', default: '1000' },
    'e2e-rates': { type: 'string', default: '200,1000,2000' },
    'e2e-seconds': { type: 'string', default: '10' },
    'no-write': { type: 'boolean', default: false },
  },
});
const mb = Number(args.mb);
const runs = Number(args.runs);
const iterations = Number(args.iterations);
const searchIterations = Number(args['search-iterations']);

const started = performance.now();
const progress = (msg: string) =>
  process.stderr.write(`[bench ${fmt((performance.now() - started) / 1000)} s] ${msg}\n`);

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const want = (suite: string) => !only || only.includes(suite);

const sections: Section[] = [];
// Start-up first: it must see a process in which no catalog has been loaded yet.
if (want('startup')) {
  progress('start-up');
  sections.push(startupSuite({ processes: 5 }));
}
if (want('cli')) {
  progress('whole-process CLI (cold look-up; scan of 10 MB and 256 MB logs)');
  sections.push(cliSuite({ sizesMb: [10, 256], coldRuns: 15, scanRuns: (mb) => (mb > 64 ? 3 : 7) }));
}
if (want('scan')) {
  progress(`scan throughput (${mb} MB log)`);
  sections.push(scanSuite({ mb, runs }).section);
}
if (want('adversarial')) {
  progress('adversarial inputs');
  sections.push(adversarialSuite());
  progress('adversarial inputs across chunks (streaming)');
  sections.push(streamedAdversarialSuite());
}
if (want('lookup')) {
  progress('look-up and search latency');
  sections.push(lookupSuite({ iterations, searchIterations }));
}
if (want('e2e')) {
  const rates = args['e2e-rates'].split(',').map(Number);
  progress(`end-to-end Slack (${rates.join(', ')} req/s)`);
  sections.push(
    ...(await e2eSuite({ rates, seconds: Number(args['e2e-seconds']), processes: 5, warmupSeconds: 2, progress })),
  );
}

const command =
  process.env.npm_lifecycle_event === 'bench'
    ? 'npm run bench'
    : ['node', ...process.argv.slice(1).map((a) => (a.startsWith('/') ? a.replace(`${process.cwd()}/`, '') : a))].join(
        ' ',
      );
const cpus = os.cpus();
const header = [
  '# msdk-bot benchmarks',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}`,
  `- Node: ${process.version} (V8 ${process.versions.v8})`,
  `- Command: \`${command}\` (build first: \`npx tsc -p tsconfig.json\`)`,
  `- Total bench time: ${fmt((performance.now() - started) / 1000)} s`,
].join('\n');
const report = `${header}\n\n${sections.map(renderSection).join('\n\n')}\n`;

process.stdout.write(report);
if (!args['no-write'] && !only) {
  const path = fileURLToPath(new URL('../../bench/RESULTS.md', import.meta.url));
  // `npm run bench:load` keeps its own section at the end of the same file (from its start marker on): carry it over.
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const load = /<!-- bench:load start -->[\s\S]*$/.exec(previous)?.[0]?.trimEnd(); // its section and the notes after it
  writeFileSync(path, load ? `${report}\n${load}\n` : report);
  progress(`wrote ${path}`);
}
