// Monthly invoices (issue 9, C5). The `billing.invoices` job runs every hour; for each merchant
// it bills the month that ended before now in the merchant's time zone, once: the invoice row is
// unique per merchant and month, and it is written with its lines, its number and the ledger
// transfers that charge it in one transaction. The charge moves the total from the merchant's
// balance (`merchant_pending:<m>:<ccy>`, which may go negative; the payout run carries a debt
// forward) to `plan_revenue:<ccy>`, so it shows on the merchant's statement as a `billing` line.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { asSystem, type Ctx, inScope, inTransaction, merchantScope, now } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { newId, isId } from '../../kernel/ids.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { createTransfers, ensureAccount, type LedgerAccount } from '../payments/ledger.ts';
import { merchantBalanceAccount } from '../payments/settlement/accrual.ts';
import { planAt } from './plans.ts';
import {
  BILLING_CURRENCY,
  BILLING_TIME_ZONES,
  type BillingPeriod,
  invoiceLines,
  invoiceNumber,
  invoiceTotals,
  previousPeriod,
} from './rules.ts';
import { invoiceLines as invoiceLinesTable, invoiceSequences, invoices } from './schema.ts';
import { type BillableMerchant, merchantsToInvoice } from './sources.ts';
import { measureUsage } from './usage.ts';

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLinesTable.$inferSelect;

export function planRevenueAccount(ctx: Ctx, currency: string): Promise<LedgerAccount> {
  return ensureAccount(ctx, { key: `plan_revenue:${currency}`, name: `Plan revenue (${currency})`, currency, kind: 'revenue' });
}

/** The next number of a series, in the caller's transaction: the counter row's lock orders concurrent invoices. */
async function nextNumber(ctx: Ctx, series: string): Promise<string> {
  const [row] = await ctx.db
    .insert(invoiceSequences)
    .values({ series, last: 1 })
    .onConflictDoUpdate({ target: invoiceSequences.series, set: { last: sql`${invoiceSequences.last} + 1` } })
    .returning({ last: invoiceSequences.last });
  if (!row) throw new Error('invoice sequence not advanced');
  return invoiceNumber(series, row.last);
}

class AlreadyInvoiced extends Error {}

/**
 * Bills one merchant for one month, unless it has been: returns the invoice made, or undefined
 * when there already was one (another run, another process).
 */
export async function invoiceMerchant(ctx: Ctx, m: BillableMerchant, period: BillingPeriod): Promise<Invoice | undefined> {
  const [existing] = await ctx.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.merchantId, m.id), eq(invoices.period, period.label)));
  if (existing) return undefined;
  const currency = BILLING_CURRENCY[m.country];
  // The plan in force at the last instant of the month; usage measured before the transaction.
  const plan = await planAt(ctx, m.id, new Date(period.to.getTime() - 1));
  const usage = await measureUsage(ctx, m.id, period);
  const lines = invoiceLines(plan, currency, usage);
  const totals = invoiceTotals(lines, currency);
  try {
    return await inTransaction(ctx, async (tx) => {
      const t = now(tx);
      const id = newId('invoice');
      const number = await nextNumber(tx, period.label.slice(0, 4));
      const charged = [...totals].filter(([, amount]) => amount > 0n);
      const transferIds = charged.map(([ccy]) => `invoice:${id}:${ccy}`);
      const [row] = await tx.db
        .insert(invoices)
        .values({
          id,
          number,
          merchantId: m.id,
          period: period.label,
          periodFrom: period.from,
          periodTo: period.to,
          timeZone: period.time_zone,
          planCode: plan.code,
          planName: plan.name,
          currency,
          status: 'paid',
          totals: Object.fromEntries([...totals].map(([ccy, a]) => [ccy, a.toString()])),
          usage,
          transferIds,
          createdAt: t,
          paidAt: t,
        })
        .onConflictDoNothing()
        .returning();
      // Another process billed this month first: undo the number taken, so none is skipped.
      if (!row) throw new AlreadyInvoiced();
      await tx.db.insert(invoiceLinesTable).values(lines.map((l, i) => ({ invoiceId: id, lineNo: i + 1, ...l })));
      const transfers = [];
      for (const [ccy, amount] of charged) {
        const balance = await merchantBalanceAccount(tx, m.id, ccy);
        const revenue = await planRevenueAccount(tx, ccy);
        transfers.push({
          id: `invoice:${id}:${ccy}`,
          debit_account_id: balance.id,
          credit_account_id: revenue.id,
          amount,
          currency: ccy,
          reference: { type: 'invoice', id },
          metadata: { kind: 'plan_invoice', invoice_number: number, period: period.label, plan: plan.code },
        });
      }
      if (transfers.length) await createTransfers(tx, transfers, { batched: transfers.length > 1 });
      await recordAudit(tx, {
        action: 'invoice.create',
        objectType: 'invoice',
        objectId: id,
        merchantId: m.id,
        data: { number, period: period.label, plan: plan.code, totals: row.totals },
      });
      return row;
    });
  } catch (e) {
    if (e instanceof AlreadyInvoiced) return undefined;
    throw e;
  }
}

