// The merchant tenant. Onboarding (applications with ABN/NZBN, review, suspension) grows
// here; for now an operator creates an approved merchant together with its owner account.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { newId } from '../../kernel/ids.ts';
import { createMerchantStaff, type StaffUser } from '../identity/service.ts';
import { merchants } from './schema.ts';

export type Merchant = typeof merchants.$inferSelect;

export interface NewMerchant {
  legal_name: string;
  trading_name?: string | undefined;
  country: 'AU' | 'NZ';
  owner: { email: string; name: string; password: string };
}

export async function createMerchant(ctx: Ctx, input: NewMerchant): Promise<{ merchant: Merchant; owner: StaffUser }> {
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [merchant] = await tx.db
      .insert(merchants)
      .values({
        id: newId('merchant'),
        legalName: input.legal_name,
        tradingName: input.trading_name ?? null,
        country: input.country,
        status: 'approved',
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!merchant) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'merchant.created',
      objectType: 'merchant',
      objectId: merchant.id,
      merchantId: merchant.id,
      data: { legal_name: merchant.legalName, country: merchant.country },
    });
    const owner = await createMerchantStaff(tx, { ...input.owner, role: 'owner', merchantId: merchant.id });
    return { merchant, owner };
  });
}

export function listMerchants(ctx: Ctx, q: ListQuery): Promise<Page<Merchant>> {
  return listPage(ctx.db, merchants, merchants.id, undefined, q, 'merchant');
}

/** Operators see any merchant; merchant principals only their own (another's is a 404). */
export async function getMerchant(ctx: Ctx, id: string): Promise<Merchant> {
  const p = ctx.principal;
  if ((p.kind === 'merchant' || p.kind === 'api_key') && p.merchantId !== id) throw notFound('merchant', id);
  const [m] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
  if (!m) throw notFound('merchant', id);
  return m;
}
