// Payouts (issue 8 "Settlement", PRODUCT.md P4): on payout day a merchant's balances in other
// currencies (the CNY of released sales) are converted into their settlement currency at the
// settlement FX rate of that day, and what they are owed is paid in a batch a finance operator
// uploads to the bank as a file (ABA for AUD, the bulk-payment CSV for NZD). Every step is a
// ledger transfer:
//   conversion:<cnv>:from   merchant_pending:<m>:CNY → fx_position:CNY   (the CNY balance)
//   conversion:<cnv>:to     fx_position:AUD → merchant_pending:<m>:AUD   (its worth at the rate)
//   payout:<po>             merchant_pending:<m>:AUD → payouts_in_transit:AUD
//   payout:<po>:paid        payouts_in_transit:AUD → bank:AUD             (the bank confirmed it)
//   payout:<po>:returned    payouts_in_transit:AUD → merchant_pending:<m>:AUD (the bank returned it)
// A negative balance (refunds after a payout) is converted the other way and carried forward.
import { isLiveMerchant } from '../../merchants/test-twin.ts';
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit.ts';
import { actorId, type Ctx, inTransaction, merchantScope, now } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { emitEvent } from '../../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../../kernel/http/pagination.ts';
import { isId, newId } from '../../../kernel/ids.ts';
import { merchantCurrency } from '../../catalog/service.ts';
import { convertAt, customerRate, type FxCurrency } from '../../fx/rules.ts';
import { currentRate } from '../../fx/service.ts';
import { merchants } from '../../merchants/schema.ts';
import { payoutAccountOf } from '../../merchants/service.ts';
import { createTransfers, ensureAccount, type LedgerAccount, type TransferInput } from '../ledger.ts';
import { postedBalance } from '../rules.ts';
import { ledgerAccounts, ledgerTransfers } from '../schema.ts';
import { buildAbaFile } from './aba.ts';
import { merchantBalanceAccount } from './accrual.ts';
import { buildNzBulkCsv } from './nz-bulk.ts';
import { approvalOutcome, batchTransition, isPayoutDay, nextPayoutDate, PAYOUT_TIME_ZONES, payoutDecision } from './rules.ts';
import { type BankFileFormat, payoutBatches, payoutHolds, payouts, settlementConversions } from './schema.ts';

export type PayoutBatch = typeof payoutBatches.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
export type Conversion = typeof settlementConversions.$inferSelect;

/** The currencies payouts are made in, each with its bank file and the time zone of its bank days. */
export const PAYOUT_CURRENCIES = {
  AUD: { country: 'AU', format: 'aba', timeZone: PAYOUT_TIME_ZONES.AU },
  NZD: { country: 'NZ', format: 'nz_bulk', timeZone: PAYOUT_TIME_ZONES.NZ },
} as const satisfies Record<string, { country: 'AU' | 'NZ'; format: BankFileFormat; timeZone: string }>;
export type PayoutCurrency = keyof typeof PAYOUT_CURRENCIES;
export const isPayoutCurrency = (c: string): c is PayoutCurrency => c in PAYOUT_CURRENCIES;

export const SCHEDULE_PREPARER = 'system:schedule';

function fxPosition(ctx: Ctx, currency: string): Promise<LedgerAccount> {
  return ensureAccount(ctx, { key: `fx_position:${currency}`, name: `FX position ${currency}`, currency, kind: 'asset' });
}

function inTransit(ctx: Ctx, currency: string): Promise<LedgerAccount> {
  return ensureAccount(ctx, {
    key: `payouts_in_transit:${currency}`,
    name: `Payouts sent to the bank, not yet confirmed (${currency})`,
    currency,
    kind: 'liability',
  });
}

function bankAccount(ctx: Ctx, currency: string): Promise<LedgerAccount> {
  return ensureAccount(ctx, { key: `bank:${currency}`, name: `The platform’s bank account (${currency})`, currency, kind: 'asset' });
}

const actorOf = (ctx: Ctx) => `${ctx.principal.kind}:${actorId(ctx.principal) ?? 'system'}`;

// ---------------------------------------------------------------------------
// Balances and conversion
// ---------------------------------------------------------------------------

