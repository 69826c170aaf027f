// The landed-cost quote and the shopper's quota through the real server (issue 5; PRODUCT.md
// "China CBEC retail import", "Australia — GST on low-value imported goods", "New Zealand — …";
// MOF/GAC/SAT 2016 No. 18 §1, §3 and 2018 No. 49 §1–2; ATO LCR 2018/1; Inland Revenue LVG).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/kernel/config.ts';
import { money } from '../../src/kernel/money.ts';
import { takeQuota } from '../../src/modules/compliance/quota.ts';
import { amountToPay, customerRate, invertRate } from '../../src/modules/fx/rules.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { identityIndex } from '../../src/modules/identity/verification.ts';
import { call, createShopper, operatorToken, type Res, signIn } from '../support/http.ts';
import { startPlatform, TEST_SECRET, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let finance: string;
const ID = (first17: string) => first17 + residentIdCheckChar(first17);

beforeAll(async () => {
  p = await startPlatform();
  p.clock.set('2026-06-15T04:00:00Z');
  finance = await operatorToken(p, 'finance');
  for (const [base, mid] of [
    ['AUD', '4.7'],
    ['NZD', '4.3'],
  ]) {
    const r = await call(p, 'POST', '/v1/fx/rates', { token: finance, body: { base, quote: 'CNY', mid, spread_bps: 50 } });
    if (r.status !== 201) throw new Error(r.raw);
  }
});
afterAll(() => p?.close());

const fen = (amount: number | string, currency = 'CNY') => ({ amount: String(amount), currency });
// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
const quote = (body: Record<string, unknown>, token?: string): Promise<Res<any>> => call(p, 'POST', '/v1/tax/quote', { token, body });
const amounts = (list: { amount: string }[]) => list.map((m) => m.amount);

describe('POST /v1/tax/quote to China (CBEC retail import)', () => {
  it('is public; per line the dutiable price with freight and insurance spread, VAT and CT at 70 % (2016 No. 18 §1, §3)', async () => {
    const r = await quote({
      destination: 'CN',
      items: [
        { reference: 'honey', hs_code: '0409.0000.00', unit_price: fen(10_000), quantity: 2 },
        { reference: 'cream', hs_code: '3304990099', tax_class: 'cosmetics_high_end', unit_price: fen(20_000), quantity: 1 },
      ],
      freight: fen(3_000),
      insurance: fen(100),
    });
    expect(r.status, r.raw).toBe(200);
    const q = r.body;
    expect(q).toMatchObject({
      object: 'tax_quote',
      destination: 'CN',
      currency: 'CNY',
      regimes: ['cbec_retail'],
      fx: [],
      gst_registration: null,
    });
    expect(q.rules[0]).toMatch(/2016 No\. 18 §3.*2018 No\. 49 §1/);
    const [honey, cream] = q.lines;
    // goods 200.00 each: freight 15.00 and insurance 0.50 each → dutiable 215.50
    expect(honey).toMatchObject({ reference: 'honey', hs_code: '0409000000', tax_class: 'agricultural', effective_rate: '0.0630' });
    expect(amounts([honey.goods, honey.freight, honey.insurance, honey.dutiable_price])).toEqual(['20000', '1500', '50', '21550']);
    // honey 6.3 % of 215.50 = 13.5765 → 13.58
    expect(amounts([honey.duty, honey.consumption_tax, honey.vat, honey.tax])).toEqual(['0', '0', '1358', '1358']);
    // cream: CT 215.50 × 0.15/0.85 × 0.7 = 26.6206 → 26.62; VAT 215.50 × 0.13/0.85 × 0.7 = 23.0712 → 23.07; ≈ 23.06 %
    expect(amounts([cream.consumption_tax, cream.vat, cream.tax])).toEqual(['2662', '2307', '4969']);
    expect(cream).toMatchObject({ effective_rate: '0.2306', rates: { duty_bps: 0, vat_bps: 1300, consumption_tax_bps: 1500, gst_bps: 0 } });
    expect(q.totals).toMatchObject({
      goods: fen(40_000),
      freight: fen(3_000),
      insurance: fen(100),
      dutiable_price: fen(43_100),
      tax: fen(6_327),
      landed_cost: fen(49_427),
    });
    expect(q.limits).toEqual({ per_order: fen(500_000), annual: fen(2_600_000), annual_used: null, annual_remaining_after: null });
    expect(q.indicative).toBe(true);
  });

  it('converts AUD prices to CNY at the current customer rate, rounded up, as a payment does', async () => {
    const r = await quote({
      destination: 'CN',
      items: [{ tax_class: 'general', unit_price: fen(3_990, 'AUD'), quantity: 3 }],
      freight: fen(500, 'AUD'),
    });
    expect(r.status, r.raw).toBe(200);
    const rate = customerRate(invertRate('4.7'), 50);
    expect(r.body.fx).toEqual([{ currency: 'AUD', rate }]);
    const unit = amountToPay(money(3_990n, 'AUD'), 'CNY', rate).amount;
    const freight = amountToPay(money(500n, 'AUD'), 'CNY', rate).amount;
    const line = r.body.lines[0];
    expect(line.unit_price).toEqual(fen(unit.toString()));
    expect(line.dutiable_price).toEqual(fen((unit * 3n + freight).toString()));
    // 9.1 %, half-up to the fen
    expect(BigInt(line.vat.amount)).toBe(((unit * 3n + freight) * 91n + 500n) / 1000n);
  });

  it('409 rate_unavailable when a currency has no rate to CNY', async () => {
    const r = await quote({ destination: 'CN', items: [{ tax_class: 'general', unit_price: fen(100, 'USD'), quantity: 1 }] });
    expect(r.status, r.raw).toBe(409);
    expect(r.body.error.code).toBe('rate_unavailable');
  });

  it('422 order_limit_exceeded over RMB 5,000 of dutiable price, with the limit (2018 No. 49 §1); at RMB 5,000 it is quoted', async () => {
    const at = await quote({
      destination: 'CN',
      items: [{ tax_class: 'general', unit_price: fen(245_000), quantity: 2 }],
      freight: fen(10_000),
    });
    expect(at.status, at.raw).toBe(200);
    expect(at.body.totals.dutiable_price).toEqual(fen(500_000));
    const over = await quote({
      destination: 'CN',
      items: [{ tax_class: 'general', unit_price: fen(245_000), quantity: 2 }],
      freight: fen(10_001),
    });
    expect(over.status, over.raw).toBe(422);
    expect(over.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'order_limit_exceeded',
      limit: fen(500_000),
      requested: fen(500_001),
    });
  });

  it('one indivisible item over RMB 5,000 is taxed in full: general_trade, tariff + VAT + CT (2018 No. 49 §2)', async () => {
    const r = await quote({
      destination: 'CN',
      items: [{ tax_class: 'cosmetics_high_end', unit_price: fen(600_000), quantity: 1, indivisible: true }],
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.regimes).toEqual(['general_trade']);
    expect(r.body.rules[0]).toMatch(/2018 No\. 49 §2/);
    const l = r.body.lines[0];
    expect(amounts([l.duty, l.consumption_tax, l.vat, l.tax])).toEqual(['6000', '106941', '92682', '205623']);
    expect(l).toMatchObject({ effective_rate: '0.3427', rates: { duty_bps: 100 } });
  });

  it('409 annual_quota_exceeded past RMB 26,000 a year, with what remains', async () => {
    const r = await quote({
      destination: 'CN',
      items: [{ tax_class: 'general', unit_price: fen(2_600_001), quantity: 1, indivisible: true }],
    });
    expect(r.status, r.raw).toBe(409);
    expect(r.body.error).toMatchObject({ type: 'conflict_error', code: 'annual_quota_exceeded', remaining: fen(2_600_000) });
  });

  it('a signed-in verified buyer’s quote counts what they used this year', async () => {
    const s = await createShopper(p, 'CN');
    const v = await call(p, 'POST', '/v1/shopper/identity', {
      token: s.token,
      body: { real_name: '李伟', id_number: ID('31010119800101003'), mobile: '13800138000' },
    });
    expect(v.status, v.raw).toBe(201);
    await takeQuota(p.ctx(), {
      identityIndex: identityIndex(p.ctx(), ID('31010119800101003')),
      orderReference: 'q-used',
      amount: money(2_550_000n, 'CNY'),
    });
    const fits = await quote({ destination: 'CN', items: [{ tax_class: 'general', unit_price: fen(40_000), quantity: 1 }] }, s.token);
    expect(fits.status, fits.raw).toBe(200);
    expect(fits.body.limits).toMatchObject({ annual_used: fen(2_550_000), annual_remaining_after: fen(10_000) });
    const over = await quote({ destination: 'CN', items: [{ tax_class: 'general', unit_price: fen(60_000), quantity: 1 }] }, s.token);
    expect(over.status, over.raw).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'annual_quota_exceeded', remaining: fen(50_000), requested: fen(60_000) });
  });

  it.each([
    ['an HS code off the positive list', { hs_code: '8471300000' }, 'invalid_hs_code', 'items.0.hs_code', 'not_on_positive_list'],
    ['a malformed HS code', { hs_code: '0409' }, 'invalid_hs_code', 'items.0.hs_code', undefined],
    [
      'skin care without a tax class (high-end depends on price per ml)',
      { hs_code: '3304990099' },
      'invalid_request',
      'items.0.tax_class',
      undefined,
    ],
    ['neither HS code nor tax class', {}, 'invalid_request', 'items.0.tax_class', undefined],
    ['a discount above the line', { tax_class: 'general', discount: fen(10_001) }, 'invalid_request', 'items.0.discount', undefined],
  ])('400 for %s', async (_name, item, code, param, reason) => {
    const r = await quote({ destination: 'CN', items: [{ unit_price: fen(10_000), quantity: 1, ...item }] });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error).toMatchObject({ code, param });
    expect(r.body.error.reason).toBe(reason);
  });

  it('400 for a malformed body (validated before anything runs)', async () => {
    const r = await quote({ destination: 'JP', items: [] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });
});

