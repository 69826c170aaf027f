// The bucket arithmetic of stock levels (decisions.md §11) and the low-stock alarm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BucketState, lowStockTransition, rebalance, takeAcross } from './rules.ts';

const b = (bucket: number, onHand: number, reserved = 0): BucketState => ({ bucket, onHand, reserved });
const available = (list: readonly BucketState[]) => list.reduce((s, x) => s + x.onHand - x.reserved, 0);

describe('rebalance', () => {
  it.each([
    ['a receipt into empty buckets spreads evenly, the first ones taking the remainder', [b(0, 0), b(1, 0), b(2, 0)], 10, [4, 3, 3]],
    ['reserved units stay in their bucket', [b(0, 5, 5), b(1, 0), b(2, 0)], 6, [7, 2, 2]],
    ['a negative adjustment takes available units only', [b(0, 4, 1), b(1, 4), b(2, 4)], -5, [3, 2, 2]],
    ['removing exactly what is available leaves only reserved units', [b(0, 4, 2), b(1, 4)], -6, [2, 0]],
  ])('%s', (_what, buckets, delta, onHand) => {
    const next = rebalance(buckets, delta);
    expect(next?.map((x) => x.onHand)).toEqual(onHand);
    expect(next?.map((x) => x.reserved)).toEqual(buckets.map((x) => x.reserved));
  });

  it('refuses to remove more than is available', () => {
    expect(rebalance([b(0, 4, 3), b(1, 1)], -3)).toBeNull();
  });

  it('keeps every bucket valid and the totals exact, whatever the buckets and the change', () => {
    const bucket = fc.record({ onHand: fc.nat(50), reserved: fc.nat(50) }).map(({ onHand, reserved }) => ({
      onHand: Math.max(onHand, reserved),
      reserved,
    }));
    fc.assert(
      fc.property(fc.array(bucket, { minLength: 1, maxLength: 16 }), fc.integer({ min: -200, max: 200 }), (raw, delta) => {
        const buckets = raw.map((x, i) => b(i, x.onHand, x.reserved));
        const next = rebalance(buckets, delta);
        if (available(buckets) + delta < 0) return next === null;
        if (!next) return false;
        const shares = next.map((x) => x.onHand - x.reserved);
        return (
          available(next) === available(buckets) + delta &&
          next.every((x, i) => x.reserved === buckets[i]?.reserved && x.onHand >= x.reserved) &&
          Math.max(...shares) - Math.min(...shares) <= 1
        );
      }),
    );
  });
});

describe('takeAcross', () => {
  it('takes from the fullest buckets first, across as many as needed', () => {
    expect(takeAcross([b(0, 2), b(1, 5, 1), b(2, 3)], 6)).toEqual([
      { bucket: 1, quantity: 4 },
      { bucket: 2, quantity: 2 },
    ]);
  });

  it.each([
    ['more than all buckets hold', [b(0, 2), b(1, 2, 1)], 4],
    ['nothing', [b(0, 2)], 0],
  ])('refuses %s', (_what, buckets, quantity) => {
    expect(takeAcross(buckets, quantity)).toBeNull();
  });

  it('never takes more than a bucket has available, and always the exact quantity', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 150 }), (units, quantity) => {
        const buckets = units.map((u, i) => b(i, u));
        const takes = takeAcross(buckets, quantity);
        if (quantity > available(buckets)) return takes === null;
        return (
          takes !== null &&
          takes.reduce((s, t) => s + t.quantity, 0) === quantity &&
          takes.every((t) => t.quantity > 0 && t.quantity <= (buckets[t.bucket]?.onHand ?? 0))
        );
      }),
    );
  });
});

describe('lowStockTransition', () => {
  it.each([
    [5, false, 6, 'none'],
    [5, false, 5, 'alert'],
    [5, false, 0, 'alert'],
    [5, true, 3, 'none'],
    [5, true, 6, 'rearm'],
    [null, false, 0, 'none'],
    [null, true, 0, 'rearm'],
  ] as const)('threshold %s, alerted %s, available %s → %s', (threshold, alerted, avail, want) => {
    expect(lowStockTransition(threshold, alerted, avail)).toBe(want);
  });
});