export interface MerchantBalance {
  currency: string;
  /** Posted: what the merchant is owed in this currency now (negative: owes). */
  amount: bigint;
}

/** A merchant's balances: one per currency their sales, conversions or payouts have used. */
export async function merchantBalances(ctx: Ctx, merchantId: string): Promise<MerchantBalance[]> {
  const rows = await ctx.db
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ownerType, 'merchant'), eq(ledgerAccounts.ownerId, merchantId)))
    .orderBy(asc(ledgerAccounts.currency));
  return rows
    .filter((a) => a.key === `merchant_pending:${merchantId}:${a.currency}`)
    .map((a) => ({ currency: a.currency, amount: postedBalance(a.kind, a) }));
}

/** The settlement rate from → to today: the mid rate in force less its spread (fx/rules.ts customerRate). */
export async function settlementRate(ctx: Ctx, from: string, to: string) {
  const r = await currentRate(ctx, from as FxCurrency, to as FxCurrency);
  return { mid: r.mid, spreadBps: r.rate.spreadBps, rate: customerRate(r.mid, r.rate.spreadBps), fxRateId: r.rate.id };
}

/**
 * Convert a merchant's balance in `from` into `to` at the settlement rate, in the caller's
 * transaction; nothing when the balance is zero. A negative balance is converted too (the same
 * rate, the other way), so what the merchant owes is netted in the currency they are paid in.
 * Rounding: half-up to the minor unit of `to`, once (fx/rules.ts convertAt).
 */
export async function convertBalance(
  tx: Ctx,
  merchantId: string,
  from: string,
  to: string,
  batchId: string | null,
): Promise<Conversion | null> {
  const source = await merchantBalanceAccount(tx, merchantId, from);
  const [locked] = await tx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, source.id)).for('update');
  const balance = locked ? postedBalance(locked.kind, locked) : 0n;
  if (balance === 0n) return null;
  const r = await settlementRate(tx, from, to);
  const magnitude = balance < 0n ? -balance : balance;
  const converted = convertAt({ amount: magnitude, currency: from as FxCurrency }, to as FxCurrency, r.rate).amount;
  const id = newId('conversion');
  const target = await merchantBalanceAccount(tx, merchantId, to);
  const posFrom = await fxPosition(tx, from);
  const posTo = await fxPosition(tx, to);
  const ref = { type: 'settlement_conversion', id };
  const meta = { mid: r.mid, spread_bps: r.spreadBps, rate: r.rate, fx_rate_id: r.fxRateId };
  const move = (suffix: string, debit: LedgerAccount, credit: LedgerAccount, amount: bigint, currency: string): TransferInput => ({
    id: `conversion:${id}:${suffix}`,
    debit_account_id: debit.id,
    credit_account_id: credit.id,
    amount,
    currency,
    reference: ref,
    metadata: meta,
  });
  const transfers =
    balance > 0n
      ? [move('from', source, posFrom, magnitude, from), ...(converted > 0n ? [move('to', posTo, target, converted, to)] : [])]
      : [move('from', posFrom, source, magnitude, from), ...(converted > 0n ? [move('to', target, posTo, converted, to)] : [])];
  await createTransfers(tx, transfers, { batched: transfers.length > 1 });
  const sign = balance < 0n ? -1n : 1n;
  const [row] = await tx.db
    .insert(settlementConversions)
    .values({
      id,
      merchantId,
      batchId,
      fromCurrency: from,
      fromAmount: balance,
      toCurrency: to,
      toAmount: sign * converted,
      mid: r.mid,
      spreadBps: r.spreadBps,
      rate: r.rate,
      fxRateId: r.fxRateId,
      createdAt: now(tx),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

// ---------------------------------------------------------------------------
// Holds
// ---------------------------------------------------------------------------

export async function holdPayouts(ctx: Ctx, merchantId: string, reason: string) {
  const [m] = await ctx.db.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId));
  if (!m) throw notFound('merchant', merchantId);
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .insert(payoutHolds)
      .values({ merchantId, reason, createdBy: actorOf(tx), createdAt: now(tx) })
      .onConflictDoUpdate({ target: payoutHolds.merchantId, set: { reason } });
    await recordAudit(tx, { action: 'payouts.held', objectType: 'merchant', objectId: merchantId, merchantId, data: { reason } });
    const [row] = await tx.db.select().from(payoutHolds).where(eq(payoutHolds.merchantId, merchantId));
    return row as typeof payoutHolds.$inferSelect;
  });
}

