import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPasswordPolicy,
  maskResidentIdNumber,
  residentIdCheckChar,
  validateChinaMobile,
  validateRealName,
  validateResidentIdNumber,
} from './rules.ts';

// Midday in China (UTC+8) on 2025-06-15, far from any date boundary.
const TODAY = new Date('2025-06-15T04:00:00Z');

describe('residentIdCheckChar — GB 11643-1999 §8.2, ISO 7064 MOD 11-2', () => {
  // check = "10X98765432"[Σ dᵢ·wᵢ mod 11], w = 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2
  it.each([
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → 'X'
    ['11010519491231002', 'X'],
    // 4·7+4·9+0+3·5+0+4·4+2·2+0+0+0+0+2·9+2·10+9·5+0+0+1·2 = 184; 184 mod 11 = 8 → '4'
    ['44030420000229001', '4'],
    // 3·7+1·9+0+1·5+1·8+5·4+1·2+9·1+9·6+0+0+3·9+0+7·5+1·8+2·4+3·2 = 212; 212 mod 11 = 3 → '9'
    ['31011519900307123', '9'],
    // One region and date with sequence digits 0–9: the last digit has weight
    // 2, so these hit ten different remainders, including the '0', '1' and 'X' ends.
    ['51010719851010300', '7'],
    ['51010719851010301', '5'],
    ['51010719851010303', '1'],
    ['51010719851010304', 'X'],
    ['51010719851010309', '0'],
  ])('%s → %s', (first17, expected) => {
    expect(residentIdCheckChar(first17)).toBe(expected);
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100X', '', '１１０１０５１９４９１２３１００２'])(
    'refuses %j as a programming error',
    (bad) => {
      expect(() => residentIdCheckChar(bad)).toThrow(TypeError);
    },
  );
});

describe('validateResidentIdNumber — GB 11643-1999 (PRODUCT.md China CBEC: buyer identity)', () => {
  it.each([
    // [input, normalised, birthDate, sex]
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female'], // the standard's own example; ends in X
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female'], // lower-case x accepted, stored upper-case
    ['  11010519491231002X\n', '11010519491231002X', '1949-12-31', 'female'], // surrounding whitespace trimmed
    ['440304200002290014', '440304200002290014', '2000-02-29', 'male'], // 2000 is a leap year (divisible by 400)
    ['440304200002290022', '440304200002290022', '2000-02-29', 'female'],
    ['310115199003071239', '310115199003071239', '1990-03-07', 'male'], // ends in a digit
    ['510107198510103090', '510107198510103090', '1985-10-10', 'male'], // check char 0
    ['510107198510103031', '510107198510103031', '1985-10-10', 'male'], // check char 1
    ['11010519000101001X', '11010519000101001X', '1900-01-01', 'male'], // earliest accepted birth date
    ['110105202506150013', '110105202506150013', '2025-06-15', 'male'], // born today is not "after today"
  ] as const)('%j is valid', (input, value, birthDate, sex) => {
    expect(validateResidentIdNumber(input, TODAY)).toEqual({ ok: true, value, birthDate, sex });
  });

  it.each([
    // §4 layout: 17 digits + one check character
    ['11010519491231002', 'format'], // 17 characters
    ['11010519491231002XX', 'format'], // 19 characters
    ['', 'format'],
    ['110105A9491231002X', 'format'], // a letter in the middle
    ['1101051949123100XX', 'format'], // X is only allowed as the check character
    ['110105 19491231002X', 'format'], // inner whitespace is not ours to guess at
    ['11010519491231002Y', 'format'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'format'], // full-width digits are not ASCII digits
    // §4.2 birth date YYYYMMDD must be a real date, not after today, not before 1900
    ['110105190002290017', 'birth_date'], // 1900 is not a leap year (divisible by 100, not 400)
    ['110105202302290014', 'birth_date'], // 2023 is not a leap year
    ['110105199013010018', 'birth_date'], // month 13
    ['110105199000010019', 'birth_date'], // month 00
    ['110105199001000015', 'birth_date'], // day 00
    ['110105199004310019', 'birth_date'], // 31 April
    ['110105202506160019', 'birth_date'], // tomorrow
    ['110105189912310015', 'birth_date'], // before 1900-01-01
    // §8.2 ISO 7064 MOD 11-2 check character
    ['110105194912310021', 'checksum'], // correct is X
    ['110105194912310020', 'checksum'],
    ['440304200002290015', 'checksum'], // correct is 4
    ['44030420000229001X', 'checksum'],
    ['110105194912310032', 'checksum'], // sequence digit changed, check char kept
  ] as const)('%j is refused for %s', (input, reason) => {
    const result = validateResidentIdNumber(input, TODAY);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).not.toBe('');
  });

  it('judges "not after today" by the calendar date in China (UTC+8)', () => {
    // 2025-06-15 00:30 in Beijing is still 2025-06-14 in UTC.
    expect(validateResidentIdNumber('110105202506150013', new Date('2025-06-14T16:30:00Z')).ok).toBe(true);
    // 2025-06-14 23:59 in Beijing: someone born on the 15th is not born yet.
    expect(validateResidentIdNumber('110105202506150013', new Date('2025-06-14T15:59:00Z'))).toMatchObject({
      ok: false,
      reason: 'birth_date',
    });
  });

  // Property over GB 11643-1999 §8.2: MOD 11-2 uses weights that are all
  // non-zero modulo the prime 11, so it detects every single-character
  // substitution. A substitution in the date may instead be caught as an
  // impossible date; either way the number must not validate.
  const first17 = fc
    .record({
      region: fc.stringMatching(/^\d{6}$/),
      birth: fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2025-06-14T00:00:00Z'),
        noInvalidDate: true,
      }),
      sequence: fc.stringMatching(/^\d{3}$/),
    })
    .map(({ region, birth, sequence }) => `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`);

  it('property: appending residentIdCheckChar to a valid 17-digit body gives a valid number', () => {
    fc.assert(
      fc.property(first17, (body) => {
        const id = body + residentIdCheckChar(body);
        const result = validateResidentIdNumber(id, TODAY);
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.value).toBe(id);
          expect(result.birthDate.replaceAll('-', '')).toBe(body.slice(6, 14));
          expect(result.sex).toBe(Number(body[16]) % 2 === 1 ? 'male' : 'female');
        }
      }),
    );
  });

  it('property: changing any single character of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(first17, fc.nat({ max: 17 }), fc.nat({ max: 10 }), (body, position, pick) => {
        const id = body + residentIdCheckChar(body);
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const candidates = [...alphabet].filter((c) => c !== id[position]);
        const replacement = candidates[pick % candidates.length] as string;
        const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(validateResidentIdNumber(mutated, TODAY).ok).toBe(false);
      }),
    );
  });
});

