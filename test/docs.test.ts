/**
 * The documentation against the tree: every relative link of every tracked Markdown file resolves
 * (file and #anchor), and docs/configuration.md names exactly the environment variables the code reads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMIT_ENV } from '../src/net/policy.js';

const tracked = (...globs: string[]): string[] =>
  execFileSync('git', ['ls-files', '--', ...globs], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

/** The text outside fenced code blocks and inline code spans, where Markdown links and headings live. */
const prose = (markdown: string): string =>
  markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, (span) => (span.length > 2 ? '``' : span));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

const markdownFiles = tracked('*.md');

describe('the Markdown files', () => {
  it('are found (the test reads something)', () => {
    expect(markdownFiles).toEqual(expect.arrayContaining(['README.md', 'docs/configuration.md', 'bench/README.md']));
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of markdownFiles) {
      const text = prose(readFileSync(file, 'utf8'));
      for (const [, rawTarget] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = rawTarget!.replace(/^<|>$/g, '');
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path === '' ? file : normalize(join(dirname(file), decodeURI(path)));
        if (!existsSync(resolved)) {
          broken.push(`${file}: ${target} (no ${resolved})`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile()) {
          if (!anchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) {
            broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('keep the README short: what it is, how to run it, and a link to every page of docs/', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(160);
    for (const page of tracked('docs/*.md')) expect(readme).toContain(`](${page})`);
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('npm start');
  });
});

/** A variable's name in the page's tables: upper case, in a code span. */
const VARIABLE = /`([A-Z][A-Z0-9_]*)`/g;

/** Every environment variable the code reads: config.ts's schema, the limits, the CLI's own settings. */
function variablesRead(): Set<string> {
  const config = readFileSync('src/config.ts', 'utf8');
  const schema = config.slice(config.indexOf('const EnvSchema'), config.indexOf('type EnvKey'));
  const keys = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
  const elsewhere = tracked('src/*.ts').flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)].map(
      (m) => (m[1] ?? m[2])!,
    ),
  );
  return new Set([...keys, ...Object.values(LIMIT_ENV), ...elsewhere]);
}

/** The variables the configuration page documents: the first column of its tables. */
function variablesDocumented(): Set<string> {
  const page = readFileSync('docs/configuration.md', 'utf8');
  const firstCells = [...page.matchAll(/^\|([^|\n]+)\|/gm)].map((m) => m[1]!);
  return new Set(firstCells.flatMap((cell) => [...cell.matchAll(VARIABLE)].map((m) => m[1]!)));
}

describe('docs/configuration.md', () => {
  const read = variablesRead();
  const documented = variablesDocumented();

  it('finds the variables on both sides (a parser that found nothing would pass the rest)', () => {
    expect(read.size).toBeGreaterThan(30);
    expect(read).toContain('SLACK_BOT_TOKEN');
    expect(read).toContain('HTTP_MAX_CONNECTIONS');
    expect(read).toContain('MSDK_SCAN_THREADS');
    expect(documented).toContain('SLACK_BOT_TOKEN');
  });

  it('documents every environment variable the code reads', () => {
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });

  it('documents no variable the code does not read', () => {
    expect([...documented].filter((name) => !read.has(name)).sort()).toEqual([]);
  });
});
