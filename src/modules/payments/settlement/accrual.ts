// What a sale earns the merchant (issue 8 "Settlement"): the goods go to the merchant's balance in
// the currency the shopper paid, and the platform's commission (per line at its category's rate)
// and payment fee are taken from it at once, as three transfers, so the merchant's statement shows
// the sale, the commission and the fee each as the ledger transfer it is. Online sales do this when
// escrow is released (escrow.ts); in-store sales when the till is paid (instore/): the same code.
// Refunds after that give the goods back from the merchant's balance and the commission in
// proportion from revenue; the payment fee is not given back. The balance is converted into the
// merchant's settlement currency on payout day (payouts.ts), at the settlement rate of that day.
import { merchantLivemode, modeKey } from '../../../kernel/livemode.ts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../kernel/context.ts';
import { products } from '../../catalog/schema.ts';
import { orderLines, orders } from '../../orders/schema.ts';
import { ensureAccount, type LedgerAccount, type TransferInput } from '../ledger.ts';
import { refundShare } from '../payment-rules.ts';
import {
  allocateProportionally,
  type CommissionLine,
  type CommissionSchedule,
  merchantShare,
  orderCommission,
  paymentFee,
} from './rules.ts';
import { commissionRates, paymentFees } from './schema.ts';

/** The merchant's balance in one currency: released sales less commission, fees, refunds and payouts. */
export function merchantBalanceAccount(ctx: Ctx, merchantId: string, currency: string): Promise<LedgerAccount> {
  // The key predates settlement (released escrow was "pending settlement"); it is the same account.
  return ensureAccount(ctx, {
    key: `merchant_pending:${merchantId}:${currency}`,
    name: `Pending settlement of ${merchantId} (${currency})`,
    currency,
    kind: 'liability',
    owner: { type: 'merchant', id: merchantId },
  });
}

/** The platform's revenue accounts are per mode: a test twin's sales earn `test:` ones (decisions §23). */
export function commissionRevenueAccount(ctx: Ctx, currency: string, livemode: boolean): Promise<LedgerAccount> {
  return ensureAccount(ctx, {
    key: modeKey(livemode, `commission_revenue:${currency}`),
    name: `Commission revenue (${currency})`,
    currency,
    kind: 'revenue',
  });
}

export function feeRevenueAccount(ctx: Ctx, currency: string, livemode: boolean): Promise<LedgerAccount> {
  return ensureAccount(ctx, {
    key: modeKey(livemode, `payment_fee_revenue:${currency}`),
    name: `Payment fee revenue (${currency})`,
    currency,
    kind: 'revenue',
  });
}

/** The operator's commission schedule: the rows of commission_rates, `*` (or the setting) for any other category. */
export async function commissionSchedule(ctx: Ctx): Promise<CommissionSchedule> {
  const rows = await ctx.db.select().from(commissionRates);
  const byCategory: Record<string, number> = {};
  let otherwise = ctx.rt.config.COMMISSION_DEFAULT_BPS;
  for (const r of rows) {
    if (r.category === '*') otherwise = r.bps;
    else byCategory[r.category] = r.bps;
  }
  return { byCategory, otherwise };
}

export async function feeFor(ctx: Ctx, currency: string): Promise<{ bps: number; fixed: bigint }> {
  const [row] = await ctx.db.select().from(paymentFees).where(eq(paymentFees.currency, currency));
  return row ? { bps: row.bps, fixed: row.fixed } : { bps: ctx.rt.config.PAYMENT_FEE_BPS, fixed: 0n };
}

/**
 * The commission lines of a payment: the lines of the platform order it pays (what the buyer paid
 * for each, with the product's category) when they add up to the goods; otherwise (an order made
 * in the merchant's own shop and paid over the API) one line of the whole goods at the default rate.
 */
export async function commissionLinesOf(ctx: Ctx, paymentIntentId: string, goods: bigint): Promise<CommissionLine[]> {
  const rows = await ctx.db
    .select({ quantity: orderLines.quantity, paid: orderLines.unitPricePaid, category: products.category })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(and(inArray(orders.paymentIntentId, [paymentIntentId])))
    .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
  const lines = rows.map((r) => ({ amount: r.paid * BigInt(r.quantity), category: r.category }));
  return releasedLines(lines, goods);
}

/**
 * The order's lines as released: when refunds from escrow took some goods before the release, what
 * is left is spread over the lines in proportion to their amounts (rules.ts allocateProportionally),
 * so every line keeps its category and its rate. Lines that do not add up to at least the goods
 * (an order made outside the platform) give one line at the default rate.
 */
