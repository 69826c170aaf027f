import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credentialsActive,
  formatAbn,
  gs1CheckDigit,
  MERCHANT_ACTIONS,
  MERCHANT_STATUSES,
  MERCHANT_TRANSITIONS,
  type MerchantAction,
  type MerchantStatus,
  merchantTransition,
  requiresReason,
  USCC_ALPHABET,
  usccCheckCharacter,
  validateAbn,
  validateAuBankAccount,
  validateCnBankAccount,
  validateNzbn,
  validateNzBankAccount,
  validateUscc,
} from './rules.ts';

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

// Builds a valid ABN from 9 body digits by solving the ATO rule for the two
// leading check digits N (10–98): (N − 10) + Σ body·w ≡ 0 (mod 89).
function abnFromBody(body: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (ABN_WEIGHTS[i + 2] as number);
  let n = (((10 - sum) % 89) + 89) % 89;
  if (n < 10) n += 89;
  return String(n) + body;
}

describe('validateAbn — ATO ABN format: first digit − 1, weights 10,1,3,…,19, Σ divisible by 89', () => {
  it.each([
    // (5−1)·10+1·1+8·3+2·5+4·7+7·9+5·11+3·13+5·15+5·17+6·19 = 534 = 6·89
    ['51 824 753 556', '51824753556'],
    ['51824753556', '51824753556'],
    ['53 004 085 616', '53004085616'],
    [' 53004 085616 ', '53004085616'],
  ])('%j is valid → %s', (input, value) => {
    expect(validateAbn(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['51 824 753 557', 'checksum'],
    ['15 824 753 556', 'checksum'], // transposed check digits
    ['53 004 085 617', 'checksum'],
    ['00000000000', 'checksum'], // Σ = −10
    ['51 824 753 55', 'format'], // 10 digits
    ['51 824 753 5566', 'format'], // 12 digits
    ['', 'format'],
    ['51-824-753-556', 'format'],
    ['51 824 753 55A', 'format'],
  ] as const)('%j is refused for %s', (input, reason) => {
    const result = validateAbn(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).not.toBe('');
  });

  const body = fc.stringMatching(/^\d{9}$/);

  it('property: an ABN built by solving for the check digits validates', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(validateAbn(abnFromBody(b)).ok).toBe(true);
      }),
    );
  });

  // A single-digit change by δ (1 ≤ |δ| ≤ 9) moves Σ by w·δ. Every weight is
  // in 1–19 and 89 is prime, so w·δ is never a multiple of 89: the property
  // holds for every position, including the first.
  it('property: changing any single digit of a valid ABN breaks divisibility by 89', () => {
    fc.assert(
      fc.property(body, fc.nat({ max: 10 }), fc.integer({ min: 1, max: 9 }), (b, i, delta) => {
        const abn = abnFromBody(b);
        const mutated = abn.slice(0, i) + String((Number(abn[i]) + delta) % 10) + abn.slice(i + 1);
        expect(validateAbn(mutated)).toMatchObject({ ok: false, reason: 'checksum' });
      }),
    );
  });
});

describe('formatAbn — ABR display grouping 2-3-3-3', () => {
  it.each([
    ['51824753556', '51 824 753 556'],
    ['51 824 753 556', '51 824 753 556'],
    ['5182475355', '5182475355'], // not 11 digits: left alone
  ])('%j → %j', (input, expected) => {
    expect(formatAbn(input)).toBe(expected);
  });
});

describe('validateNzbn — NZBN is a GS1 GLN with prefix 94 (GS1 General Specifications §7.9.1)', () => {
  it.each([
    // 9+12+2+27+0+12+1+6+3+12+5+18 = 107 → check 3
    ['9429041234563', '9429041234563'],
    ['9429012345670', '9429012345670'], // check digit 0
    ['94 2904 1234 563', '9429041234563'],
  ])('%j is valid → %s', (input, value) => {
    expect(validateNzbn(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['9429041234565', 'checksum'], // correct is 3
    ['9429012345671', 'checksum'],
    ['9329041234563', 'prefix'], // 93 is GS1 Australia
    ['4006381333931', 'prefix'], // a valid GS1 key, but not a New Zealand one
    ['942904123456', 'format'], // 12 digits
    ['94290412345634', 'format'], // 14 digits
    ['942904123456A', 'format'],
    ['', 'format'],
  ] as const)('%j is refused for %s', (input, reason) => {
    const result = validateNzbn(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).not.toBe('');
  });

  const body = fc.stringMatching(/^\d{10}$/).map((rest) => `94${rest}`);

  it('property: appending gs1CheckDigit to 94 + 10 digits validates', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(validateNzbn(b + gs1CheckDigit(b))).toEqual({ ok: true, value: b + gs1CheckDigit(b) });
      }),
    );
  });

  it('property: changing any single digit after the prefix breaks the checksum', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 9 }), (b, i, delta) => {
        const nzbn = b + gs1CheckDigit(b);
        const mutated = nzbn.slice(0, i) + String((Number(nzbn[i]) + delta) % 10) + nzbn.slice(i + 1);
        expect(validateNzbn(mutated)).toMatchObject({ ok: false, reason: 'checksum' });
      }),
    );
  });
});

