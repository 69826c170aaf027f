// Pure rules of in-store payments (issue 8, PRODUCT.md P5) beside codes.ts: what a till may ask
// for, when a request runs out, the CNY share of a refund, a store's business day in its own
// time zone, and receipt numbers. No I/O; rules.test.ts cites each rule.
import { refundShare } from '../payment-rules.ts';
import type { InstorePaymentStatus, StoreCountry } from './schema.ts';

/** A store takes payments in its country's currency. */
export const STORE_CURRENCY: Readonly<Record<StoreCountry, 'AUD' | 'NZD'>> = { AU: 'AUD', NZ: 'NZD' };

/** Largest amount one till payment takes, minor units (50,000.00): a shop counter, not a wire. */
export const MAX_INSTORE_AMOUNT = 5_000_000n;

/** How long a payment request waits for the shopper, seconds: 5 minutes by default, at most 15. */
export const DEFAULT_EXPIRES_IN_S = 300;
export const MIN_EXPIRES_IN_S = 30;
export const MAX_EXPIRES_IN_S = 900;

/** Statuses that still wait for the shopper (to scan and pay, or to confirm a code payment). */
export const OPEN_STATUSES: readonly InstorePaymentStatus[] = ['requires_payment', 'requires_confirmation'];

/**
 * The status as of `now`: an open payment whose `expiresAt` has come is `expired` even before a
 * write says so (the till polling sees it at once; the next write records it).
 */
export function statusAt(status: InstorePaymentStatus, expiresAt: Date, now: Date): InstorePaymentStatus {
  return OPEN_STATUSES.includes(status) && now.getTime() >= expiresAt.getTime() ? 'expired' : status;
}

/**
 * The CNY given back for a refund of `amount` (store currency) of a payment of `paid` for which
 * the shopper was charged `charged` CNY: the charge's share of the refunded total, half-up on the
 * running total (payment-rules.ts refundShare), so refunds adding up to the whole give back
 * exactly the CNY charged, and never more.
 */
export function refundCharge(
  p: { amount: bigint; refundedAmount: bigint; chargeAmount: bigint; chargeRefunded: bigint },
  amount: bigint,
): bigint {
  return refundShare(
    { charged: p.amount, settlement: p.chargeAmount, refunded: p.refundedAmount, settlementRefunded: p.chargeRefunded },
    amount,
  );
}

// ---------------------------------------------------------------------------
// A store's business day
// ---------------------------------------------------------------------------

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function partsIn(at: Date, timeZone: string): Record<string, number> {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dateFormats.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The calendar date (YYYY-MM-DD) at `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Offset of `timeZone` from UTC at the instant `ms`, in ms (+11 h for Melbourne in summer). */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsIn(new Date(ms), timeZone);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant the wall clock of `timeZone` shows 00:00 on `date` (a midnight no zone of AU/NZ skips). */
function localMidnight(date: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (localDateOfUtc(wall) !== date) throw new RangeError(`not a date: ${date}`);
  // Two rounds: the offset at the first guess may differ from the offset at midnight when a
  // daylight-saving change falls between them.
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t);
}

const localDateOfUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A store's business day `date` in its time zone: [from, to), local midnight to local midnight.
 * 23 or 25 hours long on the days daylight saving starts or ends (Melbourne, Auckland).
 */
export function businessDay(date: string, timeZone: string): { from: Date; to: Date } {
  const from = localMidnight(date, timeZone);
  const next = localDateOfUtc(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return { from, to: localMidnight(next, timeZone) };
}

// ---------------------------------------------------------------------------
// Receipts
// ---------------------------------------------------------------------------

/**
 * A receipt number a person can read out: the store's business date and the last 8 characters
 * of the payment id (random bits of its UUIDv7), e.g. `20261126-7K3M9QXZ`. Unique in practice and
 * by a unique index; it never reveals how many sales a store makes.
 */
export function receiptNumber(businessDate: string, paymentId: string): string {
  return `${businessDate.replaceAll('-', '')}-${paymentId.slice(-8).toUpperCase()}`;
}
