// Pure shipping rules (PRODUCT.md L1, L2): destination regions, how a lane may be shaped,
// how a parcel is charged on a rate card, and when it is expected to arrive. No I/O: the
// service loads nodes and lanes and applies these.
import { type Currency, divideRounded } from '../../kernel/money.ts';

// ---------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------

/**
 * Mainland China's province-level divisions by their ISO 3166-2:CN codes (the letter codes
 * of the 2017 revision). Hong Kong, Macao and Taiwan are separate customs territories: CBEC
 * retail import (9610/1210) delivers to the mainland only, so they are not destinations.
 */
export const CN_PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  'CN-AH': 'Anhui',
  'CN-BJ': 'Beijing',
  'CN-CQ': 'Chongqing',
  'CN-FJ': 'Fujian',
  'CN-GD': 'Guangdong',
  'CN-GS': 'Gansu',
  'CN-GX': 'Guangxi',
  'CN-GZ': 'Guizhou',
  'CN-HA': 'Henan',
  'CN-HB': 'Hubei',
  'CN-HE': 'Hebei',
  'CN-HI': 'Hainan',
  'CN-HL': 'Heilongjiang',
  'CN-HN': 'Hunan',
  'CN-JL': 'Jilin',
  'CN-JS': 'Jiangsu',
  'CN-JX': 'Jiangxi',
  'CN-LN': 'Liaoning',
  'CN-NM': 'Inner Mongolia',
  'CN-NX': 'Ningxia',
  'CN-QH': 'Qinghai',
  'CN-SC': 'Sichuan',
  'CN-SD': 'Shandong',
  'CN-SH': 'Shanghai',
  'CN-SN': 'Shaanxi',
  'CN-SX': 'Shanxi',
  'CN-TJ': 'Tianjin',
  'CN-XJ': 'Xinjiang',
  'CN-XZ': 'Tibet',
  'CN-YN': 'Yunnan',
  'CN-ZJ': 'Zhejiang',
});

/** The same divisions by their Chinese names, as addresses in China (labels, customs declarations) write them. */
export const CN_PROVINCES_ZH: Readonly<Record<string, string>> = Object.freeze({
  'CN-AH': '安徽省',
  'CN-BJ': '北京市',
  'CN-CQ': '重庆市',
  'CN-FJ': '福建省',
  'CN-GD': '广东省',
  'CN-GS': '甘肃省',
  'CN-GX': '广西壮族自治区',
  'CN-GZ': '贵州省',
  'CN-HA': '河南省',
  'CN-HB': '湖北省',
  'CN-HE': '河北省',
  'CN-HI': '海南省',
  'CN-HL': '黑龙江省',
  'CN-HN': '湖南省',
  'CN-JL': '吉林省',
  'CN-JS': '江苏省',
  'CN-JX': '江西省',
  'CN-LN': '辽宁省',
  'CN-NM': '内蒙古自治区',
  'CN-NX': '宁夏回族自治区',
  'CN-QH': '青海省',
  'CN-SC': '四川省',
  'CN-SD': '山东省',
  'CN-SH': '上海市',
  'CN-SN': '陕西省',
  'CN-SX': '山西省',
  'CN-TJ': '天津市',
  'CN-XJ': '新疆维吾尔自治区',
  'CN-XZ': '西藏自治区',
  'CN-YN': '云南省',
  'CN-ZJ': '浙江省',
});

/** Australian states and territories, ISO 3166-2:AU. */
export const AU_STATES: Readonly<Record<string, string>> = Object.freeze({
  'AU-ACT': 'Australian Capital Territory',
  'AU-NSW': 'New South Wales',
  'AU-NT': 'Northern Territory',
  'AU-QLD': 'Queensland',
  'AU-SA': 'South Australia',
  'AU-TAS': 'Tasmania',
  'AU-VIC': 'Victoria',
  'AU-WA': 'Western Australia',
});

export const SHIPPING_COUNTRIES = ['CN', 'AU', 'NZ'] as const;
export type ShippingCountry = (typeof SHIPPING_COUNTRIES)[number];

/** New Zealand is one region, named by its country code: no lane prices its regions apart. */
export const REGIONS: Readonly<Record<ShippingCountry, readonly string[]>> = Object.freeze({
  CN: Object.keys(CN_PROVINCES),
  AU: Object.keys(AU_STATES),
  NZ: ['NZ'],
});

