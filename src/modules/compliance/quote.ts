// The landed-cost quote for integrators (POST /v1/tax/quote): an order's lines to China,
// Australia or New Zealand with each line's duty, VAT, consumption tax or GST, the regime that
// applied and the rule it applied. The arithmetic is rules.ts (China) and gst-rules.ts (AU, NZ);
// this file turns API input into their input: currencies, HS codes, tax classes, the buyer's
// annual quota.
//
// Currencies: every amount is converted to the destination's currency (CN → CNY, AU → AUD,
// NZ → NZD) at the current FX customer rate, exactly as a payment computes the charge (fx/rules.ts
// amountToPay: price ÷ (destination → price currency customer rate), rounded UP to the minor
// unit), one amount at a time: unit prices per unit, then freight, insurance, discounts and
// customs values. The quote says which rates it used; it is indicative, because the rate is
// locked only when the order is paid. No rate set for a pair: `409 rate_unavailable`.
import type { Ctx } from '../../kernel/context.ts';
import { now } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { type ApiMoney, type Currency, fromApi, type Money, money } from '../../kernel/money.ts';
import { type CbecTaxClass, positiveListLine } from '../catalog/cbec.ts';
import { validateHsCode } from '../catalog/rules.ts';
import { amountToPay, type FxCurrency } from '../fx/rules.ts';
import { customerRateNow } from '../fx/service.ts';
import { getIdentity } from '../identity/verification.ts';
import { assessGstOrder, type GstLine, type GstRegime } from './gst-rules.ts';
import { cbecRefusalError, remainingQuota } from './quota.ts';
import {
  assessCbecOrder,
  type CbecLine,
  type CbecRegime,
  CBEC_ANNUAL_LIMIT,
  CBEC_TRANSACTION_LIMIT,
  TaxInputError,
  taxClassOfHsCode,
} from './rules.ts';

export const DESTINATIONS = ['CN', 'AU', 'NZ'] as const;
export type Destination = (typeof DESTINATIONS)[number];
export const DESTINATION_CURRENCY: Readonly<Record<Destination, FxCurrency>> = { CN: 'CNY', AU: 'AUD', NZ: 'NZD' };

export interface QuoteItemInput {
  reference?: string | undefined;
  hs_code?: string | undefined;
  tax_class?: CbecTaxClass | undefined;
  unit_price: ApiMoney;
  quantity: number;
  discount?: ApiMoney | undefined;
  indivisible?: boolean | undefined;
  customs_value?: ApiMoney | undefined;
  alcohol_or_tobacco?: boolean | undefined;
  gst_free?: boolean | undefined;
}

export interface QuoteInput {
  destination: Destination;
  items: readonly QuoteItemInput[];
  freight?: ApiMoney | undefined;
  insurance?: ApiMoney | undefined;
  discount?: ApiMoney | undefined;
}

export type Regime = CbecRegime | GstRegime;

export interface QuoteLine {
  reference: string | null;
  hsCode: string | null;
  taxClass: CbecTaxClass | null;
  regime: Regime;
  rule: string;
  quantity: number;
  unitPrice: Money;
  customsValue: Money | null;
  goods: Money;
  discount: Money;
  freight: Money;
  insurance: Money;
  dutiable: Money;
  duty: Money;
  consumptionTax: Money;
  vat: Money;
  gst: Money;
  tax: Money;
  rates: { duty_bps: number; consumption_tax_bps: number; vat_bps: number; gst_bps: number };
  /** tax ÷ dutiable price of the regime, 4 decimals (CN: the composite rate). */
  effectiveRate: string;
}

export interface TaxQuote {
  destination: Destination;
  currency: Currency;
  regimes: Regime[];
  rules: string[];
  lines: QuoteLine[];
  totals: Record<
    'goods' | 'discount' | 'freight' | 'insurance' | 'dutiable' | 'duty' | 'consumptionTax' | 'vat' | 'gst' | 'tax' | 'landedCost',
    Money
  >;
  /** China only: the limits, and the calling shopper's annual usage when they are a verified buyer. */
  limits: { perOrder: Money; annual: Money; annualUsed: Money | null; annualRemainingAfter: Money | null } | null;
  fx: { currency: Currency; rate: string }[];
  gstRegistration: string | null;
  quotedAt: Date;
}

