// In-store payment rules (issue 8): expiry of open payments, the CNY share of till refunds
// (payment-rules.ts refundShare on the running total), a store's business day in its own time
// zone (IANA rules for Australia and New Zealand, daylight saving included), receipt numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDay, localDate, receiptNumber, refundCharge, STORE_CURRENCY, statusAt } from './rules.ts';

describe('statusAt — an open payment runs out at expires_at', () => {
  const exp = new Date('2026-11-26T10:05:00Z');
  it.each([
    ['requires_payment', '2026-11-26T10:04:59.999Z', 'requires_payment'],
    ['requires_payment', '2026-11-26T10:05:00Z', 'expired'],
    ['requires_confirmation', '2026-11-26T10:06:00Z', 'expired'],
    ['succeeded', '2026-11-26T11:00:00Z', 'succeeded'],
    ['canceled', '2026-11-26T11:00:00Z', 'canceled'],
    ['expired', '2026-11-26T11:00:00Z', 'expired'],
  ] as const)('%s at %s → %s', (status, at, want) => {
    expect(statusAt(status, exp, new Date(at))).toBe(want);
  });
});

describe('refundCharge — CNY back for a refund in the store currency', () => {
  it('half-up on the running total: A$10.00 of A$25.99 charged ¥122.35', () => {
    const p = { amount: 2599n, refundedAmount: 0n, chargeAmount: 12235n, chargeRefunded: 0n };
    expect(refundCharge(p, 1000n)).toBe(4708n); // 12235 × 1000 / 2599 = 4707.58…
    expect(refundCharge({ ...p, refundedAmount: 1000n, chargeRefunded: 4708n }, 1599n)).toBe(12235n - 4708n);
  });

  it('refunds adding up to the whole give back exactly the charge, each share ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 5_000_000n }),
        fc.bigInt({ min: 1n, max: 30_000_000n }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }),
        (amount, charge, weights) => {
          // Split `amount` into positive parts in proportion to the weights (fewer parts if too small).
          const total = BigInt(weights.reduce((x, y) => x + y, 0));
          const parts = weights.map((w) => (amount * BigInt(w)) / total).filter((x) => x > 0n);
          const sum = parts.reduce((x, y) => x + y, 0n);
          if (sum < amount) parts.push(amount - sum);
          let state = { amount, refundedAmount: 0n, chargeAmount: charge, chargeRefunded: 0n };
          for (const part of parts) {
            const share = refundCharge(state, part);
            expect(share).toBeGreaterThanOrEqual(0n);
            state = { ...state, refundedAmount: state.refundedAmount + part, chargeRefunded: state.chargeRefunded + share };
          }
          expect(state.chargeRefunded).toBe(charge);
        },
      ),
    );
  });

  it('refuses more than is left', () => {
    expect(() => refundCharge({ amount: 100n, refundedAmount: 60n, chargeAmount: 470n, chargeRefunded: 282n }, 41n)).toThrow(RangeError);
  });
});

describe('a store’s business day (local midnight to local midnight, IANA time zones)', () => {
  it.each([
    // Melbourne: AEDT (UTC+11) from the first Sunday of October to the first Sunday of April.
    ['2026-11-26', 'Australia/Melbourne', '2026-11-25T13:00:00.000Z', '2026-11-26T13:00:00.000Z', 24],
    ['2026-07-01', 'Australia/Melbourne', '2026-06-30T14:00:00.000Z', '2026-07-01T14:00:00.000Z', 24],
    ['2026-10-04', 'Australia/Melbourne', '2026-10-03T14:00:00.000Z', '2026-10-04T13:00:00.000Z', 23],
    ['2026-04-05', 'Australia/Melbourne', '2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z', 25],
    // Brisbane keeps UTC+10 all year.
    ['2026-10-04', 'Australia/Brisbane', '2026-10-03T14:00:00.000Z', '2026-10-04T14:00:00.000Z', 24],
    // Auckland: NZDT (UTC+13) from the last Sunday of September.
    ['2026-09-27', 'Pacific/Auckland', '2026-09-26T12:00:00.000Z', '2026-09-27T11:00:00.000Z', 23],
    // The Chathams: UTC+13:45 in summer.
    ['2026-11-26', 'Pacific/Chatham', '2026-11-25T10:15:00.000Z', '2026-11-26T10:15:00.000Z', 24],
  ] as const)('%s in %s is [%s, %s), %i h', (date, zone, from, to, hours) => {
    const d = businessDay(date, zone);
    expect(d.from.toISOString()).toBe(from);
    expect(d.to.toISOString()).toBe(to);
    expect((d.to.getTime() - d.from.getTime()) / 3_600_000).toBe(hours);
    expect(localDate(d.from, zone)).toBe(date);
    expect(localDate(new Date(d.to.getTime() - 1), zone)).toBe(date);
  });

  it('every instant falls in the business day of its local date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }),
        fc.constantFrom('Australia/Melbourne', 'Australia/Perth', 'Australia/Adelaide', 'Pacific/Auckland', 'Pacific/Chatham'),
        (ms, zone) => {
          const at = new Date(ms);
          const d = businessDay(localDate(at, zone), zone);
          expect(d.from.getTime()).toBeLessThanOrEqual(ms);
          expect(d.to.getTime()).toBeGreaterThan(ms);
        },
      ),
    );
  });

  it('refuses what is not a date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-11-01']) expect(() => businessDay(bad, 'Australia/Sydney')).toThrow(RangeError);
  });
});

describe('receipts and currencies', () => {
  it('a receipt number is the business date and the end of the payment id', () => {
    expect(receiptNumber('2026-11-26', 'isp_01kb2x9m3fe8vq7k3m9qxz')).toBe('20261126-7K3M9QXZ');
  });
  it('a store takes its country’s currency', () => {
    expect(STORE_CURRENCY).toEqual({ AU: 'AUD', NZ: 'NZD' });
  });
});
