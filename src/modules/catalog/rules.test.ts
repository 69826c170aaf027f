import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, validateExportHsCode, validateGtin, validateHsCode } from './rules.ts';

describe('gs1CheckDigit — GS1 General Specifications §7.9.1 (weights 3,1 from the rightmost body digit)', () => {
  it.each([
    // EAN-13 body 400638133393, 12 digits, so 1,3,1,3… from the left:
    // 4+0+0+18+3+24+1+9+3+9+9+9 = 89 → (10 − 9) mod 10 = 1
    ['400638133393', 1],
    // UPC-A body 03600029145: from the left 3,1,3,… → 0+3+18+0+0+0+6+9+3+4+15 = 58 → 2
    ['03600029145', 2],
    // GTIN-8 body 9638507: 27+6+9+8+15+0+21 = 86 → 4
    ['9638507', 4],
    // GTIN-14 body 1001234567890, 13 digits, so 3,1,3… from the left:
    // 3+0+0+1+6+3+12+5+18+7+24+9+0 = 88 → 2 (1,3,… from the left would wrongly give 96 → 4)
    ['1001234567890', 2],
    // GLN/NZBN body 942904123456: 9+12+2+27+0+12+1+6+3+12+5+18 = 107 → 3
    ['942904123456', 3],
    // Sum already a multiple of 10 gives 0, not 10.
    ['0000000', 0],
    ['942901234567', 0],
  ])('%s → %i', (body, expected) => {
    expect(gs1CheckDigit(body)).toBe(expected);
  });

  it.each(['', '12345678901234567890', '12a4567', '１２３４５６７'])('refuses %j as a programming error', (bad) => {
    expect(() => gs1CheckDigit(bad)).toThrow(TypeError);
  });

  it('property: left zero-padding does not change the check digit (weights are anchored on the right)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), fc.integer({ min: 7, max: 17 }), (body, width) => {
        expect(gs1CheckDigit(body.padStart(width, '0'))).toBe(gs1CheckDigit(body));
      }),
    );
  });
});

describe('validateGtin — GTIN-8/12/13/14, GS1 General Specifications §7.9.1', () => {
  it.each([
    ['4006381333931', '4006381333931', 'GTIN-13'], // classic EAN-13 example
    ['9300601000005', '9300601000005', 'GTIN-13'], // Australian (93) prefix, computed check digit
    ['036000291452', '036000291452', 'GTIN-12'], // UPC-A
    ['96385074', '96385074', 'GTIN-8'],
    ['10012345678902', '10012345678902', 'GTIN-14'],
    [' 4 006381 333931 ', '4006381333931', 'GTIN-13'], // human-readable line under the bars
  ] as const)('%j is a valid %s', (input, value, kind) => {
    expect(validateGtin(input)).toEqual({ ok: true, value, kind });
  });

  it.each([
    ['4006381333932', 'checksum'], // correct is 1
    ['9300601000007', 'checksum'], // correct is 5
    ['036000291453', 'checksum'],
    ['96385075', 'checksum'],
    ['10012345678904', 'checksum'], // weighting the body 1,3 from the left would give 4
    ['400638133393', 'checksum'], // an EAN-13 missing its last digit has UPC-A length, so only the checksum catches it
    ['4006381', 'format'], // 7 digits
    ['40063813339', 'format'], // 11 digits
    ['400638133393100', 'format'], // 15 digits
    ['', 'format'],
    ['400638133393A', 'format'],
    ['4006-3813-33931', 'format'],
  ] as const)('%j is refused for %s', (input, reason) => {
    const result = validateGtin(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).not.toBe('');
  });

  const body = fc.constantFrom(7, 11, 12, 13).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)));

  it('property: appending gs1CheckDigit to any body of a GTIN length validates', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(validateGtin(b + gs1CheckDigit(b)).ok).toBe(true);
      }),
    );
  });

  // Mod 10 with weights 1 and 3 (both coprime with 10) catches every
  // single-digit substitution.
  it('property: changing any single digit of a valid GTIN breaks the checksum', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const gtin = b + gs1CheckDigit(b);
        const i = pos % gtin.length;
        const changed = String((Number(gtin[i]) + delta) % 10);
        const mutated = gtin.slice(0, i) + changed + gtin.slice(i + 1);
        expect(validateGtin(mutated)).toMatchObject({ ok: false, reason: 'checksum' });
      }),
    );
  });
});

describe('validateHsCode — China customs commodity code, 10 digits', () => {
  it.each([
    ['6109100010', '6109100010'],
    ['6109.1000.10', '6109100010'],
    ['3304 9900 99', '3304990099'],
  ])('%j → %s', (input, value) => {
    expect(validateHsCode(input)).toEqual({ ok: true, value });
  });

  it.each(['610910', '61091000', '61091000101', '', '6109-1000-10', '61091000A0'])('%j is refused for format', (input) => {
    expect(validateHsCode(input)).toMatchObject({ ok: false, reason: 'format' });
  });
});

describe('validateExportHsCode — a seller in China classifies for AU/NZ: the 6-digit HS subheading (WCO) up to 10 digits', () => {
  it.each([
    ['090210', '090210'], // green tea, the international subheading
    ['0902.10', '090210'],
    ['85044090', '85044090'], // an 8-digit national tariff item (static converters)
    ['8504.40.90.00', '8504409000'],
    ['8544 42 1900', '8544421900'],
  ])('%j → %s', (input, value) => {
    expect(validateExportHsCode(input)).toEqual({ ok: true, value });
  });

  it.each(['09021', '85044090001', '', '0902-10', '0902AB'])('%j is refused for format', (input) => {
    expect(validateExportHsCode(input)).toMatchObject({ ok: false, reason: 'format' });
  });
});
