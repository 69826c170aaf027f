// CSV imports of a merchant's catalog and stock (issue 9, "Analytics and data"; PRODUCT.md C7).
// An import is a job: the file is kept on the row until the worker has run it, its progress
// and its error report (row, field, code, message) are read back while and after it runs.
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_MODES = ['all_or_nothing', 'valid_rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportRowError {
  /** The record's row as a spreadsheet shows it: the header is row 1, the first record row 2. */
  row: number;
  /** The CSV column, e.g. `hs_code` or `stock:Auckland DC`; `file` for the file as a whole. */
  field: string;
  code: string;
  message: string;
}

export interface ImportSummary {
  products_created: number;
  products_updated: number;
  variants_created: number;
  variants_updated: number;
  stock_levels_set: number;
}

export const imports = pgTable(
  'imports',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    status: text('status').notNull().$type<ImportStatus>(),
    mode: text('mode').notNull().$type<ImportMode>(),
    dryRun: boolean('dry_run').notNull().default(false),
    filename: text('filename'),
    /** The file, until the import has run. */
    csv: text('csv'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').notNull().$type<ImportRowError[]>().default([]),
    summary: jsonb('summary').$type<ImportSummary>(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    createdAt: ts('created_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('imports_merchant_idx').on(t.merchantId, t.id)],
);
