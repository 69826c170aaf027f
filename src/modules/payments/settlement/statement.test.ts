// Merchant statements (issue 8) read back as the merchant and their accountant would: the
// figures add up, the CSV opens in Excel with its Chinese intact, the PDF pages through.
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { money, toDecimal } from '../../../kernel/money.ts';
import { STATEMENT_CSV_HEADER, type StatementData, type StatementLine, statementCsv, statementPdf, statementTotals } from './statement.ts';

const CHINESE = '澳洲麦卢卡蜂蜜 UMF 10+ 250g';
const TRICKY = 'Gift set, "deluxe"\nsecond line';
const N = 16; // sale rounds: 16 × (sale, commission, fee) + 6 refunds + 4 FX + 4 more = 62 lines
const LONG_ORDER = 'ord_01hx9k2m3n4p5q6r7s8t9v0w1x';
const LONG_TRANSFER = 'payment:pi_01hx9k2m3n4p5q6r7s8t9v0w1x:capture';

function line(i: number, kind: StatementLine['kind'], amount: bigint, extra: Partial<StatementLine> = {}): StatementLine {
  // 2024-03-01 10:00 Sydney (+11:00) plus i × 11 hours: spread over March, inside the period.
  return {
    at: new Date(Date.UTC(2024, 1, 29, 23, 0, 0) + i * 11 * 3_600_000),
    kind,
    description: `${kind} ${i}`,
    order_id: kind === 'sale' || kind === 'refund' || kind === 'commission' ? `ord_${String(i).padStart(4, '0')}` : null,
    transfer_id: `trf_${String(i).padStart(4, '0')}`,
    amount,
    ...extra,
  };
}

function sample(): StatementData {
  const lines: StatementLine[] = [];
  let i = 0;
  for (let n = 0; n < N; n++) {
    lines.push(
      line(i++, 'sale', 4550n + BigInt(n) * 100n, {
        description: n % 2 === 0 ? `${CHINESE} ×${n + 1}` : `Merino socks, size ${n}`,
        charge: { amount: 23900n + BigInt(n) * 500n, currency: 'CNY' },
        fx_rate: '0.2104',
      }),
    );
    lines.push(line(i++, 'commission', -455n - BigInt(n) * 10n, { description: '平台佣金 10%' }));
    lines.push(line(i++, 'fee', -35n, { description: 'Payment processing fee' }));
    if (n % 3 === 0)
      lines.push(line(i++, 'refund', -1230n, { description: '退款：包装破损', charge: { amount: -5850n, currency: 'CNY' } }));
    if (n % 4 === 0) lines.push(line(i++, 'fx', -7n, { description: 'FX rounding CNY→AUD' }));
  }
  lines.push(line(i++, 'adjustment', 500n, { description: TRICKY }));
  lines.push(line(i++, 'sale', 1999n, { description: '=HYPERLINK("x")', transfer_id: LONG_TRANSFER, order_id: LONG_ORDER }));
  lines.push(line(i++, 'payout', -40000n, { description: 'Payout to BSB 062-000 ···1234' }));
  // 00:30 on 1 March in Sydney is still 29 February in UTC.
  lines.push(line(i++, 'fee', -100n, { at: new Date('2024-02-29T13:30:00Z'), description: 'Monthly account fee' }));
  const opening = 12_345_67n;
  const closing = opening + lines.reduce((a, l) => a + l.amount, 0n);
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
    opening_balance: opening,
    lines,
    payouts: [{ id: 'po_0001', date: new Date('2024-03-15T01:00:00Z'), amount: 40000n, reference: 'TASMAN PO 0001', status: 'paid' }],
    closing_balance: closing,
    generated_at: new Date('2024-04-01T00:00:00Z'),
  };
}

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

describe('statementTotals', () => {
  it('sums each kind and checks opening + Σ lines = closing', () => {
    const d = sample();
    const t = statementTotals(d);
    expect(d.lines.length).toBeGreaterThanOrEqual(60);
    const sales = Array.from({ length: N }, (_, n) => 4550n + BigInt(n) * 100n).reduce((a, b) => a + b, 0n) + 1999n;
    expect(t.by_kind).toEqual({
      sale: sales,
      refund: -1230n * 6n,
      commission: Array.from({ length: N }, (_, n) => -455n - BigInt(n) * 10n).reduce((a, b) => a + b, 0n),
      fee: -35n * BigInt(N) - 100n,
      fx: -7n * 4n,
      payout: -40000n,
      adjustment: 500n,
    });
    expect(t.opening + Object.values(t.by_kind).reduce((a, b) => a + b, 0n)).toBe(t.closing);
    expect(t.net).toBe(d.closing_balance - d.opening_balance);
  });

  it('refuses a statement that does not add up, in every output', async () => {
    const d = { ...sample(), closing_balance: sample().closing_balance + 1n };
    expect(() => statementTotals(d)).toThrow(RangeError);
    expect(() => statementTotals(d)).toThrow(/does not add up/);
    expect(() => statementCsv(d)).toThrow(RangeError);
    await expect(statementPdf(d)).rejects.toThrow(RangeError);
  });

  it('refuses a line outside the period (to is exclusive)', () => {
    const d = sample();
    const last = d.lines[d.lines.length - 1] as StatementLine;
    last.at = d.period.to;
    expect(() => statementTotals(d)).toThrow(/outside the statement period/);
  });
});

