// China CBEC retail import tax and limits as pure functions (PRODUCT.md "China CBEC retail
// import"; MOF/GAC/SAT announcements 2016 No. 18 and 2018 No. 49). No I/O: the quota service
// (quota.ts) and the landed-cost quote (quote.ts) call these; rules.test.ts cites each rule.
//
// Money is bigint minor units (fen). Every rounding is named here:
// - spreading order-level amounts (freight, insurance, seller discounts) over lines: money.ts
//   `allocate` (largest remainder), so the shares add up to the total exactly;
// - each tax of each line (tariff, consumption tax, VAT) is computed from the exact fraction of
//   its line's dutiable price and rounded ONCE, HALF-UP to the fen (TAX_ROUNDING); no rounded
//   amount feeds another tax (VAT's base uses the exact consumption tax), so a line's tax is
//   within one fen per tax of the exact composite rate, and order totals are sums of line taxes.
import { type CbecTaxClass, CBEC_TAX_CLASSES } from '../catalog/cbec.ts';
import { CBEC_ANNUAL_LIMIT, CBEC_TRANSACTION_LIMIT } from './limits.ts';
import { allocate, CurrencyMismatchError, type Currency, divideRounded, type Money, money, type RoundingMode } from '../../kernel/money.ts';

/** China customs rounds tax amounts to the fen, half up (四舍五入). */
export const TAX_ROUNDING: RoundingMode = 'half-up';

export { CBEC_ANNUAL_LIMIT, CBEC_TRANSACTION_LIMIT };
/** 2016 No. 18 §3: within the limits, import VAT and consumption tax at 70 % of the statutory amount. */
export const CBEC_REDUCTION_BPS = 7_000;

export const RULES = {
  cbec_retail:
    'MOF/GAC/SAT 2016 No. 18 §3 (tariff 0 %, import VAT and consumption tax at 70 %); 2018 No. 49 §1 (RMB 5,000 per transaction, RMB 26,000 per year)',
  general_trade:
    'MOF/GAC/SAT 2018 No. 49 §2 (a single item over RMB 5,000 within the annual limit: tariff, import VAT and consumption tax in full; counts towards the annual total)',
  order_limit: 'MOF/GAC/SAT 2018 No. 49 §1 (RMB 5,000 per transaction)',
  annual_limit: 'MOF/GAC/SAT 2018 No. 49 §1–2 (RMB 26,000 per calendar year)',
} as const;

const BPS = 10_000n;

/** Input a caller got wrong (a negative price, a discount above the goods): `param` names the field. */
export class TaxInputError extends RangeError {
  override readonly name: string = 'TaxInputError';
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

// ---------------------------------------------------------------------------
// China time and the calendar year of the annual limit
// ---------------------------------------------------------------------------

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar year in China at `at`: the year of the annual limit (2018 No. 49 §1). */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
}

/** The instant a China calendar year starts: 1 January 00:00 Beijing time. */
export function chinaYearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);
}

// ---------------------------------------------------------------------------
// Lines, discounts, freight and insurance
// ---------------------------------------------------------------------------

export interface PricedLine {
  unitPrice: Money;
  quantity: number;
  /** A discount on this line borne by the seller (it lowers the dutiable price). */
  discount?: Money | undefined;
}

export interface OrderCharges {
  freight?: Money | undefined;
  insurance?: Money | undefined;
  /** An order-level discount borne by the seller, spread over the lines by their goods value. */
  discount?: Money | undefined;
}

export interface LineBreakdown {
  /** unit price × quantity. */
  gross: Money;
  /** The line's own discount plus its share of the order discount. */
  discount: Money;
  /** gross − discount: the transaction price of the goods. */
  goods: Money;
  freight: Money;
  insurance: Money;
  /** goods + freight + insurance: the dutiable price (完税价格) of the line. */
  dutiable: Money;
}

/**
 * `total` spread over the lines in proportion to `weights` without losing or inventing a minor
 * unit (money.ts allocate, largest remainder). When every weight is zero (free goods) it is
 * spread evenly, because freight on free goods is still freight.
 */
export function spread(total: Money, weights: readonly bigint[]): Money[] {
  if (total.amount === 0n) return weights.map(() => money(0n, total.currency));
  const positive = weights.some((w) => w > 0n);
  return allocate(total, positive ? weights : weights.map(() => 1n));
}

