// The New Zealand bulk direct-credit file a finance operator uploads to pay a batch of NZD
// payouts. Pure: no I/O, dates are passed in.
//
// NZ banks each publish their own import format. This is the BNZ "Internet Banking for Business"
// (IB4B) Direct Credit import file — the comma-delimited header/transaction/control layout that
// ANZ Direct Online and payroll packages also emit (BNZ IB4B File Format Guide; Intersoft
// "ANZ Direct Online" and Preceda "BNZ" layouts agree on the fields). One record per line:
//
//   1 header       1, subscriber id (blank), batch number (blank), filler (blank),
//                  from-account (16 digits), batch type 7 (direct credit), due date YYMMDD,
//                  creation date YYMMDD, "I"
//   2 transaction  2, to-account (BBbbbbAAAAAAASSS, 16 digits), transaction code 50, amount in
//                  cents (≤ 11 digits), payee name (20), payee reference (12), payee analysis
//                  code (12), payee alpha reference (unused, empty), payee particulars (12),
//                  payer name (20), payer analysis code (12), payer reference (12),
//                  payer particulars (12)
//   3 control      3, total amount in cents, number of transactions, hash total (11 digits)
//
// Particulars / code / reference are the three 12-character statement fields of the NZ
// clearing system: the payee's set appears on the merchant's statement, the payer's set on ours.
// The format carries amounts in cents, not dollars.cents; `nzBulkControlTotals` gives the
// dollars.cents total for the operator, who checks it against the bank's import screen.

import { AppError } from '../../../kernel/errors.ts';
import { toDecimal } from '../../../kernel/money.ts';
import { validateNzBankAccount } from '../../merchants/rules.ts';
import { ABA_NAME_FALLBACK, foldToAscii } from './aba.ts';

export const NZ_BULK_LINE_END = '\r\n';
/** Transaction code 50: standard direct credit. */
export const NZ_CREDIT_CODE = '50';
/** Batch type 7: direct credit (6 is direct debit). */
export const NZ_BATCH_TYPE_DIRECT_CREDIT = '7';
/** 11 digits of cents in the amount field. */
export const NZ_MAX_AMOUNT_CENTS = 99_999_999_999n;
const HASH_MODULUS = 10n ** 11n;

export interface NzStatementDetails {
  /** Up to 12 characters each; longer values are cut. */
  readonly particulars?: string;
  readonly code?: string;
  readonly reference?: string;
}

export interface NzBulkItem extends NzStatementDetails {
  /** Any form validateNzBankAccount accepts, e.g. 12-3140-0171323-050. */
  readonly account: string;
  readonly payeeName: string;
  readonly amountCents: bigint;
}

export interface NzBulkBatch {
  readonly payer: NzStatementDetails & { readonly name: string; readonly account: string };
  /** The instant whose Pacific/Auckland calendar date the credits are due. */
  readonly dueOn: Date;
  /** When the file was made (also written as an Auckland date). */
  readonly createdAt: Date;
  readonly items: readonly NzBulkItem[];
}

export interface NzBulkControlTotals {
  readonly count: number;
  readonly totalCents: bigint;
  /** dollars.cents, e.g. 5n → "0.05", for people; the file itself carries cents. */
  readonly totalDollars: string;
  /** 11 digits, zero-filled. */
  readonly hashTotal: string;
}

/**
 * IB4B glossary, "Alphanumeric": letters, digits and - ' & / # ? : _ . and space. Commas and
 * double quotes are not in the set, so a sanitised field never needs CSV quoting; csvField
 * stays as the guard that a field could never split a record.
 */
