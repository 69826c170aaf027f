// Plans and who is on which (issue 9, C5). The default plans (rules.ts) are written on first use;
// operators change a plan's terms and move merchants between plans, each audited. A merchant's
// plan history is kept: a change takes effect at once or from the start of its next month.
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now, type Principal, type Runtime } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { getMerchant } from '../merchants/service.ts';
import {
  BILLING_TIME_ZONES,
  DEFAULT_PLANS,
  type MerchantCountry,
  nextPeriod,
  type PlanChange,
  type PlanIncluded,
  type PlanPriceList,
  type PlanTerms,
  planInForce,
} from './rules.ts';
import { merchantPlans, plans } from './schema.ts';

type PlanRow = typeof plans.$inferSelect;

export function planTerms(r: PlanRow): PlanTerms {
  return {
    code: r.code,
    name: r.name,
    position: r.position,
    rate_limit_per_minute: r.rateLimitPerMinute,
    gmv_fee_bps: r.gmvFeeBps,
    included: r.included,
    prices: r.prices,
  };
}

/** Every plan, in their order; the default plans are written the first time they are missing. */
export async function listPlans(ctx: Ctx): Promise<PlanTerms[]> {
  let rows = await ctx.db.select().from(plans).orderBy(asc(plans.position), asc(plans.code));
  if (DEFAULT_PLANS.some((d) => !rows.some((r) => r.code === d.code))) {
    const t = now(ctx);
    await ctx.db
      .insert(plans)
      .values(
        DEFAULT_PLANS.map((d) => ({
          code: d.code,
          name: d.name,
          position: d.position,
          rateLimitPerMinute: d.rate_limit_per_minute,
          gmvFeeBps: d.gmv_fee_bps,
          included: d.included,
          prices: d.prices,
          updatedAt: t,
        })),
      )
      .onConflictDoNothing();
    rows = await ctx.db.select().from(plans).orderBy(asc(plans.position), asc(plans.code));
  }
  return rows.map(planTerms);
}

export async function getPlan(ctx: Ctx, code: string, param = 'code'): Promise<PlanTerms> {
  const found = (await listPlans(ctx)).find((p) => p.code === code);
  if (!found) throw new AppError('invalid_request', `No plan '${code}'`, { param });
  return found;
}

export interface PlanUpdate {
  name?: string | undefined;
  rate_limit_per_minute?: number | undefined;
  gmv_fee_bps?: number | undefined;
  included?: Partial<PlanIncluded> | undefined;
  prices?: PlanPriceList | undefined;
}

/** An operator changes a plan's terms: new rate limits apply within seconds, new prices from the next invoice made. */
export async function updatePlan(ctx: Ctx, code: string, input: PlanUpdate): Promise<PlanTerms> {
  const before = await getPlan(ctx, code);
  const after: PlanTerms = {
    ...before,
    name: input.name ?? before.name,
    rate_limit_per_minute: input.rate_limit_per_minute ?? before.rate_limit_per_minute,
    gmv_fee_bps: input.gmv_fee_bps ?? before.gmv_fee_bps,
    included: { ...before.included, ...input.included },
    prices: { ...before.prices, ...input.prices },
  };
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(plans)
      .set({
        name: after.name,
        rateLimitPerMinute: after.rate_limit_per_minute,
        gmvFeeBps: after.gmv_fee_bps,
        included: after.included,
        prices: after.prices,
        updatedBy: ctx.principal.kind === 'anonymous' ? null : ctx.principal.id,
        updatedAt: now(tx),
      })
      .where(eq(plans.code, code));
    await recordAudit(tx, { action: 'plan.update', objectType: 'plan', objectId: code, data: { before, after } });
  });
  planChanged(ctx.rt, null);
  return after;
}

/** A merchant's plan changes, oldest first. */
export async function planHistory(ctx: Ctx, merchantId: string): Promise<PlanChange[]> {
  const rows = await ctx.db
    .select({ id: merchantPlans.id, planCode: merchantPlans.planCode, effectiveFrom: merchantPlans.effectiveFrom })
    .from(merchantPlans)
    .where(eq(merchantPlans.merchantId, merchantId))
    .orderBy(asc(merchantPlans.effectiveFrom), asc(merchantPlans.id));
  return rows;
}

/** The plan in force for a merchant at an instant. */
export async function planAt(ctx: Ctx, merchantId: string, at: Date): Promise<PlanTerms> {
  return getPlan(ctx, planInForce(await planHistory(ctx, merchantId), at));
}

/**
 * The merchant billing counts against: a test-mode principal acts for the merchant's test twin,
 * whose usage is its live merchant's (as test calls).
 */
export function billedMerchantOf(p: Principal): { merchantId: string; test: boolean } | undefined {
  if (p.kind === 'api_key')
    return { merchantId: p.liveMerchantId ?? p.merchantId, test: p.mode === 'test' || p.liveMerchantId !== undefined };
  if (p.kind === 'merchant') return { merchantId: p.liveMerchantId ?? p.merchantId, test: p.liveMerchantId !== undefined };
  return undefined;
}

export type PlanEffective = 'immediately' | 'next_period';

/** Each runtime's cache of merchants' plan limits (the rate limiter's), by merchant id. */
export interface CachedLimit {
  code: string;
  limit: number;
  until: number;
}
const limitCaches = new WeakMap<Runtime, Map<string, CachedLimit>>();
export function planLimitCache(rt: Runtime): Map<string, CachedLimit> {
  let c = limitCaches.get(rt);
  if (!c) {
    c = new Map();
    limitCaches.set(rt, c);
  }
  return c;
}
/** A merchant's plan (or, `null`, a plan's terms) changed in this process: its cached limits go at once. */
function planChanged(rt: Runtime, merchantId: string | null): void {
  const c = limitCaches.get(rt);
  if (!c) return;
  if (merchantId === null) c.clear();
  else c.delete(merchantId);
}

/**
 * An operator moves a merchant to a plan, at once or from the first day of its next month (in the
 * merchant's time zone). An invoice bills the plan in force at the end of its month, without
 * proration, so an upgrade "immediately" is billed at the new plan for the whole month.
 */
export async function changeMerchantPlan(
  ctx: Ctx,
  merchantId: string,
  planCode: string,
  effective: PlanEffective,
): Promise<{ id: string; plan: PlanTerms; effective_from: Date }> {
  const merchant = await getMerchant(ctx, merchantId);
  const plan = await getPlan(ctx, planCode, 'plan');
  const t = now(ctx);
  const from = effective === 'immediately' ? t : nextPeriod(t, BILLING_TIME_ZONES[merchant.country as MerchantCountry]).from;
  const id = newId('planChange');
  await inTransaction(ctx, async (tx) => {
    const before = planInForce(await planHistory(tx, merchantId), from);
    // A second change for the same instant replaces the first (the latest id wins); the row stays as history.
    await tx.db.insert(merchantPlans).values({
      id,
      merchantId,
      planCode,
      effectiveFrom: from,
      createdBy: ctx.principal.kind === 'anonymous' ? null : ctx.principal.id,
      createdAt: t,
    });
    await recordAudit(tx, {
      action: 'merchant.plan_change',
      objectType: 'merchant',
      objectId: merchantId,
      merchantId,
      data: { from_plan: before, to_plan: planCode, effective, effective_from: from.toISOString(), change_id: id },
    });
  });
  planChanged(ctx.rt, merchantId);
  return { id, plan, effective_from: from };
}
