// The catalog (PRODUCT.md M2) through the HTTP API: products with variants, validation with
// stable codes and params, the listing checks for China (positive list, SAMR, bilingual
// text), the product life cycle, take-downs, CBEC reference data and idempotent creation.
// Images are in catalog-images.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/kernel/context.ts';
import { activateProduct } from '../../src/modules/catalog/service.ts';
import { call, createMerchant, type MerchantFixture, operatorToken } from '../support/http.ts';
import { activate, createProduct, listableProduct, uniqueSku } from '../support/catalog.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

type Issue = { code: string; param: string };
const codes = (issues: Issue[]) => issues.map(({ code, param }) => ({ code, param }));

let p: TestPlatform;
let op: string;
let m: MerchantFixture;
let other: MerchantFixture;
beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p);
  m = await createMerchant(p, op);
  other = await createMerchant(p, op, 'Kiwi Formula');
});
afterAll(() => p.close());

const get = (id: string, token = m.apiKey) => call(p, 'GET', `/v1/products/${id}`, { token });
const productCount = async (token: string) => (await call(p, 'GET', '/v1/products?limit=100', { token })).body.data.length as number;
const EN = { name: 'Manuka Honey 250g', description: 'Raw manuka honey.' };
const ZH = { name: '麦卢卡蜂蜜 250克', description: '天然麦卢卡蜂蜜。' };

