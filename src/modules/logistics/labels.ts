// Parcel labels (PRODUCT.md L3): one 100 × 150 mm page per parcel for a thermal printer,
// with the tracking number as a Code 128 barcode, the addresses, and the CN22 customs
// declaration. Pure rendering: the caller loads the shipment and decides what to print.
import bwipjs from 'bwip-js';
import {
  fill,
  type PDFFont,
  PDFDocument,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  setLineWidth,
  setStrokingGrayscaleColor,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';
import { isCurrency, type Money, money, toDecimal } from '../../kernel/money.ts';
import { loadCjkFont } from './label-font.ts';

export interface LabelAddress {
  name: string;
  phone?: string | null;
  lines: string[];
  city: string;
  region?: string | null;
  postcode?: string | null;
  country: string /* ISO 3166-1 alpha-2 */;
}
export interface LabelContent {
  description: string;
  hs_code: string;
  quantity: number;
  value: { amount: string; currency: string } /* integer minor units as string */;
  origin_country: string;
  weight_g?: number | null;
}
export interface LabelData {
  tracking_number: string;
  /** A test-mode parcel's label (decisions §23): marked so in its header, in place of the brand. */
  test?: boolean | undefined;
  service: { code: string; name: string };
  lane: string;
  customs_mode: '9610' | '1210' | 'export';
  weight_g: number;
  dimensions_mm?: { length: number; width: number; height: number } | null;
  parcel: { index: number; count: number };
  order_id: string;
  sender: LabelAddress;
  recipient: LabelAddress;
  contents: LabelContent[];
  created_at: Date;
}

/** One print job at most; a larger run is split by the caller so a jam costs little. */
export const MAX_LABELS_PER_BATCH = 500;

export async function renderLabel(data: LabelData): Promise<Uint8Array> {
  return renderLabels([data]);
}

export async function renderLabels(data: readonly LabelData[]): Promise<Uint8Array> {
  if (data.length === 0) throw new RangeError('renderLabels needs at least one label');
  if (data.length > MAX_LABELS_PER_BATCH)
    throw new RangeError(`renderLabels takes at most ${MAX_LABELS_PER_BATCH} labels, got ${data.length}`);
  const cjk = loadCjkFont();
  const doc = await PDFDocument.create();
  doc.setTitle(data.length === 1 ? `Label ${data[0]?.tracking_number}` : `Labels (${data.length})`);
  doc.setProducer('Tasman');
  doc.setCreator('Tasman');
  doc.registerFontkit(cjk.fontkit);
  // Subset: the whole font is 10 MB, the glyphs a label uses a few kB (see forceLongLoca for
  // what it takes to subset it intact; the tests compare every embedded glyph with the font).
  // One embedding per document: the pages of a batch share the subset.
  const font = await doc.embedFont(cjk.bytes, { subset: true });
  const pen = new Pen(font, cjk.advance);
  for (const label of data) drawLabel(pen.on(doc.addPage([PAGE_W, PAGE_H])), label);
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}

// ---------------------------------------------------------------------------
// Geometry and text
// ---------------------------------------------------------------------------

const MM = 72 / 25.4;
const PAGE_W = 100 * MM;
const PAGE_H = 150 * MM;
const MARGIN = 3 * MM;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);
const ELLIPSIS = '…';

interface TextOptions {
  size: number;
  bold?: boolean;
  /** Width the text must fit in; it is cut with an ellipsis past it. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  white?: boolean;
}

/** Draws on one page with y measured from the top edge, the way a label is read. */
class Pen {
  readonly font: PDFFont;
  readonly advance: (codePoint: number) => number;
  page!: PDFPage;

  constructor(font: PDFFont, advance: (codePoint: number) => number) {
    this.font = font;
    this.advance = advance;
  }

  on(page: PDFPage): this {
    this.page = page;
    return this;
  }

  measure(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.advance(ch.codePointAt(0) ?? 0);
    return w * size;
  }

