// FX rates (mid and spread per ordered pair, every change kept as history) and quotes
// (a customer rate locked for a few minutes, used at most once).
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const fxRates = pgTable(
  'fx_rates',
  {
    id: text('id').primaryKey(),
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    /** One unit of `base` buys `mid` units of `quote`, exact decimal string. */
    mid: text('mid').notNull(),
    spreadBps: integer('spread_bps').notNull(),
    /** `manual`, or the importer's source name. */
    source: text('source').notNull(),
    /** From when this rate applies (the publication date for imported rates). */
    effectiveAt: ts('effective_at').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('fx_rates_pair_idx').on(t.base, t.quote, t.effectiveAt)],
);

export const fxQuotes = pgTable(
  'fx_quotes',
  {
    id: text('id').primaryKey(),
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    mid: text('mid').notNull(),
    spreadBps: integer('spread_bps').notNull(),
    /** The locked customer rate: mid less the spread (fx/rules.ts). */
    rate: text('rate').notNull(),
    rateId: text('rate_id').notNull(),
    /** Who asked for it (shopper, merchant, operator). */
    principal: text('principal').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('fx_quotes_expiry_idx').on(t.expiresAt)],
);
