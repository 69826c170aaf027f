import { describe, expect, it } from 'vitest';
import {
  FieldDecryptionError,
  blindIndex,
  decryptField,
  deriveKeys,
  encryptField,
  hashPassword,
  randomToken,
  sha256Hex,
  timingSafeEqualStrings,
  verifyPassword,
} from './crypto.ts';

const keys = deriveKeys('test-secret-0123456789abcdef0123456789abcdef');
const otherKeys = deriveKeys('another-secret-0123456789abcdef0123456789');

// Rewrites one base64url part of a token after flipping one bit of its bytes,
// so the tamper really changes the decoded bytes (editing the text can land on
// padding bits that decode to the same bytes).
function flipByte(token: string, part: 1 | 2 | 3, index = 0): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part] as string, 'base64url');
  bytes[index] = (bytes[index] as number) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('deriveKeys — HKDF-SHA256 (RFC 5869) with one info label per purpose', () => {
  it('derives three distinct 32-byte keys', () => {
    expect(keys.encryption).toHaveLength(32);
    expect(keys.blindIndex).toHaveLength(32);
    expect(keys.signing).toHaveLength(32);
    const hex = [keys.encryption, keys.blindIndex, keys.signing].map((k) => k.toString('hex'));
    expect(new Set(hex).size).toBe(3);
  });

  it('is deterministic for one secret and differs across secrets', () => {
    const again = deriveKeys('test-secret-0123456789abcdef0123456789abcdef');
    expect(again.encryption.equals(keys.encryption)).toBe(true);
    expect(again.blindIndex.equals(keys.blindIndex)).toBe(true);
    expect(again.signing.equals(keys.signing)).toBe(true);
    expect(otherKeys.encryption.equals(keys.encryption)).toBe(false);
  });

  it('refuses an empty secret', () => {
    expect(() => deriveKeys('')).toThrow(/empty/);
  });
});