export async function releasePayoutHold(ctx: Ctx, merchantId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const gone = await tx.db.delete(payoutHolds).where(eq(payoutHolds.merchantId, merchantId)).returning();
    if (!gone.length) throw notFound('payout hold', merchantId);
    await recordAudit(tx, { action: 'payouts.hold_released', objectType: 'merchant', objectId: merchantId, merchantId, data: {} });
  });
}

export async function payoutHoldOf(ctx: Ctx, merchantId: string) {
  const [row] = await ctx.db.select().from(payoutHolds).where(eq(payoutHolds.merchantId, merchantId));
  return row ?? null;
}

// ---------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------

export interface SkippedMerchant {
  merchant_id: string;
  reason: 'on_hold' | 'nothing_due' | 'negative_balance' | 'below_minimum' | 'no_payout_account';
  balance: bigint;
}

export interface PreparedBatch {
  batch: PayoutBatch | null;
  conversions: Conversion[];
  skipped: SkippedMerchant[];
}

/**
 * Prepare the payout batch of one currency: for every merchant paid in it, convert their other
 * balances, decide (rules.ts payoutDecision: held, negative carried forward, under the minimum),
 * and move what is paid to payouts in transit. All in one transaction; a draft until approved.
 * With nothing to pay, no batch is made (the conversions still happen).
 */
export async function preparePayoutBatch(ctx: Ctx, currency: string, preparedBy = actorOf(ctx)): Promise<PreparedBatch> {
  if (!isPayoutCurrency(currency)) {
    throw new AppError('invalid_request', 'Payout batches are made in AUD (ABA file) or NZD (bulk-payment file)', { param: 'currency' });
  }
  const spec = PAYOUT_CURRENCIES[currency];
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const payoutDate = nextPayoutDate(t, { weekday: tx.rt.config.PAYOUT_WEEKDAY, timeZone: spec.timeZone });
    const batchId = newId('payoutBatch');
    const paid = await tx.db
      .select()
      .from(merchants)
      // Test twins' balances are test money: never in a batch (decisions §23).
      .where(and(eq(merchants.country, spec.country), inArray(merchants.status, ['approved', 'suspended']), isLiveMerchant()))
      .orderBy(asc(merchants.id));
    const holds = new Set((await tx.db.select({ id: payoutHolds.merchantId }).from(payoutHolds)).map((h) => h.id));
    const conversions: Conversion[] = [];
    const skipped: SkippedMerchant[] = [];
    const items: (typeof payouts.$inferInsert)[] = [];
    const transit = await inTransit(tx, currency);
    const transfers: TransferInput[] = [];
    for (const m of paid) {
      if (merchantCurrency(m.country) !== currency) continue;
      for (const b of await merchantBalances(tx, m.id)) {
        if (b.currency === currency || b.amount === 0n) continue;
        const c = await convertBalance(tx, m.id, b.currency, currency, batchId);
        if (c) conversions.push(c);
      }
      const account = await merchantBalanceAccount(tx, m.id, currency);
      const [fresh] = await tx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, account.id)).for('update');
      const balance = fresh ? postedBalance(fresh.kind, fresh) : 0n;
      const decision = payoutDecision({
        balance,
        minimum: BigInt(tx.rt.config.PAYOUT_MINIMUM),
        onHold: holds.has(m.id) || m.status === 'suspended',
      });
      if (!decision.pay) {
        skipped.push({ merchant_id: m.id, reason: decision.reason, balance });
        continue;
      }
      if (!m.payoutAccount) {
        skipped.push({ merchant_id: m.id, reason: 'no_payout_account', balance });
        continue;
      }
      const id = newId('payout');
      items.push({
        id,
        batchId,
        merchantId: m.id,
        amount: decision.amount,
        currency,
        status: 'pending',
        accountMasked: m.payoutAccount.masked,
        reference: `TASMAN ${payoutDate.replaceAll('-', '')}`,
        createdAt: t,
        updatedAt: t,
      });
      transfers.push({
        id: `payout:${id}`,
        debit_account_id: account.id,
        credit_account_id: transit.id,
        amount: decision.amount,
        currency,
        reference: { type: 'payout', id },
        metadata: { batch_id: batchId },
      });
    }
    if (!items.length) return { batch: null, conversions, skipped };
    const total = items.reduce((a, i) => a + (i.amount as bigint), 0n);
    const [batch] = await tx.db
      .insert(payoutBatches)
      .values({
        id: batchId,
        currency,
        format: spec.format,
        payoutDate,
        status: 'draft',
        preparedBy,
        total,
        itemCount: items.length,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    await tx.db.insert(payouts).values(items);
    await createTransfers(tx, transfers, { batched: transfers.length > 1 });
    await recordAudit(tx, {
      action: 'payout_batch.prepared',
      objectType: 'payout_batch',
      objectId: batchId,
      data: { currency, total: total.toString(), items: items.length, skipped: skipped.length },
    });
    return { batch: batch as PayoutBatch, conversions, skipped };
  });
}

