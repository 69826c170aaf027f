// CBEC quotas per buyer identity through the service, on the database of this run (PGlite or
// PostgreSQL): PRODUCT.md X2 and MOF/GAC/SAT 2018 No. 49 §1–2 — RMB 26,000 of dutiable price per
// person per China calendar year; usage taken when an order is paid (inside the payment's
// transaction), given back on cancellation or refund; concurrent checkouts of one person, on
// several processes, never pass the limit together.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, inTransaction } from '../../src/kernel/context.ts';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { AppError } from '../../src/kernel/errors.ts';
import { money } from '../../src/kernel/money.ts';
import { quotaUsage, remainingQuota, returnQuota, takeQuota } from '../../src/modules/compliance/quota.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startPlatform();
  p.clock.set('2026-06-15T04:00:00Z');
});
afterAll(() => p?.close());

const cny = (fen: bigint | number) => money(BigInt(fen), 'CNY');
/** A fresh buyer identity (a blind index as identity/verification.ts makes them). */
const person = () => `idx_${randomBytes(12).toString('hex')}`;
let n = 0;
const order = () => `ord_test_${++n}_${randomBytes(4).toString('hex')}`;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The identity-year total agrees with its orders: Σ (taken − returned). */
async function expectConsistent(identity: string): Promise<bigint> {
  const [year] = await p.rt.database.query<{ used: string }>(
    'select used from cbec_quota_years where identity_index = $1 and year = 2026',
    [identity],
  );
  const [orders] = await p.rt.database.query<{ net: string | null }>(
    'select sum(amount - returned) as net from cbec_quota_usages where identity_index = $1 and year = 2026',
    [identity],
  );
  expect(BigInt(year?.used ?? 0)).toBe(BigInt(orders?.net ?? 0));
  return BigInt(year?.used ?? 0);
}

describe('takeQuota and remainingQuota (2018 No. 49 §1: RMB 26,000 a year)', () => {
  it('counts taken orders; the remaining goes down by the dutiable price', async () => {
    const id = person();
    expect(await remainingQuota(p.ctx(), id)).toMatchObject({ year: 2026, used: cny(0), remaining: cny(2_600_000), limit: cny(2_600_000) });
    const u = await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(123_456) });
    expect(u).toMatchObject({ year: 2026, taken: cny(123_456), returned: cny(0) });
    const q = await remainingQuota(p.ctx(), id);
    expect(q).toMatchObject({ used: cny(123_456), remaining: cny(2_600_000 - 123_456), perOrderLimit: cny(500_000) });
    expect(q.resetsAt.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    await expectConsistent(id);
  });

  it('at the limit is allowed; one fen past it is annual_quota_exceeded with what remains', async () => {
    const id = person();
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_100_000) });
    const e = await refusal(takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(500_001) }));
    expect(e.code).toBe('annual_quota_exceeded');
    expect(e.status).toBe(409);
    expect(e.details).toEqual({
      remaining: { amount: '500000', currency: 'CNY' },
      limit: { amount: '2600000', currency: 'CNY' },
      requested: { amount: '500001', currency: 'CNY' },
    });
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(500_000) });
    expect((await remainingQuota(p.ctx(), id)).remaining).toEqual(cny(0));
    const full = await refusal(takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(1) }));
    expect(full.details?.remaining).toEqual({ amount: '0', currency: 'CNY' });
    expect(await expectConsistent(id)).toBe(2_600_000n);
  });

  it('is idempotent per order reference; another amount or buyer for it is already_exists', async () => {
    const id = person();
    const ref = order();
    const first = await takeQuota(p.ctx(), { identityIndex: id, orderReference: ref, amount: cny(10_000) });
    const again = await takeQuota(p.ctx(), { identityIndex: id, orderReference: ref, amount: cny(10_000) });
    expect(again).toEqual(first);
    expect((await remainingQuota(p.ctx(), id)).used).toEqual(cny(10_000));
    expect((await refusal(takeQuota(p.ctx(), { identityIndex: id, orderReference: ref, amount: cny(10_001) }))).code).toBe(
      'already_exists',
    );
    expect((await refusal(takeQuota(p.ctx(), { identityIndex: person(), orderReference: ref, amount: cny(10_000) }))).code).toBe(
      'already_exists',
    );
  });

  it('refuses a non-positive amount and another currency', async () => {
    const id = person();
    expect((await refusal(takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(0) }))).code).toBe('invalid_amount');
    const aud = money(100n, 'AUD');
    expect((await refusal(takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: aud }))).code).toBe('currency_mismatch');
  });

  it('commits or rolls back with the caller’s transaction (a payment that fails takes nothing)', async () => {
    const id = person();
    const ref = order();
    await expect(
      inTransaction(p.ctx(), async (tx) => {
        await takeQuota(tx, { identityIndex: id, orderReference: ref, amount: cny(50_000) });
        throw new Error('the payment failed after the quota was taken');
      }),
    ).rejects.toThrow('the payment failed');
    expect((await remainingQuota(p.ctx(), id)).used).toEqual(cny(0));
    expect(await quotaUsage(p.ctx(), ref)).toBeUndefined();
    await inTransaction(p.ctx(), (tx) => takeQuota(tx, { identityIndex: id, orderReference: ref, amount: cny(50_000) }));
    expect((await remainingQuota(p.ctx(), id)).used).toEqual(cny(50_000));
  });

  it('counts per China calendar year (UTC+8): 16:00 UTC on 31 December is already next year', async () => {
    const id = person();
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_600_000), at: new Date('2026-12-31T15:59:59Z') });
    const next = await takeQuota(p.ctx(), {
      identityIndex: id,
      orderReference: order(),
      amount: cny(100_000),
      at: new Date('2026-12-31T16:00:00Z'),
    });
    expect(next.year).toBe(2027);
    expect((await remainingQuota(p.ctx(), id, new Date('2026-12-31T15:59:59Z'))).remaining).toEqual(cny(0));
    expect((await remainingQuota(p.ctx(), id, new Date('2027-01-01T00:00:00+08:00'))).used).toEqual(cny(100_000));
    // The clock decides when no time is given.
    p.clock.set('2027-03-01T00:00:00Z');
    try {
      expect((await remainingQuota(p.ctx(), id)).year).toBe(2027);
    } finally {
      p.clock.set('2026-06-15T04:00:00Z');
    }
  });
});