describe('creating products', () => {
  it('a draft with its variants: money as minor-unit strings, tax rates of the class, codes normalised, no listing issues', async () => {
    const first = listableProduct().variants[0];
    const second = { ...first, sku: uniqueSku('HNY'), gtin: '9 400000 000016', hs_code: '0409.0000.00', tax_class: 'general' };
    const body = listableProduct({
      variants: [first, { ...second, options: { size: '500g' }, price: { amount: '6990', currency: 'AUD' } }],
    });
    const r = await call(p, 'POST', '/v1/products', { token: m.apiKey, body });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      object: 'product',
      merchant_id: m.id,
      status: 'draft',
      brand: 'Manuka Bay',
      category: 'honey',
      country_of_origin: 'NZ',
      text: body.text,
      shelf_life_days: 1095,
      samr_registration: null,
      images: [],
      listing_issues: [],
      activated_at: null,
      archived_at: null,
    });
    expect(r.body.id).toMatch(/^prd_/);
    const [v0, v1] = r.body.variants;
    expect(v0).toMatchObject({
      object: 'variant',
      product_id: r.body.id,
      sku: first?.sku,
      gtin: '9400000000016',
      options: { size: '250g' },
      hs_code: '0409000000',
      tax_class: 'agricultural',
      tax_rates: { vat_bps: 900, consumption_tax_bps: 0 },
      declared_unit: '035',
      declared_quantity: '0.25',
      net_weight_g: 250,
      gross_weight_g: 420,
      dimensions_mm: { length: 70, width: 70, height: 95 },
      price: { amount: '3990', currency: 'AUD' },
      cny_price: null,
    });
    expect(v1).toMatchObject({
      gtin: '9400000000016',
      hs_code: '0409000000',
      tax_rates: { vat_bps: 1300, consumption_tax_bps: 0 },
      price: { amount: '6990', currency: 'AUD' },
    });
    expect((await get(r.body.id)).body).toEqual(r.body);
  });

  it('another merchant cannot see it (404), operators can', async () => {
    const prod = await createProduct(p, m.apiKey);
    expect((await get(prod.id, other.apiKey)).status).toBe(404);
    expect((await get(prod.id, op)).body.id).toBe(prod.id);
  });

  describe('refused with a stable code and param, and nothing written', () => {
    let v: MerchantFixture;
    beforeAll(async () => {
      v = await createMerchant(p, op, 'Validation Honey');
      await createProduct(p, v.apiKey);
    });

    const variant = (o: Record<string, unknown>) => ({ ...listableProduct().variants[0], ...o });
    const bad = (name: string, status: number, code: string, param: string, body: unknown) => ({ name, status, code, param, body });
    const dup = [variant({ sku: 'DUP-1' }), variant({ sku: 'DUP-1' })];
    it.each([
      bad('a wrong GTIN check digit', 400, 'invalid_gtin', 'variants.0.gtin', listableProduct({}, { gtin: '9400000000017' })),
      bad('a 9-digit HS code', 400, 'invalid_hs_code', 'variants.0.hs_code', listableProduct({}, { hs_code: '040900000' })),
      bad(
        'a short SAMR number',
        400,
        'invalid_samr_registration',
        'samr_registration',
        listableProduct({ samr_registration: '国食注字YP201801' }),
      ),
      bad(
        'an NZD price',
        400,
        'currency_mismatch',
        'variants.0.price.currency',
        listableProduct({}, { price: { amount: '1', currency: 'NZD' } }),
      ),
      bad(
        'gross < net',
        400,
        'invalid_request',
        'variants.0.gross_weight_g',
        listableProduct({}, { net_weight_g: 250, gross_weight_g: 200 }),
      ),
      bad(
        'a bad 2nd variant',
        400,
        'invalid_gtin',
        'variants.1.gtin',
        listableProduct({ variants: [variant({}), variant({ gtin: '123' })] }),
      ),
      bad('one SKU twice in the request', 409, 'already_exists', 'variants.1.sku', listableProduct({ variants: dup })),
    ])('$name → $status $code naming $param', async ({ body, status, code, param }) => {
      const before = await productCount(v.apiKey);
      const r = await call(p, 'POST', '/v1/products', { token: v.apiKey, body });
      expect(r.status, r.raw).toBe(status);
      expect(r.body.error).toMatchObject({ code, param });
      expect(await productCount(v.apiKey)).toBe(before);
    });

    it('a SKU another product of the merchant has → 409 naming it, even as the second variant; another merchant may use it', async () => {
      const taken = uniqueSku('TAKEN');
      await createProduct(p, v.apiKey, listableProduct({}, { sku: taken }));
      const before = await productCount(v.apiKey);
      const fresh = uniqueSku('FRESH');
      for (const [body, param] of [
        [listableProduct({}, { sku: taken }), 'variants.0.sku'],
        [listableProduct({ variants: [variant({ sku: fresh }), variant({ sku: taken })] }), 'variants.1.sku'],
      ] as const) {
        const r = await call(p, 'POST', '/v1/products', { token: v.apiKey, body });
        expect(r.status, r.raw).toBe(409);
        expect(r.body.error).toMatchObject({ code: 'already_exists', param });
      }
      expect(await productCount(v.apiKey)).toBe(before);
      // The first variant of the refused request was rolled back: its SKU is still free.
      expect((await createProduct(p, v.apiKey, listableProduct({}, { sku: fresh }))).variants[0].sku).toBe(fresh);
      const elsewhere = await createProduct(p, other.apiKey, listableProduct({}, { sku: taken }));
      expect(elsewhere.variants[0].sku).toBe(taken);
    });
  });

  it('Idempotency-Key: the same request twice creates one product; another body with the key → 422', async () => {
    const idem = await createMerchant(p, op, 'Idempotent Honey');
    const body = listableProduct();
    const headers = { 'idempotency-key': `create-${body.variants[0]?.sku}` };
    const a = await call(p, 'POST', '/v1/products', { token: idem.apiKey, body, headers });
    const b = await call(p, 'POST', '/v1/products', { token: idem.apiKey, body, headers });
    expect(a.status, a.raw).toBe(201);
    expect(b.status, b.raw).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await productCount(idem.apiKey)).toBe(1);
    const c = await call(p, 'POST', '/v1/products', { token: idem.apiKey, body: { ...body, brand: 'Other' }, headers });
    expect(c.status, c.raw).toBe(422);
    expect(c.body.error.code).toBe('idempotency_key_reused');
    expect(await productCount(idem.apiKey)).toBe(1);
  });
});