describe('validateUscc — GB 32100-2015 §4 (18 characters of 0-9 A-Z without I O S V Z) and §5 (check character)', () => {
  it.each([
    // §5 worked through: values × weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 of
    // 9 1 4 4 0 3 0 0 1 9 2 2 0 3 8 2 1 → 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831;
    // 831 mod 31 = 25; 31 − 25 = 6. The code published for Huawei Technologies Co., Ltd. (Shenzhen).
    ['914403001922038216', '914403001922038216'],
    // Check characters that are letters: the codes published for Tencent (Shenzhen) and Alibaba (Hangzhou).
    ['91440300708461136T', '91440300708461136T'],
    ['91330100799655058B', '91330100799655058B'],
    // Σ ≡ 0 (mod 31) → 31 − 0 = 31, written '0'.
    ['91330106MA2CDEFGB0', '91330106MA2CDEFGB0'],
    // Normalised: spaces removed, upper-cased.
    [' 9144 0300 7084 6113 6t ', '91440300708461136T'],
  ])('%j is valid → %s', (input, value) => {
    expect(validateUscc(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['914403001922038217', 'checksum'], // correct is 6
    ['914403001292038216', 'checksum'], // adjacent characters 9 and 2 transposed
    ['91440300708461136A', 'checksum'], // correct is T
    ['91330106MA2CDEFGBY', 'checksum'], // correct is 0
    ['91440300192203821', 'format'], // 17 characters
    ['9144030019220382166', 'format'], // 19 characters
    ['', 'format'],
    ['9144-0300-1922-0382-16', 'format'], // dashes are not part of the code
    ['91440300192203821O', 'character'], // O is excluded (reads as 0)
    ['9I4403001922038216', 'character'], // I is excluded (reads as 1)
    ['914403001922038S16', 'character'], // S, V and Z are excluded too
    ['914403001922038V16', 'character'],
    ['Z14403001922038216', 'character'],
    ['91440300192203821６', 'character'], // a full-width digit
  ] as const)('%j is refused for %s', (input, reason) => {
    const result = validateUscc(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).toMatch(/GB 32100-2015/);
  });

  it('the alphabet has 31 characters, none of I O S V Z', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    expect(new Set(USCC_ALPHABET).size).toBe(31);
    for (const c of 'IOSVZ') expect(USCC_ALPHABET).not.toContain(c);
  });

  const body = fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));

  it('property: a body followed by its check character validates', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(validateUscc(b + usccCheckCharacter(b))).toEqual({ ok: true, value: b + usccCheckCharacter(b) });
      }),
    );
  });

  // Every weight is a power of 3 mod the prime 31, so w·δ ≢ 0 (mod 31) for any change δ of one
  // character's value (1 ≤ |δ| ≤ 30): a single wrong character is always caught.
  it('property: changing any one of the first 17 characters breaks the check', () => {
    fc.assert(
      fc.property(body, fc.nat({ max: 16 }), fc.integer({ min: 1, max: 30 }), (b, i, delta) => {
        const code = b + usccCheckCharacter(b);
        const changed = USCC_ALPHABET[(USCC_ALPHABET.indexOf(code[i] as string) + delta) % 31] as string;
        const mutated = code.slice(0, i) + changed + code.slice(i + 1);
        expect(validateUscc(mutated)).toMatchObject({ ok: false, reason: 'checksum' });
      }),
    );
  });
});

describe('validateCnBankAccount — mainland bank card or account, 12–30 digits (format only)', () => {
  it.each([
    ['6222021001122334455', '6222021001122334455'], // a 19-digit card
    ['1202 0212 0900 0123 456', '1202021209000123456'], // grouped in fours as printed
    ['310066726018170123456', '310066726018170123456'],
    ['123456789012', '123456789012'], // 12 digits
    ['123456789012345678901234567890', '123456789012345678901234567890'], // 30 digits
  ])('%j → %s', (input, value) => {
    expect(validateCnBankAccount(input)).toEqual({ ok: true, value });
  });

  it.each(['12345678901', '1234567890123456789012345678901', '6222 0210 0112 233A', '', '6222/0210/0112'])(
    '%j is refused for format',
    (input) => {
      expect(validateCnBankAccount(input)).toMatchObject({ ok: false, reason: 'format' });
    },
  );
});

