// A merchant's test twin (decisions §23): the merchant row its `sk_test_` keys act as. It is made
// the first time the merchant asks for a test key, from the live merchant's profile, and is
// `approved` from the start, so an integration can be built before the live application is
// decided; whether its keys work follows the live merchant's status (identity/service.ts).
// A twin never has a payout account, never appears in operators' merchant lists, the
// storefront or payout batches, and is never decided on.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { merchantStatusChanges, merchants } from './schema.ts';

type Merchant = typeof merchants.$inferSelect;

/** The live merchant's twin id, if it has one. */
export async function testTwinOf(ctx: Ctx, liveMerchantId: string): Promise<string | undefined> {
  const [row] = await ctx.db.select({ id: merchants.id }).from(merchants).where(eq(merchants.liveMerchantId, liveMerchantId));
  return row?.id;
}

/** The merchant a twin stands in for; a live merchant is its own. */
export async function liveMerchantOf(ctx: Ctx, merchantId: string): Promise<string> {
  const [row] = await ctx.db.select({ live: merchants.liveMerchantId }).from(merchants).where(eq(merchants.id, merchantId));
  return row?.live ?? merchantId;
}

/** The twin of a live merchant, made on first use (two callers at once get the same row). */
export async function ensureTestTwin(ctx: Ctx, liveMerchantId: string): Promise<Merchant> {
  const [existing] = await ctx.db.select().from(merchants).where(eq(merchants.liveMerchantId, liveMerchantId));
  if (existing) return existing;
  return inTransaction(ctx, async (tx) => {
    const [live] = await tx.db
      .select()
      .from(merchants)
      .where(and(eq(merchants.id, liveMerchantId), isNull(merchants.liveMerchantId)));
    if (!live) throw new Error(`no live merchant ${liveMerchantId} to make a test twin of`);
    const t = now(tx);
    const id = newId('merchant');
    const [made] = await tx.db
      .insert(merchants)
      .values({
        id,
        legalName: live.legalName,
        tradingName: live.tradingName,
        country: live.country,
        status: 'approved',
        businessNumber: live.businessNumber,
        gstRegistered: live.gstRegistered,
        contact: live.contact,
        categories: live.categories,
        brands: live.brands,
        createdAt: t,
        updatedAt: t,
        liveMerchantId,
      })
      .onConflictDoNothing({ target: merchants.liveMerchantId })
      .returning();
    if (!made) {
      const [other] = await tx.db.select().from(merchants).where(eq(merchants.liveMerchantId, liveMerchantId));
      if (!other) throw new Error('test twin neither made nor found');
      return other;
    }
    await tx.db.insert(merchantStatusChanges).values({
      id: newId('statusChange'),
      merchantId: id,
      fromStatus: null,
      toStatus: 'approved',
      action: 'create_test_twin',
      reason: null,
      actorKind: tx.principal.kind,
      actorId: 'id' in tx.principal ? tx.principal.id : null,
      at: t,
    });
    return made;
  });
}

/** SQL condition: a real merchant, not a test twin. */
export const isLiveMerchant = () => sql`${merchants.liveMerchantId} is null`;