function checkMoney(m: Money | undefined, currency: Currency, param: string): Money {
  if (m === undefined) return money(0n, currency);
  if (m.currency !== currency) throw new CurrencyMismatchError(currency, m.currency);
  if (m.amount < 0n) throw new TaxInputError(param, `${param} may not be negative`);
  return m;
}

/**
 * Per line: goods after seller discounts, the line's share of freight and insurance (by goods
 * value), and the dutiable price. Customs values goods at the transaction price plus freight and
 * insurance, after discounts the seller bears (2016 No. 18 §1: the actual transaction price as 完税价格).
 */
export function breakDown(lines: readonly PricedLine[], charges: OrderCharges, currency: Currency): LineBreakdown[] {
  if (lines.length === 0) throw new TaxInputError('items', 'An order has at least one line');
  const afterLine = lines.map((l, i) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
      throw new TaxInputError(`items.${i}.quantity`, 'quantity is a positive integer');
    const unit = checkMoney(l.unitPrice, currency, `items.${i}.unit_price`);
    const gross = money(unit.amount * BigInt(l.quantity), currency);
    const discount = checkMoney(l.discount, currency, `items.${i}.discount`);
    if (discount.amount > gross.amount) throw new TaxInputError(`items.${i}.discount`, 'A discount may not exceed the line’s price');
    return { gross, discount };
  });
  const orderDiscount = checkMoney(charges.discount, currency, 'discount');
  const net = afterLine.map((l) => l.gross.amount - l.discount.amount);
  if (orderDiscount.amount > net.reduce((a, b) => a + b, 0n)) throw new TaxInputError('discount', 'The discount may not exceed the goods');
  const discountShares = orderDiscount.amount === 0n ? net.map(() => money(0n, currency)) : allocate(orderDiscount, net);
  const goods = net.map((n, i) => n - (discountShares[i]?.amount ?? 0n));
  const freight = spread(checkMoney(charges.freight, currency, 'freight'), goods);
  const insurance = spread(checkMoney(charges.insurance, currency, 'insurance'), goods);
  return afterLine.map((l, i) => {
    const g = goods[i] ?? 0n;
    const f = freight[i]?.amount ?? 0n;
    const ins = insurance[i]?.amount ?? 0n;
    return {
      gross: l.gross,
      discount: money(l.discount.amount + (discountShares[i]?.amount ?? 0n), currency),
      goods: money(g, currency),
      freight: money(f, currency),
      insurance: money(ins, currency),
      dutiable: money(g + f + ins, currency),
    };
  });
}

// ---------------------------------------------------------------------------
// Tax of one line
// ---------------------------------------------------------------------------

export type CbecRegime = 'cbec_retail' | 'general_trade';

export interface TaxRates {
  vat_bps: number;
  consumption_tax_bps: number;
  tariff_bps: number;
}

export interface LineTax {
  tariff: bigint;
  consumptionTax: bigint;
  vat: bigint;
}

/** Which share of the statutory amount is charged, and whether the tariff is. */
function regimeFactors(rates: TaxRates, regime: CbecRegime) {
  const share = regime === 'cbec_retail' ? BigInt(CBEC_REDUCTION_BPS) : BPS;
  const t = regime === 'cbec_retail' ? 0n : BigInt(rates.tariff_bps);
  const c = BigInt(rates.consumption_tax_bps);
  const v = BigInt(rates.vat_bps);
  if (c >= BPS) throw new RangeError('a consumption tax rate is below 100 %');
  return { share, t, c, v };
}

/**
 * The taxes on a dutiable price D (fen), from the statutory formulas:
 * tariff = D × t; consumption tax on the CT-inclusive price = (D + tariff) × c / (1 − c);
 * VAT = (D + tariff + CT) × v = (D + tariff) × v / (1 − c); within the CBEC limits tariff 0 and
 * the other two × 70 % (2016 No. 18 §3), on the general-trade path all three in full (2018
 * No. 49 §2). Each is one fraction of D, rounded once, half-up.
 */
export function lineTax(dutiable: bigint, rates: TaxRates, regime: CbecRegime): LineTax {
  const { share, t, c, v } = regimeFactors(rates, regime);
  // (D + tariff) / (1 − c) × rate × share, with every factor over BPS: one denominator.
  const den = (BPS - c) * BPS * BPS;
  return {
    tariff: divideRounded(dutiable * t, BPS, TAX_ROUNDING),
    consumptionTax: divideRounded(dutiable * (BPS + t) * c * share, den, TAX_ROUNDING),
    vat: divideRounded(dutiable * (BPS + t) * v * share, den, TAX_ROUNDING),
  };
}

