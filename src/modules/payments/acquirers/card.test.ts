// The pure card rules as tables, each case citing its rule: the Luhn check digit of
// ISO/IEC 7812-1 Annex B, PAN length 12–19 (ISO/IEC 7812-1), the brands' published IIN
// ranges, expiry through the end of the month (UTC), CVC length per brand, and the keyed
// fingerprint. The Luhn model in this file is written independently of card.ts.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CardBrand, cardBrand, cardFingerprint, cvcValid, expired, luhnValid, normaliseCardNumber, summary } from './card.ts';

/** The Luhn check digit for a payload (ISO/IEC 7812-1 Annex B), computed from the left-hand payload. */
function luhnCheckDigit(payload: string): string {
  let sum = 0;
  // Payload digits are doubled starting with the rightmost one (it sits next to the check digit).
  [...payload].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return String((10 - (sum % 10)) % 10);
}

const payloadArb = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 });
const validNumberArb = payloadArb.map((p) => p + luhnCheckDigit(p));

describe('luhnValid (ISO/IEC 7812-1 Annex B)', () => {
  it.each([
    ['79927398713', true, 'the textbook Luhn example'],
    ['79927398710', false, 'the textbook example with a wrong check digit'],
    ['4242424242424242', true, 'Visa test PAN'],
    ['4242424242424241', false, 'last digit off by one'],
    ['5555555555554444', true, 'Mastercard test PAN'],
    ['378282246310005', true, 'Amex test PAN (15 digits, odd length)'],
    ['6200000000000005', true, 'UnionPay test PAN'],
    ['6200000000000000', false, 'UnionPay prefix, wrong check digit'],
    ['4000000000003220', true, 'challenge test PAN'],
    ['0000000000000000', true, 'all zeros sums to 0 — Luhn alone does not reject it'],
    ['4242424242424224', false, 'adjacent transposition 42→24 that changes the sum'],
    ['4242 4242 4242 4242', false, 'not normalised: only digits are checked'],
    ['', false, 'empty'],
    ['0', false, 'a single digit has no payload'],
    ['42424242424242a2', false, 'a non-digit'],
  ])('%s → %s (%s)', (number, valid) => {
    expect(luhnValid(number)).toBe(valid);
  });

  it('property: the model check digit always makes a valid number', () => {
    fc.assert(fc.property(validNumberArb, (n) => luhnValid(n)));
  });

  it('property: exactly one check digit 0–9 completes any payload', () => {
    fc.assert(
      fc.property(payloadArb, (p) => {
        const completions = [...'0123456789'].filter((d) => luhnValid(p + d));
        expect(completions).toEqual([luhnCheckDigit(p)]);
      }),
    );
  });

  it('property: changing any single digit of a Luhn-valid number makes it invalid', () => {
    fc.assert(
      fc.property(validNumberArb, fc.nat(), fc.integer({ min: 1, max: 9 }), (n, pos, shift) => {
        const i = pos % n.length;
        const changed = String((Number(n[i]) + shift) % 10);
        const mutated = n.slice(0, i) + changed + n.slice(i + 1);
        expect(mutated).not.toBe(n);
        expect(luhnValid(mutated)).toBe(false);
      }),
    );
  });
});

describe('normaliseCardNumber (spaces and dashes stripped; PAN length 12–19, ISO/IEC 7812-1)', () => {
  it.each([
    ['4242424242424242', '4242424242424242'],
    ['4242 4242 4242 4242', '4242424242424242'],
    ['4242-4242-4242-4242', '4242424242424242'],
    [' 3782 822463 10005 ', '378282246310005'],
    ['123456789012', '123456789012'], // 12 digits: the minimum
    ['1234567890123456789', '1234567890123456789'], // 19 digits: the maximum
    ['12345678901', null], // 11 digits
    ['12345678901234567890', null], // 20 digits
    ['4242.4242.4242.4242', null], // only spaces and dashes are separators
    ['4242\t4242\t4242\t4242', null],
    ['4242 4242 4242 424x', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseCardNumber(input)).toBe(expected);
  });
});

describe('cardBrand (IIN ranges)', () => {
  it.each<[string, CardBrand, string]>([
    ['4242424242424242', 'visa', 'Visa: 4'],
    ['4000000000000002', 'visa', 'Visa: 4'],
    ['5000000000000000', 'unknown', 'below Mastercard 51'],
    ['5100000000000000', 'mastercard', 'Mastercard: 51 (low end)'],
    ['5555555555554444', 'mastercard', 'Mastercard: 55 (high end)'],
    ['5600000000000000', 'unknown', 'above Mastercard 55'],
    ['2220990000000000', 'unknown', 'below Mastercard 2221'],
    ['2221000000000000', 'mastercard', 'Mastercard 2-series: 2221 (low end)'],
    ['2223003122003222', 'mastercard', 'Mastercard 2-series'],
    ['2720990000000000', 'mastercard', 'Mastercard 2-series: 2720 (high end)'],
    ['2721000000000000', 'unknown', 'above Mastercard 2720'],
    ['340000000000000', 'amex', 'American Express: 34'],
    ['378282246310005', 'amex', 'American Express: 37'],
    ['350000000000000', 'unknown', '35 is JCB, not supported'],
    ['6200000000000005', 'unionpay', 'UnionPay: 62'],
    ['6011000000000000', 'unknown', '6011 is Discover'],
    ['6300000000000000', 'unknown', 'outside UnionPay 62'],
    ['4242 4242 4242 4242', 'visa', 'separators are ignored'],
    ['', 'unknown', 'empty'],
  ])('%s → %s (%s)', (number, brand) => {
    expect(cardBrand(number)).toBe(brand);
  });
});

