// The sandbox acquirer against its documented behaviour: every test card in
// SANDBOX_TEST_CARDS does what the table says; the general card rules (Luhn per
// ISO/IEC 7812-1, expiry through the end of the month UTC, CVC length per brand) decline
// in their documented order; the challenge passes only with the code and only for this
// acquirer's own challenge refs; no result ever carries the full card number; and webhooks
// are signed and verified like Stripe's (`t=…,v1=HMAC-SHA256("<t>.<body>")`, 300 s tolerance).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid } from './card.ts';
import { SANDBOX_CHALLENGE_CODE, SANDBOX_TEST_CARDS, sandboxAcquirer } from './sandbox.ts';
import { type AuthoriseResult, type CardInput, type WebhookEvent, WebhookSignatureError } from './types.ts';

const SECRET = 'whsec_sandbox_test';
const acquirer = sandboxAcquirer({ secret: SECRET });
const NOW = new Date('2026-05-14T03:00:00Z');

function card(number: string, overrides: Partial<CardInput> = {}): CardInput {
  const amex = /^3[47]/.test(number.replace(/[ -]/g, ''));
  return { number, exp_month: 12, exp_year: 2030, cvc: amex ? '1234' : '123', holder_name: 'Wei Zhang', ...overrides };
}

function authorise(c: CardInput, now = NOW): AuthoriseResult {
  return acquirer.authorise({ reference: 'ord_123', amount: 4_999n, currency: 'AUD', card: c, now });
}

/** The result must not contain the card number as digits, with or without separators. */
function expectNoFullNumber(result: unknown, number: string): void {
  const json = JSON.stringify(result);
  const digits = number.replace(/[ -]/g, '');
  if (digits === '') return; // nothing to leak
  expect(json).not.toContain(digits);
  expect(json).not.toContain(number);
}

function acquirerRef(r: AuthoriseResult): string {
  if (r.status === 'declined') throw new Error(`expected an acquirer ref, got declined ${r.code}`);
  return r.acquirerRef;
}

