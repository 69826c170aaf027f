// `tasman import` and `tasman export`: a merchant's catalog and stock in and out as CSV, for
// operators and scripts. The import runs in this process through the same service as
// `POST /v1/imports` (no worker needed), with a progress bar on a terminal and plain progress
// lines otherwise. Exit codes as everywhere: 0 done with no bad rows, 1 refused or with bad
// rows, 2 usage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { type Ctx, type Runtime, systemCtx } from '../kernel/context.ts';
import { notFound } from '../kernel/errors.ts';
import { exportOrders, exportProducts, exportStock } from '../modules/imports/exports.ts';
import { createImport, runImport } from '../modules/imports/service.ts';
import { merchantStatuses } from '../modules/merchants/service.ts';
import { ORDER_STATES, type OrderState } from '../modules/orders/rules.ts';
import { EXIT, ExitError, withRuntime } from './runtime.ts';

/** Reads act for the merchant, so every service scopes them as it would the merchant's own request. */
async function actingFor(rt: Runtime, merchantId: string): Promise<Ctx> {
  const [m] = await merchantStatuses(systemCtx(rt, 'cli'), [merchantId]);
  if (!m) throw notFound('merchant', merchantId);
  return { ...systemCtx(rt, 'cli'), principal: { kind: 'merchant', id: 'cli', merchantId, role: 'owner', sessionId: 'cli' } };
}

function progressWriter(): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let lastShown = -1;
  return {
    update(done, total) {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (tty) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} rows`);
      } else if (Math.floor(pct / 10) > lastShown) {
        lastShown = Math.floor(pct / 10);
        process.stderr.write(`progress ${done}/${total} rows (${pct}%)\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export function registerDataCommands(program: Command): void {
  program
    .command('import <file>')
    .description(
      'import products, variants and stock from a CSV file (docs/api.md "Import and export"); all rows or none unless --valid-rows',
    )
    .requiredOption('--merchant <id>', 'the merchant whose catalog it is')
    .option('--valid-rows', 'write the good rows and report the bad ones (default: nothing is written if any row is bad)')
    .option('--dry-run', 'validate only; write nothing')
    .option('--json', 'machine-readable output')
    .action(async (file: string, o: { merchant: string; validRows?: boolean; dryRun?: boolean; json?: boolean }) => {
      let csv: string;
      try {
        csv = readFileSync(file, 'utf8');
      } catch (e) {
        throw new ExitError(EXIT.failed, `tasman: cannot read ${file}: ${(e as Error).message}`);
      }
      await withRuntime(
        async (rt) => {
          const ctx = systemCtx(rt, 'cli');
          const created = await createImport(
            ctx,
            o.merchant,
            { csv, mode: o.validRows ? 'valid_rows' : 'all_or_nothing', dry_run: !!o.dryRun, filename: basename(file) },
            { enqueue: false },
          );
          const bar = progressWriter();
          const started = performance.now();
          const imp = await runImport(ctx, created.id, (done, total) => bar.update(done, total));
          bar.end();
          const seconds = (performance.now() - started) / 1000;
          const result = {
            id: imp.id,
            status: imp.status,
            mode: imp.mode,
            dry_run: imp.dryRun,
            rows: imp.totalRows,
            error_count: imp.errorCount,
            summary: imp.summary,
            seconds: Math.round(seconds * 1000) / 1000,
            errors: imp.errors,
          };
          if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
          else {
            const s = imp.summary;
            const lines = [
              `${imp.id} ${imp.status}${imp.dryRun ? ' (dry run: nothing written)' : ''}: ${imp.totalRows} rows in ${result.seconds} s, ${imp.errorCount} with errors`,
              ...(s && imp.status === 'succeeded'
                ? [
                    `products ${s.products_created} created, ${s.products_updated} updated; variants ${s.variants_created} created, ${s.variants_updated} updated; ${s.stock_levels_set} stock levels set`,
                  ]
                : []),
            ];
            process.stdout.write(`${lines.join('\n')}\n`);
            for (const e of imp.errors.slice(0, 50)) process.stderr.write(`row ${e.row} ${e.field}: ${e.message} [${e.code}]\n`);
            if (imp.errorCount > 50) process.stderr.write(`… ${imp.errorCount - 50} more (GET /v1/imports/${imp.id}/errors.csv)\n`);
          }
          if (imp.status === 'failed' || imp.errorCount > 0) process.exitCode = EXIT.failed;
        },
        { migrate: false },
      );
    });

  program
    .command('export <what>')
    .description('write a merchant’s products, orders or stock as CSV to standard output (products re-import as they are)')
    .requiredOption('--merchant <id>', 'the merchant')
    .option('--state <state>', 'orders: only this state')
    .option('--from <date>', 'orders: created at or after (ISO 8601)')
    .option('--to <date>', 'orders: created at or before (ISO 8601)')
    .action(async (what: string, o: { merchant: string; state?: string; from?: string; to?: string }) => {
      if (!['products', 'orders', 'stock'].includes(what)) throw new ExitError(EXIT.usage, 'tasman: export products | orders | stock');
      if (o.state && !(ORDER_STATES as readonly string[]).includes(o.state)) {
        throw new ExitError(EXIT.usage, `tasman: --state is one of ${ORDER_STATES.join(', ')}`);
      }
      const date = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        const d = new Date(v);
        if (Number.isNaN(d.getTime())) throw new ExitError(EXIT.usage, `tasman: ${name} is not a date`);
        return d;
      };
      const from = date(o.from, '--from');
      const to = date(o.to, '--to');
      await withRuntime(async (rt) => {
        const ctx = await actingFor(rt, o.merchant);
        const gen =
          what === 'products'
            ? exportProducts(ctx, o.merchant)
            : what === 'stock'
              ? exportStock(ctx, o.merchant)
              : exportOrders(ctx, { state: o.state as OrderState | undefined, created_from: from, created_to: to });
        for await (const chunk of gen) {
          if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
        }
      });
    });
}
