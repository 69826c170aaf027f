// Pure rules of order payments (PRODUCT.md P3, P6; "FX quotes are locked at payment and kept
// with the payment"): what the shopper is charged and what the merchant is owed at a locked
// quote, how a refund splits over goods, shipping and tax and how its goods part is shared
// with the merchant, when escrow is released, and the customs payment record's formats. No I/O; payment-rules.test.ts cites each rule.
import { chinaTimestamp } from '../logistics/customs/codes.ts';
import { type Currency, convert, type Money, toDecimal } from '../../kernel/money.ts';
import { amountToPay } from '../fx/rules.ts';

/**
 * What a shopper pays in: CNY for a shopper in China buying from an ANZ merchant (CBEC retail
 * import), AUD or NZD for a shopper in Australia/New Zealand buying from a Chinese seller (the
 * reverse flow of the corridor).
 */
export const CHARGE_CURRENCIES = ['CNY', 'AUD', 'NZD'] as const;
export type ChargeCurrency = (typeof CHARGE_CURRENCIES)[number];

export const isChargeCurrency = (c: unknown): c is ChargeCurrency => (CHARGE_CURRENCIES as readonly unknown[]).includes(c);

/**
 * Whether a charge is a China CBEC retail import payment (PRODUCT.md X3, P6): a CNY charge. Only
 * those name a buyer with a Chinese resident ID, need the payer to be that buyer and give China
 * customs the payment data; an AUD/NZD charge is an Australian/NZ consumer sale.
 */
export const isCbecCharge = (chargeCurrency: string): boolean => chargeCurrency === 'CNY';

/**
 * The corridor (PRODUCT.md: Australia/New Zealand ⇄ mainland China): a CNY charge pays a merchant
 * settling in AUD/NZD (a shopper in China buying from an ANZ brand), an AUD/NZD charge pays a
 * merchant settling in CNY (a shopper in Australia/New Zealand buying from a Chinese seller).
 * A sale within one country (CNY to a CNY seller, AUD/NZD to an ANZ merchant) is not one the
 * platform takes payments for: its tax and customs rules would be wrong.
 */
export function corridorAllows(chargeCurrency: ChargeCurrency, settlementCurrency: string): boolean {
  return isCbecCharge(chargeCurrency) ? settlementCurrency === 'AUD' || settlementCurrency === 'NZD' : settlementCurrency === 'CNY';
}

/**
 * Where the tax part of a charge is owed on release (a liability of the platform until remitted):
 * - CNY: the China CBEC import tax, collected by the platform as the e-commerce platform and paid
 *   to China customs (MOF/GAC/SAT 2018 No.49) → `customs_tax_payable:CNY`;
 * - AUD: Australian GST on low-value imported goods (PRODUCT.md X4; ATO "GST on low value imported
 *   goods", LCR 2018/1: ≤ A$1,000 per item, 10 %), collected at sale by the platform as the
 *   electronic distribution platform and remitted to the ATO → `gst_payable:AUD`;
 * - NZD: NZ GST on low-value imported goods (Inland Revenue: ≤ NZ$1,000 per item, 15 %), collected
 *   at sale by the marketplace and remitted to Inland Revenue → `gst_payable:NZD`.
 */
export function taxPayable(chargeCurrency: ChargeCurrency): { key: string; name: string } {
  switch (chargeCurrency) {
    case 'CNY':
      return { key: 'customs_tax_payable:CNY', name: 'Import tax payable to China customs (CNY)' };
    case 'AUD':
      return { key: 'gst_payable:AUD', name: 'GST payable to the ATO (AUD)' };
    case 'NZD':
      return { key: 'gst_payable:NZD', name: 'GST payable to Inland Revenue (NZD)' };
  }
}

/**
 * Whether a shopper must have verified their real-name identity before topping up or using their
 * wallet. The real-name rule (PRODUCT.md X3: name + resident ID number, payer = buyer) is China's
 * rule for CBEC payments, so it binds shoppers in China (CNY wallets) only; shoppers in Australia
 * and New Zealand top up their AUD/NZD wallet by card with no Chinese identity (they have none).
 */
export const walletNeedsIdentity = (shopperCountry: 'CN' | 'AU' | 'NZ'): boolean => shopperCountry === 'CN';

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
  /**
   * What was charged for the goods (charge currency) and what the merchant is owed for them (settlement
   * currency). Shipping and tax are never the merchant's, so they stay out of both.
   */
  charged: bigint;
  settlement: bigint;
  /** Goods refunded so far, in both. */
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

