// Escrow of order payments (PRODUCT.md P3, P6, X4): held, in the charge currency, from payment
// until the buyer confirms receipt, or ESCROW_RELEASE_DAYS after delivery (a job), or a finance
// operator releases it; then each part goes where it belongs — the goods to the merchant's balance
// in the charge currency less the platform's commission and payment fee (settlement/accrual.ts;
// converted into the merchant's settlement currency on payout day), the shipping to logistics revenue,
// the tax to what is payable to China customs (CNY charges) or to the ATO / Inland Revenue as GST
// (AUD/NZD charges).
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { atomically, type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { paymentIntents } from './intent-schema.ts';
import {
  chargeCurrencyOf,
  getPaymentIntent,
  intentEventData,
  lockIntent,
  move,
  need,
  partsData,
  type PaymentIntent,
  refundableParts,
  releaseAccounts,
  unexpectedState,
} from './intents.ts';
import { createTransfers, type TransferInput } from './ledger.ts';
import { releaseDueAt } from './payment-rules.ts';
import { commissionLinesOf, saleTransfers } from './settlement/accrual.ts';
import { shopperOf } from './wallets.ts';

/**
 * The order was delivered (the logistics module calls this; operators may too): escrow is
 * then released ESCROW_RELEASE_DAYS later unless the buyer confirms receipt first. Marking
 * an already delivered intent again changes nothing.
 */
export async function markDelivered(ctx: Ctx, id: string, deliveredAt?: Date): Promise<PaymentIntent> {
  await getPaymentIntent(ctx, id);
  const at = deliveredAt ?? now(ctx);
  if (at.getTime() > now(ctx).getTime())
    throw new AppError('invalid_request', 'A delivery time cannot be in the future', { param: 'delivered_at' });
  return atomically(ctx, async (tx) => {
    const [row] = await markManyDelivered(tx, [{ id, at }]);
    if (!row) throw new Error('mark returned nothing');
    return row;
  });
}

/**
 * markDelivered for many intents in the caller's transaction (a carrier's delivery of many
 * parcels): locked in id order, one update for all. Times are the caller's, checked by it.
 */
export async function markManyDelivered(tx: Ctx, items: readonly { id: string; at: Date }[]): Promise<PaymentIntent[]> {
  if (items.length === 0) return [];
  const ids = [...new Set(items.map((i) => i.id))].sort();
  const locked = await tx.db
    .select()
    .from(paymentIntents)
    .where(inArray(paymentIntents.id, ids))
    .orderBy(asc(paymentIntents.id))
    .for('update');
  const out = new Map(locked.map((pi) => [pi.id, pi]));
  const todo: { id: string; at: Date; due: Date; merchantId: string }[] = [];
  for (const id of ids) {
    const pi = out.get(id);
    if (!pi) throw notFound('payment intent', id);
    if (pi.status !== 'succeeded') throw unexpectedState(pi, 'marked delivered', 'succeeded');
    if (pi.deliveredAt) continue;
    const at = items.find((i) => i.id === id)?.at as Date;
    todo.push({ id, at, due: releaseDueAt(at, tx.rt.config.ESCROW_RELEASE_DAYS), merchantId: pi.merchantId });
  }
  if (todo.length) {
    const t = now(tx);
    const values = sql.join(
      todo.map((x) => sql`(${x.id}, ${x.at.toISOString()}::timestamptz, ${x.due.toISOString()}::timestamptz)`),
      sql`, `,
    );
    await tx.db
      .update(paymentIntents)
      .set({ deliveredAt: sql`v.at`, releaseDueAt: sql`v.due`, updatedAt: t })
      .from(sql`(values ${values}) as v(id, at, due)`)
      .where(eq(paymentIntents.id, sql`v.id`));
    const rows = await tx.db
      .select()
      .from(paymentIntents)
      .where(
        inArray(
          paymentIntents.id,
          todo.map((x) => x.id),
        ),
      );
    for (const r of rows) out.set(r.id, r);
    for (const x of todo) {
      await recordAudit(tx, {
        action: 'payment_intent.delivered',
        objectType: 'payment_intent',
        objectId: x.id,
        merchantId: x.merchantId,
        data: { delivered_at: x.at.toISOString() },
      });
    }
  }
  return items.map((i) => out.get(i.id) as PaymentIntent);
}

/** The buyer confirms they received the goods: escrow is released now. */
export async function confirmReceipt(ctx: Ctx, id: string): Promise<PaymentIntent> {
  const shopper = shopperOf(ctx);
  const pi = await getPaymentIntent(ctx, id);
  if (pi.payerShopperId !== shopper.id) throw notFound('payment intent', id);
  return releaseEscrow(ctx, id, 'receipt_confirmed');
}

/**
 * Move what is left in escrow for this intent to whom each part belongs, one linked batch: the
 * goods to the merchant's balance in the charge currency, less the commission per line and the
 * payment fee (settlement/accrual.ts; the balance is converted into the merchant's settlement
 * currency at the settlement rate on payout day, decisions §20), the shipping to the platform's
 * logistics revenue, the tax to what is payable to customs (CNY) or as GST (AUD/NZD).
 */
export async function releaseEscrow(ctx: Ctx, id: string, reason: 'receipt_confirmed' | 'auto' | 'operator'): Promise<PaymentIntent> {
  const before = await getPaymentIntent(ctx, id);
  const accounts = await releaseAccounts(ctx, before);
  return inTransaction(ctx, async (tx) => {
    const pi = await lockIntent(tx, id);
    if (pi.status !== 'succeeded' || pi.escrowStatus !== 'held') throw unexpectedState(pi, 'released', 'succeeded with escrow held');
    const left = refundableParts(pi);
    const ref = { type: 'payment_intent', id };
    const cc = chargeCurrencyOf(pi);
    const transfers: TransferInput[] = [];
    let taken = { commission: 0n, fee: 0n };
    if (left.goods > 0n) {
      const sale = await saleTransfers(tx, {
        merchantId: pi.merchantId,
        currency: cc,
        goods: left.goods,
        charged: left.goods,
        lines: await commissionLinesOf(tx, pi.id, left.goods),
        from: accounts.escrow,
        transferId: `release:${id}`,
        reference: ref,
        metadata: { order_reference: pi.orderReference },
      });
      transfers.push(...sale.transfers);
      taken = { commission: sale.commission, fee: sale.fee };
    }
    if (left.shipping > 0n) transfers.push(move(`release:${id}:shipping`, accounts.escrow, need(accounts.logistics), left.shipping, ref));
    if (left.tax > 0n) transfers.push(move(`release:${id}:tax`, accounts.escrow, need(accounts.taxPayable), left.tax, ref));
    if (transfers.length) await createTransfers(tx, transfers, { batched: transfers.length > 1 });
    const t = now(tx);
    const [row] = await tx.db
      .update(paymentIntents)
      .set({
        escrowStatus: 'released',
        releasedAt: t,
        releaseReason: reason,
        releasedGoods: left.goods,
        commissionAmount: taken.commission,
        feeAmount: taken.fee,
        updatedAt: t,
      })
      .where(eq(paymentIntents.id, id))
      .returning();
    if (!row) throw new Error('update returned nothing');
    await emitEvent(tx, 'escrow.released', row.merchantId, {
      ...intentEventData(row),
      released: { amount: left.goods.toString(), currency: cc },
      commission: { amount: taken.commission.toString(), currency: cc },
      payment_fee: { amount: taken.fee.toString(), currency: cc },
      released_shipping: { amount: left.shipping.toString(), currency: cc },
      released_tax: { amount: left.tax.toString(), currency: cc },
      reason,
    });
    await recordAudit(tx, {
      action: 'escrow.released',
      objectType: 'payment_intent',
      objectId: id,
      merchantId: row.merchantId,
      data: {
        amount: left.goods.toString(),
        currency: cc,
        commission: taken.commission.toString(),
        fee: taken.fee.toString(),
        reason,
        parts: partsData(left, cc),
      },
    });
    return row;
  });
}

/** The job: release escrow whose time after delivery has run out. Returns how many were released. */
export async function releaseDueEscrow(ctx: Ctx, batch = 100): Promise<number> {
  const due = await ctx.db
    .select({ id: paymentIntents.id })
    .from(paymentIntents)
    .where(and(eq(paymentIntents.escrowStatus, 'held'), lte(paymentIntents.releaseDueAt, now(ctx))))
    .orderBy(asc(paymentIntents.releaseDueAt))
    .limit(batch);
  let n = 0;
  for (const { id } of due) {
    try {
      await releaseEscrow(ctx, id, 'auto');
      n++;
    } catch (e) {
      // Released or refunded meanwhile by another process: nothing left to do for it.
      if (!(e instanceof AppError && e.code === 'invalid_state')) throw e;
    }
  }
  return n;
}