describe('validateAuBankAccount — BSB 6 digits, account number 5–9 digits', () => {
  it.each([
    [
      { bsb: '062-000', account_number: '12345678' },
      { bsb: '062000', account_number: '12345678' },
    ],
    [
      { bsb: '062000', account_number: '12345' },
      { bsb: '062000', account_number: '12345' },
    ],
    [
      { bsb: ' 062 000 ', account_number: '1234 5678 9' },
      { bsb: '062000', account_number: '123456789' },
    ],
  ])('%j is valid', (input, value) => {
    expect(validateAuBankAccount(input)).toEqual({ ok: true, value });
  });

  it.each([
    [{ bsb: '06200', account_number: '12345678' }, 'bsb_format'],
    [{ bsb: '0620001', account_number: '12345678' }, 'bsb_format'],
    [{ bsb: '06-2000', account_number: '12345678' }, 'bsb_format'],
    [{ bsb: '062--000', account_number: '12345678' }, 'bsb_format'],
    [{ bsb: '', account_number: '12345678' }, 'bsb_format'],
    [{ bsb: '062-000', account_number: '1234' }, 'account_format'],
    [{ bsb: '062-000', account_number: '1234567890' }, 'account_format'],
    [{ bsb: '062-000', account_number: '1234-5678' }, 'account_format'],
    [{ bsb: '062-000', account_number: '' }, 'account_format'],
    [{ bsb: 'bad', account_number: 'bad' }, 'bsb_format'], // the BSB is reported first
  ] as const)('%j is refused for %s', (input, reason) => {
    expect(validateAuBankAccount(input)).toMatchObject({ ok: false, reason });
  });
});

describe('validateNzBankAccount — BB-bbbb-AAAAAAA-SSS (format only)', () => {
  it.each([
    ['12-3140-0171323-50', '12-3140-0171323-050'], // 2-digit suffix padded to 3
    ['12-3140-0171323-050', '12-3140-0171323-050'],
    ['12 3140 0171323 050', '12-3140-0171323-050'],
    ['123140017132350', '12-3140-0171323-050'],
    [' 01-0902-0068389-00 ', '01-0902-0068389-000'],
  ])('%j → %s', (input, value) => {
    expect(validateNzBankAccount(input)).toEqual({ ok: true, value });
  });

  it.each([
    '12-3140-171323-50',
    '12-3140-0171323-5',
    '12-3140-0171323-0500',
    '1-3140-0171323-050',
    '12/3140/0171323/050',
    'AB-3140-0171323-050',
    '',
  ])('%j is refused for format', (input) => {
    expect(validateNzBankAccount(input)).toMatchObject({ ok: false, reason: 'format' });
  });
});

describe('merchant life cycle — applied → approved | rejected; approved ⇄ suspended', () => {
  // Every (status, action) pair: `null` means illegal.
  const table: [MerchantStatus, MerchantAction, MerchantStatus | null][] = [
    ['applied', 'approve', 'approved'],
    ['applied', 'reject', 'rejected'],
    ['applied', 'suspend', null],
    ['applied', 'reinstate', null],
    ['approved', 'approve', null],
    ['approved', 'reject', null],
    ['approved', 'suspend', 'suspended'],
    ['approved', 'reinstate', null],
    ['rejected', 'approve', null],
    ['rejected', 'reject', null],
    ['rejected', 'suspend', null],
    ['rejected', 'reinstate', null],
    ['suspended', 'approve', null],
    ['suspended', 'reject', null],
    ['suspended', 'suspend', null],
    ['suspended', 'reinstate', 'approved'],
  ];

  it('the table covers every (status, action) pair exactly once', () => {
    const pairs = new Set(table.map(([s, a]) => `${s}/${a}`));
    expect(pairs.size).toBe(MERCHANT_STATUSES.length * MERCHANT_ACTIONS.length);
    expect(table).toHaveLength(pairs.size);
  });

  it.each(table)('%s + %s → %s', (status, action, to) => {
    const result = merchantTransition(status, action);
    if (to === null) {
      expect(result).toMatchObject({ ok: false, reason: 'illegal_transition' });
      if (!result.ok) expect(result.message).not.toBe('');
    } else {
      expect(result).toEqual({ ok: true, to });
    }
  });

  it('MERCHANT_TRANSITIONS lists exactly the legal transitions', () => {
    const legal = table.filter(([, , to]) => to !== null).map(([from, action, to]) => [action, { from, to }]);
    expect(MERCHANT_TRANSITIONS).toEqual(Object.fromEntries(legal));
  });

  it.each([
    ['approve', false],
    ['reject', true],
    ['suspend', true],
    ['reinstate', true],
  ] as const)('requiresReason(%s) → %s', (action, expected) => {
    expect(requiresReason(action)).toBe(expected);
  });

  it.each([
    ['applied', true], // must sign in to finish onboarding
    ['approved', true],
    ['rejected', false],
    ['suspended', false],
  ] as const)('credentialsActive(%s) → %s', (status, expected) => {
    expect(credentialsActive(status)).toBe(expected);
  });
});
