// The reverse corridor's sellers (PRODUCT.md: "shoppers in Australia and New Zealand … buy from
// Chinese sellers"): a company in mainland China applies with its Unified Social Credit Code
// (GB 32100-2015), is approved, lists CNY-priced goods with their HS code and GST flags (none of
// the CBEC import checks apply), stocks them in its own warehouse in China; shoppers in
// Australia and New Zealand see them in AUD or NZD at the current customer rate, shoppers in
// China do not (they are not imports).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decryptField } from '../../src/kernel/crypto.ts';
import { getVariant } from '../../src/modules/catalog/service.ts';
import { activate, createProduct, createWarehouse, listableProduct, receive, uniqueSku } from '../support/catalog.ts';
import {
  call,
  createMerchant,
  createShopper,
  DEMO_PASSWORD,
  type MerchantFixture,
  operatorToken,
  signIn,
  uniqueEmail,
} from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let op: string;
let fin: string;
/** An ANZ brand selling to China, for contrast. */
let A: MerchantFixture;

beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p, 'admin');
  fin = await operatorToken(p, 'finance');
  A = await createMerchant(p, op, 'Manuka Bay');
});
afterAll(() => p?.close());

// GB 32100-2015: 9 1 · 330106 (Xihu District, Hangzhou) · MA2H8TEAX · check character Q.
const USCC = '91330106MA2H8TEAXQ';

function cnApplication(overrides: Record<string, unknown> = {}) {
  return {
    legal_name: '杭州澄岚茶业有限公司',
    trading_name: 'Chenglan Tea',
    country: 'CN',
    business_number: USCC,
    gst_registered: false,
    contact: { name: 'Zhou Min', email: 'export@chenglan.example' },
    categories: ['food_beverage'],
    brands: ['Chenglan'],
    payout_account: {
      country: 'CN',
      account_name: '杭州澄岚茶业有限公司',
      bank_name: '招商银行杭州西湖支行',
      account_number: '5719 0861 2310 801',
    },
    owner: { email: uniqueEmail('cn-owner'), name: 'Shen Yu', password: DEMO_PASSWORD },
    ...overrides,
  };
}

function teaProduct(variant: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return {
    brand: 'Chenglan',
    category: 'food_beverage',
    country_of_origin: 'CN',
    // English only: shoppers in Australia and New Zealand browse in English.
    text: { en: { name: 'West Lake Longjing Green Tea 50g', description: 'Pre-Qingming Longjing, pan-fired by hand in Hangzhou.' } },
    variants: [
      {
        sku: uniqueSku('LJ'),
        options: { size: '50g' },
        hs_code: '0902.10',
        net_weight_g: 50,
        gross_weight_g: 160,
        price: { amount: '6800', currency: 'CNY' },
        gst_free: true,
        ...variant,
      },
    ],
    ...overrides,
  };
}

/** The storefront reflects a change within a second. */
const withinASecond = (fn: () => Promise<void>) => vi.waitFor(fn, { timeout: 1000, interval: 50 });

let merchantId: string;
let owner: string;

