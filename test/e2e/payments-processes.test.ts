// Concurrent payments from one wallet cannot overdraw it (issue 4, "Not done until"; PRODUCT.md
// O1: several stateless server processes on one database). A shopper whose wallet holds
// CNY 1,000.00 sends 20 payments of CNY 100.00 at once: exactly ten succeed, the other ten are
// 402 insufficient_funds, the wallet ends at zero, never below, escrow holds exactly what was
// taken, and the ledger recomputes clean. On both drivers within one process; on PostgreSQL
// also split between two `tasman serve` processes sharing the test's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { killAll, removeTempDirs, SLOW, startServer } from '../support/cli.ts';
import { call, createMerchant, createShopper, operatorToken } from '../support/http.ts';
import { startPlatform, TEST_SECRET, type TestPlatform } from '../support/platform.ts';

const BUYER = { name: '李伟', id_number: `11010519491231002${residentIdCheckChar('11010519491231002')}` };

interface Attempt {
  server: number;
  status: number;
  body: { error?: { code: string }; status?: string };
}

/** A merchant, a buyer with CNY 1,000.00 in their wallet, and 20 unpaid intents of CNY 100.00 each. */
async function world(p: TestPlatform) {
  const admin = await operatorToken(p);
  const fin = await operatorToken(p, 'finance');
  const rate = await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
  expect(rate.status, rate.raw).toBe(201);
  const merchant = await createMerchant(p, admin);
  const shopper = await createShopper(p, 'CN');
  const v = await call(p, 'POST', '/v1/shopper/identity', {
    token: shopper.token,
    body: { real_name: BUYER.name, id_number: BUYER.id_number, mobile: '13800138000' },
  });
  expect(v.status, v.raw).toBe(201);
  const topUp = await call(p, 'POST', '/v1/wallet/top-ups', {
    token: shopper.token,
    body: { amount: '100000', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
  });
  expect(topUp.status, topUp.raw).toBe(201);
  await p.runJobs();
  const intents: string[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await call(p, 'POST', '/v1/payment-intents', {
      token: merchant.apiKey,
      body: { order_reference: `PROC-${i}`, amount: { amount: '10000', currency: 'CNY' }, buyer: BUYER },
    });
    expect(r.status, r.raw).toBe(201);
    intents.push(r.body.id);
  }
  return { merchant, shopper, intents };
}

async function expectNotOverdrawn(p: TestPlatform, w: Awaited<ReturnType<typeof world>>, results: Attempt[]) {
  const paid = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  expect(paid).toHaveLength(10);
  for (const r of refused) {
    expect(r.status, JSON.stringify(r.body)).toBe(402);
    expect(r.body.error?.code).toBe('insufficient_funds');
  }
  const wallet = await call(p, 'GET', '/v1/wallet', { token: w.shopper.token });
  expect(wallet.body.balance).toEqual({ amount: '0', currency: 'CNY' });
  const [escrow] = await p.database.query<{ net: string }>(
    'select (credits_posted - debits_posted)::text as net from ledger_accounts where key = $1',
    [`escrow:${w.merchant.id}:CNY`],
  );
  expect(escrow?.net).toBe('100000');
  const states = await p.database.query<{ status: string; n: string }>(
    'select status, count(*)::text as n from payment_intents where merchant_id = $1 group by status order by status',
    [w.merchant.id],
  );
  expect(states).toEqual([
    { status: 'requires_payment', n: '10' },
    { status: 'succeeded', n: '10' },
  ]);
  const check = await verifyLedger(p.ctx());
  expect(check.differences).toEqual([]);
  expect(check.unbalanced).toEqual([]);
}

describe('concurrent payments from one wallet in one process', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p?.close());

  it('never overdraw it: exactly the payments the balance covers succeed', async () => {
    const w = await world(p);
    const results = await Promise.all(
      w.intents.map(async (id): Promise<Attempt> => {
        const r = await call(p, 'POST', `/v1/payment-intents/${id}/confirm`, { token: w.shopper.token, body: {} });
        return { server: 0, status: r.status, body: r.body };
      }),
    );
    await expectNotOverdrawn(p, w, results);
  });
});

if (process.env.DATABASE_URL) {
  describe('two processes paying from one wallet (PostgreSQL)', () => {
    let p: TestPlatform;
    beforeAll(async () => {
      p = await startPlatform();
    });
    afterAll(async () => {
      await killAll();
      removeTempDirs();
      await p?.close();
    });

    it('never overdraw it: exactly the payments the balance covers succeed', SLOW, async () => {
      if (!p.url) throw new Error('the platform has no database URL');
      const w = await world(p);
      const servers = await Promise.all([startServer(p.url, TEST_SECRET), startServer(p.url, TEST_SECRET)]);
      const results = await Promise.all(
        w.intents.map(async (id, i): Promise<Attempt> => {
          const res = await fetch(`${servers[i % 2]?.url}/v1/payment-intents/${id}/confirm`, {
            method: 'POST',
            headers: { authorization: `Bearer ${w.shopper.token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          return { server: i % 2, status: res.status, body: (await res.json()) as Attempt['body'] };
        }),
      );
      // Both processes answered, and between them took exactly what the wallet held.
      expect(new Set(results.map((r) => r.server)).size).toBe(2);
      await expectNotOverdrawn(p, w, results);
    });
  });
}