/**
 * The job: every merchant's invoice for its month just ended (in its time zone), those not yet
 * made. One merchant's failure does not stop the others; the job fails after them, to be retried.
 */
export async function runInvoicing(ctx: Ctx): Promise<Invoice[]> {
  const sys = asSystem(ctx, 'billing');
  const at = now(sys);
  const made: Invoice[] = [];
  const failures: unknown[] = [];
  const candidates = (await merchantsToInvoice(sys, at)).map((m) => ({ m, period: previousPeriod(at, BILLING_TIME_ZONES[m.country]) }));
  const due = candidates.filter(({ m, period }) => m.createdAt < period.to);
  const done = new Set(
    due.length
      ? (
          await sys.db
            .select({ merchantId: invoices.merchantId, period: invoices.period })
            .from(invoices)
            .where(
              inArray(
                invoices.merchantId,
                due.map((d) => d.m.id),
              ),
            )
        ).map((r) => `${r.merchantId}|${r.period}`)
      : [],
  );
  for (const { m, period } of due) {
    if (done.has(`${m.id}|${period.label}`)) continue;
    try {
      const inv = await invoiceMerchant(sys, m, period);
      if (inv) made.push(inv);
    } catch (err) {
      sys.log.error({ err, merchant_id: m.id, period: period.label }, 'invoice not made');
      failures.push(err);
    }
  }
  if (failures.length) throw new Error(`${failures.length} invoice(s) not made; see the log`);
  return made;
}

export function listInvoices(ctx: Ctx, filter: { merchantId?: string | undefined }, q: ListQuery): Promise<Page<Invoice>> {
  const merchantId = merchantScope(ctx) ?? filter.merchantId;
  return listPage(ctx.db, invoices, invoices.id, merchantId ? eq(invoices.merchantId, merchantId) : undefined, q, 'invoice');
}

/** An invoice with its lines; another merchant's is not found. */
export async function getInvoice(ctx: Ctx, id: string): Promise<{ invoice: Invoice; lines: InvoiceLine[] }> {
  if (!isId('invoice', id)) throw notFound('invoice', id);
  const [invoice] = await ctx.db.select().from(invoices).where(eq(invoices.id, id));
  if (!invoice || !inScope(ctx, invoice.merchantId)) throw notFound('invoice', id);
  const lines = await ctx.db.select().from(invoiceLinesTable).where(eq(invoiceLinesTable.invoiceId, id)).orderBy(invoiceLinesTable.lineNo);
  return { invoice, lines };
}

/** Lines per invoice for a page of invoices, in one query. */
export async function linesOf(ctx: Ctx, ids: string[]): Promise<Map<string, InvoiceLine[]>> {
  const out = new Map<string, InvoiceLine[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await ctx.db
    .select()
    .from(invoiceLinesTable)
    .where(inArray(invoiceLinesTable.invoiceId, ids))
    .orderBy(invoiceLinesTable.invoiceId, invoiceLinesTable.lineNo);
  for (const r of rows) out.get(r.invoiceId)?.push(r);
  return out;
}
