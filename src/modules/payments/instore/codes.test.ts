// In-store payment codes (issue 8): RFC 4226 HOTP, RFC 6238 TOTP, the shopper-presented
// payment code (one minute, one step of skew, bound to a slot's holder), the
// no-confirmation limit, and the merchant-presented signed QR payload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HotpAlgorithm,
  hotp,
  NO_CONFIRMATION_LIMIT_MAX_CNY,
  needsConfirmation,
  noConfirmationLimitAllowed,
  PAYMENT_CODE_PREFIX,
  PAYMENT_CODE_SLOTS,
  type PaymentCodeLookup,
  parseQrPayload,
  paymentCode,
  paymentCodeCounter,
  paymentCodeSlot,
  qrPayload,
  totpCounter,
  verifyPaymentCode,
} from './codes.ts';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const OTHER_SECRET = Buffer.from('fedcba9876543210fedcba9876543210', 'utf8');
const ALICE = { slot: 4_213, shopperKey: 'shp_alice' };
const BOB = { slot: 9_999_999, shopperKey: 'shp_bob' };
const HOLDERS = new Map([
  [ALICE.slot, ALICE.shopperKey],
  [BOB.slot, BOB.shopperKey],
]);
const lookup: PaymentCodeLookup = (slot) => HOLDERS.get(slot) ?? null;
// 2026-03-01T10:15:20Z: 20 s into a minute.
const T = new Date('2026-03-01T10:15:20Z');
const minutes = (n: number, from = T) => new Date(from.getTime() + n * 60_000);

describe('hotp — RFC 4226 Appendix D (secret "12345678901234567890", HMAC-SHA-1, 6 digits)', () => {
  const key = Buffer.from('12345678901234567890', 'ascii');
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('counter %i → %s', (counter, expected) => {
    expect(hotp(key, counter, 6)).toBe(expected);
  });

  it.each([
    [-1, 6],
    [1.5, 6],
    [0, 5],
    [0, 10],
  ])('refuses counter %d with %i digits', (counter, digits) => {
    expect(() => hotp(key, counter, digits)).toThrow(RangeError);
  });
});