describe('POST /v1/tax/quote to Australia and New Zealand (GST on low-value imported goods)', () => {
  it('AU: 10 % on the item at A$1,000 including its shipping; over A$1,000 and wine at the border (LCR 2018/1)', async () => {
    const r = await quote({
      destination: 'AU',
      items: [
        { reference: 'at', unit_price: fen(100_000, 'AUD'), quantity: 1 },
        { reference: 'over', unit_price: fen(100_001, 'AUD'), quantity: 1 },
        { reference: 'wine', tax_class: 'wine', unit_price: fen(5_000, 'AUD'), quantity: 1 },
      ],
      freight: fen(3_000, 'AUD'),
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({
      currency: 'AUD',
      regimes: ['au_lvg_gst', 'border'],
      gst_registration: 'ARN 000 000 000 000',
      limits: null,
    });
    const [at, over, wine] = r.body.lines;
    // freight 30.00 by value: 14.63 / 14.64 / 0.73 (largest remainder); GST 10 % of 1,014.63 = 101.463 → 101.46
    expect(amounts([at.freight, over.freight, wine.freight])).toEqual(['1463', '1464', '73']);
    expect(at).toMatchObject({ regime: 'au_lvg_gst', gst: fen(10_146, 'AUD'), rates: { gst_bps: 1000 }, effective_rate: '0.1000' });
    expect(at.rule).toMatch(/LCR 2018\/1/);
    expect(over).toMatchObject({ regime: 'border', gst: fen(0, 'AUD') });
    expect(wine).toMatchObject({ regime: 'border', gst: fen(0, 'AUD') });
    expect(r.body.totals).toMatchObject({
      gst: fen(10_146, 'AUD'),
      tax: fen(10_146, 'AUD'),
      landed_cost: fen(205_001 + 3_000 + 10_146, 'AUD'),
    });
  });

  it('AU: GST-free goods stay GST-free; the customs value decides the threshold, not the price', async () => {
    const r = await quote({
      destination: 'AU',
      items: [
        { unit_price: fen(2_000, 'AUD'), quantity: 1, gst_free: true },
        { unit_price: fen(110_000, 'AUD'), quantity: 1, customs_value: fen(99_000, 'AUD') },
      ],
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.lines.map((l: { regime: string; gst: { amount: string } }) => [l.regime, l.gst.amount])).toEqual([
      ['gst_free', '0'],
      ['au_lvg_gst', '11000'],
    ]);
  });

  it('NZ: 15 % up to NZ$1,000 per item, CNY prices of a Chinese seller converted to NZD; no GST-free class', async () => {
    const r = await quote({
      destination: 'NZ',
      items: [
        { unit_price: fen(100_000, 'NZD'), quantity: 1 },
        { unit_price: fen(100_001, 'NZD'), quantity: 1 },
        { unit_price: fen(8_800, 'CNY'), quantity: 2 },
      ],
    });
    expect(r.status, r.raw).toBe(200);
    const rate = customerRate('4.3', 50);
    const unit = amountToPay(money(8_800n, 'CNY'), 'NZD', rate).amount;
    expect(r.body.fx).toEqual([{ currency: 'CNY', rate }]);
    expect(r.body).toMatchObject({ currency: 'NZD', regimes: ['nz_lvg_gst', 'border'], gst_registration: '000-000-000' });
    const [at, over, small] = r.body.lines;
    expect(at.gst).toEqual(fen(15_000, 'NZD'));
    expect(over.regime).toBe('border');
    expect(small.gst).toEqual(fen(((unit * 2n * 15n + 50n) / 100n).toString(), 'NZD'));
    const bad = await quote({ destination: 'NZ', items: [{ unit_price: fen(100, 'NZD'), quantity: 1, gst_free: true }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', param: 'items.0.gst_free' });
  });

  it('the GST registrations are settings, validated at start', () => {
    const base = { DATA_DIR: '/tmp/unused', TASMAN_SECRET: TEST_SECRET };
    expect(loadConfig({ ...base, AU_GST_REGISTRATION: 'ABN 51 824 753 556', NZ_GST_REGISTRATION: '123-456-789' })).toMatchObject({
      AU_GST_REGISTRATION: 'ABN 51 824 753 556',
      NZ_GST_REGISTRATION: '123-456-789',
    });
    expect(() => loadConfig({ ...base, AU_GST_REGISTRATION: 'none' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NZ_GST_REGISTRATION: 'x' })).toThrow(/NZ_GST_REGISTRATION/);
  });
});

describe('GET /v1/shopper/quota', () => {
  it('403 identity_required until the shopper verifies their identity', async () => {
    for (const country of ['CN', 'AU'] as const) {
      const s = await createShopper(p, country);
      const r = await call(p, 'GET', '/v1/shopper/quota', { token: s.token });
      expect(r.status, r.raw).toBe(403);
      expect(r.body.error.code).toBe('identity_required');
    }
  });

  it('the year, the limit, what is used and remains: per person across accounts, per China year', async () => {
    const number = ID('44030419900101123');
    const first = await createShopper(p, 'CN');
    const second = await createShopper(p, 'CN');
    for (const s of [first, second]) {
      // The second account of the same person: identity verification is per account; quota per person.
      await call(p, 'POST', '/v1/shopper/identity', {
        token: s.token,
        body: { real_name: '王芳', id_number: number, mobile: '13800138000' },
      });
    }
    const before = await call(p, 'GET', '/v1/shopper/quota', { token: first.token });
    expect(before.status, before.raw).toBe(200);
    expect(before.body).toEqual({
      object: 'quota',
      year: 2026,
      limit: fen(2_600_000),
      used: fen(0),
      remaining: fen(2_600_000),
      per_order_limit: fen(500_000),
      resets_at: '2026-12-31T16:00:00.000Z',
    });
    await takeQuota(p.ctx(), { identityIndex: identityIndex(p.ctx(), number), orderReference: 'q-paid-1', amount: money(123_400n, 'CNY') });
    const after = await call(p, 'GET', '/v1/shopper/quota', { token: second.token });
    expect(after.body).toMatchObject({ used: fen(123_400), remaining: fen(2_476_600) });
    p.clock.set('2026-12-31T16:00:00Z');
    try {
      // Half a year on, the June sessions have expired: the shopper signs in again.
      const fresh = await signIn(p, 'shopper', first.email);
      const next = await call(p, 'GET', '/v1/shopper/quota', { token: fresh });
      expect(next.body).toMatchObject({ year: 2027, used: fen(0), remaining: fen(2_600_000), resets_at: '2027-12-31T16:00:00.000Z' });
    } finally {
      p.clock.set('2026-06-15T04:00:00Z');
    }
  });
});