describe('returnQuota: cancellations and refunds give quota back, never more than was taken', () => {
  it('in part, then the rest; more than is left gives back what is left', async () => {
    const id = person();
    const ref = order();
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: ref, amount: cny(100_000) });
    const part = await returnQuota(p.ctx(), { orderReference: ref, amount: cny(30_000) });
    expect(part).toMatchObject({ givenBack: cny(30_000), returned: cny(30_000), taken: cny(100_000) });
    expect((await remainingQuota(p.ctx(), id)).used).toEqual(cny(70_000));
    const over = await returnQuota(p.ctx(), { orderReference: ref, amount: cny(80_000) });
    expect(over).toMatchObject({ givenBack: cny(70_000), returned: cny(100_000) });
    const again = await returnQuota(p.ctx(), { orderReference: ref });
    expect(again?.givenBack).toEqual(cny(0));
    expect((await remainingQuota(p.ctx(), id)).used).toEqual(cny(0));
    expect(await expectConsistent(id)).toBe(0n);
  });

  it('a cancellation gives all of it back, to the year it was taken in', async () => {
    const id = person();
    const ref = order();
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: ref, amount: cny(2_600_000), at: new Date('2026-12-31T10:00:00Z') });
    // Cancelled in the new year: the 2026 total goes down, 2027 is untouched.
    p.clock.set('2027-01-05T00:00:00Z');
    try {
      expect((await returnQuota(p.ctx(), { orderReference: ref }))?.givenBack).toEqual(cny(2_600_000));
    } finally {
      p.clock.set('2026-06-15T04:00:00Z');
    }
    expect((await remainingQuota(p.ctx(), id, new Date('2026-12-31T10:00:00Z'))).used).toEqual(cny(0));
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_600_000), at: new Date('2026-12-31T10:00:00Z') });
  });

  it('an order that took nothing gives back nothing (null); a bad amount is refused', async () => {
    expect(await returnQuota(p.ctx(), { orderReference: 'ord_never_paid' })).toBeNull();
    const ref = order();
    await takeQuota(p.ctx(), { identityIndex: person(), orderReference: ref, amount: cny(1_000) });
    expect((await refusal(returnQuota(p.ctx(), { orderReference: ref, amount: cny(-1) }))).code).toBe('invalid_amount');
  });

  it('the database refuses a total over the limit even if the service were bypassed (CHECK)', async () => {
    const id = person();
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_600_000) });
    await expect(p.rt.database.query('update cbec_quota_years set used = used + 1 where identity_index = $1', [id])).rejects.toThrow(
      /cbec_quota_years_used_within_limit/,
    );
  });
});

