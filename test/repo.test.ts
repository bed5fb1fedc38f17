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
});
