// What a till prints and counts: the bilingual receipt of an in-store payment (for the shopper,
// who reads Chinese, and the shop, which reads English) and the daily till report of a store's
// business day in its own time zone (rules.ts businessDay).
import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../kernel/context.ts';
import { merchantScope, now } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { isId } from '../../../kernel/ids.ts';
import { type Currency, toDecimal } from '../../../kernel/money.ts';
import { merchantStatuses } from '../../merchants/service.ts';
import { getPaymentForReceipt, type InstorePayment, type InstoreRefund, refundsOf } from './payments.ts';
import { businessDay, localDate, STORE_CURRENCY } from './rules.ts';
import { instorePayments, instoreRefunds, stores, tills } from './schema.ts';
import { getStore, getTill, type Store } from './stores.ts';

type ApiMoney = { amount: string; currency: string };
const m = (amount: bigint, currency: string): ApiMoney => ({ amount: amount.toString(), currency });
const show = (amount: bigint, currency: string) => `${currency} ${toDecimal({ amount, currency: currency as Currency })}`;

// ---------------------------------------------------------------------------
// Receipts
// ---------------------------------------------------------------------------

export interface ReceiptLine {
  key: string;
  zh: string;
  en: string;
  value: string;
}

export interface Receipt {
  object: 'instore_receipt';
  receipt_number: string;
  payment_id: string;
  merchant: { id: string; name: string };
  store: { id: string; name: string; address_line: string; city: string; country: string };
  till: { id: string; name: string };
  reference: string;
  flow: InstorePayment['flow'];
  paid_at: string;
  local_time: string;
  time_zone: string;
  amount: ApiMoney;
  charge: ApiMoney;
  fx_rate: string;
  refunds: { id: string; amount: ApiMoney; charge: ApiMoney; created_at: string }[];
  net: ApiMoney;
  charge_net: ApiMoney;
  lines: ReceiptLine[];
}

/** Wall-clock time in a zone, `YYYY-MM-DD HH:mm`. */
function localTime(at: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  return `${localDate(at, timeZone)} ${f.format(at)}`;
}

