// Operator commands for scripts and for operators without the web console: review and
// decide merchant applications, add bonded warehouses, and check the stock and money
// ledgers. They act as the system principal `cli`, recorded in the audit log.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { systemCtx } from '../kernel/context.ts';
import { importRates } from '../modules/fx/service.ts';
import { createLocation, verifyLedger } from '../modules/inventory/service.ts';
import { MERCHANT_ACTIONS, MERCHANT_STATUSES, type MerchantAction, type MerchantStatus } from '../modules/merchants/rules.ts';
import { decideMerchant, listMerchants } from '../modules/merchants/service.ts';
import { verifyLedger as verifyTransfers } from '../modules/payments/ledger.ts';
import { EXIT, ExitError, print, withRuntime } from './runtime.ts';

export function registerMarketplaceCommands(program: Command): void {
  const merchant = program.command('merchant').description('merchant applications and life cycle');
  merchant
    .command('list')
    .description('list merchants, newest first (e.g. --status applied: the applications to review)')
    .addOption(new Option('--status <status>', 'only merchants in this status').choices(MERCHANT_STATUSES))
    .option('--limit <n>', 'how many (1–100)', '50')
    .option('--json', 'machine-readable output')
    .action(async (o: { status?: string; limit: string; json?: boolean }) => {
      const limit = Math.min(100, Math.max(1, Number.parseInt(o.limit, 10) || 50));
      await withRuntime(async (rt) => {
        const page = await listMerchants(systemCtx(rt, 'cli'), { status: o.status as MerchantStatus | undefined }, { limit });
        const rows = page.data.map((m) => ({
          id: m.id,
          status: m.status,
          country: m.country,
          name: m.tradingName ?? m.legalName,
          business_number: m.businessNumber,
          created_at: m.createdAt.toISOString(),
        }));
        print(!!o.json, rows, rows.map((r) => `${r.id}  ${r.status.padEnd(9)} ${r.country}  ${r.name}`).join('\n') || '(none)');
      });
    });

  for (const action of MERCHANT_ACTIONS) {
    merchant
      .command(`${action} <id>`)
      .description(`${action} a merchant${action === 'approve' ? '' : ' (a reason is required)'}`)
      .option('--reason <text>', 'why; shown to the merchant and kept in the audit log')
      .option('--json', 'machine-readable output')
      .action(async (id: string, o: { reason?: string; json?: boolean }) => {
        await withRuntime(async (rt) => {
          const m = await decideMerchant(systemCtx(rt, 'cli'), id, action as MerchantAction, o.reason);
          print(!!o.json, { id: m.id, status: m.status, reason: m.statusReason }, `${m.id} is now ${m.status}`);
        });
      });
  }

  program
    .command('bonded-warehouse')
    .description('platform-run China bonded warehouses')
    .command('create')
    .description('add a bonded warehouse every merchant can stock (1210 bonded import)')
    .requiredOption('--name <name>', 'e.g. "Ningbo Bonded Logistics Centre"')
    .requiredOption('--city <city>', 'e.g. Ningbo')
    .requiredOption('--customs-code <code>', 'customs area code used on declarations')
    .option('--address <address>', 'street address')
    .option('--json', 'machine-readable output')
    .action(async (o: { name: string; city: string; customsCode: string; address?: string; json?: boolean }) => {
      await withRuntime(async (rt) => {
        const loc = await createLocation(systemCtx(rt, 'cli'), {
          name: o.name,
          country: 'CN',
          city: o.city,
          customs_code: o.customsCode,
          address: o.address,
        });
        print(!!o.json, { id: loc.id, kind: loc.kind, name: loc.name }, `created ${loc.kind} ${loc.name} ${loc.id}`);
      });
    });

  program
    .command('fx')
    .description('exchange rates')
    .command('import <file>')
    .description('import a file of published reference rates (CSV `date,pair,rate` or JSON); all its rates or none')
    .requiredOption('--source <name>', 'where the rates come from, e.g. "CFETS RMB central parity"')
    .option('--spread-bps <n>', 'the platform spread given to every imported rate', '50')
    .option('--json', 'machine-readable output')
    .action(async (file: string, o: { source: string; spreadBps: string; json?: boolean }) => {
      const spread = Number(o.spreadBps);
      if (!Number.isInteger(spread) || spread < 0 || spread > 2000) throw new ExitError(EXIT.usage, 'tasman: --spread-bps must be 0–2000');
      const format = extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new ExitError(EXIT.failed, `tasman: cannot read ${file}: ${(e as Error).message}`);
      }
      await withRuntime(async (rt) => {
        const made = await importRates(systemCtx(rt, 'cli'), text, format, { source: o.source, spread_bps: spread });
        print(
          !!o.json,
          made.map((r) => ({ id: r.id, pair: `${r.base}/${r.quote}`, mid: r.mid, effective_at: r.effectiveAt.toISOString() })),
          `imported ${made.length} rates from ${file}`,
        );
      });
    });

  program
    .command('ledger')
    .description('the double-entry ledger')
    .command('verify')
    .description('recompute every account balance from the transfers and print any difference (exit 1 if there is one)')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const r = await verifyTransfers(systemCtx(rt, 'cli'));
        const lines = [
          ...r.differences.map((d) => `${d.accountId}: ${d.field} stored ${d.stored}, recomputed ${d.recomputed}`),
          ...r.unbalanced.map((c) => `${c}: posted debits and credits differ`),
        ];
        print(
          !!o.json,
          r,
          lines.length ? lines.join('\n') : `${r.accounts} accounts and ${r.transfers} transfers agree; every currency balances`,
        );
        if (lines.length) process.exitCode = 1;
      });
    });

  program
    .command('inventory')
    .description('inventory checks')
    .command('verify')
    .description('recompute every stock level from the movement ledger and print any difference (exit 1 if there is one)')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const r = await verifyLedger(systemCtx(rt, 'cli'));
        const lines = r.differences.map(
          (d) =>
            `${d.levelId}: on_hand ${d.bucketsOnHand} vs ledger ${d.ledgerOnHand}, reserved ${d.bucketsReserved} vs ledger ${d.ledgerReserved}`,
        );
        print(!!o.json, r, lines.length ? lines.join('\n') : `${r.levels} stock levels agree with the movement ledger`);
        if (r.differences.length) process.exitCode = 1;
      });
    });
}
