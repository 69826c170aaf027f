// Returns after delivery (issue 5, "Orders": request with reason, merchant approves, refund on
// receipt; partial refunds by line). The buyer asks within seven days of delivery (rules.ts
// RETURN_WINDOW_DAYS) for some or all units of the order's lines; the merchant approves or
// refuses; when the goods arrive back the buyer is refunded what those units cost them — their
// goods and their share of the import tax, not the shipping — and the quota they took is given
// back. One return per order.
import { and, eq } from 'drizzle-orm';
import { type Ctx, now } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { money } from '../../kernel/money.ts';
import { returnQuota } from '../compliance/quota.ts';
import { getPaymentIntent, refundableParts } from '../payments/intents.ts';
import { createRefund } from '../payments/refunds.ts';
import { unitShare, withinReturnWindow, RETURN_WINDOW_DAYS } from './rules.ts';
import { orderLines, orderReturns, orders } from './schema.ts';
import { actorOf, applyTransition, type Order, type OrderRow, withOrder } from './service.ts';

export const RETURN_REASONS = ['no_reason', 'damaged', 'wrong_item', 'not_as_described', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export type OrderReturn = typeof orderReturns.$inferSelect;

export interface ReturnInput {
  reason: ReturnReason;
  description?: string | undefined;
  /** Which units go back; every unit of every line when omitted. */
  lines?: { line_no: number; quantity: number }[] | undefined;
}

/** What returning `lines` gives back: goods at what the buyer paid, their share of the tax, and of the quota. */
export function returnAmounts(order: Order, lines: readonly { line_no: number; quantity: number }[]) {
  let goods = 0n;
  let tax = 0n;
  let dutiable = 0n;
  for (const r of lines) {
    const line = order.lines.find((l) => l.lineNo === r.line_no);
    if (!line) throw new RangeError(`no line ${r.line_no}`);
    goods += line.unitPricePaid * BigInt(r.quantity);
    tax += unitShare(line.tax, r.quantity, line.quantity);
    dutiable += unitShare(line.dutiable, r.quantity, line.quantity);
  }
  return { goods, tax, dutiable };
}

export async function getReturn(ctx: Ctx, orderId: string): Promise<OrderReturn | null> {
  const [row] = await ctx.db.select().from(orderReturns).where(eq(orderReturns.orderId, orderId));
  return row ?? null;
}

/** The buyer asks to send goods back (delivered or completed orders, within the window). */
export function requestReturn(ctx: Ctx, id: string, input: ReturnInput): Promise<{ order: OrderRow; return: OrderReturn }> {
  return withOrder(ctx, id, async (tx, o) => {
    if (await getReturn(tx, o.id)) throw new AppError('invalid_state', 'This order already has a return', { details: { state: o.state } });
    if (o.deliveredAt && !withinReturnWindow(o.deliveredAt, now(tx))) {
      throw new AppError('return_window_closed', `Returns are accepted within ${RETURN_WINDOW_DAYS} days of delivery`, {
        details: { delivered_at: o.deliveredAt.toISOString(), days: RETURN_WINDOW_DAYS },
      });
    }
    const lines = input.lines ?? o.lines.map((l) => ({ line_no: l.lineNo, quantity: l.quantity }));
    if (!lines.length) throw new AppError('invalid_request', 'Name at least one line to return', { param: 'lines' });
    const seen = new Set<number>();
    for (const [i, r] of lines.entries()) {
      const line = o.lines.find((l) => l.lineNo === r.line_no);
      if (!line || seen.has(r.line_no)) {
        throw new AppError('invalid_request', `The order has lines 1 to ${o.lines.length}, each named once`, {
          param: `lines[${i}].line_no`,
        });
      }
      seen.add(r.line_no);
      if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > line.quantity) {
        throw new AppError('invalid_request', `Line ${r.line_no} has ${line.quantity} units`, { param: `lines[${i}].quantity` });
      }
    }
    const row = await applyTransition(tx, o, 'request_return', actorOf(ctx), { note: input.reason });
    const amounts = returnAmounts(o, lines);
    if (o.paymentIntentId) {
      const left = refundableParts(await getPaymentIntent(tx, o.paymentIntentId));
      if (amounts.goods > left.goods) amounts.goods = left.goods;
      if (amounts.tax > left.tax) amounts.tax = left.tax;
    }
    const t = now(tx);
    const [ret] = await tx.db
      .insert(orderReturns)
      .values({
        id: newId('orderReturn'),
        orderId: o.id,
        merchantId: o.merchantId,
        status: 'requested',
        reason: input.reason,
        description: input.description ?? null,
        lines,
        refundAmount: amounts.goods + amounts.tax,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!ret) throw new Error('insert returned nothing');
    return { order: row, return: ret };
  });
}

async function openReturn(tx: Ctx, o: OrderRow, wanted: OrderReturn['status']): Promise<OrderReturn> {
  const ret = await getReturn(tx, o.id);
  if (!ret || ret.status !== wanted) {
    throw new AppError('invalid_state', `The order's return is ${ret?.status ?? 'not requested'}; this needs it ${wanted}`, {
      details: { return_status: ret?.status ?? null },
    });
  }
  return ret;
}

async function setReturn(tx: Ctx, ret: OrderReturn, patch: Partial<OrderReturn>): Promise<OrderReturn> {
  const [row] = await tx.db
    .update(orderReturns)
    .set({ ...patch, updatedAt: now(tx) })
    .where(eq(orderReturns.id, ret.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

/** The merchant agrees to take the goods back; the buyer sends them. */
export function approveReturn(
  ctx: Ctx,
  id: string,
  input: { note?: string | undefined },
): Promise<{ order: OrderRow; return: OrderReturn }> {
  return withOrder(ctx, id, async (tx, o) => {
    const ret = await openReturn(tx, o, 'requested');
    const row = await applyTransition(tx, o, 'approve_return', actorOf(ctx), { note: input.note ?? null });
    return { order: row, return: await setReturn(tx, ret, { status: 'approved', decisionNote: input.note ?? null }) };
  });
}

/** The merchant refuses (with a reason the buyer sees); the order goes back to where it was. */
export function rejectReturn(ctx: Ctx, id: string, input: { note: string }): Promise<{ order: OrderRow; return: OrderReturn }> {
  return withOrder(ctx, id, async (tx, o) => {
    const ret = await getReturn(tx, o.id);
    if (!ret || (ret.status !== 'requested' && ret.status !== 'approved')) {
      throw new AppError('invalid_state', `The order's return is ${ret?.status ?? 'not requested'}`, {
        details: { return_status: ret?.status ?? null },
      });
    }
    const row = await applyTransition(tx, o, 'reject_return', actorOf(ctx), { note: input.note });
    return { order: row, return: await setReturn(tx, ret, { status: 'rejected', decisionNote: input.note }) };
  });
}

/**
 * The goods arrived back: the buyer is refunded for the returned units (goods + their tax, from
 * escrow or, once released, from the merchant), and their quota share is given back.
 */
export function receiveReturn(ctx: Ctx, id: string): Promise<{ order: OrderRow; return: OrderReturn }> {
  return withOrder(ctx, id, async (tx, o) => {
    const ret = await openReturn(tx, o, 'approved');
    const amounts = returnAmounts(o, ret.lines);
    await applyTransition(tx, o, 'receive_return', actorOf(ctx), {
      data: { refund: { amount: (amounts.goods + amounts.tax).toString(), currency: o.currency } },
    });
    if (!o.paymentIntentId) throw new Error('a paid order has a payment intent');
    // The quota before the money (the lock order of payments: quota row, then ledger accounts).
    await returnQuota(tx, { orderReference: o.id, amount: money(amounts.dutiable, 'CNY') });
    // Money refunded on the payment meanwhile (a goodwill refund by the merchant) is not given twice.
    const left = refundableParts(await getPaymentIntent(tx, o.paymentIntentId));
    // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
    const goods = amounts.goods < left.goods ? amounts.goods : left.goods;
    // biome-ignore lint/complexity/useMathMinMax: bigints
    const tax = amounts.tax < left.tax ? amounts.tax : left.tax;
    const refund =
      goods + tax > 0n
        ? await createRefund(tx, { payment_intent: o.paymentIntentId, components: { goods, tax, shipping: 0n }, reason: 'returned' })
        : null;
    for (const r of ret.lines) {
      await tx.db
        .update(orderLines)
        .set({ returnedQuantity: r.quantity })
        .where(and(eq(orderLines.orderId, o.id), eq(orderLines.lineNo, r.line_no)));
    }
    const [updated] = await tx.db
      .update(orders)
      .set({ refunded: (await getPaymentIntent(tx, o.paymentIntentId)).refundedAmount })
      .where(eq(orders.id, o.id))
      .returning();
    if (!updated) throw new Error('update returned nothing');
    return { order: updated, return: await setReturn(tx, ret, { status: 'received', refundId: refund?.id ?? null }) };
  });
}
