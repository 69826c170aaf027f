// NZ bulk direct credit file, BNZ IB4B Direct Credit import layout (header 1, transactions 2,
// control 3; see nz-bulk.ts). Columns are written out here from the IB4B / ANZ Direct field
// lists, and the hash totals are worked by hand from the IB4B rule: Σ (branch ‖ account) of the
// to-accounts, rightmost 11 digits.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/errors.ts';
import { buildNzBulkCsv, csvField, type NzBulkBatch, nzBulkControlTotals, nzHashTotal, nzText } from './nz-bulk.ts';

const batch: NzBulkBatch = {
  payer: { name: 'Tasman Commerce Ltd', account: '02-0500-0999999-000', particulars: 'PAYOUTS', code: 'TASMAN', reference: 'BATCH 42' },
  // 12:00 UTC on 31 March is 01:00 on 1 April in Auckland (NZDT, UTC+13).
  dueOn: new Date('2026-03-31T12:00:00Z'),
  // 10:00 UTC is still 23:00 on 31 March in Auckland.
  createdAt: new Date('2026-03-31T10:00:00Z'),
  items: [
    {
      account: '12-3140-0171323-050',
      payeeName: 'Kiwi Honey Ltd',
      amountCents: 125_050n,
      particulars: 'TASMAN',
      code: 'PAYOUT',
      reference: 'PO 0001',
    },
    { account: '01 0902 0068389 00', payeeName: 'Jane Smith', amountCents: 5n, reference: 'PO 0002' },
    { account: '0205001234567025', payeeName: 'Manuka Co', amountCents: 9_999_999n, particulars: 'TASMAN', reference: 'PO 0003' },
  ],
};

const linesOf = (file: string) => file.split('\r\n').slice(0, -1);
const fieldsOf = (line: string) => line.split(',');

describe('file structure', () => {
  const file = buildNzBulkCsv(batch);
  it('is one header, one transaction per payout, one control record, each ending CR LF', () => {
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(linesOf(file).map((l) => l[0])).toEqual(['1', '2', '2', '2', '3']);
  });
});

describe('header record (type 1)', () => {
  const header = fieldsOf(linesOf(buildNzBulkCsv(batch))[0] ?? '');
  it.each([
    [1, 'record type', '1'],
    [2, 'subscriber id (blank for direct credits)', ''],
    [3, 'batch number (blank)', ''],
    [4, 'filler (blank)', ''],
    [5, 'from-account, 16 digits, no hyphens', '0205000999999000'],
    [6, 'batch type 7 = direct credit', '7'],
    [7, 'due date YYMMDD (Auckland date)', '260401'],
    [8, 'creation date YYMMDD (Auckland date)', '260331'],
    [9, 'indicator', 'I'],
  ])('field %i: %s', (n, _name, expected) => {
    expect(header[n - 1]).toBe(expected);
  });
  it('has 9 fields', () => expect(header).toHaveLength(9));
});

describe('transaction records (type 2)', () => {
  const [, a = '', b = '', c = ''] = linesOf(buildNzBulkCsv(batch));
  const rows = [a, b, c].map(fieldsOf);
  it.each([
    [1, 'record type', '2', '2', '2'],
    [2, 'to-account BBbbbbAAAAAAASSS (2-digit suffix padded to 3)', '1231400171323050', '0109020068389000', '0205001234567025'],
    [3, 'transaction code 50 (direct credit)', '50', '50', '50'],
    [4, 'amount in cents (IB4B: no $, commas or decimal point)', '125050', '5', '9999999'],
    [5, 'payee name', 'Kiwi Honey Ltd', 'Jane Smith', 'Manuka Co'],
    [6, 'payee reference', 'PO 0001', 'PO 0002', 'PO 0003'],
    [7, 'payee analysis code', 'PAYOUT', '', ''],
    [8, 'payee alpha reference (not used)', '', '', ''],
    [9, 'payee particulars', 'TASMAN', '', 'TASMAN'],
    [10, 'payer name', 'Tasman Commerce Ltd', 'Tasman Commerce Ltd', 'Tasman Commerce Ltd'],
    [11, 'payer analysis code', 'TASMAN', 'TASMAN', 'TASMAN'],
    [12, 'payer reference', 'BATCH 42', 'BATCH 42', 'BATCH 42'],
    [13, 'payer particulars', 'PAYOUTS', 'PAYOUTS', 'PAYOUTS'],
  ])('field %i: %s', (n, _name, x, y, z) => {
    expect(rows.map((r) => r[n - 1])).toEqual([x, y, z]);
  });
  it('has 13 fields each', () => {
    for (const r of rows) expect(r).toHaveLength(13);
  });
});

describe('control record (type 3) — totals and IB4B hash total', () => {
  const control = fieldsOf(linesOf(buildNzBulkCsv(batch)).at(-1) ?? '');
  // 31400171323 + 09020068389 + 05001234567 = 45421474279
  it.each([
    [1, 'record type', '3'],
    [2, 'total amount in cents = Σ amounts', '10125054'],
    [3, 'number of transactions', '3'],
    [4, 'hash total', '45421474279'],
  ])('field %i: %s', (n, _name, expected) => {
    expect(control[n - 1]).toBe(expected);
  });
});