/** Converts any amount to the destination currency at the current customer rate, as a payment would. */
async function converter(ctx: Ctx, to: FxCurrency, input: QuoteInput) {
  const seen = new Set<FxCurrency>();
  const note = (m: ApiMoney | undefined) => {
    if (m && m.currency !== to) seen.add(m.currency as FxCurrency);
  };
  for (const i of input.items) [i.unit_price, i.discount, i.customs_value].forEach(note);
  [input.freight, input.insurance, input.discount].forEach(note);
  const rates = new Map<Currency, string>();
  for (const from of seen) {
    const rate = await customerRateNow(ctx, to, from);
    if (rate === null) throw new AppError('rate_unavailable', `No ${to}/${from} rate has been set to convert the ${from} amounts`);
    rates.set(from, rate);
  }
  const convert = (m: ApiMoney | undefined, param: string): Money | undefined => {
    if (m === undefined) return undefined;
    let parsed: Money;
    try {
      parsed = fromApi(m);
    } catch {
      throw new AppError('invalid_amount', `${param} is not an amount of minor units`, { param });
    }
    const rate = rates.get(parsed.currency);
    return rate === undefined ? parsed : amountToPay(parsed, to, rate);
  };
  return { convert, fx: [...rates].map(([currency, rate]) => ({ currency, rate })) };
}

function hsCodeOf(item: QuoteItemInput, i: number): string | null {
  if (item.hs_code === undefined) return null;
  const r = validateHsCode(item.hs_code);
  if (!r.ok) throw new AppError('invalid_hs_code', r.message, { param: `items.${i}.hs_code` });
  return r.value;
}

function taxClassFor(item: QuoteItemInput, hsCode: string | null, i: number): CbecTaxClass {
  if (hsCode !== null && !positiveListLine(hsCode)) {
    throw new AppError(
      'invalid_hs_code',
      `HS code ${hsCode} (tariff line ${hsCode.slice(0, 8)}) is not on the CBEC retail import positive list: it cannot be imported as CBEC retail`,
      { param: `items.${i}.hs_code`, details: { reason: 'not_on_positive_list' } },
    );
  }
  const taxClass = item.tax_class ?? (hsCode ? taxClassOfHsCode(hsCode) : undefined);
  if (!taxClass) {
    throw new AppError(
      'invalid_request',
      hsCode
        ? `The tax class of HS code ${hsCode} depends on more than the code (e.g. high-end cosmetics by price per ml): give tax_class`
        : 'Give the item’s tax_class or hs_code',
      { param: `items.${i}.tax_class` },
    );
  }
  return taxClass;
}

/** Alcohol (HS 2203–2208) and tobacco (chapter 24) stay outside the AU/NZ low-value regime. */
function isAlcoholOrTobacco(item: QuoteItemInput, hsCode: string | null): boolean {
  if (item.alcohol_or_tobacco !== undefined) return item.alcohol_or_tobacco;
  if (item.tax_class === 'wine') return true;
  if (!hsCode) return false;
  const heading = Number(hsCode.slice(0, 4));
  return (heading >= 2203 && heading <= 2208) || hsCode.startsWith('24');
}

const distinct = <T>(xs: T[]) => [...new Set(xs)];

/** The buyer's use of the annual limit, when the caller is a verified shopper; null otherwise. */
async function callerAnnualUsed(ctx: Ctx): Promise<Money | null> {
  if (ctx.principal.kind !== 'shopper') return null;
  const identity = await getIdentity(ctx);
  if (!identity) return null;
  return (await remainingQuota(ctx, identity.idNumberIndex, now(ctx))).used;
}

function asInputError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TaxInputError) throw new AppError('invalid_request', e.message, { param: e.param });
    throw e;
  }
}