/** The weekly run (a job every hour): on the payout day in the bank's time zone, prepare each currency's batch once. */
export async function runPayoutSchedule(ctx: Ctx): Promise<PayoutBatch[]> {
  const made: PayoutBatch[] = [];
  for (const currency of Object.keys(PAYOUT_CURRENCIES) as PayoutCurrency[]) {
    const spec = PAYOUT_CURRENCIES[currency];
    const schedule = { weekday: ctx.rt.config.PAYOUT_WEEKDAY, timeZone: spec.timeZone };
    const t = now(ctx);
    if (!isPayoutDay(t, schedule)) continue;
    const date = nextPayoutDate(t, schedule);
    const [done] = await ctx.db
      .select({ id: payoutBatches.id })
      .from(payoutBatches)
      .where(
        and(eq(payoutBatches.currency, currency), eq(payoutBatches.payoutDate, date), eq(payoutBatches.preparedBy, SCHEDULE_PREPARER)),
      );
    if (done) continue;
    try {
      const { batch } = await preparePayoutBatch(ctx, currency, SCHEDULE_PREPARER);
      if (batch) made.push(batch);
    } catch (e) {
      // Another process prepared it meanwhile (the unique index on scheduled batches): nothing to do.
      if (!(e instanceof Error && /payout_batches_scheduled_idx|duplicate key/.test(`${e.message} ${String(e.cause ?? '')}`))) throw e;
    }
  }
  return made;
}

async function lockBatch(tx: Ctx, id: string): Promise<PayoutBatch> {
  const [row] = await tx.db.select().from(payoutBatches).where(eq(payoutBatches.id, id)).for('update');
  if (!row) throw notFound('payout batch', id);
  return row;
}

export async function getPayoutBatch(ctx: Ctx, id: string): Promise<PayoutBatch> {
  if (!isId('payoutBatch', id)) throw notFound('payout batch', id);
  const [row] = await ctx.db.select().from(payoutBatches).where(eq(payoutBatches.id, id));
  if (!row) throw notFound('payout batch', id);
  return row;
}

export function listPayoutBatches(ctx: Ctx, filter: { status?: string | undefined }, q: ListQuery): Promise<Page<PayoutBatch>> {
  return listPage(
    ctx.db,
    payoutBatches,
    payoutBatches.id,
    filter.status ? eq(payoutBatches.status, filter.status as PayoutBatch['status']) : undefined,
    q,
    'payoutBatch',
  );
}

export function batchItems(ctx: Ctx, batchId: string): Promise<Payout[]> {
  return ctx.db.select().from(payouts).where(eq(payouts.batchId, batchId)).orderBy(asc(payouts.id));
}

function refused(r: { reason: string; message: string }, batch: PayoutBatch): AppError {
  if (r.reason === 'same_operator') return new AppError('same_operator', r.message, { details: { prepared_by: batch.preparedBy } });
  return new AppError('invalid_state', r.message, { details: { status: batch.status } });
}

