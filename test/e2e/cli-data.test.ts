// `tasman import` and `tasman export` as a real process on a seeded embedded data directory:
// exit codes, progress lines when stderr is not a terminal, the error report, and the export
// of what was imported.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, killAll, removeTempDirs, SLOW, tasman, tempDir } from '../support/cli.ts';
import { csvOf, honeyRow, readCsv } from '../support/imports.ts';

let env: Record<string, string>;
let merchant: string;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  env = { DATA_DIR: tempDir(), LOG_LEVEL: 'warn' };
  const r = await tasman(['seed', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  const list = json(await tasman(['merchant', 'list', '--json'], env));
  merchant = list.find((m: { country: string }) => m.country === 'NZ' || m.country === 'AU').id;
}, SLOW.timeout);
afterEach(killAll);
afterAll(async () => {
  await killAll();
  removeTempDirs();
});

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tasman import', () => {
  it('refuses a file with a bad row (exit 1, the row on stderr, nothing written); --valid-rows writes the rest', SLOW, async () => {
    const bad = file('bad.csv', csvOf([honeyRow('CLI-GOOD-1'), honeyRow('CLI-BAD-1', { hs_code: '123' })]));
    const refused = await tasman(['import', '--merchant', merchant, bad], env);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toContain('failed');
    expect(refused.stderr).toContain('row 3 hs_code');
    expect(refused.stderr).toContain('[invalid_hs_code]');
    expect(refused.stderr).toMatch(/progress 2\/2 rows \(100%\)/);
    expect((await tasman(['export', 'products', '--merchant', merchant], env)).stdout).not.toContain('CLI-GOOD-1');

    const partial = json(await tasman(['import', '--merchant', merchant, '--valid-rows', '--json', bad], env));
    expect(partial).toMatchObject({ status: 'succeeded', rows: 2, error_count: 1, summary: { variants_created: 1 } });
    expect(partial.errors).toEqual([expect.objectContaining({ row: 3, field: 'hs_code', code: 'invalid_hs_code' })]);
  });

  it('a clean file exits 0; a dry run writes nothing; the export has what was imported', SLOW, async () => {
    const good = file('good.csv', csvOf([honeyRow('CLI-OK-1'), honeyRow('CLI-OK-2')]));
    const dry = json(await tasman(['import', '--merchant', merchant, '--dry-run', '--json', good], env));
    expect(dry).toMatchObject({ status: 'succeeded', dry_run: true, error_count: 0, summary: { variants_created: 2 } });
    const r = await tasman(['import', '--merchant', merchant, good], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('variants 2 created');
    const rows = await readCsv((await tasman(['export', 'products', '--merchant', merchant], env)).stdout);
    expect(rows.filter((x) => x.sku?.startsWith('CLI-OK-')).map((x) => x.price)).toEqual(['39.90', '39.90']);
    const stock = await tasman(['export', 'stock', '--merchant', merchant], env);
    expect(stock.code).toBe(0);
    expect(stock.stdout.split('\n')[0]).toBe('sku,handle,location_id,location_name,location_kind,on_hand,reserved,available');
    const orders = await tasman(['export', 'orders', '--merchant', merchant, '--state', 'paid'], env);
    expect(orders.code).toBe(0);
  });

  it('usage errors exit 2; an unknown merchant exits 1 with not_found; an unreadable file exits 1', SLOW, async () => {
    expect((await tasman(['export', 'bogus', '--merchant', merchant], env)).code).toBe(2);
    expect((await tasman(['import', join(dir, 'good.csv')], env)).code).toBe(2);
    const unknown = await tasman(['import', '--merchant', 'mer_01h0000000000000000000000', join(dir, 'good.csv')], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[not_found]');
    expect((await tasman(['import', '--merchant', merchant, join(dir, 'missing.csv')], env)).code).toBe(1);
  });
});