export async function paymentReceipt(ctx: Ctx, id: string): Promise<Receipt> {
  const p = await getPaymentForReceipt(ctx, id);
  if (p.chargeAmount === null || p.paidAt === null || p.fxRate === null || p.receiptNumber === null) {
    throw new Error(`paid payment ${p.id} lacks its charge`);
  }
  // The shopper reads the shop's names too: facts of the payment, not the merchant's records.
  const [store] = await ctx.db.select().from(stores).where(eq(stores.id, p.storeId));
  const [till] = await ctx.db.select().from(tills).where(eq(tills.id, p.tillId));
  const [merchant] = await merchantStatuses(ctx, [p.merchantId]);
  if (!store || !till) throw new Error(`payment ${p.id} lost its store or till`);
  const refunds = (await refundsOf(ctx, [p.id])).get(p.id) ?? [];
  const net = p.amount - p.refundedAmount;
  const chargeNet = p.chargeAmount - p.chargeRefunded;
  const lines: ReceiptLine[] = [
    { key: 'merchant', zh: '商户', en: 'Merchant', value: merchant?.name ?? '' },
    { key: 'store', zh: '门店', en: 'Store', value: `${store.name}, ${store.addressLine}, ${store.city}` },
    { key: 'till', zh: '收银台', en: 'Till', value: till.name },
    { key: 'receipt_number', zh: '小票号', en: 'Receipt no.', value: p.receiptNumber },
    { key: 'reference', zh: '参考号', en: 'Reference', value: p.reference },
    { key: 'time', zh: '时间', en: 'Date/time', value: `${localTime(p.paidAt, store.timeZone)} (${store.timeZone})` },
    {
      key: 'method',
      zh: '支付方式',
      en: 'Paid with',
      value: p.flow === 'shopper_code' ? 'Tasman 钱包付款码 / Tasman wallet payment code' : 'Tasman 钱包扫码 / Tasman wallet QR',
    },
    { key: 'amount', zh: '金额', en: 'Amount', value: show(p.amount, p.currency) },
    { key: 'charge', zh: '人民币实付', en: 'Paid in CNY', value: show(p.chargeAmount, p.chargeCurrency) },
    { key: 'fx_rate', zh: '汇率', en: 'Rate', value: `1 CNY = ${p.fxRate} ${p.currency}` },
    ...refunds.map((r) => ({
      key: 'refund',
      zh: '退款',
      en: 'Refund',
      value: `-${show(r.amount, r.currency)} (-${show(r.chargeAmount, p.chargeCurrency)}) ${localTime(r.createdAt, store.timeZone)}`,
    })),
  ];
  if (refunds.length) {
    lines.push({ key: 'net', zh: '净额', en: 'Net', value: `${show(net, p.currency)} (${show(chargeNet, p.chargeCurrency)})` });
  }
  return {
    object: 'instore_receipt',
    receipt_number: p.receiptNumber,
    payment_id: p.id,
    merchant: { id: p.merchantId, name: merchant?.name ?? '' },
    store: { id: store.id, name: store.name, address_line: store.addressLine, city: store.city, country: store.country },
    till: { id: till.id, name: till.name },
    reference: p.reference,
    flow: p.flow,
    paid_at: p.paidAt.toISOString(),
    local_time: localTime(p.paidAt, store.timeZone),
    time_zone: store.timeZone,
    amount: m(p.amount, p.currency),
    charge: m(p.chargeAmount, p.chargeCurrency),
    fx_rate: p.fxRate,
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: m(r.amount, r.currency),
      charge: m(r.chargeAmount, p.chargeCurrency),
      created_at: r.createdAt.toISOString(),
    })),
    net: m(net, p.currency),
    charge_net: m(chargeNet, p.chargeCurrency),
    lines,
  };
}

