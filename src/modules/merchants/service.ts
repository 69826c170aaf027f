// Merchant onboarding and life cycle (PRODUCT.md M1). A brand applies with its ABN or
// NZBN — or, a seller from mainland China, its Unified Social Credit Code — and payout account; an operator approves or rejects with a reason; an approved
// merchant can be suspended and reinstated. Nothing is ever deleted, and every change is
// recorded (merchant_status_changes) and audited in the same transaction.
import { assertLiveWorld } from '../../kernel/livemode.ts';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { actorId, type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { decryptField, encryptField } from '../../kernel/crypto.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { newId } from '../../kernel/ids.ts';
import { createMerchantStaff, forgetMerchantCredentials, type StaffUser } from '../identity/service.ts';
import {
  type MerchantAction,
  type MerchantCountry,
  type MerchantStatus,
  merchantTransition,
  requiresReason,
  validateAbn,
  validateAuBankAccount,
  validateCnBankAccount,
  validateNzBankAccount,
  validateNzbn,
  validateUscc,
} from './rules.ts';
import { merchantStatusChanges, merchants, type PayoutAccountStored } from './schema.ts';
import { isLiveMerchant } from './test-twin.ts';

export type Merchant = typeof merchants.$inferSelect;
export type MerchantStatusChange = typeof merchantStatusChanges.$inferSelect;

export const MERCHANT_CATEGORIES = [
  'honey',
  'infant_formula',
  'health_supplements',
  'skincare_cosmetics',
  'wine',
  'food_beverage',
  'mother_baby',
] as const;
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number];

export type PayoutAccountInput =
  | { country: 'AU'; account_name: string; bsb: string; account_number: string }
  | { country: 'NZ'; account_name: string; account_number: string }
  | { country: 'CN'; account_name: string; bank_name: string; account_number: string };

export interface MerchantApplication {
  legal_name: string;
  trading_name?: string | undefined;
  country: MerchantCountry;
  /** ABN for AU, NZBN for NZ, Unified Social Credit Code for CN. */
  business_number: string;
  gst_registered: boolean;
  contact: { name: string; email: string; phone?: string | undefined };
  categories: MerchantCategory[];
  brands?: string[] | undefined;
  payout_account: PayoutAccountInput;
  owner: { email: string; name: string; password: string };
}

function checkBusinessNumber(country: MerchantCountry, input: string): string {
  if (country === 'AU') {
    const r = validateAbn(input);
    if (!r.ok) throw new AppError('invalid_abn', r.message, { param: 'business_number', details: { reason: r.reason } });
    return r.value;
  }
  if (country === 'CN') {
    const r = validateUscc(input);
    if (!r.ok) throw new AppError('invalid_uscc', r.message, { param: 'business_number', details: { reason: r.reason } });
    return r.value;
  }
  const r = validateNzbn(input);
  if (!r.ok) throw new AppError('invalid_nzbn', r.message, { param: 'business_number', details: { reason: r.reason } });
  return r.value;
}

function protectPayoutAccount(
  ctx: Ctx,
  country: MerchantCountry,
  input: PayoutAccountInput,
  merchantId: string,
  prefix = 'payout_account.',
): PayoutAccountStored {
  if (input.country !== country) {
    throw new AppError('invalid_bank_account', `The payout account must be in the merchant's country (${country})`, {
      param: `${prefix}country`,
    });
  }
  let full: string;
  let masked: string;
  if (input.country === 'AU') {
    const r = validateAuBankAccount({ bsb: input.bsb, account_number: input.account_number });
    if (!r.ok) {
      const param = r.reason === 'bsb_format' ? `${prefix}bsb` : `${prefix}account_number`;
      throw new AppError('invalid_bank_account', r.message, { param, details: { reason: r.reason } });
    }
    full = `${r.value.bsb} ${r.value.account_number}`;
    masked = `${r.value.bsb.slice(0, 3)}-${r.value.bsb.slice(3)} ****${r.value.account_number.slice(-3)}`;
  } else if (input.country === 'CN') {
    const r = validateCnBankAccount(input.account_number);
    if (!r.ok) throw new AppError('invalid_bank_account', r.message, { param: `${prefix}account_number`, details: { reason: r.reason } });
    const bank = input.bank_name.trim();
    if (!bank) throw new AppError('invalid_bank_account', 'Name the bank that holds the account', { param: `${prefix}bank_name` });
    // A mainland account is named by its bank (and branch): no code in the number says which.
    full = `${bank}\n${r.value}`;
    masked = `${bank} ****${r.value.slice(-4)}`;
  } else {
    const r = validateNzBankAccount(input.account_number);
    if (!r.ok) throw new AppError('invalid_bank_account', r.message, { param: `${prefix}account_number`, details: { reason: r.reason } });
    full = r.value;
    const [bank, branch, account, suffix] = r.value.split('-');
    masked = `${bank}-${branch}-****${(account ?? '').slice(-3)}-${suffix}`;
  }
  // The merchant id is the associated data: the token only decrypts on its own row.
  return { country, ciphertext: encryptField(ctx.rt.keys.encryption, `${input.account_name}\n${full}`, merchantId), masked };
}

