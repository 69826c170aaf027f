// A shopper's payment code (付款码, codes.ts): the wallet slot it names, given on first use, the
// code of the current minute, and the shopper's no-confirmation limit. The code's key derives
// from the platform secret and the slot's holder (codes.ts), so nothing secret is stored here.
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit.ts';
import { type Ctx, inTransaction, now } from '../../../kernel/context.ts';
import { AppError } from '../../../kernel/errors.ts';
import { shopperOf } from '../wallets.ts';
import {
  NO_CONFIRMATION_LIMIT_MAX_CNY,
  PAYMENT_CODE_SKEW_STEPS,
  PAYMENT_CODE_SLOTS,
  PAYMENT_CODE_STEP_SECONDS,
  paymentCode,
  paymentCodeCounter,
} from './codes.ts';
import { assertCnyWallet, paymentCodeSecret } from './payments.ts';
import { paymentCodeSettings } from './schema.ts';

export type PaymentCodeSettings = typeof paymentCodeSettings.$inferSelect;

/** The shopper's settings, made (with a free slot drawn at random) on first use. */
async function settingsOf(ctx: Ctx, shopperId: string): Promise<PaymentCodeSettings> {
  const [existing] = await ctx.db.select().from(paymentCodeSettings).where(eq(paymentCodeSettings.shopperId, shopperId));
  if (existing) return existing;
  // A random slot, so slots say nothing about when a shopper joined; a taken one is drawn again.
  for (let attempt = 0; attempt < 20; attempt++) {
    const t = now(ctx);
    const [row] = await ctx.db
      .insert(paymentCodeSettings)
      .values({ shopperId, slot: randomInt(0, PAYMENT_CODE_SLOTS), noConfirmationLimit: null, createdAt: t, updatedAt: t })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    const [mine] = await ctx.db.select().from(paymentCodeSettings).where(eq(paymentCodeSettings.shopperId, shopperId));
    if (mine) return mine; // another request of the same shopper made it meanwhile
  }
  throw new Error('no free payment code slot found');
}

export interface CurrentCode {
  code: string;
  /** When the wallet should show the next code (the minute ends). */
  refreshAt: Date;
  /** When a till stops taking this code (one step of skew after its minute). */
  expiresAt: Date;
  settings: PaymentCodeSettings;
}

/** The code the shopper's wallet shows now, for a till to scan. */
export async function currentPaymentCode(ctx: Ctx): Promise<CurrentCode> {
  const shopper = shopperOf(ctx);
  await assertCnyWallet(ctx, shopper);
  const settings = await settingsOf(ctx, shopper.id);
  const t = now(ctx);
  const counter = paymentCodeCounter(t);
  const step = PAYMENT_CODE_STEP_SECONDS * 1000;
  return {
    code: paymentCode(paymentCodeSecret(ctx), { slot: settings.slot, shopperKey: shopper.id }, t),
    refreshAt: new Date((counter + 1) * step),
    expiresAt: new Date((counter + 1 + PAYMENT_CODE_SKEW_STEPS) * step),
    settings,
  };
}

export async function getPaymentCodeSettings(ctx: Ctx): Promise<PaymentCodeSettings> {
  const shopper = shopperOf(ctx);
  await assertCnyWallet(ctx, shopper);
  return settingsOf(ctx, shopper.id);
}

/**
 * The most a code payment may be (CNY fen) without the shopper confirming it in the wallet:
 * 0 (or null) means every payment is confirmed; at most NO_CONFIRMATION_LIMIT_MAX_CNY.
 */
export async function setNoConfirmationLimit(ctx: Ctx, limit: bigint | null): Promise<PaymentCodeSettings> {
  const shopper = shopperOf(ctx);
  await assertCnyWallet(ctx, shopper);
  if (limit !== null && (limit < 0n || limit > NO_CONFIRMATION_LIMIT_MAX_CNY)) {
    throw new AppError('invalid_amount', `The limit is between 0 and ${NO_CONFIRMATION_LIMIT_MAX_CNY / 100n} CNY`, {
      param: 'no_confirmation_limit.amount',
      details: { max: { amount: NO_CONFIRMATION_LIMIT_MAX_CNY.toString(), currency: 'CNY' } },
    });
  }
  const value = limit === null || limit === 0n ? null : limit;
  return inTransaction(ctx, async (tx) => {
    await settingsOf(tx, shopper.id);
    const [row] = await tx.db
      .update(paymentCodeSettings)
      .set({ noConfirmationLimit: value, updatedAt: now(tx) })
      .where(eq(paymentCodeSettings.shopperId, shopper.id))
      .returning();
    if (!row) throw new Error('update returned nothing');
    await recordAudit(tx, {
      action: 'payment_code.limit_set',
      objectType: 'shopper',
      objectId: shopper.id,
      data: { no_confirmation_limit: value?.toString() ?? null, currency: 'CNY' },
    });
    return row;
  });
}
