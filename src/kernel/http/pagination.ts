// Cursor pagination, the same on every list route (docs/api.md): newest first,
// `limit` (1–100, default 20), `starting_after` / `ending_before` an object id, `has_more`.
// Ids are time-sortable, so the id itself is the cursor: no offsets, stable under inserts.
import { and, asc, desc, gt, lt, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { type IdKind, isId } from '../ids.ts';

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('How many objects to return, 1 to 100'),
  starting_after: z.string().max(64).optional().describe('An object id: return the objects after it in the list'),
  ending_before: z.string().max(64).optional().describe('An object id: return the objects before it in the list'),
});

export type ListQuery = z.output<typeof listQuerySchema>;

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    has_more: z.boolean(),
    url: z.string(),
  });
}

export function toListResponse<R, T>(page: Page<R>, url: string, map: (r: R) => T) {
  return { object: 'list' as const, data: page.data.map(map), has_more: page.hasMore, url: url.split('?')[0] ?? url };
}

export async function listPage<TTable extends PgTable, R = TTable['$inferSelect']>(
  db: Db,
  table: TTable,
  idColumn: PgColumn,
  where: SQL | undefined,
  q: ListQuery,
  idKind: IdKind,
): Promise<Page<R>> {
  if (q.starting_after && q.ending_before) {
    throw new AppError('invalid_request', 'Pass starting_after or ending_before, not both', { param: 'ending_before' });
  }
  for (const param of ['starting_after', 'ending_before'] as const) {
    const v = q[param];
    if (v !== undefined && !isId(idKind, v)) {
      throw new AppError('invalid_cursor', `${param} must be an id of this list's objects`, { param });
    }
  }
  const backwards = q.ending_before !== undefined;
  const cursor = backwards
    ? gt(idColumn, q.ending_before as string)
    : q.starting_after !== undefined
      ? lt(idColumn, q.starting_after)
      : undefined;
  const cond = where && cursor ? and(where, cursor) : (where ?? cursor);
  const rows = (await db
    .select()
    .from(table as PgTable)
    .where(cond)
    .orderBy(backwards ? asc(idColumn) : desc(idColumn))
    .limit(q.limit + 1)) as R[];
  const hasMore = rows.length > q.limit;
  const data = rows.slice(0, q.limit);
  if (backwards) data.reverse();
  return { data, hasMore };
}
