// CSV import and export (issue 9, "Analytics and data"): a file with bad rows is refused
// whole with its error report (row, field, code, message), or its good rows written in
// `valid_rows` mode; dry runs; updates by SKU; progress; a 5,000-row file; the product export
// re-imports as it is; and one merchant never reads another's imports or exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/kernel/ids.ts';
import { call, createMerchant, type MerchantFixture, operatorToken } from '../support/http.ts';
import { activate, createWarehouse } from '../support/catalog.ts';
import { csvOf, HEADER, honeyRow, readCsv } from '../support/imports.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let A: MerchantFixture;
let B: MerchantFixture;
let warehouse: string;
let seq = 0;
const sku = (tag = 'IMP') => `${tag}-${Date.now().toString(36)}-${seq++}`.toUpperCase();

beforeAll(async () => {
  p = await startPlatform();
  const admin = await operatorToken(p);
  A = await createMerchant(p, admin, 'Manuka Bay Honey');
  B = await createMerchant(p, admin, 'Kaikoura Kelp');
  warehouse = await createWarehouse(p, A.owner, 'Auckland DC');
}, 120_000);
afterAll(() => p.close());

async function importCsv(
  token: string,
  csv: string,
  opts: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
): Promise<any> {
  const r = await call(p, 'POST', '/v1/imports', { token, body: { csv, ...opts }, headers });
  expect(r.status, r.raw).toBe(202);
  expect(r.body.status).toBe('queued');
  await p.runJobs();
  const done = await call(p, 'GET', `/v1/imports/${r.body.id}`, { token });
  expect(done.status).toBe(200);
  return done.body;
}

async function skusOf(token: string): Promise<Set<string>> {
  const r = await call(p, 'GET', '/v1/exports/products.csv', { token });
  expect(r.status).toBe(200);
  return new Set((await readCsv(r.raw)).map((x) => x.sku as string));
}

const BAD_ROWS = () => {
  const good = [sku(), sku(), sku()];
  return {
    good,
    csv: csvOf([
      honeyRow(good[0] as string),
      honeyRow(sku(), { hs_code: '04090' }), // row 3: not a 10-digit China HS code
      honeyRow(good[1] as string),
      honeyRow(sku(), { price: 'abc' }), // row 5
      honeyRow(sku(), { gtin: '9400000000017' }), // row 6: check digit
      honeyRow(sku(), { category: 'weapons' }), // row 7
      honeyRow(good[2] as string),
      honeyRow(good[2] as string), // row 9: the same SKU again
    ]),
  };
};

describe('a file with bad rows', () => {
  it('all_or_nothing (the default): nothing is written, the error report names row, field, code and reason', async () => {
    const { csv, good } = BAD_ROWS();
    const imp = await importCsv(A.owner, csv);
    expect(imp.status).toBe('failed');
    expect(imp.progress).toEqual({ rows_done: 8, rows_total: 8 });
    expect(imp.error_count).toBe(5);
    expect(imp.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [3, 'hs_code', 'invalid_hs_code'],
      [5, 'price', 'invalid_request'],
      [6, 'gtin', 'invalid_gtin'],
      [7, 'category', 'invalid_request'],
      [9, 'sku', 'already_exists'],
    ]);
    expect(imp.errors[0].message).toContain('10 digits');
    expect(imp.summary).toEqual({
      products_created: 0,
      products_updated: 0,
      variants_created: 0,
      variants_updated: 0,
      stock_levels_set: 0,
    });
    const skus = await skusOf(A.owner);
    for (const s of good) expect(skus.has(s)).toBe(false);

    const report = await call(p, 'GET', `/v1/imports/${imp.id}/errors.csv`, { token: A.owner });
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const rows = await readCsv(report.raw);
    expect(Object.keys(rows[0] ?? {})).toEqual(['row', 'field', 'code', 'message']);
    expect(rows.map((r) => [r.row, r.field, r.code])).toEqual([
      ['3', 'hs_code', 'invalid_hs_code'],
      ['5', 'price', 'invalid_request'],
      ['6', 'gtin', 'invalid_gtin'],
      ['7', 'category', 'invalid_request'],
      ['9', 'sku', 'already_exists'],
    ]);
  });

  it('valid_rows: the good rows are written, the bad ones reported', async () => {
    const { csv, good } = BAD_ROWS();
    const imp = await importCsv(A.owner, csv, { mode: 'valid_rows' });
    expect(imp.status).toBe('succeeded');
    expect(imp.error_count).toBe(5);
    expect(imp.summary).toMatchObject({ products_created: 3, variants_created: 3 });
    const skus = await skusOf(A.owner);
    for (const s of good) expect(skus.has(s)).toBe(true);
  });

  it('an unknown column or a stock column naming no warehouse of the merchant fails the file', async () => {
    const imp = await importCsv(A.owner, csvOf([honeyRow(sku())], [...HEADER, 'colour', 'stock:Nowhere']), { mode: 'valid_rows' });
    expect(imp.status).toBe('failed');
    expect(imp.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['colour', 'invalid_csv'],
      ['stock:Nowhere', 'invalid_csv'],
    ]);
  });
});

