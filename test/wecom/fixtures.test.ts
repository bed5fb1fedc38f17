import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { FIXTURE_CONFIG, type FixtureFile, generateFixtures } from './fixture-specs.js';

const path = new URL('../fixtures/wecom/callbacks.json', import.meta.url);

if (process.env.WECOM_WRITE_FIXTURES === '1') {
  writeFileSync(path, `${JSON.stringify(generateFixtures(), null, 2)}\n`);
}
const committed = JSON.parse(readFileSync(path, 'utf8')) as FixtureFile;

describe('committed callback fixtures', () => {
  const crypto = new WecomCrypto(FIXTURE_CONFIG);

  it('are signed and decrypt to their recorded plaintext', () => {
    expect(Object.keys(committed).sort()).toEqual(['appText', 'robotImage', 'robotText']);
    for (const f of Object.values(committed)) {
      const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(f.body)?.[1] ?? '';
      expect(crypto.open(f.msg_signature, f.timestamp, f.nonce, encrypt)).toEqual({
        message: f.plaintext,
        receiveId: FIXTURE_CONFIG.receiveId,
      });
    }
  });

  it('are reproduced byte for byte by encrypt with their recorded random prefix', () => {
    expect(generateFixtures()).toEqual(committed);
  });
});