describe('expired (valid through the end of the expiry month, UTC)', () => {
  it.each<[number, number, string, boolean, string]>([
    [6, 2030, '2030-06-30T23:59:59.999Z', false, 'last instant of the expiry month'],
    [6, 2030, '2030-07-01T00:00:00.000Z', true, 'first instant of the next month'],
    [6, 2030, '2030-06-01T00:00:00.000Z', false, 'first instant of the expiry month'],
    [12, 2030, '2030-12-31T23:59:59.999Z', false, 'December: last instant of the year'],
    [12, 2030, '2031-01-01T00:00:00.000Z', true, 'December rolls over to January'],
    [2, 2028, '2028-02-29T12:00:00.000Z', false, 'leap-year February 29th'],
    [2, 2028, '2028-03-01T00:00:00.000Z', true, 'after leap-year February'],
    [1, 2020, '2026-05-01T00:00:00.000Z', true, 'years ago'],
    [6, 30, '2030-06-15T00:00:00.000Z', false, 'two-digit year 30 means 2030'],
    [6, 30, '2030-07-01T00:00:00.000Z', true, 'two-digit year, next month'],
    [0, 2030, '2026-01-01T00:00:00.000Z', true, 'month 0 is not a month'],
    [13, 2030, '2026-01-01T00:00:00.000Z', true, 'month 13 is not a month'],
    [6.5, 2030, '2026-01-01T00:00:00.000Z', true, 'non-integer month'],
    [6, Number.NaN, '2026-01-01T00:00:00.000Z', true, 'non-number year'],
  ])('%i/%i at %s → %s (%s)', (month, year, now, isExpired) => {
    expect(expired(month, year, new Date(now))).toBe(isExpired);
  });

  it('ignores the local time zone: 23:30 UTC on the last day is still valid', () => {
    // In UTC+13 (Auckland, summer) this is already the next month locally.
    expect(expired(1, 2031, new Date('2031-01-31T23:30:00Z'))).toBe(false);
  });
});

describe('cvcValid (3 digits; American Express CID 4 digits)', () => {
  it.each<[string, CardBrand, boolean]>([
    ['123', 'visa', true],
    ['000', 'mastercard', true],
    ['123', 'unionpay', true],
    ['123', 'unknown', true],
    ['1234', 'amex', true],
    ['123', 'amex', false],
    ['1234', 'visa', false],
    ['12', 'visa', false],
    ['', 'visa', false],
    ['12a', 'visa', false],
    [' 123', 'visa', false],
    ['12345', 'amex', false],
  ])('%j for %s → %s', (cvc, brand, valid) => {
    expect(cvcValid(cvc, brand)).toBe(valid);
  });
});

describe('cardFingerprint (HMAC-SHA256 keyed with the acquirer secret, hex)', () => {
  const secret = 'sk_test_fingerprint';

  it('is the HMAC-SHA256 of the normalised number', () => {
    const expected = createHmac('sha256', secret).update('card:4242424242424242').digest('hex');
    expect(cardFingerprint('4242424242424242', secret)).toBe(expected);
  });

  it.each([
    ['4242424242424242', '4242 4242 4242 4242', true, 'same card, different formatting'],
    ['4242424242424242', '4242-4242-4242-4242', true, 'same card, dashes'],
    ['4242424242424242', '5555555555554444', false, 'different cards'],
    ['4000000000000002', '4000000000009995', false, 'same BIN and length, different card'],
  ])('%s vs %s: equal=%s (%s)', (a, b, equal) => {
    expect(cardFingerprint(a, secret) === cardFingerprint(b, secret)).toBe(equal);
  });

  it('depends on the secret, is 64 hex characters, and does not contain the number', () => {
    const a = cardFingerprint('4242424242424242', secret);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cardFingerprint('4242424242424242', 'another secret')).not.toBe(a);
    expect(a).not.toContain('4242424242424242');
  });

  it('refuses a malformed number', () => {
    expect(() => cardFingerprint('1234', secret)).toThrow(RangeError);
  });
});

describe('summary (brand, last4, expiry and fingerprint only)', () => {
  it.each([
    [{ number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030 }, 'visa', '4242', 2030],
    [{ number: '3782-822463-10005', exp_month: 1, exp_year: 31 }, 'amex', '0005', 2031],
    [{ number: '6200000000000005', exp_month: 5, exp_year: 2029 }, 'unionpay', '0005', 2029],
  ])('%j', (card, brand, last4, year) => {
    const s = summary(card, 'sk');
    expect(Object.keys(s).sort()).toEqual(['brand', 'exp_month', 'exp_year', 'fingerprint', 'last4']);
    expect(s).toEqual({ brand, last4, exp_month: card.exp_month, exp_year: year, fingerprint: cardFingerprint(card.number, 'sk') });
    const digits = card.number.replace(/[ -]/g, '');
    expect(JSON.stringify(s)).not.toContain(digits);
  });
});
