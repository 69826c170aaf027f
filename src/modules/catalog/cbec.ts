// China CBEC data the catalog checks listings against (PRODUCT.md "China CBEC retail
// import"): the positive list of tariff lines, the tax classes (statutory VAT and
// consumption-tax rates), the SAMR infant-formula registration and the customs units a
// declaration line may use. Data and pure lookups only; the tax engine computes the 70 %
// composite rate from these rates.
import { readFileSync } from 'node:fs';

export interface PositiveListLine {
  tariff_line: string;
  description_zh: string;
  description_en: string;
}

export interface PositiveList {
  title: string;
  source: string;
  source_url: string;
  scope: string;
  lines: PositiveListLine[];
}

/** Shipped as data (data/cbec-positive-list.json) with its source named; loaded once. */
export const POSITIVE_LIST: PositiveList = JSON.parse(readFileSync(new URL('./data/cbec-positive-list.json', import.meta.url), 'utf8'));

const byTariffLine = new Map(POSITIVE_LIST.lines.map((l) => [l.tariff_line, l]));

/**
 * The positive-list line covering a 10-digit China HS code, if any. The list names 8-digit
 * tariff lines (税则号列); the last two digits of the HS code are China's statistical
 * supplement and do not change eligibility (announcement 2019 No. 96, list notes).
 */
export function positiveListLine(hsCode: string): PositiveListLine | undefined {
  return byTariffLine.get(hsCode.slice(0, 8));
}

/**
 * CBEC tax classes: the statutory rates in basis points before the 70 % CBEC reduction
 * (2018 No. 49 §1). VAT 13 % is the general rate after the 2019 VAT reform, 9 % the rate
 * for agricultural products such as natural honey; consumption tax 15 % applies to
 * high-end cosmetics (≥ RMB 10 per ml/g or ≥ RMB 15 per piece), 10 % to wine.
 *
 * `tariff_bps` is charged only on the general-trade path (one indivisible item over RMB 5,000:
 * 2018 No. 49 §2, tariff in full); within the CBEC limits the tariff is 0 (2016 No. 18 §3).
 * China sets tariffs per tariff line, not per tax class, so each figure is the MFN rate of the
 * class's representative line in the China import tariff schedule (2024–2025 edition, as
 * republished by htshub.com; check against the Customs Tariff Commission's annual notice):
 * - general 12 %: 2106.9090 food preparations n.e.s. (health supplements). Other lines of the
 *   class differ: infant formula 1901.1010 has a provisional rate of 0, ordinary skin care
 *   3304.99 is 1 %, chocolate 1806 8 %; a merchant selling such an item over RMB 5,000 should
 *   expect the engine to over-state the tariff, never under-state it for supplements.
 * - agricultural 15 %: 0409.0000 natural honey (MFN 15 %).
 * - cosmetics_high_end 1 %: 3304.9900 beauty and skin-care preparations (MFN 1 %).
 * - wine 14 %: 2204.2100 wine of fresh grapes in containers ≤ 2 l (MFN 14 %).
 * Goods of Australian or New Zealand origin qualify for 0 % on these lines under ChAFTA (in force
 * 20 Dec 2015, cuts completed 1 Jan 2019) and the China–New Zealand FTA (2008, upgraded 2022),
 * but only with proof of origin (certificate or declaration of origin) presented at clearance,
 * which the platform does not collect: the engine charges MFN, an upper bound for ANZ goods.
 */
export const CBEC_TAX_CLASSES = {
  general: {
    vat_bps: 1300,
    consumption_tax_bps: 0,
    tariff_bps: 1200,
    description: 'Most food, infant formula, supplements, ordinary cosmetics',
  },
  agricultural: { vat_bps: 900, consumption_tax_bps: 0, tariff_bps: 1500, description: 'Agricultural products, e.g. natural honey, nuts' },
  cosmetics_high_end: {
    vat_bps: 1300,
    consumption_tax_bps: 1500,
    tariff_bps: 100,
    description: 'High-end cosmetics (≥ RMB 10/ml or g, ≥ RMB 15/piece)',
  },
  wine: { vat_bps: 1300, consumption_tax_bps: 1000, tariff_bps: 1400, description: 'Wine and other fermented beverages' },
} as const;
export type CbecTaxClass = keyof typeof CBEC_TAX_CLASSES;
export const CBEC_TAX_CLASS_CODES = Object.keys(CBEC_TAX_CLASSES) as [CbecTaxClass, ...CbecTaxClass[]];

/**
 * China customs units of measure (海关计量单位代码) used on declaration lines (CEB311
 * `unit`). The ones our categories declare in.
 */
export const CUSTOMS_UNITS = {
  '007': '个 piece',
  '011': '件 article',
  '035': '千克 kilogram',
  '036': '克 gram',
  '095': '升 litre',
  '096': '毫升 millilitre',
} as const;
export type CustomsUnit = keyof typeof CUSTOMS_UNITS;
export const CUSTOMS_UNIT_CODES = Object.keys(CUSTOMS_UNITS) as [CustomsUnit, ...CustomsUnit[]];

/** Tariff lines of infant formula: listing needs a SAMR formula registration (PRODUCT.md). */
export const INFANT_FORMULA_TARIFF_LINES: ReadonlySet<string> = new Set(['19011010']);

/**
 * SAMR infant-formula registration number (婴幼儿配方乳粉产品配方注册证书编号), e.g.
 * `国食注字YP20180001`: the prefix, `YP`, the four-digit year and a four-digit serial.
 */
export function validateSamrRegistration(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = input.trim().toUpperCase().replace(/\s/g, '');
  if (!/^国食注字YP(19|20)\d{2}\d{4}$/.test(value)) {
    return { ok: false, message: 'A SAMR formula registration number looks like 国食注字YP20180001' };
  }
  return { ok: true, value };
}
