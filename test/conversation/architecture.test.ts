/**
 * The shape of the conversation policy, checked on the source: src/conversation imports no
 * adapter, server, store implementation or config, and no chat surface runs the core itself (biome's
 * noRestrictedImports says so at lint time too; this also covers re-exports); every Slack listener
 * and WeCom's reply go through `respond` and `delivered`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each import of a file: the module it names and the names it takes. */
function importsOf(file: string): Array<{ from: string; names: string[] }> {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: Array<{ from: string; names: string[] }> = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const names = (m[2]!.match(/\{([^}]*)\}/)?.[1] ?? '')
      .split(',')
      .map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!,
      )
      .filter(Boolean);
    found.push({ from: m[3]!, names });
  }
  return found;
}

/** Where an import of `file` leads, relative to the repository (`src/core/index.ts`). */
const target = (file: string, from: string) => relative(ROOT, join(ROOT, file, '..', from)).replace(/\.js$/, '.ts');

describe('src/conversation', () => {
  it('is platform-free: the core, the team modules, the Store interface and TTLs only', () => {
    const allowed = /^src\/(conversation\/[\w-]+|core\/index|team\/index|store\/store|store\/ttl)\.ts$/;
    const files = sources('src/conversation');
    expect(files.length).toBeGreaterThan(3);
    const strays = files.flatMap((f) =>
      importsOf(f)
        .map((i) => target(f, i.from))
        .filter((t) => !allowed.test(t))
        .map((t) => `${f} → ${t}`),
    );
    expect(strays).toEqual([]);
  });
});

describe('the chat surfaces', () => {
  /** `msdk notify --wecom` scans a log for the default group: no conversation, no turn. */
  const NOT_A_CONVERSATION = new Set(['src/wecom/answer.ts', 'src/wecom/notify.ts']);
  const RUNS_THE_CORE = new Set(['analyze', 'analyzeText', 'runAnalysis']);

  it('never run the core themselves: analysis is respond()’s', () => {
    const files = [...sources('src/slack'), ...sources('src/wecom')].filter((f) => !NOT_A_CONVERSATION.has(f));
    const callers = files.flatMap((f) =>
      importsOf(f).flatMap((i) => i.names.filter((n) => RUNS_THE_CORE.has(n)).map((n) => `${f} imports ${n}`)),
    );
    expect(callers).toEqual([]);
  });

  it('each answer through respond() and count through delivered()', () => {
    const surfaces = [
      'src/slack/listeners/message.ts',
      'src/slack/listeners/mention.ts',
      'src/slack/listeners/shortcut.ts',
      'src/slack/listeners/command.ts',
      'src/wecom/reply.ts',
    ];
    for (const f of surfaces) {
      const conversation = importsOf(f).find((i) => target(f, i.from) === 'src/conversation/index.ts');
      expect(conversation?.names, f).toEqual(expect.arrayContaining(['respond', 'delivered']));
    }
  });
});