describe('dry run, progress, text/csv and idempotency', () => {
  it('a dry run validates and says what it would write, and writes nothing', async () => {
    const s = sku();
    const imp = await importCsv(A.owner, csvOf([honeyRow(s)]), { dry_run: true });
    expect(imp).toMatchObject({ status: 'succeeded', dry_run: true, error_count: 0 });
    expect(imp.summary).toMatchObject({ products_created: 1, variants_created: 1 });
    expect((await skusOf(A.owner)).has(s)).toBe(false);
  });

  it('a text/csv body with options in the query; queued until the worker runs it, then done/total', async () => {
    const s = sku();
    const r = await call(p, 'POST', '/v1/imports?mode=valid_rows&filename=honey.csv', {
      token: A.apiKey,
      rawBody: Buffer.from(csvOf([honeyRow(s), honeyRow(sku())])),
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.status, r.raw).toBe(202);
    expect(r.body).toMatchObject({ status: 'queued', mode: 'valid_rows', filename: 'honey.csv', progress: { rows_done: 0 } });
    await p.runJobs();
    const done = (await call(p, 'GET', `/v1/imports/${r.body.id}`, { token: A.apiKey })).body;
    expect(done).toMatchObject({ status: 'succeeded', progress: { rows_done: 2, rows_total: 2 } });
    expect(done.finished_at).not.toBeNull();
  });

  it('blank rows are skipped and row numbers stay those a spreadsheet shows', async () => {
    const [header = '', first = ''] = csvOf([honeyRow(sku())])
      .trimEnd()
      .split('\n');
    const bad = csvOf([honeyRow(sku(), { net_weight_g: 'heavy' })])
      .trimEnd()
      .split('\n')[1];
    const blankCells = ','.repeat(HEADER.length - 1);
    const imp = await importCsv(A.owner, [header, first, '', blankCells, bad, ''].join('\n'), { dry_run: true });
    expect(imp.errors).toEqual([expect.objectContaining({ row: 5, field: 'net_weight_g', code: 'invalid_request' })]);
  });

  it('the same Idempotency-Key makes one import', async () => {
    const csv = csvOf([honeyRow(sku())]);
    const key = `imp-${sku()}`;
    const one = await call(p, 'POST', '/v1/imports', { token: A.owner, body: { csv }, headers: { 'idempotency-key': key } });
    const two = await call(p, 'POST', '/v1/imports', { token: A.owner, body: { csv }, headers: { 'idempotency-key': key } });
    expect(two.body.id).toBe(one.body.id);
    await p.runJobs();
  });
});

describe('an import that cannot complete', () => {
  it('fails with the reason once its job has used up its attempts, instead of staying running', async () => {
    const mine = sku();
    const csv = csvOf([honeyRow(mine)]);
    const r = await call(p, 'POST', '/v1/imports', { token: A.owner, body: { csv } });
    expect(r.status, r.raw).toBe(202);
    const db = p.rt.database.db;
    // A fault every attempt meets: the import's merchant cannot be read (its id points nowhere).
    await db.execute(`update imports set merchant_id = '${newId('merchant')}' where id = '${r.body.id}'`);
    for (let i = 0; i < 4; i++) {
      await p.runJobs();
      p.clock.advance(3_600_000);
    }
    await db.execute(`update imports set merchant_id = '${A.id}' where id = '${r.body.id}'`);
    const after = (await call(p, 'GET', `/v1/imports/${r.body.id}`, { token: A.owner })).body;
    expect(after.status).toBe('failed');
    expect(after.errors).toEqual([expect.objectContaining({ row: 1, field: 'file', code: 'import_failed' })]);
    expect(after.errors[0].message).toMatch(/No such merchant/);
    const report = await call(p, 'GET', `/v1/imports/${r.body.id}/errors.csv`, { token: A.owner });
    expect(report.raw).toContain('import_failed');
    // Nothing was written for it.
    const products = await call(p, 'GET', '/v1/exports/products.csv', { token: A.owner });
    expect(products.status).toBe(200);
    expect(products.raw).not.toContain(mine);
  });
});

describe('updates by SKU', () => {
  it('a known SKU updates its variant (price) and its product; stock columns set the on-hand count', async () => {
    const s = sku();
    const columns = [...HEADER, 'stock:Auckland DC'];
    const first = await importCsv(A.owner, csvOf([{ ...honeyRow(s), 'stock:Auckland DC': '40' }], columns));
    expect(first.summary).toEqual({
      products_created: 1,
      products_updated: 0,
      variants_created: 1,
      variants_updated: 0,
      stock_levels_set: 1,
    });
    // Only the SKU, a new price, a new English name and a new count: the rest stays.
    const second = await importCsv(
      A.owner,
      csvOf(
        [{ sku: s, price: '42.50', name_en: 'Manuka Honey 250g', [`stock:${warehouse}`]: '25' }],
        ['sku', 'price', 'name_en', `stock:${warehouse}`],
      ),
    );
    expect(second.status, JSON.stringify(second.errors)).toBe('succeeded');
    expect(second.summary).toEqual({
      products_created: 0,
      products_updated: 1,
      variants_created: 0,
      variants_updated: 1,
      stock_levels_set: 1,
    });
    const rows = (await readCsv((await call(p, 'GET', '/v1/exports/products.csv', { token: A.owner })).raw)).filter((r) => r.sku === s);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ price: '42.50', name_en: 'Manuka Honey 250g', name_zh: `麦卢卡蜂蜜 ${s}`, hs_code: '0409000000' });
    expect(rows[0]?.[`stock:${warehouse}`]).toBe('25');
    const stock = (await readCsv((await call(p, 'GET', '/v1/exports/stock.csv', { token: A.owner })).raw)).filter((r) => r.sku === s);
    expect(stock).toEqual([expect.objectContaining({ location_id: warehouse, on_hand: '25', reserved: '0', available: '25' })]);
    // The movement ledger explains the count: +40 then −15.
    const level = (await call(p, 'GET', `/v1/stock-levels?location_id=${warehouse}&limit=100`, { token: A.owner })).body.data.find(
      (l: { on_hand: number }) => l.on_hand === 25,
    );
    expect(level).toBeDefined();
  });

  it('a listed product must stay listable: an update that breaks a listing check is refused on its row', async () => {
    const s = sku();
    const created = await importCsv(A.owner, csvOf([honeyRow(s)]));
    expect(created.status).toBe('succeeded');
    const product = (await call(p, 'GET', '/v1/products?limit=100', { token: A.owner })).body.data.find(
      (x: { variants: { sku: string }[] }) => x.variants.some((v) => v.sku === s),
    );
    await activate(p, A.owner, product.id);
    const imp = await importCsv(A.owner, csvOf([{ sku: s, hs_code: '9999999999' }], ['sku', 'hs_code']));
    expect(imp.status).toBe('failed');
    expect(imp.errors[0]).toMatchObject({ row: 2, field: 'hs_code', code: 'listing_blocked' });
  });
});

