// The `sandbox` acquirer: a card processor's test mode (after Stripe's), pure and stateless.
// Fixed test cards decide the outcome (SANDBOX_TEST_CARDS); the card checks are real (Luhn,
// expiry, CVC format); webhooks are signed like Stripe's. No database, no HTTP, no state
// between calls: what the challenge step must remember is carried in the acquirer reference.
//
// Acquirer references:
//   sbx_<24 hex>                 an authorised charge.
//   sbx_ch_<24 hex>_<16 hex>     a charge awaiting the challenge. The suffix is an HMAC tag
//                                of the random part under the acquirer's secret, so only this
//                                acquirer's own challenge refs can be completed (a hand-made
//                                `sbx_ch_…` is refused). Being stateless, completeChallenge
//                                does not know whether a ref was already completed: the
//                                platform records the outcome against the ref it stored.
//
// Webhook signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed
// with the secret. Several `v1=` entries may be sent (as Stripe does while rolling a
// secret); one matching is enough. Anything older or newer than 300 s is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_TOLERANCE_SECONDS, signatureHeader, verifySignatureHeader } from '../../../kernel/signatures.ts';
import { cardBrand, cvcValid, expired, luhnValid, normaliseCardNumber, summary } from './card.ts';
import {
  type Acquirer,
  type AuthoriseResult,
  type CardSummary,
  type DeclineCode,
  type WebhookEvent,
  WebhookSignatureError,
} from './types.ts';

export type SandboxOutcome = 'authorised' | 'requires_challenge' | Exclude<DeclineCode, 'challenge_failed'>;

export interface SandboxTestCard {
  /** As printed, grouped in fours (Amex 4-6-5); authorise accepts it with or without the spaces. */
  number: string;
  brand: CardSummary['brand'];
  outcome: SandboxOutcome;
  description: string;
}

/**
 * The sandbox's test cards, after Stripe's. Every number passes the Luhn check. Use any
 * future expiry and any 3-digit CVC (4 digits for Amex); the checks below still apply to
 * them, so a past expiry or a bad CVC declines even a succeeding test card.
 *
 * Rules for any other card, in this order:
 *   - not 12–19 digits after removing spaces and dashes, or fails Luhn → `invalid_card_number`
 *   - expiry month already over (UTC)                                  → `expired_card`
 *   - CVC not 3 digits (Amex: 4)                                       → `incorrect_cvc`
 *   - otherwise                                                        → authorised
 *
 * The challenge card returns `requires_challenge`; the one-time code SANDBOX_CHALLENGE_CODE
 * (`123456`) authorises it, anything else declines with `challenge_failed`.
 */
export const SANDBOX_TEST_CARDS: readonly SandboxTestCard[] = [
  { number: '4242 4242 4242 4242', brand: 'visa', outcome: 'authorised', description: 'Visa: succeeds' },
  { number: '5555 5555 5555 4444', brand: 'mastercard', outcome: 'authorised', description: 'Mastercard: succeeds' },
  { number: '2223 0031 2200 3222', brand: 'mastercard', outcome: 'authorised', description: 'Mastercard (2-series): succeeds' },
  { number: '3782 822463 10005', brand: 'amex', outcome: 'authorised', description: 'American Express: succeeds (4-digit CVC)' },
  { number: '6200 0000 0000 0005', brand: 'unionpay', outcome: 'authorised', description: 'UnionPay: succeeds' },
  { number: '4000 0000 0000 0002', brand: 'visa', outcome: 'card_declined', description: 'Declined: card_declined (generic decline)' },
  { number: '4000 0000 0000 9995', brand: 'visa', outcome: 'insufficient_funds', description: 'Declined: insufficient_funds' },
  { number: '4000 0000 0000 0069', brand: 'visa', outcome: 'expired_card', description: 'Declined: expired_card, whatever the expiry' },
  { number: '4000 0000 0000 0127', brand: 'visa', outcome: 'incorrect_cvc', description: 'Declined: incorrect_cvc, whatever the CVC' },
  {
    number: '4000 0000 0000 3220',
    brand: 'visa',
    outcome: 'requires_challenge',
    description: 'Requires the one-time-code challenge (3-D Secure-like): 123456 authorises, anything else challenge_failed',
  },
];