describe('encryptField / decryptField — AES-256-GCM', () => {
  it.each([
    ['ASCII', '11010519491231002X'],
    ['Chinese', '张三 北京市朝阳区建国路 88 号'],
    ['empty', ''],
    ['emoji', '📦🇦🇺→🇨🇳'],
    ['long', 'x'.repeat(100_000)],
  ])('round-trips %s text', (_label, plaintext) => {
    const token = encryptField(keys.encryption, plaintext);
    expect(decryptField(keys.encryption, token)).toBe(plaintext);
  });

  it('round-trips with aad', () => {
    const token = encryptField(keys.encryption, '13800138000', 'buyer:42:mobile');
    expect(decryptField(keys.encryption, token, 'buyer:42:mobile')).toBe('13800138000');
  });

  it('writes v1.<iv>.<tag>.<ciphertext> with a 12-byte iv and 16-byte tag', () => {
    const token = encryptField(keys.encryption, 'hello');
    const parts = token.split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    for (const part of parts.slice(1)) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(parts[1] as string, 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[2] as string, 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[3] as string, 'base64url').toString('utf8')).not.toBe('hello');
  });

  it('gives a different token each time for the same value (random iv)', () => {
    const a = encryptField(keys.encryption, '11010519491231002X');
    const b = encryptField(keys.encryption, '11010519491231002X');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  const token = encryptField(keys.encryption, '11010519491231002X', 'buyer:1:id_number');

  it.each([
    ['iv', 1],
    ['tag', 2],
    ['ciphertext', 3],
  ] as const)('detects a flipped byte in the %s', (_label, part) => {
    expect(() => decryptField(keys.encryption, flipByte(token, part), 'buyer:1:id_number')).toThrow(FieldDecryptionError);
  });

  it('detects a flipped last byte of the ciphertext', () => {
    const last = Buffer.from(token.split('.')[3] as string, 'base64url').length - 1;
    expect(() => decryptField(keys.encryption, flipByte(token, 3, last), 'buyer:1:id_number')).toThrow(/authentication failed/);
  });

  it('refuses the wrong key', () => {
    expect(() => decryptField(otherKeys.encryption, token, 'buyer:1:id_number')).toThrow(FieldDecryptionError);
    // Purpose keys from one secret are not interchangeable either.
    expect(() => decryptField(keys.blindIndex, token, 'buyer:1:id_number')).toThrow(FieldDecryptionError);
  });

  it.each([
    ['another record', 'buyer:2:id_number'],
    ['no aad', undefined],
    ['empty aad', ''],
  ])('refuses a different aad (%s)', (_label, aad) => {
    expect(() => decryptField(keys.encryption, token, aad)).toThrow(FieldDecryptionError);
  });

  it('refuses aad on decrypt when none was given on encrypt', () => {
    const plain = encryptField(keys.encryption, 'secret');
    expect(() => decryptField(keys.encryption, plain, 'buyer:1:id_number')).toThrow(FieldDecryptionError);
  });

  it.each([
    ['empty', ''],
    ['another version', token.replace(/^v1\./, 'v2.')],
    ['too few parts', token.split('.').slice(0, 3).join('.')],
    ['too many parts', `${token}.AAAA`],
    [
      'truncated tag',
      (() => {
        const p = token.split('.');
        p[2] = (p[2] as string).slice(0, 10);
        return p.join('.');
      })(),
    ],
    ['non-base64url characters', token.replace(/\.([^.]+)$/, '.!!$1')],
  ])('refuses a malformed token (%s)', (_label, bad) => {
    expect(() => decryptField(keys.encryption, bad, 'buyer:1:id_number')).toThrow(FieldDecryptionError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptField(Buffer.alloc(16), 'x')).toThrow(TypeError);
    expect(() => decryptField(Buffer.alloc(16), token)).toThrow(TypeError);
  });
});

describe('blindIndex — HMAC-SHA256 for equality look-ups', () => {
  it('is stable for the same key and value', () => {
    const a = blindIndex(keys.blindIndex, '11010519491231002X');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(keys.blindIndex, '11010519491231002X')).toBe(a);
  });

  it('differs for different values and different keys', () => {
    const a = blindIndex(keys.blindIndex, '11010519491231002X');
    expect(blindIndex(keys.blindIndex, '440304200002290014')).not.toBe(a);
    expect(blindIndex(otherKeys.blindIndex, '11010519491231002X')).not.toBe(a);
  });

  it('is not the plain SHA-256 of the value', () => {
    expect(blindIndex(keys.blindIndex, '11010519491231002X')).not.toBe(sha256Hex('11010519491231002X'));
  });

  it('matches the RFC 4231 test case 2 HMAC-SHA256 vector for a 32-byte key', () => {
    // RFC 4231 §4.3 uses the 4-byte key "Jefe"; HMAC pads keys shorter than
    // the block size with zeros, so the 32-byte zero-padded key is equivalent.
    const key = Buffer.alloc(32);
    key.write('Jefe');
    expect(blindIndex(key, 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

describe('hashPassword / verifyPassword — scrypt N=16384, r=8, p=1', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and 64-byte hash', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4] as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5] as string, 'base64')).toHaveLength(64);
  });

  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery ', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('密码很长而且很难猜测'), hashPassword('密码很长而且很难猜测')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('密码很长而且很难猜测', a)).toBe(true);
    expect(await verifyPassword('密码很长而且很难猜测', b)).toBe(true);
  });

  it('treats composed and decomposed accents as the same password (NFKC)', async () => {
    const stored = await hashPassword('Ame\u0301lie-passphrase');
    expect(await verifyPassword('Am\u00e9lie-passphrase', stored)).toBe(true);
  });

  it('rejects a tampered hash', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');
    const hash = Buffer.from(parts[5] as string, 'base64');
    hash[0] = (hash[0] as number) ^ 0x01;
    parts[5] = hash.toString('base64');
    expect(await verifyPassword('correct horse battery', parts.join('$'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['another algorithm', '$2b$10$abcdefghijklmnopqrstuu5LQ0Z8xR3y7cK2q2b4fP8xq2l1Wc3e'],
    ['missing parts', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA=='],
    ['N not a power of two', `scrypt$10000$8$1$${'A'.repeat(22)}==$${'A'.repeat(86)}==`],
    ['memory beyond the bound', `scrypt$1048576$32$1$${'A'.repeat(22)}==$${'A'.repeat(86)}==`],
    ['p beyond the bound', `scrypt$16384$8$1000$${'A'.repeat(22)}==$${'A'.repeat(86)}==`],
    ['short salt', `scrypt$16384$8$1$AAAA$${'A'.repeat(86)}==`],
    ['bad base64', `scrypt$16384$8$1$${'!'.repeat(24)}$${'A'.repeat(86)}==`],
  ])('throws on a stored value that is not a scrypt hash (%s)', async (_label, stored) => {
    await expect(verifyPassword('whatever', stored)).rejects.toThrow(/not a scrypt password hash/);
  });
});

describe('randomToken, sha256Hex, timingSafeEqualStrings', () => {
  it('randomToken is base64url of the requested byte count and unique', () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(Buffer.from(randomToken(16), 'base64url')).toHaveLength(16);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it.each([0, -1, 1.5, Number.NaN])('randomToken refuses %s bytes', (n) => {
    expect(() => randomToken(n)).toThrow(RangeError);
  });

  it.each([
    // FIPS 180-2 Appendix B.1 and the empty-string digest
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ])('sha256Hex(%j)', (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });

  it.each([
    ['abc', 'abc', true],
    ['', '', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false], // different lengths neither throw nor match
    ['', 'a', false],
    ['é', 'e\u0301', false], // byte-exact: secrets are never normalised
  ])('timingSafeEqualStrings(%j, %j) is %s', (a, b, expected) => {
    expect(timingSafeEqualStrings(a, b)).toBe(expected);
  });
});
