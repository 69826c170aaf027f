// Reading generated PDFs back in tests: the text a reader would extract, where each piece of
// text and each filled rectangle actually sits (pdf.js leaves text outside the page out of
// its text content, so overflow must be measured from the drawing operators), the glyphs of
// embedded fonts, and a Code 128 decoder for barcodes drawn as rectangles.
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One text-showing operation: what it says and the box it occupies, in page points. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  /** Text content as pdf.js extracts it (what copy-and-paste would give), items joined. */
  text: string;
  runs: TextRun[];
  /** Filled axis-aligned rectangles, in page coordinates. */
  rects: Rect[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied first, then n (PDF row-vector convention).
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function toMatrix(v: unknown): Matrix {
  const a = Array.from(v as ArrayLike<number>);
  return [a[0] ?? 1, a[1] ?? 0, a[2] ?? 0, a[3] ?? 1, a[4] ?? 0, a[5] ?? 0];
}

// pdf.js path data opcodes (its DrawOPS, not exported).
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** Rectangles among the subpaths of one path (four corners, axis-aligned). */
function rectanglesOf(data: ArrayLike<number>, ctm: Matrix): Rect[] {
  const out: Rect[] = [];
  let points: [number, number][] = [];
  const flush = () => {
    if (points.length >= 4 && points.length <= 5) {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      const onEdges = points.every(([x, y]) => (near(x, x0) || near(x, x1)) && (near(y, y0) || near(y, y1)));
      if (onEdges) out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    }
    points = [];
  };
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE_TO) {
      flush();
      points.push(apply(ctm, data[i] ?? 0, data[i + 1] ?? 0));
      i += 2;
    } else if (op === LINE_TO) {
      points.push(apply(ctm, data[i] ?? 0, data[i + 1] ?? 0));
      i += 2;
    } else if (op === CURVE_TO) {
      points = [[Number.NaN, Number.NaN]];
      i += 6;
    } else if (op === QUAD_TO) {
      points = [[Number.NaN, Number.NaN]];
      i += 4;
    } else if (op === CLOSE) {
      flush();
    } else {
      throw new Error(`unknown path opcode ${op}`);
    }
  }
  flush();
  return out;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.01;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given.
  const task = getDocument({ data: bytes.slice(), verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      const ops = await page.getOperatorList();
      const runs: TextRun[] = [];
      const rects: Rect[] = [];
      const stack: Matrix[] = [];
      let ctm = IDENTITY;
      let tm = IDENTITY;
      let size = 0;
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
        else if (fn === OPS.transform) ctm = multiply(toMatrix(args), ctm);
        else if (fn === OPS.setFont) size = Number(args[1]);
        else if (fn === OPS.beginText) tm = IDENTITY;
        else if (fn === OPS.setTextMatrix) tm = toMatrix(args[0]);
        else if (fn === OPS.showText || fn === OPS.showSpacedText) {
          let advance = 0;
          let str = '';
          for (const g of args[0] as ({ unicode: string; width: number } | number)[]) {
            if (typeof g === 'number') advance -= g / 1000;
            else {
              str += g.unicode;
              advance += g.width / 1000;
            }
          }
          const m = multiply(tm, ctm);
          const [x, y] = apply(m, 0, 0);
          runs.push({ text: str, x, y, width: advance * size * m[0], size: size * m[3] });
          tm = multiply([1, 0, 0, 1, advance * size, 0], tm);
        } else if (fn === OPS.constructPath) {
          const [paint, [data]] = args as [number, [ArrayLike<number>]];
          if (FILLS.has(paint) && data) rects.push(...rectanglesOf(data, ctm));
        }
      }
      pages.push({ width: x1 - x0, height: y1 - y0, text, runs, rects });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Text per page, as pdf.js extracts it. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return (await readPdf(bytes)).map((p) => p.text);
}

// ---------------------------------------------------------------------------
// Embedded fonts
// ---------------------------------------------------------------------------

/**
 * Every glyph of every embedded TrueType font with the text its ToUnicode map gives it and
 * its outline as SVG path data, so a test can compare it with the source font's glyph.
 */
