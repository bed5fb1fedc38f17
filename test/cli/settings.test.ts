import { describe, expect, it } from 'vitest';
import { cliSettings } from '../../src/cli/settings.js';
import { loadConfig } from '../../src/config.js';

describe('CLI settings', () => {
  it('accept and refuse what the server configuration accepts and refuses, without its schema', () => {
    const values = [undefined, '', 'ko', 'en', 'zh', 'EN', 'fr', '1', '4096', '0', '-5', '1.5', 'abc', '1e3', ' 12 '];
    for (const v of values) {
      for (const name of ['MSDK_LANG', 'MAX_INPUT_BYTES'] as const) {
        const env = { [name]: v };
        const server = (() => {
          try {
            const c = loadConfig({ ...env, [name]: v || undefined });
            return { lang: c.lang, maxInputBytes: c.maxInputBytes };
          } catch {
            return 'refused';
          }
        })();
        const cliSide = (() => {
          try {
            return cliSettings(env);
          } catch {
            return 'refused';
          }
        })();
        expect(cliSide, `${name}=${JSON.stringify(v)}`).toEqual(server);
      }
    }
  });
});
