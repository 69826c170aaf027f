// Pure rules of merchant settlement (PRODUCT.md P4; issue 8 "Settlement"): the platform's
// commission per product category and its payment fee, taken when escrow is released; what a
// merchant's balance turns into on a payout day (paid, carried forward, held); when payout days
// are; and the life of a payout batch, whose approval needs a second finance operator. No I/O:
// the settlement service loads balances and rates and applies these.
import { divideRounded, type RoundingMode } from '../../../kernel/money.ts';

// ---------------------------------------------------------------------------
// Commission and fees
// ---------------------------------------------------------------------------

/** Basis points: 500 = 5 %. */
export type Bps = number;

export function checkBps(bps: Bps, what = 'rate'): void {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`${what} must be whole basis points between 0 and 10000`);
}

/**
 * `bps` of `amount` in minor units, rounded HALF-UP to the minor unit (the platform's rounding
 * for what it charges: a commission of 5 % on 12.30 is 0.615 → 0.62).
 */
export function percentOf(amount: bigint, bps: Bps, rounding: RoundingMode = 'half-up'): bigint {
  checkBps(bps);
  if (amount < 0n) throw new RangeError('amount must not be negative');
  return divideRounded(amount * BigInt(bps), 10_000n, rounding);
}

/** What an operator sets: a commission rate per product category, and the rate for any other. */
export interface CommissionSchedule {
  byCategory: Readonly<Record<string, Bps>>;
  otherwise: Bps;
}

export interface CommissionLine {
  /** The line's goods, in the currency commission is taken in. */
  amount: bigint;
  category: string;
}

/**
 * The commission on an order's goods: each line at its category's rate, each rounded half-up,
 * then summed — so a line's commission never depends on what else was in the order, and a
 * refund of one line can give back exactly its commission.
 */
export function orderCommission(lines: readonly CommissionLine[], schedule: CommissionSchedule): { total: bigint; lines: bigint[] } {
  const each = lines.map((l) => percentOf(l.amount, schedule.byCategory[l.category] ?? schedule.otherwise));
  return { total: each.reduce((a, b) => a + b, 0n), lines: each };
}

/**
 * Split `total` over parts in proportion to `weights` (largest remainder, Hamilton's method): each
 * part gets floor(total × weight ÷ Σ weights), and the minor units left go one each to the parts
 * with the largest remainders, ties to the earlier part. The parts sum to `total` exactly.
 */
export function allocateProportionally(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n || weights.some((w) => w < 0n)) throw new RangeError('amounts must not be negative');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('the weights must not all be zero');
  const base = weights.map((w) => (total * w) / sum);
  let left = total - base.reduce((a, b) => a + b, 0n);
  const order = weights.map((w, i) => ({ i, r: (total * w) % sum })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    base[i] = (base[i] ?? 0n) + 1n;
    left--;
  }
  return base;
}

/** The payment fee: a percentage of what the buyer paid plus a fixed part per payment (both may be zero). */
export interface PaymentFee {
  bps: Bps;
  /** Minor units of the same currency. */
  fixed: bigint;
}

export function paymentFee(charged: bigint, fee: PaymentFee): bigint {
  if (fee.fixed < 0n) throw new RangeError('a fixed fee must not be negative');
  if (charged <= 0n) return 0n;
  const f = percentOf(charged, fee.bps) + fee.fixed;
  // Never more than the payment itself.
  return f > charged ? charged : f;
}

/**
 * What a release leaves the merchant: goods less commission and fee. Commission and fee are
 * capped so that the merchant's share is never negative (a tiny order with a fixed fee).
 */
export function merchantShare(goods: bigint, commission: bigint, fee: bigint): { merchant: bigint; commission: bigint; fee: bigint } {
  const c = commission > goods ? goods : commission;
  const f = fee > goods - c ? goods - c : fee;
  return { merchant: goods - c - f, commission: c, fee: f };
}

// ---------------------------------------------------------------------------
// Payout day: what a balance becomes
// ---------------------------------------------------------------------------

export type PayoutDecision =
  | { pay: true; amount: bigint }
  | { pay: false; reason: 'on_hold' | 'nothing_due' | 'negative_balance' | 'below_minimum'; carried: bigint };

/**
 * On a payout day: a merchant under review is held (its balance stays); a negative balance (a
 * refund after an earlier payout) is carried forward to be offset by later sales; a balance
 * under the minimum payout waits for the next run; anything else is paid in full.
 */
