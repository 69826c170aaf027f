// CBEC quotas per buyer identity (PRODUCT.md X2; MOF/GAC/SAT 2018 No. 49 §1: RMB 26,000 of
// dutiable price per person per calendar year). One row per identity and China year holds the
// running total, and is the row every taker locks, so takers on any number of processes
// serialize on it; one row per order says how much that order took and how much came back.
// The identity is its blind index (identity/verification.ts identityIndex): never the number.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { CBEC_ANNUAL_LIMIT } from './limits.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'bigint' });

export const cbecQuotaYears = pgTable(
  'cbec_quota_years',
  {
    identityIndex: text('identity_index').notNull(),
    /** The calendar year in China time (Asia/Shanghai, UTC+8). */
    year: integer('year').notNull(),
    /** Dutiable price used this year, fen (CNY): the sum over the orders of taken − returned. */
    used: minor('used').notNull().default(sql`0`),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.identityIndex, t.year] }),
    // The service checks the limit under the row lock; the database refuses a total over it anyway.
    check('cbec_quota_years_used_within_limit', sql`${t.used} >= 0 AND ${t.used} <= ${sql.raw(CBEC_ANNUAL_LIMIT.toString())}`),
  ],
);

export const cbecQuotaUsages = pgTable(
  'cbec_quota_usages',
  {
    /** The order's reference (unique across the platform, e.g. the order or payment intent id). */
    orderReference: text('order_reference').primaryKey(),
    identityIndex: text('identity_index').notNull(),
    year: integer('year').notNull(),
    /** Dutiable price the order took, fen. */
    amount: minor('amount').notNull(),
    /** Given back so far (cancellation, refunds), fen. */
    returned: minor('returned').notNull().default(sql`0`),
    currency: text('currency').notNull().default('CNY'),
    takenAt: ts('taken_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('cbec_quota_usages_identity_idx').on(t.identityIndex, t.year),
    check('cbec_quota_usages_amount_positive', sql`${t.amount} > 0`),
    check('cbec_quota_usages_returned_within', sql`${t.returned} >= 0 AND ${t.returned} <= ${t.amount}`),
  ],
);
