// Concurrent checkouts by one person cannot pass the annual CBEC quota (issue 5, "Not done
// until"; PRODUCT.md X2, O1; MOF/GAC/SAT 2018 No. 49 §1–2: RMB 26,000 of dutiable price a year
// per buyer identity, across all their accounts). One identity verified on five shopper accounts
// has RMB 3,000.00 of its year left; the accounts hold ten open checkouts of one jar of honey each
// (each fits on its own, together they do not) and pay them all at once: exactly as many as fit
// are paid, the others are 409 annual_quota_exceeded and leave the wallet, the stock, the quota
// and the ledger as they were. On both drivers within one process; on PostgreSQL also split
// between two `tasman serve` processes sharing the test's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../src/kernel/money.ts';
import { CBEC_ANNUAL_LIMIT } from '../../src/modules/compliance/limits.ts';
import { takeQuota } from '../../src/modules/compliance/quota.ts';
import { identityIndex } from '../../src/modules/identity/verification.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { killAll, removeTempDirs, SLOW, startServer } from '../support/cli.ts';
import { ADDRESS, fund, idNumber, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call } from '../support/http.ts';
import { startPlatform, TEST_SECRET, type TestPlatform } from '../support/platform.ts';

const PERSON = { name: '孙涛', first17: '11010519900101007' };
const ACCOUNTS = 5;
const CHECKOUTS_PER_ACCOUNT = 2;
/** What the person's earlier orders (elsewhere) took of this year: RMB 23,000.00, leaving RMB 3,000.00. */
const USED_BEFORE = 2_300_000n;
const FUNDED = 100_000n;

interface Open {
  id: string;
  token: string;
  total: bigint;
  dutiable: bigint;
}

interface Attempt {
  server: number;
  checkout: Open;
  status: number;
  body: { error?: { code: string }; status?: string; orders?: { id: string }[] };
}

/** The corridor, the person on five funded accounts, and ten open checkouts of one jar of A's honey each. */
async function world(p: TestPlatform) {
  const c = await setUpCorridor(p, { honey: 20, formula: 1 });
  const accounts: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const s = await verifiedShopper(p, PERSON);
    await fund(p, s.token, FUNDED.toString());
    accounts.push(s.token);
  }
  await takeQuota(p.ctx(), {
    identityIndex: identityIndex(p.ctx(), idNumber(PERSON.first17)),
    orderReference: 'earlier-orders',
    amount: money(USED_BEFORE, 'CNY'),
  });
  // Checkouts hold their stock and rates for ten minutes of the servers' (real) time.
  p.clock.set(new Date());
  const open: Open[] = [];
  for (const token of accounts) {
    const line = await call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id: c.v.honey, quantity: 1 } });
    expect(line.status, line.raw).toBe(200);
    // Carts are per account: each checkout of the same cart reserves a jar of its own.
    for (let i = 0; i < CHECKOUTS_PER_ACCOUNT; i++) {
      const chk = await call(p, 'POST', '/v1/checkouts', { token, body: { address: ADDRESS } });
      expect(chk.status, chk.raw).toBe(201);
      expect(chk.body.quota.used.amount).toBe(USED_BEFORE.toString());
      open.push({
        id: chk.body.id,
        token,
        total: BigInt(chk.body.totals.total.amount),
        dutiable: BigInt(chk.body.quota.this_checkout.amount),
      });
    }
  }
  const dutiable = open[0]?.dutiable ?? 0n;
  for (const o of open) expect(o.dutiable).toBe(dutiable);
  const fit = Number((CBEC_ANNUAL_LIMIT - USED_BEFORE) / dutiable);
  // Each fits on its own, not all together.
  expect(fit).toBeGreaterThan(0);
  expect(fit).toBeLessThan(open.length);
  expect(BigInt(CHECKOUTS_PER_ACCOUNT) * (open[0]?.total ?? 0n)).toBeLessThanOrEqual(FUNDED);
  const [stock] = await p.database.query<{ on_hand: string; reserved: string }>(
    'select sum(b.on_hand)::text as on_hand, sum(b.reserved)::text as reserved from stock_buckets b join stock_levels l on l.id = b.level_id where l.variant_id = $1',
    [c.v.honey],
  );
  return { c, accounts, open, dutiable, fit, stock };
}

