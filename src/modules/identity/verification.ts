// Real-name identity of a shopper (PRODUCT.md X3; MOF/GAC/SAT 2018 No.49: the buyer is
// identified by name and resident ID number, and must be the payer). The number is kept
// encrypted; everything outside this file sees only the masked form or the blind index.
import { modeKey } from '../../kernel/livemode.ts';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { blindIndex, decryptField, encryptField } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { maskResidentIdNumber, validateChinaMobile, validateRealName, validateResidentIdNumber } from './rules.ts';
import { shopperIdentities } from './schema.ts';

export type ShopperIdentity = typeof shopperIdentities.$inferSelect;

function shopperId(ctx: Ctx): string {
  if (ctx.principal.kind !== 'shopper') throw new AppError('forbidden', 'Only shoppers have a real-name identity');
  return ctx.principal.id;
}

export async function getIdentity(ctx: Ctx, id = shopperId(ctx)): Promise<ShopperIdentity | undefined> {
  const [row] = await ctx.db.select().from(shopperIdentities).where(eq(shopperIdentities.shopperId, id));
  return row;
}

export async function verifyIdentity(ctx: Ctx, input: { real_name: string; id_number: string; mobile: string }): Promise<ShopperIdentity> {
  const id = shopperId(ctx);
  const name = validateRealName(input.real_name);
  if (!name.ok) throw new AppError('invalid_name', name.message, { param: 'real_name' });
  const number = validateResidentIdNumber(input.id_number, now(ctx));
  // The message never repeats the number: error bodies end up in logs and support tickets.
  if (!number.ok) throw new AppError('invalid_id_number', number.message, { param: 'id_number', details: { reason: number.reason } });
  const mobile = validateChinaMobile(input.mobile);
  if (!mobile.ok) throw new AppError('invalid_mobile', mobile.message, { param: 'mobile' });

  return inTransaction(ctx, async (tx) => {
    if (await getIdentity(tx, id)) {
      throw new AppError('identity_already_verified', 'This account already has a verified identity; contact support to change it');
    }
    const keys = tx.rt.keys;
    const [row] = await tx.db
      .insert(shopperIdentities)
      .values({
        shopperId: id,
        realName: name.value,
        idType: 'cn_resident',
        // The shopper id is bound in as associated data: a ciphertext copied to another row does not decrypt.
        idNumberCiphertext: encryptField(keys.encryption, number.value, id),
        // A test shopper's quota is counted apart from the real person's with the same number (decisions §23).
        idNumberIndex: identityIndex(tx, number.value, !(tx.principal.kind === 'shopper' && tx.principal.testMerchantId)),
        idNumberMasked: maskResidentIdNumber(number.value),
        mobile: mobile.value,
        verifiedAt: now(tx),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('identity_already_verified', 'This account already has a verified identity');
    await recordAudit(tx, {
      action: 'shopper.identity_verified',
      objectType: 'shopper',
      objectId: id,
      data: { id_number: row.idNumberMasked },
    });
    return row;
  });
}

/**
 * The key under which quotas are counted for one person, whatever account they use. The test world
 * (decisions §23) has its own: a test purchase never uses a real person's quota.
 */
export function identityIndex(ctx: Ctx, idNumber: string, livemode = true): string {
  return modeKey(livemode, blindIndex(ctx.rt.keys.blindIndex, idNumber.trim().toUpperCase()));
}

/** The clear number, for the customs order message only (CEB311 buyerIdNumber). */
export function revealIdNumber(ctx: Ctx, identity: ShopperIdentity): string {
  return decryptField(ctx.rt.keys.encryption, identity.idNumberCiphertext, identity.shopperId);
}
