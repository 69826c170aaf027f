// Test mode (decisions §23): every merchant may have a test twin, a merchant row of its own
// (`merchants.live_merchant_id` names the live one) that `sk_test_` keys act as. Everything the
// twin owns — products, stock, orders, balances, webhook endpoints — is its own by the same tenant
// rule as any other merchant's; what is shared by the platform (its own ledger accounts, quotas,
// tracking numbers) is kept apart by keying it with the mode. Whether a merchant is a twin never
// changes, so the answer is cached for the life of the process.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { type Ctx, merchantScope, type Runtime } from './context.ts';
import { AppError } from './errors.ts';

const caches = new WeakMap<Runtime, Map<string, boolean>>();

function cache(rt: Runtime): Map<string, boolean> {
  let c = caches.get(rt);
  if (!c) {
    c = new Map();
    caches.set(rt, c);
  }
  return c;
}

/** False for a merchant's test twin, true for every other merchant (and for the platform: `null`). */
export async function merchantLivemode(ctx: Ctx, merchantId: string | null | undefined): Promise<boolean> {
  if (!merchantId) return true;
  const c = cache(ctx.rt);
  const known = c.get(merchantId);
  if (known !== undefined) return known;
  const res = await ctx.db.execute(sql`select live_merchant_id from merchants where id = ${merchantId}`);
  const row = (res as unknown as { rows: { live_merchant_id: string | null }[] }).rows[0];
  // An id with no row is live (no twin is ever named before its row exists: a twin's id is seen
  // first by the transaction that makes it, where the row is visible). Cached too, so a caller
  // naming merchants the table lacks (a benchmark) does not pay a query per call.
  const live = row ? row.live_merchant_id === null : true;
  if (c.size > 100_000) c.clear();
  c.set(merchantId, live);
  return live;
}

/** The mode-keyed name of one of the platform's own ledger accounts: `test:` in front for the test world. */
export function modeKey(livemode: boolean, key: string): string {
  return livemode ? key : `test:${key}`;
}

/**
 * Refuse, in a test world, what belongs to the merchant's account rather than to a world: its
 * staff and invitations, its payout account. They are managed in live mode only.
 */
export async function assertLiveWorld(ctx: Ctx, what: string): Promise<void> {
  const scope = merchantScope(ctx);
  if (scope && !(await merchantLivemode(ctx, scope))) {
    throw new AppError('testmode_not_allowed', `${what} belong to your live account: switch to live mode to change them`);
  }
}

/**
 * SQL condition: the row's merchant is not a test twin. Lists across merchants (operators, the
 * platform's reports) show the live world only; a twin's objects are its merchant's alone.
 */
export function inLiveWorld(merchantColumn: AnyColumn): SQL {
  return sql`not exists (select 1 from merchants tw where tw.id = ${merchantColumn} and tw.live_merchant_id is not null)`;
}
