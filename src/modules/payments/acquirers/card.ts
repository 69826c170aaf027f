// Pure card rules shared by acquirers: number normalisation, the Luhn check digit
// (ISO/IEC 7812-1 Annex B), brand by IIN range, expiry, CVC format, and the keyed
// fingerprint that lets the platform recognise a card again without storing its number.
// No I/O; nothing here returns or logs a full card number.
import { createHmac } from 'node:crypto';
import type { CardInput, CardSummary } from './types.ts';

export type CardBrand = CardSummary['brand'];

/**
 * Strips spaces and dashes; returns the digits if there are 12–19 of them (the PAN
 * lengths of ISO/IEC 7812-1), otherwise null.
 */
export function normaliseCardNumber(number: string): string | null {
  const digits = number.replace(/[ -]/g, '');
  return /^\d{12,19}$/.test(digits) ? digits : null;
}

/**
 * The Luhn (mod 10) check of ISO/IEC 7812-1 Annex B: from the rightmost digit (the check
 * digit) leftwards, double every second digit, subtract 9 from any result over 9, and the
 * sum must be a multiple of 10. Digits only, at least two (a payload and its check digit).
 */
export function luhnValid(number: string): boolean {
  if (!/^\d{2,}$/.test(number)) return false;
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let d = number.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The brand by issuer identification number (IIN) prefix: Visa 4; Mastercard 51–55 and
 * 2221–2720; American Express 34 and 37; UnionPay 62. Anything else is `unknown`.
 */
export function cardBrand(number: string): CardBrand {
  const digits = number.replace(/[ -]/g, '');
  if (!/^\d{4}/.test(digits)) return 'unknown';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (two === 62) return 'unionpay';
  return 'unknown';
}

/** A two-digit expiry year (as printed on the card, `MM/YY`) means 20YY; four digits as given. */
export function normaliseExpYear(exp_year: number): number {
  return Number.isInteger(exp_year) && exp_year >= 0 && exp_year < 100 ? 2000 + exp_year : exp_year;
}

/**
 * A card is valid through the last instant of its expiry month (UTC), so it has expired
 * from 00:00 UTC on the first of the following month. A month outside 1–12 or a
 * non-integer month or year is treated as expired: it cannot be a valid card.
 */
export function expired(exp_month: number, exp_year: number, now: Date): boolean {
  const year = normaliseExpYear(exp_year);
  if (!Number.isInteger(exp_month) || exp_month < 1 || exp_month > 12 || !Number.isInteger(year)) return true;
  // Date.UTC months are 0-based, so `exp_month` (1-based) is the month after expiry.
  return now.getTime() >= Date.UTC(year, exp_month, 1);
}

/** The card security code: 3 digits, 4 for American Express (its CID). */
export function cvcValid(cvc: string, brand: CardBrand): boolean {
  return brand === 'amex' ? /^\d{4}$/.test(cvc) : /^\d{3}$/.test(cvc);
}

/**
 * HMAC-SHA256 of the normalised number, keyed with the acquirer's secret, as hex: the same
 * card always gives the same fingerprint under one secret, and the number cannot be
 * recovered from it without the secret. Throws on a malformed number.
 */
export function cardFingerprint(number: string, secret: string): string {
  const digits = normaliseCardNumber(number);
  if (digits === null) throw new RangeError('card number must be 12–19 digits');
  return createHmac('sha256', secret).update(`card:${digits}`).digest('hex');
}

/** The summary that may be stored and shown: brand, last four digits, expiry and fingerprint only. */
export function summary(card: Pick<CardInput, 'number' | 'exp_month' | 'exp_year'>, secret: string): CardSummary {
  const digits = normaliseCardNumber(card.number);
  if (digits === null) throw new RangeError('card number must be 12–19 digits');
  return {
    brand: cardBrand(digits),
    last4: digits.slice(-4),
    exp_month: card.exp_month,
    exp_year: normaliseExpYear(card.exp_year),
    fingerprint: cardFingerprint(digits, secret),
  };
}
