// In-store payments for visitors (issue 8, PRODUCT.md P5): a shopper from China pays at a till in
// Australia or New Zealand from their CNY wallet. The till asks for an amount in the store's
// currency (AUD/NZD); the shopper pays its CNY price at a locked FX quote (fx/rules.ts amountToPay,
// as online); the sale goes to the merchant's balance in CNY at once, less commission and fee
// (settlement/accrual.ts saleTransfers, as an online sale's escrow release does). No CBEC tax, no
// quota, no customs: the shopper is in Australia and carries the goods.
//
// Two flows (codes.ts has their pure rules):
// - merchant_qr: the till creates a request (requires_payment) and shows its signed QR; the
//   shopper's wallet scans it (a quote is locked for them) and pays → succeeded.
// - shopper_code: the till scans the shopper's one-minute payment code and charges it. Up to the
//   shopper's no-confirmation limit it is paid at once; above it, it waits in
//   requires_confirmation for the shopper to confirm in the wallet before it expires.
// Every payment runs out at `expires_at` (expired); the till may cancel an open one, and refunds
// a paid one (till-refunds.ts). Reads and who may see what: payment-reads.ts.
//
// Ledger (transfer ids): instore:<isp>:goods|commission|fee (wallet → merchant balance → revenue),
// instore_refund:<isr>:commission|goods (revenue → balance → wallet).
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit.ts';
import { type Ctx, flushPending, inTransaction, now } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { emitEvent } from '../../../kernel/events.ts';
import { newId } from '../../../kernel/ids.ts';
import { money } from '../../../kernel/money.ts';
import { createQuote, type FxQuote, lockedQuote } from '../../fx/service.ts';
import { getIdentity } from '../../identity/verification.ts';
import { merchantStatuses } from '../../merchants/service.ts';
import { createTransfers, getAccount, type LedgerAccount } from '../ledger.ts';
import { chargeFor, walletNeedsIdentity } from '../payment-rules.ts';
import { availableBalance } from '../rules.ts';
import { type Accrual, saleTransfers } from '../settlement/accrual.ts';
import { shopperOf, walletAccount } from '../wallets.ts';
import { needsConfirmation, paymentCodeSlot, parseQrPayload, verifyPaymentCode } from './codes.ts';
import { type InstorePayment, paymentCodeSecret, posTillId, qrSecret, readRow } from './payment-reads.ts';
import { DEFAULT_EXPIRES_IN_S, localDate, MAX_INSTORE_AMOUNT, receiptNumber, STORE_CURRENCY, statusAt } from './rules.ts';
import { type InstorePaymentStatus, instorePayments, paymentCodeSettings, paymentCodeUses } from './schema.ts';
import { getStore, getTill, type Store, type Till } from './stores.ts';

export * from './payment-reads.ts';

type NewPayment = Omit<typeof instorePayments.$inferInsert, 'flow'> & { id: string; createdAt: Date; amount: bigint; currency: string };

export const CNY = 'CNY' as const;

// ---------------------------------------------------------------------------
// The shopper's wallet
// ---------------------------------------------------------------------------

/**
 * In-store payments are paid from a CNY wallet (visitors from China), which China's real-name
 * rule lets them use once their identity is verified (payment-rules.ts walletNeedsIdentity).
 */
export async function assertCnyWallet(ctx: Ctx, shopper: { id: string; country: 'CN' | 'AU' | 'NZ' }): Promise<void> {
  if (shopper.country !== 'CN') {
    throw new AppError('currency_mismatch', 'In-store payments are paid from a CNY wallet (shoppers from China)', { param: 'wallet' });
  }
  if (walletNeedsIdentity(shopper.country) && !(await getIdentity(ctx, shopper.id))) {
    throw new AppError('identity_required', 'Verify your identity (POST /v1/shopper/identity) before using the wallet');
  }
}

function insufficientFunds(wallet: LedgerAccount, required: bigint, available: bigint): AppError {
  return new AppError('insufficient_funds', 'The wallet holds less than the payment costs; top it up first', {
    param: 'wallet',
    details: { required: required.toString(), available: available.toString(), currency: wallet.currency },
  });
}

// ---------------------------------------------------------------------------
// Creating at the till
// ---------------------------------------------------------------------------

export interface CreateInput {
  amount: bigint;
  currency: string;
  reference: string;
  expires_in?: number | undefined;
  /** The shopper's 18-digit code, scanned: charge it now (shopper_code); without it, a QR request (merchant_qr). */
  payment_code?: string | undefined;
}

