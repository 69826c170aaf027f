// Orders (issue 5, "Orders"; PRODUCT.md M7): paying a checkout creates its orders — one per
// merchant per origin — in one transaction with the payment, the buyer's quota and the stock
// kept for them; after that every change of an order is a transition of rules.ts, applied
// under the order's row lock, recorded with who and when, and announced by an event.
// Returns live in returns.ts.
import { inLiveWorld } from '../../kernel/livemode.ts';
import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { actorId, type Ctx, flushPending, inScope, inTransaction, merchantScope, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent, type EventType } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { money } from '../../kernel/money.ts';
import { returnQuota, takeQuotas } from '../compliance/quota.ts';
import { getIdentity, revealIdNumber } from '../identity/verification.ts';
import { closeReservation, holdReservations } from '../inventory/service.ts';
import { createPaymentIntent, getPaymentIntent, lockIntent, payPaymentIntents } from '../payments/intents.ts';
import { markDelivered, markManyDelivered, releaseEscrow } from '../payments/escrow.ts';
import { createRefund, type RefundReason } from '../payments/refunds.ts';
import type { ChargeCurrency } from '../payments/payment-rules.ts';
import { shopperOf } from '../payments/wallets.ts';
import { removeBought } from './cart.ts';
import { type Address, type Checkout, getCheckout } from './checkout.ts';
import { type OrderAction, type OrderActor, type OrderState, transition } from './rules.ts';
import { checkouts, orderLines, orders, orderTransitions } from './schema.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderTransition = typeof orderTransitions.$inferSelect;
export interface Order extends OrderRow {
  lines: OrderLine[];
}

/** The event each transition announces. */
const EVENT_OF: Record<OrderAction, EventType> = {
  pay: 'order.paid',
  start_fulfilment: 'order.fulfilling',
  ship: 'order.shipped',
  deliver: 'order.delivered',
  complete: 'order.completed',
  cancel: 'order.cancelled',
  request_return: 'order.return_requested',
  approve_return: 'order.return_approved',
  reject_return: 'order.return_rejected',
  receive_return: 'order.returned',
  refund_in_full: 'order.refunded',
};

/** Who the caller is to an order's state machine. */
export function actorOf(ctx: Ctx): OrderActor {
  switch (ctx.principal.kind) {
    case 'shopper':
      return 'shopper';
    case 'merchant':
    case 'api_key':
      return 'merchant';
    case 'operator':
      return 'operator';
    case 'system':
      return 'system';
    default:
      throw new AppError('authentication_required', 'Sign in to act on an order');
  }
}

// ---------------------------------------------------------------------------
// Paying a checkout
// ---------------------------------------------------------------------------

/**
 * Pay an open checkout from the buyer's wallet: its orders and their payment intents are
 * created, paid as one linked ledger batch at the checkout's locked FX quotes, the buyer's
 * annual quota is taken for each order's dutiable price, the reserved stock is kept for the
 * orders, and the checkout is completed — all in one transaction. If any of it fails (a short
 * wallet, the quota used up meanwhile by another checkout, the stock released at expiry) none
 * of it happened: the wallet, the quota, the stock and the ledger are as they were, and the
 * checkout stays open to try again until it expires.
 */
