// Pure merchant rules: the business and bank identifiers collected during
// onboarding (PRODUCT.md "Domain rules" → Identifiers) and the merchant life
// cycle. No I/O.

import { gs1CheckDigit } from '../catalog/rules.ts';

// Re-exported so callers validating merchant identifiers need one import;
// the single implementation stays with the other GS1 rules in catalog.
export { gs1CheckDigit };

type Failure<R extends string> = { ok: false; reason: R; message: string };

/** Where a merchant is established: Australia and New Zealand sell to China, China sells to Australia and New Zealand. */
export const MERCHANT_COUNTRIES = ['AU', 'NZ', 'CN'] as const;
export type MerchantCountry = (typeof MERCHANT_COUNTRIES)[number];

// ---------------------------------------------------------------------------
// ABN — ATO "ABN format" rule
// ---------------------------------------------------------------------------

// ATO: weight of each of the 11 digits, after 1 is subtracted from the first.
const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19] as const;

export type AbnFailureReason = 'format' | 'checksum';

export type AbnResult = { ok: true; value: string } | Failure<AbnFailureReason>;

/**
 * Validates an Australian Business Number and normalises it to 11 digits.
 * ATO algorithm: subtract 1 from the first digit, multiply each digit by its
 * weight, and the sum must be divisible by 89.
 */
export function validateAbn(input: string): AbnResult {
  // ABNs are printed in groups `51 824 753 556`.
  const value = input.replace(/\s/g, '');
  if (!/^\d{11}$/.test(value)) {
    return { ok: false, reason: 'format', message: 'An ABN has 11 digits.' };
  }
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    const digit = value.charCodeAt(i) - 48 - (i === 0 ? 1 : 0);
    sum += digit * (ABN_WEIGHTS[i] as number);
  }
  // A leading 0 makes the sum negative; -89 % 89 is -0, which still === 0.
  if (sum % 89 !== 0) {
    return { ok: false, reason: 'checksum', message: 'The ABN check digits do not match (ATO ABN format).' };
  }
  return { ok: true, value };
}

/**
 * Formats 11 ABN digits the way the ABR shows them: `51 824 753 556`.
 * Anything else is returned unchanged, since there is no grouping to apply.
 */
export function formatAbn(digits: string): string {
  const value = digits.replace(/\s/g, '');
  if (!/^\d{11}$/.test(value)) return digits;
  return `${value.slice(0, 2)} ${value.slice(2, 5)} ${value.slice(5, 8)} ${value.slice(8)}`;
}

// ---------------------------------------------------------------------------
// NZBN — a GS1 Global Location Number under the NZ prefix 94
// ---------------------------------------------------------------------------

export type NzbnFailureReason = 'format' | 'prefix' | 'checksum';

export type NzbnResult = { ok: true; value: string } | Failure<NzbnFailureReason>;