/**
 * The full payout account, for the bank file of a payout batch only: the account name and the AU
 * BSB and number, the NZ account or the CN bank and account, as protectPayoutAccount stored them.
 */
export function payoutAccountOf(ctx: Ctx, merchant: Merchant): { name: string; country: MerchantCountry; account: string } | null {
  const stored = merchant.payoutAccount;
  if (!stored) return null;
  const [name = '', ...rest] = decryptField(ctx.rt.keys.encryption, stored.ciphertext, merchant.id).split('\n');
  return { name, country: stored.country, account: rest.join('\n') };
}

const AUDIT_VERB = {
  apply: 'applied',
  create: 'created',
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'reinstated',
} as const;

async function recordStatusChange(
  ctx: Ctx,
  merchantId: string,
  from: MerchantStatus | null,
  to: MerchantStatus,
  action: keyof typeof AUDIT_VERB,
  reason: string | null,
): Promise<void> {
  await ctx.db.insert(merchantStatusChanges).values({
    id: newId('statusChange'),
    merchantId,
    fromStatus: from,
    toStatus: to,
    action,
    reason,
    actorKind: ctx.principal.kind,
    actorId: actorId(ctx.principal) ?? null,
    at: now(ctx),
  });
  await recordAudit(ctx, {
    action: `merchant.${AUDIT_VERB[action]}`,
    objectType: 'merchant',
    objectId: merchantId,
    merchantId,
    data: { from, to, ...(reason ? { reason } : {}) },
  });
}

/** A brand applies: the merchant starts `applied`, with its owner account able to sign in. */
export async function applyAsMerchant(ctx: Ctx, input: MerchantApplication): Promise<{ merchant: Merchant; owner: StaffUser }> {
  const businessNumber = checkBusinessNumber(input.country, input.business_number);
  const id = newId('merchant');
  const payoutAccount = protectPayoutAccount(ctx, input.country, input.payout_account, id);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [merchant] = await tx.db
      .insert(merchants)
      .values({
        id,
        legalName: input.legal_name,
        tradingName: input.trading_name ?? null,
        country: input.country,
        status: 'applied',
        businessNumber,
        gstRegistered: input.gst_registered,
        contact: input.contact,
        categories: [...new Set(input.categories)],
        brands: [...new Set((input.brands ?? []).map((b) => b.trim()).filter(Boolean))],
        payoutAccount,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!merchant) throw new Error('insert returned nothing');
    await recordStatusChange(tx, id, null, 'applied', 'apply', null);
    const owner = await createMerchantStaff(tx, { ...input.owner, role: 'owner', merchantId: id });
    return { merchant, owner };
  });
}

/** An operator sets up an approved merchant directly (migration of an existing brand, tests). */
export async function createMerchant(
  ctx: Ctx,
  input: {
    legal_name: string;
    trading_name?: string | undefined;
    country: MerchantCountry;
    owner: { email: string; name: string; password: string };
  },
): Promise<{ merchant: Merchant; owner: StaffUser }> {
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
    await recordStatusChange(tx, merchant.id, null, 'approved', 'create', null);
    const owner = await createMerchantStaff(tx, { ...input.owner, role: 'owner', merchantId: merchant.id });
    return { merchant, owner };
  });
}

