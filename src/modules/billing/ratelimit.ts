// The per-merchant rate limit of its plan, and API call metering, in one request hook (issue 9,
// C5). Every request under /v1 by a merchant's credentials (staff sessions and API keys, live and
// test) shares the merchant's budget of `rate_limit_per_minute`; beyond it, 429 rate_limited with
// Retry-After. The kernel's limit per credential (RATE_LIMIT_PER_MINUTE) still applies first.
//
// Per process: the windows live in this process's memory, so N server processes let a merchant
// make up to N × its limit a minute. The plan's limit is cached for PLAN_TTL_MS per merchant, so
// the database is asked at most once per merchant per half minute, not per request; a change made
// in this process applies at once, elsewhere within PLAN_TTL_MS.
import type { FastifyRequest } from 'fastify';
import { type Runtime, systemCtx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { billedMerchantOf, planAt, planLimitCache } from './plans.ts';
import { type RateWindow, takeRequest, WINDOW_MS } from './rules.ts';
import { countApiCall } from './usage.ts';

export const PLAN_TTL_MS = 30_000;
const PRUNE_AT = 10_000;

interface Limits {
  windows: Map<string, RateWindow>;
  loading: Map<string, Promise<{ code: string; limit: number }>>;
}

const perRuntime = new WeakMap<Runtime, Limits>();

function limitsOf(rt: Runtime): Limits {
  let l = perRuntime.get(rt);
  if (!l) {
    l = { windows: new Map(), loading: new Map() };
    perRuntime.set(rt, l);
  }
  return l;
}

async function planLimit(rt: Runtime, merchantId: string): Promise<{ code: string; limit: number }> {
  const l = limitsOf(rt);
  const plans = planLimitCache(rt);
  const cached = plans.get(merchantId);
  if (cached && cached.until > Date.now()) return cached;
  let loading = l.loading.get(merchantId);
  if (!loading) {
    loading = planAt(systemCtx(rt, 'billing'), merchantId, rt.clock.now())
      .then((p) => {
        const v = { code: p.code, limit: p.rate_limit_per_minute };
        plans.set(merchantId, { ...v, until: Date.now() + PLAN_TTL_MS });
        return v;
      })
      .finally(() => l.loading.delete(merchantId));
    l.loading.set(merchantId, loading);
  }
  return loading;
}

/**
 * The request hook: refuses a merchant's request over its plan's budget, and counts the ones let
 * through as API calls (test credentials as test calls). The windows run on real time, not the
 * platform clock: a budget per minute is about load, whatever time tests pretend it is.
 */
export function planRateLimitHook(rt: Runtime) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!req.url.startsWith('/v1/')) return;
    const billed = billedMerchantOf(req.principal);
    if (!billed) return;
    if (!rt.config.PLAN_RATE_LIMITS) {
      countApiCall(rt, billed.merchantId, billed.test, rt.clock.now());
      return;
    }
    const { code, limit } = await planLimit(rt, billed.merchantId);
    const l = limitsOf(rt);
    const nowMs = Date.now();
    if (l.windows.size > PRUNE_AT) for (const [k, w] of l.windows) if (nowMs - w.start >= WINDOW_MS) l.windows.delete(k);
    const r = takeRequest(l.windows.get(billed.merchantId), nowMs, limit);
    l.windows.set(billed.merchantId, r.window);
    if (!r.allowed)
      throw new AppError(
        'rate_limited',
        `Too many requests for this merchant: its ${code} plan allows ${limit} a minute. Retry after ${r.retryAfterS} s.`,
        { details: { retry_after_s: r.retryAfterS, limit_per_minute: limit, plan: code } },
      );
    countApiCall(rt, billed.merchantId, billed.test, rt.clock.now());
  };
}
