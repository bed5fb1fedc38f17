import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSignature, WecomCrypto } from '../../src/wecom/crypto.js';
import { WecomDecryptError, WecomSignatureError } from '../../src/wecom/errors.js';

const V = JSON.parse(readFileSync(new URL('../fixtures/wecom/official-vectors.json', import.meta.url), 'utf8')) as {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  verifyUrl: { msg_signature: string; timestamp: string; nonce: string; echostr: string; plaintext: string };
  message: { msg_signature: string; timestamp: string; nonce: string; encrypt: string; plaintext: string };
};

const official = new WecomCrypto({ token: V.token, encodingAesKey: V.encodingAesKey, receiveId: V.receiveId });

/** Flips one bit of the raw ciphertext byte at `index` (negative: from the end). */
function flip(encrypt: string, index: number): string {
  const raw = Buffer.from(encrypt, 'base64');
  const i = index < 0 ? raw.length + index : index;
  raw[i] = (raw[i] ?? 0) ^ 0x01;
  return raw.toString('base64');
}

/** Encrypts a hand-made plaintext (bad padding, lying length field) with the official key. */
function rawEncrypt(plain: Buffer): string {
  const key = Buffer.from(`${V.encodingAesKey}=`, 'base64');
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

function layout(msg: string, receiveId: string, lengthField = Buffer.byteLength(msg)): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(lengthField);
  return Buffer.concat([Buffer.alloc(16, 7), len, Buffer.from(msg), Buffer.from(receiveId)]);
}

function expectDecryptError(fn: () => unknown, reason: WecomDecryptError['reason']): WecomDecryptError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(WecomDecryptError);
  expect((caught as WecomDecryptError).reason).toBe(reason);
  expect((caught as WecomDecryptError).code).toBe('msdk_wecom_decrypt');
  return caught as WecomDecryptError;
}

describe("Tencent's official sample vectors", () => {
  it('URL verification: signature over echostr, decrypts to the echo string', () => {
    const u = V.verifyUrl;
    expect(computeSignature(V.token, u.timestamp, u.nonce, u.echostr)).toBe(u.msg_signature);
    expect(official.open(u.msg_signature, u.timestamp, u.nonce, u.echostr)).toEqual({
      message: '1616140317555161061',
      receiveId: 'wx5823bf96d3bd56c7',
    });
  });

  it('message: signature over Encrypt, decrypts to the exact XML', () => {
    const m = V.message;
    expect(official.signature(m.timestamp, m.nonce, m.encrypt)).toBe(m.msg_signature);
    const out = official.open(m.msg_signature, m.timestamp, m.nonce, m.encrypt);
    expect(out.message).toBe(m.plaintext);
    expect(out.message.split('\n')).toHaveLength(8);
    expect(out.receiveId).toBe('wx5823bf96d3bd56c7');
  });

  it('accepts the signature in upper case too, and rejects any other signature', () => {
    const m = V.message;
    expect(official.verify(m.msg_signature.toUpperCase(), m.timestamp, m.nonce, m.encrypt)).toBe(true);
    expect(official.verify(m.msg_signature.replace(/.$/, '0'), m.timestamp, m.nonce, m.encrypt)).toBe(false);
    expect(official.verify(m.msg_signature.slice(0, 20), m.timestamp, m.nonce, m.encrypt)).toBe(false);
    expect(official.verify(m.msg_signature, String(Number(m.timestamp) + 1), m.nonce, m.encrypt)).toBe(false);
    expect(() => official.open('0'.repeat(40), m.timestamp, m.nonce, m.encrypt)).toThrow(WecomSignatureError);
  });
});

describe('encrypt', () => {
  it('round-trips ASCII, Chinese, emoji and an empty message, with the configured receive id', () => {
    for (const msg of [
      '<xml><Content><![CDATA[hi]]></Content></xml>',
      '企业微信 错误码 40001 🔑',
      '',
      'x'.repeat(5000),
    ]) {
      const enc = official.encrypt(msg);
      expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
      expect(official.decrypt(enc)).toEqual({ message: msg, receiveId: V.receiveId });
    }
  });

  it('pads a plaintext that is already a multiple of 32 bytes with a whole block of 32', () => {
    const msg = 'a'.repeat(64 - 20 - V.receiveId.length); // header + msg + id = 64 bytes exactly
    const enc = official.encrypt(msg);
    expect(Buffer.from(enc, 'base64').length).toBe(96);
    expect(official.decrypt(enc).message).toBe(msg);
  });

  it('uses a fresh random prefix each time, unless one is given', () => {
    expect(official.encrypt('same')).not.toBe(official.encrypt('same'));
    const random = Buffer.alloc(16, 1);
    expect(official.encrypt('same', { random })).toBe(official.encrypt('same', { random }));
  });
});

