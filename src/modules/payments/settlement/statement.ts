// Merchant statements (issue 8): one merchant, one period, a section per currency the merchant's
// balance used (the CNY of sales until payout day converts it, the AUD/NZD it is paid in), every
// line a ledger transfer, as a CSV for the merchant's accountant and an A4 PDF for people. Pure
// rendering: statements.ts reads the ledger and hands over a StatementData; we refuse one that
// does not add up, in any currency.
import { type PDFFont, PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState, rgb } from 'pdf-lib';
import { setLineWidth, setStrokingGrayscaleColor, setTextRenderingMode, TextRenderingMode } from 'pdf-lib';
import { isCurrency, money, toDecimal } from '../../../kernel/money.ts';
import { loadCjkFont } from '../../logistics/label-font.ts';

/** What a transfer on the merchant's balance is, read from its id (statements.ts classifies). */
export const STATEMENT_LINE_KINDS = [
  'sale',
  'refund',
  'commission',
  'fee',
  'commission_refund',
  'conversion_out',
  'conversion_in',
  'payout',
  'payout_returned',
  /** A monthly plan invoice charged to the balance (billing/invoicing.ts). */
  'billing',
  'adjustment',
] as const;
export type StatementLineKind = (typeof STATEMENT_LINE_KINDS)[number];

/**
 * The sign a line of each kind has on the merchant's balance: a sale credits it, a refund, the
 * commission, the fee and a payout debit it. Conversions go either way (a negative balance is
 * converted too), and so may an adjustment.
 */
export const KIND_SIGN: Readonly<Partial<Record<StatementLineKind, 1n | -1n>>> = {
  sale: 1n,
  refund: -1n,
  commission: -1n,
  fee: -1n,
  commission_refund: 1n,
  payout: -1n,
  payout_returned: 1n,
  billing: -1n,
};

export interface StatementAmount {
  amount: bigint;
  currency: string;
}

/** The conversion a conversion line is half of: both sides (signed as the balance moved) and the rate. */
export interface StatementConversion {
  id: string;
  from: StatementAmount;
  to: StatementAmount;
  /** Exact decimal strings, as the conversion recorded them (never floats). */
  mid: string;
  spread_bps: number;
  rate: string;
}

export interface StatementLine {
  at: Date;
  kind: StatementLineKind;
  /** Free text from the payment, the refund or the payout; may be Chinese. */
  description: string;
  order_id: string | null;
  /** The ledger transfer this line is: the way back from any figure to the books. */
  transfer_id: string;
  /** Signed minor units of the section's currency: + credits the merchant's balance, − debits it. */
  amount: bigint;
  conversion?: StatementConversion | null;
  /** A payout line: which payout, its status now and the reference on the merchant's bank statement. */
  payout?: { id: string; status: string; reference: string } | null;
}

/** The merchant's balance in one currency over the period. */
export interface StatementSection {
  currency: string;
  opening_balance: bigint;
  /** In the ledger's order, which is the order they are printed in and the CSV balance runs in. */
  lines: StatementLine[];
  closing_balance: bigint;
}

export interface StatementPayout {
  id: string;
  date: Date;
  /** Positive: what was sent (or is on its way) to the merchant's bank account. */
  amount: bigint;
  currency: string;
  reference: string;
  status: string;
}

export interface StatementData {
  merchant: { id: string; legal_name: string; trading_name?: string | null; business_number: string; country: 'AU' | 'NZ' };
  /** Half-open [from, to): `to` is the first instant after the period (midnight of the next day). */
  period: { from: Date; to: Date; time_zone: string };
  settlement_currency: 'AUD' | 'NZD';
  /** One per currency, each currency once. */
  sections: StatementSection[];
  payouts: StatementPayout[];
  generated_at: Date;
}

export interface SectionTotals {
  currency: string;
  opening: bigint;
  /** Signed sums per kind: sales are positive, refunds, commission and payouts negative. */
  by_kind: Record<StatementLineKind, bigint>;
  /** Σ of the section's lines: closing − opening. */
  net: bigint;
  closing: bigint;
}

/**
 * Sums per kind of each currency, and the checks a statement must pass before anyone sees it:
 * opening + Σ lines = closing in every currency; every line inside the period, of a known kind,
 * with the sign its kind has, in bigint minor units; no transfer twice; no currency twice.
 */
