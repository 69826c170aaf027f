// Table-driven tests of the settlement rules (PRODUCT.md P4; issue 8 "Settlement").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateProportionally,
  approvalOutcome,
  batchTransition,
  isPayoutDay,
  merchantShare,
  nextPayoutDate,
  orderCommission,
  PAYOUT_TIME_ZONES,
  paymentFee,
  payoutDecision,
  percentOf,
} from './rules.ts';

describe('commission: per category, half-up to the minor unit (issue 8: "e.g. 5% food, 8% cosmetics")', () => {
  it.each([
    [1230n, 500, 62n], // 61.5 → 62
    [1229n, 500, 61n], // 61.45 → 61
    [1000n, 800, 80n],
    [1n, 500, 0n], // 0.05 → 0
    [10n, 500, 1n], // 0.5 → 1 (half-up)
    [0n, 800, 0n],
  ])('%s at %i bps is %s', (amount, bps, want) => {
    expect(percentOf(amount, bps)).toBe(want);
  });

  it('takes each line at its category’s rate, rounded per line', () => {
    const schedule = { byCategory: { food_beverage: 500, skincare_cosmetics: 800 }, otherwise: 600 };
    const r = orderCommission(
      [
        { amount: 1230n, category: 'food_beverage' }, // 61.5 → 62
        { amount: 999n, category: 'skincare_cosmetics' }, // 79.92 → 80
        { amount: 1000n, category: 'wine' }, // other: 60
      ],
      schedule,
    );
    expect(r).toEqual({ total: 202n, lines: [62n, 80n, 60n] });
  });

  it('refuses rates that are not whole basis points in 0–10000', () => {
    expect(() => percentOf(100n, 10_001)).toThrow(RangeError);
    expect(() => percentOf(100n, 1.5)).toThrow(RangeError);
    expect(() => percentOf(-1n, 100)).toThrow(RangeError);
  });

  it('never takes more than the line, and is monotone in the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, b, bps) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          return percentOf(lo, bps) <= percentOf(hi, bps) && percentOf(hi, bps) <= hi;
        },
      ),
    );
  });
});

describe('payment fee and the merchant’s share', () => {
  it.each([
    [10_000n, { bps: 60, fixed: 0n }, 60n],
    [10_000n, { bps: 60, fixed: 30n }, 90n],
    [20n, { bps: 0, fixed: 30n }, 20n], // never more than the payment
    [0n, { bps: 60, fixed: 30n }, 0n],
  ])('a fee on %s with %o is %s', (charged, fee, want) => {
    expect(paymentFee(charged, fee)).toBe(want);
  });

  it('leaves the merchant goods − commission − fee, never below zero', () => {
    expect(merchantShare(10_000n, 500n, 60n)).toEqual({ merchant: 9440n, commission: 500n, fee: 60n });
    expect(merchantShare(50n, 40n, 30n)).toEqual({ merchant: 0n, commission: 40n, fee: 10n });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        (g, c, f) => {
          const s = merchantShare(g, c, f);
          return s.merchant >= 0n && s.merchant + s.commission + s.fee === g;
        },
      ),
    );
  });
});

describe('payout day (issue 8: minimum payout, holds, negative balances carried forward)', () => {
  it.each([
    [
      { balance: 50_000n, minimum: 10_000n, onHold: false },
      { pay: true, amount: 50_000n },
    ],
    [
      { balance: 5_000n, minimum: 10_000n, onHold: false },
      { pay: false, reason: 'below_minimum', carried: 5_000n },
    ],
    [
      { balance: 10_000n, minimum: 10_000n, onHold: false },
      { pay: true, amount: 10_000n },
    ],
    [
      { balance: -2_500n, minimum: 10_000n, onHold: false },
      { pay: false, reason: 'negative_balance', carried: -2_500n },
    ],
    [
      { balance: 0n, minimum: 0n, onHold: false },
      { pay: false, reason: 'nothing_due', carried: 0n },
    ],
    [
      { balance: 50_000n, minimum: 10_000n, onHold: true },
      { pay: false, reason: 'on_hold', carried: 50_000n },
    ],
  ])('%o → %o', (input, want) => {
    expect(payoutDecision(input)).toEqual(want);
  });
});

