// BECS Direct Entry ("ABA"/Cemtex) file: every record checked field by field against the
// positions printed in the spec tables (CBA "Direct Entry – File Specification"; cemtexaba.com
// "ABA Format File Details"; Infor "ABAFILE EFT Output Format"). The expected positions are
// written out here from those tables, not read from aba.ts's layouts.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/errors.ts';
import { type AbaBatch, buildAbaFile, foldToAscii } from './aba.ts';
import { parseAbaFile } from './aba-parse.ts';

const batch: AbaBatch = {
  bank: 'CBA',
  userName: 'TASMAN COMMERCE PTY LTD',
  apcaUserId: '301500',
  description: 'PAYOUTS',
  // 14:30 UTC on 31 March is 01:30 on 1 April in Sydney (AEDT, UTC+11): the file says 010426.
  processOn: new Date('2026-03-31T14:30:00Z'),
  remitter: { name: 'TASMAN PAYOUTS', bsb: '062-000', account: '12345678' },
  items: [
    { bsb: '083-004', account: '123456789', accountName: 'KOALA WINES PTY LTD', amountCents: 125_050n, lodgementReference: 'PO 0001' },
    { bsb: '032000', account: '98765', accountName: 'SMITH. JANE', amountCents: 5n, lodgementReference: 'PO 0002' },
    { bsb: '012-003', account: '000123456', accountName: 'Manuka Co', amountCents: 9_999_999n, lodgementReference: 'PO 0003' },
  ],
};

const recordsOf = (file: string) => file.split('\r\n').slice(0, -1);
/** 1-based, inclusive positions, as the spec tables print them. */
const at = (record: string, from: number, to: number) => record.slice(from - 1, to);

