// Merchant statements (issue 8): one merchant, one period, every line a ledger transfer, as a
// CSV for the merchant's accountant and an A4 PDF for people. Pure rendering: the caller reads
// the ledger and hands over a StatementData; we refuse one that does not add up.
import { type PDFFont, PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState, rgb } from 'pdf-lib';
import { setLineWidth, setStrokingGrayscaleColor, setTextRenderingMode, TextRenderingMode } from 'pdf-lib';
import { isCurrency, money, toDecimal } from '../../../kernel/money.ts';
import { loadCjkFont } from '../../logistics/label-font.ts';

export type StatementLineKind = 'sale' | 'refund' | 'commission' | 'fee' | 'fx' | 'payout' | 'adjustment';
export const STATEMENT_LINE_KINDS: readonly StatementLineKind[] = ['sale', 'refund', 'commission', 'fee', 'fx', 'payout', 'adjustment'];

export interface StatementLine {
  at: Date;
  kind: StatementLineKind;
  /** Free text from the order or the fee schedule; may be Chinese. */
  description: string;
  order_id: string | null;
  /** The ledger transfer this line is: the way back from any figure to the books. */
  transfer_id: string;
  /** What the shopper paid, in integer minor units of the charge currency (e.g. CNY). */
  charge?: { amount: bigint; currency: string } | null;
  /** The rate applied, as the exact decimal string the FX quote gave (never a float). */
  fx_rate?: string | null;
  /** Signed, minor units of the settlement currency: + credits the merchant, − debits. */
  amount: bigint;
}

export interface StatementPayout {
  id: string;
  date: Date;
  /** Positive: what reached (or is on its way to) the merchant's bank account. */
  amount: bigint;
  reference: string;
  status: string;
}

export interface StatementData {
  merchant: { id: string; legal_name: string; trading_name?: string | null; business_number: string; country: 'AU' | 'NZ' };
  /** Half-open [from, to): `to` is the first instant after the period (midnight of the next day). */
  period: { from: Date; to: Date; time_zone: string };
  settlement_currency: 'AUD' | 'NZD';
  opening_balance: bigint;
  /** In the ledger's order, which is the order they are printed in and the CSV balance runs in. */
  lines: StatementLine[];
  payouts: StatementPayout[];
  closing_balance: bigint;
  generated_at: Date;
}

export interface StatementTotals {
  opening: bigint;
  /** Signed sums per kind: sales are positive, refunds, commission and payouts negative. */
  by_kind: Record<StatementLineKind, bigint>;
  /** Σ of all lines: closing − opening. */
  net: bigint;
  closing: bigint;
}

