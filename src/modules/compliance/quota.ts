// CBEC quotas per buyer identity (PRODUCT.md X2; MOF/GAC/SAT 2018 No. 49 §1–2): the dutiable
// price of a buyer's orders counts towards RMB 26,000 per China calendar year. Usage is taken
// when an order is paid, inside the payment's transaction, and given back when the order is
// cancelled or refunded.
//
// Concurrency: every taker and giver first locks the identity-year row (an upsert, so the first
// order of a year creates it under the same lock). Checkouts of one person on any number of
// processes therefore run one after another on that row, each seeing what the others committed,
// and together never pass the limit; the table's CHECK refuses a total over it regardless.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Ctx, atomically, now } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { type Money, money, toApi, toDecimal } from '../../kernel/money.ts';
import { CBEC_ANNUAL_LIMIT, CBEC_TRANSACTION_LIMIT } from './limits.ts';
import { type CbecAssessment, type CbecRefusal, chinaYear, chinaYearStart } from './rules.ts';
import { cbecQuotaUsages, cbecQuotaYears } from './schema.ts';

export type QuotaUsageRow = typeof cbecQuotaUsages.$inferSelect;

export interface QuotaUsage {
  orderReference: string;
  identityIndex: string;
  year: number;
  /** What the order took. */
  taken: Money;
  /** Given back so far. */
  returned: Money;
  takenAt: Date;
}

export interface QuotaReturn extends QuotaUsage {
  /** Given back by this call. */
  givenBack: Money;
}

export interface QuotaStatus {
  year: number;
  limit: Money;
  used: Money;
  remaining: Money;
  perOrderLimit: Money;
  /** When the next China year starts and the annual total starts again from zero. */
  resetsAt: Date;
}

const cny = (fen: bigint) => money(fen, 'CNY');

function usageOf(row: QuotaUsageRow): QuotaUsage {
  return {
    orderReference: row.orderReference,
    identityIndex: row.identityIndex,
    year: row.year,
    taken: cny(row.amount),
    returned: cny(row.returned),
    takenAt: row.takenAt,
  };
}

/** The refusal of 2018 No. 49 §1–2, with what is left of the year (minor units and currency). */
export function annualQuotaExceeded(remaining: bigint, requested: bigint): AppError {
  const left = cny(remaining > 0n ? remaining : 0n);
  return new AppError(
    'annual_quota_exceeded',
    `The order’s dutiable price of ${toDecimal(cny(requested))} CNY would take the buyer past the annual cross-border limit of ` +
      `${toDecimal(cny(CBEC_ANNUAL_LIMIT))} CNY: ${toDecimal(left)} CNY is left this year`,
    { details: { remaining: toApi(left), limit: toApi(cny(CBEC_ANNUAL_LIMIT)), requested: toApi(cny(requested)) } },
  );
}

/** The AppError for a refusal of rules.ts assessCbecOrder. */
export function cbecRefusalError(r: CbecRefusal): AppError {
  if (r.code === 'annual_quota_exceeded') return annualQuotaExceeded(r.remaining?.amount ?? 0n, r.dutiable.amount);
  return new AppError('order_limit_exceeded', r.message, { details: { limit: toApi(r.limit), requested: toApi(r.dutiable) } });
}

/** The assessment of an order the checkout may go on with; the refusals as errors. */
export function assertCbecAllowed(result: CbecAssessment | CbecRefusal): CbecAssessment {
  if (!result.ok) throw cbecRefusalError(result);
  return result;
}

function checkAmount(amount: Money, param: string): bigint {
  if (amount.currency !== 'CNY') {
    throw new AppError('currency_mismatch', 'Quotas count the dutiable price in CNY', { param });
  }
  if (amount.amount <= 0n) throw new AppError('invalid_amount', 'The amount is positive', { param });
  return amount.amount;
}

/** Lock (creating if need be) the identity-year row; returns what is used. */
async function lockYear(tx: Ctx, identityIndex: string, year: number): Promise<bigint> {
  const t = now(tx);
  const [row] = await tx.db
    .insert(cbecQuotaYears)
    .values({ identityIndex, year, used: 0n, updatedAt: t })
    // A no-op update rather than DO NOTHING: it locks the existing row and returns it, in one statement.
    .onConflictDoUpdate({
      target: [cbecQuotaYears.identityIndex, cbecQuotaYears.year],
      set: { updatedAt: sql`${cbecQuotaYears.updatedAt}` },
    })
    .returning({ used: cbecQuotaYears.used });
  if (!row) throw new Error('quota upsert returned nothing');
  return row.used;
}

/**
 * Take `amount` (the order's dutiable price, CNY) from the buyer's annual quota for the China
 * year of `at` (the payment time). Call it inside the payment's transaction: the usage commits or
 * rolls back with the payment. Refused with `annual_quota_exceeded` (details.remaining) when it
 * does not fit. Idempotent per `orderReference`: taking again for the same order and amount
 * returns the first usage and takes nothing more; another identity or amount for a reference
 * already used is `already_exists`.
 */
export async function takeQuota(
  ctx: Ctx,
  input: { identityIndex: string; orderReference: string; amount: Money; at?: Date | undefined },
): Promise<QuotaUsage> {
  const [usage] = await takeQuotas(ctx, { identityIndex: input.identityIndex, at: input.at, orders: [input] });
  return usage as QuotaUsage;
}

/**
 * `takeQuota` for several orders of one buyer (one checkout): one lock of the identity-year row,
 * all or nothing — together they fit in what is left of the year, or none is taken.
 */