export function payoutDecision(input: { balance: bigint; minimum: bigint; onHold: boolean }): PayoutDecision {
  if (input.minimum < 0n) throw new RangeError('the minimum payout must not be negative');
  if (input.onHold) return { pay: false, reason: 'on_hold', carried: input.balance };
  if (input.balance < 0n) return { pay: false, reason: 'negative_balance', carried: input.balance };
  if (input.balance === 0n) return { pay: false, reason: 'nothing_due', carried: 0n };
  if (input.balance < input.minimum) return { pay: false, reason: 'below_minimum', carried: input.balance };
  return { pay: true, amount: input.balance };
}

// ---------------------------------------------------------------------------
// Schedule
// ---------------------------------------------------------------------------

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface PayoutSchedule {
  /** Weekly on this day (the default: Monday), in the merchant's country's time zone. */
  weekday: Weekday;
  timeZone: string;
}

/** The time zone payouts to a merchant's country are dated in: bank days of Sydney or Auckland. */
export const PAYOUT_TIME_ZONES: Readonly<Record<'AU' | 'NZ', string>> = { AU: 'Australia/Sydney', NZ: 'Pacific/Auckland' };

function localParts(at: Date, timeZone: string): { date: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'long',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: WEEKDAYS.indexOf(get('weekday').toLowerCase() as Weekday),
  };
}

/**
 * The payout date (YYYY-MM-DD, local) a balance as of `at` goes out on: the schedule's weekday
 * on or after the local date of `at`. A run on the payout day itself pays that day.
 */
export function nextPayoutDate(at: Date, schedule: PayoutSchedule): string {
  const { date, weekday } = localParts(at, schedule.timeZone);
  const target = WEEKDAYS.indexOf(schedule.weekday);
  if (weekday < 0 || target < 0) throw new RangeError('unknown weekday');
  const days = (target - weekday + 7) % 7;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether `at` falls on a payout day of the schedule (in its time zone). */
export function isPayoutDay(at: Date, schedule: PayoutSchedule): boolean {
  return nextPayoutDate(at, schedule) === localParts(at, schedule.timeZone).date;
}

// ---------------------------------------------------------------------------
// Payout batches
// ---------------------------------------------------------------------------

export const BATCH_STATUSES = ['draft', 'approved', 'sent', 'confirmed', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export type BatchAction = 'approve' | 'send' | 'confirm' | 'fail';

const BATCH_RULES: Readonly<Record<BatchAction, { from: BatchStatus; to: BatchStatus }>> = {
  approve: { from: 'draft', to: 'approved' },
  send: { from: 'approved', to: 'sent' },
  confirm: { from: 'sent', to: 'confirmed' },
  fail: { from: 'sent', to: 'failed' },
};

export type BatchResult = { ok: true; to: BatchStatus } | { ok: false; reason: 'invalid_state' | 'same_operator'; message: string };

/**
 * A payout batch's next state. Four-eyes rule: the finance operator who prepared a batch may
 * not approve it; a second one must (so no one person can send money out alone).
 */
export function batchTransition(from: BatchStatus, action: BatchAction, actor: { id: string }, batch: { preparedBy: string }): BatchResult {
  const rule = BATCH_RULES[action];
  if (from !== rule.from) {
    return { ok: false, reason: 'invalid_state', message: `A ${from} payout batch cannot be ${rule.to}; it must be ${rule.from}` };
  }
  if (action === 'approve' && actor.id === batch.preparedBy) {
    return {
      ok: false,
      reason: 'same_operator',
      message: 'A second finance operator must approve a payout batch: not the one who prepared it',
    };
  }
  return { ok: true, to: rule.to };
}

export type ApprovalOutcome =
  | { ok: true; approvals: string[]; approved: boolean }
  | { ok: false; reason: 'same_operator'; message: string };

/**
 * Four eyes, for a batch prepared by the schedule as well as by a person: a draft is approved once
 * two different finance operators have signed it off, and whoever prepared it counts as one. So an
 * operator's own batch needs one other operator; a scheduled one needs two. Nobody signs twice.
 */
export function approvalOutcome(preparedBy: string, approvals: readonly string[], actor: string): ApprovalOutcome {
  const signed = new Set(approvals);
  if (preparedBy.startsWith('operator:')) signed.add(preparedBy);
  if (signed.has(actor)) {
    const message =
      actor === preparedBy
        ? 'A second finance operator must approve a payout batch: not the one who prepared it'
        : 'You have approved this payout batch already: a different finance operator must approve it too';
    return { ok: false, reason: 'same_operator', message };
  }
  signed.add(actor);
  return { ok: true, approvals: [...approvals, actor], approved: signed.size >= 2 };
}
