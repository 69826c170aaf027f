// An order's tax, in one place for the cart, the checkout and the choice of shipping (issue 5):
// China CBEC import tax on goods + freight with the buyer's quota for a shopper in China, the
// AU/NZ low-value-goods GST at sale for a shopper in Australia or New Zealand. The rules are the
// compliance module's; this shapes them as a checkout plan records them.
import type { Ctx } from '../../kernel/context.ts';
import { money } from '../../kernel/money.ts';
import { assertCbecAllowed } from '../compliance/quota.ts';
import { assessCbecOrder, type CbecAssessment, type CbecLine } from '../compliance/rules.ts';
import { HOME_CURRENCY } from '../payments/wallets.ts';
import { gstTax } from './anz.ts';
import type { PlanLine, PlanOrder } from './checkout.ts';

type Amount = { amount: string; currency: string };
const cny = (fen: bigint): Amount => ({ amount: fen.toString(), currency: 'CNY' });
export const amountIn =
  (currency: string) =>
  (minor: bigint): Amount => ({ amount: minor.toString(), currency });

/**
 * An order's tax and totals in the plan: China CBEC tax on goods + freight for a shopper in
 * China (refused over the per-order limit or the buyer's remaining annual quota), else the
 * AU/NZ low-value GST at sale. `annualUsed`: the buyer's quota already used, China only.
 */
export function orderTax(
  ctx: Ctx,
  country: 'CN' | 'AU' | 'NZ',
  lines: readonly PlanLine[],
  freight: bigint,
  annualUsed: bigint,
): Pick<PlanOrder, 'tax' | 'totals'> {
  const goods = lines.reduce((a, l) => a + BigInt(l.unit_price_shown.amount) * BigInt(l.quantity), 0n);
  if (country !== 'CN') {
    const registration = country === 'AU' ? ctx.rt.config.AU_GST_REGISTRATION : ctx.rt.config.NZ_GST_REGISTRATION;
    const tax = gstTax(
      country,
      lines.map((l) => ({
        variantId: l.variant_id,
        unitPrice: BigInt(l.unit_price_shown.amount),
        quantity: l.quantity,
        gstFree: l.gst_free,
        alcoholOrTobacco: l.alcohol_or_tobacco,
      })),
      freight,
      registration,
    );
    const m = amountIn(HOME_CURRENCY[country]);
    const gst = BigInt(tax.tax.amount);
    return { tax, totals: { goods: m(goods), shipping: m(freight), tax: m(gst), total: m(goods + freight + gst) } };
  }
  const tax = assertCbecAllowed(
    assessCbecOrder(
      {
        lines: lines.map((l) => ({
          taxClass: l.tax_class as CbecLine['taxClass'],
          unitPrice: money(BigInt(l.unit_price_shown.amount), 'CNY'),
          quantity: l.quantity,
        })),
        freight: money(freight, 'CNY'),
      },
      { annualUsed: money(annualUsed, 'CNY') },
    ),
  );
  return cbecTaxAndTotals(
    tax,
    lines.map((l) => l.variant_id),
    freight,
  );
}

/** An order's tax and totals in the plan, from its CBEC assessment (lines in the order's line order). */
function cbecTaxAndTotals(tax: CbecAssessment, variantIds: readonly string[], freight: bigint): Pick<PlanOrder, 'tax' | 'totals'> {
  const goods = tax.goods.amount;
  return {
    tax: {
      regime: tax.regime,
      rule: tax.rule,
      dutiable: cny(tax.dutiable.amount),
      tariff: cny(tax.tariff.amount),
      consumption_tax: cny(tax.consumptionTax.amount),
      vat: cny(tax.vat.amount),
      tax: cny(tax.tax.amount),
      lines: tax.lines.map((l, i) => ({
        variant_id: variantIds[i] ?? '',
        dutiable: cny(l.dutiable.amount),
        tax: cny(l.tax.amount),
        effective_rate: l.effectiveRate,
      })),
    },
    totals: { goods: cny(goods), shipping: cny(freight), tax: cny(tax.tax.amount), total: cny(goods + freight + tax.tax.amount) },
  };
}

/**
 * The tax on ONE unit bought on its own, before shipping, as the cart estimates it (goods only,
 * no freight, no quota used): what a product page shows. Throws the rules' AppError when they
 * refuse it as it is (e.g. over the buyer's annual limit).
 */
export function oneUnitTax(
  ctx: Ctx,
  country: 'CN' | 'AU' | 'NZ',
  unit: Pick<PlanLine, 'variant_id' | 'unit_price_shown' | 'tax_class' | 'gst_free' | 'alcohol_or_tobacco'>,
): PlanOrder['tax'] {
  const line: PlanLine = {
    ...unit,
    product_id: '',
    sku: '',
    name: { en: '', 'zh-Hans': '' },
    quantity: 1,
    unit_price: unit.unit_price_shown,
    reservation_id: '',
  };
  return orderTax(ctx, country, [line], 0n, 0n).tax;
}
