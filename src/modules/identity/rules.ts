// Pure identity rules for China real-name checks (PRODUCT.md "Domain rules":
// the buyer must be identified by name + 18-digit resident ID number, and
// capability X3 "real-name checks"). No I/O, no clock: callers pass `today`.

type Failure<R extends string> = { ok: false; reason: R; message: string };

// ---------------------------------------------------------------------------
// Resident identity number — GB 11643-1999 with ISO 7064 MOD 11-2 check char
// ---------------------------------------------------------------------------

// GB 11643-1999 §8.2: weight of position i is 2^(17-i) mod 11, listed here
// so the table in the standard can be compared by eye.
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Indexed by (Σ digit × weight) mod 11; 'X' stands for the value 10.
const RESIDENT_ID_CHECK_CHARS = '10X98765432';

// No one alive holds a second-generation card with an earlier birth date,
// and the lower bound catches 18xx/00xx typos that are still "real" dates.
const MIN_BIRTH_DATE = '1900-01-01';

// China has used a single UTC+8 offset without DST since 1991, so "today"
// for a birth date written on a PRC card is the calendar date in UTC+8; using
// the server's zone or UTC would reject babies registered in the first hours
// of their birthday.
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

export type ResidentIdFailureReason = 'format' | 'birth_date' | 'checksum';

export type ResidentIdResult = { ok: true; value: string; birthDate: string; sex: 'male' | 'female' } | Failure<ResidentIdFailureReason>;

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits of a
 * resident identity number (GB 11643-1999 §8.2).
 * Throws when `first17` is not exactly 17 ASCII digits: that is a caller bug,
 * not user input to be reported.
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new TypeError('residentIdCheckChar expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (RESIDENT_ID_WEIGHTS[i] as number);
  }
  return RESIDENT_ID_CHECK_CHARS[sum % 11] as string;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function chinaCalendarDate(instant: Date): string {
  const shifted = new Date(instant.getTime() + CHINA_UTC_OFFSET_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
}

/**
 * Validates an 18-character PRC resident identity number (GB 11643-1999).
 * Checks run format → birth date → checksum, so the reason names the first
 * thing a person would need to fix.
 */
export function validateResidentIdNumber(input: string, today: Date): ResidentIdResult {
  // Lower-case x is common on mobile keyboards; the stored form uses 'X'.
  const value = input.trim().toUpperCase();

  if (!/^\d{17}[\dX]$/.test(value)) {
    return {
      ok: false,
      reason: 'format',
      message: 'A resident ID number is 17 digits followed by a digit or X.',
    };
  }

  // GB 11643-1999 §4: characters 7–14 are the birth date YYYYMMDD.
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      reason: 'birth_date',
      message: 'The birth date in the resident ID number is not a real calendar date.',
    };
  }
  // ISO-8601 date strings of equal width order the same as the dates.
  if (birthDate < MIN_BIRTH_DATE || birthDate > chinaCalendarDate(today)) {
    return {
      ok: false,
      reason: 'birth_date',
      message: 'The birth date in the resident ID number is out of range.',
    };
  }

  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) {
    return {
      ok: false,
      reason: 'checksum',
      message: 'The resident ID number check character does not match (ISO 7064 MOD 11-2).',
    };
  }

  // GB 11643-1999 §4.3: the sequence code's last digit is odd for men.
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex };
}

/**
 * Masks a resident ID number for display and logs: region code and the last
 * four characters stay, the eight birth-date characters never show.
 * Anything that is not 18 characters is masked completely, because we cannot
 * know where its birth date is.
 */
export function maskResidentIdNumber(id: string): string {
  const value = id.trim().toUpperCase();
  if (value.length !== 18) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

// ---------------------------------------------------------------------------
// Mainland China mobile numbers
// ---------------------------------------------------------------------------

export type ChinaMobileFailureReason = 'empty' | 'format' | 'country_code' | 'prefix';

export type ChinaMobileResult = { ok: true; value: string } | Failure<ChinaMobileFailureReason>;

/**
 * Normalises a mainland China mobile number to its 11 national digits.
 * Accepts +86 / 86 prefixes and spaces or dashes as people type them.
 */
export function validateChinaMobile(input: string): ChinaMobileResult {
  const compact = input.replace(/[\s-]/g, '');
  if (compact === '') {
    return { ok: false, reason: 'empty', message: 'A mobile number is required.' };
  }
  if (!/^\+?\d+$/.test(compact)) {
    return {
      ok: false,
      reason: 'format',
      message: 'A mobile number may only contain digits, spaces, dashes and a leading +.',
    };
  }

  let national: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+86')) {
      return {
        ok: false,
        reason: 'country_code',
        message: 'Only mainland China (+86) mobile numbers are accepted.',
      };
    }
    national = compact.slice(3);
  } else if (compact.length === 13 && compact.startsWith('86')) {
    // Without the '+', '86' is a country code only when 11 digits follow:
    // a national mobile number always starts with 1, never with 86.
    national = compact.slice(2);
  } else {
    national = compact;
  }

  if (national.length !== 11) {
    return {
      ok: false,
      reason: 'format',
      message: 'A mainland China mobile number has 11 digits.',
    };
  }
  // Mainland mobile ranges are all within 13x–19x; 10x/11x/12x are not mobile.
  if (!/^1[3-9]\d{9}$/.test(national)) {
    return {
      ok: false,
      reason: 'prefix',
      message: 'A mainland China mobile number starts with 13–19.',
    };
  }
  return { ok: true, value: national };
}

