/**
 * Secrets kept in the store are sealed with AES-256-GCM, so a Redis dump or a MONITOR shows none:
 * Slack installations (bot tokens) under SLACK_INSTALLATION_KEY, a WeCom group's webhook URL (its
 * key) handed over at shutdown under a key derived from WECOM_ENCODING_AES_KEY.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors.js';

const VERSION = 'v1';

/** The key: 32 bytes, given as base64 (44 characters) or hex (64). */
export function parseInstallationKey(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32)
    throw new ConfigError('must be 32 random bytes, as base64 or hex (e.g. `openssl rand -base64 32`)');
  return key;
}

/** A 32-byte sealing key for one `purpose`, derived from a secret the deployment already has. */
export function derivedKey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `msdk-bot ${purpose}`, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; `aad` binds the record to its key in the store. */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plaintext, or undefined when the record was not sealed with this key for this `aad`. */
export function unseal(key: Buffer, sealed: string, aad: string): string | undefined {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
