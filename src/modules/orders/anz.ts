// The reverse corridor at checkout (issue 5, "Australian/NZ structure for the reverse flow";
// PRODUCT.md X4): a shopper in Australia or New Zealand buying from sellers in China gives an
// Australian or New Zealand address, and pays the low-value-goods GST at sale (10 % / 15 %),
// shown with the platform's GST registration number.
import { AppError } from '../../kernel/errors.ts';
import { type Currency, money } from '../../kernel/money.ts';
import { assessGstOrder, GST_RULES, type GstCountry } from '../compliance/gst-rules.ts';
import { validateRealName } from '../identity/rules.ts';
import { AU_STATES } from '../logistics/rules.ts';
import type { AddressInput } from './checkout.ts';

export type AnzAddress = {
  country: 'AU' | 'NZ';
  /** AU: the state (ISO 3166-2, e.g. AU-VIC); NZ: `NZ`. */
  region: string;
  /** AU: the suburb or town; NZ: the town or city. */
  city: string;
  /** NZ: the suburb (optional); AU: unused. */
  district: string | null;
  street: string;
  postal_code: string;
  recipient: string;
  mobile: string;
};

/**
 * An Australian or New Zealand mobile number in international form: Australian mobiles are
 * 04xx xxx xxx (+61 4…), New Zealand ones 02x followed by 6 to 8 digits (+64 2…).
 */
export function normaliseAnzMobile(country: 'AU' | 'NZ', input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, '');
  if (country === 'AU') {
    const m = /^(?:\+61|0061|0)(4\d{8})$/.exec(compact);
    return m ? `+61${m[1]}` : null;
  }
  const m = /^(?:\+64|0064|0)(2\d{7,9})$/.exec(compact);
  return m ? `+64${m[1]}` : null;
}

export function validateAnzAddress(country: 'AU' | 'NZ', input: AddressInput): AnzAddress {
  const at = (f: string) => `address.${f}`;
  if (country === 'AU' ? !AU_STATES[input.region] : input.region !== 'NZ') {
    throw new AppError(
      'invalid_region',
      country === 'AU' ? `'${input.region}' is not an Australian state or territory (e.g. AU-VIC)` : 'A New Zealand address has region NZ',
      { param: at('region') },
    );
  }
  for (const f of ['city', 'street'] as const) {
    if (!input[f].trim())
      throw new AppError(
        'invalid_request',
        `The address needs a ${f === 'city' ? (country === 'AU' ? 'suburb' : 'town or city') : 'street'}`,
        { param: at(f) },
      );
  }
  // Both countries use four-digit postcodes.
  const postal = input.postal_code?.trim() ?? '';
  if (!/^\d{4}$/.test(postal))
    throw new AppError('invalid_request', 'An Australian or New Zealand postcode has 4 digits', { param: at('postal_code') });
  const recipient = validateRealName(input.recipient);
  if (!recipient.ok) throw new AppError('invalid_name', recipient.message, { param: at('recipient') });
  const mobile = normaliseAnzMobile(country, input.mobile);
  if (!mobile) {
    throw new AppError(
      'invalid_mobile',
      country === 'AU'
        ? 'An Australian mobile number starts 04 (or +61 4) and has 10 digits'
        : 'A New Zealand mobile number starts 02 (or +64 2)',
      { param: at('mobile') },
    );
  }
  return {
    country,
    region: input.region,
    city: input.city.trim(),
    district: country === 'NZ' ? input.district?.trim() || null : null,
    street: input.street.trim(),
    postal_code: postal,
    recipient: recipient.value,
    mobile,
  };
}

type Amount = { amount: string; currency: string };

export interface GstLineInput {
  variantId: string;
  unitPrice: bigint;
  quantity: number;
  gstFree: boolean;
  alcoholOrTobacco: boolean;
}

/**
 * An order's GST at sale, in the shopper's currency, as a checkout plan records its tax: the
 * regime (`au_lvg_gst` / `nz_lvg_gst` when any line is collected at sale, else that of the lines),
 * the rule cited, the taxable base, the GST and the platform's registration number for the
 * receipt. Each item's customs value is its price (the goods are sold to the consumer at it).
 */
export function gstTax(country: GstCountry, lines: readonly GstLineInput[], freight: bigint, registration: string) {
  const rules = GST_RULES[country];
  const c: Currency = rules.currency;
  const a = assessGstOrder(country, {
    lines: lines.map((l) => ({
      unitPrice: money(l.unitPrice, c),
      quantity: l.quantity,
      customsValue: money(l.unitPrice, c),
      gstFree: country === 'AU' ? l.gstFree : false,
      alcoholOrTobacco: l.alcoholOrTobacco,
    })),
    freight: money(freight, c),
  });
  const m = (v: bigint): Amount => ({ amount: v.toString(), currency: c });
  const atSale = a.lines.find((l) => l.regime === rules.regime);
  const first = atSale ?? a.lines[0];
  const taxable = a.lines.reduce((s, l) => s + l.taxable.amount, 0n);
  return {
    regime: first?.regime ?? rules.regime,
    rule: first?.rule ?? rules.rule,
    dutiable: m(taxable),
    tariff: m(0n),
    consumption_tax: m(0n),
    vat: m(a.gst.amount),
    tax: m(a.gst.amount),
    gst_registration: registration,
    lines: a.lines.map((l, i) => ({
      variant_id: lines[i]?.variantId ?? '',
      dutiable: m(l.taxable.amount),
      tax: m(l.gst.amount),
      effective_rate: l.gst.amount === 0n ? '0' : (l.rateBps / 10_000).toString(),
    })),
  };
}
