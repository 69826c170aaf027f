// `npm run bench:import`: `tasman import` of BENCH_IMPORT_ROWS (50,000) product rows on
// PostgreSQL, through the service the CLI runs (createImport + runImport: parse, validate
// every row with the catalog's rules, one transaction of multi-row upserts). The file is one
// listable product per row with a stock count at the merchant's warehouse. Two runs on the
// same merchant: CREATE (every SKU new: products, variants, stock levels with their buckets
// and ledger movements) and UPDATE (the same file with new prices and counts: every row an
// update by SKU).
//
// import_rows_per_s = rows ÷ seconds of the CREATE run (the figure; target ≥ 5,000/s);
// update_rows_per_s the same for the UPDATE run.
//
// Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), BENCH_IMPORT_ROWS
// (50000), BENCH_TIMEOUT_S (600).
import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../src/kernel/config.ts';
import { type Ctx, systemCtx } from '../src/kernel/context.ts';
import { runMigrations } from '../src/kernel/db/migrate.ts';
import { createRuntime } from '../src/main.ts';
import { createImport, runImport } from '../src/modules/imports/service.ts';
import { createLocation } from '../src/modules/inventory/service.ts';
import { createMerchant } from '../src/modules/merchants/service.ts';
import { benchDatabase, logger, machineFigures, round1, runPgBench } from './lib.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 50_000);
const LIMIT_MS = Number(process.env.BENCH_TIMEOUT_S || 600) * 1000;
const log = logger('import');
const db = benchDatabase(`tasman_bench_import_${randomBytes(4).toString('hex')}`, log);

function file(tag: string, price: (i: number) => string, count: (i: number) => number): string {
  const header = [
    'brand',
    'category',
    'country_of_origin',
    'name_en',
    'description_en',
    'name_zh',
    'description_zh',
    'sku',
    'gtin',
    'options',
    'hs_code',
    'tax_class',
    'declared_unit',
    'declared_quantity',
    'net_weight_g',
    'gross_weight_g',
    'price',
    'stock:Auckland DC',
  ];
  const rows = Array.from({ length: ROWS }, (_, i) => [
    'Manuka Bay',
    'honey',
    'NZ',
    `Manuka Honey ${i}`,
    'Raw monofloral manuka honey from the East Cape.',
    `麦卢卡蜂蜜 ${i}`,
    '来自新西兰东角的天然单花麦卢卡蜂蜜。',
    `${tag}-${i}`,
    '9400000000016',
    'size=250g',
    '0409000000',
    'agricultural',
    '035',
    '0.25',
    '250',
    '420',
    price(i),
    String(count(i)),
  ]);
  return stringify([header, ...rows]);
}

async function main(): Promise<{ result: Record<string, unknown>; failures: string[] }> {
  await db.create([]);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '4',
    TASMAN_SECRET: 'bench-import-secret-0123456789abcdefghij',
  });
  const rt = await createRuntime(config);
  const failures: string[] = [];
  try {
    await runMigrations(rt.database);
    const system = systemCtx(rt, 'bench');
    const { merchant } = await createMerchant(system, {
      legal_name: 'Bench Honey Pty Ltd',
      country: 'NZ',
      owner: { email: `bench-${Date.now()}@example.test`, name: 'Bench Owner', password: 'bench-owner-password-1' },
    });
    const asMerchant: Ctx = {
      ...system,
      principal: { kind: 'merchant', id: 'bench', merchantId: merchant.id, role: 'owner', sessionId: 'bench' },
    };
    await createLocation(asMerchant, { name: 'Auckland DC', country: 'NZ', city: 'Auckland' });
    const tag = `B${Date.now().toString(36)}`.toUpperCase();
    const run = async (name: string, csv: string) => {
      const started = performance.now();
      const created = await createImport(system, merchant.id, { csv, mode: 'all_or_nothing' }, { enqueue: false });
      const imp = await runImport(system, created.id);
      const seconds = (performance.now() - started) / 1000;
      log(
        `${name}: ${imp.status}, ${imp.totalRows} rows in ${seconds.toFixed(2)} s, ${imp.errorCount} errors ${JSON.stringify(imp.summary)}`,
      );
      if (imp.status !== 'succeeded' || imp.errorCount) failures.push(`${name}: ${imp.status} ${JSON.stringify(imp.errors.slice(0, 3))}`);
      return { seconds, imp };
    };
    log(`building a file of ${ROWS} rows`);
    const createFile = file(
      tag,
      () => '39.90',
      (i) => i % 100,
    );
    log(`file: ${(createFile.length / 1024 / 1024).toFixed(1)} MiB`);
    const create = await run('create', createFile);
    if (create.imp.summary?.variants_created !== ROWS) failures.push(`create made ${create.imp.summary?.variants_created} variants`);
    const update = await run(
      'update',
      file(
        tag,
        () => '42.50',
        (i) => (i % 100) + 5,
      ),
    );
    if (update.imp.summary?.variants_updated !== ROWS) failures.push(`update changed ${update.imp.summary?.variants_updated} variants`);
    const [counts] = await rt.database.query<{ variants: string; levels: string; movements: string }>(
      `select (select count(*) from product_variants) as variants, (select count(*) from stock_levels) as levels,
              (select count(*) from stock_movements) as movements`,
    );
    log(`database: ${JSON.stringify(counts)}`);
    return {
      result: {
        bench: 'import',
        database: 'postgres',
        rows: ROWS,
        import_rows_per_s: round1(ROWS / create.seconds),
        import_s: round1(create.seconds),
        update_rows_per_s: round1(ROWS / update.seconds),
        update_s: round1(update.seconds),
        file_mib: round1(createFile.length / 1024 / 1024),
        ...machineFigures(round1),
      },
      failures,
    };
  } finally {
    await rt.database.close();
    await db.drop();
  }
}

await runPgBench(main, { log, db, limitMs: LIMIT_MS });