/** The one-time code that passes the sandbox challenge. */
export const SANDBOX_CHALLENGE_CODE = '123456';

/** How far a webhook's timestamp may be from `now`, either way, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = SIGNATURE_TOLERANCE_SECONDS;

const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  invalid_card_number: 'Your card number is incorrect.',
  challenge_failed: 'The card authentication challenge failed.',
};

const OUTCOME_BY_NUMBER: ReadonlyMap<string, SandboxOutcome> = new Map(
  SANDBOX_TEST_CARDS.map((c) => [c.number.replace(/ /g, ''), c.outcome]),
);

const CHALLENGE_REF = /^sbx_ch_([0-9a-f]{24})_([0-9a-f]{16})$/;
const WEBHOOK_TYPES: ReadonlySet<string> = new Set<WebhookEvent['type']>(['charge.succeeded', 'charge.failed', 'refund.succeeded']);

function declined(code: DeclineCode, card: CardSummary | null): AuthoriseResult {
  return { status: 'declined', code, message: DECLINE_MESSAGES[code], card };
}

function hexEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

function isWebhookEvent(v: unknown): v is WebhookEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e['id'] === 'string' &&
    typeof e['type'] === 'string' &&
    WEBHOOK_TYPES.has(e['type']) &&
    typeof e['acquirerRef'] === 'string' &&
    typeof e['amount'] === 'string' &&
    typeof e['currency'] === 'string' &&
    typeof e['created'] === 'number'
  );
}

export function sandboxAcquirer(opts: { secret: string }): Acquirer {
  const { secret } = opts;
  if (secret.length === 0) throw new RangeError('sandbox acquirer needs a non-empty secret');

  const hmac = (message: string): string => createHmac('sha256', secret).update(message).digest('hex');
  const challengeTag = (random: string): string => hmac(`challenge:${random}`).slice(0, 16);

  return {
    name: 'sandbox',

    authorise(req) {
      if (req.amount <= 0n) throw new RangeError('amount must be a positive number of minor units');
      if (!/^[A-Z]{3}$/.test(req.currency)) throw new RangeError('currency must be an ISO 4217 code');

      const digits = normaliseCardNumber(req.card.number);
      if (digits === null || !luhnValid(digits)) return declined('invalid_card_number', null);

      const card = summary(req.card, secret);
      if (expired(req.card.exp_month, req.card.exp_year, req.now)) return declined('expired_card', card);
      if (!cvcValid(req.card.cvc, cardBrand(digits))) return declined('incorrect_cvc', card);

      const outcome = OUTCOME_BY_NUMBER.get(digits) ?? 'authorised';
      const random = randomBytes(12).toString('hex');
      switch (outcome) {
        case 'authorised':
          return { status: 'authorised', acquirerRef: `sbx_${random}`, card };
        case 'requires_challenge':
          return {
            status: 'requires_challenge',
            acquirerRef: `sbx_ch_${random}_${challengeTag(random)}`,
            card,
            challenge: { method: 'otp', hint: `Sandbox: enter ${SANDBOX_CHALLENGE_CODE} to pass, anything else fails.` },
          };
        default:
          return declined(outcome, card);
      }
    },

    completeChallenge(req) {
      const m = CHALLENGE_REF.exec(req.acquirerRef);
      const ok = m !== null && hexEqual(m[2] ?? '', challengeTag(m[1] ?? '')) && req.code === SANDBOX_CHALLENGE_CODE;
      return ok ? { status: 'authorised' } : { status: 'declined', code: 'challenge_failed', message: DECLINE_MESSAGES.challenge_failed };
    },

    signWebhook(event, now) {
      const body = JSON.stringify(event);
      return { body, signature: signatureHeader(secret, body, now) };
    },

    verifyWebhook(body, header, now) {
      verifySignatureHeader(secret, body, header, now, WEBHOOK_TOLERANCE_SECONDS);
      let event: unknown;
      try {
        event = JSON.parse(body);
      } catch {
        throw new WebhookSignatureError('webhook body is not JSON');
      }
      if (!isWebhookEvent(event)) throw new WebhookSignatureError('webhook body is not a webhook event');
      return event;
    },
  };
}