export function releasedLines(lines: readonly CommissionLine[], goods: bigint): CommissionLine[] {
  const total = lines.reduce((a, l) => a + l.amount, 0n);
  if (!lines.length || total < goods || goods <= 0n) return [{ amount: goods, category: '*' }];
  if (total === goods) return [...lines];
  const shares = allocateProportionally(
    goods,
    lines.map((l) => l.amount),
  );
  return lines.map((l, i) => ({ amount: shares[i] ?? 0n, category: l.category }));
}

export interface Sale {
  merchantId: string;
  /** The currency the shopper paid in: the merchant's balance in it is credited. */
  currency: string;
  /** The goods, minor units: what the merchant is credited before commission and fee. */
  goods: bigint;
  /** What the buyer paid in all (the fee is a percentage of it). */
  charged: bigint;
  lines: readonly CommissionLine[];
  /** Where the goods come from: the merchant's escrow (online) or the shopper's wallet (in store). */
  from: LedgerAccount;
  /** Prefix of the three transfer ids: `<prefix>:goods`, `:commission`, `:fee`. */
  transferId: string;
  reference: { type: string; id: string };
  metadata?: Record<string, unknown>;
}

export interface Accrual {
  transfers: TransferInput[];
  merchant: bigint;
  commission: bigint;
  fee: bigint;
}

/** The transfers of a sale: goods to the merchant's balance, then commission and fee from it to revenue. */
export async function saleTransfers(ctx: Ctx, sale: Sale): Promise<Accrual> {
  // One at a time: in a transaction every query goes through the one connection.
  const schedule = await commissionSchedule(ctx);
  const fee = await feeFor(ctx, sale.currency);
  const split = merchantShare(sale.goods, orderCommission(sale.lines, schedule).total, paymentFee(sale.charged, fee));
  const balance = await merchantBalanceAccount(ctx, sale.merchantId, sale.currency);
  const livemode = await merchantLivemode(ctx, sale.merchantId);
  const commissionAccount = await commissionRevenueAccount(ctx, sale.currency, livemode);
  const feeAccount = await feeRevenueAccount(ctx, sale.currency, livemode);
  const meta = sale.metadata ?? {};
  const t = (suffix: string, debit: LedgerAccount, credit: LedgerAccount, amount: bigint, m: Record<string, unknown> = {}) => ({
    id: `${sale.transferId}:${suffix}`,
    debit_account_id: debit.id,
    credit_account_id: credit.id,
    amount,
    currency: sale.currency,
    reference: sale.reference,
    metadata: { ...meta, ...m },
  });
  const transfers: TransferInput[] = [];
  if (sale.goods > 0n) transfers.push(t('goods', sale.from, balance, sale.goods));
  if (split.commission > 0n) transfers.push(t('commission', balance, commissionAccount, split.commission, { kind: 'commission' }));
  if (split.fee > 0n) transfers.push(t('fee', balance, feeAccount, split.fee, { kind: 'payment_fee', bps: fee.bps }));
  return { transfers, ...split };
}

export interface SaleRefund {
  merchantId: string;
  currency: string;
  /** The sale's goods and commission, and how much of each was given back before. */
  goods: bigint;
  goodsRefunded: bigint;
  commission: bigint;
  commissionRefunded: bigint;
  /** Goods given back now. */
  amount: bigint;
  /** Where the money goes: the shopper's wallet. */
  to: LedgerAccount;
  transferId: string;
  reference: { type: string; id: string };
  metadata?: Record<string, unknown>;
}

/**
 * The transfers of a refund after a sale was credited: the commission's share of the goods
 * refunded (half-up on the running total, so refunds adding up to the goods give back exactly the
 * commission) from revenue to the merchant's balance, then the goods from the balance to the
 * shopper. The balance may go below zero (a refund after a payout); the next payout nets it.
 */
export async function saleRefundTransfers(ctx: Ctx, r: SaleRefund): Promise<{ transfers: TransferInput[]; commission: bigint }> {
  const commission =
    r.commission > 0n
      ? refundShare(
          { charged: r.goods, settlement: r.commission, refunded: r.goodsRefunded, settlementRefunded: r.commissionRefunded },
          r.amount,
        )
      : 0n;
  const balance = await merchantBalanceAccount(ctx, r.merchantId, r.currency);
  const commissionAccount = await commissionRevenueAccount(ctx, r.currency, await merchantLivemode(ctx, r.merchantId));
  const base = { currency: r.currency, reference: r.reference };
  const meta = r.metadata ?? {};
  const transfers: TransferInput[] = [];
  if (commission > 0n)
    transfers.push({
      ...base,
      id: `${r.transferId}:commission`,
      debit_account_id: commissionAccount.id,
      credit_account_id: balance.id,
      amount: commission,
      metadata: { ...meta, kind: 'commission_refund' },
    });
  transfers.push({
    ...base,
    id: `${r.transferId}:goods`,
    debit_account_id: balance.id,
    credit_account_id: r.to.id,
    amount: r.amount,
    metadata: meta,
  });
  return { transfers, commission };
}
