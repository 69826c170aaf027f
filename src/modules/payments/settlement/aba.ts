// The Australian Direct Entry file (BECS "ABA" / Cemtex format) that a finance operator uploads
// to the platform's bank to pay a batch of AUD payouts. Pure: no I/O, the processing date is
// passed in.
//
// Layout: APCA/AusPayNet BECS Procedures, Direct Entry file format, as republished by the banks
// and their vendors — field positions below are from the CBA "Direct Entry – File Specification",
// the ANZ/NAB/WBC tables reproduced in Infor's "ABAFILE EFT Output Format", and the
// cemtexaba.com "ABA Format File Details" page (all three agree). Every record is 120 characters,
// records end with CR LF, one descriptive record (type 0), detail records (type 1), one file
// total record (type 7). Unused positions are blank; numeric fields are right-justified and
// zero-filled; text fields are left-justified and blank-filled.

import { AppError } from '../../../kernel/errors.ts';
import { validateAuBankAccount } from '../../merchants/rules.ts';

export const ABA_RECORD_LENGTH = 120;
export const ABA_LINE_END = '\r\n';

/**
 * APCA financial institution abbreviations (descriptive record 21–23) we have seen documented:
 * the four majors, plus BQL, which the spec's own example uses. Extend when the platform
 * banks elsewhere; the bank confirms the abbreviation when it issues the APCA user id.
 */
export const ABA_BANKS = ['ANZ', 'CBA', 'NAB', 'WBC', 'BQL'] as const;
export type AbaBank = (typeof ABA_BANKS)[number];

/** Transaction codes (detail 19–20): 13 debits the account named, 50–57 credit it (50 = general credit). */
export const ABA_DEBIT_CODE = '13';
export const ABA_CREDIT_CODE = '50';
export const ABA_CREDIT_CODES: ReadonlySet<string> = new Set(['50', '51', '52', '53', '54', '55', '56', '57']);

/** 10 digits of cents (detail 21–30, total 21–50): the largest amount one field can hold. */
export const ABA_MAX_AMOUNT_CENTS = 9_999_999_999n;
/** 6 digits of count (total 75–80). */
export const ABA_MAX_DETAIL_RECORDS = 999_999;

type FieldKind = 'constant' | 'blank' | 'text' | 'numeric' | 'bsb' | 'account';

/** One field: 1-based start position and length as the spec tables print them. */
export interface AbaField {
  readonly name: string;
  readonly start: number;
  readonly length: number;
  readonly kind: FieldKind;
  readonly value?: string;
}

const f = (name: string, start: number, length: number, kind: FieldKind, value?: string): AbaField => ({
  name,
  start,
  length,
  kind,
  ...(value === undefined ? {} : { value }),
});

/** Descriptive record (type 0). */
export const ABA_DESCRIPTIVE_LAYOUT: readonly AbaField[] = [
  f('recordType', 1, 1, 'constant', '0'),
  f('blank1', 2, 17, 'blank'),
  f('reelSequence', 19, 2, 'numeric'), // "01" for the first (only) reel
  f('bank', 21, 3, 'text'), // user's financial institution abbreviation
  f('blank2', 24, 7, 'blank'),
  f('userName', 31, 26, 'text'), // "user preferred specification", must not be all blanks
  f('apcaUserId', 57, 6, 'numeric'), // user identification number allocated by APCA
  f('description', 63, 12, 'text'), // description of entries, must not be all blanks
  f('processOn', 75, 6, 'numeric'), // DDMMYY, date the entries are released
  f('blank3', 81, 40, 'blank'),
];

/** Detail record (type 1). */
export const ABA_DETAIL_LAYOUT: readonly AbaField[] = [
  f('recordType', 1, 1, 'constant', '1'),
  f('bsb', 2, 7, 'bsb'), // "nnn-nnn", hyphen in position 5
  f('account', 9, 9, 'account'), // right-justified, blank-filled
  f('indicator', 18, 1, 'text'), // blank, or N (new/varied details) / W X Y (withholding tax)
  f('transactionCode', 19, 2, 'numeric'),
  f('amount', 21, 10, 'numeric'), // cents, > 0, unsigned
  f('accountName', 31, 32, 'text'), // title of account credited/debited, not all blanks
  f('lodgementReference', 63, 18, 'text'), // shown on the payee's statement
  f('traceBsb', 81, 7, 'bsb'), // the remitter's account, where returns go
  f('traceAccount', 88, 9, 'account'),
  f('remitterName', 97, 16, 'text'), // shown on the payee's statement, not all blanks
  f('withholdingTax', 113, 8, 'numeric'), // cents; zero unless indicator W/X/Y
];

/** File total record (type 7). */
export const ABA_TOTAL_LAYOUT: readonly AbaField[] = [
  f('recordType', 1, 1, 'constant', '7'),
  f('bsbFiller', 2, 7, 'constant', '999-999'),
  f('blank1', 9, 12, 'blank'),
  f('netTotal', 21, 10, 'numeric'), // |credit total − debit total|
  f('creditTotal', 31, 10, 'numeric'),
  f('debitTotal', 41, 10, 'numeric'),
  f('blank2', 51, 24, 'blank'),
  f('count', 75, 6, 'numeric'), // number of type 1 records
  f('blank3', 81, 40, 'blank'),
];

