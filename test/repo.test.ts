/** Rules about the tree itself, which no single module's test would notice being broken. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tracked = (...globs: string[]): string[] =>
  execFileSync('git', ['ls-files', '--', ...globs], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

describe('the repository', () => {
  it("points at nothing outside itself: no notes, pitfall numbers or the workplace's shared folder", () => {
    const outside = /\.\.[/]shared|\bnotes\/|\bpitfall \d/i;
    const files = tracked('src', 'test', 'bench', 'deploy', '*.md', '*.ts', '*.json', '*.yml', '*.yaml', 'Dockerfile');
    const hits = files
      .filter((f) => f !== 'test/repo.test.ts')
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (outside.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(hits).toEqual([]);
  });

  it('throws coded errors: no bare Error and no Error subclass in src/ outside the MsdkBotError family', () => {
    // Not for a user or a log: a caller's misuse of StreamScanner, and the cause a ScanThreadError wraps.
    const allowed = new Set(['src/core/stream.ts: new Error(', 'src/cli/scan-pool.ts: new Error(']);
    const hits = tracked('src/*.ts')
      .filter((f) => f !== 'src/errors.ts')
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/\bnew Error\(|\bextends Error\b/g)].map((m) => `${f}: ${m[0]}`),
      )
      .filter((hit) => !allowed.has(hit));
    expect(hits).toEqual([]);
  });
});