/** A finance operator approves a draft; it is approved once two different people have signed it off. */
export async function approvePayoutBatch(ctx: Ctx, id: string): Promise<PayoutBatch> {
  await getPayoutBatch(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const batch = await lockBatch(tx, id);
    const actor = actorOf(tx);
    const state = batchTransition(batch.status, 'approve', { id: actor }, { preparedBy: batch.preparedBy });
    if (!state.ok && state.reason === 'invalid_state') throw refused(state, batch);
    const outcome = approvalOutcome(batch.preparedBy, batch.approvals, actor);
    if (!outcome.ok) throw refused(outcome, batch);
    const t = now(tx);
    const [row] = await tx.db
      .update(payoutBatches)
      .set({
        approvals: outcome.approvals,
        ...(outcome.approved ? { status: 'approved' as const, approvedAt: t } : {}),
        updatedAt: t,
      })
      .where(eq(payoutBatches.id, id))
      .returning();
    await recordAudit(tx, {
      action: outcome.approved ? 'payout_batch.approved' : 'payout_batch.signed_off',
      objectType: 'payout_batch',
      objectId: id,
      data: { approvals: outcome.approvals },
    });
    return row as PayoutBatch;
  });
}

/** Cancel a draft: every payout's money goes back to its merchant's balance. */
export async function cancelPayoutBatch(ctx: Ctx, id: string): Promise<PayoutBatch> {
  await getPayoutBatch(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const batch = await lockBatch(tx, id);
    if (batch.status !== 'draft')
      throw new AppError('invalid_state', `A ${batch.status} payout batch cannot be cancelled; only a draft can`, {
        details: { status: batch.status },
      });
    const items = await batchItems(tx, id);
    const transit = await inTransit(tx, batch.currency);
    const transfers: TransferInput[] = [];
    for (const i of items) {
      const back = await merchantBalanceAccount(tx, i.merchantId, i.currency);
      transfers.push({
        id: `payout:${i.id}:returned`,
        debit_account_id: transit.id,
        credit_account_id: back.id,
        amount: i.amount,
        currency: i.currency,
        reference: { type: 'payout', id: i.id },
        metadata: { batch_id: id, reason: 'batch_cancelled' },
      });
    }
    if (transfers.length) await createTransfers(tx, transfers, { batched: transfers.length > 1 });
    const t = now(tx);
    await tx.db.update(payouts).set({ status: 'failed', failureReason: 'batch_cancelled', updatedAt: t }).where(eq(payouts.batchId, id));
    const [row] = await tx.db
      .update(payoutBatches)
      .set({ status: 'failed', closedAt: t, updatedAt: t })
      .where(eq(payoutBatches.id, id))
      .returning();
    await recordAudit(tx, { action: 'payout_batch.cancelled', objectType: 'payout_batch', objectId: id, data: {} });
    return row as PayoutBatch;
  });
}

/** The bank file of an approved (or later) batch, as the bank's format wants it. */
export async function bankFile(ctx: Ctx, id: string): Promise<{ filename: string; contentType: string; body: string }> {
  const batch = await getPayoutBatch(ctx, id);
  if (batch.status === 'draft' || (batch.status === 'failed' && !batch.sentAt)) {
    throw new AppError('invalid_state', 'A payout batch has a bank file once it is approved', { details: { status: batch.status } });
  }
  const items = await batchItems(ctx, id);
  const ms = await ctx.db
    .select()
    .from(merchants)
    .where(
      inArray(
        merchants.id,
        items.map((i) => i.merchantId),
      ),
    );
  const byId = new Map(ms.map((m) => [m.id, m]));
  const accountOf = (merchantId: string) => {
    const m = byId.get(merchantId);
    const a = m ? payoutAccountOf(ctx, m) : null;
    if (!m || !a) throw new Error(`merchant ${merchantId} has no payout account`);
    return { m, a };
  };
  const cfg = ctx.rt.config;
  const processOn = new Date(`${batch.payoutDate}T00:00:00Z`);
  if (batch.format === 'aba') {
    const body = buildAbaFile({
      bank: cfg.PAYOUT_ABA_BANK,
      userName: cfg.PAYOUT_ABA_USER_NAME,
      apcaUserId: cfg.PAYOUT_ABA_USER_ID,
      description: 'PAYOUTS',
      processOn: new Date(processOn.getTime() + 12 * 3600_000),
      remitter: { name: cfg.PAYOUT_ABA_USER_NAME, bsb: cfg.PAYOUT_ABA_BSB, account: cfg.PAYOUT_ABA_ACCOUNT },
      items: items.map((i) => {
        const { a } = accountOf(i.merchantId);
        const [bsb = '', account = ''] = a.account.split(' ');
        return { bsb, account, accountName: a.name, amountCents: i.amount, lodgementReference: i.reference };
      }),
    });
    return { filename: `${batch.id}.aba`, contentType: 'text/plain; charset=us-ascii', body };
  }
  const body = buildNzBulkCsv({
    payer: { name: cfg.PAYOUT_ABA_USER_NAME, account: cfg.PAYOUT_NZ_ACCOUNT, particulars: 'TASMAN', reference: batch.payoutDate },
    dueOn: new Date(processOn.getTime() + 12 * 3600_000),
    createdAt: now(ctx),
    items: items.map((i) => {
      const { m, a } = accountOf(i.merchantId);
      return {
        account: a.account,
        payeeName: a.name || m.legalName,
        amountCents: i.amount,
        particulars: 'TASMAN',
        reference: i.reference.slice(-12),
      };
    }),
  });
  return { filename: `${batch.id}.csv`, contentType: 'text/csv; charset=utf-8', body };
}

