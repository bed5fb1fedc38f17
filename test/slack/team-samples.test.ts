/**
 * The Block Kit samples docs/team.md links to (docs/samples/*.json): the Home tab and a digest,
 * rendered from fixed data, checked against Block Kit's limits and against the published copy. After
 * a deliberate change, `UPDATE_DOC_SAMPLES=1 npx vitest run test/slack/team-samples.test.ts` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/index.js';
import { renderDigest } from '../../src/slack/digest.js';
import { renderHome } from '../../src/slack/listeners/home.js';
import type { CodeStat, Digest } from '../../src/team/index.js';
import { blockKitViolations } from './helpers/blockkit.js';

const sampleFile = (name: string) => new URL(`../../docs/samples/${name}.json`, import.meta.url);
const catalog = defaultCatalog();

const week: CodeStat[] = [
  { code: -4009, table: 'gamecenter', action: 'back-off', count: 42, channels: ['C0GAME', 'C0LOGS'] },
  { code: 40001, table: 'wechat', action: 'reauthorize', count: 17, channels: ['C0LOGS'] },
  { code: -303, table: 'access', action: 'fix-request', count: 3, channels: ['C0OPS'] },
];

const digest: Digest = {
  cadence: 'daily',
  from: '2026-11-29',
  to: '2026-11-29',
  lang: 'en',
  top: [
    { ...week[0]!, count: 9, previous: 4 },
    { ...week[1]!, count: 2, previous: 5 },
    { ...week[2]!, count: 1, previous: 0 },
  ],
  fresh: [{ ...week[2]!, count: 1 }],
  muted: [{ code: -4009, by: 'U1ALICE', until: Date.UTC(2026, 11, 1, 9) }],
  mutedMore: 0,
  total: 12,
  previousTotal: 9,
};

/** Names come from users.info: a digest names who muted a code without mentioning them. */
function renderDigestSample() {
  const { text, blocks } = renderDigest(digest, catalog, new Map([['U1ALICE', 'alice']]));
  return { text, blocks };
}

const samples = {
  home: renderHome(week, catalog, 'en'),
  digest: renderDigestSample(),
};

const published = (json: unknown) => `${JSON.stringify(json, null, 2)}\n`;

describe('the Block Kit samples in docs/samples', () => {
  it('stay within the Block Kit limits the project enforces', () => {
    expect(blockKitViolations(samples.home.blocks, 100)).toEqual([]);
    expect(blockKitViolations(samples.digest.blocks)).toEqual([]);
  });

  it.each(Object.keys(samples) as Array<keyof typeof samples>)(
    'docs/samples/%s.json is the sample as rendered',
    (name) => {
      if (process.env.UPDATE_DOC_SAMPLES === '1') writeFileSync(sampleFile(name), published(samples[name]));
      expect(readFileSync(sampleFile(name), 'utf8')).toBe(published(samples[name]));
    },
  );

  it('docs/team.md links to every sample', () => {
    const page = readFileSync(new URL('../../docs/team.md', import.meta.url), 'utf8');
    for (const name of Object.keys(samples)) expect(page).toContain(`](samples/${name}.json)`);
  });
});
