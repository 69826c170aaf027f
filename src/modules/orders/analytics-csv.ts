// The analytics reports as CSV (`format=csv`): one column per figure, one revenue column per
// currency (`revenue_CNY`, never a sum across currencies), amounts as plain decimals ("89.90"),
// rates as decimals ("0.25"). UTF-8 with a byte order mark, CRLF, RFC 4180 quoting, as the
// statements (payments/settlement/statement.ts): Excel reads Chinese names right only with the BOM.
import { type Currency, money, toDecimal } from '../../kernel/money.ts';
import type { Amounts } from './reports.ts';

export type Cell = string | number | null;

function field(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  // A product name starting with = + - @ would run as a formula in Excel.
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** The currencies that appear in any of the lists, sorted. */
export function currenciesOf(lists: readonly Amounts[]): string[] {
  return [...new Set(lists.flatMap((l) => l.map((a) => a.currency)))].sort();
}

/** The amount of `currency` in a list as a decimal ("0.00" when absent). */
export function decimalIn(list: Amounts, currency: string): string {
  const amount = list.find((a) => a.currency === currency)?.amount ?? 0n;
  return toDecimal(money(amount, currency as Currency));
}
