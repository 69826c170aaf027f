// Merchant statements (issue 8) read back as the merchant and their accountant would: the
// figures add up, the CSV opens in Excel with its Chinese intact, the PDF pages through.
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { money, toDecimal } from '../../../kernel/money.ts';
import {
  STATEMENT_CSV_HEADER,
  type StatementData,
  type StatementLine,
  type StatementSection,
  statementCsv,
  statementPdf,
  statementTotals,
} from './statement.ts';

const CHINESE = '澳洲麦卢卡蜂蜜 UMF 10+ 250g';
const TRICKY = 'Gift set, "deluxe"\nsecond line';
const N = 16; // sale rounds: 16 × (sale, commission, fee) + 6 refunds with commission back + 4 more = 62 CNY lines
const LONG_ORDER = 'ord_01hx9k2m3n4p5q6r7s8t9v0w1x';
const LONG_TRANSFER = 'release:pi_01hx9k2m3n4p5q6r7s8t9v0w1x:goods';
const CONVERSION = { id: 'cnv_0001', mid: '0.21276596', spread_bps: 50, rate: '0.21170213' };

function line(i: number, kind: StatementLine['kind'], amount: bigint, extra: Partial<StatementLine> = {}): StatementLine {
  // 2024-03-01 10:00 Sydney (+11:00) plus i × 11 hours: spread over March, inside the period.
  return {
    at: new Date(Date.UTC(2024, 1, 29, 23, 0, 0) + i * 11 * 3_600_000),
    kind,
    description: `${kind} ${i}`,
    order_id: ['sale', 'refund', 'commission', 'fee', 'commission_refund'].includes(kind) ? `ord_${String(i).padStart(4, '0')}` : null,
    transfer_id: `trf_${String(i).padStart(4, '0')}`,
    amount,
    ...extra,
  };
}

/** A month of an Australian merchant: sales in CNY converted on payout day, paid in AUD, one payout returned. */
function sample(): StatementData {
  const cny: StatementLine[] = [];
  let i = 0;
  for (let n = 0; n < N; n++) {
    cny.push(
      line(i++, 'sale', 23900n + BigInt(n) * 500n, { description: n % 2 === 0 ? `${CHINESE} ×${n + 1}` : `Merino socks, size ${n}` }),
    );
    cny.push(line(i++, 'commission', -1195n - BigInt(n) * 25n, { description: '平台佣金 5%' }));
    cny.push(line(i++, 'fee', -143n, { description: 'Payment processing fee' }));
    if (n % 3 === 0) {
      cny.push(line(i++, 'commission_refund', 292n, { description: '退还佣金' }));
      cny.push(line(i++, 'refund', -5850n, { description: '退款：包装破损' }));
    }
  }
  cny.push(line(i++, 'adjustment', 500n, { description: TRICKY }));
  cny.push(line(i++, 'sale', 1999n, { description: '=HYPERLINK("x")', transfer_id: LONG_TRANSFER, order_id: LONG_ORDER }));
  // 00:30 on 1 March in Sydney is still 29 February in UTC.
  cny.push(line(i++, 'fee', -100n, { at: new Date('2024-02-29T13:30:00Z'), description: 'Monthly account fee' }));
  const cnyOpening = 12_345_67n;
  const converted = cnyOpening + cny.reduce((a, l) => a + l.amount, 0n);
  const aud = 2_105_12n;
  const conversion = { ...CONVERSION, from: { amount: -converted, currency: 'CNY' }, to: { amount: aud, currency: 'AUD' } };
  const at = new Date('2024-03-18T00:00:00Z');
  cny.push(line(i++, 'conversion_out', -converted, { at, transfer_id: 'conversion:cnv_0001:from', conversion, description: 'CNY → AUD' }));
  const payout = { id: 'po_0001', status: 'failed', reference: 'TASMAN 20240318' };
  const audLines = [
    line(i++, 'conversion_in', aud, { at, transfer_id: 'conversion:cnv_0001:to', conversion, description: 'CNY → AUD' }),
    line(i++, 'payout', -(aud + 1000n), { at, transfer_id: 'payout:po_0001', payout, description: 'Payout to BSB 062-000 ···1234' }),
    line(i++, 'payout_returned', aud + 1000n, { transfer_id: 'payout:po_0001:returned', payout, description: 'Account closed' }),
  ];
  return {
    merchant: {
      id: 'mer_01hx0000koala',
      legal_name: 'Koala Health Pty Ltd',
      trading_name: 'Koala Honey 考拉蜂蜜',
      business_number: '51 824 753 556',
      country: 'AU',
    },
    period: { from: new Date('2024-02-29T13:00:00Z'), to: new Date('2024-03-31T13:00:00Z'), time_zone: 'Australia/Sydney' },
    settlement_currency: 'AUD',
    sections: [
      { currency: 'CNY', opening_balance: cnyOpening, lines: cny, closing_balance: 0n },
      { currency: 'AUD', opening_balance: 1000n, lines: audLines, closing_balance: 1000n + aud },
    ],
    payouts: [{ id: 'po_0001', date: at, amount: aud + 1000n, currency: 'AUD', reference: 'TASMAN 20240318', status: 'failed' }],
    generated_at: new Date('2024-04-01T00:00:00Z'),
  };
}