/** Many checkouts of one person at once, each in its own payment transaction. */
async function race(ctxs: Ctx[], id: string, amounts: bigint[]) {
  return Promise.all(
    amounts.map((a, i) =>
      inTransaction(ctxs[i % ctxs.length] as Ctx, (tx) =>
        takeQuota(tx, { identityIndex: id, orderReference: order(), amount: cny(a) }),
      ).then(
        () => ({ ok: true as const, amount: a }),
        (e: unknown) => {
          if (e instanceof AppError && e.code === 'annual_quota_exceeded') return { ok: false as const, amount: a };
          throw e;
        },
      ),
    ),
  );
}

describe('concurrent checkouts of one person', () => {
  it('near the limit: exactly as many fit as the limit allows, and the total never passes RMB 26,000', async () => {
    const id = person();
    await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_000_000) });
    const results = await race([p.ctx()], id, Array(30).fill(50_000n));
    expect(results.filter((r) => r.ok)).toHaveLength(12);
    expect(await expectConsistent(id)).toBe(2_600_000n);
  });

  it('from a first order of the year (the year row does not exist yet)', async () => {
    const id = person();
    const results = await race([p.ctx()], id, Array(40).fill(100_000n));
    expect(results.filter((r) => r.ok)).toHaveLength(26);
    expect(await expectConsistent(id)).toBe(2_600_000n);
  });
});

// Two connection pools on one PostgreSQL database: to the database, two server processes.
// (PGlite has one connection: PostgreSQL only.)
if (process.env.DATABASE_URL)
  describe('two processes on one PostgreSQL', () => {
    it('random amounts from both at once: the sum taken never passes the limit and equals the total kept', async () => {
      const other = await openDatabase({ url: p.url as string, poolSize: 10 });
      try {
        const ctxs = [p.ctx(), { ...p.ctx(), db: other.db }];
        for (let round = 0; round < 5; round++) {
          const id = person();
          await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_000_000 + round * 37_000) });
          const amounts = Array.from({ length: 60 }, (_, i) => BigInt(10_000 + ((i * 7_919 + round * 104_729) % 90_000)));
          const results = await race(ctxs, id, amounts);
          const taken = results.filter((r) => r.ok).reduce((a, r) => a + r.amount, 0n);
          const used = await expectConsistent(id);
          expect(used).toBe(BigInt(2_000_000 + round * 37_000) + taken);
          expect(used <= 2_600_000n).toBe(true);
          // Every refusal came when what it asked for no longer fit: the smallest refused does not fit now either.
          const refused = results.filter((r) => !r.ok).map((r) => r.amount);
          const smallest = refused.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
          if (smallest !== undefined) expect(used + smallest > 2_600_000n).toBe(true);
        }
      } finally {
        await other.close();
      }
    });

    it('60 orders of RMB 1,000 from both at once after RMB 25,500: exactly 5 fit', async () => {
      const other = await openDatabase({ url: p.url as string, poolSize: 10 });
      try {
        const id = person();
        await takeQuota(p.ctx(), { identityIndex: id, orderReference: order(), amount: cny(2_550_000) });
        const results = await race([p.ctx(), { ...p.ctx(), db: other.db }], id, Array(60).fill(10_000n));
        expect(results.filter((r) => r.ok)).toHaveLength(5);
        expect(await expectConsistent(id)).toBe(2_600_000n);
      } finally {
        await other.close();
      }
    });
  });