export async function embeddedGlyphs(bytes: Uint8Array): Promise<{ unicode: string; svg: string }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { unicode: string; svg: string }[] = [];
  const stream = (v: unknown) => (v instanceof PDFRef ? doc.context.lookup(v) : v);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype'))?.toString() !== '/Type0') continue;
    const toUnicode = stream(obj.get(PDFName.of('ToUnicode')));
    const descendants = doc.context.lookup(obj.get(PDFName.of('DescendantFonts')));
    const cidFont = stream((descendants as unknown as { get(i: number): unknown }).get(0)) as PDFDict;
    const descriptor = stream(cidFont.get(PDFName.of('FontDescriptor'))) as PDFDict;
    const file = stream(descriptor.get(PDFName.of('FontFile2')));
    if (!(file instanceof PDFRawStream) || !(toUnicode instanceof PDFRawStream)) continue;
    const font = fontkit.create(decodePDFRawStream(file).decode());
    const cmap = new TextDecoder().decode(decodePDFRawStream(toUnicode).decode());
    for (const [, gid, hex] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/gi)) {
      const units = (hex ?? '').match(/.{4}/g)?.map((h) => Number.parseInt(h, 16)) ?? [];
      out.push({ unicode: String.fromCharCode(...units), svg: font.getGlyph(Number.parseInt(gid ?? '0', 16)).path.toSVG() });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Code 128
// ---------------------------------------------------------------------------

/** Bar/space widths in modules of symbol values 0–106 (ISO/IEC 15417 table 1); 106 is the stop. */
// biome-ignore format: ten values a row, so a value's pattern is easy to find by its index
const CODE128 = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];
const VALUE_OF = new Map(CODE128.map((p, v) => [p, v]));
const START_A = 103;
const START_B = 104;
const START_C = 105;
const STOP = 106;

/** The barcode on a page: the largest set of filled rectangles sharing a baseline and height. */
export function findBarcode(rects: readonly Rect[]): Rect[] {
  const groups = new Map<string, Rect[]>();
  for (const r of rects) {
    const key = `${r.y.toFixed(2)}/${r.height.toFixed(2)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const best = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  if (best.length < 10) throw new Error('no barcode found on the page');
  return best;
}

/** Bar and space widths, in modules, of bars given as rectangles (left to right). */
export function moduleWidths(bars: readonly Rect[]): number[] {
  const sorted = [...bars].sort((a, b) => a.x - b.x);
  const symbols = (sorted.length - 4) / 3;
  if (!Number.isInteger(symbols) || symbols < 3) throw new Error(`${sorted.length} bars is not a Code 128 symbol`);
  const first = sorted[0] as Rect;
  const last = sorted[sorted.length - 1] as Rect;
  const module = (last.x + last.width - first.x) / (11 * symbols + 13);
  const widths: number[] = [];
  const modules = (w: number) => {
    const m = w / module;
    if (Math.abs(m - Math.round(m)) > 0.2) throw new Error(`element of ${m.toFixed(2)} modules`);
    return Math.round(m);
  };
  sorted.forEach((bar, i) => {
    if (i > 0) {
      const prev = sorted[i - 1] as Rect;
      widths.push(modules(bar.x - (prev.x + prev.width)));
    }
    widths.push(modules(bar.width));
  });
  return widths;
}

/** Decodes Code 128 from bar/space widths in modules (start … check, stop), verifying the check character. */
export function decodeCode128(widths: readonly number[]): string {
  const values: number[] = [];
  for (let i = 0; i < widths.length - 7; i += 6) {
    const v = VALUE_OF.get(widths.slice(i, i + 6).join(''));
    if (v === undefined || v === STOP) throw new Error(`no Code 128 symbol ${widths.slice(i, i + 6).join('')} at element ${i}`);
    values.push(v);
  }
  if (VALUE_OF.get(widths.slice(-7).join('')) !== STOP) throw new Error('no stop pattern');
  const [start, ...rest] = values;
  const check = rest.pop();
  if (start === undefined || check === undefined || start < START_A) throw new Error('no start character');
  const sum = rest.reduce((acc, v, i) => acc + v * (i + 1), start);
  if (sum % 103 !== check) throw new Error(`check character ${check}, expected ${sum % 103}`);
  let set: 'A' | 'B' | 'C' = start === START_A ? 'A' : start === START_B ? 'B' : start === START_C ? 'C' : 'A';
  let shift = false;
  let out = '';
  for (const v of rest) {
    const current: 'A' | 'B' | 'C' = shift ? (set === 'A' ? 'B' : 'A') : set;
    shift = false;
    if (current === 'C') {
      if (v < 100) out += String(v).padStart(2, '0');
      else if (v === 100) set = 'B';
      else if (v === 101) set = 'A';
      continue; // 102: FNC1
    }
    if (v < 96) {
      out += String.fromCharCode(current === 'A' ? (v < 64 ? v + 32 : v - 64) : v + 32);
    } else if (v === 98) shift = true;
    else if (v === 99) set = 'C';
    else if (v === 100 && current === 'A') set = 'B';
    else if (v === 101 && current === 'B') set = 'A';
    // 96, 97, 102 and FNC4 (101 in A, 100 in B) carry no character.
  }
  return out;
}

/** The value of the Code 128 barcode drawn on a page. */
export function readBarcode(page: PdfPage): string {
  return decodeCode128(moduleWidths(findBarcode(page.rects)));
}