export async function payCheckout(ctx: Ctx, id: string): Promise<{ checkout: Checkout; orders: Order[] }> {
  const shopper = shopperOf(ctx);
  const c = await getCheckout(ctx, id);
  assertPayable(ctx, c);
  // The buyer of a CBEC order is a named person with a resident ID (payer = buyer); shoppers
  // in Australia and New Zealand buying from China need no such thing.
  const cbec = c.currency === 'CNY';
  const identity = cbec ? await getIdentity(ctx, shopper.id) : undefined;
  if (cbec && !identity) throw new AppError('identity_required', 'Verify your identity (POST /v1/shopper/identity) before paying');
  const buyer = identity ? { name: identity.realName, id_number: revealIdNumber(ctx, identity) } : undefined;
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.db.select().from(checkouts).where(eq(checkouts.id, id)).for('update');
    if (!locked) throw notFound('checkout', id);
    const checkout = locked as unknown as Checkout;
    assertPayable(tx, checkout);
    const t = now(tx);
    const address = checkout.address as Address;
    const fx = checkout.plan.fx;
    const orderRows: (typeof orders.$inferInsert)[] = [];
    const lineRows: (typeof orderLines.$inferInsert)[] = [];
    const historyRows: (typeof orderTransitions.$inferInsert)[] = [];
    const intentIds: string[] = [];
    const p = tx.principal;
    for (const o of checkout.plan.orders) {
      const orderId = newId('order');
      const priceCurrency = o.lines[0]?.unit_price.currency ?? 'AUD';
      const goodsPrice = o.lines.reduce((a, l) => a + BigInt(l.unit_price.amount) * BigInt(l.quantity), 0n);
      const goods = BigInt(o.totals.goods.amount);
      const shipping = BigInt(o.totals.shipping.amount);
      const tax = BigInt(o.totals.tax.amount);
      const intent = await createPaymentIntent(tx, {
        merchant_id: o.merchant.id,
        order_reference: orderId,
        amount: goodsPrice,
        currency: priceCurrency,
        charge_currency: checkout.currency as ChargeCurrency,
        buyer,
        description: `Order ${orderId}`,
        metadata: { checkout: id, order: orderId },
        charge: { goods, shipping, tax },
      });
      intentIds.push(intent.id);
      // Written paid: the order exists only if the payment below succeeds in this transaction.
      const paid = transition('pending_payment', 'pay', 'system');
      if (!paid.ok) throw new Error(paid.message);
      orderRows.push({
        id: orderId,
        checkoutId: id,
        shopperId: shopper.id,
        merchantId: o.merchant.id,
        state: paid.to,
        originLocationId: o.origin.location_id,
        originKind: o.origin.kind,
        customsMode: o.origin.mode,
        address: checkout.address,
        buyerName: identity?.realName ?? address.recipient,
        buyerIdMasked: intent.buyerIdMasked,
        buyerIdIndex: identity?.idNumberIndex ?? null,
        currency: checkout.currency,
        goods,
        shipping,
        tax,
        total: goods + shipping + tax,
        goodsPrice,
        goodsPriceCurrency: priceCurrency,
        taxDetail: { ...o.tax, lines: undefined } as Record<string, unknown>,
        shippingDetail: { ...o.shipping, options: undefined, parcel: o.parcel } as Record<string, unknown>,
        paymentIntentId: intent.id,
        fxRate: fx[priceCurrency]?.rate ?? null,
        paidAt: t,
        createdAt: t,
        updatedAt: t,
      });
      lineRows.push(
        ...o.lines.map((l, i) => ({
          orderId,
          lineNo: i + 1,
          variantId: l.variant_id,
          productId: l.product_id,
          sku: l.sku,
          name: l.name,
          quantity: l.quantity,
          unitPrice: BigInt(l.unit_price.amount),
          unitPriceCurrency: l.unit_price.currency,
          unitPricePaid: BigInt(l.unit_price_shown.amount),
          taxClass: l.tax_class,
          dutiable: BigInt(o.tax.lines[i]?.dutiable.amount ?? '0'),
          tax: BigInt(o.tax.lines[i]?.tax.amount ?? '0'),
          reservationId: l.reservation_id,
        })),
      );
      const by = { actorKind: p.kind, actorId: actorId(p) ?? null, note: null, at: t };
      historyRows.push(
        { id: newId('orderTransition'), orderId, action: 'create', fromState: null, toState: 'pending_payment', ...by },
        {
          id: newId('orderTransition'),
          orderId,
          action: 'pay',
          fromState: 'pending_payment',
          toState: paid.to,
          ...{ ...by, actorKind: 'system', actorId: null },
        },
      );
    }
    const placedRows = await tx.db.insert(orders).values(orderRows).returning();
    const placedLines = await tx.db.insert(orderLines).values(lineRows).returning();
    await tx.db.insert(orderTransitions).values(historyRows);
    const placed: Order[] = orderRows.map((r) => {
      const row = placedRows.find((x) => x.id === r.id) as OrderRow;
      return { ...row, lines: placedLines.filter((l) => l.orderId === r.id).sort((x, y) => x.lineNo - y.lineNo) };
    });
    for (const o of placed) await emitEvent(tx, EVENT_OF.pay, o.merchantId, orderEventData(o, 'pending_payment'));
    // Everything but the payment first: the payment locks the merchants' escrow rows until the
    // commit, so it comes last (intents.ts payPaymentIntents) with nothing left to write after it.
    await removeBought(
      tx,
      shopper.id,
      checkout.plan.orders.flatMap((o) => o.lines.map((l) => l.variant_id)),
    );
    const [done] = await tx.db
      .update(checkouts)
      .set({
        status: 'completed',
        plan: { ...checkout.plan, order_ids: placed.map((o) => o.id) } as unknown as Record<string, unknown>,
        updatedAt: t,
      })
      .where(eq(checkouts.id, id))
      .returning();
    if (!done) throw new Error('update returned nothing');
    await flushPending(tx);
    await payPaymentIntents(tx, intentIds, {
      quotes: Object.fromEntries(Object.entries(fx).map(([ccy, q]) => [ccy, q.quote_id])),
      identity,
      within: async (ptx) => {
        if (identity) {
          await takeQuotas(ptx, {
            identityIndex: identity.idNumberIndex,
            at: t,
            orders: placed.map((o) => ({
              orderReference: o.id,
              amount: money(BigInt(String((o.taxDetail.dutiable as { amount: string }).amount)), 'CNY'),
            })),
          });
        }
        for (const o of placed) {
          await holdReservations(
            ptx,
            o.lines.map((l) => l.reservationId),
            `order:${o.id}`,
          );
        }
      },
    });
    return { checkout: done as unknown as Checkout, orders: placed };
  });
}

