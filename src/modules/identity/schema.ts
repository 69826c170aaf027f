// Principals and their credentials: staff (operator and merchant), shoppers with their
// real-name identity, sign-in sessions and merchant API keys. Secrets are stored hashed,
// ID numbers encrypted (AES-256-GCM) with a blind index for equality look-ups.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { merchants } from '../merchants/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const staffUsers = pgTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull().$type<'operator' | 'merchant'>(),
    merchantId: text('merchant_id').references(() => merchants.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').notNull().$type<'active' | 'disabled'>().default('active'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lastFailedSignInAt: ts('last_failed_sign_in_at'),
    lockedUntil: ts('locked_until'),
    lastSignInAt: ts('last_sign_in_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('staff_users_email_idx').on(sql`lower(${t.email})`), index('staff_users_merchant_idx').on(t.merchantId, t.id)],
);

export const shoppers = pgTable(
  'shoppers',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    country: text('country').notNull().$type<'CN' | 'AU' | 'NZ'>(),
    locale: text('locale').notNull().default('zh-CN'),
    passwordHash: text('password_hash').notNull(),
    status: text('status').notNull().$type<'active' | 'disabled'>().default('active'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lastFailedSignInAt: ts('last_failed_sign_in_at'),
    lockedUntil: ts('locked_until'),
    lastSignInAt: ts('last_sign_in_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** A test-mode shopper (decisions §23): the merchant test twin it buys from. Null for real shoppers. */
    testMerchantId: text('test_merchant_id'),
  },
  (t) => [uniqueIndex('shoppers_email_idx').on(sql`lower(${t.email})`)],
);

export const shopperIdentities = pgTable(
  'shopper_identities',
  {
    shopperId: text('shopper_id')
      .primaryKey()
      .references(() => shoppers.id),
    realName: text('real_name').notNull(),
    idType: text('id_type').notNull().$type<'cn_resident'>().default('cn_resident'),
    /** AES-256-GCM token (src/kernel/crypto.ts); never returned, never logged. */
    idNumberCiphertext: text('id_number_ciphertext').notNull(),
    /** HMAC of the number: the key for per-identity quotas without decrypting. */
    idNumberIndex: text('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    mobile: text('mobile').notNull(),
    verifiedAt: ts('verified_at').notNull(),
  },
  (t) => [index('shopper_identities_index_idx').on(t.idNumberIndex)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    subjectKind: text('subject_kind').notNull().$type<'staff' | 'shopper'>(),
    subjectId: text('subject_id').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('sessions_token_idx').on(t.tokenHash), index('sessions_subject_idx').on(t.subjectId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    name: text('name').notNull(),
    mode: text('mode').notNull().$type<'test' | 'live'>(),
    tokenHash: text('token_hash').notNull(),
    /** Last four characters, to tell keys apart in lists without revealing them. */
    last4: text('last4').notNull(),
    scopes: text('scopes').array().notNull(),
    /** A POS key's till (in-store payments); null for other keys. No foreign key: the till is the in-store context's table. */
    tillId: text('till_id'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_token_idx').on(t.tokenHash), index('api_keys_merchant_idx').on(t.merchantId, t.id)],
);

/** An owner or manager invites someone by email; the invitee sets their own name and password. */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    /** SHA-256 of the invitation token; the token itself is shown once. */
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by'),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedUserId: text('accepted_user_id'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('staff_invitations_token_idx').on(t.tokenHash), index('staff_invitations_merchant_idx').on(t.merchantId, t.id)],
);