/** The operator uploaded the file to the bank: the batch is sent (the file's hash is kept). */
export async function markPayoutBatchSent(ctx: Ctx, id: string): Promise<PayoutBatch> {
  const file = await bankFile(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const batch = await lockBatch(tx, id);
    const state = batchTransition(batch.status, 'send', { id: actorOf(tx) }, batch);
    if (!state.ok) throw refused(state, batch);
    const t = now(tx);
    const [row] = await tx.db
      .update(payoutBatches)
      .set({
        status: 'sent',
        sentAt: t,
        sentBy: actorOf(tx),
        fileSha256: createHash('sha256').update(file.body).digest('hex'),
        updatedAt: t,
      })
      .where(eq(payoutBatches.id, id))
      .returning();
    for (const i of await batchItems(tx, id)) {
      await emitEvent(tx, 'payout.sent', i.merchantId, payoutEventData(i, batch));
    }
    await recordAudit(tx, {
      action: 'payout_batch.sent',
      objectType: 'payout_batch',
      objectId: id,
      data: { file_sha256: row?.fileSha256 },
    });
    return row as PayoutBatch;
  });
}

const payoutEventData = (i: Payout, b: PayoutBatch) => ({
  payout_id: i.id,
  batch_id: b.id,
  amount: i.amount.toString(),
  currency: i.currency,
  account: i.accountMasked,
  reference: i.reference,
  payout_date: b.payoutDate,
  status: i.status,
  ...(i.failureReason ? { failure_reason: i.failureReason } : {}),
});

export interface BankConfirmation {
  payout_id: string;
  status: 'paid' | 'failed';
  /** What the bank says it paid (or returned); defaults to the payout's amount. A difference is kept and reported. */
  amount?: bigint | undefined;
  reason?: string | undefined;
}

/**
 * The bank's answer for some or all payouts of a sent batch: paid ones leave the platform's bank
 * account, failed ones go back to the merchant's balance. Once every payout has its answer the batch
 * is confirmed (or failed, when none was paid). An answer for a payout already answered is refused.
 */
