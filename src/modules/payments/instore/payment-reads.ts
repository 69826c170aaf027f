// Reading in-store payments (payments.ts has the flows): who may see which, the lazy expiry of
// open ones, and the keys the payment code and the till's QR are made with.
import { createHmac } from 'node:crypto';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { type Ctx, merchantScope, now } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../../kernel/http/pagination.ts';
import { isId } from '../../../kernel/ids.ts';
import { shopperOf } from '../wallets.ts';
import { qrPayload } from './codes.ts';
import { OPEN_STATUSES, statusAt } from './rules.ts';
import { type InstorePaymentStatus, instorePayments, instoreRefunds } from './schema.ts';
import { getTill } from './stores.ts';

export type InstorePayment = typeof instorePayments.$inferSelect;
export type InstoreRefund = typeof instoreRefunds.$inferSelect;

// ---------------------------------------------------------------------------
// Keys: both derive from the platform secret, one per purpose
// ---------------------------------------------------------------------------

const secrets = new WeakMap<Ctx['rt'], { code: Buffer; qr: Buffer }>();
function keysOf(ctx: Ctx): { code: Buffer; qr: Buffer } {
  let k = secrets.get(ctx.rt);
  if (!k) {
    const derive = (label: string) => createHmac('sha256', ctx.rt.keys.signing).update(label).digest();
    k = { code: derive('tasman/instore/payment-code/v1'), qr: derive('tasman/instore/qr/v1') };
    secrets.set(ctx.rt, k);
  }
  return k;
}
export const paymentCodeSecret = (ctx: Ctx): Buffer => keysOf(ctx).code;
export const qrSecret = (ctx: Ctx): Buffer => keysOf(ctx).qr;

// ---------------------------------------------------------------------------
// Who may see what
// ---------------------------------------------------------------------------

/** The till a POS key acts for; any other principal is refused. */
export function posTillId(ctx: Ctx): string {
  const p = ctx.principal;
  if (p.kind !== 'api_key' || p.tillId === undefined) throw new AppError('forbidden', 'Only a till’s POS key takes payments');
  return p.tillId;
}

/** The store a POS key's till is in (a POS key sees that store's payments only), or undefined for other principals. */
async function posStoreId(ctx: Ctx): Promise<string | undefined> {
  const p = ctx.principal;
  if (p.kind !== 'api_key' || p.tillId === undefined) return undefined;
  return (await getTill(ctx, p.tillId)).storeId;
}

/** Merchant side: their own merchant's (a POS key: its store's); operators: all; others nothing. */
async function visibleToMerchantSide(ctx: Ctx, row: InstorePayment): Promise<boolean> {
  const mid = merchantScope(ctx);
  if (mid !== undefined && row.merchantId !== mid) return false;
  const storeId = await posStoreId(ctx);
  if (storeId !== undefined && row.storeId !== storeId) return false;
  return ctx.principal.kind !== 'shopper' && ctx.principal.kind !== 'anonymous';
}

export async function readRow(ctx: Ctx, id: string): Promise<InstorePayment | undefined> {
  if (!isId('instorePayment', id)) return undefined;
  const [row] = await ctx.db.select().from(instorePayments).where(eq(instorePayments.id, id));
  return row;
}

/** Record that an open payment ran out (a read notices first); returns the row as it now is. */
async function expireIfDue(ctx: Ctx, row: InstorePayment): Promise<InstorePayment> {
  if (statusAt(row.status, row.expiresAt, now(ctx)) !== 'expired' || row.status === 'expired') return row;
  const [updated] = await ctx.db
    .update(instorePayments)
    .set({ status: 'expired', updatedAt: now(ctx) })
    .where(and(eq(instorePayments.id, row.id), inArray(instorePayments.status, [...OPEN_STATUSES])))
    .returning();
  return updated ?? (await readRow(ctx, row.id)) ?? row;
}

/** A payment the merchant side may see (a POS key: of its store); anything else is a 404. */
export async function getInstorePayment(ctx: Ctx, id: string): Promise<InstorePayment> {
  const row = await readRow(ctx, id);
  if (!row || !(await visibleToMerchantSide(ctx, row))) throw notFound('in-store payment', id);
  return expireIfDue(ctx, row);
}

/** A payment the shopper paid or is asked to confirm; others' are a 404. */
export async function getShopperInstorePayment(ctx: Ctx, id: string): Promise<InstorePayment> {
  const shopper = shopperOf(ctx);
  const row = await readRow(ctx, id);
  if (!row || row.shopperId !== shopper.id) throw notFound('in-store payment', id);
  return expireIfDue(ctx, row);
}

/** Reads for a receipt: the merchant side as above, or the shopper who paid. */
export async function getPaymentForReceipt(ctx: Ctx, id: string): Promise<InstorePayment> {
  const payment = ctx.principal.kind === 'shopper' ? await getShopperInstorePayment(ctx, id) : await getInstorePayment(ctx, id);
  if (payment.status !== 'succeeded') {
    throw new AppError('invalid_state', `The payment is ${payment.status}; a receipt is for a paid payment`, {
      details: { status: payment.status },
    });
  }
  return payment;
}

export async function listInstorePayments(
  ctx: Ctx,
  filter: { store_id?: string | undefined; till_id?: string | undefined; status?: InstorePaymentStatus | undefined },
  q: ListQuery,
): Promise<Page<InstorePayment>> {
  const where: SQL[] = [];
  const mid = merchantScope(ctx);
  if (mid !== undefined) where.push(eq(instorePayments.merchantId, mid));
  const posStore = await posStoreId(ctx);
  if (posStore !== undefined) where.push(eq(instorePayments.storeId, posStore));
  if (ctx.principal.kind === 'shopper') where.push(eq(instorePayments.shopperId, ctx.principal.id));
  if (filter.store_id) where.push(eq(instorePayments.storeId, filter.store_id));
  if (filter.till_id) where.push(eq(instorePayments.tillId, filter.till_id));
  if (filter.status) where.push(eq(instorePayments.status, filter.status));
  return listPage(ctx.db, instorePayments, instorePayments.id, and(...where), q, 'instorePayment');
}

export async function refundsOf(ctx: Ctx, paymentIds: readonly string[]): Promise<Map<string, InstoreRefund[]>> {
  const out = new Map<string, InstoreRefund[]>();
  if (!paymentIds.length) return out;
  const rows = await ctx.db
    .select()
    .from(instoreRefunds)
    .where(inArray(instoreRefunds.paymentId, [...paymentIds]))
    .orderBy(instoreRefunds.id);
  for (const r of rows) out.set(r.paymentId, [...(out.get(r.paymentId) ?? []), r]);
  return out;
}

/** The signed text of a merchant_qr payment's QR (codes.ts qrPayload), amount included. */
export function qrOf(ctx: Ctx, p: InstorePayment): string {
  if (p.flow !== 'merchant_qr') throw new AppError('invalid_state', 'Only a merchant_qr payment has a QR to show');
  return qrPayload(qrSecret(ctx), {
    requestId: p.id,
    expiresAt: p.expiresAt,
    amount: { minor: p.amount, currency: p.currency as 'AUD' | 'NZD' },
  });
}