export interface AbaRemitter {
  /** Name of remitter (detail 97–112): what the payee's statement says the money came from. */
  readonly name: string;
  /** The platform's own account: the trace account for returns, and the balancing debit's account. */
  readonly bsb: string;
  readonly account: string;
  /** Title of the platform's account on the balancing record; defaults to the user name. */
  readonly accountTitle?: string;
}

export interface AbaItem {
  readonly bsb: string;
  readonly account: string;
  readonly accountName: string;
  readonly amountCents: bigint;
  readonly lodgementReference: string;
}

export interface AbaBatch {
  readonly bank: AbaBank;
  /** User preferred specification, as the bank registered it (26 characters). */
  readonly userName: string;
  /** APCA user identification number, up to 6 digits. */
  readonly apcaUserId: string;
  /** Description of entries (12 characters), e.g. "PAYOUTS". */
  readonly description: string;
  /** The instant whose Australia/Sydney calendar date is the processing date. */
  readonly processOn: Date;
  readonly remitter: AbaRemitter;
  readonly items: readonly AbaItem[];
  /**
   * Append a self-balancing debit (code 13) of the credit total from the remitter's account.
   * Some banks (CBA, HSBC, Bankwest) require it; the others reject it. Ask the bank.
   */
  readonly balancingRecord?: boolean;
}

// ---------------------------------------------------------------------------
// Text: the spec allows "all coded character set", i.e. printable characters
// ---------------------------------------------------------------------------

// Typographic punctuation that word processors and phone keyboards put in names.
const PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u00A0': ' ',
  '\u3000': ' ',
};

/**
 * Folds text to printable ASCII (0x20–0x7E). NFKD turns full-width forms (ＡＢＣ，（）) into
 * ASCII and splits accented letters so the accent can be dropped (Zoë → Zoe); typographic
 * quotes and dashes become their ASCII forms. Anything still outside ASCII — Chinese merchant
 * names, emoji — becomes a space, and runs of spaces collapse: we do not transliterate (pinyin
 * would be a guess at the registered English account name, which is what the bank holds).
 * A field left blank by this gets the caller's fallback instead.
 */
