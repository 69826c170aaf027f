// Pure inventory rules: how the units of a stock level are spread over its buckets and
// taken from them. No I/O; the service applies the results under row locks.

export interface BucketState {
  bucket: number;
  onHand: number;
  reserved: number;
}

/**
 * Spread `delta` more (or, negative, fewer) available units over the buckets so each
 * holds an even share of the available units, leaving every bucket's reserved units
 * where they are (reservations remember their bucket). Returns the new on-hand per
 * bucket, or null when fewer than `-delta` units are available.
 */
export function rebalance(buckets: readonly BucketState[], delta: number): BucketState[] | null {
  const available = buckets.reduce((s, b) => s + b.onHand - b.reserved, 0) + delta;
  if (available < 0 || buckets.length === 0) return null;
  const share = Math.floor(available / buckets.length);
  const extra = available % buckets.length;
  return buckets.map((b, i) => ({ bucket: b.bucket, reserved: b.reserved, onHand: b.reserved + share + (i < extra ? 1 : 0) }));
}

/**
 * Take `quantity` available units from the buckets, fullest first, when no single bucket
 * can serve the whole quantity. Null when the buckets together hold too few.
 */
export function takeAcross(buckets: readonly BucketState[], quantity: number): { bucket: number; quantity: number }[] | null {
  const total = buckets.reduce((s, b) => s + b.onHand - b.reserved, 0);
  if (quantity <= 0 || total < quantity) return null;
  const takes: { bucket: number; quantity: number }[] = [];
  let left = quantity;
  for (const b of [...buckets].sort((x, y) => y.onHand - y.reserved - (x.onHand - x.reserved) || x.bucket - y.bucket)) {
    if (left === 0) break;
    const n = Math.min(left, b.onHand - b.reserved);
    if (n > 0) {
      takes.push({ bucket: b.bucket, quantity: n });
      left -= n;
    }
  }
  return takes;
}

/** The low-stock alarm: raise it once when available falls to the threshold, re-arm it above. */
export function lowStockTransition(threshold: number | null, alerted: boolean, available: number): 'alert' | 'rearm' | 'none' {
  if (threshold === null) return alerted ? 'rearm' : 'none';
  if (!alerted && available <= threshold) return 'alert';
  if (alerted && available > threshold) return 'rearm';
  return 'none';
}