describe('a seller in China applies (M1, GB 32100-2015)', () => {
  it.each([
    ['a wrong check character', { business_number: '91330106MA2H8TEAXR' }, 'checksum'],
    ['17 characters', { business_number: '91330106MA2H8TEAX' }, 'format'],
    ['an ABN', { business_number: '51 824 753 556' }, 'format'],
    ['a letter outside the code’s alphabet (O)', { business_number: '91330106MA2H8TEOXQ' }, 'character'],
  ])('with %s → 400 invalid_uscc naming business_number, and nothing is written', async (_what, change, reason) => {
    const before = await p.database.query<{ n: number }>('select count(*)::int as n from merchants');
    const r = await call(p, 'POST', '/v1/merchant-applications', { body: cnApplication(change) });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_uscc', param: 'business_number', reason });
    expect(r.body.error.message).toMatch(/GB 32100-2015/);
    const after = await p.database.query<{ n: number }>('select count(*)::int as n from merchants');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it.each([
    [{ country: 'CN', account_name: 'x', bank_name: '招商银行', account_number: '12345678901' }, 'payout_account.account_number'],
    [{ country: 'CN', account_name: 'x', bank_name: '招商银行', account_number: '6222-0210-01AB' }, 'payout_account.account_number'],
    [{ country: 'AU', account_name: 'x', bsb: '062-000', account_number: '12345678' }, 'payout_account.country'],
  ])('a payout account %j → 400 invalid_bank_account naming %s', async (payout_account, param) => {
    const r = await call(p, 'POST', '/v1/merchant-applications', { body: cnApplication({ payout_account }) });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_bank_account', param });
  });

  it('with a valid USCC: applied, the code normalised, the mainland account masked and encrypted at rest', async () => {
    const body = cnApplication({ business_number: ' 91330106ma2h8teaxq ' });
    const r = await call(p, 'POST', '/v1/merchant-applications', { body });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      object: 'merchant',
      status: 'applied',
      country: 'CN',
      business_number: USCC,
      payout_account: { country: 'CN', masked: '招商银行杭州西湖支行 ****0801' },
    });
    expect(r.raw).not.toContain('571908612310801');
    merchantId = r.body.id;
    const [row] = await p.database.query<{ payout_account: { ciphertext: string } }>('select payout_account from merchants where id = $1', [
      merchantId,
    ]);
    expect(JSON.stringify(row)).not.toContain('571908612310801');
    expect(decryptField(p.rt.keys.encryption, row?.payout_account.ciphertext ?? '', merchantId)).toBe(
      '杭州澄岚茶业有限公司\n招商银行杭州西湖支行\n571908612310801',
    );
    owner = await signIn(p, 'staff', body.owner.email);
  });

  it('cannot list before approval; the operator approves', async () => {
    const draft = await createProduct(p, owner, teaProduct());
    const blocked = await call(p, 'POST', `/v1/products/${draft.id}/activate`, { token: owner, body: {} });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.issues.map((i: { code: string }) => i.code)).toEqual(['merchant_not_approved']);
    const approved = await call(p, 'POST', `/v1/merchants/${merchantId}/approve`, { token: op, body: {} });
    expect(approved.status, approved.raw).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', country: 'CN' });
    expect((await call(p, 'GET', '/v1/merchants?status=approved', { token: op })).body.data.map((m: { id: string }) => m.id)).toContain(
      merchantId,
    );
  });
});

let tea: { id: string; variantId: string };