/** The till's store, open, and the amount in its currency. */
async function tillAndStore(ctx: Ctx, input: CreateInput): Promise<{ till: Till; store: Store }> {
  const till = await getTill(ctx, posTillId(ctx));
  const store = await getStore(ctx, till.storeId);
  if (!till.active || !store.active) throw new AppError('invalid_state', 'This till or its store is closed');
  const [m] = await merchantStatuses(ctx, [till.merchantId]);
  if (m?.status !== 'approved') {
    throw new AppError('merchant_not_approved', `The merchant is ${m?.status ?? 'unknown'}; only approved merchants take payments`);
  }
  const currency = STORE_CURRENCY[store.country];
  if (input.currency !== currency) {
    throw new AppError('currency_mismatch', `This store takes payments in ${currency}`, {
      param: 'amount.currency',
      details: { store_currency: currency },
    });
  }
  if (input.amount <= 0n || input.amount > MAX_INSTORE_AMOUNT) {
    throw new AppError('invalid_amount', `An in-store payment is between 0.01 and ${MAX_INSTORE_AMOUNT / 100n}`, {
      param: 'amount.amount',
    });
  }
  return { till, store };
}

/** The CNY a shopper pays for `amount` of the store's currency at a quote CNY → AUD/NZD (rounded up). */
const chargeAt = (p: { amount: bigint; currency: string }, quote: FxQuote): bigint =>
  chargeFor(money(p.amount, p.currency as 'AUD' | 'NZD'), CNY, p.currency as 'AUD' | 'NZD', quote.rate).charge.amount;

/** The quote a till locks for a code payment: it must outlive the payment's window for confirmation. */
const quoteMinutesFor = (expiresInS: number) => Math.ceil(expiresInS / 60) + 1;

export async function createInstorePayment(ctx: Ctx, input: CreateInput): Promise<InstorePayment> {
  const { till, store } = await tillAndStore(ctx, input);
  const expiresIn = input.expires_in ?? DEFAULT_EXPIRES_IN_S;
  const t = now(ctx);
  const base = {
    id: newId('instorePayment'),
    merchantId: till.merchantId,
    storeId: store.id,
    tillId: till.id,
    status: 'requires_payment' as InstorePaymentStatus,
    amount: input.amount,
    currency: input.currency,
    reference: input.reference,
    chargeCurrency: CNY,
    expiresAt: new Date(t.getTime() + expiresIn * 1000),
    createdAt: t,
    updatedAt: t,
  };
  if (input.payment_code === undefined) {
    return inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(instorePayments)
        .values({ ...base, flow: 'merchant_qr' })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, {
        action: 'instore_payment.created',
        objectType: 'instore_payment',
        objectId: row.id,
        merchantId: row.merchantId,
        data: { flow: row.flow, amount: row.amount.toString(), currency: row.currency, till_id: row.tillId, reference: row.reference },
      });
      return row;
    });
  }
  return chargePaymentCode(ctx, base, input.payment_code, expiresIn, store);
}

/** The till scanned a shopper's code: verify it, spend it once, and charge it (or ask the shopper to confirm). */
async function chargePaymentCode(ctx: Ctx, base: NewPayment, code: string, expiresIn: number, store: Store): Promise<InstorePayment> {
  const secret = paymentCodeSecret(ctx);
  const t = base.createdAt;
  const slot = paymentCodeSlot(secret, code, t);
  const [holder] = slot === null ? [] : await ctx.db.select().from(paymentCodeSettings).where(eq(paymentCodeSettings.slot, slot));
  const verdict = verifyPaymentCode(secret, code, (s) => (holder && s === holder.slot ? holder.shopperId : null), t);
  if (!verdict.ok || !holder) {
    if (!verdict.ok && verdict.reason === 'expired') {
      throw new AppError('payment_code_expired', 'The payment code has expired: ask the shopper to refresh it', { param: 'payment_code' });
    }
    throw new AppError('payment_code_invalid', 'The payment code is not valid', { param: 'payment_code' });
  }
  // Codes are issued to verified shoppers in China only (payment-codes.ts), whose wallet is CNY.
  const shopper = { id: holder.shopperId, country: 'CN' as const };
  const wallet = await walletAccount(ctx, shopper);
  if (wallet.currency !== CNY) throw new Error(`wallet ${wallet.id} is in ${wallet.currency}, not CNY`);
  const quote = await createQuote(ctx, { base: CNY, quote: STORE_CURRENCY[store.country], minutes: quoteMinutesFor(expiresIn) });
  const charge = chargeAt(base, quote);
  const confirm = needsConfirmation(charge, holder.noConfirmationLimit);
  const pay: Pay = { wallet, quote, charge, shopperId: shopper.id };
  const sale = confirm ? null : await prepareSale(ctx, base, pay);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [used] = await tx.db
        .insert(paymentCodeUses)
        .values({ slot: verdict.slot, counter: verdict.counter, shopperId: shopper.id, paymentId: base.id, createdAt: t })
        .onConflictDoNothing()
        .returning();
      if (!used) {
        throw new AppError('payment_code_used', 'This payment code was used already: ask the shopper to refresh it', {
          param: 'payment_code',
        });
      }
      const [row] = await tx.db
        .insert(instorePayments)
        .values({
          ...base,
          flow: 'shopper_code',
          status: confirm ? 'requires_confirmation' : 'requires_payment',
          chargeAmount: charge,
          fxQuoteId: quote.id,
          fxRate: quote.rate,
          shopperId: shopper.id,
          walletAccountId: wallet.id,
          codeSlot: verdict.slot,
          codeCounter: verdict.counter,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, {
        action: 'instore_payment.created',
        objectType: 'instore_payment',
        objectId: row.id,
        merchantId: row.merchantId,
        data: { flow: row.flow, amount: row.amount.toString(), currency: row.currency, till_id: row.tillId, reference: row.reference },
      });
      if (!sale) return row;
      return settle(tx, row, pay, sale);
    });
  } catch (e) {
    throw await fundsError(ctx, e, wallet, charge);
  }
}