export async function confirmPayouts(
  ctx: Ctx,
  id: string,
  answers: readonly BankConfirmation[],
): Promise<{ batch: PayoutBatch; items: Payout[] }> {
  await getPayoutBatch(ctx, id);
  if (!answers.length) throw new AppError('invalid_request', 'Give the bank’s answer for at least one payout', { param: 'items' });
  return inTransaction(ctx, async (tx) => {
    const batch = await lockBatch(tx, id);
    if (batch.status !== 'sent')
      throw new AppError('invalid_state', `A ${batch.status} payout batch cannot be confirmed; it must be sent`, {
        details: { status: batch.status },
      });
    const items = new Map((await batchItems(tx, id)).map((i) => [i.id, i]));
    const seen = new Set<string>();
    const transit = await inTransit(tx, batch.currency);
    const bank = await bankAccount(tx, batch.currency);
    const transfers: TransferInput[] = [];
    const t = now(tx);
    for (const [n, a] of answers.entries()) {
      const item = items.get(a.payout_id);
      if (!item || seen.has(a.payout_id))
        throw new AppError('invalid_request', 'Each answer names a different payout of this batch', { param: `items.${n}.payout_id` });
      seen.add(a.payout_id);
      if (item.status !== 'pending')
        throw new AppError('invalid_state', `Payout ${item.id} was already ${item.status}`, { param: `items.${n}.payout_id` });
      if (a.amount !== undefined && a.amount < 0n)
        throw new AppError('invalid_amount', 'An amount is zero or more minor units', { param: `items.${n}.amount` });
      const ref = { type: 'payout', id: item.id };
      if (a.status === 'paid') {
        transfers.push({
          id: `payout:${item.id}:paid`,
          debit_account_id: transit.id,
          credit_account_id: bank.id,
          amount: item.amount,
          currency: item.currency,
          reference: ref,
          metadata: { batch_id: id },
        });
      } else {
        const back = await merchantBalanceAccount(tx, item.merchantId, item.currency);
        transfers.push({
          id: `payout:${item.id}:returned`,
          debit_account_id: transit.id,
          credit_account_id: back.id,
          amount: item.amount,
          currency: item.currency,
          reference: ref,
          metadata: { batch_id: id, reason: a.reason ?? 'returned by the bank' },
        });
      }
      const updated = {
        ...item,
        status: a.status,
        confirmedAmount: a.amount ?? item.amount,
        failureReason: a.status === 'failed' ? (a.reason ?? 'returned by the bank') : null,
        confirmedAt: t,
        updatedAt: t,
      };
      items.set(item.id, updated);
      await tx.db
        .update(payouts)
        .set({
          status: updated.status,
          confirmedAmount: updated.confirmedAmount,
          failureReason: updated.failureReason,
          confirmedAt: t,
          updatedAt: t,
        })
        .where(eq(payouts.id, item.id));
      await emitEvent(tx, a.status === 'paid' ? 'payout.paid' : 'payout.failed', item.merchantId, payoutEventData(updated, batch));
    }
    await createTransfers(tx, transfers, { batched: transfers.length > 1 });
    const all = [...items.values()];
    const open = all.some((i) => i.status === 'pending');
    let row = batch;
    if (!open) {
      const anyPaid = all.some((i) => i.status === 'paid');
      const state = batchTransition(batch.status, anyPaid ? 'confirm' : 'fail', { id: actorOf(tx) }, batch);
      if (!state.ok) throw refused(state, batch);
      const [r] = await tx.db
        .update(payoutBatches)
        .set({ status: state.to, closedAt: t, updatedAt: t })
        .where(eq(payoutBatches.id, id))
        .returning();
      row = r as PayoutBatch;
    }
    await recordAudit(tx, {
      action: 'payout_batch.bank_answer',
      objectType: 'payout_batch',
      objectId: id,
      data: { answers: answers.map((a) => ({ payout_id: a.payout_id, status: a.status, amount: a.amount?.toString() })) },
    });
    return { batch: row, items: all };
  });
}

/** A merchant's payouts (merchant scope), or every merchant's (operators), newest first. */
export function listPayouts(ctx: Ctx, filter: { merchant_id?: string | undefined }, q: ListQuery): Promise<Page<Payout>> {
  const scope = merchantScope(ctx);
  const merchant = scope ?? filter.merchant_id;
  return listPage(ctx.db, payouts, payouts.id, merchant ? eq(payouts.merchantId, merchant) : undefined, q, 'payout');
}

export function conversionsOf(ctx: Ctx, merchantId: string, limit = 20): Promise<Conversion[]> {
  return ctx.db
    .select()
    .from(settlementConversions)
    .where(eq(settlementConversions.merchantId, merchantId))
    .orderBy(desc(settlementConversions.createdAt))
    .limit(limit);
}

// ---------------------------------------------------------------------------
// Reconciliation
// ---------------------------------------------------------------------------

export interface ReconciliationDifference {
  kind: 'amount_mismatch' | 'unconfirmed' | 'ledger_missing' | 'in_transit_mismatch';
  payout_id?: string;
  batch_id?: string;
  expected: string;
  actual: string;
  message: string;
}