describe('a large file and the round trip', () => {
  it('imports 5,000 rows (products grouped by handle, 2 variants each) in one job', { timeout: 120_000 }, async () => {
    const tag = sku('BULK');
    const rows = Array.from({ length: 5000 }, (_, i) =>
      honeyRow(
        `${tag}-${i}`,
        { options: `size=${i % 2 ? '500g' : '250g'}`, 'stock:Auckland DC': String(i % 50) },
        `${tag}-P${Math.floor(i / 2)}`,
      ),
    );
    const imp = await importCsv(A.owner, csvOf(rows, [...HEADER, 'stock:Auckland DC']));
    expect(imp.status, JSON.stringify(imp.errors.slice(0, 3))).toBe('succeeded');
    expect(imp.progress).toEqual({ rows_done: 5000, rows_total: 5000 });
    expect(imp.summary).toEqual({
      products_created: 2500,
      products_updated: 0,
      variants_created: 5000,
      variants_updated: 0,
      stock_levels_set: 5000,
    });
    const exported = (await readCsv((await call(p, 'GET', '/v1/exports/products.csv', { token: A.owner })).raw)).filter((r) =>
      r.sku?.startsWith(`${tag}-`),
    );
    expect(exported).toHaveLength(5000);
    expect(new Set(exported.map((r) => r.handle)).size).toBe(2500);
  });

  it('the product export re-imports cleanly: into the same merchant as updates, into another as new products', {
    timeout: 120_000,
  }, async () => {
    const exported = (await call(p, 'GET', '/v1/exports/products.csv', { token: A.owner })).raw;
    const rows = await readCsv(exported);
    const again = await importCsv(A.owner, exported);
    expect(again.status, JSON.stringify(again.errors.slice(0, 3))).toBe('succeeded');
    expect(again.summary).toMatchObject({ products_created: 0, variants_created: 0, variants_updated: rows.length });
    expect((await call(p, 'GET', '/v1/exports/products.csv', { token: A.owner })).raw).toBe(exported);

    // B has no warehouse of A's: without the stock columns, the file makes B the same catalog.
    const columns = Object.keys(rows[0] ?? {}).filter((c) => !c.startsWith('stock:'));
    const forB = csvOf(rows, columns);
    const intoB = await importCsv(B.owner, forB);
    expect(intoB.status, JSON.stringify(intoB.errors.slice(0, 3))).toBe('succeeded');
    expect(intoB.summary).toMatchObject({ variants_created: rows.length, products_created: new Set(rows.map((r) => r.handle)).size });
    const bRows = await readCsv((await call(p, 'GET', '/v1/exports/products.csv', { token: B.owner })).raw);
    const strip = (r: Record<string, string>) => {
      const { handle: _h, ...rest } = r;
      return Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('stock:') && k !== 'status'));
    };
    const bySku = (list: Record<string, string>[]) => new Map(list.map((r) => [r.sku, strip(r)]));
    expect(bySku(bRows)).toEqual(bySku(rows));
  });
});

