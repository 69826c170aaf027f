// The top of the conversion funnel (analytics.ts): product pages viewed and cart lines added, per
// product per China day. The storefront's product page is the platform's busiest read, so a view
// costs it a map update in memory and nothing else: counts gather in this process and are written
// in one upsert per batch (`product_daily_activity`), every FLUSH_MS, when the batch grows past
// MAX_KEYS, before an analytics report reads them, and when the server closes. What a process
// holds when it crashes is lost: these are marketing counts, not money, and a few seconds of them
// are worth less than a write on every page view. The batching is kernel/batched-counts.ts.
import { sql } from 'drizzle-orm';
import { batchedCounts } from '../../kernel/batched-counts.ts';
import { type Ctx, now, type Runtime, systemCtx } from '../../kernel/context.ts';
import { chinaDay } from './reports.ts';
import { productDailyActivity } from './schema.ts';

export const FLUSH_MS = 5_000;
const MAX_KEYS = 2_000;

interface Count {
  productId: string;
  merchantId: string;
  day: string;
  views: number;
  cartAdds: number;
}

const counts = batchedCounts<Count>({
  what: 'product activity counts',
  flushMs: FLUSH_MS,
  maxKeys: MAX_KEYS,
  write: async (rt, rows) => {
    await systemCtx(rt, 'analytics')
      .db.insert(productDailyActivity)
      .values(rows)
      .onConflictDoUpdate({
        target: [productDailyActivity.productId, productDailyActivity.day],
        set: {
          views: sql`${productDailyActivity.views} + excluded.views`,
          cartAdds: sql`${productDailyActivity.cartAdds} + excluded.cart_adds`,
        },
      });
  },
});

function count(ctx: Ctx, productId: string, merchantId: string, what: 'views' | 'cartAdds'): void {
  const day = chinaDay(now(ctx));
  counts.add(
    ctx.rt,
    `${productId}|${day}`,
    () => ({ productId, merchantId, day, views: 0, cartAdds: 0 }),
    (c) => {
      c[what] += 1;
    },
  );
}

/** A product page served to a shopper (GET /v1/storefront/products/:id). */
export function countProductView(ctx: Ctx, productId: string, merchantId: string): void {
  count(ctx, productId, merchantId, 'views');
}

/** A new line in a cart (not a change of quantity of a line already there). */
export function countCartAdd(ctx: Ctx, productId: string, merchantId: string): void {
  count(ctx, productId, merchantId, 'cartAdds');
}

/** Writes the counts gathered so far; resolves once they, and any flush before, are in the database. */
export function flushProductActivity(rt: Runtime): Promise<void> {
  return counts.flush(rt);
}
