// In-store payments for visitors (issue 8): the pure rules for the two ways a till and a
// wallet meet. No database, no I/O; the clock is always passed in.
//
// 1. Shopper-presented payment code (付款码, "CPM"): the wallet shows an 18-digit number
//    (and its barcode/QR) that rotates every minute and is good for one payment.
// 2. Merchant-presented QR ("MPM"): the till shows a short signed link to a payment
//    request, which the wallet checks offline before it calls the API.
import { createHmac } from 'node:crypto';
import { timingSafeEqualStrings } from '../../../kernel/crypto.ts';

// ---------------------------------------------------------------------------
// HOTP / TOTP (RFC 4226, RFC 6238), generic so the published vectors can test it
// ---------------------------------------------------------------------------

export type HotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/**
 * RFC 4226 §5.3 HOTP: HMAC over the 8-byte big-endian counter, then "dynamic truncation"
 * (the low nibble of the last byte picks 4 bytes, the top bit is dropped so the value is
 * the same signed or unsigned, 31 bits) reduced mod 10^digits and zero-padded.
 * RFC 6238 §1.2 allows SHA-256/512 in place of SHA-1; the truncation is unchanged.
 * 31 bits hold 9 full decimal digits, hence the 6–9 range (RFC 4226 R4 asks for ≥ 6).
 */
export function hotp(key: Buffer, counter: number, digits: number, algorithm: HotpAlgorithm = 'sha1'): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('hotp: counter must be a non-negative safe integer');
  if (!Number.isInteger(digits) || digits < 6 || digits > 9) throw new RangeError('hotp: digits must be 6 to 9');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2 time counter: T = floor((unix seconds − T0) / X). */
export function totpCounter(at: Date, stepSeconds = 30, t0Seconds = 0): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('totpCounter: invalid date');
  if (!Number.isInteger(stepSeconds) || stepSeconds < 1) throw new RangeError('totpCounter: step must be a positive integer');
  const counter = Math.floor((Math.floor(ms / 1000) - t0Seconds) / stepSeconds);
  if (counter < 0) throw new RangeError('totpCounter: time is before T0');
  return counter;
}

// ---------------------------------------------------------------------------
// Shopper-presented payment code
// ---------------------------------------------------------------------------
//
// Layout, 18 digits:   PP  D  SSSSSSS  MMMMMMMM
//   PP        fixed prefix that tells a till (or an aggregator routing by prefix) "Tasman".
//             28 — the brief's first idea — is exactly Alipay+'s legacy 18-digit pattern
//             /^28\d{16}$/, and Alipay/AlipayCN/AlipayHK use 25–30, WeChat Pay 10–15,
//             UnionPay 62; a till that routes by prefix would send our codes to Alipay.
//             So the default is 38 (unclaimed by those three); it is an option, to be
//             confirmed with whichever acquirer/aggregator first routes Tasman codes.
//   D         minute counter mod 10. Lets the verifier name the exact minute the code was
//             made for (one HMAC, not one per window step) and tell a genuine but stale
//             code ("expired": ask for a refresh) from a wrong one ("invalid").
//   SSSSSSS   the wallet's slot (0 … 9,999,999), a small number the service assigns to a
//             wallet when it turns payment codes on, so the till side finds the wallet by
//             primary key, not by trying every wallet's HMAC. It is shown masked:
//             (slot + pad(counter)) mod 10^7 with pad from an HMAC of the counter, so a
//             merchant or onlooker cannot link one shopper's codes across minutes (Alipay+
//             asks that the user number not expose the user). Same minute ⇒ same pad for
//             everyone, so the mask is a bijection and two wallets never share a code.
//   MMMMMMMM  HOTP (RFC 4226, HMAC-SHA-256, 8 digits) of the minute counter under the
//             wallet's own key, HMAC(secret, label ‖ slot ‖ shopperKey): TOTP (RFC 6238)
//             with X = 60 s, bound to the wallet and to the slot's current holder, so a
//             slot handed to another wallet later does not accept the old holder's codes.
//             A device that must make codes offline can be given just its own key.
//
// Window: the minute the code was made for, plus one step back (RFC 6238 §5.2 allows
// for transmission delay), so a code lives 60–120 s. A phone clock running ahead gives a
// "future" code that is refused as invalid; the app should show codes on server time.
//
// Odds: a guess names one slot and one minute, so it is right with probability ≈ 10^-8
// (dynamic truncation leaves 31 bits, so some 8-digit values are 22/2^31 ≈ 1.02·10^-8
// likely) — 100× stronger than a 6-digit TOTP; the till API must still rate-limit failures.
// A code older than 10 minutes aliases onto a newer minute and fails as invalid.
// Single use is the caller's job: a unique (slot, counter) row when a code is spent.

