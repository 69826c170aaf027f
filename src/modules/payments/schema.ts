// The double-entry ledger (PRODUCT.md P1; TigerBeetle's model): accounts with four
// counters, and transfers that debit one account and credit another by the same amount
// in the same currency. An account's counters are only ever changed together with the
// transfer that explains them, and `tasman ledger verify` recomputes them from the
// transfers. The CHECK constraints enforce each account's balance rule in the database
// itself, whatever process writes.
import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccountConstraint, AccountKind, TransferKind, TransferStatus } from './rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const counter = (name: string) => bigint(name, { mode: 'bigint' }).notNull().default(sql`0`);

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    /** Stable business key, e.g. `wallet:shp_…:CNY`, `escrow:CNY`; unique. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').notNull().$type<AccountKind>(),
    balanceConstraint: text('balance_constraint').notNull().$type<AccountConstraint>(),
    ownerType: text('owner_type'),
    ownerId: text('owner_id'),
    debitsPending: counter('debits_pending'),
    debitsPosted: counter('debits_posted'),
    creditsPending: counter('credits_pending'),
    creditsPosted: counter('credits_posted'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_key_idx').on(t.key),
    index('ledger_accounts_owner_idx').on(t.ownerType, t.ownerId),
    check(
      'ledger_accounts_counters_nonnegative',
      sql`${t.debitsPending} >= 0 AND ${t.debitsPosted} >= 0 AND ${t.creditsPending} >= 0 AND ${t.creditsPosted} >= 0`,
    ),
    check(
      'ledger_accounts_debits_within_credits',
      sql`${t.balanceConstraint} <> 'debits_must_not_exceed_credits' OR ${t.debitsPending} + ${t.debitsPosted} <= ${t.creditsPosted}`,
    ),
    check(
      'ledger_accounts_credits_within_debits',
      sql`${t.balanceConstraint} <> 'credits_must_not_exceed_debits' OR ${t.creditsPending} + ${t.creditsPosted} <= ${t.debitsPosted}`,
    ),
  ],
);

export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    /** Client-supplied: the transfer is idempotent on it. */
    id: text('id').primaryKey(),
    /** Commit-independent order of creation: statements page on it (ids are the client's). */
    seq: bigint('seq', { mode: 'bigint' }).notNull().generatedAlwaysAsIdentity(),
    // No foreign keys to ledger_accounts: every path checks the accounts exist (and have the
    // transfer's currency) while it holds them, accounts are never deleted, and `tasman ledger
    // verify` recomputes every account from these rows. A foreign key would add a KEY SHARE lock
    // on both accounts per transfer row — 200 per batch of 100 — on the hottest rows there are
    // (decisions.md §13).
    debitAccountId: text('debit_account_id').notNull(),
    creditAccountId: text('credit_account_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').notNull().$type<TransferKind>(),
    /** Pending transfers: pending → posted | voided | expired. Others: posted. */
    status: text('status').notNull().$type<TransferStatus>(),
    /** For post_pending / void_pending: the pending transfer it closes. */
    pendingId: text('pending_id'),
    expiresAt: ts('expires_at'),
    /** Linked batches: the transfers that applied all together. */
    batchId: text('batch_id'),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    metadata: jsonb('metadata').notNull().$type<Record<string, unknown>>().default({}),
    createdAt: ts('created_at').notNull(),
  },
  // Every index is paid for by every transfer inserted: only those a query reads. Statements
  // and `verifyLedger` read an account's transfers (debit and credit side, in seq order), the
  // expiry job the open holds; everything else looks transfers up by id. No query reads seq
  // alone (it comes from an identity sequence) or the reference: an index for either would be
  // written on every transfer and read by nothing.
  (t) => [
    index('ledger_transfers_debit_idx').on(t.debitAccountId, t.seq),
    index('ledger_transfers_credit_idx').on(t.creditAccountId, t.seq),
    index('ledger_transfers_pending_expiry_idx').on(t.expiresAt).where(sql`status = 'pending'`),
    check('ledger_transfers_amount_positive', sql`${t.amount} > 0`),
    check('ledger_transfers_two_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
  ],
);

export const TOP_UP_STATUSES = ['requires_challenge', 'processing', 'succeeded', 'failed'] as const;
export type TopUpStatus = (typeof TOP_UP_STATUSES)[number];

/**
 * A shopper's wallet top-up through an acquirer. Only the card's brand, last four digits,
 * expiry and a keyed fingerprint are kept: never the number or the CVC.
 */
export const walletTopUps = pgTable(
  'wallet_top_ups',
  {
    id: text('id').primaryKey(),
    shopperId: text('shopper_id').notNull(),
    walletAccountId: text('wallet_account_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull().$type<TopUpStatus>(),
    acquirer: text('acquirer').notNull(),
    acquirerRef: text('acquirer_ref'),
    card: jsonb('card').$type<{ brand: string; last4: string; exp_month: number; exp_year: number; fingerprint: string }>(),
    declineCode: text('decline_code'),
    ledgerTransferId: text('ledger_transfer_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('wallet_top_ups_shopper_idx').on(t.shopperId, t.id),
    uniqueIndex('wallet_top_ups_acquirer_ref_idx').on(t.acquirer, t.acquirerRef),
  ],
);