/** Sums per kind, and the check that opening + Σ lines = closing; a statement must add up. */
export function statementTotals(data: StatementData): StatementTotals {
  const { from, to, time_zone } = data.period;
  if (!validDate(from) || !validDate(to) || from >= to) throw new RangeError('statement period must have from < to');
  new Intl.DateTimeFormat('en', { timeZone: time_zone }); // throws RangeError for an unknown zone
  if (!isCurrency(data.settlement_currency)) throw new RangeError(`unsupported settlement currency ${data.settlement_currency}`);
  const by_kind = Object.fromEntries(STATEMENT_LINE_KINDS.map((k) => [k, 0n])) as Record<StatementLineKind, bigint>;
  let net = 0n;
  for (const line of data.lines) {
    if (!STATEMENT_LINE_KINDS.includes(line.kind)) throw new RangeError(`unknown line kind ${String(line.kind)}`);
    if (typeof line.amount !== 'bigint') throw new RangeError(`transfer ${line.transfer_id}: amount must be bigint minor units`);
    if (!validDate(line.at) || line.at < from || line.at >= to)
      throw new RangeError(`transfer ${line.transfer_id} is outside the statement period`);
    by_kind[line.kind] += line.amount;
    net += line.amount;
  }
  if (data.opening_balance + net !== data.closing_balance) {
    const cur = data.settlement_currency;
    throw new RangeError(
      `statement does not add up: opening ${dec(data.opening_balance, cur)} + lines ${dec(net, cur)} ≠ closing ${dec(data.closing_balance, cur)}`,
    );
  }
  return { opening: data.opening_balance, by_kind, net, closing: data.closing_balance };
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

function periodLabel(p: StatementData['period']): string {
  // `to` is exclusive: the last day shown is the one holding the period's last instant.
  return `${localParts(p.from, p.time_zone).date} – ${localParts(new Date(p.to.getTime() - 1), p.time_zone).date}`;
}

// --- CSV ---------------------------------------------------------------------------------------

export const STATEMENT_CSV_HEADER: readonly string[] =
  'date,kind,description,order_id,transfer_id,charge_amount,charge_currency,fx_rate,amount,currency,balance'.split(',');

/**
 * RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. A description starting with = + - @ gets a leading apostrophe: Excel would
 * otherwise run it as a formula (CSV injection), and descriptions come from shoppers' orders.
 */
function csvField(value: string, text = false): string {
  const v = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * One row per line, amounts as plain decimals ("-12.30", no grouping), dates in the period's
 * zone with their offset, and the transfer id of each row in full. The balance column runs
 * from the opening balance and ends on the closing one.
 *
 * Starts with a UTF-8 byte order mark: Excel (the tool most merchants open a CSV in) reads a
 * CSV without one in the legacy code page of the machine, so Chinese descriptions turn into
 * mojibake; with the BOM it reads UTF-8. Other readers (pandas with utf-8-sig, Numbers,
 * Google Sheets) skip it.
 */
export function statementCsv(data: StatementData): string {
  statementTotals(data);
  const cur = data.settlement_currency;
  const tz = data.period.time_zone;
  let balance = data.opening_balance;
  const rows = [STATEMENT_CSV_HEADER.join(',')];
  for (const l of data.lines) {
    balance += l.amount;
    const ids = [csvField(l.description, true), csvField(l.order_id ?? ''), csvField(l.transfer_id)];
    const charge = l.charge ? [dec(l.charge.amount, l.charge.currency), csvField(l.charge.currency)] : ['', ''];
    const amounts = [csvField(l.fx_rate ?? ''), dec(l.amount, cur), cur, dec(balance, cur)];
    rows.push([isoLocal(l.at, tz), l.kind, ...ids, ...charge, ...amounts].join(','));
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

const kindLabel = (k: StatementLineKind): string => (k === 'fx' ? 'FX' : k.charAt(0).toUpperCase() + k.slice(1));

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
  { caption: 'Kind', width: 50 },
  { caption: 'Description', width: 120 },
  { caption: 'Order', width: 62 },
  { caption: 'Transfer', width: 70 },
  { caption: 'Charge', width: 58, align: 'right' },
  { caption: 'Rate', width: 36, align: 'right' },
  { caption: 'Amount', width: CONTENT_W - 462, align: 'right' },
]);

const PAYOUT_COLUMNS = columns([
  { caption: 'Date', width: 70 },
  { caption: 'Payout', width: 130 },
  { caption: 'Reference', width: 150 },
  { caption: 'Status', width: 70 },
  { caption: 'Amount', width: CONTENT_W - 420, align: 'right' },
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

function drawSummary(pen: Pen, d: StatementData, t: StatementTotals): void {
  const cur = d.settlement_currency;
  const rows: [string, bigint][] = [
    ['Sales', t.by_kind.sale],
    ['Refunds', t.by_kind.refund],
    ['Commission', t.by_kind.commission],
    ['Fees', t.by_kind.fee],
    ['FX', t.by_kind.fx],
    ['Adjustments', t.by_kind.adjustment],
    ['Payouts', t.by_kind.payout],
  ];
  const w = 250;
  const x0 = MARGIN;
  const top = pen.y;
  const height = 13 * (rows.length + 2) + 14;
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
  const note =
    'Every line below is one ledger transfer; the|transfer column names it (shortened where long;|the CSV has every id in full).|Amounts are in the settlement currency: + is paid|to you, - is charged to you.';
  for (const [i, s] of note.split('|').entries()) pen.text(s, x0 + w + 16, top + 14 + 11 * i, { size: 8 });
  pen.y = top + height + 18;
}

function drawLines(pen: Pen, d: StatementData, t: StatementTotals): void {
  const cur = d.settlement_currency;
  const tz = d.period.time_zone;
  pen.ensure(30);
  pen.text('Transactions', MARGIN, pen.y, { size: 10, bold: true });
  pen.y += 6;
  pen.onBreak = () => tableHeader(pen, LINE_COLUMNS);
  tableHeader(pen, LINE_COLUMNS);
  const orderW = (LINE_COLUMNS[3]?.col.width ?? 0) - 6;
  const transferW = (LINE_COLUMNS[4]?.col.width ?? 0) - 6;
  for (const l of d.lines) {
    const at = localParts(l.at, tz);
    tableRow(pen, LINE_COLUMNS, [
      `${at.date} ${at.time.slice(0, 5)}`,
      kindLabel(l.kind),
      l.description,
      l.order_id ? shortId(pen, l.order_id, orderW) : '',
      shortId(pen, l.transfer_id, transferW),
      l.charge ? `${l.charge.currency} ${grouped(l.charge.amount, l.charge.currency)}` : '',
      l.fx_rate ?? '',
      grouped(l.amount, cur),
    ]);
  }
  pen.onBreak = null;
  pen.ensure(ROW + 4);
  pen.hline(pen.y + 1, 0.6);
  pen.y += 2;
  tableRow(pen, LINE_COLUMNS, ['', '', `Net for the period (${d.lines.length} lines)`, '', '', '', '', grouped(t.net, cur)], true);
  tableRow(pen, LINE_COLUMNS, ['', '', 'Closing balance', '', '', '', '', grouped(t.closing, cur)], true);
}

function drawPayouts(pen: Pen, d: StatementData): void {
  if (d.payouts.length === 0) return;
  const cur = d.settlement_currency;
  pen.y += 16;
  pen.ensure(40);
  pen.text('Payouts to your bank account', MARGIN, pen.y, { size: 10, bold: true });
  pen.y += 6;
  pen.onBreak = () => tableHeader(pen, PAYOUT_COLUMNS);
  tableHeader(pen, PAYOUT_COLUMNS);
  for (const p of d.payouts) {
    const date = validDate(p.date) ? localParts(p.date, d.period.time_zone).date : '';
    tableRow(pen, PAYOUT_COLUMNS, [date, p.id, p.reference, p.status, grouped(p.amount, cur)]);
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
  const runningHead = `${data.merchant.legal_name} · statement ${period} · ${data.settlement_currency}`;
  const pen = new Pen({ doc, font, advance: cjk.advance, runningHead });
  pen.newPage();
  drawHeader(pen, data);
  drawSummary(pen, data, totals);
  drawLines(pen, data, totals);
  drawPayouts(pen, data);
  // Footers last: "of n" is known only once the table has flowed.
  const n = pen.pages.length;
  pen.pages.forEach((page, i) => {
    pen.page = page;
    pen.hline(PAGE_H - MARGIN - 10, 0.4);
    pen.text(`Tasman statement ${data.merchant.id} ${period}`, MARGIN, PAGE_H - MARGIN, { size: 7 });
    pen.text(`page ${i + 1} of ${n}`, RIGHT, PAGE_H - MARGIN, { size: 7, align: 'right' });
  });
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