async function expectQuotaKept(p: TestPlatform, w: Awaited<ReturnType<typeof world>>, results: Attempt[]) {
  const paid = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  expect(paid).toHaveLength(w.fit);
  for (const r of refused) {
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error?.code).toBe('annual_quota_exceeded');
  }
  // The quota: what fitted, counted once for the person on every account, never past the limit.
  const used = USED_BEFORE + BigInt(w.fit) * w.dutiable;
  expect(used).toBeLessThanOrEqual(CBEC_ANNUAL_LIMIT);
  for (const token of w.accounts) {
    expect((await call(p, 'GET', '/v1/shopper/quota', { token })).body.used.amount).toBe(used.toString());
  }
  // Each wallet paid for its own paid checkouts and nothing else.
  for (const token of w.accounts) {
    const spent = paid.filter((r) => r.checkout.token === token).reduce((a, r) => a + r.checkout.total, 0n);
    expect((await call(p, 'GET', '/v1/wallet', { token })).body.balance.amount).toBe((FUNDED - spent).toString());
  }
  // The refused checkouts are still open with their stock reserved for them, and made no order.
  for (const r of refused) {
    const chk = await call(p, 'GET', `/v1/checkouts/${r.checkout.id}`, { token: r.checkout.token });
    expect(chk.body.status).toBe('open');
    const orders = await call(p, 'GET', `/v1/orders?checkout=${r.checkout.id}`, { token: r.checkout.token });
    expect(orders.body.data).toEqual([]);
    const held = await p.database.query<{ status: string }>('select status from stock_reservations where reference = $1', [
      `checkout:${r.checkout.id}`,
    ]);
    expect(held).toEqual([{ status: 'active' }]);
  }
  for (const r of paid) expect(r.body.orders).toHaveLength(1);
  const [stock] = await p.database.query<{ on_hand: string; reserved: string }>(
    'select sum(b.on_hand)::text as on_hand, sum(b.reserved)::text as reserved from stock_buckets b join stock_levels l on l.id = b.level_id where l.variant_id = $1',
    [w.c.v.honey],
  );
  expect(stock).toEqual(w.stock);
  const all = await call(p, 'GET', '/v1/orders?limit=100', { token: w.c.admin });
  expect(all.body.data).toHaveLength(w.fit);
  // Escrow holds exactly what the paid checkouts took; the ledger recomputes clean.
  const [escrow] = await p.database.query<{ net: string }>(
    'select (credits_posted - debits_posted)::text as net from ledger_accounts where key = $1',
    [`escrow:${w.c.A.id}:CNY`],
  );
  expect(escrow?.net).toBe(paid.reduce((a, r) => a + r.checkout.total, 0n).toString());
  const check = await verifyLedger(p.ctx());
  expect(check.differences).toEqual([]);
  expect(check.unbalanced).toEqual([]);
}

describe('concurrent checkouts of one person in one process', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p?.close());

  it('cannot pass the annual quota: exactly the checkouts that fit are paid', SLOW, async () => {
    const w = await world(p);
    const results = await Promise.all(
      w.open.map(async (checkout): Promise<Attempt> => {
        const r = await call(p, 'POST', `/v1/checkouts/${checkout.id}/pay`, { token: checkout.token });
        return { server: 0, checkout, status: r.status, body: r.body };
      }),
    );
    await expectQuotaKept(p, w, results);
  });
});

if (process.env.DATABASE_URL) {
  describe('two processes paying one person’s checkouts (PostgreSQL)', () => {
    let p: TestPlatform;
    beforeAll(async () => {
      p = await startPlatform();
    });
    afterAll(async () => {
      await killAll();
      removeTempDirs();
      await p?.close();
    });

    it('cannot pass the annual quota: exactly the checkouts that fit are paid', SLOW, async () => {
      if (!p.url) throw new Error('the platform has no database URL');
      const servers = await Promise.all([startServer(p.url, TEST_SECRET), startServer(p.url, TEST_SECRET)]);
      const w = await world(p);
      const results = await Promise.all(
        w.open.map(async (checkout, i): Promise<Attempt> => {
          const res = await fetch(`${servers[i % 2]?.url}/v1/checkouts/${checkout.id}/pay`, {
            method: 'POST',
            headers: { authorization: `Bearer ${checkout.token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          return { server: i % 2, checkout, status: res.status, body: (await res.json()) as Attempt['body'] };
        }),
      );
      // Both processes answered, and between them took no more quota than was left.
      expect(new Set(results.map((r) => r.server)).size).toBe(2);
      await expectQuotaKept(p, w, results);
    });
  });
}