/**
 * Ledger vs payouts vs the bank's answers, for one currency: the totals each side holds, and every
 * difference — a bank answer for another amount, a payout sent days ago with no answer, a payout
 * whose ledger transfer is missing, or money in transit in the ledger that the open payouts do not
 * account for.
 */
export async function reconciliation(ctx: Ctx, currency: string, unconfirmedAfterDays = 3) {
  if (!isPayoutCurrency(currency)) throw new AppError('invalid_request', 'Reconcile AUD or NZD payouts', { param: 'currency' });
  const items = await ctx.db.select().from(payouts).where(eq(payouts.currency, currency)).orderBy(asc(payouts.id));
  const batches = new Map((await ctx.db.select().from(payoutBatches).where(eq(payoutBatches.currency, currency))).map((b) => [b.id, b]));
  const ids = items.flatMap((i) => [`payout:${i.id}`, `payout:${i.id}:paid`, `payout:${i.id}:returned`]);
  const transfers = ids.length
    ? await ctx.db
        .select({ id: ledgerTransfers.id, amount: ledgerTransfers.amount })
        .from(ledgerTransfers)
        .where(inArray(ledgerTransfers.id, ids))
    : [];
  const ledger = new Map(transfers.map((t) => [t.id, t.amount]));
  const transit = await inTransit(ctx, currency);
  const [transitRow] = await ctx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, transit.id));
  const transitBalance = transitRow ? postedBalance(transitRow.kind, transitRow) : 0n;
  const t = now(ctx);
  const differences: ReconciliationDifference[] = [];
  const totals = { ledger_paid_out: 0n, ledger_returned: 0n, payouts_paid: 0n, payouts_failed: 0n, payouts_open: 0n, bank_confirmed: 0n };
  for (const i of items) {
    const batch = batches.get(i.batchId);
    const sent = ledger.get(`payout:${i.id}`);
    const paid = ledger.get(`payout:${i.id}:paid`);
    const returned = ledger.get(`payout:${i.id}:returned`);
    totals.ledger_paid_out += paid ?? 0n;
    totals.ledger_returned += returned ?? 0n;
    if (i.status === 'paid') totals.payouts_paid += i.amount;
    else if (i.status === 'failed') totals.payouts_failed += i.amount;
    else totals.payouts_open += i.amount;
    if (i.status === 'paid') totals.bank_confirmed += i.confirmedAmount ?? 0n;
    const diff = (kind: ReconciliationDifference['kind'], expected: bigint | string, actual: bigint | string, message: string) =>
      differences.push({ kind, payout_id: i.id, batch_id: i.batchId, expected: String(expected), actual: String(actual), message });
    if (sent !== i.amount)
      diff(
        'ledger_missing',
        i.amount,
        sent ?? 'none',
        'The transfer that took the payout from the merchant’s balance is missing or differs',
      );
    if (i.status === 'paid' && paid !== i.amount)
      diff(
        'ledger_missing',
        i.amount,
        paid ?? 'none',
        'The payout is paid but the ledger has no matching transfer out of the bank account',
      );
    if (i.status === 'failed' && returned !== i.amount)
      diff('ledger_missing', i.amount, returned ?? 'none', 'The payout failed but its money is not back on the merchant’s balance');
    if (i.status === 'paid' && i.confirmedAmount !== null && i.confirmedAmount !== i.amount)
      diff('amount_mismatch', i.amount, i.confirmedAmount, 'The bank confirmed a different amount than the payout');
    if (i.status === 'pending' && batch?.sentAt && t.getTime() - batch.sentAt.getTime() > unconfirmedAfterDays * 86_400_000)
      diff('unconfirmed', 'an answer', 'none', `Sent ${unconfirmedAfterDays}+ days ago and the bank has not answered`);
  }
  if (transitBalance !== totals.payouts_open) {
    differences.push({
      kind: 'in_transit_mismatch',
      expected: totals.payouts_open.toString(),
      actual: transitBalance.toString(),
      message: 'Money in transit in the ledger differs from the open payouts',
    });
  }
  return { currency, generated_at: t, in_transit: transitBalance, totals, differences };
}