  /** The longest prefix that fits, with an ellipsis when something was cut. */
  fit(text: string, size: number, width: number): string {
    if (this.measure(text, size) <= width) return text;
    const room = width - this.measure(ELLIPSIS, size);
    let out = '';
    let w = 0;
    for (const ch of text) {
      w += this.advance(ch.codePointAt(0) ?? 0) * size;
      if (w > room) break;
      out += ch;
    }
    return out.trimEnd() + ELLIPSIS;
  }

  /**
   * Breaks text into at most `maxLines` lines of `width`: at spaces for Latin script, at
   * any character for Chinese (which has no spaces), inside a word only when it alone is
   * too long. What does not fit ends in an ellipsis.
   */
  wrap(text: string, size: number, width: number, maxLines: number): string[] {
    const lines: string[] = [];
    let rest = text;
    while (rest.length > 0 && lines.length < maxLines) {
      if (lines.length === maxLines - 1 || this.measure(rest, size) <= width) {
        lines.push(this.fit(rest, size, width));
        break;
      }
      let cut = 0;
      let lastSpace = -1;
      let w = 0;
      for (const ch of rest) {
        w += this.advance(ch.codePointAt(0) ?? 0) * size;
        if (w > width) break;
        if (ch === ' ') lastSpace = cut;
        cut += ch.length;
      }
      const breakAt = lastSpace > 0 ? lastSpace : Math.max(cut, 1);
      lines.push(rest.slice(0, breakAt).trimEnd());
      rest = rest.slice(breakAt).trimStart();
    }
    return lines;
  }

  /** Draws one line with its baseline at `y` from the top; returns the width drawn. */
  text(raw: string, x: number, y: number, o: TextOptions): number {
    const text = o.width === undefined ? clean(raw) : this.fit(clean(raw), o.size, o.width);
    if (text === '') return 0;
    const w = this.measure(text, o.size);
    let left = x;
    if (o.align === 'right') left = x - w;
    else if (o.align === 'center') left = x - w / 2;
    // One weight of a 10 MB font is enough: bold is the fill plus a thin outline.
    if (o.bold) {
      this.page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(o.size / 30),
        setStrokingGrayscaleColor(o.white ? 1 : 0),
      );
    }
    this.page.drawText(text, { x: left, y: PAGE_H - y, size: o.size, font: this.font, color: o.white ? WHITE : BLACK });
    if (o.bold) this.page.pushOperators(popGraphicsState());
    return w;
  }

  hline(y: number, thickness = 0.8, x0 = MARGIN, x1 = PAGE_W - MARGIN): void {
    this.page.drawLine({ start: { x: x0, y: PAGE_H - y }, end: { x: x1, y: PAGE_H - y }, thickness, color: BLACK });
  }

  vline(x: number, y0: number, y1: number, thickness = 0.5): void {
    this.page.drawLine({ start: { x, y: PAGE_H - y0 }, end: { x, y: PAGE_H - y1 }, thickness, color: BLACK });
  }

  box(x: number, y: number, w: number, h: number, filled: boolean): void {
    if (filled) this.page.drawRectangle({ x, y: PAGE_H - y - h, width: w, height: h, color: BLACK });
    else this.page.drawRectangle({ x, y: PAGE_H - y - h, width: w, height: h, borderColor: BLACK, borderWidth: 0.6 });
  }
}