/** A lane's region list may be this alone: every region of its destination country. */
export const ALL_REGIONS = '*';

export function countryOfRegion(region: string): ShippingCountry | undefined {
  for (const c of SHIPPING_COUNTRIES) if (REGIONS[c].includes(region)) return c;
  return undefined;
}

/**
 * Delivery dates are counted in the destination's local calendar. All of China keeps
 * Beijing time; Australia's states differ (and Queensland keeps no daylight saving).
 */
export const REGION_TIME_ZONES: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(Object.keys(CN_PROVINCES).map((r) => [r, 'Asia/Shanghai'])),
  'AU-ACT': 'Australia/Sydney',
  'AU-NSW': 'Australia/Sydney',
  'AU-NT': 'Australia/Darwin',
  'AU-QLD': 'Australia/Brisbane',
  'AU-SA': 'Australia/Adelaide',
  'AU-TAS': 'Australia/Hobart',
  'AU-VIC': 'Australia/Melbourne',
  'AU-WA': 'Australia/Perth',
  NZ: 'Pacific/Auckland',
});

export const CURRENCY_OF_COUNTRY: Readonly<Record<ShippingCountry, Currency>> = Object.freeze({ CN: 'CNY', AU: 'AUD', NZ: 'NZD' });

/**
 * Where a merchant warehouse is, as a region: stock locations record a country and a city,
 * not a state, so Australian cities and towns where exporters keep stock are listed here
 * (a hub can also name extra towns in `serves_cities`). New Zealand is one region.
 */
const AU_CITY_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  ...cities('AU-VIC', [
    'Melbourne',
    'Geelong',
    'Ballarat',
    'Bendigo',
    'Shepparton',
    'Mildura',
    'Warrnambool',
    'Wodonga',
    'Traralgon',
    'Dandenong',
    'Truganina',
    'Tullamarine',
    'Derrimut',
  ]),
  ...cities('AU-NSW', [
    'Sydney',
    'Newcastle',
    'Wollongong',
    'Gosford',
    'Albury',
    'Wagga Wagga',
    'Orange',
    'Dubbo',
    'Tamworth',
    'Port Macquarie',
    'Coffs Harbour',
    'Parramatta',
    'Penrith',
    'Eastern Creek',
    'Mudgee',
    'Griffith',
  ]),
  ...cities('AU-QLD', [
    'Brisbane',
    'Gold Coast',
    'Sunshine Coast',
    'Toowoomba',
    'Cairns',
    'Townsville',
    'Mackay',
    'Rockhampton',
    'Bundaberg',
    'Ipswich',
  ]),
  ...cities('AU-SA', [
    'Adelaide',
    'Nuriootpa',
    'Tanunda',
    'Angaston',
    'McLaren Vale',
    'Mount Gambier',
    'Whyalla',
    'Port Lincoln',
    'Murray Bridge',
  ]),
  ...cities('AU-WA', ['Perth', 'Fremantle', 'Bunbury', 'Margaret River', 'Geraldton', 'Kalgoorlie']),
  ...cities('AU-TAS', ['Hobart', 'Launceston', 'Devonport', 'Burnie']),
  ...cities('AU-ACT', ['Canberra']),
  ...cities('AU-NT', ['Darwin', 'Alice Springs', 'Katherine']),
});

function cities(region: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [normaliseCity(n), region]));
}

