// The storefront through the API: bilingual search (Chinese segmentation, English typos,
// pinyin), facets, and what is shown: only listed products of approved merchants, with
// the index following catalog and merchant changes within a second.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activate, createBonded, createProduct, createWarehouse, listableProduct, receive } from '../support/catalog.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { type Corridor, type ReverseCorridor, setUpCorridor, setUpReverseCorridor } from '../support/corridor.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let op: string;
let A: MerchantFixture;
let B: MerchantFixture;
const ids: Record<string, string> = {};

function product(en: string, zh: string, category: string, hs: string, price: string, extra: Record<string, unknown> = {}) {
  return listableProduct(
    {
      brand: category === 'honey' ? 'Manuka Bay' : 'Little Kiwi',
      category,
      text: { en: { name: en, description: `${en}, made in New Zealand.` }, 'zh-Hans': { name: zh, description: `${zh}，新西兰制造。` } },
      ...extra,
    },
    { hs_code: hs, price: { amount: price, currency: 'AUD' }, tax_class: category === 'honey' ? 'agricultural' : 'general' },
  );
}

beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p, 'admin');
  A = await createMerchant(p, op, 'Manuka Bay');
  B = await createMerchant(p, op, 'Little Kiwi');
  const bonded = await createBonded(p, op);
  const warehouse = await createWarehouse(p, A.owner);
  const honey = await createProduct(p, A.owner, product('Manuka Honey UMF 15+', '麦卢卡蜂蜜 UMF 15+', 'honey', '0409000000', '8990'));
  ids.honey = honey.id;
  await activate(p, A.owner, honey.id);
  await receive(p, A.owner, honey.variants[0].id, bonded, 10);
  await receive(p, A.owner, honey.variants[0].id, warehouse, 5);
  const formula = await createProduct(
    p,
    B.owner,
    product('Stage 1 Infant Formula 900g', '婴儿配方奶粉 1段 900克', 'infant_formula', '1901101000', '4200', {
      samr_registration: '国食注字YP20180001',
    }),
  );
  ids.formula = formula.id;
  await activate(p, B.owner, formula.id);
  const draft = await createProduct(p, A.owner, product('Clover Honey Draft', '三叶草蜂蜜', 'honey', '0409000000', '1500'));
  ids.draft = draft.id;
});
afterAll(() => p?.close());

const search = async (query: string) => (await call(p, 'GET', `/v1/storefront/products?${query}`)).body;
const found = async (query: string) => (await search(query)).data.map((d: { id: string }) => d.id);
/** The storefront must reflect a change within a second. */
const withinASecond = (fn: () => Promise<void>) => vi.waitFor(fn, { timeout: 1000, interval: 50 });

