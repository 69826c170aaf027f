// Signed webhooks, one scheme for all of them (Stripe's): the header `t=<unix seconds>,v1=<hex>`
// where v1 is HMAC-SHA256 of `<t>.<raw body>` under a shared secret. Several v1 values may be
// given (a secret being rotated); unknown schemes are ignored; a timestamp more than the
// tolerance away from now is refused, so a captured delivery cannot be replayed later.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A signature header that is missing, malformed, wrong or outside the tolerance window. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

function hmacHex(secret: string | Buffer, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

function hexEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The header value signing `body` at `now`. */
export function signatureHeader(secret: string | Buffer, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/** Throws WebhookSignatureError unless `header` signs `body` under `secret` within the tolerance of `now`. */
export function verifySignatureHeader(
  secret: string | Buffer,
  body: string,
  header: string,
  now: Date,
  toleranceS = SIGNATURE_TOLERANCE_SECONDS,
): void {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new WebhookSignatureError('malformed signature header');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) throw new WebhookSignatureError('malformed signature timestamp');
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) throw new WebhookSignatureError('malformed v1 signature');
      v1.push(value);
    }
  }
  if (t === null) throw new WebhookSignatureError('signature header has no timestamp');
  if (v1.length === 0) throw new WebhookSignatureError('signature header has no v1 signature');
  const expected = hmacHex(secret, t, body);
  // Compare against every candidate (no early exit), each in constant time.
  let matched = false;
  for (const candidate of v1) matched = hexEqual(candidate, expected) || matched;
  if (!matched) throw new WebhookSignatureError('webhook signature does not match');
  if (Math.abs(now.getTime() / 1000 - t) > toleranceS) throw new WebhookSignatureError('webhook timestamp outside the tolerance window');
}
