// Refunds of order payments (PRODUCT.md P1; issue 4 "refunds reverse exactly what was moved"):
// full or partial, before release (out of escrow) or after (each part back from where the release
// put it), never more than was paid — of the whole or of any part. Always in the intent's charge
// currency (CNY, or AUD/NZD for a shopper in Australia/New Zealand), back to the wallet it was paid from.
import { inLiveWorld } from '../../kernel/livemode.ts';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { actorId, type Ctx, inScope, inTransaction, merchantScope, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { paymentIntents, refunds } from './intent-schema.ts';
import {
  chargeCurrencyOf,
  getPaymentIntent,
  lockIntent,
  move,
  need,
  partsData,
  refundableParts,
  refundedParts,
  releaseAccounts,
  unexpectedState,
} from './intents.ts';
import { createTransfers, getAccount, type TransferInput } from './ledger.ts';
import { saleRefundTransfers } from './settlement/accrual.ts';
import { CHARGE_PARTS, type ChargeParts, partsTotal, refundShare, splitRefund } from './payment-rules.ts';

export type Refund = typeof refunds.$inferSelect;
export const REFUND_REASONS = ['requested_by_customer', 'returned', 'order_canceled', 'duplicate', 'fraudulent', 'other'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export interface RefundInput {
  payment_intent: string;
  /** Minor units of the charge currency; the whole refundable amount when omitted (and no `components`). */
  amount?: bigint | undefined;
  /**
   * How much of each part to give back, charge-currency minor units (a returned line: its goods and its tax
   * share); parts not named are 0. Without it `amount` is split over what is left of each part
   * (payment-rules.ts splitRefund).
   */
  components?: { goods?: bigint | undefined; shipping?: bigint | undefined; tax?: bigint | undefined } | undefined;
  reason: RefundReason;
}

const fullyRefunded = (currency: string) =>
  new AppError('refund_exceeds_payment', 'The payment has been refunded in full', {
    param: 'amount',
    details: { refundable: '0', currency },
  });

/** The parts a refund gives back, checked against what is `left` of each (in `currency`, the charge currency). */
function partsToRefund(left: ChargeParts, input: RefundInput, currency: string): ChargeParts {
  const refundable = partsTotal(left);
  const c = input.components;
  if (!c) {
    const amount = input.amount ?? refundable;
    if (amount <= 0n) {
      if (refundable === 0n) throw fullyRefunded(currency);
      throw new AppError('invalid_amount', 'A refund is a positive number of minor units', { param: 'amount' });
    }
    if (amount > refundable) {
      throw new AppError('refund_exceeds_payment', `At most ${refundable} minor units of this payment can still be refunded`, {
        param: 'amount',
        details: { refundable: refundable.toString(), currency },
      });
    }
    return splitRefund(left, amount);
  }
  const parts = { goods: c.goods ?? 0n, shipping: c.shipping ?? 0n, tax: c.tax ?? 0n };
  for (const part of CHARGE_PARTS) {
    if (parts[part] < 0n)
      throw new AppError('invalid_amount', 'A refund’s part is zero or more minor units', { param: `components.${part}` });
  }
  const amount = partsTotal(parts);
  if (input.amount !== undefined && input.amount !== amount) {
    throw new AppError('invalid_amount', `The amount must be the sum of the components (${amount})`, { param: 'amount' });
  }
  if (amount === 0n) {
    if (refundable === 0n) throw fullyRefunded(currency);
    throw new AppError('invalid_amount', 'A refund gives back a positive amount of at least one part', { param: 'components' });
  }
  for (const part of CHARGE_PARTS) {
    if (parts[part] > left[part]) {
      throw new AppError('refund_exceeds_payment', `At most ${left[part]} minor units of the ${part} can still be refunded`, {
        param: `components.${part}`,
        details: { refundable: left[part].toString(), currency },
      });
    }
  }
  return parts;
}

/**
 * Give the charge currency back to the payer's wallet. Before release it all comes out of escrow.
 * After, each part comes back from where the release put it: the goods from the merchant's
 * balance in the charge currency, with the commission's share given back to it first
 * (settlement/accrual.ts; the payment fee is not given back), the shipping from logistics
 * revenue, the tax from what is payable to customs (CNY) or as GST (AUD/NZD). The refund's
 * settlement share is the goods' worth at the payment's quote, for the merchant's reference: the
 * merchant's money is converted on payout day, not here.
 */
export async function createRefund(ctx: Ctx, input: RefundInput): Promise<Refund> {
  const before = await getPaymentIntent(ctx, input.payment_intent);
  if (before.status !== 'succeeded') throw unexpectedState(before, 'refunded', 'succeeded');
  const accounts = await releaseAccounts(ctx, before);
  return inTransaction(ctx, async (tx) => {
    const pi = await lockIntent(tx, before.id);
    const cc = chargeCurrencyOf(pi);
    const parts = partsToRefund(refundableParts(pi), input, cc);
    const amount = partsTotal(parts);
    const refunded = refundedParts(pi);
    const share =
      parts.goods > 0n
        ? refundShare(
            {
              charged: pi.goodsCharge ?? 0n,
              settlement: pi.settlementAmount ?? 0n,
              refunded: refunded.goods,
              settlementRefunded: pi.settlementRefunded,
            },
            parts.goods,
          )
        : 0n;
    const id = newId('refund');
    const ref = { type: 'refund', id };
    const wallet = await getAccount(tx, pi.walletAccountId as string);
    const fromEscrow = pi.escrowStatus === 'held';
    const transfers: TransferInput[] = [];
    let commission = 0n;
    if (fromEscrow) {
      transfers.push(move(`refund:${id}`, accounts.escrow, wallet, amount, ref));
    } else {
      if (parts.goods > 0n) {
        const released = pi.releasedGoods ?? pi.goodsCharge ?? 0n;
        const back = await saleRefundTransfers(tx, {
          merchantId: pi.merchantId,
          currency: cc,
          // Commission was taken on the goods released, so it is given back in proportion to them:
          // refunds from escrow before the release are not part of it.
          goods: released,
          goodsRefunded: refunded.goods - ((pi.goodsCharge ?? 0n) - released),
          commission: pi.commissionAmount,
          commissionRefunded: pi.commissionRefunded,
          amount: parts.goods,
          to: wallet,
          transferId: `refund:${id}`,
          reference: ref,
          metadata: { payment_intent: pi.id, order_reference: pi.orderReference },
        });
        transfers.push(...back.transfers);
        commission = back.commission;
      }
      if (parts.shipping > 0n) transfers.push(move(`refund:${id}:shipping`, need(accounts.logistics), wallet, parts.shipping, ref));
      if (parts.tax > 0n) transfers.push(move(`refund:${id}:tax`, need(accounts.taxPayable), wallet, parts.tax, ref));
    }
    await createTransfers(tx, transfers, { batched: transfers.length > 1 });
    const t = now(tx);
    const [refund] = await tx.db
      .insert(refunds)
      .values({
        id,
        paymentIntentId: pi.id,
        merchantId: pi.merchantId,
        amount,
        currency: cc,
        settlementAmount: share,
        settlementCurrency: pi.settlementCurrency,
        goodsAmount: parts.goods,
        shippingAmount: parts.shipping,
        taxAmount: parts.tax,
        source: fromEscrow ? 'escrow' : 'merchant',
        reason: input.reason,
        status: 'succeeded',
        createdBy: `${ctx.principal.kind}:${actorId(ctx.principal) ?? 'anonymous'}`,
        createdAt: t,
      })
      .returning();
    if (!refund) throw new Error('insert returned nothing');
    const refundedAll = pi.refundedAmount + amount === (pi.chargeAmount ?? 0n);
    await tx.db
      .update(paymentIntents)
      .set({
        refundedAmount: pi.refundedAmount + amount,
        settlementRefunded: pi.settlementRefunded + share,
        commissionRefunded: pi.commissionRefunded + commission,
        shippingRefunded: pi.shippingRefunded + parts.shipping,
        taxRefunded: pi.taxRefunded + parts.tax,
        // Nothing left in escrow: the release job has nothing to release.
        ...(fromEscrow && refundedAll ? { escrowStatus: 'refunded' as const } : {}),
        updatedAt: t,
      })
      .where(eq(paymentIntents.id, pi.id));
    await emitEvent(tx, 'refund.succeeded', pi.merchantId, {
      refund_id: id,
      payment_intent_id: pi.id,
      order_reference: pi.orderReference,
      amount: amount.toString(),
      currency: cc,
      amount_details: partsData(parts, cc),
      settlement_amount: share.toString(),
      settlement_currency: pi.settlementCurrency,
      reason: input.reason,
    });
    await recordAudit(tx, {
      action: 'refund.succeeded',
      objectType: 'payment_intent',
      objectId: pi.id,
      merchantId: pi.merchantId,
      data: { refund_id: id, amount: amount.toString(), currency: cc, parts: partsData(parts, cc), reason: input.reason },
    });
    return refund;
  });
}

export async function getRefund(ctx: Ctx, id: string): Promise<Refund> {
  if (!isId('refund', id)) throw notFound('refund', id);
  const [row] = await ctx.db.select().from(refunds).where(eq(refunds.id, id));
  if (!row || !inScope(ctx, row.merchantId)) throw notFound('refund', id);
  if (ctx.principal.kind === 'shopper') {
    const pi = await getPaymentIntent(ctx, row.paymentIntentId);
    if (pi.payerShopperId !== ctx.principal.id) throw notFound('refund', id);
  }
  return row;
}

export async function listRefunds(ctx: Ctx, filter: { payment_intent?: string | undefined }, q: ListQuery): Promise<Page<Refund>> {
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope !== undefined) where.push(eq(refunds.merchantId, scope));
  else if (ctx.principal.kind !== 'shopper') where.push(inLiveWorld(refunds.merchantId));
  if (filter.payment_intent) where.push(eq(refunds.paymentIntentId, filter.payment_intent));
  if (ctx.principal.kind === 'shopper') {
    const paid = ctx.db.select({ id: paymentIntents.id }).from(paymentIntents).where(eq(paymentIntents.payerShopperId, ctx.principal.id));
    where.push(inArray(refunds.paymentIntentId, paid));
  }
  return listPage(ctx.db, refunds, refunds.id, where.length ? and(...where) : undefined, q, 'refund');
}