/** "Wagga  Wagga", "wagga wagga" and "WAGGA WAGGA" are the same town. */
export function normaliseCity(city: string): string {
  return city.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The region of a place in AU or NZ, or undefined when the city is not known. */
export function regionOfPlace(country: string, city: string): string | undefined {
  if (country === 'NZ') return 'NZ';
  if (country === 'AU') return AU_CITY_REGIONS[normaliseCity(city)];
  return undefined;
}

export interface HubCoverage {
  id: string;
  country: string;
  servesRegions: readonly string[];
  servesCities: readonly string[];
}

/**
 * The hub a merchant warehouse sends its parcels through: a hub naming the warehouse's
 * city, else the hub serving its region, else — when the country has a single hub — that
 * one. Undefined when none fits (an operator adds the town to a hub's `serves_cities`).
 */
export function hubFor<H extends HubCoverage>(hubs: readonly H[], place: { country: string; city: string }): H | undefined {
  const inCountry = hubs.filter((h) => h.country === place.country);
  const city = normaliseCity(place.city);
  const byCity = inCountry.find((h) => h.servesCities.some((c) => normaliseCity(c) === city));
  if (byCity) return byCity;
  const region = regionOfPlace(place.country, place.city);
  const byRegion = region ? inCountry.find((h) => h.servesRegions.includes(region)) : undefined;
  if (byRegion) return byRegion;
  return inCountry.length === 1 ? inCountry[0] : undefined;
}

/** The regions two lists share; `*` stands for all of them. */
export function overlappingRegions(a: readonly string[], b: readonly string[]): string[] {
  if (a.includes(ALL_REGIONS)) return [...b];
  if (b.includes(ALL_REGIONS)) return [...a];
  return a.filter((r) => b.includes(r));
}

export function coversRegion(regions: readonly string[], region: string): boolean {
  return regions.includes(ALL_REGIONS) || regions.includes(region);
}

// ---------------------------------------------------------------------------
// Lane shapes
// ---------------------------------------------------------------------------

export const NODE_KINDS = ['hub', 'bonded_warehouse'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * `9610`: direct purchase, each parcel flown from an ANZ hub and cleared into China.
 * `1210`: bonded import, shipped within China from a bonded warehouse's stock.
 * `domestic`: delivery inside one country (the reverse corridor's last mile in AU/NZ).
 * `export`: the reverse corridor door to door — a Chinese seller's parcel flown from a China
 *   export hub to a consumer in Australia or New Zealand (declared out of China as 9610 export,
 *   into AU/NZ as a low-value import with GST collected at sale).
 */
export const LANE_MODES = ['9610', '1210', 'domestic', 'export'] as const;
export type LaneMode = (typeof LANE_MODES)[number];

export interface LaneShape {
  mode: LaneMode;
  originKind: NodeKind;
  originCountry: string;
  destinationCountry: string;
  currency: string;
}

export interface ShapeProblem {
  code: 'invalid_request' | 'currency_mismatch';
  param: string;
  message: string;
}

/** Why a lane of this shape cannot exist, naming the field; null when it can. */
export function laneShapeProblem(s: LaneShape): ShapeProblem | null {
  const bad = (param: string, message: string): ShapeProblem => ({ code: 'invalid_request', param, message });
  if (s.mode === '9610') {
    if (s.originKind !== 'hub' || s.originCountry === 'CN') return bad('mode', 'A 9610 (direct mail) lane starts at an AU/NZ hub');
    if (s.destinationCountry !== 'CN') return bad('destination_country', 'A 9610 lane delivers in China (CN)');
  }
  if (s.mode === '1210') {
    if (s.originKind !== 'bonded_warehouse') return bad('mode', 'A 1210 (bonded) lane starts at a China bonded warehouse');
    if (s.destinationCountry !== 'CN') return bad('destination_country', 'A 1210 lane delivers in China (CN)');
  }
  if (s.mode === 'export') {
    if (s.originKind !== 'hub' || s.originCountry !== 'CN') return bad('mode', 'An export lane starts at a China export hub');
    if (s.destinationCountry === 'CN') return bad('destination_country', 'An export lane delivers in Australia or New Zealand');
  }
  if (s.mode === 'domestic' && s.destinationCountry !== s.originCountry) {
    return bad('destination_country', 'A domestic lane delivers in its origin’s country');
  }
  const currency = CURRENCY_OF_COUNTRY[s.originCountry as ShippingCountry];
  if (s.currency !== currency) {
    return {
      code: 'currency_mismatch',
      param: 'rate_card.first_price.currency',
      message: `A lane from ${s.originCountry} is priced in ${currency}, the currency its carrier bills in`,
    };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Rate cards
// ---------------------------------------------------------------------------

export interface RateCard {
  currency: Currency;
  /** The first weight band, charged `firstPrice` in full however light the parcel. */
  firstWeightG: number;
  firstPrice: bigint;
  /** Each further step of weight (or part of one) adds `additionalPrice`. */
  additionalWeightG: number;
  additionalPrice: bigint;
  /** cm³ per kg (IATA air: 6000); null when the carrier charges actual weight only. */
  volumetricDivisor: number | null;
  /** Fuel surcharge in basis points of the weight charge (1200 = 12%). */
  fuelSurchargeBps: number;
  /** Parcels heavier than this (actual or volumetric weight) cannot go on the lane. */
  maxParcelWeightG: number | null;
}

/** Dimensions in whole millimetres, so every product below is an exact integer. */
export interface Parcel {
  weightG: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

/**
 * Centimetres as sent (at most one decimal: 30.5) to whole millimetres; null for anything
 * finer, which would be a false precision the volumetric sum then rounds silently.
 */
export function cmToMm(cm: number): number | null {
  const mm = Math.round(cm * 10);
  return Number.isFinite(cm) && Math.abs(cm * 10 - mm) < 1e-6 ? mm : null;
}

/**
 * Volumetric weight in grams, rounded up to the gram: L×W×H in cm³ ÷ divisor (cm³/kg) gives
 * kg; in millimetres that is L×W×H (mm³) ÷ divisor grams exactly (mm³/1000 × 1000 g/kg).
 */
export function volumetricWeightG(p: Parcel, divisor: number): number {
  const mm3 = BigInt(p.lengthMm) * BigInt(p.widthMm) * BigInt(p.heightMm);
  return Number(divideRounded(mm3, BigInt(divisor), 'up'));
}

export interface ParcelCharge {
  actualWeightG: number;
  volumetricWeightG: number | null;
  /** max(actual, volumetric), rounded up to the first band or a whole number of steps above it. */
  chargeableWeightG: number;
  /** Steps charged above the first band. */
  additionalSteps: number;
  /** first + steps × additional price. */
  weightCharge: bigint;
  /** weightCharge × fuel %, rounded half-up to the minor unit. */
  fuelSurcharge: bigint;
  total: bigint;
}

export function chargeParcel(card: RateCard, p: Parcel): ParcelCharge {
  const volumetric = card.volumetricDivisor ? volumetricWeightG(p, card.volumetricDivisor) : null;
  const weight = Math.max(p.weightG, volumetric ?? 0);
  const over = Math.max(0, weight - card.firstWeightG);
  const steps = Math.ceil(over / card.additionalWeightG);
  const weightCharge = card.firstPrice + BigInt(steps) * card.additionalPrice;
  const fuelSurcharge = divideRounded(weightCharge * BigInt(card.fuelSurchargeBps), 10_000n, 'half-up');
  return {
    actualWeightG: p.weightG,
    volumetricWeightG: volumetric,
    chargeableWeightG: card.firstWeightG + steps * card.additionalWeightG,
    additionalSteps: steps,
    weightCharge,
    fuelSurcharge,
    total: weightCharge + fuelSurcharge,
  };
}

/** Whether the lane takes the parcel: by the greater of its actual and volumetric weight, before rounding to steps. */
export function fitsLane(card: RateCard, charge: ParcelCharge): boolean {
  return card.maxParcelWeightG === null || Math.max(charge.actualWeightG, charge.volumetricWeightG ?? 0) <= card.maxParcelWeightG;
}

export interface ShipmentCharge {
  parcels: ParcelCharge[];
  weightCharge: bigint;
  fuelSurcharge: bigint;
  total: bigint;
}

/**
 * Every parcel is its own waybill (and, for 9610, its own customs declaration), so each is
 * charged and its surcharge rounded on its own; the shipment is their sum. Null when a
 * parcel does not fit the lane.
 */
export function chargeParcels(card: RateCard, parcels: readonly Parcel[]): ShipmentCharge | null {
  const charges = parcels.map((p) => chargeParcel(card, p));
  if (!charges.every((c) => fitsLane(card, c))) return null;
  const sum = (f: (c: ParcelCharge) => bigint) => charges.reduce((s, c) => s + f(c), 0n);
  return {
    parcels: charges,
    weightCharge: sum((c) => c.weightCharge),
    fuelSurcharge: sum((c) => c.fuelSurcharge),
    total: sum((c) => c.total),
  };
}

// ---------------------------------------------------------------------------
// Delivery estimates
// ---------------------------------------------------------------------------

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The delivery window: the day of `at` in the destination's time zone is day 0, and the
 * parcel arrives between day `min` and day `max` in calendar days (carriers in the corridor
 * deliver seven days a week; public holidays are not modelled).
 */
export function deliveryWindow(at: Date, region: string, transitMin: number, transitMax: number) {
  const timeZone = REGION_TIME_ZONES[region] ?? 'UTC';
  const day0 = localDate(at, timeZone);
  return { earliest: addDays(day0, transitMin), latest: addDays(day0, transitMax), timeZone };
}