export function statementTotals(data: StatementData): SectionTotals[] {
  const { from, to, time_zone } = data.period;
  if (!validDate(from) || !validDate(to) || from >= to) throw new RangeError('statement period must have from < to');
  new Intl.DateTimeFormat('en', { timeZone: time_zone }); // throws RangeError for an unknown zone
  if (!isCurrency(data.settlement_currency)) throw new RangeError(`unsupported settlement currency ${data.settlement_currency}`);
  if (data.sections.length === 0) throw new RangeError('a statement has at least one currency');
  const currencies = new Set<string>();
  const transfers = new Set<string>();
  return data.sections.map((s) => {
    const cur = s.currency;
    if (!isCurrency(cur)) throw new RangeError(`unsupported currency ${cur}`);
    if (currencies.has(cur)) throw new RangeError(`currency ${cur} appears twice`);
    currencies.add(cur);
    const by_kind = Object.fromEntries(STATEMENT_LINE_KINDS.map((k) => [k, 0n])) as Record<StatementLineKind, bigint>;
    let net = 0n;
    for (const line of s.lines) {
      const id = line.transfer_id;
      if (!STATEMENT_LINE_KINDS.includes(line.kind)) throw new RangeError(`unknown line kind ${String(line.kind)}`);
      if (typeof line.amount !== 'bigint' || line.amount === 0n)
        throw new RangeError(`transfer ${id}: amount must be non-zero bigint minor units`);
      const sign = KIND_SIGN[line.kind];
      if (sign !== undefined && line.amount * sign < 0n)
        throw new RangeError(`transfer ${id}: a ${line.kind} line cannot be ${line.amount}`);
      if (!validDate(line.at) || line.at < from || line.at >= to) throw new RangeError(`transfer ${id} is outside the statement period`);
      if (transfers.has(id)) throw new RangeError(`transfer ${id} appears twice`);
      transfers.add(id);
      by_kind[line.kind] += line.amount;
      net += line.amount;
    }
    if (s.opening_balance + net !== s.closing_balance) {
      throw new RangeError(
        `statement does not add up in ${cur}: opening ${dec(s.opening_balance, cur)} + lines ${dec(net, cur)} ≠ closing ${dec(s.closing_balance, cur)}`,
      );
    }
    return { currency: cur, opening: s.opening_balance, by_kind, net, closing: s.closing_balance };
  });
}

// --- Formatting --------------------------------------------------------------------------------

function validDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** Minor units as a decimal string through integer arithmetic (toDecimal): -1230n → "-12.30". */
function dec(amount: bigint, currency: string): string {
  if (!isCurrency(currency)) throw new RangeError(`unsupported currency ${currency}`);
  return toDecimal(money(amount, currency));
}

/** For people: thousands grouped, sign first ("-1,234.50"). */
function grouped(amount: bigint, currency: string): string {
  const [sign, whole = '', fraction] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(dec(amount, currency))?.slice(1) ?? [];
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a zone; `offset` is "+11:00" style. */
function localParts(at: Date, timeZone: string): { date: string; time: string; offset: string } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      ...{ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}:${get('second')}`, offset };
}

/** ISO 8601 with the zone's offset, so the accountant sees the merchant's day, not UTC's. */
function isoLocal(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.date}T${p.time}${p.offset}`;
}

/** "2026-03-01 – 2026-03-31": `to` is exclusive, so the last day shown holds the period's last instant. */
export function periodLabel(p: StatementData['period']): string {
  return `${localParts(p.from, p.time_zone).date} – ${localParts(new Date(p.to.getTime() - 1), p.time_zone).date}`;
}

// --- CSV ---------------------------------------------------------------------------------------

export const STATEMENT_CSV_HEADER: readonly string[] = [
  'date',
  'currency',
  'kind',
  'description',
  'order_id',
  'transfer_id',
  'payout_id',
  'payout_status',
  'fx_from_amount',
  'fx_from_currency',
  'fx_to_amount',
  'fx_to_currency',
  'fx_rate',
  'fx_mid',
  'fx_spread_bps',
  'amount',
  'balance',
];

/**
 * RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. A description starting with = + - @ gets a leading apostrophe: Excel would
 * otherwise run it as a formula (CSV injection), and descriptions come from merchants' orders.
 */