export async function quoteLandedCost(ctx: Ctx, input: QuoteInput): Promise<TaxQuote> {
  const currency = DESTINATION_CURRENCY[input.destination];
  const { convert, fx } = await converter(ctx, currency, input);
  const zero = money(0n, currency);
  const charges = {
    freight: convert(input.freight, 'freight'),
    insurance: convert(input.insurance, 'insurance'),
    discount: convert(input.discount, 'discount'),
  };
  const base = input.items.map((item, i) => ({
    item,
    hsCode: hsCodeOf(item, i),
    unitPrice: convert(item.unit_price, `items.${i}.unit_price`) as Money,
    discount: convert(item.discount, `items.${i}.discount`),
  }));

  let lines: QuoteLine[];
  let limits: TaxQuote['limits'] = null;
  if (input.destination === 'CN') {
    const cbecLines: CbecLine[] = base.map((b, i) => ({
      taxClass: taxClassFor(b.item, b.hsCode, i),
      unitPrice: b.unitPrice,
      quantity: b.item.quantity,
      discount: b.discount,
      indivisible: b.item.indivisible,
    }));
    const annualUsed = await callerAnnualUsed(ctx);
    const result = asInputError(() => assessCbecOrder({ lines: cbecLines, ...charges }, { annualUsed: annualUsed ?? undefined }));
    if (!result.ok) throw cbecRefusalError(result);
    limits = {
      perOrder: money(CBEC_TRANSACTION_LIMIT, 'CNY'),
      annual: money(CBEC_ANNUAL_LIMIT, 'CNY'),
      annualUsed,
      annualRemainingAfter: result.annualUsedAfter ? money(CBEC_ANNUAL_LIMIT - result.annualUsedAfter.amount, 'CNY') : null,
    };
    lines = result.lines.map((l, i) => ({
      reference: base[i]?.item.reference ?? null,
      hsCode: base[i]?.hsCode ?? null,
      taxClass: l.taxClass,
      regime: result.regime,
      rule: result.rule,
      quantity: base[i]?.item.quantity ?? 0,
      unitPrice: base[i]?.unitPrice ?? zero,
      customsValue: null,
      goods: l.goods,
      discount: l.discount,
      freight: l.freight,
      insurance: l.insurance,
      dutiable: l.dutiable,
      duty: l.tariff,
      consumptionTax: l.consumptionTax,
      vat: l.vat,
      gst: zero,
      tax: l.tax,
      rates: {
        duty_bps: result.regime === 'general_trade' ? l.rates.tariff_bps : 0,
        consumption_tax_bps: l.rates.consumption_tax_bps,
        vat_bps: l.rates.vat_bps,
        gst_bps: 0,
      },
      effectiveRate: l.effectiveRate,
    }));
  } else {
    const gstLines: GstLine[] = base.map((b, i) => ({
      unitPrice: b.unitPrice,
      quantity: b.item.quantity,
      discount: b.discount,
      customsValue: convert(b.item.customs_value, `items.${i}.customs_value`),
      alcoholOrTobacco: isAlcoholOrTobacco(b.item, b.hsCode),
      gstFree: b.item.gst_free,
    }));
    const result = asInputError(() => assessGstOrder(input.destination as 'AU' | 'NZ', { lines: gstLines, ...charges }));
    lines = result.lines.map((l, i) => ({
      reference: base[i]?.item.reference ?? null,
      hsCode: base[i]?.hsCode ?? null,
      taxClass: base[i]?.item.tax_class ?? null,
      regime: l.regime,
      rule: l.rule,
      quantity: base[i]?.item.quantity ?? 0,
      unitPrice: base[i]?.unitPrice ?? zero,
      customsValue: l.customsValue,
      goods: l.goods,
      discount: l.discount,
      freight: l.freight,
      insurance: l.insurance,
      dutiable: l.dutiable,
      duty: zero,
      consumptionTax: zero,
      vat: zero,
      gst: l.gst,
      tax: l.gst,
      rates: { duty_bps: 0, consumption_tax_bps: 0, vat_bps: 0, gst_bps: l.rateBps },
      effectiveRate: (l.rateBps / 10_000).toFixed(4),
    }));
  }

  const total = (f: (l: QuoteLine) => Money) =>
    money(
      lines.reduce((a, l) => a + f(l).amount, 0n),
      currency,
    );
  const totals = {
    goods: total((l) => l.goods),
    discount: total((l) => l.discount),
    freight: total((l) => l.freight),
    insurance: total((l) => l.insurance),
    dutiable: total((l) => l.dutiable),
    duty: total((l) => l.duty),
    consumptionTax: total((l) => l.consumptionTax),
    vat: total((l) => l.vat),
    gst: total((l) => l.gst),
    tax: total((l) => l.tax),
    landedCost: total((l) => ({ amount: l.dutiable.amount + l.tax.amount, currency })),
  };
  const registration =
    input.destination === 'AU' ? ctx.rt.config.AU_GST_REGISTRATION : input.destination === 'NZ' ? ctx.rt.config.NZ_GST_REGISTRATION : null;
  return {
    destination: input.destination,
    currency,
    regimes: distinct(lines.map((l) => l.regime)),
    rules: distinct(lines.map((l) => l.rule)),
    lines,
    totals,
    limits,
    fx,
    gstRegistration: registration,
    quotedAt: now(ctx),
  };
}
