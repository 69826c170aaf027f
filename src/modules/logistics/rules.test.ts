// Shipping rules: ISO 3166-2 destination regions, the shape of lanes (9610 direct mail from
// an ANZ hub, 1210 bonded from a China bonded warehouse: MOF/GAC/SAT 2016 No.18, PRODUCT.md
// "Modes"), rate-card maths (chargeable weight = max(actual, volumetric) rounded up to the
// step; fuel surcharge half-up to the minor unit) and delivery windows in calendar days.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  AU_STATES,
  CN_PROVINCES,
  chargeParcel,
  chargeParcels,
  cmToMm,
  countryOfRegion,
  deliveryWindow,
  hubFor,
  type LaneShape,
  laneShapeProblem,
  overlappingRegions,
  type Parcel,
  type RateCard,
  REGION_TIME_ZONES,
  REGIONS,
  volumetricWeightG,
} from './rules.ts';

/** The demo air card: first 500 g A$18.00, each further 500 g A$6.00, IATA divisor 6000, fuel 12%. */
const AIR: RateCard = {
  currency: 'AUD',
  firstWeightG: 500,
  firstPrice: 1800n,
  additionalWeightG: 500,
  additionalPrice: 600n,
  volumetricDivisor: 6000,
  fuelSurchargeBps: 1200,
  maxParcelWeightG: 30_000,
};
/** A bonded card: first 1 kg ¥8.00, each further kg ¥3.00, actual weight only, no fuel surcharge. */
const BONDED: RateCard = {
  currency: 'CNY',
  firstWeightG: 1000,
  firstPrice: 800n,
  additionalWeightG: 1000,
  additionalPrice: 300n,
  volumetricDivisor: null,
  fuelSurchargeBps: 0,
  maxParcelWeightG: null,
};
const parcel = (weightG: number, l: number, w: number, h: number): Parcel => ({ weightG, lengthMm: l, widthMm: w, heightMm: h });

describe('regions', () => {
  it('China: the 31 mainland province-level divisions by ISO 3166-2 letter code; not HK, MO, TW', () => {
    expect(Object.keys(CN_PROVINCES)).toHaveLength(31);
    for (const r of ['CN-ZJ', 'CN-SH', 'CN-GD', 'CN-BJ', 'CN-XZ', 'CN-NM']) expect(countryOfRegion(r)).toBe('CN');
    for (const r of ['CN-HK', 'CN-MO', 'CN-TW', 'CN-33', 'ZJ']) expect(countryOfRegion(r)).toBeUndefined();
  });

  it('Australia: eight states and territories; New Zealand is one region, NZ', () => {
    expect(Object.keys(AU_STATES).sort()).toEqual(['AU-ACT', 'AU-NSW', 'AU-NT', 'AU-QLD', 'AU-SA', 'AU-TAS', 'AU-VIC', 'AU-WA']);
    expect(REGIONS.NZ).toEqual(['NZ']);
    expect(countryOfRegion('NZ')).toBe('NZ');
    expect(countryOfRegion('NZ-AUK')).toBeUndefined();
  });

  it('every region has a time zone', () => {
    for (const list of Object.values(REGIONS)) for (const r of list) expect(REGION_TIME_ZONES[r], r).toBeTruthy();
  });

  it.each([
    ['disjoint lists', ['CN-ZJ', 'CN-SH'], ['CN-GD'], []],
    ['one shared region', ['CN-ZJ', 'CN-SH'], ['CN-SH', 'CN-GD'], ['CN-SH']],
    ['* overlaps every region of the other list', ['*'], ['CN-GD', 'CN-BJ'], ['CN-GD', 'CN-BJ']],
    ['* on the other side too', ['CN-XZ'], ['*'], ['CN-XZ']],
    ['* against *', ['*'], ['*'], ['*']],
  ])('overlap: %s', (_what, a, b, shared) => {
    expect(overlappingRegions(a, b)).toEqual(shared);
  });
});

