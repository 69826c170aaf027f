// Plans, periods, overage and invoice lines (issue 9, C5; decisions §24). Money in bigint minor
// units; every rounding named: overage per started block (up), the GMV fee half-up per currency.
import { describe, expect, it } from 'vitest';
import {
  BILLING_TIME_ZONES,
  DEFAULT_PLANS,
  gmvFee,
  invoiceLines,
  invoiceNumber,
  invoiceTotals,
  monthPeriod,
  nextPeriod,
  overageUnits,
  periodAt,
  planInForce,
  previousPeriod,
  scheduledChange,
  takeRequest,
  type PlanTerms,
  type UsageSnapshot,
} from './rules.ts';

const plan = (code: string): PlanTerms => {
  const p = DEFAULT_PLANS.find((x) => x.code === code);
  if (!p) throw new Error(code);
  return p;
};

describe('billing periods: calendar months in the merchant’s time zone', () => {
  it.each([
    // Sydney in daylight saving (UTC+11) in March, standard time (UTC+10) from April's first Sunday.
    ['2026-03', 'Australia/Sydney', '2026-02-28T13:00:00.000Z', '2026-03-31T13:00:00.000Z'],
    ['2026-04', 'Australia/Sydney', '2026-03-31T13:00:00.000Z', '2026-04-30T14:00:00.000Z'],
    // Auckland: UTC+13 in summer.
    ['2026-01', 'Pacific/Auckland', '2025-12-31T11:00:00.000Z', '2026-01-31T11:00:00.000Z'],
    // Shanghai: UTC+8 all year; December rolls into the next year.
    ['2026-12', 'Asia/Shanghai', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ])('%s in %s is [%s, %s)', (label, tz, from, to) => {
    const p = monthPeriod(label, tz);
    expect(p.from.toISOString()).toBe(from);
    expect(p.to.toISOString()).toBe(to);
    expect(p.time_zone).toBe(tz);
  });

  it('the zones: Sydney for AU, Auckland for NZ, Shanghai for sellers in China', () => {
    expect(BILLING_TIME_ZONES).toEqual({ AU: 'Australia/Sydney', NZ: 'Pacific/Auckland', CN: 'Asia/Shanghai' });
  });

  it.each([
    // 1 April 00:30 in Sydney is still 31 March in UTC: the month just ended is March.
    ['2026-03-31T13:30:00Z', 'Australia/Sydney', '2026-04', '2026-03', '2026-05'],
    ['2026-03-31T12:30:00Z', 'Australia/Sydney', '2026-03', '2026-02', '2026-04'],
    ['2026-01-01T00:00:00Z', 'Asia/Shanghai', '2026-01', '2025-12', '2026-02'],
    ['2025-12-31T15:59:59Z', 'Asia/Shanghai', '2025-12', '2025-11', '2026-01'],
  ])('at %s in %s: this month %s, previous %s, next %s', (at, tz, current, previous, next) => {
    const d = new Date(at);
    expect(periodAt(d, tz).label).toBe(current);
    expect(previousPeriod(d, tz).label).toBe(previous);
    expect(nextPeriod(d, tz).label).toBe(next);
  });

  it('refuses what is not a month', () => {
    expect(() => monthPeriod('2026-13', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => monthPeriod('2026-3', 'Asia/Shanghai')).toThrow(RangeError);
  });
});

describe('overage: every started block over the included amount (rounded up)', () => {
  it.each([
    [0n, 10_000n, 1000n, 0n],
    [10_000n, 10_000n, 1000n, 0n],
    [10_001n, 10_000n, 1000n, 1n],
    [11_000n, 10_000n, 1000n, 1n],
    [11_001n, 10_000n, 1000n, 2n],
    [150n, 100n, 1n, 50n],
    [1_000_000_001n, 1_000_000_000n, 1_000_000_000n, 1n],
  ])('used %s, included %s, block %s → %s blocks', (used, included, size, units) => {
    expect(overageUnits(used, included, size)).toBe(units);
  });

  it('a block size is positive', () => {
    expect(() => overageUnits(1n, 0n, 0n)).toThrow(RangeError);
  });
});

describe('the GMV fee: GMV × bps / 10,000 half-up, once per currency', () => {
  it.each([
    [1_000_000n, 50, 5_000n], // ¥10,000.00 at 0.5 % = ¥50.00
    [199n, 50, 1n], // 0.995 fen → 1 (the tie rounds up)
    [99n, 50, 0n], // 0.495 → 0
    [100n, 50, 1n], // 0.5 → 1 (half-up)
    [123_457n, 25, 309n], // 308.6425 → 309
    [1_000_000n, 0, 0n],
    [0n, 50, 0n],
  ])('%s at %s bps → %s', (gmv, bps, fee) => {
    expect(gmvFee(gmv, bps)).toBe(fee);
  });

  it('refuses a rate that is not whole basis points', () => {
    expect(() => gmvFee(100n, 1.5)).toThrow(RangeError);
    expect(() => gmvFee(100n, 10_001)).toThrow(RangeError);
  });
});

const usage = (u: Partial<UsageSnapshot>): UsageSnapshot => ({
  api_calls: 0,
  api_calls_test: 0,
  orders: 0,
  labels: 0,
  storage_bytes: 0,
  gmv: {},
  ...u,
});

describe('invoice lines', () => {
  it('within the plan: the monthly fee only (test API calls never billed)', () => {
    const lines = invoiceLines(plan('starter'), 'AUD', usage({ api_calls: 10_000, api_calls_test: 1_000_000, orders: 100 }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'plan_fee', amount: 2900n, currency: 'AUD' });
  });

  it('Starter in AUD over every allowance, with a GMV fee in the charge currency', () => {
    const u = usage({
      api_calls: 12_345, // 2,345 over → 3 blocks of 1,000 × 50 = 150
      orders: 130, // 30 × 30 = 900
      labels: 101, // 1 × 20 = 20
      storage_bytes: 2_500_000_000, // 1.5 GB over → 2 GB × 50 = 100
      gmv: { CNY: '1234567' }, // × 0.5 % = 6172.835 → 6173
    });
    const lines = invoiceLines(plan('starter'), 'AUD', u);
    expect(lines.map((l) => [l.kind, l.metric, l.units, l.amount, l.currency])).toEqual([
      ['plan_fee', null, 1n, 2900n, 'AUD'],
      ['overage', 'api_calls', 3n, 150n, 'AUD'],
      ['overage', 'orders', 30n, 900n, 'AUD'],
      ['overage', 'labels', 1n, 20n, 'AUD'],
      ['overage', 'storage_bytes', 2n, 100n, 'AUD'],
      ['gmv_fee', 'gmv', 1n, 6173n, 'CNY'],
    ]);
    expect([...invoiceTotals(lines, 'AUD')]).toEqual([
      ['AUD', 2900n + 150n + 900n + 20n + 100n],
      ['CNY', 6173n],
    ]);
  });

  it.each([
    ['starter', 'NZD', 3200n],
    ['growth', 'CNY', 49900n],
    ['scale', 'AUD', 39900n],
  ] as const)('%s in %s costs %s a month', (code, ccy, fee) => {
    const [first] = invoiceLines(plan(code), ccy, usage({}));
    expect(first).toMatchObject({ amount: fee, currency: ccy });
  });

  it('Scale has no GMV fee: no line', () => {
    expect(invoiceLines(plan('scale'), 'AUD', usage({ gmv: { CNY: '100000000' } }))).toHaveLength(1);
  });

  it('a plan without prices in the currency is refused', () => {
    const p = { ...plan('starter'), prices: {} };
    expect(() => invoiceLines(p, 'AUD', usage({}))).toThrow(RangeError);
  });

  it('the plans climb: higher plans include more, and charge less per block', () => {
    const [s, g, x] = [plan('starter'), plan('growth'), plan('scale')];
    for (const k of ['api_calls', 'orders', 'labels', 'storage_bytes'] as const) {
      expect(s.included[k]).toBeLessThan(g.included[k]);
      expect(g.included[k]).toBeLessThan(x.included[k]);
      for (const c of ['AUD', 'NZD', 'CNY'] as const) {
        expect(BigInt(s.prices[c]?.overage[k] ?? 0)).toBeGreaterThan(BigInt(g.prices[c]?.overage[k] ?? 0));
      }
    }
    expect(s.rate_limit_per_minute).toBeLessThan(g.rate_limit_per_minute);
  });
});

describe('invoice numbers', () => {
  it.each([
    ['2026', 1, 'TSM-2026-000001'],
    ['2026', 123456, 'TSM-2026-123456'],
  ])('%s #%s → %s', (series, n, out) => expect(invoiceNumber(series, n)).toBe(out));
  it('start at 1', () => expect(() => invoiceNumber('2026', 0)).toThrow(RangeError));
});

describe('the plan in force', () => {
  const d = (s: string) => new Date(s);
  const changes = [
    { id: 'mplc_1', planCode: 'growth', effectiveFrom: d('2026-03-10T00:00:00Z') },
    { id: 'mplc_2', planCode: 'scale', effectiveFrom: d('2026-03-31T13:00:00Z') },
    { id: 'mplc_3', planCode: 'starter', effectiveFrom: d('2026-03-31T13:00:00Z') },
  ];
  it.each([
    ['2026-03-01T00:00:00Z', 'starter'], // nothing yet: the default
    ['2026-03-10T00:00:00Z', 'growth'],
    ['2026-03-31T12:59:59Z', 'growth'],
    ['2026-03-31T13:00:00Z', 'starter'], // two for the same instant: the later change wins
  ])('at %s: %s', (at, code) => expect(planInForce(changes, d(at))).toBe(code));

  it('a scheduled change is one effective after now', () => {
    expect(scheduledChange(changes, d('2026-03-20T00:00:00Z'))?.id).toBe('mplc_3');
    expect(scheduledChange(changes, d('2026-04-20T00:00:00Z'))).toBeNull();
  });
});

describe('the per-minute window', () => {
  it('lets `limit` through in a minute, refuses the next with the seconds left, and opens a new window after', () => {
    let w: ReturnType<typeof takeRequest>['window'] | undefined;
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      const r = takeRequest(w, t0 + i * 1000, 3);
      expect(r.allowed).toBe(true);
      expect(r.remaining).toBe(2 - i);
      w = r.window;
    }
    const refused = takeRequest(w, t0 + 20_500, 3);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterS: 40 });
    // A refused request does not count, and the window closes a minute after it opened.
    expect(takeRequest(refused.window, t0 + 59_999, 3)).toMatchObject({ allowed: false, retryAfterS: 1 });
    expect(takeRequest(refused.window, t0 + 60_000, 3)).toMatchObject({ allowed: true, remaining: 2 });
  });
});
