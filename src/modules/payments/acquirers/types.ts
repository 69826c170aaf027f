// The pluggable acquirer interface: what the payments module needs from a card processor
// (authorise, a 3-D Secure-like challenge step, signed settlement webhooks). Acquirers are
// pure: they hold no state between calls — whatever must be remembered is encoded in the
// values they return (the acquirer reference) and is stored by the platform.

export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  holder_name?: string;
}

/** What may be kept and shown about a card: never the full number, never the CVC. */
export interface CardSummary {
  brand: 'visa' | 'mastercard' | 'amex' | 'unionpay' | 'unknown';
  last4: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
}

export type DeclineCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'invalid_card_number'
  | 'challenge_failed';

export type AuthoriseResult =
  | { status: 'authorised'; acquirerRef: string; card: CardSummary }
  | { status: 'requires_challenge'; acquirerRef: string; card: CardSummary; challenge: { method: 'otp'; hint: string } }
  | { status: 'declined'; code: DeclineCode; message: string; card: CardSummary | null };

export interface WebhookEvent {
  id: string;
  type: 'charge.succeeded' | 'charge.failed' | 'refund.succeeded';
  acquirerRef: string;
  amount: string;
  currency: string;
  created: number;
}

export interface Acquirer {
  readonly name: string;
  /** Checks the card (Luhn, expiry against `now`, CVC format) and decides per the test cards. Never returns or logs the full number. */
  authorise(req: { reference: string; amount: bigint; currency: string; card: CardInput; now: Date }): AuthoriseResult;
  /** The challenge step (3-D Secure-like): the right one-time code authorises, anything else declines with challenge_failed. */
  completeChallenge(req: {
    acquirerRef: string;
    code: string;
  }): { status: 'authorised' } | { status: 'declined'; code: 'challenge_failed'; message: string };
  /** Builds the signed webhook the acquirer would send when the charge settles (asynchronous confirmation). */
  signWebhook(event: WebhookEvent, now: Date): { body: string; signature: string };
  /** Verifies a webhook's signature header against the raw body; throws WebhookSignatureError when invalid or older than 5 minutes. */
  verifyWebhook(body: string, signatureHeader: string, now: Date): WebhookEvent;
}

export { WebhookSignatureError } from '../../../kernel/signatures.ts';