describe('a seller in China lists CNY-priced goods for Australia and New Zealand (M2)', () => {
  it('prices in CNY: another currency is 400 currency_mismatch, a separate CNY price is refused', async () => {
    const aud = await call(p, 'POST', '/v1/products', { token: owner, body: teaProduct({ price: { amount: '1500', currency: 'AUD' } }) });
    expect(aud.status).toBe(400);
    expect(aud.body.error).toMatchObject({ code: 'currency_mismatch', param: 'variants.0.price.currency' });
    const fixed = await call(p, 'POST', '/v1/products', {
      token: owner,
      body: teaProduct({ cny_price: { amount: '6800', currency: 'CNY' } }),
    });
    expect(fixed.status).toBe(400);
    expect(fixed.body.error).toMatchObject({ code: 'invalid_request', param: 'variants.0.cny_price' });
  });

  it('an HS code needs at least the 6-digit subheading: 400 invalid_hs_code', async () => {
    const r = await call(p, 'POST', '/v1/products', { token: owner, body: teaProduct({ hs_code: '0902' }) });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_hs_code', param: 'variants.0.hs_code' });
  });

  it('without an HS code the listing is blocked (422 listing_blocked naming it); with one it lists without any CBEC data', async () => {
    const draft = await createProduct(p, owner, teaProduct({ hs_code: null }));
    expect(draft).toMatchObject({ market: 'ANZ', status: 'draft' });
    expect(draft.listing_issues.map((i: { code: string; param: string }) => `${i.code} ${i.param}`)).toEqual([
      'missing_hs_code variants.0.hs_code',
    ]);
    const blocked = await call(p, 'POST', `/v1/products/${draft.id}/activate`, { token: owner, body: {} });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error).toMatchObject({ code: 'listing_blocked', param: 'variants.0.hs_code' });
    expect(blocked.body.error.message).toMatch(/Australia and New Zealand/);

    const variantId = draft.variants[0].id;
    const fixed = await call(p, 'POST', `/v1/variants/${variantId}`, { token: owner, body: { hs_code: '0902.1090.00' } });
    expect(fixed.status, fixed.raw).toBe(200);
    expect(fixed.body.listing_issues).toEqual([]);
    const listed = await activate(p, owner, draft.id);
    // No tax class, customs unit, Chinese text, positive-list line or SAMR number: none is asked for.
    expect(listed).toMatchObject({ status: 'active', market: 'ANZ', text: { en: { name: 'West Lake Longjing Green Tea 50g' } } });
    expect(listed.variants[0]).toMatchObject({
      hs_code: '0902109000',
      tax_class: null,
      declared_unit: null,
      price: { amount: '6800', currency: 'CNY' },
      cny_price: null,
      gst_free: true,
      alcohol_or_tobacco: false,
    });
    tea = { id: draft.id, variantId };
  });

  it('the GST flags default to false, can be set and are read back by other contexts through getVariant', async () => {
    const body = teaProduct({ sku: uniqueSku('SJ'), hs_code: '220690', gst_free: undefined, net_weight_g: 500, gross_weight_g: 1200 });
    const wine = await createProduct(p, owner, {
      ...body,
      text: { en: { name: 'Shaoxing Rice Wine 500ml', description: 'Aged five years.' } },
    });
    expect(wine.variants[0]).toMatchObject({ gst_free: false, alcohol_or_tobacco: false });
    const set = await call(p, 'POST', `/v1/variants/${wine.variants[0].id}`, { token: owner, body: { alcohol_or_tobacco: true } });
    expect(set.body.variants[0]).toMatchObject({ gst_free: false, alcohol_or_tobacco: true });
    expect(await getVariant(p.ctx(), wine.variants[0].id)).toMatchObject({
      hsCode: '220690',
      gstFree: false,
      alcoholOrTobacco: true,
      priceCurrency: 'CNY',
      priceAmount: 6800n,
    });
    expect(await getVariant(p.ctx(), tea.variantId)).toMatchObject({ gstFree: true, alcoholOrTobacco: false, hsCode: '0902109000' });
  });

  it('a listed product stays listable: clearing its HS code or both weights → 422 listing_blocked', async () => {
    for (const patch of [{ hs_code: null }, { net_weight_g: null, gross_weight_g: null }]) {
      const r = await call(p, 'POST', `/v1/variants/${tea.variantId}`, { token: owner, body: patch });
      expect(r.status, JSON.stringify(patch)).toBe(422);
      expect(r.body.error.code).toBe('listing_blocked');
    }
    // One weight is enough.
    const net = await call(p, 'POST', `/v1/variants/${tea.variantId}`, { token: owner, body: { gross_weight_g: null } });
    expect(net.status, net.raw).toBe(200);
  });

  it('an ANZ brand’s listing is unchanged: its market is China and the CBEC checks apply', async () => {
    const honey = await createProduct(p, A.owner, listableProduct({}, { tax_class: null }));
    expect(honey).toMatchObject({ market: 'CN' });
    expect(honey.variants[0]).toMatchObject({ gst_free: false, alcohol_or_tobacco: false });
    expect(honey.listing_issues.map((i: { code: string }) => i.code)).toEqual(['missing_tax_class']);
    // A 6-digit code is not a China import code.
    const short = await call(p, 'POST', `/v1/variants/${honey.variants[0].id}`, { token: A.owner, body: { hs_code: '040900' } });
    expect(short.body.error).toMatchObject({ code: 'invalid_hs_code', param: 'hs_code' });
  });
});