describe('weekly schedule in the merchant’s bank time zone', () => {
  const au = { weekday: 'monday' as const, timeZone: PAYOUT_TIME_ZONES.AU };
  it.each([
    // 2026-11-26 is a Thursday.
    ['2026-11-26T03:00:00Z', '2026-11-30'],
    // Sunday 23:30 in Sydney is Sunday 12:30 UTC: the next day is the payout day.
    ['2026-11-29T12:30:00Z', '2026-11-30'],
    // Monday 00:30 in Sydney (Sunday 13:30 UTC) is the payout day itself.
    ['2026-11-29T13:30:00Z', '2026-11-30'],
    ['2026-11-30T12:59:00Z', '2026-11-30'],
    ['2026-11-30T13:00:00Z', '2026-12-07'], // Tuesday in Sydney
  ])('after %s the next payout is %s', (at, want) => {
    expect(nextPayoutDate(new Date(at), au)).toBe(want);
  });

  it('knows a payout day in Auckland from one in Sydney', () => {
    const nz = { weekday: 'monday' as const, timeZone: PAYOUT_TIME_ZONES.NZ };
    // Sunday 11:30 UTC is Monday 00:30 in Auckland (NZDT, +13) but still Sunday in Sydney.
    expect(isPayoutDay(new Date('2026-11-29T11:30:00Z'), nz)).toBe(true);
    expect(isPayoutDay(new Date('2026-11-29T11:30:00Z'), au)).toBe(false);
  });
});

describe('payout batches: draft → approved (a second finance operator) → sent → confirmed | failed', () => {
  const prepared = { preparedBy: 'opr_a' };
  it.each([
    ['draft', 'approve', 'opr_b', { ok: true, to: 'approved' }],
    ['draft', 'approve', 'opr_a', { ok: false, reason: 'same_operator' }],
    ['approved', 'send', 'opr_a', { ok: true, to: 'sent' }],
    ['sent', 'confirm', 'opr_a', { ok: true, to: 'confirmed' }],
    ['sent', 'fail', 'opr_a', { ok: true, to: 'failed' }],
    ['draft', 'send', 'opr_b', { ok: false, reason: 'invalid_state' }],
    ['approved', 'approve', 'opr_b', { ok: false, reason: 'invalid_state' }],
    ['confirmed', 'fail', 'opr_b', { ok: false, reason: 'invalid_state' }],
  ] as const)('%s + %s by %s', (from, action, actor, want) => {
    expect(batchTransition(from, action, { id: actor }, prepared)).toMatchObject(want);
  });
  it('says why in words', () => {
    expect(batchTransition('draft', 'send', { id: 'x' }, prepared)).toMatchObject({
      message: 'A draft payout batch cannot be sent; it must be approved',
    });
  });
});

describe('allocateProportionally: the goods left after refunds from escrow, spread over the order lines', () => {
  it.each([
    // total, weights, parts
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [35_462n, [42_466n], [35_462n]],
    [10n, [3n, 7n], [3n, 7n]],
    [5n, [1n, 1n, 1n, 1n], [2n, 1n, 1n, 1n]],
    [7n, [10n, 0n, 30n], [2n, 0n, 5n]],
    [0n, [5n, 5n], [0n, 0n]],
  ])('%s over [%s] → [%s]', (total, weights, parts) => {
    expect(allocateProportionally(total, weights)).toEqual(parts);
  });

  it('always sums to the total, each part within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 7n }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const parts = allocateProportionally(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0n);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          parts.forEach((part, i) => {
            const exact = (total * (weights[i] as bigint)) / sum;
            expect(part - exact >= 0n && part - exact <= 1n).toBe(true);
          });
        },
      ),
    );
  });

  it('refuses negative amounts and all-zero weights', () => {
    expect(() => allocateProportionally(-1n, [1n])).toThrow(RangeError);
    expect(() => allocateProportionally(1n, [0n, 0n])).toThrow(RangeError);
  });
});

describe('approvalOutcome: four eyes, the preparer counting as one', () => {
  it.each([
    // prepared by, approvals so far, actor, outcome
    ['operator:a', [], 'operator:b', { ok: true, approvals: ['operator:b'], approved: true }],
    ['operator:a', [], 'operator:a', { ok: false, reason: 'same_operator' }],
    ['system:schedule', [], 'operator:a', { ok: true, approvals: ['operator:a'], approved: false }],
    ['system:schedule', ['operator:a'], 'operator:a', { ok: false, reason: 'same_operator' }],
    ['system:schedule', ['operator:a'], 'operator:b', { ok: true, approvals: ['operator:a', 'operator:b'], approved: true }],
  ] as const)('prepared by %s, approved by %j, %s approves', (preparedBy, approvals, actor, outcome) => {
    expect(approvalOutcome(preparedBy, approvals, actor)).toMatchObject(outcome);
  });
});
