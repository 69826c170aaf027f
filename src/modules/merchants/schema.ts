// Merchants own everything a tenant has: their application (identifiers, payout account,
// what they sell) and their life cycle, with every status change recorded.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { MerchantCountry, MerchantStatus } from './rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface PayoutAccountStored {
  country: MerchantCountry;
  /** AES-256-GCM token of the full account (kernel crypto); never returned. */
  ciphertext: string;
  /** What people see: BSB and last digits, the NZ bank-branch and last digits, or the CN bank and last digits. */
  masked: string;
}

export const merchants = pgTable(
  'merchants',
  {
    id: text('id').primaryKey(),
    legalName: text('legal_name').notNull(),
    tradingName: text('trading_name'),
    country: text('country').notNull().$type<MerchantCountry>(),
    status: text('status').notNull().$type<MerchantStatus>(),
    /** ABN (AU, 11 digits), NZBN (NZ, 13 digits) or USCC (CN, 18 characters), validated by check digit. */
    businessNumber: text('business_number'),
    gstRegistered: boolean('gst_registered').notNull().default(false),
    contact: jsonb('contact').$type<{ name: string; email: string; phone?: string | undefined }>(),
    categories: text('categories').array().notNull().default([]),
    brands: text('brands').array().notNull().default([]),
    payoutAccount: jsonb('payout_account').$type<PayoutAccountStored>(),
    statusReason: text('status_reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** Database time of the last status change: search indexes follow it (catalog/sync.ts). */
    changedAt: ts('changed_at').notNull().default(sql`clock_timestamp()`),
    /**
     * Set on a merchant's test twin only (decisions §23): the live merchant whose `sk_test_` keys
     * act as this row. Null for every real merchant.
     */
    liveMerchantId: text('live_merchant_id'),
  },
  (t) => [
    index('merchants_status_idx').on(t.status, t.id),
    index('merchants_changed_idx').on(t.changedAt),
    uniqueIndex('merchants_live_merchant_idx').on(t.liveMerchantId),
  ],
);

/** Every life-cycle change: who moved the merchant from what to what, when and why. */
export const merchantStatusChanges = pgTable(
  'merchant_status_changes',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    fromStatus: text('from_status').$type<MerchantStatus>(),
    toStatus: text('to_status').notNull().$type<MerchantStatus>(),
    action: text('action').notNull(),
    reason: text('reason'),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    at: ts('at').notNull(),
  },
  (t) => [index('merchant_status_changes_merchant_idx').on(t.merchantId, t.id)],
);