describe('TOTP — RFC 6238 Appendix B (X = 30, T0 = 0, 8 digits, seeds of 20/32/64 bytes)', () => {
  const seeds: Record<HotpAlgorithm, Buffer> = {
    sha1: Buffer.from('12345678901234567890', 'ascii'),
    sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
    sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
  };
  it.each([
    [59, '0000000000000001', '94287082', '46119246', '90693936'],
    [1111111109, '00000000023523EC', '07081804', '68084774', '25091201'],
    [1111111111, '00000000023523ED', '14050471', '67062674', '99943326'],
    [1234567890, '000000000273EF07', '89005924', '91819424', '93441116'],
    [2000000000, '0000000003F940AA', '69279037', '90698825', '38618901'],
    [20000000000, '0000000027BC86AA', '65353130', '77737706', '47863826'],
  ])('t = %i s (T = %s)', (seconds, hexT, sha1, sha256, sha512) => {
    const counter = totpCounter(new Date(seconds * 1000));
    expect(counter).toBe(Number.parseInt(hexT, 16));
    expect(hotp(seeds.sha1, counter, 8, 'sha1')).toBe(sha1);
    expect(hotp(seeds.sha256, counter, 8, 'sha256')).toBe(sha256);
    expect(hotp(seeds.sha512, counter, 8, 'sha512')).toBe(sha512);
  });

  it('refuses an invalid date, a time before T0 and a zero step', () => {
    expect(() => totpCounter(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => totpCounter(new Date(-1000))).toThrow(RangeError);
    expect(() => totpCounter(T, 0)).toThrow(RangeError);
  });
});

describe('paymentCode — 18 digits: prefix, minute digit, masked 7-digit slot, 8-digit HOTP', () => {
  it.each([
    ['Alice', ALICE],
    ['Bob, the highest slot', BOB],
    ['slot 0', { slot: 0, shopperKey: 'shp_zero' }],
  ])('%s gets an 18-digit code with the default prefix 38', (_name, shopper) => {
    const code = paymentCode(SECRET, shopper, T);
    expect(code).toMatch(/^38\d{16}$/);
    expect(PAYMENT_CODE_PREFIX).toBe('38');
    expect(code[2]).toBe(String(paymentCodeCounter(T) % 10));
  });

  it('takes another two-digit prefix and refuses anything else', () => {
    expect(paymentCode(SECRET, ALICE, T, { prefix: '91' })).toMatch(/^91\d{16}$/);
    for (const prefix of ['9', '123', 'ab']) expect(() => paymentCode(SECRET, ALICE, T, { prefix })).toThrow(RangeError);
  });

  it.each([
    ['the same second', 0],
    ['the start of the minute', -20_000],
    ['the last millisecond of the minute', 39_999],
  ])('is the same all minute long (%s)', (_name, offsetMs) => {
    expect(paymentCode(SECRET, ALICE, new Date(T.getTime() + offsetMs))).toBe(paymentCode(SECRET, ALICE, T));
  });

  it('changes in the next minute, and neither the slot nor the MAC digits repeat', () => {
    const now = paymentCode(SECRET, ALICE, T);
    const next = paymentCode(SECRET, ALICE, new Date(T.getTime() + 40_000));
    expect(next).not.toBe(now);
    expect(next.slice(3, 10)).not.toBe(now.slice(3, 10));
    expect(next.slice(10)).not.toBe(now.slice(10));
  });

  it('differs between shoppers, secrets, and holders of the same slot', () => {
    const alice = paymentCode(SECRET, ALICE, T);
    expect(paymentCode(SECRET, BOB, T)).not.toBe(alice);
    expect(paymentCode(OTHER_SECRET, ALICE, T)).not.toBe(alice);
    expect(paymentCode(SECRET, { slot: ALICE.slot, shopperKey: 'shp_next_holder' }, T).slice(10)).not.toBe(alice.slice(10));
  });

  it.each([-1, PAYMENT_CODE_SLOTS, 1.5, Number.NaN])('refuses slot %d', (slot) => {
    expect(() => paymentCode(SECRET, { slot, shopperKey: 'shp_x' }, T)).toThrow(RangeError);
  });

  it('refuses an empty shopperKey', () => {
    expect(() => paymentCode(SECRET, { slot: 1, shopperKey: '' }, T)).toThrow(RangeError);
  });

  it('paymentCodeSlot unmasks the slot, so the service can load its holder first', () => {
    expect(paymentCodeSlot(SECRET, paymentCode(SECRET, ALICE, T), T)).toBe(ALICE.slot);
    expect(paymentCodeSlot(SECRET, paymentCode(SECRET, BOB, minutes(-1)), T)).toBe(BOB.slot);
    expect(paymentCodeSlot(SECRET, 'not a code', T)).toBeNull();
  });
});

describe('verifyPaymentCode — the current minute and one step back; expired older; invalid otherwise', () => {
  it.each([
    ['made this minute', 0],
    ['made last minute (one step of skew)', -1],
  ] as const)('accepts a code %s', (_name, stepsAgo) => {
    const code = paymentCode(SECRET, ALICE, minutes(stepsAgo));
    expect(verifyPaymentCode(SECRET, code, lookup, T)).toEqual({
      ok: true,
      slot: ALICE.slot,
      shopperKey: ALICE.shopperKey,
      counter: paymentCodeCounter(T) + stepsAgo,
    });
  });

  it.each([
    ['two steps back', -2, 'expired'],
    ['nine steps back (the oldest the minute digit can name)', -9, 'expired'],
    ['one step ahead (phone clock fast)', 1, 'invalid'],
    ['ten steps back (aliases onto this minute)', -10, 'invalid'],
  ] as const)('refuses a genuine code made %s: %s', (_name, stepsAgo, reason) => {
    const code = paymentCode(SECRET, ALICE, minutes(stepsAgo));
    expect(verifyPaymentCode(SECRET, code, lookup, T)).toEqual({ ok: false, reason });
  });

  const alice = paymentCode(SECRET, ALICE, T);
  const changeDigit = (code: string, i: number) => code.slice(0, i) + String((Number(code[i]) + 1) % 10) + code.slice(i + 1);
  it.each([
    ['from the wrong secret', paymentCode(OTHER_SECRET, ALICE, T)],
    ['for a free slot', paymentCode(SECRET, { slot: 77, shopperKey: 'shp_gone' }, T)],
    ['from the slot’s former holder', paymentCode(SECRET, { slot: ALICE.slot, shopperKey: 'shp_former' }, T)],
    ...Array.from({ length: 15 }, (_, k) => [`with digit ${k + 3} changed`, changeDigit(alice, k + 3)] as [string, string]),
  ])('refuses a code %s as invalid', (_name, code) => {
    expect(verifyPaymentCode(SECRET, code, lookup, T)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a changed minute digit points at another minute and is refused either way', () => {
    for (let d = 1; d <= 9; d++) {
      const code = `${alice.slice(0, 2)}${(Number(alice[2]) + d) % 10}${alice.slice(3)}`;
      expect(verifyPaymentCode(SECRET, code, lookup, T).ok).toBe(false);
    }
  });

  it('refuses Alice’s code with Bob’s slot spliced in (another shopper)', () => {
    const bob = paymentCode(SECRET, BOB, T);
    expect(verifyPaymentCode(SECRET, bob.slice(0, 10) + alice.slice(10), lookup, T)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['empty', ''],
    ['letters', `${alice.slice(0, 17)}x`],
    ['spaces (as printed)', `${alice.slice(0, 6)} ${alice.slice(6)}`],
    ['17 digits', alice.slice(0, 17)],
    ['19 digits', `${alice}0`],
    ['the wrong prefix', `28${alice.slice(2)}`],
    ['full-width digits', alice.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)))],
  ])('refuses %s as malformed', (_name, code) => {
    expect(verifyPaymentCode(SECRET, code, lookup, T)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('checks the prefix it is configured with', () => {
    const code = paymentCode(SECRET, ALICE, T, { prefix: '91' });
    expect(verifyPaymentCode(SECRET, code, lookup, T, { prefix: '91' }).ok).toBe(true);
    expect(verifyPaymentCode(SECRET, code, lookup, T)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('property: a code verifies exactly within its own minute and the next, and is expired for the 8 after', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: PAYMENT_CODE_SLOTS - 1 }),
        fc.stringMatching(/^[a-z0-9_]{1,20}$/),
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        fc.integer({ min: -3, max: 12 }),
        fc.integer({ min: 0, max: 59_999 }),
        (slot, shopperKey, madeS, stepsLater, jitterMs) => {
          const made = new Date(madeS * 1000);
          const code = paymentCode(SECRET, { slot, shopperKey }, made);
          const madeAt = paymentCodeCounter(made);
          const at = new Date((madeAt + stepsLater) * 60_000 + jitterMs);
          const verdict = verifyPaymentCode(SECRET, code, (s) => (s === slot ? shopperKey : null), at);
          if (stepsLater === 0 || stepsLater === 1) {
            expect(verdict).toEqual({ ok: true, slot, shopperKey, counter: madeAt });
          } else if (stepsLater >= 2 && stepsLater <= 9) {
            expect(verdict).toEqual({ ok: false, reason: 'expired' });
          } else {
            expect(verdict.ok).toBe(false);
          }
        },
      ),
    );
  });
});

describe('needsConfirmation — opt-in per-payment limit; null (default) confirms everything', () => {
  it.each([
    ['no limit set', 1n, null, true],
    ['no limit set, large', 5_000_00n, null, true],
    ['under the limit', 199_99n, 200_00n, false],
    ['exactly the limit', 200_00n, 200_00n, false],
    ['one fen over', 200_01n, 200_00n, true],
    ['a zero limit', 1n, 0n, true],
  ])('%s: %s fen with limit %s → %s', (_name, amount, limit, expected) => {
    expect(needsConfirmation(amount, limit)).toBe(expected);
  });

  it.each([
    [0n, null],
    [-1n, 100n],
    [100n, -1n],
  ])('refuses amount %s / limit %s', (amount, limit) => {
    expect(() => needsConfirmation(amount, limit)).toThrow(RangeError);
  });

  it.each([
    [1n, true],
    [NO_CONFIRMATION_LIMIT_MAX_CNY, true],
    [NO_CONFIRMATION_LIMIT_MAX_CNY + 1n, false],
    [0n, false],
    [-5n, false],
  ])('a shopper may set %s fen: %s', (limit, allowed) => {
    expect(noConfirmationLimitAllowed(limit)).toBe(allowed);
  });
});

describe('qrPayload / parseQrPayload — signed, short, verifiable offline', () => {
  const NOW = new Date('2026-03-01T10:15:20Z');
  const EXPIRES = new Date('2026-03-01T10:20:00Z');
  const request = { requestId: 'pi_01jnabcdefghjkmnpqrstvwxyz', expiresAt: EXPIRES, amount: { minor: 2_599n, currency: 'NZD' as const } };
  const payload = qrPayload(SECRET, request);

  it('has the documented shape and round-trips', () => {
    expect(payload).toMatch(/^tasman:\/\/pay\/pi_01jnabcdefghjkmnpqrstvwxyz\?e=1772360400&a=2599&c=NZD&s=[A-Za-z0-9_-]{22}$/);
    expect(parseQrPayload(SECRET, payload, NOW)).toEqual({
      ok: true,
      requestId: request.requestId,
      expiresAt: EXPIRES,
      amount: request.amount,
    });
  });

  it('round-trips without an amount and under an https base', () => {
    const options = { base: 'https://pay.tasman.example/p/' };
    const text = qrPayload(SECRET, { requestId: 'req_1', expiresAt: EXPIRES }, options);
    expect(text).toMatch(/^https:\/\/pay\.tasman\.example\/p\/req_1\?e=1772360400&s=[A-Za-z0-9_-]{22}$/);
    expect(parseQrPayload(SECRET, text, NOW, options)).toEqual({ ok: true, requestId: 'req_1', expiresAt: EXPIRES, amount: null });
    expect(parseQrPayload(SECRET, text, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('cuts a fractional expiry down to the second, never later', () => {
    const text = qrPayload(SECRET, { requestId: 'req_1', expiresAt: new Date(EXPIRES.getTime() + 999) });
    expect(parseQrPayload(SECRET, text, NOW)).toMatchObject({ ok: true, expiresAt: EXPIRES });
  });

  it.each([
    ['one millisecond before expiry', EXPIRES.getTime() - 1, true],
    ['exactly at expiry', EXPIRES.getTime(), false],
    ['after expiry', EXPIRES.getTime() + 60_000, false],
  ])('%s → valid: %s', (_name, nowMs, valid) => {
    expect(parseQrPayload(SECRET, payload, new Date(nowMs))).toEqual(
      valid ? expect.objectContaining({ ok: true }) : { ok: false, reason: 'expired' },
    );
  });

  const sig = payload.slice(payload.indexOf('&s=') + 3);
  const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
  it.each([
    ['a changed amount', payload.replace('a=2599', 'a=259')],
    ['a changed currency', payload.replace('c=NZD', 'c=AUD')],
    ['a dropped amount', payload.replace('&a=2599&c=NZD', '')],
    ['a changed request id', payload.replace('pi_01jnabcdef', 'pi_01jnabcdeg')],
    ['a later expiry', payload.replace('e=1772360400', 'e=1772360460')],
    ['a changed signature', payload.replace(sig, flipped)],
    ['another secret', qrPayload(OTHER_SECRET, request)],
  ])('refuses %s as bad_signature', (_name, text) => {
    expect(parseQrPayload(SECRET, text, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('says bad_signature, not expired, for a tampered payload that is also past its expiry', () => {
    expect(parseQrPayload(SECRET, payload.replace('a=2599', 'a=1'), new Date(EXPIRES.getTime() + 1))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['empty', ''],
    ['another scheme', payload.replace('tasman://', 'alipays://')],
    ['a short signature', payload.slice(0, -1)],
    ['no expiry', payload.replace(/e=\d+&/, '')],
    ['fields reordered', payload.replace('e=1772360400&a=2599&c=NZD', 'a=2599&c=NZD&e=1772360400')],
    ['an amount without currency', payload.replace('&c=NZD', '')],
    ['a leading-zero amount', payload.replace('a=2599', 'a=02599')],
    ['a CNY amount', payload.replace('c=NZD', 'c=CNY')],
    ['an extra field', `${payload}&x=1`],
    ['a path in the id', payload.replace('pay/pi_', 'pay/../pi_')],
  ])('refuses %s as malformed', (_name, text) => {
    expect(parseQrPayload(SECRET, text, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['a request id with a slash', { requestId: 'a/b', expiresAt: EXPIRES }, undefined],
    ['an empty request id', { requestId: '', expiresAt: EXPIRES }, undefined],
    ['an invalid expiry', { requestId: 'r', expiresAt: new Date(Number.NaN) }, undefined],
    ['a zero amount', { requestId: 'r', expiresAt: EXPIRES, amount: { minor: 0n, currency: 'AUD' as const } }, undefined],
    ['a base without a trailing slash', { requestId: 'r', expiresAt: EXPIRES }, { base: 'tasman://pay' }],
    ['a base with a query', { requestId: 'r', expiresAt: EXPIRES }, { base: 'https://x.example/?p=/' }],
  ])('qrPayload refuses %s', (_name, req, options) => {
    expect(() => qrPayload(SECRET, req, options)).toThrow(RangeError);
  });
});
