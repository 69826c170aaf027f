// Merchants own everything a tenant has. The onboarding fields (ABN/NZBN, bank
// account, categories) arrive with the marketplace-supply work; this is the tenant core.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const merchants = pgTable(
  'merchants',
  {
    id: text('id').primaryKey(),
    legalName: text('legal_name').notNull(),
    tradingName: text('trading_name'),
    country: text('country').notNull().$type<'AU' | 'NZ'>(),
    status: text('status').notNull().$type<'applied' | 'approved' | 'rejected' | 'suspended'>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('merchants_status_idx').on(t.status, t.id)],
);