/**
 * The exact composite rate (tax ÷ dutiable price) as a fraction: 70 % × (VAT + CT) / (1 − CT)
 * within the limits; tariff + (1 + tariff) × (VAT + CT) / (1 − CT) on the general-trade path.
 */
export function compositeRate(rates: TaxRates, regime: CbecRegime): { numerator: bigint; denominator: bigint } {
  const { share, t, c, v } = regimeFactors(rates, regime);
  const den = (BPS - c) * BPS * BPS;
  return { numerator: t * (BPS - c) * BPS + (BPS + t) * (v + c) * share, denominator: den };
}

/** A fraction as a decimal string with `places` decimals, half-up ("0.0910", "0.2306"). */
export function fractionToDecimal(f: { numerator: bigint; denominator: bigint }, places = 4): string {
  const scaled = divideRounded(f.numerator * 10n ** BigInt(places), f.denominator, 'half-up');
  const s = scaled.toString().padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}

export function taxRatesOf(taxClass: CbecTaxClass): TaxRates {
  const c = CBEC_TAX_CLASSES[taxClass];
  return { vat_bps: c.vat_bps, consumption_tax_bps: c.consumption_tax_bps, tariff_bps: c.tariff_bps };
}

// ---------------------------------------------------------------------------
// An order: limits, regime, taxes
// ---------------------------------------------------------------------------

export interface CbecLine extends PricedLine {
  taxClass: CbecTaxClass;
  /** The item cannot be split into smaller lots (单个不可分割商品, 2016 No. 18 §3; 2018 No. 49 §2: only one item in the order). */
  indivisible?: boolean | undefined;
}

export interface CbecOrder extends OrderCharges {
  lines: readonly CbecLine[];
}

export interface CbecLineAssessment extends LineBreakdown {
  taxClass: CbecTaxClass;
  rates: TaxRates;
  tariff: Money;
  consumptionTax: Money;
  vat: Money;
  tax: Money;
  /** tax ÷ dutiable price, exact, as a decimal with 4 places. */
  effectiveRate: string;
}

export interface CbecAssessment {
  ok: true;
  regime: CbecRegime;
  rule: string;
  lines: CbecLineAssessment[];
  goods: Money;
  discount: Money;
  freight: Money;
  insurance: Money;
  dutiable: Money;
  tariff: Money;
  consumptionTax: Money;
  vat: Money;
  tax: Money;
  /** The annual total after this order (when the caller gave what was used before). */
  annualUsedAfter: Money | undefined;
}

export interface CbecRefusal {
  ok: false;
  code: 'order_limit_exceeded' | 'annual_quota_exceeded';
  rule: string;
  message: string;
  dutiable: Money;
  limit: Money;
  /** What is left of the annual limit (annual_quota_exceeded). */
  remaining: Money | undefined;
}

const yuan = (fen: bigint) => `RMB ${(fen / 100n).toLocaleString('en')}.${(fen % 100n).toString().padStart(2, '0')}`;

/** The single indivisible item of 2018 No. 49 §2: one line, quantity one, flagged indivisible. */
export function isSingleIndivisibleItem(lines: readonly CbecLine[]): boolean {
  return lines.length === 1 && lines[0]?.quantity === 1 && lines[0]?.indivisible === true;
}

/**
 * Assess an order for China CBEC retail import. At most RMB 5,000 of dutiable price: the CBEC
 * rates. Over it: refused (`order_limit_exceeded`), except a single indivisible item, which is
 * taxed in full (`general_trade`). Either way the order must fit in what is left of the buyer's
 * RMB 26,000 for the year (`annual_quota_exceeded`): `annualUsed` is what the buyer has used this
 * China year (zero when unknown, e.g. an anonymous quote). Limits compare dutiable prices:
 * exactly at a limit is allowed, one fen over is not.
 */