describe('which hub a merchant warehouse ships through', () => {
  const hubs = [
    { id: 'MEL', country: 'AU', servesRegions: ['AU-VIC', 'AU-TAS', 'AU-SA', 'AU-WA'], servesCities: [] },
    { id: 'SYD', country: 'AU', servesRegions: ['AU-NSW', 'AU-QLD', 'AU-ACT', 'AU-NT'], servesCities: ['Byron Bay'] },
    { id: 'AKL', country: 'NZ', servesRegions: ['NZ'], servesCities: [] },
  ];
  it.each([
    ['Melbourne, AU', 'AU', 'Melbourne', 'MEL'],
    ['a Barossa town (SA) by the city table', 'AU', 'Nuriootpa', 'MEL'],
    ['case and spaces do not matter', 'AU', '  wagga   WAGGA ', 'SYD'],
    ['Brisbane (QLD) goes to Sydney', 'AU', 'Brisbane', 'SYD'],
    ['a town the table does not know, named by a hub', 'AU', 'byron bay', 'SYD'],
    ['anywhere in NZ: the NZ hub', 'NZ', 'Tauranga', 'AKL'],
    ['an unknown Australian town with two hubs: none', 'AU', 'Bourke', undefined],
    ['a Chinese city: no hub', 'CN', 'Hangzhou', undefined],
  ])('%s', (_what, country, city, hub) => {
    expect(hubFor(hubs, { country, city })?.id).toBe(hub);
  });

  it('a country with a single hub takes every warehouse there, known town or not', () => {
    expect(hubFor(hubs.slice(0, 1), { country: 'AU', city: 'Bourke' })?.id).toBe('MEL');
  });
});

describe('lane shapes', () => {
  const ok: LaneShape = { mode: '9610', originKind: 'hub', originCountry: 'AU', destinationCountry: 'CN', currency: 'AUD' };
  it.each<[string, Partial<LaneShape>, string | null, string?]>([
    ['9610 from an AU hub to CN in AUD', {}, null],
    ['9610 from the NZ hub in NZD', { originCountry: 'NZ', currency: 'NZD' }, null],
    ['9610 priced in CNY from an AU hub', { currency: 'CNY' }, 'rate_card.first_price.currency', 'currency_mismatch'],
    ['9610 from a bonded warehouse', { originKind: 'bonded_warehouse', originCountry: 'CN', currency: 'CNY' }, 'mode'],
    ['9610 to Australia', { destinationCountry: 'AU' }, 'destination_country'],
    [
      '1210 from a bonded warehouse within CN in CNY',
      { mode: '1210', originKind: 'bonded_warehouse', originCountry: 'CN', currency: 'CNY' },
      null,
    ],
    ['1210 from a hub', { mode: '1210' }, 'mode'],
    ['domestic from an AU hub to AU', { mode: 'domestic', destinationCountry: 'AU' }, null],
    ['domestic from an AU hub to NZ', { mode: 'domestic', destinationCountry: 'NZ' }, 'destination_country'],
    // The reverse corridor: Chinese sellers' parcels leave from a China export hub, priced in CNY.
    ['export from a China hub to AU in CNY', { mode: 'export', originCountry: 'CN', destinationCountry: 'AU', currency: 'CNY' }, null],
    ['export from a China hub to NZ in CNY', { mode: 'export', originCountry: 'CN', destinationCountry: 'NZ', currency: 'CNY' }, null],
    ['export from an AU hub', { mode: 'export', destinationCountry: 'NZ' }, 'mode'],
    ['export into China', { mode: 'export', originCountry: 'CN', currency: 'CNY' }, 'destination_country'],
    [
      'export from a China hub priced in AUD',
      { mode: 'export', originCountry: 'CN', destinationCountry: 'AU' },
      'rate_card.first_price.currency',
      'currency_mismatch',
    ],
    ['9610 from a China hub', { originCountry: 'CN', currency: 'CNY' }, 'mode'],
  ])('%s', (_what, change, param, code = 'invalid_request') => {
    const problem = laneShapeProblem({ ...ok, ...change });
    expect(problem?.param ?? null).toBe(param);
    if (param) expect(problem?.code).toBe(code);
  });
});