let warehouse: string;

describe('stock in its own warehouse in China (M6)', () => {
  it('a seller in China keeps its warehouse in China; an ANZ brand may not have one there', async () => {
    const au = await call(p, 'POST', '/v1/locations', { token: owner, body: { name: 'Sydney', country: 'AU', city: 'Sydney' } });
    expect(au.status).toBe(400);
    expect(au.body.error).toMatchObject({ code: 'invalid_request', param: 'country' });
    const cn = await call(p, 'POST', '/v1/locations', {
      token: owner,
      body: { name: 'Longjing Village Warehouse', country: 'CN', city: 'Hangzhou', address: '龙井村 1 号' },
    });
    expect(cn.status, cn.raw).toBe(201);
    expect(cn.body).toMatchObject({ kind: 'merchant_warehouse', country: 'CN', merchant_id: merchantId });
    warehouse = cn.body.id;
    const anz = await call(p, 'POST', '/v1/locations', { token: A.owner, body: { name: 'X', country: 'CN', city: 'Shanghai' } });
    expect(anz.status).toBe(400);
    const level = await receive(p, owner, tea.variantId, warehouse, 20);
    expect(level).toMatchObject({ on_hand: 20, available: 20 });
  });
});

describe('the storefront by the shopper’s country (W1, M4)', () => {
  let honeyId: string;

  beforeAll(async () => {
    // The ANZ brand's honey, listed for China and in stock.
    const honey = await createProduct(p, A.owner, listableProduct({ text: { ...listableProduct().text } }));
    await activate(p, A.owner, honey.id);
    await receive(p, A.owner, honey.variants[0].id, await createWarehouse(p, A.owner), 5);
    honeyId = honey.id;
    for (const [base, mid] of [
      ['AUD', '4.7'],
      ['NZD', '4.3'],
    ]) {
      const r = await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base, quote: 'CNY', mid, spread_bps: 50 } });
      expect(r.status, r.raw).toBe(201);
    }
  });

  const search = async (query: string, token?: string) => (await call(p, 'GET', `/v1/storefront/products?${query}`, { token })).body;
  const ids = async (query: string, token?: string) => (await search(query, token)).data.map((d: { id: string }) => d.id);

  it('a shopper in Australia, signed in, sees the tea in AUD at the AUD→CNY customer rate', async () => {
    const shopper = await createShopper(p, 'AU');
    await withinASecond(async () => expect(await ids('q=longjing', shopper.token)).toEqual([tea.id]));
    const result = await search('q=longjing', shopper.token);
    expect(result).toMatchObject({ country: 'AU', currency: 'AUD', total: 1 });
    const [product] = result.data;
    // AUD→CNY customer rate 4.7 less 0.5 % = 4.6765; ¥68.00 ÷ 4.6765 = 14.5408… → A$14.55 (rounded up, as a payment charges)
    expect(product).toMatchObject({
      merchant: { id: merchantId, name: 'Chenglan Tea' },
      country_of_origin: 'CN',
      price_from: { amount: '1455', currency: 'AUD' },
      ships_from: ['overseas'],
    });
    expect(product.variants[0]).toMatchObject({
      price: { amount: '6800', currency: 'CNY' },
      shown_price: { amount: '1455', currency: 'AUD' },
      shown_fx_rate: '4.6765',
      cny_price: { amount: '6800', currency: 'CNY' },
      cny_price_fixed: true,
      fx_rate: null,
      available: 20,
    });
    // The ANZ brand's honey is an import into China: not for sale in Australia.
    expect(await ids('q=manuka', shopper.token)).toEqual([]);
    expect((await call(p, 'GET', `/v1/storefront/products/${honeyId}`, { token: shopper.token })).status).toBe(404);
    const page = await call(p, 'GET', `/v1/storefront/products/${tea.id}`, { token: shopper.token });
    expect(page.status).toBe(200);
    expect(page.body.variants[0].shown_price).toEqual({ amount: '1455', currency: 'AUD' });
    // The cart (orders/cart.ts) prices the line the same way: what the storefront shows is what the cart asks.
    const cart = await call(p, 'POST', '/v1/cart/lines', { token: shopper.token, body: { variant_id: tea.variantId, quantity: 2 } });
    expect(cart.status, cart.raw).toBe(200);
    expect(cart.body).toMatchObject({ currency: 'AUD', purchasable: true });
    expect(cart.body.groups[0].lines[0]).toMatchObject({
      unit_price_shown: page.body.variants[0].shown_price,
      line_total: { amount: '2910', currency: 'AUD' },
    });
  });

  it('anyone may ask for a country: NZ shows NZD; price filters and facets are in the shopper’s currency', async () => {
    // NZD→CNY 4.3 less 0.5 % = 4.2785; ¥68.00 ÷ 4.2785 = 15.8934… → NZ$15.90
    const nz = await search('q=longjing&country=NZ');
    expect(nz).toMatchObject({ country: 'NZ', currency: 'NZD' });
    expect(nz.data[0].variants[0]).toMatchObject({ shown_price: { amount: '1590', currency: 'NZD' }, shown_fx_rate: '4.2785' });
    // Filters and facets use the indicative rate: ¥68.00 ÷ 4.70 = A$14.47
    expect(await ids('country=AU&price_max=1500')).toContain(tea.id);
    expect(await ids('country=AU&price_max=1400')).not.toContain(tea.id);
    expect((await search('country=AU')).facets.price.min).toBe(1447);
    const page = await call(p, 'GET', `/v1/storefront/products/${tea.id}?country=AU`);
    expect(page.body.price_from).toEqual({ amount: '1455', currency: 'AUD' });
  });

  it('a shopper in China does not see sellers in China (not imports), and still sees ANZ brands in CNY', async () => {
    const shopper = await createShopper(p, 'CN');
    for (const token of [shopper.token, undefined]) {
      expect(await ids('q=longjing', token)).toEqual([]);
      expect(await ids('limit=50', token)).not.toContain(tea.id);
      expect((await call(p, 'GET', `/v1/storefront/products/${tea.id}`, { token })).status).toBe(404);
      await withinASecond(async () => expect(await ids('q=manuka', token)).toEqual([honeyId]));
    }
    expect((await call(p, 'GET', `/v1/storefront/products/${tea.id}?country=CN`)).status).toBe(404);
    const honey = (await search('q=manuka', shopper.token)).data[0];
    expect(honey.price_from.currency).toBe('CNY');
    expect(honey.variants[0]).toMatchObject({ shown_price: honey.variants[0].cny_price, shown_fx_rate: honey.variants[0].fx_rate });
    expect((await search('q=manuka', shopper.token)).facets.brand.map((f: { value: string }) => f.value)).not.toContain('Chenglan');
  });

  it("a suspended seller's products leave the AU/NZ storefront too", async () => {
    await call(p, 'POST', `/v1/merchants/${merchantId}/suspend`, { token: op, body: { reason: 'licence check' } });
    await withinASecond(async () => expect(await ids('q=longjing&country=AU')).toEqual([]));
    expect((await call(p, 'GET', `/v1/storefront/products/${tea.id}?country=AU`)).status).toBe(404);
    await call(p, 'POST', `/v1/merchants/${merchantId}/reinstate`, { token: op, body: { reason: 'checked' } });
    await withinASecond(async () => expect(await ids('q=longjing&country=AU')).toEqual([tea.id]));
  });
});