export async function takeQuotas(
  ctx: Ctx,
  input: { identityIndex: string; at?: Date | undefined; orders: readonly { orderReference: string; amount: Money }[] },
): Promise<QuotaUsage[]> {
  const orders = input.orders.map((o, i) => {
    if (!o.orderReference) throw new AppError('invalid_request', 'An order reference is required', { param: 'order_reference' });
    return { ref: o.orderReference, amount: checkAmount(o.amount, input.orders.length > 1 ? `orders.${i}.amount` : 'amount') };
  });
  if (!orders.length) return [];
  const year = chinaYear(input.at ?? now(ctx));
  return atomically(ctx, async (tx) => {
    const used = await lockYear(tx, input.identityIndex, year);
    // Read under the lock: a concurrent take of the same order has committed or not started.
    const existing = new Map(
      (
        await tx.db
          .select()
          .from(cbecQuotaUsages)
          .where(
            inArray(
              cbecQuotaUsages.orderReference,
              orders.map((o) => o.ref),
            ),
          )
      ).map((r) => [r.orderReference, r]),
    );
    const fresh = orders.filter((o) => {
      const e = existing.get(o.ref);
      if (!e) return true;
      if (e.identityIndex === input.identityIndex && e.amount === o.amount) return false;
      throw new AppError('already_exists', `Quota was already taken for order ${o.ref} with another buyer or amount`, {
        param: 'order_reference',
      });
    });
    const adding = fresh.reduce((a, o) => a + o.amount, 0n);
    if (used + adding > CBEC_ANNUAL_LIMIT) throw annualQuotaExceeded(CBEC_ANNUAL_LIMIT - used, adding);
    const t = now(tx);
    let made: QuotaUsageRow[] = [];
    if (fresh.length) {
      await tx.db
        .update(cbecQuotaYears)
        .set({ used: sql`${cbecQuotaYears.used} + ${adding}`, updatedAt: t })
        .where(and(eq(cbecQuotaYears.identityIndex, input.identityIndex), eq(cbecQuotaYears.year, year)));
      made = await tx.db
        .insert(cbecQuotaUsages)
        .values(
          fresh.map((o) => ({
            orderReference: o.ref,
            identityIndex: input.identityIndex,
            year,
            amount: o.amount,
            returned: 0n,
            currency: 'CNY',
            takenAt: t,
            updatedAt: t,
          })),
        )
        .returning();
    }
    const rows = new Map([...existing, ...made.map((r) => [r.orderReference, r] as const)]);
    return orders.map((o) => usageOf(rows.get(o.ref) as QuotaUsageRow));
  });
}

/**
 * Give back quota an order took: all that is left of it (no `amount`: a cancellation or a full
 * refund), or part (a partial refund). Never more than was taken: an amount beyond what is left
 * gives back what is left, and giving back a fully returned order gives back nothing (so a
 * retried cancellation is harmless). It goes back to the year it was taken in. Null when no quota
 * was taken under `orderReference`.
 */
export async function returnQuota(ctx: Ctx, input: { orderReference: string; amount?: Money | undefined }): Promise<QuotaReturn | null> {
  const wanted = input.amount === undefined ? undefined : checkAmount(input.amount, 'amount');
  return atomically(ctx, async (tx) => {
    const [found] = await tx.db.select().from(cbecQuotaUsages).where(eq(cbecQuotaUsages.orderReference, input.orderReference));
    if (!found) return null;
    // The year row first, as takers lock it: one lock order, no deadlock; then the usage afresh.
    await lockYear(tx, found.identityIndex, found.year);
    const [usage] = await tx.db.select().from(cbecQuotaUsages).where(eq(cbecQuotaUsages.orderReference, input.orderReference));
    if (!usage) throw new Error('quota usage vanished under the lock');
    const left = usage.amount - usage.returned;
    const give = wanted === undefined || wanted > left ? left : wanted;
    if (give === 0n) return { ...usageOf(usage), givenBack: cny(0n) };
    const t = now(tx);
    const [row] = await tx.db
      .update(cbecQuotaUsages)
      .set({ returned: sql`${cbecQuotaUsages.returned} + ${give}`, updatedAt: t })
      .where(eq(cbecQuotaUsages.orderReference, input.orderReference))
      .returning();
    await tx.db
      .update(cbecQuotaYears)
      .set({ used: sql`${cbecQuotaYears.used} - ${give}`, updatedAt: t })
      .where(and(eq(cbecQuotaYears.identityIndex, usage.identityIndex), eq(cbecQuotaYears.year, usage.year)));
    if (!row) throw new Error('update returned nothing');
    return { ...usageOf(row), givenBack: cny(give) };
  });
}

/** The buyer's quota in the China year of `at`: limit, used, remaining, and the per-order limit. */
export async function remainingQuota(ctx: Ctx, identityIndex: string, at: Date = now(ctx)): Promise<QuotaStatus> {
  const year = chinaYear(at);
  const [row] = await ctx.db
    .select({ used: cbecQuotaYears.used })
    .from(cbecQuotaYears)
    .where(and(eq(cbecQuotaYears.identityIndex, identityIndex), eq(cbecQuotaYears.year, year)));
  const used = row?.used ?? 0n;
  return {
    year,
    limit: cny(CBEC_ANNUAL_LIMIT),
    used: cny(used),
    remaining: cny(CBEC_ANNUAL_LIMIT > used ? CBEC_ANNUAL_LIMIT - used : 0n),
    perOrderLimit: cny(CBEC_TRANSACTION_LIMIT),
    resetsAt: chinaYearStart(year + 1),
  };
}

/** An order's usage, if it took any. */
export async function quotaUsage(ctx: Ctx, orderReference: string): Promise<QuotaUsage | undefined> {
  const [row] = await ctx.db.select().from(cbecQuotaUsages).where(eq(cbecQuotaUsages.orderReference, orderReference));
  return row ? usageOf(row) : undefined;
}
