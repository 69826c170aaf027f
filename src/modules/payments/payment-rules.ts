// Pure rules of order payments (PRODUCT.md P3, P6; "FX quotes are locked at payment and kept
// with the payment"): what the shopper is charged and what the merchant is owed at a locked
// quote, how a refund is shared between escrow and the merchant, when escrow is released,
// and the customs payment record's formats. No I/O; payment-rules.test.ts cites each rule.
import { type Currency, convert, type Money, toDecimal } from '../../kernel/money.ts';
import { amountToPay } from '../fx/rules.ts';

/** Days after delivery before escrow is released without the buyer's confirmation (issue 4: default 10). */
export const DEFAULT_ESCROW_RELEASE_DAYS = 10;

/**
 * The charge for an order at a locked quote `rate` (charge currency → settlement currency,
 * the customer rate after the spread):
 * - priced in the settlement currency (AUD/NZD): the merchant is owed exactly the price and
 *   the shopper pays price ÷ rate rounded UP (fx/rules.ts amountToPay);
 * - priced in the charge currency (a fixed CNY price): the shopper pays exactly the price and
 *   the merchant is owed price × rate rounded HALF-UP (fx/rules.ts convertAt's rounding).
 * With one currency on both sides (no conversion) both are the price.
 */
export function chargeFor(
  price: Money,
  chargeCurrency: Currency,
  settlementCurrency: Currency,
  rate: string | null,
): { charge: Money; settlement: Money } {
  if (price.currency === chargeCurrency && price.currency === settlementCurrency) return { charge: price, settlement: price };
  if (rate === null) throw new RangeError('a conversion needs a rate');
  if (price.currency === settlementCurrency) return { charge: amountToPay(price, chargeCurrency, rate), settlement: price };
  if (price.currency === chargeCurrency) return { charge: price, settlement: convert(price, settlementCurrency, rate, 'half-up') };
  throw new RangeError(`a price in ${price.currency} is neither the charge nor the settlement currency`);
}

export interface RefundState {
  /** What was charged (CNY) and what the merchant is owed for it (settlement currency). */
  charged: bigint;
  settlement: bigint;
  /** Refunded so far, in both. */
  refunded: bigint;
  settlementRefunded: bigint;
}

/**
 * The settlement-currency share of a refund of `amount` (charge currency). Refunds reverse
 * exactly what was moved: after refunds totalling R of a charge C, the merchant has given
 * back round-half-up(S × R / C) of the settlement S — computed on the running total, so any
 * sequence of partial refunds that adds up to the whole charge gives back exactly S, each
 * share is ≥ 0, and no fen is lost or invented between the two currencies.
 */
export function refundShare(state: RefundState, amount: bigint): bigint {
  if (amount <= 0n) throw new RangeError('a refund is positive');
  const after = state.refunded + amount;
  if (after > state.charged) throw new RangeError('refunds may not exceed the charge');
  const cumulative = (state.settlement * after * 2n + state.charged) / (state.charged * 2n); // half-up, positive values
  return cumulative - state.settlementRefunded;
}

/** When held escrow is released without the buyer's confirmation: `days` whole days after delivery. */
export function releaseDueAt(deliveredAt: Date, days: number): Date {
  return new Date(deliveredAt.getTime() + days * 86_400_000);
}

/** Customs currency codes (PRODUCT.md, the CEB messages): 142 CNY, 502 USD, 601 AUD, 609 NZD. */
export const CUSTOMS_CURRENCY: Readonly<Record<'CNY' | 'USD' | 'AUD' | 'NZD', string>> = { CNY: '142', USD: '502', AUD: '601', NZD: '609' };

/**
 * A time as the CEB messages write it: yyyyMMddHHmmss in China Standard Time (UTC+8; China
 * has kept no daylight saving time since 1991, so a fixed offset is exact).
 */
export function customsTime(at: Date): string {
  const cst = new Date(at.getTime() + 8 * 3_600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(cst.getUTCFullYear(), 4)}${p(cst.getUTCMonth() + 1)}${p(cst.getUTCDate())}${p(cst.getUTCHours())}${p(cst.getUTCMinutes())}${p(cst.getUTCSeconds())}`;
}

/** An amount as the CEB messages write it: decimal yuan with two places ("1234.50"). */
export function customsAmount(m: Money): string {
  return toDecimal(m);
}