describe('decrypt refuses what is not a genuine WXBizMsgCrypt ciphertext', () => {
  const enc = V.message.encrypt;

  it('a byte flipped in the first block: the length field no longer fits', () => {
    // CBC: flipping ciphertext byte 0 flips plaintext byte 16, the top byte of msg_len.
    const err = expectDecryptError(() => official.decrypt(flip(enc, 0)), 'length');
    expect(err.message).toMatch(/length field \d+ exceeds/);
  });

  it('a byte flipped in the first block is caught by the signature before anything is decrypted', () => {
    const m = V.message;
    expect(() => official.open(m.msg_signature, m.timestamp, m.nonce, flip(enc, 5))).toThrow(WecomSignatureError);
  });

  it('a byte flipped in the last block: the padding is garbage', () => {
    const err = expectDecryptError(() => official.decrypt(flip(enc, -1)), 'padding');
    expect(err.message).toMatch(/padding/);
  });

  it('a byte flipped anywhere is refused by the signature check', () => {
    const m = V.message;
    const n = Buffer.from(enc, 'base64').length;
    for (let i = 0; i < n; i++) {
      expect(() => official.open(m.msg_signature, m.timestamp, m.nonce, flip(enc, i))).toThrow(WecomSignatureError);
    }
  });

  it('a genuine ciphertext for another receive id', () => {
    const other = new WecomCrypto({ token: V.token, encodingAesKey: V.encodingAesKey, receiveId: 'wwSomeOtherCorp' });
    const err = expectDecryptError(() => official.decrypt(other.encrypt('hello')), 'receive-id');
    expect(err.message).toBe('receive id does not match the configured one');
    // Without a configured receive id, any id is accepted and reported.
    const lax = new WecomCrypto({ token: V.token, encodingAesKey: V.encodingAesKey });
    expect(lax.decrypt(other.encrypt('hello'))).toEqual({ message: 'hello', receiveId: 'wwSomeOtherCorp' });
  });

  it.each([
    ['pad value 0', (b: Buffer) => Buffer.concat([b, Buffer.alloc(32 - (b.length % 32) - 1, 1), Buffer.from([0])])],
    ['pad value 33', (b: Buffer) => Buffer.concat([b, Buffer.alloc(64 - (b.length % 32) - 1, 33), Buffer.from([33])])],
    [
      'inconsistent pad bytes',
      (b: Buffer) => {
        const pad = 32 - (b.length % 32);
        const p = Buffer.alloc(pad, pad);
        p[0] = pad === 1 ? 1 : 0;
        return Buffer.concat([b, pad === 1 ? Buffer.alloc(0) : p]);
      },
    ],
  ])('bad padding: %s', (_name, make) => {
    const body = layout('hello', V.receiveId);
    expectDecryptError(() => official.decrypt(rawEncrypt(make(body))), 'padding');
  });

  it('a length field larger than the plaintext', () => {
    const body = layout('hello', V.receiveId, 4096);
    const pad = 32 - (body.length % 32);
    expectDecryptError(() => official.decrypt(rawEncrypt(Buffer.concat([body, Buffer.alloc(pad, pad)]))), 'length');
  });

  it('a message that is not UTF-8', () => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(2);
    const body = Buffer.concat([Buffer.alloc(16), len, Buffer.from([0xc3, 0x28]), Buffer.from(V.receiveId)]);
    const pad = 32 - (body.length % 32);
    expectDecryptError(() => official.decrypt(rawEncrypt(Buffer.concat([body, Buffer.alloc(pad, pad)]))), 'encoding');
  });

  it('not base64, or not whole 32-byte blocks', () => {
    expectDecryptError(() => official.decrypt('not base64!'), 'base64');
    expectDecryptError(() => official.decrypt(''), 'base64');
    expectDecryptError(() => official.decrypt(Buffer.alloc(16).toString('base64')), 'block-size');
    expectDecryptError(() => official.decrypt(Buffer.alloc(48).toString('base64')), 'block-size');
  });

  it('never quotes the key in its errors', () => {
    expect(() => new WecomCrypto({ token: 't', encodingAesKey: V.encodingAesKey.slice(1) })).toThrow(
      /43 base64 characters/,
    );
    try {
      new WecomCrypto({ token: 't', encodingAesKey: V.encodingAesKey.slice(1) });
    } catch (err) {
      expect((err as Error).message).not.toContain(V.encodingAesKey.slice(1));
    }
  });
});