/** approve | reject | suspend | reinstate, by an operator, with a reason where the rule asks for one. */
export async function decideMerchant(ctx: Ctx, id: string, action: MerchantAction, reason: string | undefined): Promise<Merchant> {
  const why = reason?.trim() || undefined;
  if (requiresReason(action) && !why) {
    throw new AppError('invalid_request', `A reason is required to ${action} a merchant`, { param: 'reason' });
  }
  const merchant = await inTransaction(ctx, async (tx) => {
    // Lock the row: two operators deciding at once must not both succeed.
    const [current] = await tx.db.select().from(merchants).where(eq(merchants.id, id)).for('update');
    // A test twin is never decided on: its keys follow the live merchant's status.
    if (!current || current.liveMerchantId) throw notFound('merchant', id);
    const step = merchantTransition(current.status, action);
    if (!step.ok) throw new AppError('invalid_state', step.message, { details: { status: current.status } });
    const [updated] = await tx.db
      .update(merchants)
      .set({ status: step.to, statusReason: why ?? null, updatedAt: now(tx), changedAt: sql`clock_timestamp()` })
      .where(eq(merchants.id, id))
      .returning();
    if (!updated) throw new Error('update returned nothing');
    await recordStatusChange(tx, id, current.status, step.to, action, why ?? null);
    return updated;
  });
  forgetMerchantCredentials(ctx.rt, id);
  return merchant;
}

export function listMerchants(ctx: Ctx, filter: { status?: MerchantStatus | undefined }, q: ListQuery): Promise<Page<Merchant>> {
  const where: SQL[] = [isLiveMerchant()];
  if (filter.status) where.push(eq(merchants.status, filter.status));
  return listPage(ctx.db, merchants, merchants.id, where.length ? and(...where) : undefined, q, 'merchant');
}

/**
 * The merchant's owner (or a finance operator) changes the bank account payouts go to. The next
 * payout batch pays it; one already sent keeps the account it was sent to.
 */
export async function setPayoutAccount(ctx: Ctx, id: string, input: PayoutAccountInput): Promise<Merchant> {
  await assertLiveWorld(ctx, 'Payout accounts');
  const current = await getMerchant(ctx, id);
  const payoutAccount = protectPayoutAccount(ctx, current.country, input, id, '');
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(merchants)
      .set({ payoutAccount, updatedAt: now(tx) })
      .where(eq(merchants.id, id))
      .returning();
    if (!row) throw notFound('merchant', id);
    await recordAudit(tx, {
      action: 'merchant.payout_account_changed',
      objectType: 'merchant',
      objectId: id,
      merchantId: id,
      data: { masked: payoutAccount.masked },
    });
    return row;
  });
}

/** Operators see any merchant; merchant principals only their own (another's is a 404). */
export async function getMerchant(ctx: Ctx, id: string): Promise<Merchant> {
  const p = ctx.principal;
  if ((p.kind === 'merchant' || p.kind === 'api_key') && p.merchantId !== id) throw notFound('merchant', id);
  const [m] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
  // Operators reach a test twin through its live merchant only (test data is the merchant's own).
  if (!m || (m.liveMerchantId && p.kind === 'operator')) throw notFound('merchant', id);
  return m;
}

export async function listStatusChanges(ctx: Ctx, id: string, q: ListQuery): Promise<Page<MerchantStatusChange>> {
  await getMerchant(ctx, id);
  return listPage(ctx.db, merchantStatusChanges, merchantStatusChanges.id, eq(merchantStatusChanges.merchantId, id), q, 'statusChange');
}

/** Status, country and display name of merchants, for other contexts (no tenant check: facts, not the record). */
export function merchantStatuses(
  ctx: Ctx,
  ids: string[],
): Promise<{ id: string; status: MerchantStatus; world: string; country: MerchantCountry; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return ctx.db
    .select({
      id: merchants.id,
      status: merchants.status,
      /** `live`, or a test twin's own id: the world whose shoppers may buy from it (decisions §23). */
      world: sql<string>`case when ${merchants.liveMerchantId} is null then 'live' else ${merchants.id} end`,
      country: merchants.country,
      name: sql<string>`coalesce(${merchants.tradingName}, ${merchants.legalName})`,
    })
    .from(merchants)
    .where(inArray(merchants.id, ids));
}