// ---------------------------------------------------------------------------
// Real names
// ---------------------------------------------------------------------------

export type RealNameFailureReason = 'length' | 'characters';

export type RealNameResult = { ok: true; value: string } | Failure<RealNameFailureReason>;

const REAL_NAME_MIN = 2;
const REAL_NAME_MAX = 30;

// Minority names (e.g. 买买提·吐尔逊) are registered with U+00B7; phones and
// IMEs often produce a look-alike instead, which must compare equal to what
// the ID registry holds.
const MIDDLE_DOT_LOOKALIKES = /[\u2022\u2027\u30FB\uFF65\u2219]/gu;

// Han characters including the supplementary-plane extensions, which rare
// surnames need; optional single middle dots between runs.
const CHINESE_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
// Latin letters (with diacritics) in words separated by single spaces.
const LATIN_NAME = /^\p{Script=Latin}+(?: \p{Script=Latin}+)*$/u;

/**
 * Validates a real name as it must appear on customs documents: either
 * Chinese characters (optionally with `·` for minority names) or Latin words.
 * Length counts characters, not UTF-16 units, so a rare CJK Extension B
 * character counts once.
 */
export function validateRealName(input: string): RealNameResult {
  const value = input.normalize('NFC').trim().replace(MIDDLE_DOT_LOOKALIKES, '·').replace(/\s+/gu, ' ');
  const length = Array.from(value).length;
  if (length < REAL_NAME_MIN || length > REAL_NAME_MAX) {
    return {
      ok: false,
      reason: 'length',
      message: `A real name has ${REAL_NAME_MIN}–${REAL_NAME_MAX} characters.`,
    };
  }
  if (!CHINESE_NAME.test(value) && !LATIN_NAME.test(value)) {
    return {
      ok: false,
      reason: 'characters',
      message: 'A real name is written either in Chinese characters (with · for minority names) or in Latin letters and spaces.',
    };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// Password policy
// ---------------------------------------------------------------------------

export type PasswordPolicyFailureReason = 'too_short' | 'too_long' | 'repetitive' | 'sequential';

export type PasswordPolicyResult = { ok: true } | Failure<PasswordPolicyFailureReason>;

export const PASSWORD_MIN_LENGTH = 10;
// The upper bound keeps hashing cost and request bodies bounded; it is far
// above any passphrase a person types.
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Length-based policy in the spirit of NIST SP 800-63B §5.1.1.2: no
 * composition rules, but trivially guessable strings — a short unit repeated
 * ('1111111111', 'abababababab') or a straight run ('0123456789') — are refused.
 */
export function checkPasswordPolicy(pw: string): PasswordPolicyResult {
  const chars = Array.from(pw);
  if (chars.length < PASSWORD_MIN_LENGTH) {
    return {
      ok: false,
      reason: 'too_short',
      message: `A password has at least ${PASSWORD_MIN_LENGTH} characters.`,
    };
  }
  if (chars.length > PASSWORD_MAX_LENGTH) {
    return {
      ok: false,
      reason: 'too_long',
      message: `A password has at most ${PASSWORD_MAX_LENGTH} characters.`,
    };
  }
  if (isShortUnitRepeated(chars)) {
    return {
      ok: false,
      reason: 'repetitive',
      message: 'A password may not be one character or a short pattern repeated.',
    };
  }
  if (isStraightRun(chars)) {
    return {
      ok: false,
      reason: 'sequential',
      message: 'A password may not be a straight run of characters such as 0123456789.',
    };
  }
  return { ok: true };
}

function isShortUnitRepeated(chars: readonly string[]): boolean {
  const lowered = chars.map((c) => c.toLowerCase());
  for (let unit = 1; unit <= 3; unit++) {
    let repeats = true;
    for (let i = unit; i < lowered.length; i++) {
      if (lowered[i] !== lowered[i - unit]) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  return false;
}

function isStraightRun(chars: readonly string[]): boolean {
  const codes = chars.map((c) => c.toLowerCase().codePointAt(0) as number);
  const step = (codes[1] as number) - (codes[0] as number);
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < codes.length; i++) {
    if ((codes[i] as number) - (codes[i - 1] as number) !== step) return false;
  }
  return true;
}