describe('tenant isolation', () => {
  it('another merchant cannot read an import or its error report, and exports only its own data', async () => {
    const { csv } = BAD_ROWS();
    const imp = await importCsv(A.owner, csv);
    for (const token of [B.owner, B.apiKey]) {
      const r = await call(p, 'GET', `/v1/imports/${imp.id}`, { token });
      expect(r.status).toBe(404);
      expect((await call(p, 'GET', `/v1/imports/${imp.id}/errors.csv`, { token })).status).toBe(404);
      const list = await call(p, 'GET', '/v1/imports?limit=100', { token });
      expect(list.raw).not.toContain(imp.id);
    }
    const aSkus = await skusOf(A.owner);
    const bStock = (await call(p, 'GET', '/v1/exports/stock.csv', { token: B.owner })).raw;
    expect(bStock).not.toContain(warehouse);
    const bOrders = await call(p, 'GET', '/v1/exports/orders.csv', { token: B.owner });
    expect(bOrders.status).toBe(200);
    expect(bOrders.raw.split('\n')[0]).toContain('order_id');
    // B's catalog came from A's file in the round trip; its rows carry B's own products only.
    const bProducts = await readCsv((await call(p, 'GET', '/v1/exports/products.csv', { token: B.owner })).raw);
    const aHandles = new Set(
      (await readCsv((await call(p, 'GET', '/v1/exports/products.csv', { token: A.owner })).raw)).map((r) => r.handle),
    );
    for (const r of bProducts) expect(aHandles.has(r.handle as string)).toBe(false);
    expect(aSkus.size).toBeGreaterThan(0);
  });

  it('operators and shoppers cannot import or export', async () => {
    const op = await operatorToken(p, 'admin');
    expect((await call(p, 'POST', '/v1/imports', { token: op, body: { csv: 'sku\nX' } })).status).toBe(403);
    expect((await call(p, 'GET', '/v1/exports/products.csv', { token: op })).status).toBe(403);
  });
});