/** A ledger refusal of the wallet debit, as the shopper-facing 402. */
async function fundsError(ctx: Ctx, e: unknown, wallet: LedgerAccount, charge: bigint): Promise<unknown> {
  if (e instanceof AppError && e.code === 'exceeds_credits') {
    return insufficientFunds(wallet, charge, availableBalance(wallet.kind, await getAccount(ctx, wallet.id)));
  }
  return e;
}

/**
 * The money moves (inside the caller's transaction, the payment row locked or new): wallet → the
 * merchant's CNY balance, commission and fee to revenue, as settlement/accrual.ts says for any sale.
 */
type Pay = { wallet: LedgerAccount; quote: { id: string; rate: string }; charge: bigint; shopperId: string };
type Sale = { accrual: Accrual; timeZone: string };

/**
 * The sale's transfers (settlement/accrual.ts), worked out before the payment's transaction: they
 * depend on the payment's id, merchant and charge only, and reading the commission schedule and
 * making the accounts there would hold the transaction open longer.
 */
export async function prepareSale(
  ctx: Ctx,
  row: { id: string; merchantId: string; storeId: string; tillId: string },
  pay: Pay,
): Promise<Sale> {
  const store = await getStore(ctx, row.storeId);
  const accrual = await saleTransfers(ctx, {
    merchantId: row.merchantId,
    currency: CNY,
    goods: pay.charge,
    charged: pay.charge,
    lines: [{ amount: pay.charge, category: '*' }],
    from: pay.wallet,
    transferId: `instore:${row.id}`,
    reference: { type: 'instore_payment', id: row.id },
    metadata: { fx_quote_id: pay.quote.id, fx_rate: pay.quote.rate, store_id: row.storeId, till_id: row.tillId },
  });
  return { accrual, timeZone: store.timeZone };
}

export async function settle(tx: Ctx, row: InstorePayment, pay: Pay, sale: Sale): Promise<InstorePayment> {
  const t = now(tx);
  const { accrual } = sale;
  const [paid] = await tx.db
    .update(instorePayments)
    .set({
      status: 'succeeded',
      chargeAmount: pay.charge,
      fxQuoteId: pay.quote.id,
      fxRate: pay.quote.rate,
      shopperId: pay.shopperId,
      walletAccountId: pay.wallet.id,
      commissionAmount: accrual.commission,
      feeAmount: accrual.fee,
      receiptNumber: receiptNumber(localDate(t, sale.timeZone), row.id),
      paidAt: t,
      updatedAt: t,
    })
    .where(eq(instorePayments.id, row.id))
    .returning();
  if (!paid) throw new Error('update returned nothing');
  await emitEvent(tx, 'instore_payment.succeeded', paid.merchantId, paymentEventData(paid));
  await recordAudit(tx, {
    action: 'instore_payment.succeeded',
    objectType: 'instore_payment',
    objectId: paid.id,
    merchantId: paid.merchantId,
    data: { charge: pay.charge.toString(), currency: CNY, fx_quote_id: pay.quote.id, commission: accrual.commission.toString() },
  });
  // The money moves last: the wallet's and the merchant's balance rows are locked to the commit only.
  await flushPending(tx);
  await createTransfers(tx, accrual.transfers, { batched: true });
  return paid;
}

/** Lock the payment and check it can still be paid now (not paid, not cancelled, not expired). */
export async function lockOpen(tx: Ctx, id: string, needed: InstorePaymentStatus): Promise<InstorePayment> {
  const [row] = await tx.db.select().from(instorePayments).where(eq(instorePayments.id, id)).for('update');
  if (!row) throw notFound('in-store payment', id);
  assertPayable(row, needed, now(tx));
  return row;
}

