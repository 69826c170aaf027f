import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCIES,
  type Currency,
  CurrencyMismatchError,
  type Money,
  MoneyError,
  type MoneyErrorCode,
  type RoundingMode,
  abs,
  add,
  allocate,
  allocateEvenly,
  compare,
  convert,
  divideRounded,
  equals,
  fromApi,
  fromDecimal,
  isCurrency,
  isNegative,
  isZero,
  max,
  min,
  minorUnits,
  money,
  multiply,
  negate,
  parseRate,
  subtract,
  sum,
  toApi,
  toDecimal,
  zero,
} from './money.ts';

const MODES: readonly RoundingMode[] = ['half-up', 'half-even', 'half-down', 'down', 'up'];
const ALL_CURRENCIES = Object.keys(CURRENCIES) as Currency[];

const currencyArb = fc.constantFrom(...ALL_CURRENCIES);
const moneyArb = fc.record({ amount: fc.bigInt(), currency: currencyArb });
const modeArb = fc.constantFrom(...MODES);

/** A plain decimal string, leading zeros and trailing fraction zeros included, with its exact value. */
const rateArb = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,6}$/), fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => ({
    text: `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
    numerator: (negative ? -1n : 1n) * BigInt(whole + (fraction ?? '')),
    denominator: 10n ** BigInt(fraction?.length ?? 0),
  }));

function absBig(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function expectMoneyError(fn: () => unknown, code: MoneyErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a MoneyError to be thrown').toBeInstanceOf(MoneyError);
  expect((caught as MoneyError).code).toBe(code);
}

const cny = (amount: bigint): Money => money(amount, 'CNY');

describe('currencies', () => {
  it('knows the minor-unit exponent of each supported currency (PRODUCT.md: CNY, AUD, NZD, USD have 2)', () => {
    expect(minorUnits('CNY')).toBe(2);
    expect(minorUnits('AUD')).toBe(2);
    expect(minorUnits('NZD')).toBe(2);
    expect(minorUnits('USD')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(Object.keys(CURRENCIES).sort()).toEqual(['AUD', 'CNY', 'JPY', 'NZD', 'USD']);
  });

  it.each([
    ['CNY', true],
    ['JPY', true],
    ['cny', false],
    ['EUR', false],
    ['', false],
    ['toString', false],
    ['__proto__', false],
    [142, false],
    [null, false],
  ])('isCurrency(%j) is %s', (input, expected) => {
    expect(isCurrency(input)).toBe(expected);
  });

  it('rejects an unsupported currency everywhere a currency enters', () => {
    expectMoneyError(() => money(1n, 'EUR' as Currency), 'unsupported_currency');
    expectMoneyError(() => zero('toString' as Currency), 'unsupported_currency');
    expectMoneyError(() => fromDecimal('1.00', 'EUR' as Currency), 'unsupported_currency');
    expectMoneyError(() => convert(cny(100n), 'EUR' as Currency, '1', 'half-up'), 'unsupported_currency');
  });
});

describe('money()', () => {
  it.each<[bigint | number | string, bigint]>([
    [1234n, 1234n],
    [-5n, -5n],
    [12, 12n],
    [-0, 0n],
    [Number.MAX_SAFE_INTEGER, 9007199254740991n],
    ['1234', 1234n],
    ['-5', -5n],
    ['123456789012345678901234567890', 123456789012345678901234567890n],
  ])('money(%s) has amount %s', (input, expected) => {
    expect(money(input, 'AUD')).toEqual({ amount: expected, currency: 'AUD' });
  });

  it.each<[number | string]>([
    [12.5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [2 ** 53],
    [-(2 ** 53)],
    ['12.5'],
    ['1e3'],
    [''],
    [' 12'],
    ['+12'],
    ['0x10'],
  ])('rejects %j as an amount of minor units', (input) => {
    expectMoneyError(() => money(input, 'CNY'), 'invalid_amount');
  });

  it('zero() is zero in the given currency', () => {
    expect(zero('NZD')).toEqual({ amount: 0n, currency: 'NZD' });
  });
});

describe('fromDecimal / toDecimal', () => {
  it.each<[string, Currency, bigint]>([
    ['12.34', 'CNY', 1234n],
    ['12.3', 'CNY', 1230n],
    ['12', 'CNY', 1200n],
    ['0.05', 'AUD', 5n],
    ['-0.05', 'AUD', -5n],
    ['-12.34', 'NZD', -1234n],
    ['0.00', 'USD', 0n],
    ['-0', 'USD', 0n],
    ['007.10', 'CNY', 710n],
    ['5000.00', 'CNY', 500000n],
    ['1200', 'JPY', 1200n],
    ['-7', 'JPY', -7n],
    ['12345678901234567890123.45', 'CNY', 1234567890123456789012345n],
  ])('fromDecimal(%j, %s) is %s minor units', (text, currency, expected) => {
    expect(fromDecimal(text, currency)).toEqual({ amount: expected, currency });
  });

  it.each<[string, Currency]>([
    ['12.345', 'CNY'],
    ['0.001', 'USD'],
    ['12.3', 'JPY'],
    ['12.0', 'JPY'],
    ['', 'CNY'],
    ['-', 'CNY'],
    ['1e3', 'CNY'],
    ['1E3', 'CNY'],
    [' 12', 'CNY'],
    ['12 ', 'CNY'],
    ['+12', 'CNY'],
    ['.5', 'CNY'],
    ['5.', 'CNY'],
    ['1,000.00', 'CNY'],
    ['12.3.4', 'CNY'],
    ['--1', 'CNY'],
    ['0x10', 'CNY'],
    ['NaN', 'CNY'],
    ['Infinity', 'CNY'],
    ['¥12', 'CNY'],
    ['١٢', 'CNY'],
  ])('fromDecimal rejects %j for %s', (text, currency) => {
    expectMoneyError(() => fromDecimal(text, currency), 'invalid_amount');
  });

  it('fromDecimal rejects non-strings from untyped callers', () => {
    expectMoneyError(() => fromDecimal(12.34 as unknown as string, 'CNY'), 'invalid_amount');
    expectMoneyError(() => fromDecimal(1234n as unknown as string, 'CNY'), 'invalid_amount');
  });

  it.each<[bigint, Currency, string]>([
    [1234n, 'CNY', '12.34'],
    [1230n, 'CNY', '12.30'],
    [5n, 'AUD', '0.05'],
    [-5n, 'AUD', '-0.05'],
    [-100n, 'NZD', '-1.00'],
    [0n, 'USD', '0.00'],
    [500000n, 'CNY', '5000.00'],
    [1200n, 'JPY', '1200'],
    [-7n, 'JPY', '-7'],
    [0n, 'JPY', '0'],
    [123456789012345678901234567890n, 'CNY', '1234567890123456789012345678.90'],
  ])('toDecimal(%s %s) is %j', (amount, currency, expected) => {
    expect(toDecimal(money(amount, currency))).toBe(expected);
  });

  it('property: fromDecimal(toDecimal(m)) is m for every bigint amount and currency', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        expect(fromDecimal(toDecimal(m), m.currency)).toEqual(m);
      }),
    );
  });

  it('property: toDecimal is canonical — exactly the currency’s decimals, no stray zeros or "-0"', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        const e = CURRENCIES[m.currency];
        const shape = e === 0 ? /^(0|-?[1-9]\d*)$/ : new RegExp(`^-?(0|[1-9]\\d*)\\.\\d{${e}}$`);
        const text = toDecimal(m);
        expect(text).toMatch(shape);
        expect(text.startsWith('-')).toBe(m.amount < 0n);
      }),
    );
  });

  it('property: a decimal string parses to its value and prints back in canonical form', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.stringMatching(/^\d{0,2}$/), (negative, whole, fraction) => {
        const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
        const parsed = fromDecimal(text, 'CNY');
        const expected = (negative ? -1n : 1n) * (BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0')));
        expect(parsed.amount).toBe(expected);
        expect(toDecimal(parsed)).toBe(toDecimal(money(expected, 'CNY')));
      }),
    );
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, negates and sums within one currency', () => {
    expect(add(cny(1234n), cny(-34n))).toEqual(cny(1200n));
    expect(subtract(cny(100n), cny(250n))).toEqual(cny(-150n));
    expect(negate(cny(5n))).toEqual(cny(-5n));
    expect(negate(cny(-5n))).toEqual(cny(5n));
    expect(abs(cny(-5n))).toEqual(cny(5n));
    expect(abs(cny(5n))).toEqual(cny(5n));
    expect(sum([cny(1n), cny(2n), cny(3n)], 'CNY')).toEqual(cny(6n));
    expect(sum([], 'AUD')).toEqual(money(0n, 'AUD'));
  });

  it('compares and tests sign', () => {
    expect(compare(cny(1n), cny(2n))).toBe(-1);
    expect(compare(cny(2n), cny(2n))).toBe(0);
    expect(compare(cny(3n), cny(2n))).toBe(1);
    expect(equals(cny(7n), cny(7n))).toBe(true);
    expect(equals(cny(7n), cny(8n))).toBe(false);
    expect(isZero(cny(0n))).toBe(true);
    expect(isZero(cny(-1n))).toBe(false);
    expect(isNegative(cny(-1n))).toBe(true);
    expect(isNegative(cny(0n))).toBe(false);
    expect(max(cny(3n), cny(-9n), cny(7n), cny(1n))).toEqual(cny(7n));
    expect(min(cny(3n), cny(-9n), cny(7n), cny(1n))).toEqual(cny(-9n));
    expect(max(cny(4n))).toEqual(cny(4n));
  });

  it.each<[string, () => unknown]>([
    ['add', () => add(cny(1n), money(1n, 'AUD'))],
    ['subtract', () => subtract(cny(1n), money(1n, 'AUD'))],
    ['compare', () => compare(cny(1n), money(1n, 'AUD'))],
    ['equals', () => equals(cny(1n), money(1n, 'AUD'))],
    ['max', () => max(cny(1n), cny(2n), money(1n, 'AUD'))],
    ['min', () => min(cny(1n), money(1n, 'AUD'))],
    ['sum', () => sum([cny(1n), money(1n, 'AUD')], 'CNY')],
  ])('%s refuses to mix currencies', (_name, fn) => {
    expect(fn).toThrow(CurrencyMismatchError);
    expectMoneyError(fn, 'currency_mismatch');
  });

  it('CurrencyMismatchError says which currencies met', () => {
    try {
      add(cny(1n), money(1n, 'NZD'));
      expect.unreachable('add should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(CurrencyMismatchError);
      expect(error).toBeInstanceOf(Error);
      const mismatch = error as CurrencyMismatchError;
      expect(mismatch.expected).toBe('CNY');
      expect(mismatch.actual).toBe('NZD');
      expect(mismatch.code).toBe('currency_mismatch');
      expect(mismatch.name).toBe('CurrencyMismatchError');
      expect(mismatch.message).toContain('NZD');
    }
  });

  it('sum refuses an element in a currency other than the one given', () => {
    expectMoneyError(() => sum([money(1n, 'USD')], 'CNY'), 'currency_mismatch');
  });

  it('property: subtract undoes add', () => {
    fc.assert(
      fc.property(currencyArb, fc.bigInt(), fc.bigInt(), (c, a, b) => {
        expect(subtract(add(money(a, c), money(b, c)), money(b, c))).toEqual(money(a, c));
        expect(add(subtract(money(a, c), money(b, c)), money(b, c))).toEqual(money(a, c));
      }),
    );
  });

  it('property: add is commutative and associative', () => {
    fc.assert(
      fc.property(currencyArb, fc.bigInt(), fc.bigInt(), fc.bigInt(), (c, a, b, d) => {
        const [x, y, z] = [money(a, c), money(b, c), money(d, c)];
        expect(add(x, y)).toEqual(add(y, x));
        expect(add(add(x, y), z)).toEqual(add(x, add(y, z)));
      }),
    );
  });

  it('property: m + (−m) is zero and sum agrees with repeated add', () => {
    fc.assert(
      fc.property(currencyArb, fc.array(fc.bigInt(), { maxLength: 10 }), (c, amounts) => {
        const list = amounts.map((a) => money(a, c));
        for (const m of list) expect(isZero(add(m, negate(m)))).toBe(true);
        expect(sum(list, c).amount).toBe(amounts.reduce((s, a) => s + a, 0n));
      }),
    );
  });
});

describe('divideRounded', () => {
  // numerator / 10, i.e. the value in the first column is numerator/10.
  // Columns: half-up, half-even, half-down, down, up.
  const table: ReadonlyArray<[bigint, bigint, bigint, bigint, bigint, bigint]> = [
    [5n, 1n, 0n, 0n, 0n, 1n], //  0.5 (tie)
    [15n, 2n, 2n, 1n, 1n, 2n], //  1.5 (tie)
    [25n, 3n, 2n, 2n, 2n, 3n], //  2.5 (tie)
    [35n, 4n, 4n, 3n, 3n, 4n], //  3.5 (tie)
    [-5n, -1n, 0n, 0n, 0n, -1n], // -0.5 (tie)
    [-15n, -2n, -2n, -1n, -1n, -2n], // -1.5 (tie)
    [-25n, -3n, -2n, -2n, -2n, -3n], // -2.5 (tie)
    [-35n, -4n, -4n, -3n, -3n, -4n], // -3.5 (tie)
    [11n, 1n, 1n, 1n, 1n, 2n], //  1.1
    [19n, 2n, 2n, 2n, 1n, 2n], //  1.9
    [-11n, -1n, -1n, -1n, -1n, -2n], // -1.1
    [-19n, -2n, -2n, -2n, -1n, -2n], // -1.9
    [1n, 0n, 0n, 0n, 0n, 1n], //  0.1
    [-1n, 0n, 0n, 0n, 0n, -1n], // -0.1
    [20n, 2n, 2n, 2n, 2n, 2n], //  2.0 exact
    [-20n, -2n, -2n, -2n, -2n, -2n], // -2.0 exact
    [0n, 0n, 0n, 0n, 0n, 0n],
  ];
  const cases = table.flatMap(([n, ...results]) =>
    (['half-up', 'half-even', 'half-down', 'down', 'up'] as const).map((mode, i) => [n, mode, results[i] as bigint] as const),
  );

  it.each(cases)('%s/10 rounded %s is %s', (numerator, mode, expected) => {
    expect(divideRounded(numerator, 10n, mode)).toBe(expected);
  });

  it.each(cases)('%s/-10 rounded %s is the negation of %s', (numerator, mode, expected) => {
    expect(divideRounded(numerator, -10n, mode)).toBe(-expected);
  });

  it.each<[bigint, bigint, RoundingMode, bigint]>([
    [1n, 3n, 'half-up', 0n],
    [2n, 3n, 'half-up', 1n],
    [2n, 3n, 'down', 0n],
    [1n, 3n, 'up', 1n],
    [-2n, 3n, 'half-even', -1n],
    [-2n, 3n, 'down', 0n],
    [7n, 2n, 'half-even', 4n],
    [9n, 2n, 'half-even', 4n],
    [-9n, 2n, 'half-even', -4n],
  ])('%s/%s rounded %s is %s', (n, d, mode, expected) => {
    expect(divideRounded(n, d, mode)).toBe(expected);
  });

  it('refuses division by zero and unknown modes', () => {
    expectMoneyError(() => divideRounded(1n, 0n, 'half-up'), 'division_by_zero');
    expectMoneyError(() => divideRounded(1n, 2n, 'ceiling' as RoundingMode), 'invalid_rounding_mode');
    expectMoneyError(() => divideRounded(2n, 2n, 'HALF_UP' as RoundingMode), 'invalid_rounding_mode');
  });

  it('property: agrees with a float oracle where floats are exact (small operands)', () => {
    const oracle = (x: number, mode: RoundingMode): number => {
      const sign = x < 0 ? -1 : 1;
      const a = Math.abs(x);
      const floor = Math.floor(a);
      const fraction = a - floor;
      let r: number;
      if (mode === 'down') r = floor;
      else if (mode === 'up') r = fraction === 0 ? floor : floor + 1;
      else if (fraction < 0.5) r = floor;
      else if (fraction > 0.5) r = floor + 1;
      else if (mode === 'half-up') r = floor + 1;
      else if (mode === 'half-down') r = floor;
      else r = floor % 2 === 0 ? floor : floor + 1;
      return sign * r + 0; // + 0 turns -0 into 0
    };
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), modeArb, (n, d, mode) => {
        expect(divideRounded(BigInt(n), BigInt(d), mode)).toBe(BigInt(oracle(n / d, mode)));
      }),
    );
  });

  it('property: symmetric about zero and ordered down ≤ half-down ≤ half-even ≤ half-up ≤ up in magnitude', () => {
    fc.assert(
      fc.property(
        fc.bigInt(),
        fc.bigInt().filter((d) => d !== 0n),
        (n, d) => {
          for (const mode of MODES) {
            expect(divideRounded(-n, d, mode)).toBe(-divideRounded(n, d, mode));
            expect(divideRounded(n, -d, mode)).toBe(-divideRounded(n, d, mode));
          }
          const magnitudes = (['down', 'half-down', 'half-even', 'half-up', 'up'] as const).map((mode) =>
            absBig(divideRounded(n, d, mode)),
          );
          const ascending = [...magnitudes].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
          expect(magnitudes).toEqual(ascending);
        },
      ),
    );
  });
});

describe('parseRate / multiply', () => {
  it.each<[string | bigint, bigint, bigint]>([
    ['0.091', 91n, 1000n],
    ['1.5', 15n, 10n],
    ['-2', -2n, 1n],
    ['4.7321', 47321n, 10000n],
    ['0.10', 10n, 100n],
    ['0', 0n, 1n],
    [3n, 3n, 1n],
  ])('parseRate(%s) is %s/%s', (rate, numerator, denominator) => {
    expect(parseRate(rate)).toEqual({ numerator, denominator });
  });

  it.each<[unknown]>([
    ['1e3'],
    ['1E-2'],
    ['0.091e0'],
    [''],
    ['-'],
    ['.5'],
    ['1.'],
    [' 1'],
    ['1 '],
    ['+1'],
    ['0x10'],
    ['1_000'],
    ['1,5'],
    ['NaN'],
    ['Infinity'],
    ['9.1%'],
    [0.091],
  ])('parseRate rejects %j', (rate) => {
    expectMoneyError(() => parseRate(rate as string), 'invalid_rate');
    expectMoneyError(() => multiply(cny(100n), rate as string, 'half-up'), 'invalid_rate');
  });

  it.each<[string, bigint, string | bigint, RoundingMode, bigint]>([
    // PRODUCT.md: CBEC composite rate 9.1% on 13% VAT goods; RMB 100.00 → 9.10 tax.
    ['CBEC 9.1% of ¥100.00', 10000n, '0.091', 'half-up', 910n],
    ['9.1% of ¥12.34 = 112.294 fen, half-up', 1234n, '0.091', 'half-up', 112n],
    ['9.1% of ¥12.34 = 112.294 fen, up', 1234n, '0.091', 'up', 113n],
    ['9.1% of ¥12.34 = 112.294 fen, down', 1234n, '0.091', 'down', 112n],
    // PRODUCT.md: NZ GST 15%; NZ$19.99 → 299.85 cents.
    ['NZ GST 15% of 19.99, half-up', 1999n, '0.15', 'half-up', 300n],
    ['NZ GST 15% of 19.99, down', 1999n, '0.15', 'down', 299n],
    ['tie 0.5, half-even', 5n, '0.1', 'half-even', 0n],
    ['tie 1.5, half-even', 15n, '0.1', 'half-even', 2n],
    ['tie 2.5, half-even', 25n, '0.1', 'half-even', 2n],
    ['tie -2.5, half-even', -25n, '0.1', 'half-even', -2n],
    ['tie -2.5, half-up (away from zero)', -25n, '0.1', 'half-up', -3n],
    ['tie -2.5, half-down', -25n, '0.1', 'half-down', -2n],
    ['-2.56, down (toward zero)', -256n, '0.01', 'down', -2n],
    ['-2.56, up (away from zero)', -256n, '0.01', 'up', -3n],
    ['negative rate', 1234n, '-2', 'half-up', -2468n],
    ['bigint rate', 1234n, 3n, 'down', 3702n],
    ['rate 1.5 on an odd amount', 3n, '1.5', 'half-even', 4n],
  ])('%s', (_label, amount, rate, mode, expected) => {
    expect(multiply(cny(amount), rate, mode)).toEqual(cny(expected));
  });

  it('keeps the currency, including exponent 0', () => {
    expect(multiply(money(3n, 'JPY'), '1.5', 'half-up')).toEqual(money(5n, 'JPY'));
  });

  it('property: every mode stays within one minor unit of the exact product; half modes within half a unit', () => {
    fc.assert(
      fc.property(moneyArb, rateArb, modeArb, (m, rate, mode) => {
        const result = multiply(m, rate.text, mode);
        expect(result.currency).toBe(m.currency);
        const exact = m.amount * rate.numerator; // the true result is exact / denominator
        const error = absBig(result.amount * rate.denominator - exact);
        expect(error < rate.denominator).toBe(true);
        if (mode.startsWith('half-')) expect(2n * error <= rate.denominator).toBe(true);
      }),
    );
  });

  it('property: down never exceeds the exact product in magnitude, up never falls short of it', () => {
    fc.assert(
      fc.property(moneyArb, rateArb, (m, rate) => {
        const exactMagnitude = absBig(m.amount * rate.numerator);
        const down = multiply(m, rate.text, 'down').amount;
        const up = multiply(m, rate.text, 'up').amount;
        expect(absBig(down) * rate.denominator <= exactMagnitude).toBe(true);
        expect(absBig(up) * rate.denominator >= exactMagnitude).toBe(true);
        // Neither flips the sign.
        expect(down * m.amount * rate.numerator >= 0n).toBe(true);
        expect(up * m.amount * rate.numerator >= 0n).toBe(true);
      }),
    );
  });
});

describe('convert', () => {
  it.each<[string, Money, Currency, string, RoundingMode, Money]>([
    ['AUD 100.00 → CNY at 4.7321', money(10000n, 'AUD'), 'CNY', '4.7321', 'half-up', money(47321n, 'CNY')],
    ['AUD 0.01 → CNY at 4.7321, half-up', money(1n, 'AUD'), 'CNY', '4.7321', 'half-up', money(5n, 'CNY')],
    ['AUD 0.01 → CNY at 4.7321, down', money(1n, 'AUD'), 'CNY', '4.7321', 'down', money(4n, 'CNY')],
    ['AUD -0.01 → CNY, half-up is symmetric', money(-1n, 'AUD'), 'CNY', '4.7321', 'half-up', money(-5n, 'CNY')],
    ['NZD 19.99 → CNY at 4.3', money(1999n, 'NZD'), 'CNY', '4.3', 'half-even', money(8596n, 'CNY')],
    ['JPY 10000 → CNY at 0.0478', money(10000n, 'JPY'), 'CNY', '0.0478', 'half-up', money(47800n, 'CNY')],
    ['JPY 1 → CNY at 0.0478, half-up', money(1n, 'JPY'), 'CNY', '0.0478', 'half-up', money(5n, 'CNY')],
    ['JPY 1 → CNY at 0.0478, down', money(1n, 'JPY'), 'CNY', '0.0478', 'down', money(4n, 'CNY')],
    ['JPY 1 → CNY at 0.045, half-even tie', money(1n, 'JPY'), 'CNY', '0.045', 'half-even', money(4n, 'CNY')],
    ['CNY 1.00 → JPY at 20.9205, half-even', money(100n, 'CNY'), 'JPY', '20.9205', 'half-even', money(21n, 'JPY')],
    ['CNY 1.00 → JPY at 20.9205, down', money(100n, 'CNY'), 'JPY', '20.9205', 'down', money(20n, 'JPY')],
    ['CNY 12.34 → JPY at 20.5 = 252.97', money(1234n, 'CNY'), 'JPY', '20.5', 'half-up', money(253n, 'JPY')],
    ['CNY 0.05 → JPY at 10 = 0.5 tie, half-even', money(5n, 'CNY'), 'JPY', '10', 'half-even', money(0n, 'JPY')],
    ['CNY 0.05 → JPY at 10 = 0.5 tie, half-up', money(5n, 'CNY'), 'JPY', '10', 'half-up', money(1n, 'JPY')],
  ])('%s', (_label, from, to, rate, mode, expected) => {
    expect(convert(from, to, rate, mode)).toEqual(expected);
  });

  it.each([['0'], ['-4.7321'], ['0.000'], ['4.7e1'], [''], ['abc']])('rejects rate %j', (rate) => {
    expectMoneyError(() => convert(money(100n, 'AUD'), 'CNY', rate, 'half-up'), 'invalid_rate');
  });

  it('property: rate 1 between currencies of the same exponent keeps the amount', () => {
    const twoDecimal = fc.constantFrom<Currency>('CNY', 'AUD', 'NZD', 'USD');
    fc.assert(
      fc.property(fc.bigInt(), twoDecimal, twoDecimal, modeArb, (amount, from, to, mode) => {
        expect(convert(money(amount, from), to, '1', mode)).toEqual(money(amount, to));
      }),
    );
  });

  it('property: the result is within half a minor unit of the exact conversion across exponents (half-even)', () => {
    const positiveRate = rateArb.filter((r) => r.numerator > 0n);
    fc.assert(
      fc.property(moneyArb, currencyArb, positiveRate, (m, to, rate) => {
        const result = convert(m, to, rate.text, 'half-even');
        expect(result.currency).toBe(to);
        // result ≈ amount × rate × 10^toExp / 10^fromExp
        const numerator = m.amount * rate.numerator * 10n ** BigInt(CURRENCIES[to]);
        const denominator = rate.denominator * 10n ** BigInt(CURRENCIES[m.currency]);
        expect(2n * absBig(result.amount * denominator - numerator) <= denominator).toBe(true);
      }),
    );
  });
});

describe('allocate', () => {
  const amounts = (parts: Money[]): bigint[] => parts.map((p) => p.amount);

  it.each<[string, bigint, bigint[], bigint[]]>([
    ['¥1.00 three ways', 100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    ['a refund of ¥1.00 three ways mirrors the charge', -100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    ['zero weight gets nothing', 100n, [1n, 0n, 1n], [50n, 0n, 50n]],
    ['tie goes to the earlier index', 5n, [1n, 1n], [3n, 2n]],
    ['largest remainder, not first index: 3.33 / 6.67', 10n, [1n, 2n], [3n, 7n]],
    ['exact proportions stay exact', 1000n, [3n, 7n], [300n, 700n]],
    ['a single fen over four', 1n, [1n, 1n, 1n, 1n], [1n, 0n, 0n, 0n]],
    ['a single fen goes to the heaviest', 1n, [1n, 5n, 2n], [0n, 1n, 0n]],
    ['zero total', 0n, [2n, 3n], [0n, 0n]],
    ['one weight takes everything', -777n, [9n], [-777n]],
    ['discount of ¥10.00 over lines ¥33.33, ¥33.33, ¥33.34', 1000n, [3333n, 3333n, 3334n], [333n, 333n, 334n]],
  ])('%s', (_label, total, weights, expected) => {
    const parts = allocate(cny(total), weights);
    expect(amounts(parts)).toEqual(expected);
    for (const p of parts) expect(p.currency).toBe('CNY');
  });

  it('keeps exponent-0 currencies whole', () => {
    expect(allocate(money(10n, 'JPY'), [1n, 1n, 1n])).toEqual([money(4n, 'JPY'), money(3n, 'JPY'), money(3n, 'JPY')]);
  });

  it.each<[string, bigint[]]>([
    ['no weights', []],
    ['a negative weight', [1n, -1n]],
    ['all-zero weights', [0n, 0n]],
    ['a number weight from an untyped caller', [1 as unknown as bigint]],
  ])('rejects %s', (_label, weights) => {
    expectMoneyError(() => allocate(cny(100n), weights), 'invalid_allocation');
  });

  it('allocateEvenly splits into n parts differing by at most one unit, larger first', () => {
    expect(amounts(allocateEvenly(cny(100n), 3))).toEqual([34n, 33n, 33n]);
    expect(amounts(allocateEvenly(cny(-101n), 4))).toEqual([-26n, -25n, -25n, -25n]);
    expect(amounts(allocateEvenly(cny(2n), 5))).toEqual([1n, 1n, 0n, 0n, 0n]);
    expect(amounts(allocateEvenly(cny(9n), 1))).toEqual([9n]);
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('allocateEvenly rejects n = %s', (n) => {
    expectMoneyError(() => allocateEvenly(cny(100n), n), 'invalid_allocation');
  });

  const weightsArb = fc
    .array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 5n })), {
      minLength: 1,
      maxLength: 20,
    })
    .filter((ws) => ws.some((w) => w > 0n));

  it('property: parts sum exactly to the total and each is within one unit of its exact share', () => {
    fc.assert(
      fc.property(moneyArb, weightsArb, (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts, total.currency)).toEqual(total);
        const weightSum = weights.reduce((s, w) => s + w, 0n);
        weights.forEach((weight, i) => {
          const part = parts[i];
          expect(part?.currency).toBe(total.currency);
          // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W
          const deviation = absBig((part?.amount ?? 0n) * weightSum - total.amount * weight);
          expect(deviation < weightSum).toBe(true);
        });
      }),
    );
  });

  it('property: deterministic and leaves the weights untouched', () => {
    fc.assert(
      fc.property(moneyArb, weightsArb, (total, weights) => {
        const before = [...weights];
        const first = allocate(total, weights);
        const second = allocate(total, [...weights]);
        expect(second).toEqual(first);
        expect(weights).toEqual(before);
      }),
    );
  });

  it('property: a heavier weight never gets less, equal weights favour the earlier index, zero weights get zero', () => {
    fc.assert(
      fc.property(moneyArb, weightsArb, (total, weights) => {
        const parts = allocate(total, weights).map((p) => absBig(p.amount));
        const lines = weights.map((weight, i) => ({ weight, part: parts[i] ?? -1n }));
        lines.forEach((a, i) => {
          if (a.weight === 0n) expect(a.part).toBe(0n);
          for (const b of lines.slice(i + 1)) {
            if (a.weight >= b.weight) expect(a.part >= b.part).toBe(true);
            if (a.weight < b.weight) expect(a.part <= b.part).toBe(true);
          }
        });
      }),
    );
  });

  it('property: allocating a negative total is the negation of allocating its magnitude', () => {
    fc.assert(
      fc.property(moneyArb, weightsArb, (total, weights) => {
        expect(amounts(allocate(negate(total), weights))).toEqual(amounts(allocate(total, weights)).map((a) => -a));
      }),
    );
  });
});

describe('toApi / fromApi', () => {
  it('renders minor units as a string (docs/api.md money shape)', () => {
    expect(toApi(cny(1234n))).toEqual({ amount: '1234', currency: 'CNY' });
    expect(toApi(money(-5n, 'AUD'))).toEqual({ amount: '-5', currency: 'AUD' });
    expect(JSON.stringify(toApi(money(123456789012345678901234567890n, 'USD')))).toBe(
      '{"amount":"123456789012345678901234567890","currency":"USD"}',
    );
  });

  it('parses a valid API object', () => {
    expect(fromApi({ amount: '1234', currency: 'CNY' })).toEqual(cny(1234n));
    expect(fromApi({ amount: '-5', currency: 'JPY', extra: true })).toEqual(money(-5n, 'JPY'));
  });

  it.each<[string, unknown, MoneyErrorCode]>([
    ['a JSON number amount', { amount: 1234, currency: 'CNY' }, 'invalid_amount'],
    ['a decimal amount', { amount: '12.34', currency: 'CNY' }, 'invalid_amount'],
    ['exponent notation', { amount: '1e3', currency: 'CNY' }, 'invalid_amount'],
    ['an empty amount', { amount: '', currency: 'CNY' }, 'invalid_amount'],
    ['a bigint amount', { amount: 1234n, currency: 'CNY' }, 'invalid_amount'],
    ['a missing amount', { currency: 'CNY' }, 'invalid_amount'],
    ['an unknown currency', { amount: '1', currency: 'EUR' }, 'unsupported_currency'],
    ['a lower-case currency', { amount: '1', currency: 'cny' }, 'unsupported_currency'],
    ['a customs currency code', { amount: '1', currency: '142' }, 'unsupported_currency'],
    ['a missing currency', { amount: '1' }, 'unsupported_currency'],
    ['null', null, 'invalid_amount'],
    ['a string', '1234 CNY', 'invalid_amount'],
  ])('rejects %s', (_label, input, code) => {
    expectMoneyError(() => fromApi(input), code);
  });

  it('property: fromApi(JSON round trip of toApi(m)) is m', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        expect(fromApi(JSON.parse(JSON.stringify(toApi(m))))).toEqual(m);
      }),
    );
  });
});