/** The receipt as plain text for a till's printer: one `中文 English: value` line each. */
export function receiptText(r: Receipt): string {
  const rule = '-'.repeat(40);
  const out = [r.merchant.name, r.store.name, rule];
  for (const l of r.lines) out.push(`${l.zh} ${l.en}: ${l.value}`);
  out.push(rule, '谢谢惠顾 Thank you', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Daily till report
// ---------------------------------------------------------------------------

interface Totals {
  payments: number;
  refunds: number;
  gross: bigint;
  refunded: bigint;
  grossCny: bigint;
  refundedCny: bigint;
  commission: bigint;
  fees: bigint;
}

const emptyTotals = (): Totals => ({
  payments: 0,
  refunds: 0,
  gross: 0n,
  refunded: 0n,
  grossCny: 0n,
  refundedCny: 0n,
  commission: 0n,
  fees: 0n,
});

function totalsOut(t: Totals, currency: string) {
  return {
    payments: t.payments,
    refunds: t.refunds,
    gross: m(t.gross, currency),
    refunded: m(t.refunded, currency),
    net: m(t.gross - t.refunded, currency),
    gross_cny: m(t.grossCny, 'CNY'),
    refunded_cny: m(t.refundedCny, 'CNY'),
    net_cny: m(t.grossCny - t.refundedCny, 'CNY'),
    commission: m(t.commission, 'CNY'),
    fees: m(t.fees, 'CNY'),
    to_merchant_balance: m(t.grossCny - t.refundedCny - t.commission - t.fees, 'CNY'),
  };
}
export type TotalsOut = ReturnType<typeof totalsOut>;

export interface StoreDay {
  store_id: string;
  name: string;
  date: string;
  time_zone: string;
  from: string;
  to: string;
  currency: string;
  totals: TotalsOut;
  tills: ({ till_id: string; name: string } & TotalsOut)[];
}

/** The stores a report covers: a POS key's own store; the merchant's (or one of them); for operators the one named. */
async function reportStores(ctx: Ctx, storeId: string | undefined): Promise<Store[]> {
  const p = ctx.principal;
  if (p.kind === 'api_key' && p.tillId !== undefined) {
    const own = await getStore(ctx, (await getTill(ctx, p.tillId)).storeId);
    if (storeId !== undefined && storeId !== own.id) throw notFound('store', storeId);
    return [own];
  }
  if (storeId !== undefined) return [await getStore(ctx, storeId)];
  const mid = merchantScope(ctx);
  if (mid === undefined) throw new AppError('invalid_request', 'Name the store (store_id)', { param: 'store_id' });
  return ctx.db.select().from(stores).where(eq(stores.merchantId, mid)).orderBy(stores.id);
}

/**
 * Each store's takings on a business day (`date`, by default today where the store is): the
 * payments paid that day, the refunds given that day (whenever the sale was), their CNY, and the
 * platform's commission (less what refunds gave back) and fees; in all and per till.
 */
export async function dailyReport(ctx: Ctx, input: { date?: string | undefined; store_id?: string | undefined }): Promise<StoreDay[]> {
  if (input.store_id !== undefined && !isId('store', input.store_id)) throw notFound('store', input.store_id);
  const list = await reportStores(ctx, input.store_id);
  const out: StoreDay[] = [];
  for (const store of list) {
    const date = input.date ?? localDate(now(ctx), store.timeZone);
    let day: { from: Date; to: Date };
    try {
      day = businessDay(date, store.timeZone);
    } catch {
      throw new AppError('invalid_request', `'${date}' is not a date (YYYY-MM-DD)`, { param: 'date' });
    }
    const paidWhere: SQL[] = [
      eq(instorePayments.storeId, store.id),
      eq(instorePayments.status, 'succeeded'),
      gte(instorePayments.paidAt, day.from),
      lt(instorePayments.paidAt, day.to),
    ];
    const [paid, refunds, storeTills] = await Promise.all([
      ctx.db
        .select()
        .from(instorePayments)
        .where(and(...paidWhere)),
      ctx.db
        .select()
        .from(instoreRefunds)
        .where(and(eq(instoreRefunds.storeId, store.id), gte(instoreRefunds.createdAt, day.from), lt(instoreRefunds.createdAt, day.to))),
      ctx.db.select().from(tills).where(eq(tills.storeId, store.id)).orderBy(tills.id),
    ]);
    out.push(storeDay(store, date, day, paid, refunds, storeTills));
  }
  return out;
}

function storeDay(
  store: Store,
  date: string,
  day: { from: Date; to: Date },
  paid: InstorePayment[],
  refunds: InstoreRefund[],
  storeTills: (typeof tills.$inferSelect)[],
): StoreDay {
  const currency = STORE_CURRENCY[store.country];
  const all = emptyTotals();
  const byTill = new Map<string, Totals>(storeTills.map((t) => [t.id, emptyTotals()]));
  const of = (tillId: string) => {
    const t = byTill.get(tillId) ?? emptyTotals();
    byTill.set(tillId, t);
    return t;
  };
  for (const p of paid) {
    for (const t of [all, of(p.tillId)]) {
      t.payments += 1;
      t.gross += p.amount;
      t.grossCny += p.chargeAmount ?? 0n;
      t.commission += p.commissionAmount;
      t.fees += p.feeAmount;
    }
  }
  for (const r of refunds) {
    for (const t of [all, of(r.tillId)]) {
      t.refunds += 1;
      t.refunded += r.amount;
      t.refundedCny += r.chargeAmount;
      t.commission -= r.commission;
    }
  }
  const names = new Map(storeTills.map((t) => [t.id, t.name]));
  return {
    store_id: store.id,
    name: store.name,
    date,
    time_zone: store.timeZone,
    from: day.from.toISOString(),
    to: day.to.toISOString(),
    currency,
    totals: totalsOut(all, currency),
    tills: [...byTill].map(([id, t]) => ({ till_id: id, name: names.get(id) ?? '', ...totalsOut(t, currency) })),
  };
}