/**
 * The parts of what a shopper pays for one order, all in the charge currency: the goods, the
 * shipping and the tax (the China CBEC import tax for CNY charges, the Australian/NZ GST for
 * AUD/NZD charges). Shipping and tax are the platform's checkout's (issue: one intent per order),
 * so they are never converted and never the merchant's.
 */
export interface ChargeParts {
  goods: bigint;
  shipping: bigint;
  tax: bigint;
}

export const CHARGE_PARTS = ['goods', 'shipping', 'tax'] as const;
export type ChargePart = (typeof CHARGE_PARTS)[number];

export const partsTotal = (p: ChargeParts): bigint => p.goods + p.shipping + p.tax;

/**
 * The charge of an intent with parts at a locked quote. The goods charge is `parts.goods` when the
 * caller already showed the shopper a price in the charge currency (the checkout's per-line prices,
 * each rounded up at its locked quote: the shopper must pay that sum, not chargeFor(total)), else
 * chargeFor's. The merchant is owed chargeFor's settlement either way: exactly the price when it is
 * in the settlement currency (AUD/NZD for a CNY charge; CNY for an AUD/NZD charge to a Chinese
 * seller), the fixed price converted half-up when it is in the charge currency (then the caller
 * must have fixed the goods at the price itself). Shipping and tax are added on top as they are.
 */
export function chargeWithParts(
  price: Money,
  chargeCurrency: Currency,
  settlementCurrency: Currency,
  rate: string | null,
  parts: { goods: bigint | null; shipping: bigint; tax: bigint },
): { parts: ChargeParts; charge: bigint; settlement: bigint } {
  const r = chargeFor(price, chargeCurrency, settlementCurrency, rate);
  if (parts.goods !== null && price.currency === chargeCurrency && parts.goods !== price.amount) {
    throw new RangeError('a price in the charge currency is charged as it is');
  }
  const fixed = { goods: parts.goods ?? r.charge.amount, shipping: parts.shipping, tax: parts.tax };
  return { parts: fixed, charge: partsTotal(fixed), settlement: r.settlement.amount };
}

/** Half-up n ÷ d for n ≥ 0, d > 0. */
const divHalfUp = (n: bigint, d: bigint): bigint => (n * 2n + d) / (d * 2n);

/**
 * How a refund of `amount` (charge currency) that names no parts splits over what is `left` of
 * each part, so that a refund of everything left takes everything, and a partial one takes each
 * part in proportion. Sequential, goods first because the merchant's share follows the goods:
 *   goods    = round-half-up(left.goods × amount ÷ leftTotal)
 *   tax      = round-half-up(left.tax × rest ÷ (left.tax + left.shipping)), rest = amount − goods
 *   shipping = rest − tax
 * Each part is within [0, left]: with L = leftTotal and R = left.shipping + left.tax,
 * left.goods × amount ÷ L lies in [amount − R, amount] ∩ [0, left.goods] (as amount ≤ L), and
 * rounding half-up keeps a value between two integers between them; so 0 ≤ rest ≤ R, and the same
 * argument puts tax in [rest − left.shipping, rest] ∩ [0, left.tax]. The parts sum to `amount`
 * by construction.
 */
export function splitRefund(left: ChargeParts, amount: bigint): ChargeParts {
  if (left.goods < 0n || left.shipping < 0n || left.tax < 0n) throw new RangeError('what is left of a part is never negative');
  const total = partsTotal(left);
  if (amount <= 0n) throw new RangeError('a refund is positive');
  if (amount > total) throw new RangeError('refunds may not exceed what is left');
  const goods = divHalfUp(left.goods * amount, total);
  const rest = amount - goods;
  const others = left.tax + left.shipping;
  const tax = others === 0n ? 0n : divHalfUp(left.tax * rest, others);
  return { goods, shipping: rest - tax, tax };
}

/** When held escrow is released without the buyer's confirmation: `days` whole days after delivery. */
export function releaseDueAt(deliveredAt: Date, days: number): Date {
  return new Date(deliveredAt.getTime() + days * 86_400_000);
}

/**
 * A time as the CEB messages write it: yyyyMMddHHmmss in China Standard Time. One definition
 * for all customs messages: logistics/customs/codes.ts.
 */
export const customsTime = chinaTimestamp;

/** An amount as the CEB messages write it: decimal yuan with two places ("1234.50"). */
export function customsAmount(m: Money): string {
  return toDecimal(m);
}
