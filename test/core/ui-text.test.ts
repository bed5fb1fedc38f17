import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/core/types.js';
import { UI_TEXT } from '../../src/core/ui-text.js';

const keys = (lang: (typeof LANGS)[number]) => Object.keys(UI_TEXT[lang]).sort();

describe('UI text (src/core/ui-text.ts)', () => {
  it('every language has every key, each a non-empty text or a function giving one', () => {
    for (const lang of LANGS) {
      expect(keys(lang)).toEqual(keys('en'));
      for (const [key, value] of Object.entries(UI_TEXT[lang])) {
        expect(typeof value, `${lang}.${key}`).toBe(typeof UI_TEXT.en[key as keyof typeof UI_TEXT.en]);
        const text =
          typeof value === 'function'
            ? (value as (...a: unknown[]) => string)('/msdk', 3, '2h', 'x')
            : typeof value === 'object'
              ? Object.values(value as Record<string, string>).join(' ')
              : value;
        expect(text.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  const sources = execFileSync('git', ['ls-files', 'src'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && f !== 'src/core/ui-text.ts')
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('has no key that no surface shows (read as `ui.key` or `uiText(lang).key`)', () => {
    const all = sources.map((s) => s.text).join('\n');
    const unused = keys('en').filter((key) => !new RegExp(`\\b(?:ui|uiText\\([^)]*\\))\\.${key}\\b`).test(all));
    expect(unused).toEqual([]);
  });

  it('is the only per-language table of words: no adapter keeps its own', () => {
    const own = sources
      .filter((s) => /const TEXT\s*(?::[^=]*)?=\s*\{|Record<Lang, \w*Text>|^\s+ko: ['`]/m.test(s.text))
      .map((s) => s.file);
    expect(own).toEqual([]);
  });
});
