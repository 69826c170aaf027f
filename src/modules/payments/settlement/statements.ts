// Merchant statements from the ledger (issue 8): for one merchant and one period of its bank's
// calendar, each balance account `merchant_pending:<merchant>:<currency>` it has — its balance
// before the period (the sum of every posted transfer on it before `from`), the transfers in the
// period, each classified by its id (accrual.ts, refunds.ts and payouts.ts name them), and the
// closing balance they add up to. A period that reaches the present is checked against the
// account's counters too, so a statement can never show a balance the ledger does not hold.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Ctx, now } from '../../../kernel/context.ts';
import { AppError } from '../../../kernel/errors.ts';
import { merchantCurrency } from '../../catalog/service.ts';
import { getMerchant } from '../../merchants/service.ts';
import { businessDay } from '../instore/rules.ts';
import { paymentIntents, refunds } from '../intent-schema.ts';
import { postedBalance } from '../rules.ts';
import { ledgerAccounts, ledgerTransfers } from '../schema.ts';
import { PAYOUT_TIME_ZONES } from './rules.ts';
import { payouts, settlementConversions } from './schema.ts';
import {
  KIND_SIGN,
  type StatementConversion,
  type StatementData,
  type StatementLine,
  type StatementLineKind,
  type StatementPayout,
  type StatementSection,
} from './statement.ts';

/** The longest period one statement covers: a year and a day (a leap year). */
export const MAX_STATEMENT_DAYS = 366;

