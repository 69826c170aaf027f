// The operator's marketplace commands, run as a real `tasman` process on an embedded data
// directory seeded with the demo corridor: merchant review and decisions, bonded
// warehouses, and the stock and money ledger checks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { json, killAll, removeTempDirs, SLOW, tasman, tempDir } from '../support/cli.ts';

let env: Record<string, string>;

beforeAll(async () => {
  env = { DATA_DIR: tempDir(), LOG_LEVEL: 'warn' };
  const r = await tasman(['seed', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
}, SLOW.timeout);
afterEach(killAll);
afterAll(async () => {
  await killAll();
  removeTempDirs();
});

async function query<T>(sql: string): Promise<T[]> {
  const database = await openDatabase({ dataDir: env.DATA_DIR as string });
  try {
    return await database.query<T>(sql);
  } finally {
    await database.close();
  }
}

describe('tasman merchant', () => {
  it('list shows the merchants with their status, as text and JSON, filtered by status', SLOW, async () => {
    const all = json(await tasman(['merchant', 'list', '--json'], env));
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((m: { status: string }) => m.status))).toEqual(new Set(['approved']));
    const text = await tasman(['merchant', 'list'], env);
    expect(text.stdout).toContain(all[0].id);
    expect(json(await tasman(['merchant', 'list', '--status', 'applied', '--json'], env))).toEqual([]);
    const bad = await tasman(['merchant', 'list', '--status', 'bogus'], env);
    expect(bad.code).toBe(2);
  });

  it('suspend needs a reason, then records it with the CLI as the actor; reinstate brings it back', SLOW, async () => {
    const [first] = json(await tasman(['merchant', 'list', '--json'], env));
    const noReason = await tasman(['merchant', 'suspend', first.id], env);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('[invalid_request]');
    const suspended = json(await tasman(['merchant', 'suspend', first.id, '--reason', 'lapsed food licence', '--json'], env));
    expect(suspended).toEqual({ id: first.id, status: 'suspended', reason: 'lapsed food licence' });
    const again = await tasman(['merchant', 'suspend', first.id, '--reason', 'twice'], env);
    expect(again.stderr).toContain('[invalid_state]');
    expect((await tasman(['merchant', 'reinstate', first.id, '--reason', 'licence renewed'], env)).stdout).toContain('approved');
    const changes = await query<{ action: string; actor_kind: string; actor_id: string; reason: string }>(
      `select action, actor_kind, actor_id, reason from merchant_status_changes where merchant_id = '${first.id}' order by id`,
    );
    expect(changes.slice(-2)).toEqual([
      { action: 'suspend', actor_kind: 'system', actor_id: 'cli', reason: 'lapsed food licence' },
      { action: 'reinstate', actor_kind: 'system', actor_id: 'cli', reason: 'licence renewed' },
    ]);
  });

  it('an unknown merchant id exits 1 with not_found', SLOW, async () => {
    const r = await tasman(['merchant', 'approve', 'mer_01h0000000000000000000000'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[not_found]');
  });
});

describe('tasman bonded-warehouse create', () => {
  it('adds a CN bonded warehouse that merchants can stock', SLOW, async () => {
    const out = json(
      await tasman(
        ['bonded-warehouse', 'create', '--name', 'Ningbo Bonded Logistics Centre', '--city', 'Ningbo', '--customs-code', '3105', '--json'],
        env,
      ),
    );
    expect(out).toMatchObject({ kind: 'bonded_warehouse', name: 'Ningbo Bonded Logistics Centre' });
    const [row] = await query<{ country: string; merchant_id: string | null; customs_code: string }>(
      `select country, merchant_id, customs_code from stock_locations where id = '${out.id}'`,
    );
    expect(row).toEqual({ country: 'CN', merchant_id: null, customs_code: '3105' });
    const missing = await tasman(['bonded-warehouse', 'create', '--name', 'X', '--city', 'Y'], env);
    expect(missing.code).toBe(2);
  });
});

describe('tasman inventory verify', () => {
  it('agrees with the ledger after the seed, and reports a level changed behind its back', SLOW, async () => {
    const ok = json(await tasman(['inventory', 'verify', '--json'], env));
    expect(ok.levels).toBeGreaterThan(80);
    expect(ok.differences).toEqual([]);
    const [level] = await query<{ level_id: string }>('select level_id from stock_buckets where on_hand > 0 limit 1');
    const database = await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      await database.exec(`update stock_buckets set on_hand = on_hand + 1 where level_id = '${level?.level_id}' and bucket = 0`);
    } finally {
      await database.close();
    }
    const bad = await tasman(['inventory', 'verify', '--json'], env);
    expect(bad.code).toBe(1);
    expect(json(bad).differences).toEqual([expect.objectContaining({ levelId: level?.level_id })]);
  });
});

describe('tasman ledger verify', () => {
  it('agrees on a consistent ledger, and names an account whose counters no transfer explains', SLOW, async () => {
    const ok = await tasman(['ledger', 'verify', '--json'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(json(ok)).toMatchObject({ differences: [], unbalanced: [] });
    const database = await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      await database.exec(
        `insert into ledger_accounts (id, key, name, currency, kind, balance_constraint, credits_posted, created_at)
         values ('acc_01h0000000000000000000000', 'tampered', 'Tampered', 'CNY', 'liability', 'none', 500, now())`,
      );
    } finally {
      await database.close();
    }
    const bad = await tasman(['ledger', 'verify', '--json'], env);
    expect(bad.code).toBe(1);
    expect(json(bad)).toMatchObject({
      differences: [{ accountId: 'acc_01h0000000000000000000000', field: 'credits_posted', stored: '500', recomputed: '0' }],
      unbalanced: ['CNY'],
    });
  });
});

describe('tasman fx import', () => {
  const sample = (name: string) => fileURLToPath(new URL(`../fixtures/fx/${name}`, import.meta.url));

  it('imports the sample CSV and JSON files of reference rates; a bad file imports nothing', SLOW, async () => {
    const csv = await tasman(
      ['fx', 'import', sample('reference-rates.csv'), '--source', 'CFETS sample', '--spread-bps', '30', '--json'],
      env,
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(json(csv).map((r: { pair: string }) => r.pair)).toEqual(['USD/CNY', 'AUD/CNY', 'NZD/CNY', 'USD/CNY', 'AUD/CNY', 'NZD/CNY']);
    const js = await tasman(['fx', 'import', sample('reference-rates.json'), '--source', 'CFETS sample'], env);
    expect(js.stdout).toContain('imported 6 rates');
    const dir = tempDir();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,pair,rate\n2026-11-25,AUD/CNY,4.6\n2026-11-25,AUD/CNY,abc\n');
    const refused = await tasman(['fx', 'import', bad, '--source', 'x'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3');
    const [row] = await query<{ n: number }>(`select count(*)::int as n from fx_rates where source = 'x'`);
    expect(row?.n).toBe(0);
  });
});