describe('statementCsv', () => {
  const d = sample();
  const csv = statementCsv(d);
  const rows = parseCsv(csv.slice(1));
  const byTransfer = (id: string) => rows.find((r) => r[4] === id) as string[];

  it('starts with a UTF-8 BOM so Excel reads the Chinese as UTF-8', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain(CHINESE);
  });

  it('has a header and one row per line, every row the same width', () => {
    expect(rows[0]).toEqual([...STATEMENT_CSV_HEADER]);
    expect(rows.length).toBe(d.lines.length + 1);
    for (const r of rows) expect(r.length).toBe(STATEMENT_CSV_HEADER.length);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csv).toContain('"Gift set, ""deluxe""\nsecond line"');
    expect(rows.find((r) => r[1] === 'adjustment')?.[2]).toBe(TRICKY);
    expect(byTransfer(LONG_TRANSFER)[2]).toBe('\'=HYPERLINK("x")');
  });

  it('writes amounts as decimals from minor units and the transfer id in full', () => {
    const refund = rows.find((r) => r[1] === 'refund') as string[];
    expect(refund.slice(5, 10)).toEqual(['-58.50', 'CNY', '', '-12.30', 'AUD']);
    const sale = byTransfer('trf_0000');
    expect(sale.slice(3, 10)).toEqual(['ord_0000', 'trf_0000', '239.00', 'CNY', '0.2104', '45.50', 'AUD']);
    expect(byTransfer(LONG_TRANSFER)[8]).toBe('19.99');
    expect(byTransfer(LONG_TRANSFER)[3]).toBe(LONG_ORDER);
    const closing = rows[rows.length - 1]?.[10] as string;
    expect(BigInt(closing.replace('.', ''))).toBe(d.closing_balance);
  });

  it('writes dates in Sydney time with the offset', () => {
    expect(byTransfer('trf_0000')[0]).toBe('2024-03-01T10:00:00+11:00');
    const early = rows.find((r) => r[2] === 'Monthly account fee') as string[];
    expect(early[0]).toBe('2024-03-01T00:30:00+11:00');
  });
});

describe('statementPdf', async () => {
  const d = sample();
  const pages = await readPdf(await statementPdf(d));
  const all = pages.map((p) => p.text).join('\n');

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

  it('shows the merchant, the period, the summary and the closing balance', () => {
    expect(pages[0]?.text).toContain('Koala Health Pty Ltd');
    expect(pages[0]?.text).toContain('ABN 51 824 753 556');
    expect(pages[0]?.text).toContain('Period 2024-03-01 – 2024-03-31');
    for (const label of ['Opening balance', 'Sales', 'Refunds', 'Commission', 'Fees', 'FX', 'Payouts', 'Closing balance']) {
      expect(pages[0]?.text).toContain(label);
    }
    expect(pages[0]?.text).toContain('AUD 12,345.67');
    // In the summary box on page 1 and again under the table.
    const closing = toDecimal(money(d.closing_balance, 'AUD')).replace(/\B(?=(\d{3})+\.)/g, ',');
    expect(closing).toMatch(/^\d{2},\d{3}\.\d{2}$/);
    expect(pages[0]?.text).toContain(`AUD ${closing}`);
    expect(pages.at(-1)?.text).toContain(closing);
  });

  it('lists the lines with Chinese text, transfer ids and signed amounts', () => {
    expect(all).toContain(CHINESE);
    expect(all).toContain('退款：包装破损');
    expect(all).toContain('trf_0000');
    expect(all).toContain('trf_0061');
    expect(all).toContain('-12.30');
    expect(all).toContain('CNY 239.00');
    expect(all).not.toContain(LONG_TRANSFER);
    expect(all).toMatch(/paym…[^\s]*capture/);
    expect(all).not.toContain(LONG_ORDER);
    expect(all).toMatch(/ord_…[^\s]*w1x/);
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
    const refund = p?.runs.find((r) => r.text === '-12.30');
    expect(caption && refund).toBeTruthy();
    if (!caption || !refund) return;
    expect(refund.x + refund.width).toBeCloseTo(caption.x + caption.width, 1);
  });
});