describe('volumetric weight (L×W×H cm³ ÷ divisor cm³/kg, in grams, rounded up)', () => {
  it.each([
    ['10 cm cube: 1000 cm³ / 6000 = 166.67 g → 167', parcel(1, 100, 100, 100), 6000, 167],
    ['12×10×10 cm: 1200 cm³ / 6000 = 200 g exactly', parcel(1, 120, 100, 100), 6000, 200],
    ['40×30×30 cm: 36,000 cm³ / 6000 = 6 kg', parcel(1, 400, 300, 300), 6000, 6000],
    ['30.5×20.5×10.5 cm: 6565.125 cm³ / 6000 = 1094.19 g → 1095', parcel(1, 305, 205, 105), 6000, 1095],
    ['the same box by road (divisor 4000): 1641.28 g → 1642', parcel(1, 305, 205, 105), 4000, 1642],
  ])('%s', (_what, p, divisor, grams) => {
    expect(volumetricWeightG(p, divisor)).toBe(grams);
  });

  it.each([
    [30.5, 305],
    [10, 100],
    [0.1, 1],
    [0.1 + 0.2, 3],
    [30.55, null],
    [Number.NaN, null],
  ])('%s cm → %s mm', (cm, mm) => {
    expect(cmToMm(cm)).toBe(mm);
  });
});

describe('charging a parcel on a rate card', () => {
  it.each<[string, RateCard, Parcel, { chargeable: number; steps: number; weight: bigint; fuel: bigint; total: bigint }]>([
    // 300 g, volumetric 167 g: the first band. 1800 + 12% (216) = 2016.
    [
      'light and small: the first band',
      AIR,
      parcel(300, 100, 100, 100),
      { chargeable: 500, steps: 0, weight: 1800n, fuel: 216n, total: 2016n },
    ],
    ['exactly the first band', AIR, parcel(500, 100, 100, 100), { chargeable: 500, steps: 0, weight: 1800n, fuel: 216n, total: 2016n }],
    // 501 g: one gram over is a whole step. 1800 + 600 = 2400; 12% = 288.
    [
      'one gram over: a whole step',
      AIR,
      parcel(501, 100, 100, 100),
      { chargeable: 1000, steps: 1, weight: 2400n, fuel: 288n, total: 2688n },
    ],
    // 1200 g actual (volumetric 500 g): 700 g over → 2 steps; 1800 + 1200 = 3000; fuel 360.
    ['heavier than its volume', AIR, parcel(1200, 200, 150, 100), { chargeable: 1500, steps: 2, weight: 3000n, fuel: 360n, total: 3360n }],
    // 800 g actual, 6000 g volumetric: 5500 g over → 11 steps; 1800 + 6600 = 8400; fuel 1008.
    ['bulky: volumetric wins', AIR, parcel(800, 400, 300, 300), { chargeable: 6000, steps: 11, weight: 8400n, fuel: 1008n, total: 9408n }],
    // 900 g actual, 1095 g volumetric: 595 g over → 2 steps → 3000; fuel 360.
    ['decimal centimetres', AIR, parcel(900, 305, 205, 105), { chargeable: 1500, steps: 2, weight: 3000n, fuel: 360n, total: 3360n }],
    // No divisor: the big box counts its 2500 g only: 1500 over → 2 kg steps; 800 + 600.
    [
      'no volumetric divisor: actual weight only',
      BONDED,
      parcel(2500, 600, 600, 600),
      { chargeable: 3000, steps: 2, weight: 1400n, fuel: 0n, total: 1400n },
    ],
  ])('%s', (_what, card, p, want) => {
    const c = chargeParcel(card, p);
    expect({
      chargeable: c.chargeableWeightG,
      steps: c.additionalSteps,
      weight: c.weightCharge,
      fuel: c.fuelSurcharge,
      total: c.total,
    }).toEqual(want);
  });

  it.each([
    // 1805 × 10% = 180.5 → 181 (a tie rounds up)
    ['a tie rounds up', 1805n, 1000, 181n],
    ['below half rounds down: 1804 × 10% = 180.4', 1804n, 1000, 180n],
    ['above half rounds up: 1806 × 10% = 180.6', 1806n, 1000, 181n],
    ['12.5% of 1804 = 225.5 → 226', 1804n, 1250, 226n],
    ['12.5% of 1803 = 225.375 → 225', 1803n, 1250, 225n],
    ['0% is nothing', 1803n, 0, 0n],
  ])('fuel surcharge half-up to the minor unit: %s', (_what, price, bps, fuel) => {
    const card = { ...BONDED, firstPrice: price, fuelSurchargeBps: bps };
    expect(chargeParcel(card, parcel(100, 10, 10, 10)).fuelSurcharge).toBe(fuel);
  });

  it('several parcels: each charged and rounded on its own, then summed', () => {
    const card = { ...AIR, fuelSurchargeBps: 1250 };
    // 1800 × 12.5% = 225 ; 2400 × 12.5% = 300 → 2025 + 2700 = 4725
    const c = chargeParcels(card, [parcel(300, 100, 100, 100), parcel(700, 100, 100, 100)]);
    expect(c).toMatchObject({ weightCharge: 4200n, fuelSurcharge: 525n, total: 4725n });
    expect(c?.parcels.map((p) => p.total)).toEqual([2025n, 2700n]);
  });

  it('a parcel over the lane’s weight limit (actual or volumetric) has no price on it', () => {
    expect(chargeParcels(AIR, [parcel(30_000, 100, 100, 100)])).not.toBeNull();
    expect(chargeParcels(AIR, [parcel(300, 100, 100, 100), parcel(30_001, 100, 100, 100)])).toBeNull();
    // 100×60×40 cm = 240,000 cm³ / 6000 = 40 kg volumetric
    expect(chargeParcels(AIR, [parcel(2000, 1000, 600, 400)])).toBeNull();
  });
});