describe('search', () => {
  it.each([
    ['奶粉 finds 婴儿配方奶粉', 'q=奶粉', 'formula'],
    ['English, stemmed', 'q=honeys', 'honey'],
    ['English with a typo', 'q=manuka%20hony', 'honey'],
    ['pinyin', 'q=naifen', 'formula'],
    ['Chinese brand-less product word', 'q=蜂蜜', 'honey'],
  ])('%s', async (_what, query, want) => {
    await withinASecond(async () => expect(await found(query)).toContain(ids[want]));
    expect(await found(query)).not.toContain(ids[want === 'honey' ? 'formula' : 'honey']);
  });

  it('shows only active products: a draft is not found', async () => {
    await withinASecond(async () => expect(await found('q=manuka')).toContain(ids.honey));
    expect(await found('q=clover')).toEqual([]);
    expect((await call(p, 'GET', `/v1/storefront/products/${ids.draft}`)).status).toBe(404);
  });

  it('facets, filters and ships-from', async () => {
    const all = await search('limit=50');
    const cat = Object.fromEntries(all.facets.category.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(cat).toMatchObject({ honey: 1, infant_formula: 1 });
    expect(await found('category=honey')).toEqual([ids.honey]);
    expect(await found('ships_from=bonded')).toEqual([ids.honey]);
    const honey = (await search('q=manuka')).data[0];
    expect(honey.ships_from.sort()).toEqual(['bonded', 'overseas']);
    expect(honey.variants[0]).toMatchObject({ available: 15, price: { amount: '8990', currency: 'AUD' }, cny_price_fixed: false });
    // Indicative conversion at AUD 4.70, half-up: 89.90 × 4.70 = 422.53.
    expect(honey.variants[0].cny_price).toEqual({ amount: '42253', currency: 'CNY' });
    expect(honey.variants[0].fx_rate).toBeNull();
    expect(await found('price_max=30000')).toEqual([ids.formula]);
    expect((await found('sort=price_desc'))[0]).toBe(ids.honey);
  });

  it('with an FX rate set, shows the CNY price a payment charges at that rate (issue 4: prices from the current rate)', async () => {
    const fin = await operatorToken(p, 'finance');
    const rate = await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
    expect(rate.status, rate.raw).toBe(201);
    const honey = (await search('q=manuka')).data[0];
    // CNY→AUD customer rate 1/4.7 less 0.5 % = 0.2117021276; 89.90 ÷ 0.2117021276 = 424.65… → 424.66 (rounded up)
    expect(honey.variants[0]).toMatchObject({ fx_rate: '0.2117021276', cny_price: { amount: '42466', currency: 'CNY' } });
    expect(honey.price_from).toEqual({ amount: '42466', currency: 'CNY' });
    // A payment intent for the same price, quoted now, charges exactly that.
    const shopper = await createShopper(p, 'CN');
    const intent = await call(p, 'POST', '/v1/payment-intents', {
      token: A.apiKey,
      body: {
        order_reference: 'SF-1',
        amount: { amount: '8990', currency: 'AUD' },
        buyer: { name: '李伟', id_number: `11010519491231002${residentIdCheckChar('11010519491231002')}` },
      },
    });
    expect(intent.status, intent.raw).toBe(201);
    const quote = await call(p, 'POST', `/v1/payment-intents/${intent.body.id}/quote`, { token: shopper.token });
    expect(quote.body.charge).toEqual(honey.variants[0].cny_price);
  });
});

describe('the index follows changes', () => {
  it('a newly listed product appears, an archived one disappears', async () => {
    const kiwi = await createProduct(p, A.owner, product('Kiwifruit Honey Blend', '奇异果蜂蜜', 'honey', '0409000000', '2500'));
    await activate(p, A.owner, kiwi.id);
    await withinASecond(async () => expect(await found('q=kiwifruit')).toEqual([kiwi.id]));
    await call(p, 'POST', `/v1/products/${kiwi.id}/archive`, { token: A.owner, body: {} });
    await withinASecond(async () => expect(await found('q=kiwifruit')).toEqual([]));
  });

  it('a renamed product is found by its new name only', async () => {
    await call(p, 'POST', `/v1/products/${ids.formula}`, {
      token: B.owner,
      body: { text: { en: { name: 'Goat Milk Infant Formula Stage 1', description: 'Gentle goat milk formula.' } } },
    });
    await withinASecond(async () => expect(await found('q=goat')).toEqual([ids.formula]));
    // The old English text said "made in New Zealand"; the new one does not.
    expect(await found('q=zealand')).not.toContain(ids.formula);
    expect(await found('q=奶粉')).toContain(ids.formula);
  });

  it("a suspended merchant's products leave the storefront and come back on reinstatement", async () => {
    await withinASecond(async () => expect(await found('q=manuka')).toContain(ids.honey));
    const s = await call(p, 'POST', `/v1/merchants/${A.id}/suspend`, { token: op, body: { reason: 'expired certificate' } });
    expect(s.status).toBe(200);
    await withinASecond(async () => {
      expect(await found('q=manuka')).toEqual([]);
      expect((await search('limit=50')).facets.brand.map((f: { value: string }) => f.value)).not.toContain('Manuka Bay');
    });
    expect((await call(p, 'GET', `/v1/storefront/products/${ids.honey}`)).status).toBe(404);
    await call(p, 'POST', `/v1/merchants/${A.id}/reinstate`, { token: op, body: { reason: 'renewed' } });
    await withinASecond(async () => expect(await found('q=manuka')).toContain(ids.honey));
    expect((await call(p, 'GET', `/v1/storefront/products/${ids.honey}`)).status).toBe(200);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

describe('the product page: tax-included price, tax itemised, delivery estimate', () => {
  // A platform of its own: the trade corridor (lanes, rates) and the reverse corridor.
  let q: TestPlatform;
  let c: Corridor;
  let r: ReverseCorridor;
  let dear: string;

  beforeAll(async () => {
    q = await startPlatform({ env: { AU_GST_REGISTRATION: 'ABN 51 824 753 556', NZ_GST_REGISTRATION: 'GST 123-456-789' } });
    c = await setUpCorridor(q);
    r = await setUpReverseCorridor(q, c);
    // One indivisible item over the buyer's RMB 26,000 a year: the rules refuse it on its own.
    const big = await createProduct(q, c.A.owner, listableProduct({}, { price: { amount: '600000', currency: 'AUD' } }));
    await activate(q, c.A.owner, big.id);
    dear = big.variants[0].id;
  });
  afterAll(() => q?.close());

  /** A shopper's cart with one unit of `variant`: its only line and its group. */
  async function cartWithOne(country: 'CN' | 'AU' | 'NZ', variant: string): Promise<{ line: Body; group: Body }> {
    const s = await createShopper(q, country);
    const res = await call(q, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: variant, quantity: 1 } });
    expect(res.status, res.raw).toBe(200);
    return { line: res.body.groups[0].lines[0], group: res.body.groups[0] };
  }
  const page = async (productId: string, query: string) => {
    const res = await call(q, 'GET', `/v1/storefront/products/${productId}?${query}`);
    expect(res.status, res.raw).toBe(200);
    return res.body;
  };
  const ymd = /^\d{4}-\d{2}-\d{2}$/;

  it('a shopper in China sees the tax on one unit itemised, the same as the cart’s, and the tax-included price', async () => {
    const { line } = await cartWithOne('CN', c.v.honey);
    const body = await page(line.product_id, 'country=CN');
    expect(body.region).toBe('CN-SH');
    const v = body.variants.find((x: Body) => x.id === c.v.honey);
    expect(v.shown_price).toEqual(line.unit_price_shown);
    expect(v.tax_notice).toBeNull();
    const t = v.tax_estimate;
    expect(t).toMatchObject({
      regime: 'cbec_retail',
      tax: line.tax,
      tariff: { amount: '0', currency: 'CNY' },
      gst: null,
      gst_registration: null,
    });
    expect(t.rule).toBeTruthy();
    expect(BigInt(t.tax.amount)).toBeGreaterThan(0n);
    expect(BigInt(t.vat.amount) + BigInt(t.consumption_tax.amount) + BigInt(t.tariff.amount)).toBe(BigInt(t.tax.amount));
    expect(t.price_with_tax).toEqual({ amount: (BigInt(v.shown_price.amount) + BigInt(t.tax.amount)).toString(), currency: 'CNY' });
    expect(Number(t.effective_rate)).toBeGreaterThan(0);
  });

  it('when the rules refuse one unit on its own, no tax estimate and the reason, as the cart says', async () => {
    const { line, group } = await cartWithOne('CN', dear);
    const v = (await page(line.product_id, 'country=CN')).variants[0];
    expect(v.tax_estimate).toBeNull();
    expect(v.tax_notice).toBe(group.tax_notice);
    expect(v.tax_notice).toBeTruthy();
    expect(v.delivery).toEqual([]); // not in stock anywhere
  });

  it('a shopper in Australia sees GST at sale with the platform’s registration, or none and why', async () => {
    const { line } = await cartWithOne('AU', r.v.gadget);
    const gadget = (await page(line.product_id, 'country=AU')).variants[0];
    expect(gadget.shown_price).toEqual(line.unit_price_shown);
    expect(gadget.tax_estimate).toMatchObject({
      regime: 'au_lvg_gst',
      gst: line.tax,
      tax: line.tax,
      gst_none_reason: null,
      gst_registration: 'ABN 51 824 753 556',
      vat: null,
      consumption_tax: null,
      tariff: null,
      effective_rate: '0.1',
    });
    expect(BigInt(line.tax.amount)).toBe((BigInt(gadget.shown_price.amount) + 5n) / 10n);
    expect(gadget.tax_estimate.price_with_tax.amount).toBe((BigInt(gadget.shown_price.amount) + BigInt(line.tax.amount)).toString());
    const tea = (await cartWithOne('AU', r.v.tea)).line;
    expect((await page(tea.product_id, 'country=AU')).variants[0].tax_estimate).toMatchObject({
      regime: 'gst_free',
      gst: { amount: '0', currency: 'AUD' },
      gst_none_reason: 'gst_free',
    });
    const drone = (await cartWithOne('AU', r.v.drone)).line;
    expect((await page(drone.product_id, 'country=AU')).variants[0].tax_estimate).toMatchObject({
      regime: 'border',
      tax: { amount: '0', currency: 'AUD' },
      gst_none_reason: 'over_threshold',
    });
    // New Zealand: 15 %, its own registration.
    const nz = (await page(line.product_id, 'country=NZ')).variants[0];
    expect(nz.tax_estimate).toMatchObject({ regime: 'nz_lvg_gst', gst_registration: 'GST 123-456-789', effective_rate: '0.15' });
  });

  it('estimates delivery from a bonded warehouse and from overseas, with dates, to the region asked', async () => {
    const honey = (await cartWithOne('CN', c.v.honey)).line.product_id;
    const formula = (await cartWithOne('CN', c.v.formula)).line.product_id;
    const [bonded] = (await page(honey, 'country=CN')).variants[0].delivery;
    expect(bonded).toMatchObject({
      ships_from: 'bonded',
      mode: '1210',
      service_code: 'BONDED-EXP',
      transit_days: { min: 1, max: 2 },
      estimated_delivery: { time_zone: 'Asia/Shanghai' },
    });
    const overseas = await page(formula, 'country=CN&region=CN-ZJ');
    expect(overseas.region).toBe('CN-ZJ');
    // The cheapest option from the Melbourne hub: air standard.
    expect(overseas.variants[0].delivery).toEqual([
      expect.objectContaining({ ships_from: 'overseas', mode: '9610', service_code: 'AIR-STD', transit_days: { min: 7, max: 12 } }),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    for (const o of [bonded, overseas.variants[0].delivery[0]]) {
      expect(o.estimated_delivery.earliest).toMatch(ymd);
      expect(o.estimated_delivery.latest).toMatch(ymd);
      expect(o.estimated_delivery.earliest > today).toBe(true);
      expect(o.estimated_delivery.latest >= o.estimated_delivery.earliest).toBe(true);
    }
    // No lane from the bonded warehouse reaches Guangdong: that place is left out, not an error.
    expect((await page(honey, 'country=CN&region=CN-GD')).variants[0].delivery).toEqual([]);
    // From a seller in China to Australia (the default state) and New Zealand.
    const gadget = (await cartWithOne('AU', r.v.gadget)).line.product_id;
    const au = await page(gadget, 'country=AU');
    expect(au.region).toBe('AU-NSW');
    expect(au.variants[0].delivery).toEqual([
      expect.objectContaining({
        ships_from: 'overseas',
        mode: 'export',
        service_code: 'EXPORT-AIR',
        estimated_delivery: expect.objectContaining({ time_zone: 'Australia/Sydney' }),
      }),
    ]);
    const nz = await page(gadget, 'country=NZ');
    expect(nz.region).toBe('NZ');
    expect(nz.variants[0].delivery[0]).toMatchObject({ service_code: 'EXPORT-AIR', estimated_delivery: { time_zone: 'Pacific/Auckland' } });
  });

  it.each([
    ['an unknown province', 'country=CN&region=CN-XX'],
    ['another country’s region', 'country=CN&region=AU-VIC'],
    ['a Chinese province for Australia', 'country=AU&region=CN-ZJ'],
    ['an Australian state for New Zealand', 'country=NZ&region=AU-VIC'],
  ])('rejects a bad region: %s', async (_what, query) => {
    const honey = (await cartWithOne('CN', c.v.honey)).line.product_id;
    const res = await call(q, 'GET', `/v1/storefront/products/${honey}?${query}`);
    expect(res.status, res.raw).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_region', param: 'region' });
  });

  it('404s as before: an unknown product, and one not sold to the shopper’s country', async () => {
    expect((await call(q, 'GET', '/v1/storefront/products/prod_doesnotexist?region=CN-ZJ')).status).toBe(404);
    const honey = (await cartWithOne('CN', c.v.honey)).line.product_id;
    expect((await call(q, 'GET', `/v1/storefront/products/${honey}?country=AU`)).status).toBe(404);
  });

  it('search stays as it was: no tax or delivery', async () => {
    const res = await call(q, 'GET', '/v1/storefront/products?country=CN&limit=50');
    expect(res.status).toBe(200);
    for (const d of res.body.data) {
      expect(d.region).toBeUndefined();
      for (const v of d.variants) expect(v.tax_estimate).toBeUndefined();
    }
  });
});