describe('listing for China', () => {
  it('a listable draft activates: active, activated_at at the time of listing', async () => {
    const prod = await createProduct(p, m.apiKey);
    p.clock.advance(60_000);
    const r = await call(p, 'POST', `/v1/products/${prod.id}/activate`, { token: m.apiKey, body: {} });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({ status: 'active', activated_at: p.clock.now().toISOString(), listing_issues: [] });
    expect((await get(prod.id)).body.status).toBe('active');
    const again = await call(p, 'POST', `/v1/products/${prod.id}/activate`, { token: m.apiKey, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invalid_state', status: 'active' });
  });

  const medicine = { hs_code: '3004909099', tax_class: 'general' };
  const formula = { hs_code: '1901101000', tax_class: 'general', declared_unit: '035', declared_quantity: '0.9' };
  const issue = (code: string, param: string): Issue => ({ code, param });
  const noZh = [issue('missing_text', 'text.zh-Hans.name'), issue('missing_text', 'text.zh-Hans.description')];
  const ingredients = { text: { en: { ...EN, ingredients: '100% manuka honey' }, 'zh-Hans': ZH } };
  const bare = { hs_code: null, tax_class: null, gross_weight_g: null };
  const several = [
    ...noZh,
    issue('missing_hs_code', 'variants.0.hs_code'),
    issue('missing_tax_class', 'variants.0.tax_class'),
    issue('missing_weight', 'variants.0.gross_weight_g'),
  ];
  it.each<[string, Record<string, unknown>, Record<string, unknown>, Issue[]]>([
    ['medicaments (3004.90.90)', {}, medicine, [issue('not_on_positive_list', 'variants.0.hs_code')]],
    ['beef (0201.30.00)', {}, { hs_code: '0201300000' }, [issue('not_on_positive_list', 'variants.0.hs_code')]],
    ['infant formula without SAMR', { category: 'infant_formula' }, formula, [issue('missing_samr_registration', 'samr_registration')]],
    ['no zh-Hans text', { text: { en: EN } }, {}, noZh],
    ['ingredients in English only', ingredients, {}, [issue('missing_text', 'text.zh-Hans.ingredients')]],
    ['a variant without HS code', {}, { hs_code: null }, [issue('missing_hs_code', 'variants.0.hs_code')]],
    ['several problems at once', { text: { en: EN } }, bare, several],
  ])('%s → 422 listing_blocked with every issue; stays a draft', async (_name, overrides, variant, expected) => {
    const prod = await createProduct(p, m.apiKey, listableProduct(overrides, variant));
    expect(codes(prod.listing_issues)).toEqual(expected);
    const r = await call(p, 'POST', `/v1/products/${prod.id}/activate`, { token: m.apiKey, body: {} });
    expect(r.status, r.raw).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'listing_blocked', param: expected[0]?.param });
    expect(codes(r.body.error.issues)).toEqual(expected);
    expect((await get(prod.id)).body).toMatchObject({ status: 'draft', activated_at: null });
  });

  it('infant formula with a SAMR registration lists; the number is normalised', async () => {
    const prod = await createProduct(
      p,
      m.apiKey,
      listableProduct({ category: 'infant_formula', samr_registration: ' 国食注字yp20180001 ' }, formula),
    );
    expect(prod.samr_registration).toBe('国食注字YP20180001');
    expect((await activate(p, m.apiKey, prod.id)).status).toBe('active');
    // Taking the registration away again would break the listing.
    const r = await call(p, 'POST', `/v1/products/${prod.id}`, { token: m.apiKey, body: { samr_registration: null } });
    expect(r.status, r.raw).toBe(422);
    expect(codes(r.body.error.issues)).toEqual([{ code: 'missing_samr_registration', param: 'samr_registration' }]);
    expect((await get(prod.id)).body.samr_registration).toBe('国食注字YP20180001');
  });

  it('a suspended merchant cannot list: its keys stop working and the service refuses with merchant_not_approved', async () => {
    const s = await createMerchant(p, op, 'Suspended Honey');
    const prod = await createProduct(p, s.apiKey);
    expect((await call(p, 'POST', `/v1/merchants/${s.id}/suspend`, { token: op, body: { reason: 'counterfeit complaint' } })).status).toBe(
      200,
    );
    const viaKey = await call(p, 'POST', `/v1/products/${prod.id}/activate`, { token: s.apiKey, body: {} });
    expect(viaKey.status).toBe(401);
    const ctx: Ctx = {
      ...p.ctx(),
      principal: { kind: 'merchant', id: 'usr_test', merchantId: s.id, role: 'owner', sessionId: 'ses_test' },
    };
    await expect(activateProduct(ctx, prod.id)).rejects.toMatchObject({
      code: 'listing_blocked',
      details: { issues: [expect.objectContaining({ code: 'merchant_not_approved', param: 'merchant' })] },
    });
    const seen = await get(prod.id, op);
    expect(seen.body.status).toBe('draft');
    expect(codes(seen.body.listing_issues)).toEqual([{ code: 'merchant_not_approved', param: 'merchant' }]);
  });
});

