// The demo corridor data is what a newcomer sees first, and what `tasman seed` feeds through
// merchant onboarding and the catalog: it must pass the same rules real listings do
// (PRODUCT.md "Domain rules": identifiers, CBEC positive list, SAMR registration, tax classes;
// for the seller in China, the USCC of GB 32100-2015 and the AU/NZ listing checks).
import { describe, expect, it } from 'vitest';
import {
  validateAbn,
  validateAuBankAccount,
  validateCnBankAccount,
  validateNzBankAccount,
  validateNzbn,
  validateUscc,
} from '../../merchants/rules.ts';
import { MERCHANT_CATEGORIES } from '../../merchants/service.ts';
import { CBEC_TAX_CLASSES, CUSTOMS_UNITS, INFANT_FORMULA_TARIFF_LINES, positiveListLine, validateSamrRegistration } from '../cbec.ts';
import { anzListingIssues, validateExportHsCode, validateGtin, validateHsCode } from '../rules.ts';
import { merchantCurrency } from '../service.ts';
import { DEMO_MERCHANTS, type DemoMerchant, type DemoProduct, type DemoVariant } from './corridor.ts';

const merchantName = (m: DemoMerchant) => m.application.trading_name ?? m.application.legal_name;
const label = ({ m, p }: { m: DemoMerchant; p: DemoProduct }) => `${merchantName(m)} / ${p.text.en.name}`;
const currencyOf = (m: DemoMerchant) => merchantCurrency(m.application.country);
const inChina = (m: DemoMerchant) => m.application.country === 'CN';
const allProducts = DEMO_MERCHANTS.flatMap((m) => m.products.map((p) => ({ m, p })));
const allVariants = allProducts.flatMap(({ m, p }) => p.variants.map((v) => ({ m, p, v })));
// ANZ brands selling to China: the CBEC rules apply to them.
const ANZ_MERCHANTS = DEMO_MERCHANTS.filter((m) => !inChina(m));
const products = allProducts.filter(({ m }) => !inChina(m));
const variants = allVariants.filter(({ m }) => !inChina(m));
// The rough rates the demo CNY prices were set at (PRODUCT.md: CNY, AUD, NZD all have 2 minor units).
const CNY_PER = { AUD: 4.7, NZD: 4.3 } as const;
const cnyPer = (m: DemoMerchant) => CNY_PER[currencyOf(m) as 'AUD' | 'NZD'];
const yuanPrice = (m: DemoMerchant, v: DemoVariant) => (v.cny_price ? v.cny_price.amount : v.price.amount * cnyPer(m)) / 100;
const HAN = /\p{Script=Han}/u;
const isMinorUnits = (n: number) => Number.isSafeInteger(n) && n > 0;

describe('demo corridor — coverage', () => {
  it('has at least 6 merchants from both Australia and New Zealand, and one seller in China', () => {
    expect(ANZ_MERCHANTS.length).toBeGreaterThanOrEqual(6);
    const countries = new Set(DEMO_MERCHANTS.map((m) => m.application.country));
    expect(countries).toEqual(new Set(['AU', 'NZ', 'CN']));
    expect(DEMO_MERCHANTS.filter(inChina)).toHaveLength(1);
  });

  it('has at least 80 products, 12–16 per ANZ merchant, 2–3 for the seller in China, each with 1–4 variants', () => {
    expect(products.length).toBeGreaterThanOrEqual(80);
    for (const m of DEMO_MERCHANTS.filter(inChina)) {
      expect(m.products.length, merchantName(m)).toBeGreaterThanOrEqual(2);
      expect(m.products.length, merchantName(m)).toBeLessThanOrEqual(3);
    }
    for (const x of allProducts) {
      expect(x.p.variants.length, label(x)).toBeGreaterThanOrEqual(1);
      expect(x.p.variants.length, label(x)).toBeLessThanOrEqual(4);
    }
    for (const m of ANZ_MERCHANTS) {
      expect(m.products.length, merchantName(m)).toBeGreaterThanOrEqual(12);
      expect(m.products.length, merchantName(m)).toBeLessThanOrEqual(16);
    }
    for (const x of products) {
      expect(x.p.variants.length, label(x)).toBeGreaterThanOrEqual(1);
      expect(x.p.variants.length, label(x)).toBeLessThanOrEqual(4);
    }
  });

  it('covers the corridor: NZ honey, formula, supplements, skincare, AU wine and snacks', () => {
    const has = (category: string, country?: string) =>
      products.some(({ m, p }) => p.category === category && (country === undefined || m.application.country === country));
    expect(has('honey', 'NZ')).toBe(true);
    expect(has('infant_formula')).toBe(true);
    expect(has('health_supplements', 'AU')).toBe(true);
    expect(has('skincare_cosmetics')).toBe(true);
    expect(has('wine', 'AU')).toBe(true);
    expect(has('food_beverage', 'AU')).toBe(true);
    expect(has('mother_baby')).toBe(true);
  });
});

