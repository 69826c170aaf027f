// The prices the storefront shows in each market (PRODUCT.md M4: "price display in the
// shopper's currency"; P3: the customer rate is the mid less the spread). A shopper in China
// sees ANZ brands in CNY; a shopper in Australia or New Zealand sees sellers in China in AUD or
// NZD. Either way the shown price is what a payment charges at that rate: price ÷ rate rounded
// UP to the minor unit (fx/rules.ts amountToPay), so the charge always covers the price.
import { describe, expect, it } from 'vitest';
import { customerRate } from '../fx/rules.ts';
import { displayIn, shownAnz, shownCny, shownIn } from './index.ts';

const tea = { priceAmount: 5900n, priceCurrency: 'CNY' as const, cnyPriceAmount: null };
const honey = { priceAmount: 8990n, priceCurrency: 'AUD' as const, cnyPriceAmount: null };
// The demo rates (seed.ts): AUD/CNY 4.70 and NZD/CNY 4.30 mid, 50 bps spread.
const AUD_CNY = customerRate('4.70', 50); // 4.6765 CNY per AUD to the customer
const NZD_CNY = customerRate('4.30', 50); // 4.2785

describe('a seller in China, shown to shoppers in Australia and New Zealand', () => {
  it('the customer rates are the mid less 0.5 %', () => {
    expect([AUD_CNY, NZD_CNY]).toEqual(['4.6765', '4.2785']);
  });

  it.each([
    // ¥59.00 ÷ 4.6765 = A$12.6162… → A$12.62 (rounded up to the cent)
    ['AU', AUD_CNY, 1262n],
    // ¥59.00 ÷ 4.2785 = NZ$13.7899… → NZ$13.79
    ['NZ', NZD_CNY, 1379n],
  ] as const)('in %s at %s → %s cents', (market, rate, cents) => {
    expect(shownIn(market, tea, rate)).toBe(cents);
    expect(shownAnz(tea, market === 'AU' ? 'AUD' : 'NZD', rate)).toBe(cents);
  });

  it('with no rate set the price is indicative (CNY 4.70 per AUD, 4.30 per NZD), also what search sorts and buckets by', () => {
    // 5900 ÷ 4.70 = 1255.3 → 1256; 5900 ÷ 4.30 = 1372.09 → 1373
    expect(shownIn('AU', tea, null)).toBe(1256n);
    expect(shownIn('NZ', tea, null)).toBe(1373n);
    expect(displayIn('AU', tea)).toBe(1256n);
    expect(displayIn('NZ', tea)).toBe(1373n);
  });

  it('the CNY price of a seller in China is its own price, whatever the rate', () => {
    expect(shownCny(tea, '0.2139')).toBe(5900n);
    expect(displayIn('CN', tea)).toBe(5900n);
  });

  it('a price already in the shopper currency is shown as it is', () => {
    expect(shownIn('AU', honey, null)).toBe(8990n);
    expect(shownIn('AU', honey, '1.08')).toBe(8990n);
  });
});

describe('an ANZ brand, shown to shoppers in China (unchanged)', () => {
  it('converts at the CNY → AUD customer rate, rounded up to the fen; a fixed CNY price wins', () => {
    // CNY→AUD customer rate from AUD/CNY 4.70 inverted (0.2127659574) less 50 bps.
    const cnyAud = customerRate('0.2127659574', 50);
    expect(shownIn('CN', honey, cnyAud)).toBe(shownCny(honey, cnyAud));
    expect(shownIn('CN', { ...honey, cnyPriceAmount: 39900n }, cnyAud)).toBe(39900n);
    // Indicative: 89.90 × 4.70 = 422.53
    expect(shownIn('CN', honey, null)).toBe(42253n);
  });
});