const NOT_ALPHANUMERIC = /[^A-Za-z0-9\-'&/#?:_. ]/g;

export function nzText(value: string | undefined, length: number): string {
  return foldToAscii(value ?? '')
    .replace(NOT_ALPHANUMERIC, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, length)
    .trimEnd();
}

/** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** YYMMDD of the calendar date in Auckland: NZ banks process by the New Zealand date. */
export function nzDate(instant: Date, param: string): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new AppError('invalid_request', `${param} must be a valid Date`, { param });
  }
  const parts = new Intl.DateTimeFormat('en-NZ', {
    timeZone: 'Pacific/Auckland',
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/** The 16 digits BBbbbbAAAAAAASSS, through the merchant rule that onboarding used. */
function accountDigits(input: string, param: string): string {
  const r = validateNzBankAccount(typeof input === 'string' ? input : '');
  if (!r.ok) throw new AppError('invalid_bank_account', r.message, { param, details: { reason: r.reason } });
  return r.value.replace(/-/g, '');
}

function checkAmount(amount: bigint, param: string): bigint {
  if (typeof amount !== 'bigint' || amount <= 0n) {
    throw new AppError('invalid_amount', `${param} must be a positive bigint of cents`, { param });
  }
  if (amount > NZ_MAX_AMOUNT_CENTS) {
    throw new AppError('invalid_amount', `${param} exceeds 11 digits of cents (${NZ_MAX_AMOUNT_CENTS})`, { param });
  }
  return amount;
}

/**
 * IB4B control record hash total: the sum, over the transaction records, of each to-account's
 * branch and account digits read as one 11-digit number (bank and suffix left out), keeping the
 * rightmost 11 digits of the sum. E.g. 12-3140-0171323-050 contributes 31400171323.
 */
export function nzHashTotal(accounts16: readonly string[]): string {
  let sum = 0n;
  for (const digits of accounts16) sum += BigInt(digits.slice(2, 13));
  return (sum % HASH_MODULUS).toString().padStart(11, '0');
}

interface Row {
  account: string;
  amount: bigint;
  name: string;
  particulars: string;
  code: string;
  reference: string;
}

function rows(input: NzBulkBatch): Row[] {
  if (input.items.length === 0) {
    throw new AppError('invalid_request', 'A bulk payment file needs at least one payment', { param: 'items' });
  }
  return input.items.map((item, i) => {
    const param = `items[${i}]`;
    return {
      account: accountDigits(item.account, `${param}.account`),
      amount: checkAmount(item.amountCents, `${param}.amountCents`),
      // Other party name is mandatory: a name that is nothing but characters the file cannot carry gets the fallback.
      name: nzText(item.payeeName, 20) || ABA_NAME_FALLBACK,
      particulars: nzText(item.particulars, 12),
      code: nzText(item.code, 12),
      reference: nzText(item.reference, 12),
    };
  });
}

function controlTotals(list: readonly Row[]): NzBulkControlTotals {
  let totalCents = 0n;
  for (const r of list) totalCents += r.amount;
  return {
    count: list.length,
    totalCents,
    totalDollars: toDecimal({ amount: totalCents, currency: 'NZD' }),
    hashTotal: nzHashTotal(list.map((r) => r.account)),
  };
}

/** The control record's figures, for the operator to check against the bank's import screen. */
export function nzBulkControlTotals(input: NzBulkBatch): NzBulkControlTotals {
  return controlTotals(rows(input));
}

export function buildNzBulkCsv(input: NzBulkBatch): string {
  const list = rows(input);
  const from = accountDigits(input.payer.account, 'payer.account');
  const payerName = nzText(input.payer.name, 20);
  if (payerName === '') throw new AppError('invalid_request', 'payer.name must not be blank', { param: 'payer.name' });
  const payerParticulars = nzText(input.payer.particulars, 12);
  const payerCode = nzText(input.payer.code, 12);
  const payerReference = nzText(input.payer.reference, 12);
  const totals = controlTotals(list);

  const records: string[][] = [
    ['1', '', '', '', from, NZ_BATCH_TYPE_DIRECT_CREDIT, nzDate(input.dueOn, 'dueOn'), nzDate(input.createdAt, 'createdAt'), 'I'],
    ...list.map((r) => [
      '2',
      r.account,
      NZ_CREDIT_CODE,
      r.amount.toString(),
      r.name,
      r.reference,
      r.code,
      '', // other party alpha reference: not used
      r.particulars,
      payerName,
      payerCode,
      payerReference,
      payerParticulars,
    ]),
    ['3', totals.totalCents.toString(), String(totals.count), totals.hashTotal],
  ];
  return records.map((fields) => fields.map(csvField).join(',') + NZ_BULK_LINE_END).join('');
}
