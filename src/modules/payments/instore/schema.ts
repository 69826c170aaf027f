// In-store payments (issue 8): a merchant's shops in Australia or New Zealand (`stores`) and
// the tills (POS) in them. A till takes payments through its POS API key (identity's
// `api_keys.till_id`); the store's time zone decides the local business day of its takings.
import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const STORE_COUNTRIES = ['AU', 'NZ'] as const;
export type StoreCountry = (typeof STORE_COUNTRIES)[number];

export const stores = pgTable(
  'stores',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    addressLine: text('address_line').notNull(),
    city: text('city').notNull(),
    /** ISO 3166-2: the state for AU (`AU-VIC`), `NZ` for New Zealand; null when not given. */
    region: text('region'),
    country: text('country').notNull().$type<StoreCountry>(),
    /** IANA zone (`Australia/Melbourne`, `Pacific/Auckland`): the store's business day. */
    timeZone: text('time_zone').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('stores_merchant_idx').on(t.merchantId, t.id)],
);

export const tills = pgTable(
  'tills',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tills_store_name_idx').on(t.storeId, t.name), index('tills_merchant_idx').on(t.merchantId, t.id)],
);