export const PAYMENT_CODE_PREFIX = '38';
export const PAYMENT_CODE_LENGTH = 18;
export const PAYMENT_CODE_STEP_SECONDS = 60;
/** Steps back from the current minute a code is still accepted for (clock skew, scan delay). */
export const PAYMENT_CODE_SKEW_STEPS = 1;
const SLOT_DIGITS = 7;
const MAC_DIGITS = 8;
/** Number of slots: a slot is 0 ≤ slot < PAYMENT_CODE_SLOTS. */
export const PAYMENT_CODE_SLOTS = 10 ** SLOT_DIGITS;

const WALLET_KEY_LABEL = 'tasman/payment-code/wallet-key/v1\u0000';
const MASK_KEY_LABEL = 'tasman/payment-code/slot-mask/v1';

export type PaymentCodeShopper = { slot: number; shopperKey: string };
export type PaymentCodeOptions = { prefix?: string };
/** The shopperKey currently holding `slot`, or null when the slot is free. */
export type PaymentCodeLookup = (slot: number) => string | null;
export type PaymentCodeVerdict =
  | { ok: true; slot: number; shopperKey: string; counter: number }
  | { ok: false; reason: 'malformed' | 'expired' | 'invalid' };

function prefixOf(options: PaymentCodeOptions | undefined): string {
  const prefix = options?.prefix ?? PAYMENT_CODE_PREFIX;
  if (!/^\d{2}$/.test(prefix)) throw new RangeError('payment code prefix must be two digits');
  return prefix;
}

function assertSlot(slot: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= PAYMENT_CODE_SLOTS) {
    throw new RangeError(`payment code slot must be an integer in [0, ${PAYMENT_CODE_SLOTS})`);
  }
}

/** The minute counter a code made at `at` carries; the single-use row is keyed by (slot, counter). */
export function paymentCodeCounter(at: Date): number {
  return totpCounter(at, PAYMENT_CODE_STEP_SECONDS);
}