describe('demo corridor — merchants (M1 onboarding rules)', () => {
  it.each(DEMO_MERCHANTS.map((m) => [merchantName(m), m] as const))(
    '%s: business number valid for its country (ABN / NZBN / USCC)',
    (_, m) => {
      const validate = { AU: validateAbn, NZ: validateNzbn, CN: validateUscc }[m.application.country];
      expect(validate(m.application.business_number)).toMatchObject({ ok: true });
    },
  );

  it.each(DEMO_MERCHANTS.map((m) => [merchantName(m), m] as const))('%s: payout account in its own country and well formed', (_, m) => {
    const a = m.application.payout_account;
    expect(a.country).toBe(m.application.country);
    expect(a.account_name.trim()).not.toBe('');
    const r =
      a.country === 'AU'
        ? validateAuBankAccount(a)
        : a.country === 'CN'
          ? validateCnBankAccount(a.account_number)
          : validateNzBankAccount(a.account_number);
    expect(r).toMatchObject({ ok: true });
  });

  it('applies for known categories and sells only in them, using every category applied for', () => {
    for (const m of DEMO_MERCHANTS) {
      const applied = new Set<string>(m.application.categories);
      for (const c of applied) expect(MERCHANT_CATEGORIES).toContain(c);
      const sold = new Set(m.products.map((p) => p.category));
      for (const c of sold) expect(applied.has(c), `${merchantName(m)} sells ${c}`).toBe(true);
      expect(sold, merchantName(m)).toEqual(applied);
    }
  });

  it('lists only its own brands, made in its own country, from a warehouse in its country', () => {
    for (const m of DEMO_MERCHANTS) {
      expect(m.warehouse.country).toBe(m.application.country);
      for (const p of m.products) {
        expect(m.application.brands, `${merchantName(m)} / ${p.text.en.name}`).toContain(p.brand);
        expect(p.country_of_origin).toBe(m.application.country);
      }
    }
  });

  it('uses unique, reserved demo e-mail addresses and distinct business numbers', () => {
    const owners = DEMO_MERCHANTS.map((m) => m.owner.email.toLowerCase());
    expect(new Set(owners).size).toBe(owners.length);
    for (const m of DEMO_MERCHANTS) {
      expect(m.owner.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.demo\.tasman\.local$/);
      expect(m.application.contact.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.demo\.tasman\.local$/);
      expect(m.owner.name.trim()).not.toBe('');
    }
    const numbers = DEMO_MERCHANTS.map((m) => m.application.business_number.replace(/\s/g, ''));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('demo corridor — identifiers', () => {
  it('every GTIN is a valid GTIN-13 under the merchant country GS1 prefix (AU 93, NZ 94, China 69), and GTINs are unique', () => {
    const seen = new Set<string>();
    for (const { m, v } of allVariants) {
      if (v.gtin === undefined) continue;
      expect(validateGtin(v.gtin), v.sku).toEqual({ ok: true, value: v.gtin, kind: 'GTIN-13' });
      expect(v.gtin.slice(0, 2), v.sku).toBe({ AU: '93', NZ: '94', CN: '69' }[m.application.country]);
      expect(seen.has(v.gtin), `duplicate GTIN ${v.gtin}`).toBe(false);
      seen.add(v.gtin);
    }
    // Most sold units carry a barcode; only multi-bottle cases go without.
    expect(seen.size).toBeGreaterThan(allVariants.length * 0.9);
  });

  it('SKUs are unique within each merchant (and across the demo)', () => {
    for (const m of DEMO_MERCHANTS) {
      const skus = m.products.flatMap((p) => p.variants.map((v) => v.sku));
      expect(new Set(skus).size, merchantName(m)).toBe(skus.length);
    }
    expect(new Set(allVariants.map(({ v }) => v.sku)).size).toBe(allVariants.length);
  });
});

describe('demo corridor — the seller in China (AU/NZ listing checks, GST flags)', () => {
  const sellers = DEMO_MERCHANTS.filter(inChina);
  const theirs = allVariants.filter(({ m }) => inChina(m));

  it('passes the AU/NZ listing checks: English text, an HS code of 6–10 digits, a weight', () => {
    for (const m of sellers) {
      for (const p of m.products) {
        const candidate = {
          merchantStatus: 'approved',
          text: p.text,
          variants: p.variants.map((v) => ({ hsCode: v.hs_code, netWeightG: v.net_weight_g, grossWeightG: v.gross_weight_g })),
        };
        expect(anzListingIssues(candidate), label({ m, p })).toEqual([]);
        for (const v of p.variants) expect(validateExportHsCode(v.hs_code), v.sku).toEqual({ ok: true, value: v.hs_code });
      }
    }
  });

  it('prices in CNY with no fixed CNY price and no CBEC data, stocked only in its own warehouse in China', () => {
    for (const { m, v } of theirs) {
      expect(v.price.currency, v.sku).toBe('CNY');
      expect(v.cny_price, v.sku).toBeUndefined();
      expect([v.tax_class, v.declared_unit, v.declared_quantity], v.sku).toEqual([undefined, undefined, undefined]);
      expect(v.stock.bonded, v.sku).toBeUndefined();
      expect(v.stock.warehouse, v.sku).toBeGreaterThan(0);
      expect(m.warehouse.country).toBe('CN');
    }
  });

  it('marks tea leaves GST-free in Australia (GST Act 1999 Div 38, beverages ingredients) and the shortbread not', () => {
    for (const { v } of theirs) {
      const tea = v.hs_code.startsWith('0902');
      expect(v.gst_free === true, v.sku).toBe(tea);
      expect(v.alcohol_or_tobacco ?? false, v.sku).toBe(false);
    }
    expect(theirs.some(({ v }) => !v.gst_free)).toBe(true);
  });
});

describe('demo corridor — China CBEC rules', () => {
  it('every HS code is 10 digits and its tariff line is on the CBEC positive list', () => {
    for (const { v } of variants) {
      expect(validateHsCode(v.hs_code), v.sku).toEqual({ ok: true, value: v.hs_code });
      expect(positiveListLine(v.hs_code), `${v.sku} ${v.hs_code}`).toBeDefined();
    }
  });

  it('every infant formula carries a valid SAMR formula registration, one per formula', () => {
    const formula = products.filter(({ p }) => p.variants.some((v) => INFANT_FORMULA_TARIFF_LINES.has(v.hs_code.slice(0, 8))));
    expect(formula.length).toBeGreaterThanOrEqual(3);
    for (const x of formula) {
      expect(x.p.samr_registration, label(x)).toBeDefined();
      expect(validateSamrRegistration(x.p.samr_registration ?? ''), label(x)).toEqual({ ok: true, value: x.p.samr_registration });
      expect(x.p.category).toBe('infant_formula');
    }
    const numbers = formula.map(({ p }) => p.samr_registration);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Stages 1, 2 and 3 are all on offer.
    const stages = new Set(formula.flatMap(({ p }) => p.variants.map((v) => v.options['stage'])));
    expect(stages).toEqual(new Set(['1', '2', '3']));
  });

  it('declares a known customs unit and a quantity that matches the net weight where it is a weight', () => {
    for (const { v } of variants) {
      expect(Object.keys(CUSTOMS_UNITS), v.sku).toContain(v.declared_unit);
      expect(v.declared_quantity, v.sku).toMatch(/^\d+(\.\d+)?$/);
      const q = Number(v.declared_quantity);
      expect(q, v.sku).toBeGreaterThan(0);
      if (v.declared_unit === '035') expect(Math.round(q * 1000), v.sku).toBe(v.net_weight_g);
      if (v.declared_unit === '036') expect(q, v.sku).toBe(v.net_weight_g);
    }
  });

  it('uses the tax class of the goods: honey and raw nuts agricultural, wine wine, high-end cosmetics by price', () => {
    for (const { m, v } of variants) {
      expect(Object.keys(CBEC_TAX_CLASSES), v.sku).toContain(v.tax_class);
      const line = v.hs_code.slice(0, 8);
      if (line === '04090000' || line === '08026200') expect(v.tax_class, v.sku).toBe('agricultural');
      if (line.startsWith('2204')) expect(v.tax_class, v.sku).toBe('wine');
      else expect(v.tax_class, v.sku).not.toBe('wine');
      if (line.startsWith('3304')) {
        // High-end cosmetics: taxable price ≥ RMB 10 per ml or g, or ≥ RMB 15 per piece (cbec.ts).
        const perUnit = yuanPrice(m, v) / Number(v.declared_quantity);
        const threshold = v.declared_unit === '007' ? 15 : 10;
        expect(['096', '036', '007'], v.sku).toContain(v.declared_unit);
        expect(v.tax_class, `${v.sku} at RMB ${perUnit.toFixed(2)} per unit`).toBe(perUnit >= threshold ? 'cosmetics_high_end' : 'general');
      } else {
        expect(v.tax_class, v.sku).not.toBe('cosmetics_high_end');
      }
    }
    expect(variants.some(({ v }) => v.tax_class === 'cosmetics_high_end')).toBe(true);
  });
});

describe('demo corridor — text (M2 bilingual catalog)', () => {
  it('every product has an English and a Simplified Chinese name and description, the Chinese in Han characters', () => {
    for (const x of allProducts) {
      const { en, 'zh-Hans': zh } = x.p.text;
      expect(en.name.trim(), label(x)).not.toBe('');
      expect(en.description.trim(), label(x)).not.toBe('');
      expect(zh.name, label(x)).toMatch(HAN);
      expect(zh.description, label(x)).toMatch(HAN);
      // The zh name carries the brand, so shoppers can search for it either way.
      expect(zh.name.startsWith(x.p.brand), label(x)).toBe(true);
    }
  });

  it('optional text given in one language is given in the other, in Chinese where it is zh-Hans', () => {
    for (const x of allProducts) {
      for (const field of ['subtitle', 'ingredients', 'usage'] as const) {
        const en = x.p.text.en[field];
        const zh = x.p.text['zh-Hans'][field];
        expect(en === undefined, `${label(x)} ${field}`).toBe(zh === undefined);
        if (zh !== undefined) expect(zh, `${label(x)} ${field}`).toMatch(HAN);
      }
    }
  });

  it('product names are unique in each language', () => {
    for (const locale of ['en', 'zh-Hans'] as const) {
      const names = allProducts.map(({ p }) => p.text[locale].name);
      expect(new Set(names).size, locale).toBe(names.length);
    }
  });
});

describe('demo corridor — prices, weights and stock', () => {
  it("prices every variant in its merchant's currency, in positive integer minor units", () => {
    for (const { m, v } of allVariants) {
      expect(v.price.currency, v.sku).toBe(currencyOf(m));
      expect(isMinorUnits(v.price.amount), v.sku).toBe(true);
    }
  });

  it('gives about a third of variants a fixed CNY price in fen, close to the converted price', () => {
    const fixed = variants.filter(({ v }) => v.cny_price !== undefined);
    expect(fixed.length / variants.length).toBeGreaterThan(0.2);
    expect(fixed.length / variants.length).toBeLessThan(0.5);
    for (const { m, v } of fixed) {
      const cny = v.cny_price;
      if (!cny) continue;
      expect(cny.currency).toBe('CNY');
      expect(isMinorUnits(cny.amount), v.sku).toBe(true);
      const ratio = cny.amount / (v.price.amount * cnyPer(m));
      expect(ratio, v.sku).toBeGreaterThan(0.85);
      expect(ratio, v.sku).toBeLessThan(1.15);
    }
  });

  it('has integer weights with gross above net, and positive integer dimensions', () => {
    for (const { v } of allVariants) {
      expect(Number.isInteger(v.net_weight_g) && v.net_weight_g > 0, v.sku).toBe(true);
      expect(Number.isInteger(v.gross_weight_g), v.sku).toBe(true);
      expect(v.gross_weight_g, v.sku).toBeGreaterThan(v.net_weight_g);
      for (const d of Object.values(v.dimensions_mm)) expect(Number.isInteger(d) && d > 0, v.sku).toBe(true);
    }
  });

  it('stocks every merchant, with bonded stock for each and a few low-stock variants to show', () => {
    for (const { v } of variants) {
      expect(Number.isInteger(v.stock.warehouse) && v.stock.warehouse >= 0, v.sku).toBe(true);
      if (v.stock.bonded !== undefined) expect(Number.isInteger(v.stock.bonded) && v.stock.bonded > 0, v.sku).toBe(true);
    }
    for (const m of ANZ_MERCHANTS) {
      const bonded = m.products.some((p) => p.variants.some((v) => (v.stock.bonded ?? 0) > 0));
      expect(bonded, merchantName(m)).toBe(true);
    }
    const low = variants.filter(({ v }) => v.stock.warehouse <= 5);
    expect(low.length).toBeGreaterThanOrEqual(2);
    expect(low.length).toBeLessThanOrEqual(5);
    const bondedShare = variants.filter(({ v }) => v.stock.bonded !== undefined).length / variants.length;
    expect(bondedShare).toBeGreaterThan(0.3);
    expect(bondedShare).toBeLessThan(0.7);
  });
});
