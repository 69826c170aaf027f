// Secrets handling for the whole platform. Everything goes through node:crypto
// so there is one audited primitive per job and no native add-ons to build.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const KEY_BYTES = 32;

// ---------------------------------------------------------------------------
// Key derivation
// ---------------------------------------------------------------------------

export type DerivedKeys = {
  encryption: Buffer;
  blindIndex: Buffer;
  signing: Buffer;
};

// A fixed salt is fine for HKDF (RFC 5869 §3.1) when the input is already a
// high-entropy secret; it only separates Tasman's keys from any other use of
// the same secret. Changing it or an info label changes every derived key.
const HKDF_SALT = 'tasman/hkdf/v1';
const HKDF_INFO = {
  encryption: 'tasman/field-encryption/aes-256-gcm/v1',
  blindIndex: 'tasman/blind-index/hmac-sha256/v1',
  signing: 'tasman/signing/hmac-sha256/v1',
} as const;

/**
 * Derives independent purpose keys from the single TASMAN_SECRET, so that
 * leaking, say, the blind-index key never exposes encrypted fields.
 * HKDF does not stretch a weak secret: TASMAN_SECRET must itself be random.
 */
export function deriveKeys(secret: string): DerivedKeys {
  if (secret.length === 0) {
    throw new Error('deriveKeys: the secret must not be empty');
  }
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, info, KEY_BYTES));
  return {
    encryption: derive(HKDF_INFO.encryption),
    blindIndex: derive(HKDF_INFO.blindIndex),
    signing: derive(HKDF_INFO.signing),
  };
}

function assertKey(key: Buffer, fn: string): void {
  if (key.length !== KEY_BYTES) {
    throw new TypeError(`${fn}: key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
}

// ---------------------------------------------------------------------------
// Field encryption — AES-256-GCM
// ---------------------------------------------------------------------------

const FIELD_VERSION = 'v1';
// 96-bit IVs are the size GCM is specified for (NIST SP 800-38D §8.2); random
// IVs stay safe well beyond the number of fields this platform will encrypt
// under one key.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown for any token that cannot be authenticated; deliberately vague about which check failed. */
export class FieldDecryptionError extends Error {
  override name = 'FieldDecryptionError';
}

// The version is authenticated along with the caller's AAD so a token cannot
// be relabelled as a future format and decrypted under different rules.
function associatedData(aad: string | undefined): Buffer {
  return Buffer.from(`${FIELD_VERSION}\u0000${aad ?? ''}`, 'utf8');
}

/**
 * Encrypts a field value to `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 * Pass an `aad` such as `"buyer:<id>:id_number"` to bind the ciphertext to
 * its row and column, so it cannot be copied into another record.
 */
export function encryptField(key: Buffer, plaintext: string, aad?: string): string {
  assertKey(key, 'encryptField');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FIELD_VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

// Node's base64 decoder silently skips characters it does not know; a strict
// round trip makes a malformed value fail instead of decoding to other bytes.
function decodeStrict(part: string | undefined, encoding: 'base64' | 'base64url'): Buffer | undefined {
  if (part === undefined) return undefined;
  const bytes = Buffer.from(part, encoding);
  return bytes.toString(encoding) === part ? bytes : undefined;
}

/**
 * Decrypts a token from `encryptField`. Throws `FieldDecryptionError` when the
 * token is malformed, was tampered with, or was made with another key or aad.
 */
export function decryptField(key: Buffer, token: string, aad?: string): string {
  assertKey(key, 'decryptField');
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== FIELD_VERSION) {
    throw new FieldDecryptionError(`decryptField: not a ${FIELD_VERSION} field token`);
  }
  const iv = decodeStrict(parts[1], 'base64url');
  const tag = decodeStrict(parts[2], 'base64url');
  const ciphertext = decodeStrict(parts[3], 'base64url');
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) {
    throw new FieldDecryptionError('decryptField: malformed field token');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new FieldDecryptionError('decryptField: authentication failed (wrong key, wrong aad, or tampered token)', { cause });
  }
}

// ---------------------------------------------------------------------------
// Blind index
// ---------------------------------------------------------------------------

/**
 * Deterministic keyed digest for equality look-ups on encrypted columns
 * (e.g. "has this ID number bought before?"). Normalise the value first:
 * the index only matches byte-identical input.
 */
export function blindIndex(key: Buffer, value: string): string {
  assertKey(key, 'blindIndex');
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------
// Passwords — scrypt
// ---------------------------------------------------------------------------

const SCRYPT_N = 16384;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const SCRYPT_SALT_BYTES = 16;
const SCRYPT_KEY_BYTES = 64;
// Bounds on parameters read back from storage, so a corrupted or planted
// hash string cannot make one login allocate gigabytes or spin for minutes.
// scrypt needs about 128·N·r bytes; today's parameters use 16 MiB, so 64 MiB
// leaves room to raise them later while old hashes still verify.
const SCRYPT_MAX_MEM = 64 * 1024 * 1024;
const SCRYPT_MAX_N = 1 << 20;
const SCRYPT_MAX_R = 32;
const SCRYPT_MAX_P = 16;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (err, derived) => {
      if (err) reject(err);
      else resolve(derived);
    });
  });
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  // OpenSSL also counts scrypt's 128·r·(p+2)-byte working buffers against maxmem.
  return { N, r, p, maxmem: SCRYPT_MAX_MEM + 1024 * 1024 };
}

