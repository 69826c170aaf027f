// Money on screen: the API's `{ amount: "1234", currency: "CNY" }` in minor units, formatted for
// the reader's language without ever going through a float (Intl formats the exact decimal string).
export interface Money {
  amount: string;
  currency: string;
}

const digitsCache = new Map<string, number>();
/** ISO 4217 minor-unit digits, as Intl knows them (CNY/AUD/NZD 2, JPY 0). */
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/** "123456" minor units of a 2-digit currency → "1234.56"; exact for any size. */
export function toDecimalString(amount: string, digits: number): string {
  const neg = amount.startsWith('-');
  const units = (neg ? amount.slice(1) : amount).replace(/^0+(?=\d)/, '');
  if (digits === 0) return (neg ? '-' : '') + units;
  const padded = units.padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** "12,345.60 CNY" style, by language: zh-CN shows ¥12,345.60, en shows CN¥12,345.60 / A$12.00. */
export function formatMoney(m: Money, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency });
  // Intl.NumberFormat formats a decimal string exactly (no float in between).
  return nf.format(toDecimalString(m.amount, minorDigits(m.currency)) as unknown as number);
}

/** Decimal text a person typed ("12.5") → minor units ("1250"); null when it is not a plain amount. */
export function parseAmount(text: string, currency: string): string | null {
  const digits = minorDigits(currency);
  const m = /^\s*(\d{1,12})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  return (BigInt(m[1] as string) * 10n ** BigInt(digits) + BigInt((frac.padEnd(digits, '0') || '0') as string)).toString();
}