const section = (d: StatementData, currency: string): StatementSection =>
  d.sections.find((s) => s.currency === currency) as StatementSection;

/** Minimal RFC 4180 reader (quoted fields may hold commas, quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const rounds = Array.from({ length: N }, (_, n) => BigInt(n));
const refunds = rounds.filter((n) => n % 3n === 0n).length; // rounds 0, 3, 6, 9, 12, 15

describe('statementTotals', () => {
  it('sums each kind per currency and checks opening + Σ lines = closing in each', () => {
    const d = sample();
    const [cny, aud] = statementTotals(d);
    expect(section(d, 'CNY').lines.length).toBeGreaterThanOrEqual(60);
    const sales = sum(rounds.map((n) => 23900n + n * 500n)) + 1999n;
    const commission = sum(rounds.map((n) => -1195n - n * 25n));
    const fees = -143n * BigInt(N) - 100n;
    const converted = 12_345_67n + sales + commission + fees + 292n * BigInt(refunds) - 5850n * BigInt(refunds) + 500n;
    expect(cny?.currency).toBe('CNY');
    expect(cny?.by_kind).toEqual({
      sale: sales,
      refund: -5850n * BigInt(refunds),
      commission,
      fee: fees,
      commission_refund: 292n * BigInt(refunds),
      conversion_out: -converted,
      conversion_in: 0n,
      payout: 0n,
      payout_returned: 0n,
      billing: 0n,
      adjustment: 500n,
    });
    expect(cny?.closing).toBe(0n);
    expect(aud?.by_kind).toMatchObject({
      conversion_in: 2_105_12n,
      payout: -(2_105_12n + 1000n),
      payout_returned: 2_105_12n + 1000n,
      sale: 0n,
    });
    for (const t of [cny, aud]) {
      if (!t) throw new Error('missing totals');
      expect(t.opening + sum(Object.values(t.by_kind))).toBe(t.closing);
      expect(t.net).toBe(t.closing - t.opening);
    }
  });

  it('refuses a statement that does not add up in any one currency, in every output', async () => {
    for (const currency of ['CNY', 'AUD']) {
      const d = sample();
      section(d, currency).closing_balance += 1n;
      expect(() => statementTotals(d)).toThrow(RangeError);
      expect(() => statementTotals(d)).toThrow(new RegExp(`does not add up in ${currency}`));
      expect(() => statementCsv(d)).toThrow(RangeError);
      await expect(statementPdf(d)).rejects.toThrow(RangeError);
    }
  });

  it('refuses a line outside the period (to is exclusive)', () => {
    const d = sample();
    const last = section(d, 'AUD').lines.at(-1) as StatementLine;
    last.at = d.period.to;
    expect(() => statementTotals(d)).toThrow(/outside the statement period/);
  });

  it('refuses a line whose sign contradicts its kind, a transfer twice, a currency twice', () => {
    const flipped = sample();
    const sale = section(flipped, 'CNY').lines[0] as StatementLine;
    sale.amount = -sale.amount;
    expect(() => statementTotals(flipped)).toThrow(/a sale line cannot be -/);
    const twice = sample();
    const cny = section(twice, 'CNY');
    (cny.lines[1] as StatementLine).transfer_id = (cny.lines[0] as StatementLine).transfer_id;
    expect(() => statementTotals(twice)).toThrow(/appears twice/);
    const doubled = sample();
    doubled.sections.push({ ...section(doubled, 'AUD') });
    expect(() => statementTotals(doubled)).toThrow(/currency AUD appears twice/);
    expect(() => statementTotals({ ...sample(), sections: [] })).toThrow(/at least one currency/);
  });

  it('a conversion may go either way (a negative balance is converted back)', () => {
    const d = sample();
    const out = section(d, 'CNY').lines.find((l) => l.kind === 'conversion_out') as StatementLine;
    section(d, 'CNY').opening_balance -= 2n * -out.amount;
    out.amount = -out.amount;
    expect(statementTotals(d)[0]?.by_kind.conversion_out).toBeGreaterThan(0n);
  });
});

describe('statementCsv', () => {
  const d = sample();
  const csv = statementCsv(d);
  const rows = parseCsv(csv.slice(1));
  const col = (name: string) => STATEMENT_CSV_HEADER.indexOf(name);
  const byTransfer = (id: string) => rows.find((r) => r[col('transfer_id')] === id) as string[];

  it('starts with a UTF-8 BOM so Excel reads the Chinese as UTF-8', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain(CHINESE);
  });

  it('has a header, then per currency an opening row, one row per line and a closing row, every row the same width', () => {
    expect(rows[0]).toEqual([...STATEMENT_CSV_HEADER]);
    const lines = d.sections.reduce((a, s) => a + s.lines.length, 0);
    expect(rows.length).toBe(1 + lines + 2 * d.sections.length);
    for (const r of rows) expect(r.length).toBe(STATEMENT_CSV_HEADER.length);
    expect(rows.filter((r) => r[col('kind')] === 'opening_balance').map((r) => [r[col('currency')], r[col('balance')]])).toEqual([
      ['CNY', '12345.67'],
      ['AUD', '10.00'],
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csv).toContain('"Gift set, ""deluxe""\nsecond line"');
    expect(rows.find((r) => r[col('kind')] === 'adjustment')?.[col('description')]).toBe(TRICKY);
    expect(byTransfer(LONG_TRANSFER)[col('description')]).toBe('\'=HYPERLINK("x")');
  });

  it('writes amounts as decimals from minor units, ids in full, and runs each currency’s balance to its closing', () => {
    const refund = rows.find((r) => r[col('kind')] === 'refund') as string[];
    expect(refund[col('amount')]).toBe('-58.50');
    expect(refund[col('currency')]).toBe('CNY');
    const sale = byTransfer('trf_0000');
    expect(sale.slice(col('order_id'), col('transfer_id') + 1)).toEqual(['ord_0000', 'trf_0000']);
    expect(sale[col('amount')]).toBe('239.00');
    expect(BigInt((sale[col('balance')] as string).replace('.', ''))).toBe(12_345_67n + 23900n);
    expect(byTransfer(LONG_TRANSFER)[col('amount')]).toBe('19.99');
    expect(byTransfer(LONG_TRANSFER)[col('order_id')]).toBe(LONG_ORDER);
    for (const s of d.sections) {
      const mine = rows.filter((r) => r[col('currency')] === s.currency);
      const closing = mine.at(-1) as string[];
      expect(closing[col('kind')]).toBe('closing_balance');
      expect(BigInt((closing[col('balance')] as string).replace('.', ''))).toBe(s.closing_balance);
      // The last line's running balance is the closing balance.
      expect(mine.at(-2)?.[col('balance')]).toBe(closing[col('balance')]);
    }
  });

  it('gives a conversion’s both sides, its rate, mid and spread on both its lines, and a payout’s id and status', () => {
    for (const id of ['conversion:cnv_0001:from', 'conversion:cnv_0001:to']) {
      const r = byTransfer(id);
      expect(r.slice(col('fx_from_amount'), col('fx_spread_bps') + 1)).toEqual([
        (r[col('currency')] === 'CNY' ? r[col('amount')] : r[col('fx_from_amount')]) as string,
        'CNY',
        '2105.12',
        'AUD',
        CONVERSION.rate,
        CONVERSION.mid,
        '50',
      ]);
    }
    expect(byTransfer('conversion:cnv_0001:to')[col('amount')]).toBe('2105.12');
    expect(byTransfer('payout:po_0001').slice(col('payout_id'), col('payout_status') + 1)).toEqual(['po_0001', 'failed']);
    expect(byTransfer('payout:po_0001')[col('amount')]).toBe('-2115.12');
  });

  it('writes dates in Sydney time with the offset', () => {
    expect(byTransfer('trf_0000')[0]).toBe('2024-03-01T10:00:00+11:00');
    const early = rows.find((r) => r[col('description')] === 'Monthly account fee') as string[];
    expect(early[0]).toBe('2024-03-01T00:30:00+11:00');
    expect(rows.find((r) => r[col('kind')] === 'closing_balance')?.[0]).toBe('2024-04-01T00:00:00+11:00');
  });
});

describe('statementPdf', async () => {
  const d = sample();
  const pages = await readPdf(await statementPdf(d));
  const all = pages.map((p) => p.text).join('\n');
  const grouped = (amount: bigint, currency: 'CNY' | 'AUD') => toDecimal(money(amount, currency)).replace(/\B(?=(\d{3})+\.)/g, ',');

  it('prints a payout id whole, even one of the widest letters (finance looks payouts up by id)', async () => {
    const wide = `po_${'m'.repeat(26)}`;
    const w = sample();
    w.payouts = w.payouts.map((p) => ({ ...p, id: wide }));
    const text = (await readPdf(await statementPdf(w))).map((p) => p.text).join('\n');
    expect(text).toContain(wide);
  });

  it('is A4 portrait and runs over at least two pages, numbered', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      expect(p.width).toBeCloseTo((210 * 72) / 25.4, 1);
      expect(p.height).toBeCloseTo((297 * 72) / 25.4, 1);
    }
    pages.forEach((p, i) => {
      expect(p.text).toContain(`page ${i + 1} of ${pages.length}`);
    });
  });

  it('shows the merchant, the period, and a summary per currency with its totals', () => {
    expect(pages[0]?.text).toContain('Koala Health Pty Ltd');
    expect(pages[0]?.text).toContain('ABN 51 824 753 556');
    expect(pages[0]?.text).toContain('Period 2024-03-01 – 2024-03-31');
    for (const label of [
      'Opening balance',
      'Sales',
      'Refunds',
      'Commission',
      'Fees',
      'Commission refunds',
      'Conversion out',
      'Closing balance',
    ]) {
      expect(pages[0]?.text).toContain(label);
    }
    for (const label of ['AUD balance', 'Conversion in', 'Payouts', 'Returned payouts']) expect(all).toContain(label);
    const [cny, aud] = statementTotals(d);
    if (!cny || !aud) throw new Error('missing totals');
    expect(pages[0]?.text).toContain('CNY 12,345.67');
    expect(pages[0]?.text).toContain(`CNY ${grouped(cny.by_kind.sale, 'CNY')}`);
    expect(pages[0]?.text).toContain(`CNY ${grouped(cny.by_kind.conversion_out, 'CNY')}`);
    expect(all).toContain(`AUD ${grouped(aud.by_kind.conversion_in, 'AUD')}`);
    expect(all).toContain(`AUD ${grouped(aud.closing, 'AUD')}`);
    // The AUD closing balance again under its table, on the last page.
    expect(pages.at(-1)?.text).toContain(grouped(aud.closing, 'AUD'));
  });

  it('lists the lines with Chinese text, transfer ids, conversion rates and signed amounts', () => {
    // A description longer than its column ends in an ellipsis (the CSV has it in full).
    expect(all).toContain(`${CHINESE.slice(0, 12)}`);
    expect(all).toContain('退款：包装破损');
    expect(all).toContain('trf_0000');
    expect(all).toContain(`trf_${String(N * 3 + refunds * 2 + 2).padStart(4, '0')}`);
    expect(all).toContain('-58.50');
    expect(all).toContain(CONVERSION.rate);
    expect(all).toContain('AUD 2,105.12');
    expect(all).not.toContain(LONG_TRANSFER);
    expect(all).toMatch(/rele…[^\s]*goods/);
    expect(all).not.toContain(LONG_ORDER);
    expect(all).toMatch(/ord_…[^\s]*w1x/);
    expect(all).toContain('TASMAN 20240318');
  });

  it('repeats the table header on every page and keeps text on the page', () => {
    for (const p of pages) {
      expect(p.runs.some((r) => r.text === 'Transfer')).toBe(true);
      for (const r of p.runs) {
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width).toBeLessThanOrEqual(p.width + 0.01);
        expect(r.y).toBeGreaterThan(0);
      }
    }
  });

  it('right-aligns amounts under the Amount caption', () => {
    const p = pages[0];
    const caption = p?.runs.find((r) => r.text === 'Amount' && r.size < 8);
    const refund = p?.runs.find((r) => r.text === '-58.50');
    expect(caption && refund).toBeTruthy();
    if (!caption || !refund) return;
    expect(refund.x + refund.width).toBeCloseTo(caption.x + caption.width, 1);
  });
});