describe('maskResidentIdNumber — region code and last four only; birth date never shown', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    ['440304200002290014', '440304********0014'],
    [' 310115199003071239 ', '310115********1239'],
    // Not 18 characters: the position of the birth date is unknown, so mask it all.
    ['110105491231002', '***************'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskResidentIdNumber(input)).toBe(expected);
  });

  it('property: the eight birth-date characters never appear in place', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskResidentIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
        expect(masked.slice(14)).toBe(id.slice(14));
      }),
    );
  });
});

describe('validateChinaMobile — mainland mobile numbers are 11 digits in 13x–19x', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['19912345678', '19912345678'],
    ['+8613800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['86 138-0013-8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['  15012345678  ', '15012345678'],
  ])('%j → %s', (input, value) => {
    expect(validateChinaMobile(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['(138) 0013 8000', 'format'],
    ['138.0013.8000', 'format'],
    ['1380013800', 'format'], // 10 digits
    ['138001380001', 'format'], // 12 digits
    ['+86 1380013800', 'format'],
    ['13800+138000', 'format'],
    ['+61412345678', 'country_code'], // an Australian mobile
    ['+64211234567', 'country_code'],
    ['12800138000', 'prefix'], // 12x is not a mobile range
    ['10086100861', 'prefix'],
    ['+8602012345678', 'prefix'], // a Guangzhou landline
  ] as const)('%j is refused for %s', (input, reason) => {
    expect(validateChinaMobile(input)).toMatchObject({ ok: false, reason });
  });
});

describe('validateRealName — name as on the resident ID card (PRODUCT.md: buyer = name + ID number)', () => {
  it.each([
    ['张三', '张三'],
    ['  欧阳娜娜 ', '欧阳娜娜'],
    ['买买提·吐尔逊', '买买提·吐尔逊'],
    ['买买提•吐尔逊', '买买提·吐尔逊'], // bullet look-alike normalised to U+00B7
    ['买买提・吐尔逊', '买买提·吐尔逊'], // katakana middle dot normalised
    ['𠀋一', '𠀋一'], // CJK Extension B character (two UTF-16 units) counts once
    ['Li Na', 'Li Na'],
    ['Jane  Smith', 'Jane Smith'], // inner whitespace collapsed
    ['José Álvarez', 'José Álvarez'],
    ['王'.repeat(30), '王'.repeat(30)],
  ])('%j → %j', (input, value) => {
    expect(validateRealName(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'length'],
    ['张', 'length'],
    ['  张 ', 'length'],
    ['王'.repeat(31), 'length'],
    ['𠀋', 'length'], // one character even though two UTF-16 units
    ['张3', 'characters'],
    ['张三Li', 'characters'], // scripts are not mixed
    ['张 三', 'characters'],
    ['·张三', 'characters'],
    ['张三·', 'characters'],
    ['买买提··吐尔逊', 'characters'],
    ["O'Brien", 'characters'],
    ['Anna-Lena', 'characters'],
    ['Иван Петров', 'characters'],
    ['<script>', 'characters'],
  ] as const)('%j is refused for %s', (input, reason) => {
    expect(validateRealName(input)).toMatchObject({ ok: false, reason });
  });
});

describe('checkPasswordPolicy — length over composition (NIST SP 800-63B §5.1.1.2)', () => {
  it.each([
    'correct horse',
    'Tasman2025!',
    'abcdefghik', // a run broken at the end is not a run
    '1111111112',
    '密码很长而且很难猜测', // 10 CJK characters
    `${'x'.repeat(199)}y`,
  ])('%j is accepted', (pw) => {
    expect(checkPasswordPolicy(pw)).toEqual({ ok: true });
  });

  it.each([
    ['', 'too_short'],
    ['Tasman25!', 'too_short'], // 9 characters
    ['😀😀😀😀😀abcd', 'too_short'], // 9 characters though 14 UTF-16 units
    ['a'.repeat(201), 'too_long'],
    ['1111111111', 'repetitive'],
    ['AAAAAaaaaa', 'repetitive'],
    ['ababababab', 'repetitive'],
    ['abcabcabcabc', 'repetitive'],
    ['0123456789', 'sequential'],
    ['9876543210', 'sequential'],
    ['abcdefghij', 'sequential'],
    ['ABCDEFGHIJKL', 'sequential'],
  ] as const)('%j is refused for %s', (pw, reason) => {
    expect(checkPasswordPolicy(pw)).toMatchObject({ ok: false, reason });
  });
});
