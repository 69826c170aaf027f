// Bulk writes as one statement per few thousand rows: each column goes as ONE array
// parameter and `unnest` turns the arrays back into rows. Drizzle's multi-row `values()`
// builds a parameter (and runs its type checks) per cell, which costs more CPU than the
// database spends on the insert; here the statement text is a few hundred characters
// whatever the row count. Works the same on PGlite and `pg`.
import { type SQL, sql } from 'drizzle-orm';

export type BulkType = 'text' | 'int' | 'bigint' | 'bool' | 'jsonb' | 'timestamptz';

/** Array element type sent, and the cast applied per element after `unnest`. */
const SENT: Record<BulkType, string> = { text: 'text', int: 'int4', bigint: 'text', bool: 'bool', jsonb: 'text', timestamptz: 'text' };

function cell(type: BulkType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'jsonb':
      return JSON.stringify(v);
    case 'timestamptz':
      return (v as Date).toISOString();
    case 'bigint':
      return String(v);
    default:
      return v;
  }
}

/**
 * `INSERT INTO table (cols) SELECT … FROM unnest(arrays) … <tail>`: `columns` as [name, type],
 * `rows` as arrays of values in that order; `extra` adds columns set by an SQL expression
 * (e.g. `changed_at` = clock_timestamp()); `tail` is the ON CONFLICT clause, if any.
 */
export function unnestInsert(
  table: string,
  columns: readonly (readonly [string, BulkType])[],
  rows: readonly (readonly unknown[])[],
  opts: { extra?: readonly (readonly [string, string])[]; tail?: string } = {},
): SQL {
  const arrays = columns.map(([, type], i) => rows.map((r) => cell(type, r[i])));
  const names = columns.map(([n]) => `"${n}"`);
  const selects = columns.map(([n, type]) => (SENT[type] === type || type === 'int' || type === 'bool' ? `u."${n}"` : `u."${n}"::${type}`));
  const extra = opts.extra ?? [];
  const chunks: SQL[] = [
    sql.raw(
      `insert into "${table}" (${[...names, ...extra.map(([n]) => `"${n}"`)].join(', ')}) select ${[...selects, ...extra.map(([, e]) => e)].join(', ')} from unnest(`,
    ),
  ];
  arrays.forEach((a, i) => {
    const type = columns[i]?.[1] ?? 'text';
    chunks.push(sql`${sql.param(a)}`, sql.raw(`::${SENT[type]}[]${i < arrays.length - 1 ? ', ' : ''}`));
  });
  chunks.push(sql.raw(`) as u(${names.join(', ')}) ${opts.tail ?? ''}`));
  return sql.join(chunks, sql.raw(''));
}

/** `column = any($1::text[])` with the list as one parameter. */
export const anyText = (column: SQL | { name: string }, values: readonly string[]): SQL =>
  sql`${column} = any(${sql.param([...values])}::text[])`;
