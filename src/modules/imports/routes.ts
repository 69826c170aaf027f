import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { merchantScope, tenantOf } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { ORDER_STATES } from '../orders/rules.ts';
import { exportOrders, exportProducts, exportStock } from './exports.ts';
import { IMPORT_MODES, IMPORT_STATUSES } from './schema.ts';
import { createImport, getImport, type Import, listImports } from './service.ts';

/** Imports are files of thousands of rows: far above the API's default body limit. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

const ImportOut = z
  .object({
    id: z.string(),
    object: z.literal('import'),
    status: z.enum(IMPORT_STATUSES).describe('queued → running → succeeded | failed (all_or_nothing with bad rows, or an unreadable file)'),
    mode: z.enum(IMPORT_MODES),
    dry_run: z.boolean(),
    filename: z.string().nullable(),
    progress: z.object({ rows_done: z.number(), rows_total: z.number() }),
    error_count: z.number(),
    errors: z
      .array(z.object({ row: z.number(), field: z.string(), code: z.string(), message: z.string() }))
      .describe('The first 100 errors; all of them (up to 10,000) in errors.csv'),
    summary: z
      .object({
        products_created: z.number(),
        products_updated: z.number(),
        variants_created: z.number(),
        variants_updated: z.number(),
        stock_levels_set: z.number(),
      })
      .nullable()
      .describe('What was written (a dry run: what would be)'),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'Import' });

export const importOut = (i: Import): z.output<typeof ImportOut> => ({
  id: i.id,
  object: 'import',
  status: i.status,
  mode: i.mode,
  dry_run: i.dryRun,
  filename: i.filename,
  progress: { rows_done: i.processedRows, rows_total: i.totalRows },
  error_count: i.errorCount,
  errors: i.errors.slice(0, 100),
  summary: i.summary ?? null,
  created_at: i.createdAt.toISOString(),
  started_at: i.startedAt?.toISOString() ?? null,
  finished_at: i.finishedAt?.toISOString() ?? null,
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const write = { merchant: 'any', apiKey: 'products:write' } as const;
const read = { merchant: 'any', apiKey: 'products:read' } as const;

function csvReply(reply: import('fastify').FastifyReply, name: string, body: AsyncIterable<string>) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(Readable.from(body));
}

function routes(root: FastifyInstance): void {
  root.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
  const app = typed(root);

  app.post(
    '/v1/imports',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      config: { access: write },
      schema: {
        tags: ['imports'],
        summary: 'Import products, variants and stock from CSV',
        description:
          'Send the file as the body with `Content-Type: text/csv` (options in the query), or as JSON `{ "csv": "…", "mode", "dry_run", "filename" }`. ' +
          'The import runs in the background: poll `GET /v1/imports/:id`. Columns, modes and the update-by-SKU rule: docs/api.md "Import and export".',
        querystring: z.object({
          mode: z.enum(IMPORT_MODES).optional(),
          dry_run: bool.optional(),
          filename: z.string().max(200).optional(),
        }),
        body: z.union([
          z.string().describe('The CSV file (text/csv)'),
          z.object({
            csv: z.string().min(1),
            mode: z.enum(IMPORT_MODES).optional().describe('all_or_nothing (default): nothing is written if any row is bad'),
            dry_run: z.boolean().optional().describe('Validate only: write nothing'),
            filename: z.string().max(200).optional(),
          }),
        ]),
        response: { 202: ImportOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const input =
        typeof b === 'string'
          ? { csv: b, mode: req.query.mode, dry_run: req.query.dry_run, filename: req.query.filename }
          : {
              csv: b.csv,
              mode: b.mode ?? req.query.mode,
              dry_run: b.dry_run ?? req.query.dry_run,
              filename: b.filename ?? req.query.filename,
            };
      const created = await createImport(req.ctx, tenantOf(req.ctx), input);
      return reply.code(202).send(importOut(created));
    },
  );

  app.get(
    '/v1/imports',
    {
      config: { access: read },
      schema: {
        tags: ['imports'],
        summary: 'List imports',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(ImportOut) },
      },
    },
    async (req) => toListResponse(await listImports(req.ctx, req.query), '/v1/imports', importOut),
  );

  app.get(
    '/v1/imports/:id',
    {
      config: { access: read },
      schema: {
        tags: ['imports'],
        summary: 'An import: status, progress, errors',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ImportOut },
      },
    },
    async (req) => importOut(await getImport(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/imports/:id/errors.csv',
    {
      config: { access: read },
      schema: {
        tags: ['imports'],
        summary: 'The error report of an import, as CSV',
        description: 'Columns `row,field,code,message`: the row as a spreadsheet numbers it (the header is row 1).',
        params: z.object({ id: z.string().max(64) }),
      },
    },
    async (req, reply) => {
      const imp = await getImport(req.ctx, req.params.id);
      const text = stringify([['row', 'field', 'code', 'message'], ...imp.errors.map((e) => [e.row, e.field, e.code, e.message])]);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${imp.id}-errors.csv"`).send(text);
    },
  );

  app.get(
    '/v1/exports/products.csv',
    {
      config: { access: read },
      schema: {
        tags: ['imports'],
        summary: 'Export products and variants as CSV',
        description: 'The import’s columns, one row per variant, `stock:<location id>` per warehouse: the file re-imports as it is.',
      },
    },
    async (req, reply) => csvReply(reply, 'products.csv', exportProducts(req.ctx, tenantOf(req.ctx))),
  );

  app.get(
    '/v1/exports/stock.csv',
    {
      config: { access: { merchant: 'any', apiKey: 'inventory:read' } },
      schema: { tags: ['imports'], summary: 'Export stock levels as CSV', description: 'One row per variant and location.' },
    },
    async (req, reply) => csvReply(reply, 'stock.csv', exportStock(req.ctx, tenantOf(req.ctx))),
  );

  app.get(
    '/v1/exports/orders.csv',
    {
      config: { access: { merchant: 'any', apiKey: 'orders:read' } },
      schema: {
        tags: ['imports'],
        summary: 'Export orders as CSV',
        description: 'One row per order line, newest order first.',
        querystring: z.object({
          state: z.enum(ORDER_STATES).optional(),
          created_from: z.iso.datetime({ offset: true }).optional(),
          created_to: z.iso.datetime({ offset: true }).optional(),
        }),
      },
    },
    async (req, reply) => {
      if (!merchantScope(req.ctx)) throw new AppError('forbidden', 'Exports are for merchant accounts');
      const q = req.query;
      return csvReply(
        reply,
        'orders.csv',
        exportOrders(req.ctx, {
          state: q.state,
          created_from: q.created_from ? new Date(q.created_from) : undefined,
          created_to: q.created_to ? new Date(q.created_to) : undefined,
        }),
      );
    },
  );
}

export const importsModule: HttpModule = {
  name: 'imports',
  tag: { name: 'imports', description: 'CSV import and export of products, variants, stock and orders' },
  routes,
};
