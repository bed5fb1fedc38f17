/** The Dockerfile as instructions: what test/docker.test.ts checks and test/docker-build.test.ts replays. */
import { readFileSync } from 'node:fs';

export interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions in order, continuation lines joined, comments and blank lines dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args };
    });
}

/** Splits the instructions at each FROM. */
export function stages(instructions: Instruction[]): Instruction[][] {
  const out: Instruction[][] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') out.push([]);
    out.at(-1)?.push(ins);
  }
  return out;
}

/** The repository's Dockerfile, parsed. */
export function repoDockerfile(): Instruction[] {
  return parseDockerfile(readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'));
}

/** The .dockerignore patterns, comments and blank lines dropped. */
export function dockerignore(): string[] {
  return readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
