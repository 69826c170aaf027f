// Parcel labels (PRODUCT.md L3), read back as a scanner and a customs officer would: the
// bars decode to the tracking number, the Chinese address is real text in glyphs that draw,
// nothing runs off the 100 × 150 mm page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import bwipjs from 'bwip-js';
import { describe, expect, it } from 'vitest';
import { decodeCode128, embeddedGlyphs, type PdfPage, readBarcode, readPdf } from '../../../test/support/pdf.ts';
import { type LabelData, renderLabel, renderLabels } from './labels.ts';

const PT_PER_MM = 72 / 25.4;

const toShanghai: LabelData = {
  tracking_number: 'CT000000014AU',
  service: { code: 'AIR-9610', name: 'Air parcel 9610' },
  lane: 'MEL → CN-SH',
  customs_mode: '9610',
  weight_g: 1250,
  dimensions_mm: { length: 300, width: 200, height: 120 },
  parcel: { index: 1, count: 2 },
  order_id: 'ord_01HZX3K9ABCDEF',
  sender: {
    name: 'Koala Health Pty Ltd',
    phone: '+61 3 9000 0000',
    lines: ['12 Collins Street', 'Level 4'],
    city: 'Melbourne',
    region: 'VIC',
    postcode: '3000',
    country: 'AU',
  },
  recipient: {
    name: '张伟',
    phone: '+86 138 0013 8000',
    lines: ['浦东新区世纪大道100号'],
    city: '上海市',
    region: '上海',
    postcode: '200120',
    country: 'CN',
  },
  contents: [
    {
      description: 'Manuka honey UMF 10+ 250g',
      hs_code: '0409.00',
      quantity: 2,
      value: { amount: '3000', currency: 'AUD' },
      origin_country: 'NZ',
      weight_g: 700,
    },
    {
      description: 'Fish oil capsules 1000mg',
      hs_code: '2106.90',
      quantity: 1,
      value: { amount: '1500', currency: 'AUD' },
      origin_country: 'AU',
      weight_g: 400,
    },
  ],
  created_at: new Date('2025-03-14T09:26:00Z'),
};

const toSydney: LabelData = {
  ...toShanghai,
  tracking_number: 'EE123456785CN',
  service: { code: 'AIR-EXP', name: 'Air export' },
  lane: 'SZX → AU-NSW',
  customs_mode: 'export',
  weight_g: 480,
  dimensions_mm: null,
  sender: {
    name: '深圳好货贸易有限公司',
    phone: null,
    lines: ['南山区科技园1号'],
    city: '深圳市',
    region: '广东',
    postcode: '518000',
    country: 'CN',
  },
  recipient: {
    name: 'Jane Citizen',
    phone: '0412 345 678',
    lines: ['Unit 5', '123 George Street'],
    city: 'Sydney',
    region: 'NSW',
    postcode: '2000',
    country: 'AU',
  },
  contents: [
    {
      description: 'Silk scarf',
      hs_code: '6214.10',
      quantity: 1,
      value: { amount: '32900', currency: 'CNY' },
      origin_country: 'CN',
      weight_g: null,
    },
  ],
};

async function onePage(data: LabelData): Promise<PdfPage> {
  const pages = await readPdf(await renderLabel(data));
  expect(pages).toHaveLength(1);
  return pages[0] as PdfPage;
}

function expectWithinPage(page: PdfPage): void {
  for (const run of page.runs) {
    expect(run.x, run.text).toBeGreaterThanOrEqual(0);
    expect(run.x + run.width, run.text).toBeLessThanOrEqual(page.width);
    expect(run.y, run.text).toBeGreaterThanOrEqual(0);
    expect(run.y + run.size, run.text).toBeLessThanOrEqual(page.height);
  }
  for (const r of page.rects) {
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(page.width);
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.y + r.height).toBeLessThanOrEqual(page.height);
  }
}

