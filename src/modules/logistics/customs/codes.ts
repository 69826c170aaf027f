// Code tables and value formats of the China e-port CBEC import messages (跨境电子商务进口统一版,
// CEB311/411/511/621). Codes come from the customs parameter set JGS-20 (海关业务代码集): the
// country table, the currency table and the unit-of-measure table. Where a value is not confirmed by
// PRODUCT.md or by a message sample of a public integration, the table says so: check those against
// the current JGS-20 before going live.

/**
 * ISO 3166-1 alpha-2 → customs country (region) code.
 * Confirmed: CN 142, AU 601, NZ 609 (PRODUCT.md); IE 306 (a public CEB621 sample declaring an Irish
 * brand); JP 116 (appears as an origin in a public CEB621 sample). The others follow the same
 * three-digit customs table (1xx Asia, 3xx Europe, 5xx North America, 6xx Oceania) but were not
 * cross-checked against a sample.
 */
export const CUSTOMS_COUNTRY: Readonly<Record<string, string>> = {
  CN: '142',
  AU: '601',
  NZ: '609',
  US: '502',
  CA: '501',
  JP: '116',
  KR: '133',
  HK: '110',
  SG: '132',
  GB: '303',
  DE: '304',
  FR: '305',
  IE: '306',
  IT: '307',
  NL: '309',
  CH: '331',
};

/**
 * ISO 4217 → customs currency code. CNY 142, AUD 601, NZD 609, USD 502 are in PRODUCT.md; the
 * customs currency codes reuse the issuing country's code, which gives HKD 110, JPY 116, GBP 303;
 * EUR is 300. Only CNY may appear in a CBEC retail import message (限定为人民币, "142").
 */
export const CUSTOMS_CURRENCY: Readonly<Record<string, string>> = {
  CNY: '142',
  AUD: '601',
  NZD: '609',
  USD: '502',
  HKD: '110',
  JPY: '116',
  GBP: '303',
  EUR: '300',
};

/**
 * Customs units of measure (计量单位代码) a shop needs. All values match a public copy of the full
 * JGS-20 unit table, and 007 个, 011 件, 035 千克, 140 盒 also appear in public message samples.
 */
export const CUSTOMS_UNIT = {
  台: '001',
  套: '006',
  个: '007',
  只: '008',
  张: '010',
  件: '011',
  支: '012',
  条: '015',
  片: '020',
  双: '025',
  千克: '035',
  克: '036',
  升: '095',
  毫升: '096',
  箱: '120',
  罐: '122',
  包: '125',
  袋: '136',
  粒: '139',
  盒: '140',
  瓶: '142',
} as const;
export type CustomsUnitName = keyof typeof CUSTOMS_UNIT;

/** The customs currency code every CBEC retail import message must carry (人民币). */
export const CNY = '142';

export function customsCountryCode(iso2: string): string {
  const code = CUSTOMS_COUNTRY[iso2.toUpperCase()];
  if (code === undefined) throw new RangeError(`no customs country code for ${iso2}`);
  return code;
}

export function customsCurrencyCode(iso4217: string): string {
  const code = CUSTOMS_CURRENCY[iso4217.toUpperCase()];
  if (code === undefined) throw new RangeError(`no customs currency code for ${iso4217}`);
  return code;
}

export function customsUnitCode(unit: string): string {
  const code = (CUSTOMS_UNIT as Record<string, string>)[unit];
  if (code === undefined) throw new RangeError(`no customs unit code for ${unit}`);
  return code;
}

/** Fen (CNY minor units) → decimal yuan with two places, by integer arithmetic: 12345n → "123.45". */
export function fenToYuan(fen: bigint): string {
  if (fen < 0n) throw new RangeError(`negative amount ${fen}`);
  const cents = fen % 100n;
  return `${fen / 100n}.${cents < 10n ? '0' : ''}${cents}`;
}

/** Grams → kilograms with at most three decimals and no trailing zeros: 1980 → "1.98", 1000 → "1". */
export function gramsToKg(grams: bigint | number): string {
  if (typeof grams === 'number' && !Number.isSafeInteger(grams)) throw new RangeError(`weight ${grams} g is not a whole number`);
  const g = BigInt(grams);
  if (g < 0n) throw new RangeError(`negative weight ${g} g`);
  const rest = (g % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return rest === '' ? `${g / 1000n}` : `${g / 1000n}.${rest}`;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

function chinaParts(at: Date): string[] {
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid date');
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return [
    p(d.getUTCFullYear(), 4),
    p(d.getUTCMonth() + 1),
    p(d.getUTCDate()),
    p(d.getUTCHours()),
    p(d.getUTCMinutes()),
    p(d.getUTCSeconds()),
    p(d.getUTCMilliseconds(), 3),
  ];
}

/** yyyyMMddHHmmss in China time (UTC+8, no daylight saving), the format of appTime and payTime. */
export function chinaTimestamp(at: Date): string {
  return chinaParts(at).slice(0, 6).join('');
}

/** yyyyMMddHHmmssSSS in China time, the format of a receipt's returnTime. */
export function chinaTimestampMs(at: Date): string {
  return chinaParts(at).join('');
}

/** yyyyMMdd in China time, the format of declTime and ieDate. */
export function chinaDate(at: Date): string {
  return chinaParts(at).slice(0, 3).join('');
}

/** Reads a China-time yyyyMMddHHmmss[SSS] back into an instant. */
export function parseChinaTimestamp(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(text);
  if (m === null) throw new RangeError(`not a yyyyMMddHHmmss[SSS] timestamp: ${text}`);
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((v) => Number(v ?? '0')) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - CHINA_OFFSET_MS);
}
