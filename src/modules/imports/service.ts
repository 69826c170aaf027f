// CSV import of a merchant's products, variants and stock (issue 9; docs/api.md "Import and
// export"). An import is a row and a job: `createImport` stores the file and queues
// `imports.run`; `runImport` validates it in one pass (validate.ts: the catalog's own schemas
// and checks) and writes the plan in one transaction with multi-row statements
// (catalog/bulk.ts, inventory/bulk.ts). In `all_or_nothing` mode any bad row means nothing is
// written; in `valid_rows` the good rows are written and the bad ones reported. A dry run
// validates and writes nothing.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { actorId, type Ctx, inScope, inTransaction, now, tenantOf } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { enqueue } from '../../kernel/jobs.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { upsertProducts, upsertVariants, variantsBySku } from '../catalog/bulk.ts';
import { setOnHand } from '../inventory/bulk.ts';
import { merchantStatuses } from '../merchants/service.ts';
import { type ImportMode, type ImportSummary, imports } from './schema.ts';
import { validateImport } from './validate.ts';

export type Import = typeof imports.$inferSelect;
/** The error report keeps this many rows; `error_count` counts them all. */
export const MAX_STORED_ERRORS = 10_000;

export interface ImportInput {
  csv: string;
  mode?: ImportMode | undefined;
  dry_run?: boolean | undefined;
  filename?: string | undefined;
}

/** A merchant's import: queued, run by the `imports.run` job (or at once by the CLI: `enqueue: false`). */
export async function createImport(ctx: Ctx, merchantId: string, input: ImportInput, opts: { enqueue?: boolean } = {}): Promise<Import> {
  if (!input.csv.trim()) throw new AppError('invalid_csv', 'The file is empty', { param: 'csv' });
  return inTransaction(ctx, async (tx) => {
    const [m] = await merchantStatuses(tx, [merchantId]);
    if (!m) throw notFound('merchant', merchantId);
    const id = newId('import');
    const [row] = await tx.db
      .insert(imports)
      .values({
        id,
        merchantId,
        status: 'queued',
        mode: input.mode ?? 'all_or_nothing',
        dryRun: input.dry_run ?? false,
        filename: input.filename ?? null,
        csv: input.csv,
        actorKind: tx.principal.kind,
        actorId: actorId(tx.principal) ?? null,
        createdAt: now(tx),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    if (opts.enqueue !== false) await enqueue(tx, 'imports.run', { import_id: id }, { dedupeKey: `imports.run:${id}`, maxAttempts: 3 });
    return row;
  });
}

export async function getImport(ctx: Ctx, id: string): Promise<Import> {
  if (!isId('import', id)) throw notFound('import', id);
  const [row] = await ctx.db.select().from(imports).where(eq(imports.id, id));
  if (!row || !inScope(ctx, row.merchantId)) throw notFound('import', id);
  return row;
}

export function listImports(ctx: Ctx, q: ListQuery): Promise<Page<Import>> {
  return listPage(ctx.db, imports, imports.id, eq(imports.merchantId, tenantOf(ctx)), q, 'import');
}

// ---------------------------------------------------------------------------
// Running an import
// ---------------------------------------------------------------------------

/** Run a queued import to its end (the `imports.run` job; the CLI directly). Safe to run again. */
export async function runImport(ctx: Ctx, id: string, onProgress?: (done: number, total: number) => void): Promise<Import> {
  const root = ctx.rt.database.db;
  const [job] = await root.select().from(imports).where(eq(imports.id, id));
  if (!job) throw notFound('import', id);
  if (job.status === 'succeeded' || job.status === 'failed') return job;
  await root
    .update(imports)
    .set({ status: 'running', startedAt: now(ctx), processedRows: 0 })
    .where(eq(imports.id, id));
  const validated = await validateImport(ctx, job.merchantId, job.csv ?? '', async (done, total) => {
    onProgress?.(done, total);
    await root.update(imports).set({ processedRows: done, totalRows: total }).where(eq(imports.id, id));
  });
  const { errors, plan, total } = validated;
  const fileError = errors.some((e) => e.code === 'invalid_csv');
  const refused = fileError || (job.mode === 'all_or_nothing' && errors.length > 0);
  const finish = {
    totalRows: total,
    processedRows: total,
    errorCount: errors.length,
    errors: errors.slice(0, MAX_STORED_ERRORS),
    csv: null,
    finishedAt: now(ctx),
  };
  if (refused || job.dryRun) {
    const summary = refused ? emptySummary() : plan.summary;
    await root
      .update(imports)
      .set({ ...finish, status: refused ? 'failed' : 'succeeded', summary })
      .where(and(eq(imports.id, id), eq(imports.status, 'running')));
  } else {
    await inTransaction(ctx, async (tx) => {
      // One import of a merchant writes at a time, and the SKUs it creates must still be new:
      // one made meanwhile (another import, the API) fails this attempt, and the job validates again.
      await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`imports:${job.merchantId}`}))`);
      const fresh = plan.variants.filter((v) => !validated.updatedSkus.has(v.sku)).map((v) => v.sku);
      const clash = await variantsBySku(tx, job.merchantId, fresh);
      if (clash.size)
        throw new Error(`SKUs created since the import was validated (${[...clash.keys()].slice(0, 5).join(', ')}); validating again`);
      await upsertProducts(tx, plan.products);
      await upsertVariants(tx, plan.variants);
      await setOnHand(tx, plan.stock, `import ${id}`, id, { newProducts: plan.newProducts });
      await recordAudit(tx, {
        action: 'import.completed',
        objectType: 'import',
        objectId: id,
        merchantId: job.merchantId,
        data: { ...plan.summary, rows: total, errors: errors.length, mode: job.mode },
      });
      await tx.db
        .update(imports)
        .set({ ...finish, status: 'succeeded', summary: plan.summary })
        .where(eq(imports.id, id));
    });
  }
  onProgress?.(total, total);
  const [after] = await root.select().from(imports).where(eq(imports.id, id));
  if (!after) throw notFound('import', id);
  return after;
}

/**
 * An import whose job gave up (its last attempt failed): failed, with the reason as a file-level
 * error, so the merchant sees why instead of an import `running` for ever. Nothing was written:
 * the import writes in one transaction.
 */
export async function failImport(ctx: Ctx, id: string, reason: string): Promise<void> {
  await ctx.rt.database.db
    .update(imports)
    .set({
      status: 'failed',
      csv: null,
      finishedAt: now(ctx),
      errorCount: 1,
      errors: [{ row: 1, field: 'file', code: 'import_failed', message: `The import could not be completed: ${reason.slice(0, 500)}` }],
      summary: emptySummary(),
    })
    .where(and(eq(imports.id, id), inArray(imports.status, ['queued', 'running'])));
}

const emptySummary = (): ImportSummary => ({
  products_created: 0,
  products_updated: 0,
  variants_created: 0,
  variants_updated: 0,
  stock_levels_set: 0,
});
