// GST on low-value imported goods sold to consumers in Australia and New Zealand (PRODUCT.md
// "Australia — GST on low-value imported goods" and "New Zealand — …"). Pure: the landed-cost
// quote (quote.ts) and the checkout call it; gst-rules.test.ts cites each rule.
//
// Prices are GST-exclusive, in the destination's currency (AUD, NZD), minor units. Rounding:
// freight, insurance and discounts are spread over the lines with money.ts `allocate` (no cent
// lost or invented); each line's GST is rounded once, HALF-UP to the cent (GST_ROUNDING), and the
// order's GST is the sum of its lines' (the ATO's rounding rules allow rounding per line to the
// nearest cent, half a cent up; New Zealand is rounded the same way).
import { type Currency, divideRounded, type Money, money, type RoundingMode } from '../../kernel/money.ts';
import { breakDown, type LineBreakdown, type OrderCharges, type PricedLine, TaxInputError } from './rules.ts';

export const GST_ROUNDING: RoundingMode = 'half-up';

export type GstCountry = 'AU' | 'NZ';
export type GstRegime = 'au_lvg_gst' | 'nz_lvg_gst' | 'border' | 'gst_free';

export interface GstRules {
  currency: Currency;
  rateBps: number;
  /** Highest customs value per item (excluding freight and insurance) still collected at sale. */
  threshold: bigint;
  regime: 'au_lvg_gst' | 'nz_lvg_gst';
  rule: string;
  borderRule: string;
  /** Whether the GST base includes the line's share of shipping and insurance. */
  onShipping: boolean;
}

export const GST_RULES: Readonly<Record<GstCountry, GstRules>> = {
  // ATO "GST on low value imported goods" (from 1 July 2018) and LCR 2018/1: 10 % on goods of
  // customs value ≤ A$1,000 per item sold to consumers, collected at sale by the platform, on the
  // price of the delivered goods including shipping and insurance.
  AU: {
    currency: 'AUD',
    rateBps: 1_000,
    threshold: 100_000n,
    regime: 'au_lvg_gst',
    rule: 'ATO GST on low value imported goods (from 1 July 2018), LCR 2018/1: 10 % on items of customs value ≤ A$1,000, on the price including shipping and insurance',
    borderRule:
      'ATO GST on low value imported goods, LCR 2018/1: items over A$1,000, alcohol and tobacco are taxed at the border, not at sale',
    onShipping: true,
  },
  // Inland Revenue "What low value imported goods are" (from 1 Dec 2019), NZ Customs notice of
  // 12 July 2019: 15 % on goods valued ≤ NZ$1,000 per item (customs value, excluding GST, freight
  // and insurance) sold to consumers in NZ, collected at sale by the marketplace. PRODUCT.md does
  // not say whether shipping is in the base; Inland Revenue's guidance to suppliers is that GST
  // is charged on the whole price the consumer pays, shipping and insurance included, so it is.
  NZ: {
    currency: 'NZD',
    rateBps: 1_500,
    threshold: 100_000n,
    regime: 'nz_lvg_gst',
    rule: 'Inland Revenue low value imported goods (from 1 Dec 2019), NZ Customs notice of 12 July 2019: 15 % on items valued ≤ NZ$1,000, collected at sale',
    borderRule: 'Inland Revenue low value imported goods: items over NZ$1,000, alcohol and tobacco are taxed at the border by NZ Customs',
    onShipping: true,
  },
};

const GST_FREE_RULE = 'A New Tax System (Goods and Services Tax) Act 1999 Div 38: GST-free supplies (e.g. basic food) stay GST-free';

export interface GstLine extends PricedLine {
  /** Customs value of one item (freight and insurance excluded); defaults to the unit price. */
  customsValue?: Money | undefined;
  /** Alcohol and tobacco are outside the low-value regime in both countries. */
  alcoholOrTobacco?: boolean | undefined;
  /** GST-free goods (Australia only, e.g. many basic foods). */
  gstFree?: boolean | undefined;
}

export interface GstOrder extends OrderCharges {
  lines: readonly GstLine[];
}

export interface GstLineAssessment extends LineBreakdown {
  regime: GstRegime;
  rule: string;
  customsValue: Money;
  /** What GST is charged on (zero when none is charged at sale). */
  taxable: Money;
  rateBps: number;
  gst: Money;
}

export interface GstAssessment {
  country: GstCountry;
  currency: Currency;
  lines: GstLineAssessment[];
  goods: Money;
  discount: Money;
  freight: Money;
  insurance: Money;
  gst: Money;
}

/**
 * GST per line: collected at sale (`au_lvg_gst`, `nz_lvg_gst`) when one item's customs value is at
 * most 1,000 (exactly 1,000.00 is still low value, 1,000.01 is not), otherwise `border` (no GST at
 * checkout: the border collects it, with any duty). Alcohol and tobacco always go to the border.
 * The threshold is per item, not per order: ten A$200 items are each low value.
 */
export function assessGstOrder(country: GstCountry, order: GstOrder): GstAssessment {
  const rules = GST_RULES[country];
  const c = rules.currency;
  const parts = breakDown(order.lines, order, c);
  const lines = parts.map((p, i): GstLineAssessment => {
    const line = order.lines[i] as GstLine;
    const customsValue = line.customsValue ?? line.unitPrice;
    if (customsValue.currency !== c || customsValue.amount < 0n) {
      throw new TaxInputError(`items.${i}.customs_value`, `The customs value is a non-negative amount in ${c}`);
    }
    if (line.gstFree && country !== 'AU') {
      throw new TaxInputError(`items.${i}.gst_free`, 'GST-free goods are an Australian category; New Zealand GST applies to all goods');
    }
    const none = (regime: GstRegime, rule: string) => ({
      ...p,
      regime,
      rule,
      customsValue,
      taxable: money(0n, c),
      rateBps: 0,
      gst: money(0n, c),
    });
    if (line.alcoholOrTobacco || customsValue.amount > rules.threshold) return none('border', rules.borderRule);
    if (line.gstFree) return none('gst_free', GST_FREE_RULE);
    const taxable = rules.onShipping ? p.dutiable : p.goods;
    return {
      ...p,
      regime: rules.regime,
      rule: rules.rule,
      customsValue,
      taxable,
      rateBps: rules.rateBps,
      gst: money(divideRounded(taxable.amount * BigInt(rules.rateBps), 10_000n, GST_ROUNDING), c),
    };
  });
  const total = (f: (l: GstLineAssessment) => Money) =>
    money(
      lines.reduce((a, l) => a + f(l).amount, 0n),
      c,
    );
  return {
    country,
    currency: c,
    lines,
    goods: total((l) => l.goods),
    discount: total((l) => l.discount),
    freight: total((l) => l.freight),
    insurance: total((l) => l.insurance),
    gst: total((l) => l.gst),
  };
}