// NIST SP 800-63B §5.1.1.2: normalise Unicode so the same password typed on
// different keyboards (composed vs decomposed accents) verifies.
function normalisePassword(pw: string): string {
  return pw.normalize('NFKC');
}

/** Hashes a password as `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(SCRYPT_SALT_BYTES);
  const hash = await scryptAsync(normalisePassword(pw), salt, SCRYPT_KEY_BYTES, scryptOptions(SCRYPT_N, SCRYPT_R, SCRYPT_P));
  return ['scrypt', SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString('base64'), hash.toString('base64')].join('$');
}

function parseBoundedInt(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/**
 * Checks a password against a stored `hashPassword` string in constant time.
 * Resolves false for a wrong password; rejects when `stored` is not a hash
 * this module wrote, since that is corrupt data rather than a failed login.
 */
export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const N = parseBoundedInt(parts[1], SCRYPT_MAX_N);
  const r = parseBoundedInt(parts[2], SCRYPT_MAX_R);
  const p = parseBoundedInt(parts[3], SCRYPT_MAX_P);
  const salt = decodeStrict(parts[4], 'base64');
  const expected = decodeStrict(parts[5], 'base64');
  if (
    parts.length !== 6 ||
    parts[0] !== 'scrypt' ||
    N === undefined ||
    r === undefined ||
    p === undefined ||
    N < 2 ||
    (N & (N - 1)) !== 0 ||
    128 * N * r > SCRYPT_MAX_MEM ||
    salt === undefined ||
    salt.length < SCRYPT_SALT_BYTES ||
    expected === undefined ||
    expected.length < 32 ||
    expected.length > 256
  ) {
    throw new Error('verifyPassword: stored value is not a scrypt password hash');
  }
  const actual = await scryptAsync(normalisePassword(pw), salt, expected.length, scryptOptions(N, r, p));
  return timingSafeEqual(actual, expected);
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** URL-safe random token, e.g. for sessions, API keys and one-time codes. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1) {
    throw new RangeError('randomToken: bytes must be a positive integer');
  }
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(s: string | Buffer): string {
  return typeof s === 'string' ? createHash('sha256').update(s, 'utf8').digest('hex') : createHash('sha256').update(s).digest('hex');
}

/**
 * Compares two secrets (tokens, signatures) without leaking where they first
 * differ. Both sides are hashed first so unequal lengths neither throw nor
 * return early.
 */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