describe('changing products', () => {
  it('a listed product refuses a change that breaks its listing (422, nothing changed) and takes a harmless one', async () => {
    const prod = await activate(p, m.apiKey, (await createProduct(p, m.apiKey)).id);
    const vid = prod.variants[0].id;
    p.clock.advance(60_000);
    const bad = await call(p, 'POST', `/v1/variants/${vid}`, { token: m.apiKey, body: { hs_code: '3004909099' } });
    expect(bad.status, bad.raw).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'listing_blocked', param: 'variants.0.hs_code' });
    expect(codes(bad.body.error.issues)).toEqual([{ code: 'not_on_positive_list', param: 'variants.0.hs_code' }]);
    const noZh = await call(p, 'POST', `/v1/products/${prod.id}`, { token: m.apiKey, body: { text: { 'zh-Hans': { name: '蜂蜜' } } } });
    expect(noZh.status, noZh.raw).toBe(422);
    expect(codes(noZh.body.error.issues)).toEqual([{ code: 'missing_text', param: 'text.zh-Hans.description' }]);
    const added = await call(p, 'POST', `/v1/products/${prod.id}/variants`, {
      token: m.apiKey,
      body: { ...listableProduct().variants[0], hs_code: null },
    });
    expect(added.status, added.raw).toBe(422);
    expect((await get(prod.id)).body).toEqual(prod);

    const ok = await call(p, 'POST', `/v1/variants/${vid}`, { token: m.apiKey, body: { price: { amount: '4290', currency: 'AUD' } } });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', updated_at: p.clock.now().toISOString() });
    expect(ok.body.variants[0]).toMatchObject({
      price: { amount: '4290', currency: 'AUD' },
      hs_code: '0409000000',
      sku: prod.variants[0].sku,
    });
  });

  it('text merges per locale: sending zh-Hans alone keeps en', async () => {
    const prod = await createProduct(p, m.apiKey);
    const zh = { name: '新西兰麦卢卡蜂蜜', description: '东角出产。' };
    const r = await call(p, 'POST', `/v1/products/${prod.id}`, { token: m.apiKey, body: { text: { 'zh-Hans': zh }, brand: 'Hive Gold' } });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.text).toEqual({ en: prod.text.en, 'zh-Hans': zh });
    expect((await get(prod.id)).body).toMatchObject({ brand: 'Hive Gold', text: { en: prod.text.en, 'zh-Hans': zh } });
  });

  it('adding a variant → 201 with both; its SKU must be new for the merchant', async () => {
    const prod = await createProduct(p, m.apiKey);
    const sku = uniqueSku('ADD');
    const body = { ...listableProduct().variants[0], sku, options: { size: '500g' }, price: { amount: '6990', currency: 'AUD' } };
    const r = await call(p, 'POST', `/v1/products/${prod.id}/variants`, { token: m.apiKey, body });
    expect(r.status, r.raw).toBe(201);
    expect(r.body.variants.map((x: { sku: string }) => x.sku)).toEqual([prod.variants[0].sku, sku]);
    expect(r.body.variants[1]).toMatchObject({ options: { size: '500g' }, price: { amount: '6990', currency: 'AUD' } });
    const dup = await call(p, 'POST', `/v1/products/${prod.id}/variants`, { token: m.apiKey, body });
    expect(dup.status, dup.raw).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'already_exists', param: 'sku' });
    expect((await get(prod.id)).body.variants).toHaveLength(2);
  });

  // A variant on its own (add or update) has its fields at the top level: `gtin`, not `.gtin`.
  it.each([
    ['update', 'an invalid GTIN', { gtin: '9400000000017' }, 'invalid_gtin', 'gtin'],
    ['update', 'a foreign currency', { price: { amount: '100', currency: 'NZD' } }, 'currency_mismatch', 'price.currency'],
    ['update', 'gross below net', { gross_weight_g: 10 }, 'invalid_request', 'gross_weight_g'],
    ['add', 'an invalid GTIN', { gtin: '9400000000017' }, 'invalid_gtin', 'gtin'],
  ] as const)('%s a variant with %s → 400 naming the field', async (how, _name, patch, code, param) => {
    const prod = await createProduct(p, m.apiKey);
    const r =
      how === 'update'
        ? await call(p, 'POST', `/v1/variants/${prod.variants[0].id}`, { token: m.apiKey, body: patch })
        : await call(p, 'POST', `/v1/products/${prod.id}/variants`, {
            token: m.apiKey,
            body: { ...listableProduct().variants[0], ...patch },
          });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error).toMatchObject({ code, param });
    expect((await get(prod.id)).body).toEqual(prod);
  });

  it('clearing the net weight while lowering the gross is no weight conflict (the draft then misses its weights)', async () => {
    const prod = await createProduct(p, m.apiKey); // net 250 g, gross 420 g
    const r = await call(p, 'POST', `/v1/variants/${prod.variants[0].id}`, {
      token: m.apiKey,
      body: { net_weight_g: null, gross_weight_g: 100 },
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.variants[0]).toMatchObject({ net_weight_g: null, gross_weight_g: 100 });
    expect(codes(r.body.listing_issues)).toEqual([{ code: 'missing_weight', param: 'variants.0.gross_weight_g' }]);
  });
});

