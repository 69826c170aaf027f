// A merchant's monthly invoice as an A4 PDF (issue 9, C5), bilingual like the statement
// (settlement/statement.ts), drawn with pdf-lib and the embedded Noto Sans SC of labels
// (logistics/label-font.ts). Pure rendering of what invoicing.ts stored; amounts through the
// kernel's integer decimal formatting, never floats.
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { isCurrency, money, toDecimal } from '../../kernel/money.ts';
import { loadCjkFont } from '../logistics/label-font.ts';

export interface InvoicePdfData {
  number: string;
  period: string;
  periodLabel: string;
  timeZone: string;
  createdAt: Date;
  status: string;
  plan: string;
  merchant: { id: string; legalName: string; businessNumber: string | null; country: string };
  lines: {
    description: string;
    quantity: bigint;
    included: bigint;
    units: bigint;
    unitSize: bigint;
    unitPrice: bigint;
    amount: bigint;
    currency: string;
    kind: string;
  }[];
  totals: Record<string, string>;
  transferIds: string[];
}

const W = 595.28;
const H = 841.89;
const M = 42;
const RIGHT = W - M;

/** Minor units as "1,234.50" through integer arithmetic. */
export function formatAmount(amount: bigint, currency: string): string {
  if (!isCurrency(currency)) throw new RangeError(`unsupported currency ${currency}`);
  const [sign, whole = '', fraction] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(toDecimal(money(amount, currency)))?.slice(1) ?? [];
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+$)/g, ',');

function quantityText(l: InvoicePdfData['lines'][number]): string {
  if (l.kind === 'gmv_fee') return `${l.currency} ${formatAmount(l.quantity, l.currency)}`;
  if (l.kind === 'plan_fee') return '1';
  return grouped(l.quantity);
}

function unitText(l: InvoicePdfData['lines'][number]): string {
  if (l.kind === 'gmv_fee') return `${l.unitPrice} bps`;
  const price = `${l.currency} ${formatAmount(l.unitPrice, l.currency)}`;
  return l.unitSize === 1n ? price : `${price} / ${grouped(l.unitSize)}`;
}

export async function invoicePdf(d: InvoicePdfData): Promise<Uint8Array> {
  const cjk = loadCjkFont();
  const doc = await PDFDocument.create();
  doc.setTitle(`Invoice ${d.number} ${d.merchant.legalName} ${d.period}`);
  doc.setProducer('Tasman');
  doc.setCreator('Tasman');
  doc.setCreationDate(d.createdAt);
  doc.setModificationDate(d.createdAt);
  doc.registerFontkit(cjk.fontkit);
  const font: PDFFont = await doc.embedFont(cjk.bytes, { subset: true });
  let page: PDFPage = doc.addPage([W, H]);
  let y = M;
  const measure = (s: string, size: number) => [...s].reduce((w, ch) => w + cjk.advance(ch.codePointAt(0) ?? 0), 0) * size;
  const text = (s: string, x: number, at: number, size: number, align: 'left' | 'right' = 'left') => {
    const clean = s.replace(/[\p{Cc}\s]+/gu, ' ').trim();
    if (!clean) return;
    page.drawText(clean, { x: align === 'right' ? x - measure(clean, size) : x, y: H - at, size, font });
  };
  const rule = (at: number, thickness = 0.6) =>
    page.drawLine({ start: { x: M, y: H - at }, end: { x: RIGHT, y: H - at }, thickness, color: rgb(0, 0, 0) });

  text('Tasman', M, y + 16, 18);
  text('Invoice 服务账单', RIGHT, y + 16, 13, 'right');
  rule(y + 24, 1);
  y += 44;
  text(d.merchant.legalName, M, y, 12);
  const idLabel = d.merchant.country === 'AU' ? 'ABN' : d.merchant.country === 'NZ' ? 'NZBN' : 'USCC 统一社会信用代码';
  text(`${idLabel} ${d.merchant.businessNumber ?? ''}`, M, y + 14, 8.5);
  text(`Merchant 商户 ${d.merchant.id}`, M, y + 25, 8.5);
  const right = [
    `Invoice number 账单编号 ${d.number}`,
    `Period 账期 ${d.periodLabel}`,
    `Times in ${d.timeZone}`,
    `Plan 套餐 ${d.plan}`,
    `Status 状态 ${d.status === 'paid' ? 'Paid from your balance 已从余额扣款' : d.status}`,
  ];
  for (const [i, s] of right.entries()) text(s, RIGHT, y + 11 * i, 8.5, 'right');
  y += 70;

  const cols = [
    { caption: 'Description 项目', x: M + 3, align: 'left' as const },
    { caption: 'Used 用量', x: M + 270, align: 'right' as const },
    { caption: 'Included 含', x: M + 330, align: 'right' as const },
    { caption: 'Units 计费', x: M + 375, align: 'right' as const },
    { caption: 'Unit price 单价', x: M + 445, align: 'right' as const },
    { caption: 'Amount 金额', x: RIGHT - 3, align: 'right' as const },
  ];
  const header = () => {
    page.drawRectangle({ x: M, y: H - y - 14, width: RIGHT - M, height: 14, color: rgb(0.92, 0.92, 0.92) });
    for (const c of cols) text(c.caption, c.x, y + 10, 7.5, c.align);
    y += 16;
  };
  header();
  for (const l of d.lines) {
    if (y > H - M - 80) {
      page = doc.addPage([W, H]);
      y = M;
      header();
    }
    const cells = [
      l.description,
      quantityText(l),
      l.kind === 'overage' ? grouped(l.included) : '',
      l.kind === 'overage' ? grouped(l.units) : '',
      unitText(l),
      `${l.currency} ${formatAmount(l.amount, l.currency)}`,
    ];
    for (const [i, c] of cols.entries()) text(cells[i] ?? '', c.x, y + 9, 7.5, c.align);
    y += 13;
  }
  rule(y + 2);
  y += 16;
  for (const [ccy, amount] of Object.entries(d.totals)) {
    text(`Total 合计 ${ccy}`, M + 330, y, 10, 'left');
    text(`${ccy} ${formatAmount(BigInt(amount), ccy)}`, RIGHT - 3, y, 10, 'right');
    y += 15;
  }
  y += 10;
  const notes = [
    'Charged to your Tasman balance in each currency; it shows on your statement as a billing line.',
    '本账单金额已从您在 Tasman 的对应币种余额中扣除，并显示在结算对账单中。',
    'Overage is charged per started block over the included amount; the GMV fee is rounded half-up per currency.',
    ...d.transferIds.map((t) => `Ledger transfer ${t}`),
  ];
  for (const n of notes) {
    text(n, M, y, 7.5);
    y += 11;
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    page = p;
    text(`Tasman invoice ${d.number}`, M, H - M + 10, 7);
    text(`page ${i + 1} of ${pages.length}`, RIGHT, H - M + 10, 7, 'right');
  });
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