export type StatementPeriod = StatementData['period'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The period a statement covers, in the merchant's bank time zone: a calendar month
 * (`2026-03`: 1 March 00:00 to 1 April 00:00 local), or [from, to) between two local dates
 * (`to` is the first day after the period). Pure: the zone's midnights through businessDay.
 */
export function statementPeriod(
  timeZone: string,
  q: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
): StatementPeriod {
  let first: string;
  let after: string;
  if (q.period !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw new AppError('invalid_request', 'Give either a period or from and to, not both', { param: 'period' });
    const m = MONTH.exec(q.period);
    if (!m) throw new AppError('invalid_request', 'A period is a month, YYYY-MM', { param: 'period' });
    const [y, mo] = [Number(m[1]), Number(m[2])];
    first = `${m[1]}-${m[2]}-01`;
    after = mo === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${m[1]}-${String(mo + 1).padStart(2, '0')}-01`;
  } else {
    if (q.from === undefined || q.to === undefined)
      throw new AppError('invalid_request', 'Give a period (YYYY-MM), or from and to (YYYY-MM-DD)', {
        param: q.from === undefined ? 'from' : 'to',
      });
    for (const [param, v] of [
      ['from', q.from],
      ['to', q.to],
    ] as const) {
      const t = Date.parse(`${v}T00:00:00Z`);
      if (!DATE.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
        throw new AppError('invalid_request', 'A date is YYYY-MM-DD', { param });
    }
    first = q.from;
    after = q.to;
    if (after <= first) throw new AppError('invalid_request', '`to` is the first day after the period: later than `from`', { param: 'to' });
    if ((Date.parse(after) - Date.parse(first)) / 86_400_000 > MAX_STATEMENT_DAYS)
      throw new AppError('invalid_request', `A statement covers at most ${MAX_STATEMENT_DAYS} days`, { param: 'to' });
  }
  return { from: businessDay(first, timeZone).from, to: businessDay(after, timeZone).from, time_zone: timeZone };
}

type Transfer = typeof ledgerTransfers.$inferSelect;

// Only posted money moves a balance: single transfers and the posting of a pending one (a pending
// transfer itself is marked `posted` once posted, and must not count twice; verifyLedger alike).
const POSTED: SQL = sql`${ledgerTransfers.kind} in ('single', 'post_pending')`;

const SUFFIX_KINDS: Readonly<Record<string, Readonly<Record<string, StatementLineKind>>>> = {
  release: { goods: 'sale', commission: 'commission', fee: 'fee' },
  instore: { goods: 'sale', commission: 'commission', fee: 'fee' },
  refund: { goods: 'refund', commission: 'commission_refund' },
  instore_refund: { goods: 'refund', commission: 'commission_refund' },
  conversion: { from: 'conversion_out', to: 'conversion_in' },
  payout: { returned: 'payout_returned' },
  // A plan invoice charged in one currency: `invoice:<invoice>:<currency>` (billing/invoicing.ts).
  invoice: { AUD: 'billing', NZD: 'billing', CNY: 'billing' },
};

/**
 * What a transfer is to the merchant, from its id (`release:<pi>:goods`, `payout:<po>`, …) and
 * the side of the account it is on. A transfer whose direction contradicts its name is shown as
 * an adjustment rather than mislabelled.
 */
export function classifyTransfer(id: string, amount: bigint): { kind: StatementLineKind; objectId: string | null } {
  const [prefix = '', objectId = null, suffix, ...rest] = id.split(':');
  let kind: StatementLineKind = 'adjustment';
  if (rest.length === 0 && objectId) {
    if (prefix === 'payout' && suffix === undefined) kind = 'payout';
    else if (suffix !== undefined) kind = SUFFIX_KINDS[prefix]?.[suffix] ?? 'adjustment';
  }
  const sign = KIND_SIGN[kind];
  if (sign !== undefined && amount * sign < 0n) kind = 'adjustment';
  return { kind, objectId: kind === 'adjustment' ? null : objectId };
}

const LABELS: Readonly<Record<StatementLineKind, string>> = {
  sale: 'Sale 销售',
  refund: 'Refund 退款',
  commission: 'Commission 佣金',
  fee: 'Payment fee 支付手续费',
  commission_refund: 'Commission refunded 退还佣金',
  conversion_out: 'Converted 结汇',
  conversion_in: 'Converted 结汇',
  payout: 'Payout 提现',
  payout_returned: 'Payout returned 提现退回',
  billing: 'Plan invoice 套餐账单',
  adjustment: 'Adjustment 调整',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The statement of a merchant for a period: every currency its balance has an account in that
 * was used in the period or held money at its start, and the settlement currency always. The
 * merchant is looked up with the caller's tenant check (another merchant's: not found).
 */
export async function buildStatement(ctx: Ctx, merchantId: string, q: Parameters<typeof statementPeriod>[1]): Promise<StatementData> {
  const merchant = await getMerchant(ctx, merchantId);
  if (merchant.country !== 'AU' && merchant.country !== 'NZ')
    throw new AppError('invalid_request', 'Statements are for merchants paid out in AUD or NZD', { param: 'merchant_id' });
  const country = merchant.country;
  const settlement = merchantCurrency(country) as 'AUD' | 'NZD';
  const period = statementPeriod(PAYOUT_TIME_ZONES[country], q);
  const generatedAt = now(ctx);

  const accounts = (
    await ctx.db
      .select()
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.ownerType, 'merchant'), eq(ledgerAccounts.ownerId, merchantId)))
  )
    .filter((a) => a.key === `merchant_pending:${merchantId}:${a.currency}`)
    .sort((a, b) => (a.currency === settlement ? 1 : 0) - (b.currency === settlement ? 1 : 0) || a.currency.localeCompare(b.currency));

  const raw: { currency: string; opening: bigint; transfers: Transfer[]; accountId: string; posted: bigint }[] = [];
  for (const a of accounts) {
    const onAccount = sql`(${ledgerTransfers.debitAccountId} = ${a.id} or ${ledgerTransfers.creditAccountId} = ${a.id})`;
    const [before] = await ctx.db
      .select({
        sum: sql<string>`coalesce(sum(case when ${ledgerTransfers.creditAccountId} = ${a.id} then ${ledgerTransfers.amount} else -${ledgerTransfers.amount} end), 0)::text`,
      })
      .from(ledgerTransfers)
      .where(and(onAccount, POSTED, sql`${ledgerTransfers.createdAt} < ${period.from.toISOString()}::timestamptz`));
    const transfers = await ctx.db
      .select()
      .from(ledgerTransfers)
      .where(
        and(
          onAccount,
          POSTED,
          sql`${ledgerTransfers.createdAt} >= ${period.from.toISOString()}::timestamptz`,
          sql`${ledgerTransfers.createdAt} < ${period.to.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(asc(ledgerTransfers.seq));
    raw.push({ currency: a.currency, opening: BigInt(before?.sum ?? '0'), transfers, accountId: a.id, posted: postedBalance(a.kind, a) });
  }

  // What the lines name, in one query per table: payments (order reference, description), refunds
  // (reason), conversions (rates), payouts (status, reference).
  const classified = raw.map((r) =>
    r.transfers.map((t) => {
      const amount = t.creditAccountId === r.accountId ? t.amount : -t.amount;
      return { t, amount, ...classifyTransfer(t.id, amount) };
    }),
  );
  const all = classified.flat();
  const ids = (kinds: StatementLineKind[]) => [
    ...new Set(all.filter((c) => kinds.includes(c.kind) && c.objectId).map((c) => c.objectId as string)),
  ];
  const refundIds = all.filter((c) => c.t.id.startsWith('refund:') && c.objectId).map((c) => c.objectId as string);
  const refundRows = refundIds.length
    ? await ctx.db
        .select({ id: refunds.id, reason: refunds.reason, pi: refunds.paymentIntentId })
        .from(refunds)
        .where(inArray(refunds.id, [...new Set(refundIds)]))
    : [];
  const refundById = new Map(refundRows.map((r) => [r.id, r]));
  const intentIds = new Set<string>();
  for (const c of all) {
    if (c.kind !== 'sale' && c.kind !== 'commission' && c.kind !== 'fee' && c.kind !== 'refund' && c.kind !== 'commission_refund') continue;
    if (str(c.t.metadata.order_reference)) continue;
    const pi =
      c.t.referenceType === 'payment_intent' ? c.t.referenceId : (str(c.t.metadata.payment_intent) ?? refundById.get(c.objectId ?? '')?.pi);
    if (pi) intentIds.add(pi);
  }
  const intents = intentIds.size
    ? await ctx.db
        .select({ id: paymentIntents.id, order: paymentIntents.orderReference, description: paymentIntents.description })
        .from(paymentIntents)
        .where(inArray(paymentIntents.id, [...intentIds]))
    : [];
  const intentById = new Map(intents.map((i) => [i.id, i]));
  const conversionIds = ids(['conversion_out', 'conversion_in']);
  const conversions = new Map(
    (conversionIds.length
      ? await ctx.db.select().from(settlementConversions).where(inArray(settlementConversions.id, conversionIds))
      : []
    ).map((c) => [c.id, c]),
  );
  const payoutIds = ids(['payout', 'payout_returned']);
  const payoutRows = payoutIds.length ? await ctx.db.select().from(payouts).where(inArray(payouts.id, payoutIds)) : [];
  const payoutById = new Map(payoutRows.map((p) => [p.id, p]));

  const sections: StatementSection[] = [];
  raw.forEach((r, i) => {
    const lines = (classified[i] ?? []).map(({ t, amount, kind, objectId }): StatementLine => {
      const pi =
        t.referenceType === 'payment_intent' ? t.referenceId : (str(t.metadata.payment_intent) ?? refundById.get(objectId ?? '')?.pi);
      const intent = pi ? intentById.get(pi) : undefined;
      const order = str(t.metadata.order_reference) ?? intent?.order ?? null;
      let description = LABELS[kind];
      let conversion: StatementConversion | null = null;
      let payout: StatementLine['payout'] = null;
      if (kind === 'sale' && intent?.description) description = `${LABELS.sale} · ${intent.description}`;
      if (kind === 'refund') {
        const reason = refundById.get(objectId ?? '')?.reason;
        if (reason) description = `${LABELS.refund} · ${reason.replaceAll('_', ' ')}`;
      }
      if (kind === 'conversion_out' || kind === 'conversion_in') {
        const c = conversions.get(objectId ?? '');
        if (c) {
          // As the balances moved: a positive balance leaves `from` and arrives in `to`.
          conversion = {
            id: c.id,
            from: { amount: -c.fromAmount, currency: c.fromCurrency },
            to: { amount: c.toAmount, currency: c.toCurrency },
            mid: c.mid,
            spread_bps: c.spreadBps,
            rate: c.rate,
          };
          description = `${c.fromCurrency} → ${c.toCurrency} 结汇`;
        }
      }
      if (kind === 'billing') {
        const number = str(t.metadata.invoice_number);
        const period = str(t.metadata.period);
        if (number) description = `${LABELS.billing} · ${number}${period ? ` (${period})` : ''}`;
      }
      if (kind === 'payout' || kind === 'payout_returned') {
        const p = payoutById.get(objectId ?? '');
        if (p) {
          payout = { id: p.id, status: p.status, reference: p.reference };
          description =
            kind === 'payout'
              ? `${LABELS.payout} to ${p.accountMasked} · ${p.reference}`
              : `${LABELS.payout_returned} · ${p.failureReason ?? str(t.metadata.reason) ?? 'returned'}`;
        }
      }
      return { at: t.createdAt, kind, description, order_id: order, transfer_id: t.id, amount, conversion, payout };
    });
    const closing = r.opening + lines.reduce((a, l) => a + l.amount, 0n);
    // A period reaching the present ends on what the account holds now: the counters the ledger
    // keeps with every transfer. A difference means the books and the statement disagree.
    if (period.to > generatedAt && closing !== r.posted)
      throw new Error(`statement of ${merchantId} in ${r.currency}: closing ${closing} ≠ account balance ${r.posted}`);
    if (r.currency === settlement || lines.length > 0 || r.opening !== 0n)
      sections.push({ currency: r.currency, opening_balance: r.opening, lines, closing_balance: closing });
  });
  if (!sections.some((s) => s.currency === settlement))
    sections.push({ currency: settlement, opening_balance: 0n, lines: [], closing_balance: 0n });

  const statementPayouts: StatementPayout[] = payoutRows
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((p) => ({ id: p.id, date: p.createdAt, amount: p.amount, currency: p.currency, reference: p.reference, status: p.status }));

  return {
    merchant: {
      id: merchant.id,
      legal_name: merchant.legalName,
      trading_name: merchant.tradingName,
      business_number: merchant.businessNumber ?? '',
      country,
    },
    period,
    settlement_currency: settlement,
    sections,
    payouts: statementPayouts,
    generated_at: generatedAt,
  };
}
