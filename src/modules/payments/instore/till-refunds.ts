// The till takes back: cancelling a payment still waiting for the shopper, and refunds of a paid
// one in the store's currency, the CNY share back to the wallet (settlement/accrual.ts
// saleRefundTransfers; transfer ids instore_refund:<isr>:commission|goods).
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit.ts';
import { type Ctx, flushPending, inTransaction, now } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { emitEvent } from '../../../kernel/events.ts';
import { newId } from '../../../kernel/ids.ts';
import { createTransfers, getAccount, type TransferInput } from '../ledger.ts';
import { saleRefundTransfers } from '../settlement/accrual.ts';
import { CNY, getInstorePayment, type InstorePayment, type InstoreRefund, paymentEventData } from './payments.ts';
import { OPEN_STATUSES, refundCharge, statusAt } from './rules.ts';
import { instorePayments, instoreRefunds } from './schema.ts';

/** An open payment (waiting for the shopper) is cancelled by its till's store or the merchant. */
export async function cancelInstorePayment(ctx: Ctx, id: string): Promise<InstorePayment> {
  await getInstorePayment(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(instorePayments).where(eq(instorePayments.id, id)).for('update');
    if (!row) throw notFound('in-store payment', id);
    const status = statusAt(row.status, row.expiresAt, now(tx));
    if (!OPEN_STATUSES.includes(status)) {
      throw new AppError('invalid_state', `The payment is ${status}; only an unpaid one can be cancelled (a paid one is refunded)`, {
        details: { status },
      });
    }
    const t = now(tx);
    const [canceled] = await tx.db
      .update(instorePayments)
      .set({ status: 'canceled', canceledAt: t, updatedAt: t })
      .where(eq(instorePayments.id, id))
      .returning();
    if (!canceled) throw new Error('update returned nothing');
    await recordAudit(tx, { action: 'instore_payment.canceled', objectType: 'instore_payment', objectId: id, merchantId: row.merchantId });
    return canceled;
  });
}

/**
 * A refund from the till, in the store's currency, full or partial: the CNY share of it
 * (rules.ts refundCharge) goes back to the shopper's wallet, with the commission's share back to
 * the merchant's balance (settlement/accrual.ts saleRefundTransfers); the payment fee stays.
 */
export async function refundInstorePayment(
  ctx: Ctx,
  id: string,
  input: { amount: bigint; currency: string; reason?: string | undefined },
): Promise<{ payment: InstorePayment; refund: InstoreRefund }> {
  // The transfers are worked out from the payment as read, outside the transaction (the commission
  // share depends on what was refunded before); the transaction then checks, under the row lock,
  // that no other refund came in between, and works them out again if one did.
  for (let attempt = 1; ; attempt++) {
    const seen = await getInstorePayment(ctx, id);
    const plan = await refundPlan(ctx, seen, input);
    try {
      return await inTransaction(ctx, async (tx) => {
        const [row] = await tx.db.select().from(instorePayments).where(eq(instorePayments.id, id)).for('update');
        if (!row) throw notFound('in-store payment', id);
        if (row.status !== seen.status || row.refundedAmount !== seen.refundedAmount) throw new RefundRace();
        return recordRefund(tx, row, input, plan);
      });
    } catch (e) {
      if (e instanceof RefundRace && attempt < 5) continue;
      throw e;
    }
  }
}

class RefundRace extends Error {}

interface RefundPlan {
  refundId: string;
  tillId: string;
  charge: bigint;
  commission: bigint;
  transfers: TransferInput[];
}

/** What a refund of `input` gives back of a payment in the state `row`: checked, in CNY, and its transfers. */
async function refundPlan(ctx: Ctx, row: InstorePayment, input: { amount: bigint; currency: string }): Promise<RefundPlan> {
  if (row.status !== 'succeeded' || row.chargeAmount === null || row.walletAccountId === null) {
    throw new AppError('invalid_state', `The payment is ${row.status}; only a paid payment is refunded`, {
      details: { status: row.status },
    });
  }
  if (input.currency !== row.currency) {
    throw new AppError('currency_mismatch', `The payment is in ${row.currency}`, { param: 'amount.currency' });
  }
  const refundable = row.amount - row.refundedAmount;
  if (input.amount <= 0n) throw new AppError('invalid_amount', 'A refund is positive', { param: 'amount.amount' });
  if (input.amount > refundable) {
    throw new AppError('refund_exceeds_payment', `At most ${refundable} is left to refund`, {
      param: 'amount.amount',
      details: { refundable: { amount: refundable.toString(), currency: row.currency } },
    });
  }
  const p = ctx.principal;
  // A POS key refunds at its own till; merchant staff on behalf of the till that took the payment.
  const tillId = p.kind === 'api_key' && p.tillId !== undefined ? p.tillId : row.tillId;
  const refundId = newId('instoreRefund');
  const charge = refundCharge({ ...row, chargeAmount: row.chargeAmount }, input.amount);
  if (charge === 0n) return { refundId, tillId, charge, commission: 0n, transfers: [] };
  const r = await saleRefundTransfers(ctx, {
    merchantId: row.merchantId,
    currency: CNY,
    goods: row.chargeAmount,
    goodsRefunded: row.chargeRefunded,
    commission: row.commissionAmount,
    commissionRefunded: row.commissionRefunded,
    amount: charge,
    to: await getAccount(ctx, row.walletAccountId),
    transferId: `instore_refund:${refundId}`,
    reference: { type: 'instore_refund', id: refundId },
    metadata: { payment_id: row.id, store_id: row.storeId, till_id: tillId },
  });
  return { refundId, tillId, charge, commission: r.commission, transfers: r.transfers };
}

async function recordRefund(
  tx: Ctx,
  row: InstorePayment,
  input: { amount: bigint; reason?: string | undefined },
  plan: RefundPlan,
): Promise<{ payment: InstorePayment; refund: InstoreRefund }> {
  const { refundId, charge } = plan;
  const refundingTill = plan.tillId;
  const r = { commission: plan.commission, transfers: plan.transfers };
  const t = now(tx);
  const [refund] = await tx.db
    .insert(instoreRefunds)
    .values({
      id: refundId,
      paymentId: row.id,
      merchantId: row.merchantId,
      storeId: row.storeId,
      tillId: refundingTill,
      amount: input.amount,
      currency: row.currency,
      chargeAmount: charge,
      commission: r.commission,
      reason: input.reason ?? null,
      createdAt: t,
    })
    .returning();
  const [payment] = await tx.db
    .update(instorePayments)
    .set({
      refundedAmount: row.refundedAmount + input.amount,
      chargeRefunded: row.chargeRefunded + charge,
      commissionRefunded: row.commissionRefunded + r.commission,
      updatedAt: t,
    })
    .where(eq(instorePayments.id, row.id))
    .returning();
  if (!refund || !payment) throw new Error('write returned nothing');
  await emitEvent(tx, 'instore_refund.succeeded', row.merchantId, {
    refund_id: refund.id,
    ...paymentEventData(payment),
    refund: { amount: refund.amount.toString(), currency: refund.currency },
    refund_charge: { amount: charge.toString(), currency: CNY },
  });
  await recordAudit(tx, {
    action: 'instore_refund.succeeded',
    objectType: 'instore_payment',
    objectId: row.id,
    merchantId: row.merchantId,
    data: { refund_id: refund.id, amount: input.amount.toString(), currency: row.currency, charge: charge.toString() },
  });
  await flushPending(tx);
  if (r.transfers.length) await createTransfers(tx, r.transfers, { batched: true });
  return { payment, refund };
}
