// The order lines commission is taken on at release (issue 8: "commission per category"): what a
// refund from escrow left is spread over the lines, so each keeps its category's rate.
import { describe, expect, it } from 'vitest';
import { releasedLines } from './accrual.ts';
import { orderCommission } from './rules.ts';

const schedule = { byCategory: { honey: 800, formula: 500 }, otherwise: 500 };

describe('releasedLines', () => {
  it.each([
    [
      'all the goods released: the lines as they are',
      [
        { amount: 30_000n, category: 'honey' },
        { amount: 10_000n, category: 'formula' },
      ],
      40_000n,
      [30_000n, 10_000n],
    ],
    [
      'a quarter refunded from escrow: each line keeps three quarters',
      [
        { amount: 30_000n, category: 'honey' },
        { amount: 10_000n, category: 'formula' },
      ],
      30_000n,
      [22_500n, 7_500n],
    ],
    ['one line: all that is left', [{ amount: 42_466n, category: 'honey' }], 35_462n, [35_462n]],
  ])('%s', (_what, lines, goods, amounts) => {
    const out = releasedLines(lines, goods);
    expect(out.map((l) => l.amount)).toEqual(amounts);
    expect(out.map((l) => l.category)).toEqual(lines.map((l) => l.category));
    expect(out.reduce((a, l) => a + l.amount, 0n)).toBe(goods);
  });

  it('a partly refunded honey order is still charged the honey rate, not the default', () => {
    const [line] = releasedLines([{ amount: 42_466n, category: 'honey' }], 35_462n);
    expect(orderCommission([line as { amount: bigint; category: string }], schedule).total).toBe(2837n); // 8 % of 354.62 = 28.3696 → 28.37
  });

  it.each([
    ['no platform order', [], 10_000n],
    ['lines that add up to less than the goods', [{ amount: 5_000n, category: 'honey' }], 10_000n],
  ])('%s: one line at the default rate', (_what, lines, goods) => {
    expect(releasedLines(lines, goods)).toEqual([{ amount: goods, category: '*' }]);
  });
});
