// Money on screen: minor units to exact decimal text and back, per ISO 4217 digits; never a float.
import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseAmount, toDecimalString } from './money';

describe('toDecimalString', () => {
  it.each([
    ['0', 2, '0.00'],
    ['5', 2, '0.05'],
    ['123456', 2, '1234.56'],
    ['-1999', 2, '-19.99'],
    ['9007199254740993', 2, '90071992547409.93'], // beyond a double's exact integers
    ['1200', 0, '1200'],
    ['000100', 2, '1.00'],
  ])('%s with %i digits → %s', (amount, digits, expected) => {
    expect(toDecimalString(amount, digits)).toBe(expected);
  });
});

describe('minorDigits', () => {
  it.each([
    ['CNY', 2],
    ['AUD', 2],
    ['NZD', 2],
    ['JPY', 0],
  ])('%s has %i', (c, d) => expect(minorDigits(c)).toBe(d));
});

describe('formatMoney', () => {
  it.each([
    [{ amount: '123456', currency: 'CNY' }, 'zh-CN', '¥1,234.56'],
    [{ amount: '1000', currency: 'AUD' }, 'en', 'A$10.00'],
    [{ amount: '9007199254740993', currency: 'CNY' }, 'en', 'CN¥90,071,992,547,409.93'],
  ])('%j in %s → %s', (m, locale, expected) => {
    expect(formatMoney(m, locale)).toBe(expected);
  });
});

describe('parseAmount', () => {
  it.each([
    ['12.5', 'CNY', '1250'],
    ['12', 'AUD', '1200'],
    ['0.01', 'CNY', '1'],
    ['1,5', 'CNY', '150'],
    ['12.345', 'CNY', null],
    ['-3', 'CNY', null],
    ['abc', 'CNY', null],
    ['', 'CNY', null],
  ])('%s %s → %s', (text, c, expected) => {
    expect(parseAmount(text, c)).toBe(expected);
  });
});