describe('delivery windows: calendar days from the day of `at` in the destination’s time zone', () => {
  it.each([
    // 20:00 UTC is 04:00 the next morning in China: day 0 is 1 December.
    ['CN-ZJ after midnight Beijing time', '2026-11-30T20:00:00Z', 'CN-ZJ', 7, 12, '2026-12-08', '2026-12-13', 'Asia/Shanghai'],
    ['CN-GD one second before midnight Beijing time', '2026-11-30T15:59:59Z', 'CN-GD', 1, 2, '2026-12-01', '2026-12-02', 'Asia/Shanghai'],
    // 13:00 UTC: midnight in Melbourne (AEDT, +11), still 21:00 in Perth (+8) and 23:00 in Brisbane (+10, no DST).
    ['AU-VIC in daylight saving', '2026-11-30T13:00:00Z', 'AU-VIC', 2, 4, '2026-12-03', '2026-12-05', 'Australia/Melbourne'],
    ['AU-WA at the same instant', '2026-11-30T13:00:00Z', 'AU-WA', 2, 4, '2026-12-02', '2026-12-04', 'Australia/Perth'],
    ['AU-QLD keeps no daylight saving', '2026-11-30T13:00:00Z', 'AU-QLD', 2, 4, '2026-12-02', '2026-12-04', 'Australia/Brisbane'],
    ['NZ across the new year', '2026-12-28T00:00:00Z', 'NZ', 3, 5, '2026-12-31', '2027-01-02', 'Pacific/Auckland'],
    ['same day (0 days)', '2026-06-15T02:00:00Z', 'CN-SH', 0, 1, '2026-06-15', '2026-06-16', 'Asia/Shanghai'],
  ])('%s', (_what, at, region, min, max, earliest, latest, timeZone) => {
    expect(deliveryWindow(new Date(at), region, min, max)).toEqual({ earliest, latest, timeZone });
  });

  it.each([
    ['2028-02-27', 2, '2028-02-29'],
    ['2027-02-27', 2, '2027-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('%s + %i days = %s', (date, days, want) => {
    expect(addDays(date, days)).toBe(want);
  });
});