export function foldToAscii(text: string): string {
  const decomposed = text.normalize('NFKD').replace(/\p{M}/gu, '');
  let out = '';
  for (const ch of decomposed) {
    const mapped = PUNCTUATION[ch] ?? ch;
    const code = mapped.codePointAt(0) ?? 0;
    out += code >= 0x20 && code <= 0x7e ? mapped : ' ';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Left-justified, blank-filled text, cut to the field: the spec's rule for every text field. */
function textField(value: string, length: number): string {
  return value.slice(0, length).padEnd(length, ' ');
}

function zeroFilled(value: bigint | number, length: number): string {
  return value.toString().padStart(length, '0');
}

function formatBsb(sixDigits: string): string {
  return `${sixDigits.slice(0, 3)}-${sixDigits.slice(3)}`;
}

/** The calendar date in Sydney as DDMMYY: banks process by the Australian eastern date. */
export function abaDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new AppError('invalid_request', 'processOn must be a valid Date', { param: 'processOn' });
  }
  const parts = new Intl.DateTimeFormat('en-AU', {
    timeZone: 'Australia/Sydney',
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}${get('month')}${get('year')}`;
}

// ---------------------------------------------------------------------------
// Validation of the inputs
// ---------------------------------------------------------------------------

interface Account {
  bsb: string;
  account: string;
}

/**
 * BSB and account through the merchant rules (the same check onboarding used). The spec also
 * says an account number "must not be all zeros", which the merchant rule does not check.
 */
function checkAccount(bsb: string, account: string, param: string): Account {
  const r = validateAuBankAccount({ bsb, account_number: account });
  if (!r.ok) {
    const field = r.reason === 'bsb_format' ? 'bsb' : 'account';
    throw new AppError('invalid_bank_account', r.message, { param: `${param}.${field}`, details: { reason: r.reason } });
  }
  if (/^0+$/.test(r.value.account_number)) {
    throw new AppError('invalid_bank_account', 'An account number must not be all zeros (BECS detail record 9–17).', {
      param: `${param}.account`,
      details: { reason: 'account_format' },
    });
  }
  return { bsb: r.value.bsb, account: r.value.account_number };
}

function requiredText(value: string, length: number, param: string, fallback?: string): string {
  const folded = foldToAscii(typeof value === 'string' ? value : '') || (fallback ?? '');
  if (folded === '') {
    throw new AppError('invalid_request', `${param} must not be blank (BECS: "must not be all blanks")`, { param });
  }
  return textField(folded, length);
}

function checkAmount(amount: bigint, param: string): bigint {
  if (typeof amount !== 'bigint' || amount <= 0n) {
    throw new AppError('invalid_amount', `${param} must be a positive bigint of cents (BECS: "must be greater than zero")`, { param });
  }
  if (amount > ABA_MAX_AMOUNT_CENTS) {
    throw new AppError('invalid_amount', `${param} exceeds 10 digits of cents (${ABA_MAX_AMOUNT_CENTS})`, { param });
  }
  return amount;
}

/** Title of account used when a name is nothing but characters the file cannot carry. */
export const ABA_NAME_FALLBACK = 'ACCOUNT HOLDER';

// ---------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------

interface DetailInput {
  account: Account;
  code: string;
  amount: bigint;
  accountName: string;
  lodgementReference: string;
}

function detailRecord(d: DetailInput, trace: Account, remitterName: string): string {
  return [
    '1',
    formatBsb(d.account.bsb),
    d.account.account.padStart(9, ' '),
    ' ',
    d.code,
    zeroFilled(d.amount, 10),
    d.accountName,
    d.lodgementReference,
    formatBsb(trace.bsb),
    trace.account.padStart(9, ' '),
    remitterName,
    zeroFilled(0, 8),
  ].join('');
}

function assertLength(record: string, what: string): string {
  // A wrong width shifts every later field: fail here rather than at the bank.
  if (record.length !== ABA_RECORD_LENGTH) throw new Error(`internal: ${what} record is ${record.length} characters, not 120`);
  return record;
}

export function buildAbaFile(input: AbaBatch): string {
  if (!(ABA_BANKS as readonly string[]).includes(input.bank)) {
    throw new AppError('invalid_request', `bank must be one of ${ABA_BANKS.join(', ')}`, { param: 'bank' });
  }
  if (!/^\d{1,6}$/.test(input.apcaUserId)) {
    throw new AppError('invalid_request', 'apcaUserId is the numeric APCA user identification number (up to 6 digits)', {
      param: 'apcaUserId',
    });
  }
  if (input.items.length === 0) {
    throw new AppError('invalid_request', 'A Direct Entry file needs at least one payment', { param: 'items' });
  }
  const userName = requiredText(input.userName, 26, 'userName');
  const description = requiredText(input.description, 12, 'description');
  const processOn = abaDate(input.processOn);
  const trace = checkAccount(input.remitter.bsb, input.remitter.account, 'remitter');
  const remitterName = requiredText(input.remitter.name, 16, 'remitter.name');

  const details: DetailInput[] = input.items.map((item, i) => {
    const param = `items[${i}]`;
    const reference = foldToAscii(item.lodgementReference ?? '');
    // Bank guides: "no leading spaces, zeroes, hyphens" in the lodgement reference.
    if (reference === '' || /^[0-]/.test(reference)) {
      throw new AppError('invalid_request', 'A lodgement reference is required and must not start with a zero or hyphen', {
        param: `${param}.lodgementReference`,
      });
    }
    return {
      account: checkAccount(item.bsb, item.account, param),
      code: ABA_CREDIT_CODE,
      amount: checkAmount(item.amountCents, `${param}.amountCents`),
      accountName: requiredText(item.accountName, 32, `${param}.accountName`, ABA_NAME_FALLBACK),
      lodgementReference: textField(reference, 18),
    };
  });

  let creditTotal = 0n;
  for (const d of details) creditTotal += d.amount;
  let debitTotal = 0n;
  if (input.balancingRecord === true) {
    debitTotal = creditTotal;
    details.push({
      account: trace,
      code: ABA_DEBIT_CODE,
      amount: creditTotal,
      accountName: requiredText(input.remitter.accountTitle ?? input.userName, 32, 'remitter.accountTitle'),
      lodgementReference: textField(foldToAscii(input.description), 18),
    });
  }
  if (creditTotal > ABA_MAX_AMOUNT_CENTS) {
    throw new AppError('invalid_amount', `The batch total exceeds 10 digits of cents (${ABA_MAX_AMOUNT_CENTS}); split the batch`, {
      param: 'items',
    });
  }
  if (details.length > ABA_MAX_DETAIL_RECORDS) {
    throw new AppError('invalid_request', `A file holds at most ${ABA_MAX_DETAIL_RECORDS} detail records; split the batch`, {
      param: 'items',
    });
  }
  const netTotal = creditTotal >= debitTotal ? creditTotal - debitTotal : debitTotal - creditTotal;

  const records = [
    assertLength(
      [
        '0',
        ' '.repeat(17),
        '01',
        input.bank,
        ' '.repeat(7),
        userName,
        input.apcaUserId.padStart(6, '0'),
        description,
        processOn,
        ' '.repeat(40),
      ].join(''),
      'descriptive',
    ),
    ...details.map((d) => assertLength(detailRecord(d, trace, remitterName), 'detail')),
    assertLength(
      [
        '7',
        '999-999',
        ' '.repeat(12),
        zeroFilled(netTotal, 10),
        zeroFilled(creditTotal, 10),
        zeroFilled(debitTotal, 10),
        ' '.repeat(24),
        zeroFilled(details.length, 6),
        ' '.repeat(40),
      ].join(''),
      'file total',
    ),
  ];
  return records.map((r) => r + ABA_LINE_END).join('');
}