function assertPayable(ctx: Ctx, c: Checkout): void {
  if (c.status === 'completed') {
    throw new AppError('invalid_state', 'The checkout has been paid', { details: { status: c.status } });
  }
  if (c.status !== 'open' || c.expiresAt <= now(ctx)) {
    throw new AppError(
      'checkout_expired',
      `The checkout is ${c.status === 'open' ? 'expired' : c.status}; start a new one from your cart`,
      {
        param: 'checkout',
        details: { status: c.status === 'open' ? 'expired' : c.status },
      },
    );
  }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/** Shoppers read their own orders, merchants theirs, operators any. Others: not found. */
export async function getOrder(ctx: Ctx, id: string): Promise<Order> {
  if (!isId('order', id)) throw notFound('order', id);
  const [row] = await ctx.db.select().from(orders).where(eq(orders.id, id));
  if (!row || !visible(ctx, row)) throw notFound('order', id);
  const lines = await ctx.db.select().from(orderLines).where(eq(orderLines.orderId, id)).orderBy(orderLines.lineNo);
  return { ...row, lines };
}

function visible(ctx: Ctx, row: OrderRow): boolean {
  if (ctx.principal.kind === 'shopper') return row.shopperId === ctx.principal.id;
  return inScope(ctx, row.merchantId);
}

export async function orderHistory(ctx: Ctx, id: string): Promise<OrderTransition[]> {
  return ctx.db.select().from(orderTransitions).where(eq(orderTransitions.orderId, id)).orderBy(orderTransitions.id);
}

export interface OrderFilter {
  state?: OrderState | undefined;
  /** A stock location id, or a kind of origin. */
  origin?: string | undefined;
  customs_mode?: '1210' | '9610' | 'export' | undefined;
  created_from?: Date | undefined;
  created_to?: Date | undefined;
  checkout?: string | undefined;
  /** Operators only: one merchant's or one shopper's. */
  merchant?: string | undefined;
}

/** Newest first: a shopper's own, a merchant's own, or (operators) all, filtered. */
export async function listOrders(ctx: Ctx, f: OrderFilter, q: ListQuery): Promise<Page<Order>> {
  const where: SQL[] = [];
  if (ctx.principal.kind === 'shopper') where.push(eq(orders.shopperId, ctx.principal.id));
  const scope = merchantScope(ctx);
  if (scope !== undefined) where.push(eq(orders.merchantId, scope));
  else if (f.merchant && ctx.principal.kind === 'operator') where.push(eq(orders.merchantId, f.merchant));
  if (scope === undefined && ctx.principal.kind !== 'shopper') where.push(inLiveWorld(orders.merchantId));
  if (f.state) where.push(eq(orders.state, f.state));
  if (f.origin === 'bonded_warehouse' || f.origin === 'merchant_warehouse') where.push(eq(orders.originKind, f.origin));
  else if (f.origin) where.push(eq(orders.originLocationId, f.origin));
  if (f.customs_mode) where.push(eq(orders.customsMode, f.customs_mode));
  if (f.created_from) where.push(gte(orders.createdAt, f.created_from));
  if (f.created_to) where.push(lte(orders.createdAt, f.created_to));
  if (f.checkout) where.push(eq(orders.checkoutId, f.checkout));
  const page = await listPage<typeof orders, OrderRow>(ctx.db, orders, orders.id, where.length ? and(...where) : undefined, q, 'order');
  const ids = page.data.map((o) => o.id);
  const lines = ids.length
    ? await ctx.db.select().from(orderLines).where(inArray(orderLines.orderId, ids)).orderBy(orderLines.orderId, orderLines.lineNo)
    : [];
  return { hasMore: page.hasMore, data: page.data.map((o) => ({ ...o, lines: lines.filter((l) => l.orderId === o.id) })) };
}

// ---------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------

/**
 * Move a locked order by `action` (rules.ts decides whether `actor` may, from its state),
 * record who and when, and announce it. `set` carries the columns the step changes with it.
 */
export async function applyTransition(
  tx: Ctx,
  order: OrderRow,
  action: OrderAction,
  actor: OrderActor,
  opts: { set?: Partial<OrderRow>; note?: string | null; data?: Record<string, unknown> } = {},
): Promise<OrderRow> {
  const r = transition(order.state, action, actor, { wasCompleted: order.completedAt !== null });
  if (!r.ok) throw new AppError(r.reason === 'forbidden' ? 'forbidden' : 'invalid_state', r.message, { details: { state: order.state } });
  const t = now(tx);
  const [row] = await tx.db
    .update(orders)
    .set({ ...opts.set, state: r.to, updatedAt: t })
    .where(eq(orders.id, order.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  const p = tx.principal;
  await tx.db.insert(orderTransitions).values({
    id: newId('orderTransition'),
    orderId: order.id,
    action,
    fromState: order.state,
    toState: r.to,
    actorKind: p.kind,
    actorId: actorId(p) ?? null,
    note: opts.note ?? null,
    at: t,
  });
  await emitEvent(tx, EVENT_OF[action], row.merchantId, { ...orderEventData(row, order.state), ...opts.data });
  return row;
}

/** What an order event says: the order, its state and the one before, its total. */
function orderEventData(row: OrderRow, previous: OrderState): Record<string, unknown> {
  return {
    order_id: row.id,
    checkout_id: row.checkoutId,
    state: row.state,
    previous_state: previous,
    total: { amount: row.total.toString(), currency: row.currency },
  };
}

/** Lock the order (visible to the caller) and run `fn` on it in one transaction. */
export async function withOrder<T>(ctx: Ctx, id: string, fn: (tx: Ctx, order: Order) => Promise<T>): Promise<T> {
  await getOrder(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(orders).where(eq(orders.id, id)).for('update');
    if (!row) throw notFound('order', id);
    const lines = await tx.db.select().from(orderLines).where(eq(orderLines.orderId, id)).orderBy(orderLines.lineNo);
    return fn(tx, { ...row, lines });
  });
}

/** The merchant starts packing it. */
export function startFulfilment(ctx: Ctx, id: string): Promise<OrderRow> {
  return withOrder(ctx, id, (tx, o) => applyTransition(tx, o, 'start_fulfilment', actorOf(ctx)));
}

/**
 * The goods left the origin: the stock kept for the order goes out of the location. Until the
 * logistics issue books shipments, the merchant (or an operator) records it, with the carrier's
 * tracking number if there is one.
 */
export function shipOrder(
  ctx: Ctx,
  id: string,
  input: { carrier?: string | undefined; tracking_number?: string | undefined },
): Promise<OrderRow> {
  return withOrder(ctx, id, async (tx, o) => {
    const row = await applyTransition(tx, o, 'ship', actorOf(ctx), {
      set: {
        shippedAt: now(tx),
        shippingDetail: { ...o.shippingDetail, carrier: input.carrier ?? null, tracking_number: input.tracking_number ?? null },
      },
      data: { tracking_number: input.tracking_number ?? null },
    });
    for (const l of o.lines) await closeReservation(tx, l.reservationId, 'ship');
    return row;
  });
}

/** Delivered to the buyer: the escrow clock starts (payments releases it ESCROW_RELEASE_DAYS later unless the buyer confirms first). */
export function deliverOrder(ctx: Ctx, id: string, deliveredAt?: Date): Promise<OrderRow> {
  const at = deliveredAt ?? now(ctx);
  if (at.getTime() > now(ctx).getTime())
    throw new AppError('invalid_request', 'A delivery time cannot be in the future', { param: 'delivered_at' });
  return withOrder(ctx, id, async (tx, o) => {
    if (o.shippedAt && at < o.shippedAt) {
      throw new AppError('invalid_request', `The order shipped at ${o.shippedAt.toISOString()}; it cannot be delivered before`, {
        param: 'delivered_at',
      });
    }
    const row = await applyTransition(tx, o, 'deliver', actorOf(ctx), { set: { deliveredAt: at } });
    if (o.paymentIntentId) await markDelivered(tx, o.paymentIntentId, at);
    return row;
  });
}

/** Lock orders for a batch step, in id order, so that two batches never wait on each other in a cycle. */
export async function lockOrders(tx: Ctx, ids: readonly string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return tx.db
    .select()
    .from(orders)
    .where(inArray(orders.id, [...new Set(ids)]))
    .orderBy(orders.id)
    .for('update');
}

/**
 * The platform delivers shipped orders it has locked (lockOrders), each at its own time — a
 * carrier delivered their last parcels: the `deliver` transition of rules.ts for each, then one
 * update, one history insert and the payments marked delivered in one statement (the escrow
 * clock starts), however many orders a carrier's delivery completed.
 */
export async function deliverLockedOrders(tx: Ctx, items: readonly { order: OrderRow; at: Date }[]): Promise<void> {
  if (items.length === 0) return;
  for (const { order } of items) {
    const r = transition(order.state, 'deliver', 'system');
    if (!r.ok) throw new AppError('invalid_state', r.message, { details: { state: order.state } });
  }
  const t = now(tx);
  const values = sql.join(
    items.map((i) => sql`(${i.order.id}, ${i.at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  await tx.db
    .update(orders)
    .set({ state: 'delivered', deliveredAt: sql`v.at`, updatedAt: t })
    .from(sql`(values ${values}) as v(id, at)`)
    .where(eq(orders.id, sql`v.id`));
  const p = tx.principal;
  await tx.db.insert(orderTransitions).values(
    items.map((i) => ({
      id: newId('orderTransition'),
      orderId: i.order.id,
      action: 'deliver',
      fromState: i.order.state,
      toState: 'delivered',
      actorKind: p.kind,
      actorId: actorId(p) ?? null,
      note: null,
      at: t,
    })),
  );
  for (const i of items) {
    await emitEvent(tx, EVENT_OF.deliver, i.order.merchantId, orderEventData({ ...i.order, state: 'delivered' }, i.order.state));
  }
  await markManyDelivered(
    tx,
    items.flatMap((i) => (i.order.paymentIntentId ? [{ id: i.order.paymentIntentId, at: i.at }] : [])),
  );
}

/** The buyer confirms receipt (or the platform does, after the escrow period): the merchant is paid. */
export function completeOrder(ctx: Ctx, id: string): Promise<OrderRow> {
  return withOrder(ctx, id, async (tx, o) => {
    const row = await applyTransition(tx, o, 'complete', actorOf(ctx), { set: { completedAt: now(tx) } });
    await releaseIfHeld(
      tx,
      o,
      ctx.principal.kind === 'shopper' ? 'receipt_confirmed' : ctx.principal.kind === 'operator' ? 'operator' : 'auto',
    );
    return row;
  });
}

async function releaseIfHeld(tx: Ctx, o: OrderRow, reason: 'receipt_confirmed' | 'auto' | 'operator'): Promise<void> {
  if (!o.paymentIntentId) return;
  // Locked, so a release by the escrow job at the same moment is waited for and then seen: reading
  // without the lock, both would release and the loser's completion would be rolled back.
  const pi = await lockIntent(tx, o.paymentIntentId);
  if (pi.escrowStatus === 'held') await releaseEscrow(tx, pi.id, reason);
}

/**
 * Cancel before shipment (the buyer, the merchant or an operator): the payment is refunded in
 * full, the stock goes back to the location, and the buyer's quota is given back.
 */
export function cancelOrder(ctx: Ctx, id: string, input: { reason?: string | undefined }): Promise<OrderRow> {
  return withOrder(ctx, id, async (tx, o) => {
    const row = await applyTransition(tx, o, 'cancel', actorOf(ctx), { set: { cancelledAt: now(tx) }, note: input.reason ?? null });
    return undoOrder(tx, row, o, 'order_canceled');
  });
}

/**
 * A refund in full of an order that is neither cancelled nor returned (a merchant's or an
 * operator's decision, e.g. goods lost in transit): everything still refundable goes back, the
 * quota too, and stock not yet shipped returns to the location.
 */
export function refundOrder(ctx: Ctx, id: string, input: { reason?: string | undefined }): Promise<OrderRow> {
  return withOrder(ctx, id, async (tx, o) => {
    const row = await applyTransition(tx, o, 'refund_in_full', actorOf(ctx), { note: input.reason ?? null });
    return undoOrder(tx, row, o, 'requested_by_customer');
  });
}

async function undoOrder(tx: Ctx, row: OrderRow, before: Order, reason: RefundReason): Promise<OrderRow> {
  let refunded = row.refunded;
  // The quota before the money: payments lock the buyer's quota row before the ledger accounts, so must we.
  await returnQuota(tx, { orderReference: before.id });
  if (before.paymentIntentId && before.state !== 'pending_payment') {
    const pi = await getPaymentIntent(tx, before.paymentIntentId);
    const left = (pi.chargeAmount ?? 0n) - pi.refundedAmount;
    if (left > 0n) await createRefund(tx, { payment_intent: pi.id, reason });
    // Everything refunded on the payment, also what was refunded directly before.
    refunded = (await getPaymentIntent(tx, pi.id)).refundedAmount;
  }
  if (before.shippedAt === null) {
    for (const l of before.lines) {
      await closeReservation(tx, l.reservationId, 'release').catch((e: unknown) => {
        if (!(e instanceof AppError && e.code === 'invalid_state')) throw e;
      });
    }
  }
  const [updated] = await tx.db.update(orders).set({ refunded }).where(eq(orders.id, row.id)).returning();
  if (!updated) throw new Error('update returned nothing');
  return updated;
}

/** The job: delivered orders whose escrow period has run out are completed (and their escrow released). */
export async function completeDueOrders(ctx: Ctx, batch = 100): Promise<number> {
  const before = new Date(now(ctx).getTime() - ctx.rt.config.ESCROW_RELEASE_DAYS * 86_400_000);
  const due = await ctx.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.state, 'delivered'), lte(orders.deliveredAt, before)))
    .limit(batch);
  let n = 0;
  for (const { id } of due) {
    try {
      await completeOrder(ctx, id);
      n++;
    } catch (e) {
      // Completed, returned or refunded meanwhile: nothing to do.
      if (!(e instanceof AppError && e.code === 'invalid_state')) throw e;
    }
  }
  return n;
}