export function assertPayable(row: InstorePayment, needed: InstorePaymentStatus, at: Date): void {
  const status = statusAt(row.status, row.expiresAt, at);
  if (status === 'succeeded') throw new AppError('already_paid', 'This payment has been paid already', { details: { status } });
  if (status === 'expired') {
    throw new AppError('payment_expired', 'This payment request has expired: ask the till for a new one', {
      details: { status, expired_at: row.expiresAt.toISOString() },
    });
  }
  if (status !== needed) {
    throw new AppError('invalid_state', `The payment is ${status}; it can be paid only when ${needed}`, { details: { status } });
  }
}

// ---------------------------------------------------------------------------
// The shopper pays
// ---------------------------------------------------------------------------

export interface ScanResult {
  payment: InstorePayment;
  merchantName: string;
  store: Store;
  quote: FxQuote;
  charge: bigint;
}

/**
 * The shopper's wallet scanned a till's QR: the payment it names (checked by its signature, then
 * its state) and its CNY price at a quote locked for this shopper, to show before they pay.
 */
export async function scanInstoreQr(ctx: Ctx, payload: string): Promise<ScanResult> {
  const shopper = shopperOf(ctx);
  await assertCnyWallet(ctx, shopper);
  const verdict = parseQrPayload(qrSecret(ctx), payload, now(ctx));
  if (!verdict.ok) {
    if (verdict.reason === 'expired') throw new AppError('payment_expired', 'This payment request has expired: ask the till for a new one');
    throw new AppError('invalid_qr', 'This is not a Tasman payment QR', { param: 'payload' });
  }
  const row = await readRow(ctx, verdict.requestId);
  if (row?.flow !== 'merchant_qr') throw new AppError('invalid_qr', 'This is not a Tasman payment QR', { param: 'payload' });
  assertPayable(row, 'requires_payment', now(ctx));
  const store = await getStore(ctx, row.storeId);
  const [m] = await merchantStatuses(ctx, [row.merchantId]);
  const quote = await createQuote(ctx, { base: CNY, quote: STORE_CURRENCY[store.country] });
  return { payment: row, merchantName: m?.name ?? '', store, quote, charge: chargeAt(row, quote) };
}

/**
 * The shopper pays: a merchant_qr request (at the quote from the scan, `quote_expired` once it
 * has run out, or one locked now), or a shopper_code payment waiting for their confirmation (at
 * the charge the till fixed). A wallet short of the charge is `402 insufficient_funds`.
 */
export async function payInstorePayment(ctx: Ctx, id: string, input: { quote_id?: string | undefined }): Promise<InstorePayment> {
  const shopper = shopperOf(ctx);
  await assertCnyWallet(ctx, shopper);
  const row = await readRow(ctx, id);
  // A merchant_qr request is anyone's to pay who has its QR; a code payment is its shopper's only.
  if (!row || (row.flow === 'shopper_code' && row.shopperId !== shopper.id)) throw notFound('in-store payment', id);
  const wallet = await walletAccount(ctx, shopper);
  let pay: { quote: { id: string; rate: string }; charge: bigint };
  if (row.flow === 'merchant_qr') {
    assertPayable(row, 'requires_payment', now(ctx));
    const pair = { base: CNY, quote: row.currency as 'AUD' | 'NZD' };
    const quote = input.quote_id ? await lockedQuote(ctx, input.quote_id, pair) : await createQuote(ctx, pair);
    pay = { quote, charge: chargeAt(row, quote) };
  } else {
    assertPayable(row, 'requires_confirmation', now(ctx));
    if (row.chargeAmount === null || row.fxQuoteId === null || row.fxRate === null) throw new Error(`code payment ${row.id} has no charge`);
    pay = { quote: { id: row.fxQuoteId, rate: row.fxRate }, charge: row.chargeAmount };
  }
  const sale = await prepareSale(ctx, row, { ...pay, wallet, shopperId: shopper.id });
  try {
    return await inTransaction(ctx, async (tx) => {
      const locked = await lockOpen(tx, id, row.flow === 'merchant_qr' ? 'requires_payment' : 'requires_confirmation');
      return settle(tx, locked, { ...pay, wallet, shopperId: shopper.id }, sale);
    });
  } catch (e) {
    throw await fundsError(ctx, e, wallet, pay.charge);
  }
}

/** Event payloads: what a till or a webhook consumer needs; never the shopper's identity. */
export function paymentEventData(p: InstorePayment): Record<string, unknown> {
  return {
    instore_payment_id: p.id,
    flow: p.flow,
    status: p.status,
    store_id: p.storeId,
    till_id: p.tillId,
    reference: p.reference,
    amount: { amount: p.amount.toString(), currency: p.currency },
    charge: p.chargeAmount === null ? null : { amount: p.chargeAmount.toString(), currency: p.chargeCurrency },
    fx_rate: p.fxRate,
    receipt_number: p.receiptNumber,
    refunded: { amount: p.refundedAmount.toString(), currency: p.currency },
  };
}