describe('renderLabel', () => {
  it('is a 100 × 150 mm page with the label text readable, Chinese included', async () => {
    const page = await onePage(toShanghai);
    expect(page.width).toBeCloseTo(100 * PT_PER_MM, 1);
    expect(page.height).toBeCloseTo(150 * PT_PER_MM, 1);
    expect(page.width).toBeCloseTo(283.46, 1);
    expect(page.height).toBeCloseTo(425.2, 1);
    for (const s of [
      'Tasman',
      'CT000000014AU',
      '张伟',
      '浦东新区世纪大道100号',
      '上海市',
      '上海',
      '200120',
      'Koala Health Pty Ltd',
      'AIR-9610',
      'Air parcel 9610',
      '9610',
      'MEL → CN-SH',
      '1.250 kg',
      '1 / 2',
      'ord_01HZX3K9ABCDEF',
      '2025-03-14',
      'CN 22',
      'Sale of goods',
      '0409.00',
      '2106.90',
      'AUD 30.00',
      'AUD 15.00',
      'AUD 45.00',
    ]) {
      expect(page.text).toContain(s);
    }
    expectWithinPage(page);
  });

  it('draws a Code 128 barcode whose bars decode to the tracking number', async () => {
    expect(readBarcode(await onePage(toShanghai))).toBe('CT000000014AU');
    expect(readBarcode(await onePage({ ...toShanghai, tracking_number: 'RR987654321NZ' }))).toBe('RR987654321NZ');
  });

  it('embeds the font as a subset whose glyphs are the source font’s (subsetting once garbled CJK)', async () => {
    const bytes = await renderLabel(toShanghai);
    expect(bytes.length).toBeLessThan(60_000);
    const file = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
    const source = fontkit.create(readFileSync(file));
    const glyphs = await embeddedGlyphs(bytes);
    const chars = new Set(glyphs.map((g) => g.unicode));
    for (const c of '张伟浦东新区世纪大道号上海市Tasman0123456789') expect(chars).toContain(c);
    for (const g of glyphs) {
      expect(g.svg, g.unicode).toBe(source.glyphForCodePoint(g.unicode.codePointAt(0) ?? 0).path.toSVG());
    }
  });

  it('renders an English-only label in export mode', async () => {
    const page = await onePage(toSydney);
    for (const s of [
      'Jane Citizen',
      'Unit 5, 123 George Street',
      'Sydney NSW 2000',
      'AUSTRALIA',
      'EXPORT',
      'AIR-EXP',
      '0.480 kg',
      'CNY 329.00',
      '深圳好货贸易有限公司',
    ]) {
      expect(page.text).toContain(s);
    }
    expect(readBarcode(page)).toBe('EE123456785CN');
    expectWithinPage(page);
  });

  it('cuts what is too long to fit and says how many content lines are not shown', async () => {
    const page = await onePage({
      ...toShanghai,
      recipient: { ...toShanghai.recipient, name: '欧阳'.repeat(30), lines: ['很长的地址'.repeat(60)] },
      sender: { ...toShanghai.sender, lines: ['A very long street name '.repeat(12)] },
      service: { code: 'AIR-9610-WITH-A-VERY-LONG-CODE', name: 'An air parcel service with a name far too long for the header' },
      order_id: `ord_${'X'.repeat(80)}`,
      contents: Array.from({ length: 12 }, (_, i) => ({
        ...toShanghai.contents[0],
        description: `Item ${i} with a description that goes on and on and on`,
        hs_code: '0409.00',
        quantity: 1,
        value: { amount: '1000', currency: 'AUD' },
        origin_country: 'NZ',
        weight_g: 100,
      })),
    });
    expectWithinPage(page);
    expect(page.text).toContain('+8 more');
    expect(page.text).toContain('很长的地址很长的地址');
    expect(page.text).toContain('…');
    expect(page.text).toContain('AUD 120.00'); // the total counts the lines not shown
    expect(page.text).not.toContain('Item 4 ');
    expect(readBarcode(page)).toBe('CT000000014AU');
  });

  it('refuses amounts that are not integer minor units', async () => {
    const bad = { ...toShanghai, contents: [{ ...toShanghai.contents[0], value: { amount: '45.00', currency: 'AUD' } }] } as LabelData;
    await expect(renderLabel(bad)).rejects.toThrow(RangeError);
  });
});

describe('renderLabels', () => {
  it('puts one label per page, each with its own tracking number and barcode', async () => {
    const numbers = ['CT000000014AU', 'CT000000029AU', 'CT000000032AU'];
    const bytes = await renderLabels(numbers.map((tracking_number) => ({ ...toShanghai, tracking_number })));
    const pages = await readPdf(bytes);
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page.text).toContain(numbers[i]);
      expect(page.text).toContain('张伟');
      expect(readBarcode(page)).toBe(numbers[i]);
    });
    // The font subset is shared by the pages, not repeated.
    expect(bytes.length).toBeLessThan(3 * (await renderLabel(toShanghai)).length);
  });

  it('renders the same way after many documents (the parsed font is shared)', async () => {
    for (let i = 0; i < 20; i++) await renderLabel({ ...toShanghai, tracking_number: `CT${String(i).padStart(8, '0')}5AU` });
    const page = await onePage(toSydney);
    expect(page.text).toContain('深圳好货贸易有限公司');
    expect(readBarcode(page)).toBe('EE123456785CN');
  });

  it('refuses an empty batch and one over 500', async () => {
    await expect(renderLabels([])).rejects.toThrow(RangeError);
    await expect(renderLabels(Array.from({ length: 501 }, () => toShanghai))).rejects.toThrow(RangeError);
  });
});

describe('weights', () => {
  it.each([
    [1250, '1.250 kg'],
    [5, '0.005 kg'],
    [12000, '12.000 kg'],
  ])('%i g prints as %s', async (weight_g, kg) => {
    expect((await onePage({ ...toShanghai, weight_g })).text).toContain(kg);
  });
  it('refuses fractions of a gram', async () => {
    await expect(renderLabel({ ...toShanghai, weight_g: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('Code 128 decoder (test support)', () => {
  it.each(['CT000000014AU', 'abc-123 XYZ', '0123456789', 'A1b2C3', 'x', '12345678901234567890ab'])(
    'reads back bwip-js’s encoding of %s',
    (text) => {
      const [symbol] = bwipjs.raw('code128', text, {});
      expect(decodeCode128((symbol as { sbs: number[] }).sbs)).toBe(text);
    },
  );
  it('rejects a wrong check character', () => {
    const [symbol] = bwipjs.raw('code128', 'CT000000014AU', {});
    const widths = [...(symbol as { sbs: number[] }).sbs];
    // Swap the check character's pattern for another valid one.
    const check = widths.slice(-13, -7).join('');
    widths.splice(widths.length - 13, 6, ...(check === '212222' ? [2, 2, 2, 1, 2, 2] : [2, 1, 2, 2, 2, 2]));
    expect(() => decodeCode128(widths)).toThrow(/check character/);
  });
});
