// The storefront through the API: bilingual search (Chinese segmentation, English typos,
// pinyin), facets, and what is shown: only listed products of approved merchants, with
// the index following catalog and merchant changes within a second.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activate, createBonded, createProduct, createWarehouse, listableProduct, receive } from '../support/catalog.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
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