function csvField(value: string, text = false): string {
  const v = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Per currency: an `opening_balance` row at the period's start, one row per line, a
 * `closing_balance` row at its end (the first instant after it). Amounts are plain decimals
 * ("-12.30", no grouping), dates in the period's zone with their offset, transfer ids in full.
 * The balance column runs from the opening balance and ends on the closing one.
 *
 * Starts with a UTF-8 byte order mark: Excel (the tool most merchants open a CSV in) reads a
 * CSV without one in the legacy code page of the machine, so Chinese descriptions turn into
 * mojibake; with the BOM it reads UTF-8. Other readers (pandas with utf-8-sig, Numbers,
 * Google Sheets) skip it.
 */
export function statementCsv(data: StatementData): string {
  statementTotals(data);
  const tz = data.period.time_zone;
  const rows = [STATEMENT_CSV_HEADER.join(',')];
  const blank = (n: number) => Array<string>(n).fill('');
  for (const s of data.sections) {
    const cur = s.currency;
    let balance = s.opening_balance;
    rows.push([isoLocal(data.period.from, tz), cur, 'opening_balance', ...blank(12), '', dec(balance, cur)].join(','));
    for (const l of s.lines) {
      balance += l.amount;
      const c = l.conversion;
      const fx = c
        ? [dec(c.from.amount, c.from.currency), c.from.currency, dec(c.to.amount, c.to.currency), c.to.currency]
            .concat([c.rate, c.mid, String(c.spread_bps)])
            .map((v) => csvField(v))
        : blank(7);
      const ids = [csvField(l.order_id ?? ''), csvField(l.transfer_id), csvField(l.payout?.id ?? ''), csvField(l.payout?.status ?? '')];
      rows.push(
        [isoLocal(l.at, tz), cur, l.kind, csvField(l.description, true), ...ids, ...fx, dec(l.amount, cur), dec(balance, cur)].join(','),
      );
    }
    rows.push([isoLocal(data.period.to, tz), cur, 'closing_balance', ...blank(12), '', dec(s.closing_balance, cur)].join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

// --- PDF: geometry and a pen measuring y from the top edge -------------------------------------

const PAGE_W = 595.28; // A4, 210 × 297 mm
const PAGE_H = 841.89;
const MARGIN = 42;
const RIGHT = PAGE_W - MARGIN;
const CONTENT_W = RIGHT - MARGIN;
const BOTTOM = PAGE_H - MARGIN - 18; // leaves room for the footer
const ROW = 12;
const TEXT = 7.5;
const ELLIPSIS = '…';
const GREY = rgb(0.92, 0.92, 0.92);

type TextOptions = { size: number; bold?: boolean; width?: number; align?: 'left' | 'right' };

class Pen {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = MARGIN;
  /** Redraws the current table's header after a page break. */
  onBreak: (() => void) | null = null;

  readonly c: { doc: PDFDocument; font: PDFFont; advance: (cp: number) => number; runningHead: string };

  constructor(c: Pen['c']) {
    this.c = c;
  }

  newPage(): void {
    this.page = this.c.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    this.y = MARGIN;
    if (this.pages.length > 1) {
      this.text(this.c.runningHead, MARGIN, this.y + 8, { size: 8, width: CONTENT_W });
      this.hline(this.y + 13, 0.5);
      this.y += 26;
    }
  }

  /** Room for `height` more points, or a new page with the current table header again. */
  ensure(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.newPage();
    this.onBreak?.();
  }

  measure(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.c.advance(ch.codePointAt(0) ?? 0);
    return w * size;
  }

  fit(text: string, size: number, width: number): string {
    if (this.measure(text, size) <= width) return text;
    let out = '';
    for (const ch of text) {
      if (this.measure(out + ch + ELLIPSIS, size) > width) break;
      out += ch;
    }
    return out.trimEnd() + ELLIPSIS;
  }

  /** Baseline at `y` from the top. Right-aligned text ends at `x`. */
  text(raw: string, x: number, y: number, o: TextOptions): void {
    const clean = raw.replace(/[\p{Cc}\s]+/gu, ' ').trim();
    const text = o.width === undefined ? clean : this.fit(clean, o.size, o.width);
    if (text === '') return;
    const left = o.align === 'right' ? x - this.measure(text, o.size) : x;
    // One weight of a 10 MB font: bold is the fill plus a thin outline (as on labels).
    if (o.bold)
      this.page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(o.size / 30),
        setStrokingGrayscaleColor(0),
      );
    this.page.drawText(text, { x: left, y: PAGE_H - y, size: o.size, font: this.c.font });
    if (o.bold) this.page.pushOperators(popGraphicsState());
  }

  hline(y: number, thickness: number, x0 = MARGIN, x1 = RIGHT): void {
    this.page.drawLine({ start: { x: x0, y: PAGE_H - y }, end: { x: x1, y: PAGE_H - y }, thickness });
  }

  band(y: number, height: number): void {
    this.page.drawRectangle({ x: MARGIN, y: PAGE_H - y - height, width: CONTENT_W, height, color: GREY });
  }
}

/** Long ids keep their prefix and their distinguishing tail: "paym…9k:capture", "ord_…x9v0w1x". */
function shortId(pen: Pen, id: string, width: number): string {
  if (pen.measure(id, TEXT) <= width) return id;
  const head = id.slice(0, 4);
  let tail = '';
  for (const ch of [...id.slice(4)].reverse()) {
    if (pen.measure(`${head}${ELLIPSIS}${ch}${tail}`, TEXT) > width) break;
    tail = ch + tail;
  }
  return `${head}${ELLIPSIS}${tail}`;
}

// --- PDF: layout -------------------------------------------------------------------------------

const KIND_LABELS: Readonly<Record<StatementLineKind, string>> = {
  sale: 'Sales',
  refund: 'Refunds',
  commission: 'Commission',
  fee: 'Fees',
  commission_refund: 'Commission refunds',
  conversion_out: 'Conversion out',
  conversion_in: 'Conversion in',
  payout: 'Payouts',
  payout_returned: 'Returned payouts',
  billing: 'Plan invoices',
  adjustment: 'Adjustments',
};

/** Short labels for the table's Kind column. */
const KIND_SHORT: Readonly<Record<StatementLineKind, string>> = {
  sale: 'Sale',
  refund: 'Refund',
  commission: 'Commission',
  fee: 'Fee',
  commission_refund: 'Comm. back',
  conversion_out: 'FX out',
  conversion_in: 'FX in',
  payout: 'Payout',
  payout_returned: 'Returned',
  billing: 'Invoice',
  adjustment: 'Adjustment',
};

/**
 * The summary rows of a currency: what its balance is made of (sales and their deductions in the
 * currency shoppers paid; conversions and payouts in the settlement currency), and any other kind
 * it has lines of.
 */
function summaryKinds(settlement: boolean, totals: SectionTotals, lines: readonly StatementLine[]): StatementLineKind[] {
  const usual: StatementLineKind[] = settlement
    ? ['conversion_in', 'payout', 'payout_returned']
    : ['sale', 'refund', 'commission', 'fee', 'commission_refund', 'conversion_out'];
  const used = new Set(lines.map((l) => l.kind));
  return STATEMENT_LINE_KINDS.filter((k) => usual.includes(k) || used.has(k) || totals.by_kind[k] !== 0n);
}

type Column = { caption: string; width: number; align?: 'right' };

/** Lays out columns left to right; a right-aligned column's x is its right edge less padding. */
function columns(cols: readonly Column[]): { x: number; col: Column }[] {
  let x = MARGIN;
  return cols.map((col) => {
    const at = col.align === 'right' ? x + col.width - 3 : x + 3;
    x += col.width;
    return { x: at, col };
  });
}

function tableHeader(pen: Pen, cols: ReturnType<typeof columns>): void {
  pen.band(pen.y, ROW + 2);
  for (const { x, col } of cols) pen.text(col.caption, x, pen.y + 9.5, { size: TEXT, bold: true, align: col.align });
  pen.y += ROW + 2;
}

function tableRow(pen: Pen, cols: ReturnType<typeof columns>, cells: readonly string[], bold = false): void {
  pen.ensure(ROW);
  cols.forEach(({ x, col }, i) => {
    pen.text(cells[i] ?? '', x, pen.y + 9, { size: TEXT, width: col.width - 6, align: col.align, bold });
  });
  pen.y += ROW;
}

const LINE_COLUMNS = columns([
  { caption: 'Date', width: 66 },
  { caption: 'Kind', width: 48 },
  { caption: 'Description', width: 124 },
  { caption: 'Order', width: 58 },
  { caption: 'Transfer', width: 76 },
  { caption: 'Converted', width: 66, align: 'right' },
  { caption: 'Amount', width: CONTENT_W - 438, align: 'right' },
]);

const PAYOUT_COLUMNS = columns([
  { caption: 'Date', width: 66 },
  // Wide enough for a whole payout id (29 characters, even all of the widest letter): the id is how finance finds it.
  { caption: 'Payout', width: 210 },
  { caption: 'Reference', width: 96 },
  { caption: 'Status', width: 50 },
  { caption: 'Amount', width: CONTENT_W - 422, align: 'right' },
]);

function drawHeader(pen: Pen, d: StatementData): void {
  const m = d.merchant;
  const tz = d.period.time_zone;
  pen.text('Tasman', MARGIN, MARGIN + 16, { size: 18, bold: true });
  pen.text('Merchant statement 商户结算对账单', RIGHT, MARGIN + 16, { size: 12, align: 'right' });
  pen.hline(MARGIN + 24, 1);
  const top = MARGIN + 42;
  const half = CONTENT_W / 2 - 10;
  pen.text(m.legal_name, MARGIN, top, { size: 12, bold: true, width: half });
  const left = [
    m.trading_name ? `Trading as ${m.trading_name}` : '',
    `${m.country === 'AU' ? 'ABN' : 'NZBN'} ${m.business_number}`,
    `Merchant ${m.id}`,
  ].filter(Boolean);
  for (const [i, s] of left.entries()) pen.text(s, MARGIN, top + 14 + 11 * i, { size: 8.5, width: half });
  const g = localParts(d.generated_at, tz);
  const right = [
    `Period ${periodLabel(d.period)}`,
    `Times in ${tz}`,
    `Settlement currency ${d.settlement_currency}`,
    `Generated ${g.date} ${g.time.slice(0, 5)}`,
  ];
  for (const [i, s] of right.entries()) pen.text(s, RIGHT, top + 11 * i, { size: 8.5, align: 'right', width: half });
  pen.y = top + 48;
}

function drawSummary(pen: Pen, d: StatementData, s: StatementSection, t: SectionTotals, first: boolean): void {
  const cur = s.currency;
  const rows = summaryKinds(cur === d.settlement_currency, t, s.lines).map((k) => [KIND_LABELS[k], t.by_kind[k]] as const);
  const w = 250;
  const x0 = MARGIN;
  const height = 13 * (rows.length + 2) + 14;
  pen.ensure(height + 60);
  const heading = cur === d.settlement_currency ? `${cur} balance (settlement currency)` : `${cur} balance (sales in ${cur})`;
  pen.text(heading, MARGIN, pen.y, { size: 10.5, bold: true });
  pen.y += 6;
  const top = pen.y;
  pen.page.drawRectangle({ x: x0, y: PAGE_H - top - height, width: w, height, borderWidth: 0.6, borderColor: rgb(0, 0, 0) });
  let y = top + 14;
  const line = (label: string, amount: bigint, bold = false) => {
    pen.text(label, x0 + 8, y, { size: 9, bold });
    pen.text(`${cur} ${grouped(amount, cur)}`, x0 + w - 8, y, { size: 9, bold, align: 'right' });
    y += 13;
  };
  line('Opening balance', t.opening, true);
  for (const [label, amount] of rows) line(label, amount);
  pen.hline(y - 9, 0.6, x0 + 8, x0 + w - 8);
  y += 2;
  line('Closing balance', t.closing, true);
  const note = first
    ? 'Every line below is one ledger transfer; the|transfer column names it (shortened where long;|the CSV has every id in full).|Amounts are in the section’s currency: + is|credited to your balance, - is taken from it.|Sales are credited in the currency shoppers paid|and converted on payout day at the settlement|rate (the mid rate less the spread shown).'
    : '';
  for (const [i, s] of note.split('|').entries()) pen.text(s, x0 + w + 16, top + 14 + 11 * i, { size: 8 });
  pen.y = top + height + 18;
}

/** Under a conversion line, across the table: the rate applied and how it was made (mid less spread). */
function conversionDetail(pen: Pen, c: StatementConversion): void {
  pen.ensure(ROW);
  const x = LINE_COLUMNS[2]?.x ?? MARGIN;
  const detail = `Rate ${c.rate} = mid ${c.mid} less ${c.spread_bps} bps · ${c.from.currency} ${grouped(-c.from.amount, c.from.currency)} → ${c.to.currency} ${grouped(c.to.amount, c.to.currency)}`;
  pen.text(detail, x, pen.y + 8, { size: TEXT - 0.5, width: RIGHT - x });
  pen.y += ROW - 2;
}

/** The other side of a conversion line, as the balance moved there ("AUD 12.34" beside the CNY out). */
function convertedCell(l: StatementLine, cur: string): string {
  const c = l.conversion;
  if (!c) return '';
  const other = c.from.currency === cur ? c.to : c.from;
  return `${other.currency} ${grouped(other.amount, other.currency)}`;
}

function drawLines(pen: Pen, d: StatementData, s: StatementSection, t: SectionTotals): void {
  const cur = s.currency;
  const tz = d.period.time_zone;
  pen.ensure(30);
  pen.text(`Transactions in ${cur}`, MARGIN, pen.y, { size: 10, bold: true });
  pen.y += 6;
  pen.onBreak = () => tableHeader(pen, LINE_COLUMNS);
  tableHeader(pen, LINE_COLUMNS);
  const orderW = (LINE_COLUMNS[3]?.col.width ?? 0) - 6;
  const transferW = (LINE_COLUMNS[4]?.col.width ?? 0) - 6;
  if (s.lines.length === 0) tableRow(pen, LINE_COLUMNS, ['', '', 'No transactions in the period', '', '', '', '']);
  for (const l of s.lines) {
    const at = localParts(l.at, tz);
    tableRow(pen, LINE_COLUMNS, [
      `${at.date} ${at.time.slice(0, 5)}`,
      KIND_SHORT[l.kind],
      l.description,
      l.order_id ? shortId(pen, l.order_id, orderW) : '',
      shortId(pen, l.transfer_id, transferW),
      convertedCell(l, cur),
      grouped(l.amount, cur),
    ]);
    if (l.conversion) conversionDetail(pen, l.conversion);
  }
  pen.onBreak = null;
  pen.ensure(ROW * 2 + 4);
  pen.hline(pen.y + 1, 0.6);
  pen.y += 2;
  tableRow(pen, LINE_COLUMNS, ['', '', `Net in ${cur} (${s.lines.length} lines)`, '', '', '', grouped(t.net, cur)], true);
  tableRow(pen, LINE_COLUMNS, ['', '', `Closing balance ${cur}`, '', '', '', grouped(t.closing, cur)], true);
  pen.y += 18;
}

function drawPayouts(pen: Pen, d: StatementData): void {
  if (d.payouts.length === 0) return;
  pen.ensure(40);
  pen.text('Payouts to your bank account', MARGIN, pen.y, { size: 10, bold: true });
  pen.y += 6;
  pen.onBreak = () => tableHeader(pen, PAYOUT_COLUMNS);
  tableHeader(pen, PAYOUT_COLUMNS);
  for (const p of d.payouts) {
    const date = validDate(p.date) ? localParts(p.date, d.period.time_zone).date : '';
    tableRow(pen, PAYOUT_COLUMNS, [date, p.id, p.reference, p.status, `${p.currency} ${grouped(p.amount, p.currency)}`]);
  }
  pen.onBreak = null;
}

/** A4 portrait; throws (RangeError) before drawing anything when the statement does not add up. */
export async function statementPdf(data: StatementData): Promise<Uint8Array> {
  const totals = statementTotals(data);
  const cjk = loadCjkFont();
  const doc = await PDFDocument.create();
  const period = periodLabel(data.period);
  doc.setTitle(`Statement ${data.merchant.legal_name} ${period}`);
  doc.setProducer('Tasman');
  doc.setCreator('Tasman');
  doc.setCreationDate(data.generated_at);
  doc.setModificationDate(data.generated_at);
  doc.registerFontkit(cjk.fontkit);
  const font = await doc.embedFont(cjk.bytes, { subset: true });
  const runningHead = `${data.merchant.legal_name} · statement ${period} · ${data.sections.map((s) => s.currency).join(', ')}`;
  const pen = new Pen({ doc, font, advance: cjk.advance, runningHead });
  pen.newPage();
  drawHeader(pen, data);
  data.sections.forEach((s, i) => {
    const t = totals[i] as SectionTotals;
    drawSummary(pen, data, s, t, i === 0);
    drawLines(pen, data, s, t);
  });
  drawPayouts(pen, data);
  // Footers last: "of n" is known only once the tables have flowed.
  const n = pen.pages.length;
  pen.pages.forEach((page, i) => {
    pen.page = page;
    pen.hline(PAGE_H - MARGIN - 10, 0.4);
    pen.text(`Tasman statement ${data.merchant.id} ${period}`, MARGIN, PAGE_H - MARGIN, { size: 7 });
    pen.text(`page ${i + 1} of ${n}`, RIGHT, PAGE_H - MARGIN, { size: 7, align: 'right' });
  });
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