export function assessCbecOrder(order: CbecOrder, opts: { annualUsed?: Money | undefined } = {}): CbecAssessment | CbecRefusal {
  const cny = (fen: bigint) => money(fen, 'CNY');
  const parts = breakDown(order.lines, order, 'CNY');
  const dutiable = parts.reduce((a, p) => a + p.dutiable.amount, 0n);
  const used = opts.annualUsed === undefined ? 0n : checkMoney(opts.annualUsed, 'CNY', 'annual_used').amount;

  let regime: CbecRegime = 'cbec_retail';
  if (dutiable > CBEC_TRANSACTION_LIMIT) {
    if (!isSingleIndivisibleItem(order.lines)) {
      return {
        ok: false,
        code: 'order_limit_exceeded',
        rule: RULES.order_limit,
        message: `The order’s dutiable price ${yuan(dutiable)} is over the ${yuan(CBEC_TRANSACTION_LIMIT)} limit per transaction; split it into smaller orders`,
        dutiable: cny(dutiable),
        limit: cny(CBEC_TRANSACTION_LIMIT),
        remaining: undefined,
      };
    }
    regime = 'general_trade';
  }
  if (used + dutiable > CBEC_ANNUAL_LIMIT) {
    const remaining = CBEC_ANNUAL_LIMIT > used ? CBEC_ANNUAL_LIMIT - used : 0n;
    return {
      ok: false,
      code: 'annual_quota_exceeded',
      rule: RULES.annual_limit,
      message: `The order’s dutiable price ${yuan(dutiable)} is more than the ${yuan(remaining)} left of the ${yuan(CBEC_ANNUAL_LIMIT)} annual limit`,
      dutiable: cny(dutiable),
      limit: cny(CBEC_ANNUAL_LIMIT),
      remaining: cny(remaining),
    };
  }

  const lines = parts.map((p, i): CbecLineAssessment => {
    const line = order.lines[i] as CbecLine;
    const rates = taxRatesOf(line.taxClass);
    const t = lineTax(p.dutiable.amount, rates, regime);
    return {
      ...p,
      taxClass: line.taxClass,
      rates,
      tariff: cny(t.tariff),
      consumptionTax: cny(t.consumptionTax),
      vat: cny(t.vat),
      tax: cny(t.tariff + t.consumptionTax + t.vat),
      effectiveRate: fractionToDecimal(compositeRate(rates, regime)),
    };
  });
  const total = (f: (l: CbecLineAssessment) => Money) => cny(lines.reduce((a, l) => a + f(l).amount, 0n));
  return {
    ok: true,
    regime,
    rule: RULES[regime],
    lines,
    goods: total((l) => l.goods),
    discount: total((l) => l.discount),
    freight: total((l) => l.freight),
    insurance: total((l) => l.insurance),
    dutiable: cny(dutiable),
    tariff: total((l) => l.tariff),
    consumptionTax: total((l) => l.consumptionTax),
    vat: total((l) => l.vat),
    tax: total((l) => l.tax),
    annualUsedAfter: opts.annualUsed === undefined ? undefined : cny(used + dutiable),
  };
}

// ---------------------------------------------------------------------------
// Tax class of an HS code
// ---------------------------------------------------------------------------

/**
 * The tax class of the HS headings whose China VAT and consumption-tax treatment does not depend
 * on more than the heading, as the demo corridor and the catalog classify them (corridor.ts).
 * Skin care (3304) is absent on purpose: whether it is high-end cosmetics (15 % consumption tax)
 * depends on its price per ml, g or piece, so the caller must say. So is anything else: a wrong
 * guess would misstate the tax, an explicit `tax_class` cannot.
 */
const TAX_CLASS_BY_HEADING: Readonly<Record<string, CbecTaxClass>> = {
  '0409': 'agricultural', // natural honey (VAT 9 %: agricultural product)
  '0801': 'agricultural', // coconuts, Brazil nuts, cashews, raw
  '0802': 'agricultural', // other nuts, raw (macadamia, almonds)
  '0402': 'general', // milk powder (processed dairy: 13 %)
  '1504': 'general', // fish oils
  '1704': 'general', // sugar confectionery
  '1806': 'general', // chocolate
  '1901': 'general', // infant formula, malt and milk preparations
  '1905': 'general', // biscuits and bakery
  '2008': 'general', // prepared and roasted nuts
  '2106': 'general', // food preparations n.e.s., health supplements
  '2204': 'wine', // wine of fresh grapes
  '2205': 'wine', // vermouth and flavoured wine
  '2206': 'wine', // other fermented beverages (cider, mead)
  '3401': 'general', // soap
  '9619': 'general', // nappies
};

export function taxClassOfHsCode(hsCode: string): CbecTaxClass | undefined {
  return TAX_CLASS_BY_HEADING[hsCode.slice(0, 4)];
}