describe('nzHashTotal — Σ branch‖account, rightmost 11 digits', () => {
  it.each([
    ['one account: its branch and account digits', ['1231400171323050'], '31400171323'],
    ['leading zeros kept to 11 digits', ['0100010000001000'], '00010000001'],
    ['the sum overflows 11 digits: keep the rightmost 11', ['0199999999999000', '0199999999999000'], '99999999998'],
    ['no accounts', [], '00000000000'],
  ])('%s', (_what, accounts, expected) => {
    expect(nzHashTotal(accounts)).toBe(expected);
  });
});

describe('nzBulkControlTotals — dollars.cents for the operator, integer arithmetic (money.toDecimal)', () => {
  const withAmounts = (...amounts: bigint[]): NzBulkBatch => ({
    ...batch,
    items: amounts.map((amountCents) => ({ ...batch.items[0], amountCents }) as NzBulkBatch['items'][number]),
  });
  it.each([
    ['5', [5n], '0.05'],
    ['100', [100n], '1.00'],
    ['99 + 1', [99n, 1n], '1.00'],
    ['125050', [125_050n], '1250.50'],
    ['99999999999', [99_999_999_999n], '999999999.99'],
    ['2 × 99999999999', [99_999_999_999n, 99_999_999_999n], '1999999999.98'],
  ])('%s cents → %s', (_title, amounts, dollars) => {
    expect(nzBulkControlTotals(withAmounts(...amounts)).totalDollars).toBe(dollars);
  });
  it('agrees with the control record', () => {
    expect(nzBulkControlTotals(batch)).toEqual({ count: 3, totalCents: 10_125_054n, totalDollars: '101250.54', hashTotal: '45421474279' });
  });
});

describe('text fields: IB4B alphanumeric set, widths, CSV safety', () => {
  it.each([
    ['a comma is not in the set', 'Smith, Jones & Co', 20, 'Smith Jones & Co'],
    ['double quotes are not in the set', 'The "Best" Honey', 20, 'The Best Honey'],
    ['apostrophes, slashes and hyphens are kept', "O'Brien-Smith / NZ", 20, "O'Brien-Smith / NZ"],
    ['names are cut to 20', 'Aotearoa Premium Manuka Honey Limited', 20, 'Aotearoa Premium Man'],
    ['statement fields are cut to 12, without a trailing blank', 'INVOICE 1234 5678', 12, 'INVOICE 1234'],
    ['Chinese characters are dropped, the ASCII part kept', '奥克兰蜂蜜 Auckland Honey', 20, 'Auckland Honey'],
    ['accents are dropped', 'Māori Art Ltd', 20, 'Maori Art Ltd'],
  ])('%s', (_what, input, width, expected) => {
    expect(nzText(input, width)).toBe(expected);
  });

  it('an all-Chinese payee name falls back to ACCOUNT HOLDER (the name field is mandatory)', () => {
    const file = buildNzBulkCsv({
      ...batch,
      items: [{ ...batch.items[0], payeeName: '奥克兰蜂蜜有限公司' } as NzBulkBatch['items'][number]],
    });
    expect(fieldsOf(linesOf(file)[1] ?? '')[4]).toBe('ACCOUNT HOLDER');
  });

  it('a payee name with commas and quotes does not add fields to the record', () => {
    const file = buildNzBulkCsv({
      ...batch,
      items: [{ ...batch.items[0], payeeName: 'A, "B", C', reference: 'x,y' } as NzBulkBatch['items'][number]],
    });
    expect(fieldsOf(linesOf(file)[1] ?? '')).toHaveLength(13);
  });

  it.each([
    ['plain', 'Kiwi Honey', 'Kiwi Honey'],
    ['empty', '', ''],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'a\nb', '"a\nb"'],
  ])('csvField (RFC 4180): %s', (_what, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('refusals', () => {
  const refusal = (b: NzBulkBatch): AppError => {
    try {
      buildNzBulkCsv(b);
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const item = (over: Partial<NzBulkBatch['items'][number]>) => ({
    ...batch,
    items: [{ ...batch.items[0], ...over } as NzBulkBatch['items'][number]],
  });

  it.each([
    ['a short account number', item({ account: '12-3140-017132-050' }), 'invalid_bank_account', 'items[0].account'],
    ['an Australian BSB/account', item({ account: '062-000 12345678' }), 'invalid_bank_account', 'items[0].account'],
    ['a zero amount', item({ amountCents: 0n }), 'invalid_amount', 'items[0].amountCents'],
    ['an amount over 11 digits of cents', item({ amountCents: 100_000_000_000n }), 'invalid_amount', 'items[0].amountCents'],
    ['a bad payer account', { ...batch, payer: { ...batch.payer, account: '123' } }, 'invalid_bank_account', 'payer.account'],
    ['a blank payer name', { ...batch, payer: { ...batch.payer, name: '中文' } }, 'invalid_request', 'payer.name'],
    ['an empty batch', { ...batch, items: [] }, 'invalid_request', 'items'],
    ['an invalid due date', { ...batch, dueOn: new Date('nope') }, 'invalid_request', 'dueOn'],
  ])('refuses %s', (_what, b, code, param) => {
    expect(refusal(b)).toMatchObject({ code, param });
  });
});
