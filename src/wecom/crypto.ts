/**
 * WXBizMsgCrypt, the WeCom callback encryption, on node:crypto.
 * Plaintext: random(16) + msg_len(4, big-endian) + msg + receive_id, PKCS#7-padded to 32-byte
 * blocks, AES-256-CBC with key = base64(EncodingAESKey + '=') and IV = key[0..16].
 * CBC has no integrity of its own: callers verify the signature first, and `decrypt` still checks
 * every structural field so a tampered ciphertext is refused rather than "decrypted".
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../store/seal.js';
import { WecomDecryptError, WecomSignatureError } from './errors.js';

const BLOCK = 32; // WXBizMsgCrypt pads to 32 bytes, not AES's 16
const HEADER = 20; // random(16) + length(4)
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface WecomCryptoOptions {
  token: string;
  encodingAesKey: string;
  /** Corp id / receive id to require at the end of every plaintext; unset = accept any. */
  receiveId?: string;
}

export interface Decrypted {
  message: string;
  receiveId: string;
}

/** sha1 over the four strings sorted lexicographically (not the parameters by name), lower-case hex. */
export function computeSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export class WecomCrypto {
  private readonly token: string;
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly receiveId: string | undefined;

  constructor(options: WecomCryptoOptions) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(options.encodingAesKey)) {
      // The key itself is not quoted: this message may reach a log.
      throw new WecomDecryptError('base64', 'EncodingAESKey must be 43 base64 characters');
    }
    this.token = options.token;
    this.key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
    this.receiveId = options.receiveId;
  }

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return computeSignature(this.token, timestamp, nonce, encrypt);
  }

  /** Constant-time comparison, so the expected signature cannot be probed byte by byte. */
  verify(signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypt), 'utf8');
    const given = Buffer.from(signature.toLowerCase(), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Signature check, then decryption: the order every caller needs. */
  open(signature: string, timestamp: string, nonce: string, encrypt: string): Decrypted {
    if (!this.verify(signature, timestamp, nonce, encrypt)) throw new WecomSignatureError();
    return this.decrypt(encrypt);
  }

  decrypt(encrypt: string): Decrypted {
    if (!BASE64.test(encrypt) || encrypt.length % 4 !== 0) {
      throw new WecomDecryptError('base64', 'ciphertext is not base64');
    }
    const data = Buffer.from(encrypt, 'base64');
    if (data.length < BLOCK || data.length % BLOCK !== 0) {
      throw new WecomDecryptError(
        'block-size',
        `ciphertext of ${data.length} bytes is not a whole number of 32-byte blocks`,
      );
    }
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);

    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK) throw new WecomDecryptError('padding', `invalid padding value ${pad}`);
    for (let i = plain.length - pad; i < plain.length; i++) {
      if (plain[i] !== pad) throw new WecomDecryptError('padding', 'inconsistent padding bytes');
    }
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < HEADER) throw new WecomDecryptError('length', 'plaintext shorter than its header');
    const msgLen = content.readUInt32BE(16);
    if (msgLen > content.length - HEADER) {
      throw new WecomDecryptError(
        'length',
        `length field ${msgLen} exceeds the ${content.length - HEADER} bytes present`,
      );
    }

    let message: string;
    let receiveId: string;
    try {
      message = utf8.decode(content.subarray(HEADER, HEADER + msgLen));
      receiveId = utf8.decode(content.subarray(HEADER + msgLen));
    } catch {
      throw new WecomDecryptError('encoding', 'plaintext is not valid UTF-8');
    }
    if (this.receiveId !== undefined && receiveId !== this.receiveId) {
      throw new WecomDecryptError('receive-id', 'receive id does not match the configured one');
    }
    return { message, receiveId };
  }

  /** `random` is for reproducible fixtures only; production uses fresh random bytes. */
  encrypt(message: string, options: { receiveId?: string; random?: Buffer } = {}): string {
    const random = options.random ?? randomBytes(16);
    if (random.length !== 16) throw new RangeError('random must be 16 bytes');
    const msg = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length);
    const body = Buffer.concat([random, len, msg, Buffer.from(options.receiveId ?? this.receiveId ?? '', 'utf8')]);
    const pad = BLOCK - (body.length % BLOCK);
    const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  }
}

/** What seals a group's webhook URL handed to the store at shutdown: derived from the AES key, never the key itself. */
export function backlogSealKey(encodingAesKey: string): Buffer {
  return derivedKey(Buffer.from(`${encodingAesKey}=`, 'base64'), 'wecom backlog');
}