// The slot is fixed-width, so label ‖ slot ‖ shopperKey is unambiguous.
function walletKey(secret: Buffer, slot: number, shopperKey: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${WALLET_KEY_LABEL}${String(slot).padStart(SLOT_DIGITS, '0')}${shopperKey}`, 'utf8')
    .digest();
}

function slotPad(secret: Buffer, counter: number): number {
  const maskKey = createHmac('sha256', secret).update(MASK_KEY_LABEL, 'utf8').digest();
  const mac = createHmac('sha256', maskKey).update(String(counter), 'utf8').digest();
  // 48 bits mod 10^7: the bias (< 10^7 / 2^48) is negligible.
  return mac.readUIntBE(0, 6) % PAYMENT_CODE_SLOTS;
}

/** The 18-digit code the wallet shows at `at` (it changes every minute). */
export function paymentCode(secret: Buffer, shopper: PaymentCodeShopper, at: Date, options?: PaymentCodeOptions): string {
  const prefix = prefixOf(options);
  assertSlot(shopper.slot);
  if (shopper.shopperKey.length === 0) throw new RangeError('paymentCode: shopperKey must not be empty');
  const counter = paymentCodeCounter(at);
  const masked = (shopper.slot + slotPad(secret, counter)) % PAYMENT_CODE_SLOTS;
  const mac = hotp(walletKey(secret, shopper.slot, shopper.shopperKey), counter, MAC_DIGITS, 'sha256');
  return `${prefix}${counter % 10}${String(masked).padStart(SLOT_DIGITS, '0')}${mac}`;
}

type DecodedCode = { slot: number; counter: number; stepsBack: number; mac: string };

function decodePaymentCode(secret: Buffer, code: string, at: Date, prefix: string): DecodedCode | null {
  if (code.length !== PAYMENT_CODE_LENGTH || !/^\d+$/.test(code) || !code.startsWith(prefix)) return null;
  const now = paymentCodeCounter(at);
  const digit = Number(code[2]);
  const stepsBack = ((((now % 10) - digit) % 10) + 10) % 10;
  const counter = now - stepsBack;
  if (counter < 0) return null;
  const masked = Number(code.slice(3, 3 + SLOT_DIGITS));
  const slot = (masked - slotPad(secret, counter) + PAYMENT_CODE_SLOTS) % PAYMENT_CODE_SLOTS;
  return { slot, counter, stepsBack, mac: code.slice(3 + SLOT_DIGITS) };
}

/**
 * The slot a code names, for a service that must load the slot's holder (asynchronously)
 * before calling `verifyPaymentCode`. Null when the code is malformed. Proves nothing.
 */
export function paymentCodeSlot(secret: Buffer, code: string, at: Date, options?: PaymentCodeOptions): number | null {
  return decodePaymentCode(secret, code, at, prefixOf(options))?.slot ?? null;
}

/**
 * Checks a scanned code at `at`. Accepts the current minute and PAYMENT_CODE_SKEW_STEPS
 * back; a genuine older code is `expired`; a code for no wallet, another wallet, a future
 * minute or with any digit changed is `invalid`. The work is the same (one lookup, one
 * HMAC, one constant-time compare) whatever is wrong. Does not make the code single-use.
 */
export function verifyPaymentCode(
  secret: Buffer,
  code: string,
  lookup: PaymentCodeLookup,
  at: Date,
  options?: PaymentCodeOptions,
): PaymentCodeVerdict {
  const decoded = decodePaymentCode(secret, code, at, prefixOf(options));
  if (decoded === null) return { ok: false, reason: 'malformed' };
  const holder = lookup(decoded.slot);
  // A free slot still costs an HMAC, so response time does not reveal which slots are in use.
  const expected = hotp(walletKey(secret, decoded.slot, holder ?? ''), decoded.counter, MAC_DIGITS, 'sha256');
  const genuine = timingSafeEqualStrings(decoded.mac, expected) && holder !== null && holder.length > 0;
  if (!genuine) return { ok: false, reason: 'invalid' };
  if (decoded.stepsBack > PAYMENT_CODE_SKEW_STEPS) return { ok: false, reason: 'expired' };
  return { ok: true, slot: decoded.slot, shopperKey: holder, counter: decoded.counter };
}

// ---------------------------------------------------------------------------
// No-confirmation limit
// ---------------------------------------------------------------------------

/** Platform ceiling on the shopper's limit: ¥1,000.00 in fen (Alipay's small no-PIN tier is of that order). */
export const NO_CONFIRMATION_LIMIT_MAX_CNY = 100_000n;

/** A limit a shopper may set: more than zero and at most NO_CONFIRMATION_LIMIT_MAX_CNY fen. */
export function noConfirmationLimitAllowed(limit: bigint): boolean {
  return limit > 0n && limit <= NO_CONFIRMATION_LIMIT_MAX_CNY;
}

/**
 * Whether a code payment of `amountCny` (fen) needs the shopper to confirm in the wallet.
 * The limit is per payment and opt-in: null (the default) means every payment is
 * confirmed, because a code can be photographed over a shoulder and spent within its
 * window. With a limit, payments up to and including it go through unconfirmed.
 */
export function needsConfirmation(amountCny: bigint, limit: bigint | null): boolean {
  if (amountCny <= 0n) throw new RangeError('needsConfirmation: amount must be positive');
  if (limit === null) return true;
  if (limit < 0n) throw new RangeError('needsConfirmation: limit must not be negative');
  return amountCny > limit;
}

// ---------------------------------------------------------------------------
// Merchant-presented QR
// ---------------------------------------------------------------------------
//
// `<base><requestId>?e=<unix expiry>[&a=<minor>&c=<AUD|NZD>]&s=<sig>`, e.g.
// `tasman://pay/pi_01jd…?e=1767225600&a=2599&c=NZD&s=…`. The amount is optional: with it
// the wallet can show what it will pay before going online. sig = the first 16 bytes of
// HMAC-SHA-256 over every field and the base, base64url (22 characters): 128 bits is
// plenty for a tag that lives minutes, and keeps the QR at a low version for quick scans.
// Only the canonical form parses, so a payload has exactly one spelling.

export const QR_DEFAULT_BASE = 'tasman://pay/';
const QR_SIG_BYTES = 16;
const QR_LABEL = 'tasman/instore-qr/v1';

export type QrCurrency = 'AUD' | 'NZD';
export type QrAmount = { minor: bigint; currency: QrCurrency };
export type QrRequest = { requestId: string; expiresAt: Date; amount?: QrAmount | null };
/** `base` is the scheme and host with the path up to the request id, ending in `/`. */
export type QrOptions = { base?: string };
export type QrVerdict =
  | { ok: true; requestId: string; expiresAt: Date; amount: QrAmount | null }
  | { ok: false; reason: 'malformed' | 'expired' | 'bad_signature' };

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

function baseOf(options: QrOptions | undefined): string {
  const base = options?.base ?? QR_DEFAULT_BASE;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s?#&]*\/$/i.test(base)) throw new RangeError('QR base must be scheme://host/path/ ending in /');
  return base;
}

function qrSignature(secret: Buffer, base: string, requestId: string, e: number, amount: QrAmount | null): string {
  const amountPart = amount === null ? '' : `${amount.minor} ${amount.currency}`;
  return createHmac('sha256', secret)
    .update([QR_LABEL, base, requestId, String(e), amountPart].join('\n'), 'utf8')
    .digest()
    .subarray(0, QR_SIG_BYTES)
    .toString('base64url');
}

/** The text to put in the till's QR. `expiresAt` is cut to whole seconds (never later). */
export function qrPayload(secret: Buffer, request: QrRequest, options?: QrOptions): string {
  const base = baseOf(options);
  if (!REQUEST_ID.test(request.requestId)) throw new RangeError('qrPayload: requestId must be 1–64 of [A-Za-z0-9_-]');
  const ms = request.expiresAt.getTime();
  if (!Number.isFinite(ms) || ms < 1000) throw new RangeError('qrPayload: invalid expiry');
  const e = Math.floor(ms / 1000);
  const amount = request.amount ?? null;
  if (amount !== null && (amount.minor <= 0n || amount.minor >= 10n ** 15n || (amount.currency !== 'AUD' && amount.currency !== 'NZD'))) {
    throw new RangeError('qrPayload: amount must be positive AUD or NZD minor units below 10^15');
  }
  const amountQuery = amount === null ? '' : `&a=${amount.minor}&c=${amount.currency}`;
  return `${base}${request.requestId}?e=${e}${amountQuery}&s=${qrSignature(secret, base, request.requestId, e, amount)}`;
}

/**
 * Reads a scanned QR at `now`. The signature is checked before the expiry, so `expired`
 * is only said of a payload Tasman really made; it is expired from `expiresAt` on.
 */
export function parseQrPayload(secret: Buffer, text: string, now: Date, options?: QrOptions): QrVerdict {
  const base = baseOf(options);
  if (!text.startsWith(base)) return { ok: false, reason: 'malformed' };
  const match = /^([A-Za-z0-9_-]{1,64})\?e=([1-9]\d{0,11})(?:&a=([1-9]\d{0,14})&c=(AUD|NZD))?&s=([A-Za-z0-9_-]{22})$/.exec(
    text.slice(base.length),
  );
  if (match === null) return { ok: false, reason: 'malformed' };
  const [, requestId = '', eText = '', minor, currency, sig = ''] = match;
  const e = Number(eText);
  const amount = minor !== undefined && currency !== undefined ? { minor: BigInt(minor), currency: currency as QrCurrency } : null;
  if (!timingSafeEqualStrings(sig, qrSignature(secret, base, requestId, e, amount))) return { ok: false, reason: 'bad_signature' };
  const expiresAt = new Date(e * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, requestId, expiresAt, amount };
}
