// Verifying a webhook delivery's `Tasman-Signature` header: `t=<unix seconds>,v1=<hex>`, where
// v1 is HMAC-SHA256 of `<t>.<raw body>` under the endpoint's secret. Several v1 values may come
// (while a secret is rolled); any one matching is enough. Unknown schemes are ignored. A
// timestamp further than the tolerance from now is refused, so a captured delivery cannot be
// replayed later. Verify the raw body exactly as received, before parsing it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export class WebhookVerificationError extends Error {
  /** `malformed_header`, `no_signature`, `signature_mismatch` or `timestamp_out_of_tolerance`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}

export interface VerifyOptions {
  /** How far the signature's timestamp may be from `now`, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The time to check against (default: the current time). */
  now?: Date;
}

/** A delivered event (docs/api.md "Events"). */
export interface WebhookEvent {
  id: string;
  type: string;
  [field: string]: unknown;
}

function parseHeader(header: string): { t: number; v1: string[] } {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new WebhookVerificationError('malformed_header', 'malformed Tasman-Signature header');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value))
        throw new WebhookVerificationError('malformed_header', 'malformed signature timestamp');
      t = Number(value);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) {
      v1.push(value.toLowerCase());
    }
  }
  if (t === undefined) throw new WebhookVerificationError('malformed_header', 'the Tasman-Signature header has no timestamp');
  if (v1.length === 0) throw new WebhookVerificationError('no_signature', 'the Tasman-Signature header has no v1 signature');
  return { t, v1 };
}

/**
 * Checks that `header` (the `Tasman-Signature` value) signs `body` under `secret` within the
 * tolerance, and returns the parsed event. Throws WebhookVerificationError otherwise.
 */
export function verifyWebhook(body: string, header: string, secret: string, options: VerifyOptions = {}): WebhookEvent {
  const { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = new Date() } = options;
  const { t, v1 } = parseHeader(header);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  // Every candidate is compared, each in constant time: no early exit tells which one matched.
  let matched = false;
  for (const candidate of v1) {
    const given = Buffer.from(candidate, 'hex');
    matched = (given.length === expected.length && timingSafeEqual(given, expected)) || matched;
  }
  if (!matched) throw new WebhookVerificationError('signature_mismatch', 'the webhook signature does not match the body and secret');
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_out_of_tolerance', `the webhook timestamp is more than ${toleranceSeconds} s from now`);
  }
  return JSON.parse(body) as WebhookEvent;
}