/** Validates a New Zealand Business Number (13-digit GS1 GLN starting 94). */
export function validateNzbn(input: string): NzbnResult {
  const value = input.replace(/\s/g, '');
  if (!/^\d{13}$/.test(value)) {
    return { ok: false, reason: 'format', message: 'An NZBN has 13 digits.' };
  }
  // 94 is GS1 New Zealand's prefix; the NZBN register issues nothing else.
  if (!value.startsWith('94')) {
    return { ok: false, reason: 'prefix', message: 'An NZBN starts with 94.' };
  }
  if (gs1CheckDigit(value.slice(0, 12)) !== Number(value[12])) {
    return {
      ok: false,
      reason: 'checksum',
      message: 'The NZBN check digit does not match (GS1 General Specifications §7.9.1).',
    };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// USCC — the Unified Social Credit Code (统一社会信用代码), GB 32100-2015
// ---------------------------------------------------------------------------

/**
 * GB 32100-2015 §4: the code is written in this 31-character set — digits and upper-case
 * Latin letters without I, O, S, V and Z — and each character's value is its position here.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * GB 32100-2015 §5: the weight of each of the first 17 characters. They are 3^i mod 31, so each
 * is coprime to the prime 31 and any single wrong character changes the check character.
 */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccFailureReason = 'format' | 'character' | 'checksum';

export type UsccResult = { ok: true; value: string } | Failure<UsccFailureReason>;

/**
 * The check character (18th) for the first 17 characters of a USCC (GB 32100-2015 §5):
 * C18 = 31 − (Σ value(Ci)·Wi mod 31), where 31 is written '0'.
 * Throws when the body is not 17 characters of the code's alphabet: that is a caller bug.
 */
export function usccCheckCharacter(body: string): string {
  if (body.length !== 17) throw new TypeError('usccCheckCharacter expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(body[i] as string);
    if (value < 0) throw new TypeError(`'${body[i]}' is not in the USCC character set`);
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/**
 * Validates a mainland China Unified Social Credit Code (统一社会信用代码, GB 32100-2015), the
 * business number on a company's business licence, and normalises it to 18 upper-case
 * characters. §4 structure: registration authority (1), entity type (1), administrative
 * division (6), organisation code (9), check character (1); only the character set and the
 * §5 check character are verified here, since registries issue codes in every combination.
 */
export function validateUscc(input: string): UsccResult {
  // Licences print the code in one run; people paste it with spaces or in lower case.
  const value = input.replace(/\s/g, '').toUpperCase();
  if (value.length !== 18) {
    return { ok: false, reason: 'format', message: 'A Unified Social Credit Code has 18 characters (GB 32100-2015 §4).' };
  }
  const bad = [...value].find((c) => !USCC_ALPHABET.includes(c));
  if (bad !== undefined) {
    return {
      ok: false,
      reason: 'character',
      message: `'${bad}' cannot appear in a Unified Social Credit Code: digits and letters without I, O, S, V, Z (GB 32100-2015 §4).`,
    };
  }
  if (usccCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return {
      ok: false,
      reason: 'checksum',
      message: 'The check character of the Unified Social Credit Code does not match (GB 32100-2015 §5).',
    };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// Bank accounts
// ---------------------------------------------------------------------------

export type AuBankAccountFailureReason = 'bsb_format' | 'account_format';

export type AuBankAccountResult = { ok: true; value: { bsb: string; account_number: string } } | Failure<AuBankAccountFailureReason>;

/**
 * Validates an Australian BSB + account number. Format only: Australian banks
 * publish no common account-number check digit.
 */
export function validateAuBankAccount(input: { bsb: string; account_number: string }): AuBankAccountResult {
  // BSBs are printed `123-456`; one dash between the halves is the only
  // separator we accept.
  const bsb = input.bsb.replace(/\s/g, '').replace(/^(\d{3})-(\d{3})$/, '$1$2');
  if (!/^\d{6}$/.test(bsb)) {
    return { ok: false, reason: 'bsb_format', message: 'A BSB has 6 digits, optionally written 123-456.' };
  }
  const account_number = input.account_number.replace(/\s/g, '');
  if (!/^\d{5,9}$/.test(account_number)) {
    return { ok: false, reason: 'account_format', message: 'An Australian account number has 5–9 digits.' };
  }
  return { ok: true, value: { bsb, account_number } };
}

export type NzBankAccountFailureReason = 'format';

export type NzBankAccountResult = { ok: true; value: string } | Failure<NzBankAccountFailureReason>;

// bank (2) – branch (4) – account (7) – suffix (2 or 3), each group optionally
// separated by spaces and/or dashes.
const NZ_BANK_ACCOUNT = /^(\d{2})[\s-]*(\d{4})[\s-]*(\d{7})[\s-]*(\d{2,3})$/;

/**
 * Validates the layout of a New Zealand bank account number and normalises it
 * to `BB-bbbb-AAAAAAA-SSS`, padding a 2-digit suffix to 3 digits (both forms
 * name the same account).
 * Format only: the IRD / Payments NZ bank-account modulus check exists, but
 * it needs bank-specific algorithm tables (chosen by bank and branch range)
 * that change as banks are added; getting them wrong would refuse real
 * accounts, so the bank's own rejection of a payout is the check we rely on.
 */
export function validateNzBankAccount(input: string): NzBankAccountResult {
  const match = NZ_BANK_ACCOUNT.exec(input.trim());
  if (match === null) {
    return {
      ok: false,
      reason: 'format',
      message: 'A New Zealand account number is bank (2), branch (4), account (7) and suffix (2–3) digits, e.g. 12-3140-0171323-050.',
    };
  }
  const [, bank, branch, account, suffix] = match as unknown as [string, string, string, string, string];
  return { ok: true, value: `${bank}-${branch}-${account}-${suffix.padStart(3, '0')}` };
}

export type CnBankAccountFailureReason = 'format';

export type CnBankAccountResult = { ok: true; value: string } | Failure<CnBankAccountFailureReason>;

/**
 * Validates a mainland China bank card or account number: 12–30 digits once spaces and dashes
 * are removed. Format only: corporate account numbers carry no common check digit (the Luhn
 * digit is on personal cards alone), so the bank's rejection of a payout is the real check.
 */
export function validateCnBankAccount(input: string): CnBankAccountResult {
  const value = input.replace(/[\s-]/g, '');
  if (!/^\d{12,30}$/.test(value)) {
    return { ok: false, reason: 'format', message: 'A mainland China bank account number has 12–30 digits.' };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// Merchant life cycle
// ---------------------------------------------------------------------------

export type MerchantStatus = 'applied' | 'approved' | 'rejected' | 'suspended';

export type MerchantAction = 'approve' | 'reject' | 'suspend' | 'reinstate';

export const MERCHANT_STATUSES = ['applied', 'approved', 'rejected', 'suspended'] as const satisfies readonly MerchantStatus[];

export const MERCHANT_ACTIONS = ['approve', 'reject', 'suspend', 'reinstate'] as const satisfies readonly MerchantAction[];

/** Each action is legal from exactly one status. `rejected` is terminal: a rejected merchant applies again. */
export const MERCHANT_TRANSITIONS = {
  approve: { from: 'applied', to: 'approved' },
  reject: { from: 'applied', to: 'rejected' },
  suspend: { from: 'approved', to: 'suspended' },
  reinstate: { from: 'suspended', to: 'approved' },
} as const satisfies Readonly<Record<MerchantAction, { from: MerchantStatus; to: MerchantStatus }>>;

export type MerchantTransitionResult = { ok: true; to: MerchantStatus } | Failure<'illegal_transition'>;

export function merchantTransition(status: MerchantStatus, action: MerchantAction): MerchantTransitionResult {
  const transition = MERCHANT_TRANSITIONS[action];
  if (transition.from !== status) {
    return {
      ok: false,
      reason: 'illegal_transition',
      message: `Cannot ${action} a merchant that is ${status}: ${action} applies only to ${transition.from} merchants.`,
    };
  }
  return { ok: true, to: transition.to };
}

/**
 * Whether the operator must record a reason. Every action that takes
 * something away (or restores it after a dispute) is one the merchant may
 * contest, so it needs a written reason; approval does not.
 */
export function requiresReason(action: MerchantAction): boolean {
  return action !== 'approve';
}

/**
 * Whether the merchant's sign-in credentials work. An applicant must sign in
 * to finish onboarding; rejected and suspended merchants are locked out.
 */
export function credentialsActive(status: MerchantStatus): boolean {
  return status === 'applied' || status === 'approved';
}