describe('file structure — BECS: 120-character records, CR LF, one type 0, detail records, one type 7', () => {
  const file = buildAbaFile(batch);
  const records = recordsOf(file);

  it('ends every record (the last too) with CR LF and has no bare LF', () => {
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.split('\r\n')).toHaveLength(records.length + 1);
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('is 0, 1, 1, 1, 7 and every record is exactly 120 characters', () => {
    expect(records.map((r) => r[0])).toEqual(['0', '1', '1', '1', '7']);
    for (const r of records) expect(r).toHaveLength(120);
  });

  it('is printable ASCII only', () => {
    expect(file.replace(/\r\n/g, '')).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('descriptive record (type 0) positions', () => {
  const [header = ''] = recordsOf(buildAbaFile(batch));
  it.each([
    [1, 1, 'record type', '0'],
    [2, 18, 'blank', ' '.repeat(17)],
    [19, 20, 'reel sequence number, zero-filled from 01', '01'],
    [21, 23, 'user financial institution', 'CBA'],
    [24, 30, 'blank', ' '.repeat(7)],
    [31, 56, 'user preferred specification, left-justified blank-filled', 'TASMAN COMMERCE PTY LTD   '],
    [57, 62, 'APCA user identification number', '301500'],
    [63, 74, 'description of entries', 'PAYOUTS     '],
    [75, 80, 'date to be processed, DDMMYY (Sydney date)', '010426'],
    [81, 120, 'blank', ' '.repeat(40)],
  ])('%i–%i %s', (from, to, _name, expected) => {
    expect(at(header, from, to)).toBe(expected);
  });
});

describe('detail records (type 1) positions', () => {
  const records = recordsOf(buildAbaFile(batch));
  const [, first = '', second = '', third = ''] = records;
  it.each([
    [1, 1, 'record type', '1', '1', '1'],
    [2, 8, 'BSB nnn-nnn', '083-004', '032-000', '012-003'],
    [9, 17, 'account, right-justified blank-filled', '123456789', '    98765', '000123456'],
    [18, 18, 'indicator (blank)', ' ', ' ', ' '],
    [19, 20, 'transaction code 50 (credit)', '50', '50', '50'],
    [21, 30, 'amount in cents, zero-filled', '0000125050', '0000000005', '0009999999'],
    [31, 62, 'title of account', 'KOALA WINES PTY LTD'.padEnd(32), 'SMITH. JANE'.padEnd(32), 'Manuka Co'.padEnd(32)],
    [63, 80, 'lodgement reference', 'PO 0001'.padEnd(18), 'PO 0002'.padEnd(18), 'PO 0003'.padEnd(18)],
    [81, 87, 'trace BSB (remitter)', '062-000', '062-000', '062-000'],
    [88, 96, 'trace account (remitter)', ' 12345678', ' 12345678', ' 12345678'],
    [97, 112, 'name of remitter', 'TASMAN PAYOUTS  ', 'TASMAN PAYOUTS  ', 'TASMAN PAYOUTS  '],
    [113, 120, 'withholding tax amount', '00000000', '00000000', '00000000'],
  ])('%i–%i %s', (from, to, _name, a, b, c) => {
    expect([at(first, from, to), at(second, from, to), at(third, from, to)]).toEqual([a, b, c]);
  });
});

describe('file total record (type 7) — totals and count are computed', () => {
  const total = recordsOf(buildAbaFile(batch)).at(-1) ?? '';
  const sum = 125_050n + 5n + 9_999_999n; // 10125054
  it.each([
    [1, 1, 'record type', '7'],
    [2, 8, 'BSB format filler', '999-999'],
    [9, 20, 'blank', ' '.repeat(12)],
    [21, 30, 'net total = credits − debits', sum.toString().padStart(10, '0')],
    [31, 40, 'credit total = Σ credits', '0010125054'],
    [41, 50, 'debit total', '0000000000'],
    [51, 74, 'blank', ' '.repeat(24)],
    [75, 80, 'count of type 1 records', '000003'],
    [81, 120, 'blank', ' '.repeat(40)],
  ])('%i–%i %s', (from, to, _name, expected) => {
    expect(at(total, from, to)).toBe(expected);
  });
});

describe('self-balancing record (option; some banks require a contra debit)', () => {
  const records = recordsOf(buildAbaFile({ ...batch, balancingRecord: true }));
  const contra = records.at(-2) ?? '';
  const total = records.at(-1) ?? '';

  it('adds a code 13 debit of the credit total from the remitter account, just before the total', () => {
    expect(records.map((r) => r[0])).toEqual(['0', '1', '1', '1', '1', '7']);
    expect(at(contra, 2, 8)).toBe('062-000');
    expect(at(contra, 9, 17)).toBe(' 12345678');
    expect(at(contra, 19, 20)).toBe('13');
    expect(at(contra, 21, 30)).toBe('0010125054');
    expect(at(contra, 31, 62)).toBe('TASMAN COMMERCE PTY LTD'.padEnd(32));
    expect(at(contra, 81, 96)).toBe('062-000 12345678');
    expect(contra).toHaveLength(120);
  });

  it('balances: net 0, credit = debit, count includes the contra record', () => {
    expect(at(total, 21, 30)).toBe('0000000000');
    expect(at(total, 31, 40)).toBe('0010125054');
    expect(at(total, 41, 50)).toBe('0010125054');
    expect(at(total, 75, 80)).toBe('000004');
  });

  it('uses remitter.accountTitle for the contra record when given', () => {
    const file = buildAbaFile({ ...batch, balancingRecord: true, remitter: { ...batch.remitter, accountTitle: 'TASMAN CLEARING' } });
    expect(at(recordsOf(file).at(-2) ?? '', 31, 62)).toBe('TASMAN CLEARING'.padEnd(32));
  });
});

describe('parseAbaFile — reads back field by field', () => {
  it('round-trips the built file', () => {
    const parsed = parseAbaFile(buildAbaFile(batch));
    expect(parsed.descriptive).toEqual({
      reelSequence: '01',
      bank: 'CBA',
      userName: 'TASMAN COMMERCE PTY LTD',
      apcaUserId: '301500',
      description: 'PAYOUTS',
      processOn: '010426',
    });
    expect(parsed.details.map((d) => [d.bsb, d.account, d.transactionCode, d.amountCents, d.accountName, d.lodgementReference])).toEqual([
      ['083-004', '123456789', '50', 125_050n, 'KOALA WINES PTY LTD', 'PO 0001'],
      ['032-000', '98765', '50', 5n, 'SMITH. JANE', 'PO 0002'],
      ['012-003', '000123456', '50', 9_999_999n, 'Manuka Co', 'PO 0003'],
    ]);
    for (const d of parsed.details) {
      expect([d.traceBsb, d.traceAccount, d.remitterName, d.indicator, d.withholdingTaxCents]).toEqual([
        '062-000',
        '12345678',
        'TASMAN PAYOUTS',
        '',
        0n,
      ]);
    }
    expect(parsed.total).toEqual({ netTotalCents: 10_125_054n, creditTotalCents: 10_125_054n, debitTotalCents: 0n, count: 3 });
  });

  it('round-trips the balanced file', () => {
    const parsed = parseAbaFile(buildAbaFile({ ...batch, balancingRecord: true }));
    expect(parsed.details.at(-1)).toMatchObject({ transactionCode: '13', amountCents: 10_125_054n, bsb: '062-000', account: '12345678' });
    expect(parsed.total).toEqual({ netTotalCents: 0n, creditTotalCents: 10_125_054n, debitTotalCents: 10_125_054n, count: 4 });
  });

  it('reads the example file published with the format (cemtexaba.com), its trailing blanks restored', () => {
    const example = [
      '0                 01BQL       MY NAME                   1111111004231633  230410',
      '1000-000157108231 530000001234S R SMITH                       TEST BATCH        062-000 12223123MY ACCOUNT      00001200',
      '1000-000 12312312 530000002200J K MATTHEWS                    TEST BATCH        062-000 12223123MY ACCOUNT      00000030',
      '1000-000   125123 530003123513P R JONES                       TEST BATCH        062-000 12223123MY ACCOUNT      00000000',
      '1000-000    11422 530000002300S MASLIN                        TEST BATCH        062-000 12223123MY ACCOUNT      00000000',
      '7999-999            000312924700031292470000000000                        000004',
    ]
      .map((r) => `${r.padEnd(120)}\r\n`)
      .join('');
    const parsed = parseAbaFile(example);
    expect(parsed.descriptive).toMatchObject({
      bank: 'BQL',
      userName: 'MY NAME',
      apcaUserId: '111111',
      description: '1004231633',
      processOn: '230410',
    });
    expect(parsed.details.map((d) => d.amountCents)).toEqual([1234n, 2200n, 3123513n, 2300n]);
    expect(parsed.details[0]).toMatchObject({
      account: '157108231',
      transactionCode: '53',
      accountName: 'S R SMITH',
      withholdingTaxCents: 1200n,
    });
    expect(parsed.total).toEqual({ netTotalCents: 3_129_247n, creditTotalCents: 3_129_247n, debitTotalCents: 0n, count: 4 });
  });

  const good = buildAbaFile(batch);
  const lines = good.split('\r\n');
  const replaceLine = (i: number, f: (l: string) => string) => lines.map((l, j) => (j === i ? f(l) : l)).join('\r\n');
  const splice = (l: string, from: number, text: string) => l.slice(0, from - 1) + text + l.slice(from - 1 + text.length);

  it.each([
    ['a short record', replaceLine(1, (l) => l.slice(0, 119)), 'not 120'],
    ['a credit total that is not the sum', replaceLine(4, (l) => splice(l, 31, '0010125055')), 'credit total'],
    ['a net total that is not credits − debits', replaceLine(4, (l) => splice(l, 21, '0000000001')), 'net total'],
    ['a count that is not the number of type 1 records', replaceLine(4, (l) => splice(l, 75, '000002')), 'count'],
    ['a BSB without its hyphen', replaceLine(1, (l) => splice(l, 2, '0830041')), 'nnn-nnn'],
    ['a non-blank filler', replaceLine(0, (l) => splice(l, 2, 'X')), 'blank'],
    ['a zero amount', replaceLine(1, (l) => splice(l, 21, '0000000000')), 'greater than zero'],
    ['an unknown transaction code', replaceLine(1, (l) => splice(l, 19, '99')), 'transaction code'],
    ['an impossible date', replaceLine(0, (l) => splice(l, 75, '310226')), 'DDMMYY'],
    ['no file total record', lines.slice(0, 4).join('\r\n'), 'file total'],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseAbaFile(text)).toThrow(message);
  });
});

describe('refusals and clean-up on build', () => {
  const refusal = (b: AbaBatch): AppError => {
    try {
      buildAbaFile(b);
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const item = (over: Partial<AbaBatch['items'][number]>) => ({
    ...batch,
    items: [{ ...batch.items[0], ...over } as AbaBatch['items'][number]],
  });

  it.each([
    ['a 5-digit BSB', item({ bsb: '08300' }), 'invalid_bank_account', 'items[0].bsb'],
    ['a BSB with letters', item({ bsb: '083-00A' }), 'invalid_bank_account', 'items[0].bsb'],
    ['a 10-digit account', item({ account: '1234567890' }), 'invalid_bank_account', 'items[0].account'],
    ['an all-zero account', item({ account: '00000000' }), 'invalid_bank_account', 'items[0].account'],
    ['a zero amount', item({ amountCents: 0n }), 'invalid_amount', 'items[0].amountCents'],
    ['a negative amount', item({ amountCents: -100n }), 'invalid_amount', 'items[0].amountCents'],
    ['an amount over 10 digits of cents', item({ amountCents: 10_000_000_000n }), 'invalid_amount', 'items[0].amountCents'],
    ['a blank lodgement reference', item({ lodgementReference: '   ' }), 'invalid_request', 'items[0].lodgementReference'],
    ['a lodgement reference starting with 0', item({ lodgementReference: '0042' }), 'invalid_request', 'items[0].lodgementReference'],
    ['a bad remitter BSB', { ...batch, remitter: { ...batch.remitter, bsb: '62-000' } }, 'invalid_bank_account', 'remitter.bsb'],
    ['a non-numeric APCA id', { ...batch, apcaUserId: '30150A' }, 'invalid_request', 'apcaUserId'],
    ['an unknown bank', { ...batch, bank: 'XYZ' as AbaBatch['bank'] }, 'invalid_request', 'bank'],
    ['an empty batch', { ...batch, items: [] }, 'invalid_request', 'items'],
    ['a blank user name', { ...batch, userName: ' ' }, 'invalid_request', 'userName'],
    ['an invalid date', { ...batch, processOn: new Date('nope') }, 'invalid_request', 'processOn'],
  ])('refuses %s', (_what, b, code, param) => {
    expect(refusal(b)).toMatchObject({ code, param });
  });

  it('refuses a batch whose credit total exceeds 10 digits even though each amount fits', () => {
    const big = { ...batch.items[0], amountCents: 6_000_000_000n } as AbaBatch['items'][number];
    expect(refusal({ ...batch, items: [big, big] })).toMatchObject({ code: 'invalid_amount', param: 'items' });
  });

  it('accepts the largest amount a field holds (9 999 999 999 cents)', () => {
    const file = buildAbaFile(item({ amountCents: 9_999_999_999n }));
    expect(at(recordsOf(file)[1] ?? '', 21, 30)).toBe('9999999999');
  });

  it('pads a short APCA id with zeros (right-justified, zero-filled)', () => {
    expect(at(recordsOf(buildAbaFile({ ...batch, apcaUserId: '4231' }))[0] ?? '', 57, 62)).toBe('004231');
  });

  it('truncates too-long text to its field instead of shifting the record', () => {
    const long = 'A'.repeat(50);
    const file = buildAbaFile({
      ...batch,
      userName: long,
      description: long,
      remitter: { ...batch.remitter, name: long },
      items: [{ ...batch.items[0], accountName: long, lodgementReference: `P${long}` } as AbaBatch['items'][number]],
    });
    const [header = '', detail = ''] = recordsOf(file);
    expect(at(header, 31, 56)).toBe('A'.repeat(26));
    expect(at(header, 63, 74)).toBe('A'.repeat(12));
    expect(at(detail, 31, 62)).toBe('A'.repeat(32));
    expect(at(detail, 63, 80)).toBe(`P${'A'.repeat(17)}`);
    expect(at(detail, 97, 112)).toBe('A'.repeat(16));
    for (const r of recordsOf(file)) expect(r).toHaveLength(120);
  });

  it.each([
    ['a mixed Chinese/English name keeps its ASCII part', '悉尼茶叶 Sydney Tea Pty Ltd', 'Sydney Tea Pty Ltd'],
    ['an all-Chinese name falls back to ACCOUNT HOLDER', '悉尼茶叶有限公司', 'ACCOUNT HOLDER'],
    ['accents are dropped', 'Zoë Café Ltd', 'Zoe Cafe Ltd'],
    ['full-width forms become ASCII', 'ＫＩＷＩ（ＮＺ）', 'KIWI(NZ)'],
    ['typographic quotes and dashes become ASCII', 'O’Brien – Wines', "O'Brien - Wines"],
  ])('non-ASCII: %s', (_what, name, expected) => {
    const file = buildAbaFile(item({ accountName: name }));
    expect(at(recordsOf(file)[1] ?? '', 31, 62)).toBe(expected.padEnd(32));
    expect(file.replace(/\r\n/g, '')).toMatch(/^[\x20-\x7e]*$/);
  });

  it('foldToAscii removes control characters too (they would corrupt a fixed-width record)', () => {
    expect(foldToAscii('A\tB\nC\u0000D')).toBe('A B C D');
  });
});