describe('archiving', () => {
  it('active → archived, still readable, then frozen: updates, activation and a second archive → 409', async () => {
    const prod = await activate(p, m.apiKey, (await createProduct(p, m.apiKey)).id);
    p.clock.advance(60_000);
    const r = await call(p, 'POST', `/v1/products/${prod.id}/archive`, { token: m.apiKey, body: {} });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({ status: 'archived', archived_at: p.clock.now().toISOString(), activated_at: prod.activated_at });
    const read = await get(prod.id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'archived', variants: [{ id: prod.variants[0].id }] });
    const attempts = [
      ['POST', `/v1/products/${prod.id}`, { brand: 'Changed' }],
      ['POST', `/v1/variants/${prod.variants[0].id}`, { price: { amount: '1', currency: 'AUD' } }],
      ['POST', `/v1/products/${prod.id}/variants`, listableProduct().variants[0]],
      ['POST', `/v1/products/${prod.id}/activate`, {}],
      ['POST', `/v1/products/${prod.id}/archive`, {}],
    ] as const;
    for (const [method, url, body] of attempts) {
      const x = await call(p, method, url, { token: m.apiKey, body });
      expect(x.status, `${url} ${x.raw}`).toBe(409);
      expect(x.body.error.code).toBe('invalid_state');
    }
    expect((await get(prod.id)).body).toEqual(read.body);
  });

  it('an operations operator takes a merchant’s product down; support may not', async () => {
    const prod = await activate(p, m.apiKey, (await createProduct(p, m.apiKey)).id);
    const support = await operatorToken(p, 'support');
    expect((await call(p, 'POST', `/v1/products/${prod.id}/archive`, { token: support, body: {} })).status).toBe(403);
    const ops = await operatorToken(p, 'operations');
    const r = await call(p, 'POST', `/v1/products/${prod.id}/archive`, { token: ops, body: {} });
    expect(r.status, r.raw).toBe(200);
    expect((await get(prod.id)).body.status).toBe('archived');
  });
});

describe('CBEC reference data', () => {
  it('is public: the positive list with its source, tax classes, customs units', async () => {
    const r = await call(p, 'GET', '/v1/cbec/reference');
    expect(r.status, r.raw).toBe(200);
    const { positive_list: list, tax_classes, customs_units } = r.body;
    expect(list.source).toMatch(/announcement 2022 No\. 7/);
    expect(list.source_url).toMatch(/^https?:\/\//);
    const lines = list.lines.map((l: { tariff_line: string }) => l.tariff_line);
    expect(lines).toEqual(expect.arrayContaining(['04090000', '19011010']));
    expect(lines).not.toContain('30049090');
    expect(lines.every((l: string) => /^\d{8}$/.test(l))).toBe(true);
    expect(tax_classes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'agricultural', vat_bps: 900, consumption_tax_bps: 0 }),
        expect.objectContaining({ code: 'cosmetics_high_end', vat_bps: 1300, consumption_tax_bps: 1500 }),
      ]),
    );
    expect(customs_units).toEqual(expect.arrayContaining([expect.objectContaining({ code: '035' })]));
  });

  it('agrees with the listing checks: an HS code under a listed tariff line lists', async () => {
    const { body } = await call(p, 'GET', '/v1/cbec/reference');
    const line = body.positive_list.lines.find((l: { tariff_line: string }) => l.tariff_line === '21069090');
    expect(line).toBeDefined();
    const prod = await createProduct(
      p,
      m.apiKey,
      listableProduct({ category: 'health_supplements' }, { hs_code: `${line.tariff_line}99`, tax_class: 'general' }),
    );
    expect(prod.listing_issues).toEqual([]);
  });
});
