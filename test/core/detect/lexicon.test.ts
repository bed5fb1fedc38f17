/**
 * The lexicon is the one place the detector's words live: the scan pre-filter is generated from
 * it, so scan (the bot listening) and explain (the bot asked) agree on every field key and error word.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { CODE_KEYS, ERROR_WORDS, FIELD_KEYS } from '../../../src/core/detect/lexicon.js';
import { anchorSource, anchorWords } from '../../../src/core/detect/prefilter.js';
import type { Mode } from '../../../src/core/types.js';

const codes = (text: string, mode: Mode) =>
  analyze(text, { mode, lang: 'en' }).findings.map((f) => `${f.code}/${f.table}`);

describe('scan and explain agree on every key of the lexicon', () => {
  it.each(CODE_KEYS.map((k) => [k]))('%s', (key) => {
    for (const text of [
      `${key}=-303`,
      `{"${key}": -303}`,
      `[ERROR] login ${key}: -303 (retrying)`,
      `${key.toUpperCase()}=-303`,
    ]) {
      const scan = codes(text, 'scan');
      expect(scan, text).toContain('-303/access');
      expect(codes(text, 'explain'), text).toEqual(scan);
    }
  });

  it('every code key is one the reader fills', () => {
    for (const key of CODE_KEYS) expect(['ret', 'errcode', 'error', 'key']).toContain(FIELD_KEYS[key]!.slot);
  });
});

describe('scan and explain agree on every error word', () => {
  const all = Object.entries(ERROR_WORDS).flatMap(([lang, ws]) => ws.map((w) => [lang, w.w] as const));
  it.each(all)('%s %s', (_lang, word) => {
    const text = `login ${word} -303`;
    expect(codes(text, 'scan'), text).toEqual(['-303/access']);
    expect(codes(text, 'explain'), text).toEqual(['-303/access']);
  });
});

describe('the scan pre-filter is generated from the lexicon', () => {
  it('a new key reaches the pre-filter as a whole word; keys the error words match add nothing', () => {
    expect(anchorWords(['errcode', 'retcode'])).not.toContain('errcode');
    const withRc = new RegExp(anchorSource(anchorWords([...CODE_KEYS, 'rc'])), 'gi');
    const without = new RegExp(anchorSource(), 'gi');
    expect(withRc.test('rc=-303')).toBe(true);
    expect(without.test('rc=-303')).toBe(false);
    withRc.lastIndex = 0;
    expect(withRc.test('src=-303')).toBe(false);
  });
});