describe('SANDBOX_TEST_CARDS: every test card behaves as documented', () => {
  it('every number passes the Luhn check and is unique', () => {
    const digits = SANDBOX_TEST_CARDS.map((c) => c.number.replace(/ /g, ''));
    for (const d of digits) expect(luhnValid(d), d).toBe(true);
    expect(new Set(digits).size).toBe(digits.length);
  });

  it.each(SANDBOX_TEST_CARDS.map((c) => [c.number, c.outcome, c]))('%s → %s', (_n, _o, tc) => {
    for (const number of [tc.number, tc.number.replace(/ /g, ''), tc.number.replace(/ /g, '-')]) {
      const r = authorise(card(number));
      if (tc.outcome === 'authorised' || tc.outcome === 'requires_challenge') {
        expect(r.status).toBe(tc.outcome);
      } else {
        expect(r).toMatchObject({ status: 'declined', code: tc.outcome });
      }
      const digits = tc.number.replace(/ /g, '');
      expect(r.card).toMatchObject({ brand: tc.brand, last4: digits.slice(-4), exp_month: 12, exp_year: 2030 });
      expectNoFullNumber(r, tc.number);
    }
  });

  it('the same card gives the same fingerprint however it is typed, a different one otherwise', () => {
    const a = authorise(card('4242 4242 4242 4242')).card?.fingerprint;
    const b = authorise(card('4242424242424242')).card?.fingerprint;
    const c = authorise(card('5555 5555 5555 4444')).card?.fingerprint;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe('authorise: the general card rules, in order', () => {
  it.each<[string, CardInput, AuthoriseResult['status'], string | null]>([
    ['any other Luhn-valid number succeeds', card('4111 1111 1111 1111'), 'authorised', null],
    ['unknown brand, Luhn-valid, succeeds', card('9999 9999 9999 9995'), 'authorised', null],
    ['Luhn-invalid (ISO/IEC 7812-1) → invalid_card_number', card('4242 4242 4242 4241'), 'declined', 'invalid_card_number'],
    ['too short (11 digits) → invalid_card_number', card('79927398713'), 'declined', 'invalid_card_number'],
    ['too long (20 digits) → invalid_card_number', card('42424242424242424242'), 'declined', 'invalid_card_number'],
    ['letters → invalid_card_number', card('4242 4242 4242 424x'), 'declined', 'invalid_card_number'],
    ['empty → invalid_card_number', card(''), 'declined', 'invalid_card_number'],
    [
      'invalid number beats past expiry and bad CVC',
      card('4242424242424241', { exp_year: 2020, cvc: '1' }),
      'declined',
      'invalid_card_number',
    ],
    ['last month → expired_card', card('4242424242424242', { exp_month: 4, exp_year: 2026 }), 'declined', 'expired_card'],
    ['this month is still valid', card('4242424242424242', { exp_month: 5, exp_year: 2026 }), 'authorised', null],
    ['two-digit year in the future', card('4242424242424242', { exp_month: 5, exp_year: 27 }), 'authorised', null],
    ['month 13 → expired_card', card('4242424242424242', { exp_month: 13 }), 'declined', 'expired_card'],
    ['past expiry beats bad CVC', card('4242424242424242', { exp_year: 2025, cvc: '1' }), 'declined', 'expired_card'],
    ['past expiry beats a decline test card', card('4000000000000002', { exp_year: 2025 }), 'declined', 'expired_card'],
    ['2-digit CVC → incorrect_cvc', card('4242424242424242', { cvc: '12' }), 'declined', 'incorrect_cvc'],
    ['4-digit CVC on Visa → incorrect_cvc', card('4242424242424242', { cvc: '1234' }), 'declined', 'incorrect_cvc'],
    ['3-digit CVC on Amex → incorrect_cvc', card('378282246310005', { cvc: '123' }), 'declined', 'incorrect_cvc'],
    ['non-digit CVC → incorrect_cvc', card('5555555555554444', { cvc: '12a' }), 'declined', 'incorrect_cvc'],
    ['bad CVC beats the challenge card', card('4000000000003220', { cvc: '' }), 'declined', 'incorrect_cvc'],
    ['bad CVC beats insufficient_funds', card('4000000000009995', { cvc: '99' }), 'declined', 'incorrect_cvc'],
  ])('%s', (_why, c, status, code) => {
    const r = authorise(c);
    expect(r.status).toBe(status);
    if (r.status === 'declined') {
      expect(r.code).toBe(code);
      expect(r.message).toEqual(expect.any(String));
      // An invalid number has no summary; any other decline describes the card.
      if (code === 'invalid_card_number') expect(r.card).toBeNull();
      else expect(r.card?.last4).toBe(c.number.replace(/[ -]/g, '').slice(-4));
    }
    expectNoFullNumber(r, c.number);
  });

  it('acquirer refs are sbx_ + 24 hex characters, fresh every time', () => {
    const refs = Array.from({ length: 50 }, () => acquirerRef(authorise(card('4242424242424242'))));
    for (const ref of refs) expect(ref).toMatch(/^sbx_[0-9a-f]{24}$/);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it.each([
    ['zero amount', { amount: 0n }],
    ['negative amount', { amount: -1n }],
    ['lower-case currency', { currency: 'aud' }],
    ['not a currency code', { currency: 'DOLLARS' }],
  ])('refuses a malformed request: %s', (_why, patch) => {
    const req = { reference: 'ord_1', amount: 100n, currency: 'NZD', card: card('4242424242424242'), now: NOW, ...patch };
    expect(() => acquirer.authorise(req)).toThrow(RangeError);
  });

  it('needs a secret', () => {
    expect(() => sandboxAcquirer({ secret: '' })).toThrow(RangeError);
  });

  it('is named sandbox', () => {
    expect(acquirer.name).toBe('sandbox');
  });
});

describe('no result carries the full card number', () => {
  it('property: for any Luhn-valid or -invalid number, with any expiry and CVC', () => {
    const digitsArb = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 19 });
    fc.assert(
      fc.property(
        digitsArb,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2020, max: 2035 }),
        fc.constantFrom('123', '1234', '12'),
        (number, exp_month, exp_year, cvc) => {
          const r = authorise({ number, exp_month, exp_year, cvc });
          expectNoFullNumber(r, number);
          if (r.status === 'requires_challenge')
            expectNoFullNumber(acquirer.completeChallenge({ acquirerRef: r.acquirerRef, code: '123456' }), number);
        },
      ),
    );
  });
});

describe('completeChallenge (3-D Secure-like one-time code)', () => {
  const challenged = authorise(card('4000 0000 0000 3220'));

  it('the challenge card asks for an OTP and its ref says so', () => {
    expect(challenged).toMatchObject({ status: 'requires_challenge', challenge: { method: 'otp' } });
    expect(acquirerRef(challenged)).toMatch(/^sbx_ch_[0-9a-f]{24}_[0-9a-f]{16}$/);
    if (challenged.status === 'requires_challenge') expect(challenged.challenge.hint).toContain(SANDBOX_CHALLENGE_CODE);
  });

  it.each<[string, () => string, string, 'authorised' | 'declined']>([
    ['the right code authorises', () => acquirerRef(challenged), '123456', 'authorised'],
    ['a wrong code fails', () => acquirerRef(challenged), '654321', 'declined'],
    ['an empty code fails', () => acquirerRef(challenged), '', 'declined'],
    ['a longer code fails', () => acquirerRef(challenged), '1234567', 'declined'],
    ['a padded code fails', () => acquirerRef(challenged), ' 123456', 'declined'],
    ['a ref that needed no challenge fails', () => acquirerRef(authorise(card('4242424242424242'))), '123456', 'declined'],
    ['a hand-made challenge ref fails', () => `sbx_ch_${'0'.repeat(24)}_${'0'.repeat(16)}`, '123456', 'declined'],
    [
      'a challenge ref with a tampered random part fails',
      () => acquirerRef(challenged).replace(/^sbx_ch_./, 'sbx_ch_x'),
      '123456',
      'declined',
    ],
    [
      "another sandbox's challenge ref fails",
      () =>
        acquirerRef(
          sandboxAcquirer({ secret: 'other' }).authorise({
            reference: 'o',
            amount: 1n,
            currency: 'AUD',
            card: card('4000000000003220'),
            now: NOW,
          }),
        ),
      '123456',
      'declined',
    ],
    ['garbage fails', () => 'not a ref', '123456', 'declined'],
  ])('%s', (_why, ref, code, status) => {
    const r = acquirer.completeChallenge({ acquirerRef: ref(), code });
    if (status === 'authorised') expect(r).toEqual({ status: 'authorised' });
    else expect(r).toEqual({ status: 'declined', code: 'challenge_failed', message: expect.any(String) });
  });

  it('is stateless: a new acquirer with the same secret completes the challenge', () => {
    const again = sandboxAcquirer({ secret: SECRET });
    expect(again.completeChallenge({ acquirerRef: acquirerRef(challenged), code: '123456' })).toEqual({ status: 'authorised' });
  });
});

describe('webhooks (Stripe-style: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">, ±300 s)', () => {
  const event: WebhookEvent = {
    id: 'evt_1',
    type: 'charge.succeeded',
    acquirerRef: 'sbx_0123456789abcdef01234567',
    amount: '4999',
    currency: 'AUD',
    created: Math.floor(NOW.getTime() / 1000),
  };
  const signed = acquirer.signWebhook(event, NOW);
  const t = Math.floor(NOW.getTime() / 1000);
  const mac = (secret: string, ts: number, body: string) => createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  const at = (ms: number) => new Date(NOW.getTime() + ms);

  it('signs the documented header over the raw body', () => {
    expect(signed.signature).toBe(`t=${t},v1=${mac(SECRET, t, signed.body)}`);
    expect(JSON.parse(signed.body)).toEqual(event);
  });

  it.each<[string, string, string, Date]>([
    ['round trip', signed.body, signed.signature, NOW],
    ['299 s later', signed.body, signed.signature, at(299_000)],
    ['exactly 300 s later', signed.body, signed.signature, at(300_000)],
    ['300 s earlier (clock skew)', signed.body, signed.signature, at(-300_000)],
    ['spaces after commas', signed.body, signed.signature.replace(',', ', '), NOW],
    [
      'several v1 signatures, one valid (secret rotation)',
      signed.body,
      `t=${t},v1=${'0'.repeat(64)},v1=${mac(SECRET, t, signed.body)}`,
      NOW,
    ],
    ['unknown schemes are ignored', signed.body, `t=${t},v0=abc,v1=${mac(SECRET, t, signed.body)}`, NOW],
  ])('verifies: %s', (_why, body, header, now) => {
    expect(acquirer.verifyWebhook(body, header, now)).toEqual(event);
  });

  const tampered = signed.body.replace('"4999"', '"9999"');
  const otherSecret = sandboxAcquirer({ secret: 'whsec_someone_else' }).signWebhook(event, NOW);
  it.each<[string, string, string, Date]>([
    ['tampered body', tampered, signed.signature, NOW],
    ['body with added whitespace', `${signed.body} `, signed.signature, NOW],
    ['wrong secret', otherSecret.body, otherSecret.signature, NOW],
    ['stale: 301 s old', signed.body, signed.signature, at(301_000)],
    ['stale: an hour old', signed.body, signed.signature, at(3_600_000)],
    ['from the future: 301 s ahead', signed.body, signed.signature, at(-301_000)],
    ['timestamp changed, signature kept', signed.body, signed.signature.replace(`t=${t}`, `t=${t + 1}`), NOW],
    ['re-signed with a fresh timestamp but the old v1', signed.body, `t=${t + 60},v1=${mac(SECRET, t, signed.body)}`, at(60_000)],
    ['empty header', signed.body, '', NOW],
    ['garbage header', signed.body, 'garbage', NOW],
    ['missing t', signed.body, `v1=${mac(SECRET, t, signed.body)}`, NOW],
    ['missing v1', signed.body, `t=${t}`, NOW],
    ['only a v0 signature', signed.body, `t=${t},v0=${mac(SECRET, t, signed.body)}`, NOW],
    ['non-numeric t', signed.body, `t=abc,v1=${mac(SECRET, t, signed.body)}`, NOW],
    ['two timestamps', signed.body, `t=${t},t=${t},v1=${mac(SECRET, t, signed.body)}`, NOW],
    ['v1 not hex', signed.body, `t=${t},v1=${'z'.repeat(64)}`, NOW],
    ['v1 upper-case hex', signed.body, `t=${t},v1=${mac(SECRET, t, signed.body).toUpperCase()}`, NOW],
    ['v1 truncated', signed.body, `t=${t},v1=${mac(SECRET, t, signed.body).slice(0, 63)}`, NOW],
    ['empty entry', signed.body, `t=${t},,v1=${mac(SECRET, t, signed.body)}`, NOW],
    ['validly signed but not JSON', 'not json', `t=${t},v1=${mac(SECRET, t, 'not json')}`, NOW],
    ['validly signed but not an event', '{"id":1}', `t=${t},v1=${mac(SECRET, t, '{"id":1}')}`, NOW],
  ])('rejects: %s', (_why, body, header, now) => {
    expect(() => acquirer.verifyWebhook(body, header, now)).toThrow(WebhookSignatureError);
  });

  it('WebhookSignatureError is an Error with its own name', () => {
    try {
      acquirer.verifyWebhook(tampered, signed.signature, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(WebhookSignatureError);
      expect((e as Error).name).toBe('WebhookSignatureError');
    }
  });

  it('property: any event round-trips at any time within tolerance', () => {
    const eventArb = fc.record({
      id: fc.string(),
      type: fc.constantFrom<WebhookEvent['type']>('charge.succeeded', 'charge.failed', 'refund.succeeded'),
      acquirerRef: fc.string(),
      amount: fc.bigInt({ min: 0n, max: 10n ** 18n }).map(String),
      currency: fc.constantFrom('AUD', 'NZD', 'CNY'),
      created: fc.integer({ min: 0, max: 2 ** 32 }),
    });
    fc.assert(
      fc.property(eventArb, fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: -300, max: 300 }), (e, ms, skew) => {
        const sent = new Date(ms);
        const { body, signature } = acquirer.signWebhook(e, sent);
        const received = new Date(Math.floor(ms / 1000) * 1000 + skew * 1000);
        expect(acquirer.verifyWebhook(body, signature, received)).toEqual(e);
      }),
    );
  });
});