/** Control characters and runs of whitespace (a pasted address has both) become one space. */
function clean(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Barcode
// ---------------------------------------------------------------------------

/** A 203 dpi thermal head prints 8 dots per mm; bars an exact number of dots wide stay sharp. */
const DOT = MM / 8;
const QUIET_MODULES = 10;

/**
 * Code 128 of the tracking number as vector bars: bwip-js chooses the code sets and the
 * check character (`raw` gives the bar/space widths in modules), we draw one filled path
 * of rectangles. Vectors rather than a PNG: no image encoding per label, a few hundred
 * bytes, and the printer rasterises the edges at its own resolution instead of scaling
 * someone else's pixels.
 */
function drawBarcode(pen: Pen, value: string, top: number, height: number): void {
  const symbol = bwipjs.raw('code128', value, {})[0];
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js gave no linear symbol for code128');
  const widths = symbol.sbs;
  const modules = widths.reduce((a, b) => a + b, 0);
  // Widest module (whole dots) that leaves quiet zones inside the label; 0.5 mm for an S10
  // number. A value too long for one dot a module still fits, unaligned.
  const dots = Math.floor(CONTENT_W / DOT / (modules + 2 * QUIET_MODULES));
  const module = dots >= 1 ? dots * DOT : CONTENT_W / (modules + 2 * QUIET_MODULES);
  let x = (PAGE_W - modules * module) / 2;
  const y = PAGE_H - top - height;
  const ops = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (let i = 0; i < widths.length; i++) {
    const w = (widths[i] ?? 0) * module;
    if (i % 2 === 0) ops.push(rectangle(x, y, w, height));
    x += w;
  }
  ops.push(fill(), popGraphicsState());
  pen.page.pushOperators(...ops);
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/** Grams as kilograms with three decimals, in integers: 1250 → "1.250". */
function formatKg(grams: number): string {
  if (!Number.isSafeInteger(grams) || grams < 0) throw new RangeError(`weight must be whole grams, got ${grams}`);
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}

function moneyOf(v: { amount: string; currency: string }): Money {
  if (!isCurrency(v.currency)) throw new RangeError(`unknown currency ${v.currency}`);
  if (!/^-?\d+$/.test(v.amount)) throw new RangeError(`amount must be integer minor units, got ${v.amount}`);
  return money(v.amount, v.currency);
}

/** "AUD 45.00"; several currencies (rare, but not ours to refuse) are listed side by side. */
function formatTotals(contents: readonly LabelContent[]): string {
  const totals = new Map<string, bigint>();
  for (const c of contents) {
    const m = moneyOf(c.value);
    totals.set(m.currency, (totals.get(m.currency) ?? 0n) + m.amount);
  }
  return [...totals].map(([currency, amount]) => formatMoney({ amount: amount.toString(), currency })).join(' + ');
}

function formatMoney(v: { amount: string; currency: string }): string {
  return `${v.currency} ${toDecimal(moneyOf(v))}`;
}

const COUNTRY_NAMES: Readonly<Record<string, string>> = { CN: 'CHINA 中国', AU: 'AUSTRALIA', NZ: 'NEW ZEALAND' };

function countryLine(code: string): string {
  const c = code.toUpperCase();
  return COUNTRY_NAMES[c] ? `${COUNTRY_NAMES[c]} (${c})` : c;
}

const CUSTOMS_MODE: Readonly<Record<LabelData['customs_mode'], string>> = { '9610': '9610', '1210': '1210', export: 'EXPORT' };

// ---------------------------------------------------------------------------
// Layout (y is a baseline measured from the top edge, in points)
// ---------------------------------------------------------------------------

function drawLabel(pen: Pen, d: LabelData): void {
  const L = MARGIN;
  const R = PAGE_W - MARGIN;

  // Header: platform, service, customs mode in a black badge a sorter sees from afar.
  const brandW = pen.text(d.test ? 'TEST LABEL' : 'Tasman', L, MARGIN + 15, { size: 18, bold: true });
  const mode = CUSTOMS_MODE[d.customs_mode] ?? String(d.customs_mode);
  const badgeW = pen.measure(mode, 14) + 10;
  pen.box(R - badgeW, MARGIN, badgeW, 22, true);
  pen.text(mode, R - badgeW / 2, MARGIN + 16, { size: 14, bold: true, white: true, align: 'center' });
  const serviceW = R - badgeW - 6 - (L + brandW + 8);
  pen.text(d.service.name, R - badgeW - 6, MARGIN + 8, { size: 8, width: serviceW, align: 'right' });
  pen.text(d.service.code, R - badgeW - 6, MARGIN + 19, { size: 9, bold: true, width: serviceW, align: 'right' });
  pen.hline(36, 1.2);

  drawBarcode(pen, d.tracking_number, 41, 62);
  pen.text(d.tracking_number, PAGE_W / 2, 116, { size: 12, bold: true, align: 'center', width: CONTENT_W });
  pen.hline(121, 1.2);

  drawRecipient(pen, d.recipient, 121, 222);
  pen.hline(222, 0.8);
  drawSender(pen, d.sender, 222);
  pen.hline(253, 0.8);
  drawShipmentGrid(pen, d, 253);
  pen.hline(293, 1.2);
  drawCn22(pen, d, 293);
}

function drawRecipient(pen: Pen, a: LabelAddress, top: number, bottom: number): void {
  const L = MARGIN;
  const R = PAGE_W - MARGIN;
  pen.text('TO 收件人', L, top + 8, { size: 6.5, bold: true });
  const phone = a.phone ? clean(a.phone) : '';
  const phoneW = phone ? pen.text(phone, R, top + 25, { size: 10, align: 'right', width: CONTENT_W / 2 }) + 6 : 0;
  pen.text(a.name, L, top + 25, { size: 16, bold: true, width: CONTENT_W - phoneW });
  let y = top + 25;
  const LINE = 14;
  // The last two lines (city … postcode, country) always print; the street gets the rest.
  const streetLines = Math.max(1, Math.floor((bottom - 4 - (y + 2 * LINE)) / LINE));
  const street = pen.wrap(clean(a.lines.join(', ')), 12, CONTENT_W, streetLines);
  for (const line of street) {
    y += LINE;
    pen.text(line, L, y, { size: 12, width: CONTENT_W });
  }
  y += LINE;
  pen.text([a.city, a.region, a.postcode].filter((s) => s && clean(s)).join(' '), L, y, { size: 12, width: CONTENT_W });
  y += LINE;
  pen.text(countryLine(a.country), L, y, { size: 12, bold: true, width: CONTENT_W });
}

function drawSender(pen: Pen, a: LabelAddress, top: number): void {
  const L = MARGIN;
  const size = 7;
  const labelW = pen.text('FROM', L, top + 9, { size, bold: true }) + 4;
  const first = [a.name, a.phone].filter(Boolean).join('  ');
  pen.text(first, L + labelW, top + 9, { size, width: CONTENT_W - labelW });
  const address = [...a.lines, a.city, a.region, a.postcode, a.country.toUpperCase()].filter((s) => s && clean(s)).join(', ');
  const lines = pen.wrap(clean(address), size, CONTENT_W - labelW, 2);
  lines.forEach((line, i) => {
    pen.text(line, L + labelW, top + 18 + 8.5 * i, { size, width: CONTENT_W - labelW });
  });
}

function drawShipmentGrid(pen: Pen, d: LabelData, top: number): void {
  const dims = d.dimensions_mm ? `${d.dimensions_mm.length}x${d.dimensions_mm.width}x${d.dimensions_mm.height} mm` : '—';
  const cells: [string, string][][] = [
    [
      ['LANE', d.lane],
      ['WEIGHT', `${formatKg(d.weight_g)} kg`],
      ['PARCEL', `${d.parcel.index} / ${d.parcel.count}`],
    ],
    [
      ['ORDER', d.order_id],
      ['DIMENSIONS', dims],
      ['DATE', d.created_at.toISOString().slice(0, 10)],
    ],
  ];
  const colW = [CONTENT_W * 0.4, CONTENT_W * 0.3, CONTENT_W * 0.3];
  const ROW = 20;
  cells.forEach((row, r) => {
    let x = MARGIN;
    row.forEach(([caption, value], c) => {
      const w = colW[c] ?? 0;
      if (c > 0) pen.vline(x, top + r * ROW, top + (r + 1) * ROW);
      const pad = c > 0 ? 3 : 0;
      pen.text(caption, x + pad, top + r * ROW + 7, { size: 5.5 });
      pen.text(value, x + pad, top + r * ROW + 17, { size: 9, bold: true, width: w - pad - 2 });
      x += w;
    });
  });
  pen.hline(top + ROW, 0.4);
}

const MAX_CONTENT_LINES = 5;

function drawCn22(pen: Pen, d: LabelData, top: number): void {
  const L = MARGIN;
  const R = PAGE_W - MARGIN;
  pen.text('CUSTOMS DECLARATION CN 22', L, top + 11, { size: 8.5, bold: true });
  // Only the category that applies is printed, ticked: everything here is a sale.
  const saleW = pen.text('Sale of goods', R, top + 11, { size: 7.5, align: 'right' });
  const bx = R - saleW - 10;
  pen.box(bx, top + 4, 7, 7, false);
  pen.page.drawLine({ start: { x: bx + 1, y: PAGE_H - top - 5 }, end: { x: bx + 6, y: PAGE_H - top - 10 }, thickness: 0.8 });
  pen.page.drawLine({ start: { x: bx + 1, y: PAGE_H - top - 10 }, end: { x: bx + 6, y: PAGE_H - top - 5 }, thickness: 0.8 });

  // Columns: description | qty | HS code | kg | value (right edges for numbers).
  const xQty = L + CONTENT_W * 0.5;
  const xHs = L + CONTENT_W * 0.53;
  const xKg = L + CONTENT_W * 0.78;
  const xVal = R;
  let y = top + 21;
  pen.text('Description', L, y, { size: 5.5 });
  pen.text('Qty', xQty, y, { size: 5.5, align: 'right' });
  pen.text('HS code', xHs, y, { size: 5.5 });
  pen.text('kg', xKg, y, { size: 5.5, align: 'right' });
  pen.text('Value', xVal, y, { size: 5.5, align: 'right' });
  pen.hline(y + 2, 0.4);

  const shown = d.contents.length > MAX_CONTENT_LINES ? d.contents.slice(0, MAX_CONTENT_LINES - 1) : d.contents;
  const size = 7.5;
  const ROW = 10;
  for (const c of shown) {
    y += ROW;
    pen.text(c.description, L, y, { size, width: xQty - L - 16 });
    pen.text(String(c.quantity), xQty, y, { size, align: 'right', width: 14 });
    pen.text(c.hs_code, xHs, y, { size, width: xKg - xHs - 24 });
    pen.text(c.weight_g == null ? '' : formatKg(c.weight_g), xKg, y, { size, align: 'right', width: 22 });
    pen.text(formatMoney(c.value), xVal, y, { size, align: 'right', width: xVal - xKg - 4 });
  }
  const hidden = d.contents.length - shown.length;
  if (hidden > 0) {
    y += ROW;
    pen.text(`+${hidden} more (see commercial invoice)`, L, y, { size, bold: true, width: CONTENT_W });
  }

  y = top + 21 + ROW * (MAX_CONTENT_LINES + 1);
  pen.hline(y - 6, 0.4);
  const origins = [...new Set(d.contents.map((c) => c.origin_country.toUpperCase()))].join(', ');
  pen.text(`Origin: ${origins || '—'}`, L, y + 4, { size: 7.5, width: CONTENT_W * 0.3 });
  pen.text(`Total weight: ${formatKg(d.weight_g)} kg`, L + CONTENT_W * 0.3, y + 4, { size: 7.5, width: CONTENT_W * 0.32 });
  pen.text(`Total: ${d.contents.length ? formatTotals(d.contents) : '—'}`, R, y + 4, {
    size: 7.5,
    bold: true,
    align: 'right',
    width: CONTENT_W * 0.38,
  });
  const certify = pen.wrap(
    'I certify that the particulars given in this declaration are correct and that this item does not contain any dangerous article prohibited by legislation or by postal or customs regulations.',
    5,
    CONTENT_W,
    2,
  );
  certify.forEach((line, i) => {
    pen.text(line, L, y + 15 + 6 * i, { size: 5 });
  });
}
