// Pure ledger rules (PRODUCT.md P1, after TigerBeetle's data model): what a transfer does
// to the four counters of its two accounts, the balance constraints, and a batch applied
// in order, all or nothing. The service runs exactly this on rows it holds locked; the
// property tests run it as the model. No I/O.

export const ACCOUNT_KINDS = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * `debits_must_not_exceed_credits`: debits (pending and posted) never exceed posted credits —
 * a wallet or escrow liability that cannot be overdrawn. The reverse for accounts that
 * must never go into credit.
 */
export const ACCOUNT_CONSTRAINTS = ['none', 'debits_must_not_exceed_credits', 'credits_must_not_exceed_debits'] as const;
export type AccountConstraint = (typeof ACCOUNT_CONSTRAINTS)[number];

/** single: posts at once. pending: holds. post_pending / void_pending: close a pending one. */
export const TRANSFER_KINDS = ['single', 'pending', 'post_pending', 'void_pending'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_STATUSES = ['posted', 'pending', 'voided', 'expired'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface Counters {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

export interface LedgerAccountState extends Counters {
  id: string;
  currency: string;
  kind: AccountKind;
  balanceConstraint: AccountConstraint;
}

export const zeroCounters = (): Counters => ({ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n });

/**
 * The posted balance in the account's normal direction: debits − credits for assets and
 * expenses, credits − debits for liabilities, equity and revenue.
 */
export function postedBalance(kind: AccountKind, c: Counters): bigint {
  const debitNormal = kind === 'asset' || kind === 'expense';
  return debitNormal ? c.debitsPosted - c.creditsPosted : c.creditsPosted - c.debitsPosted;
}

/** What can still be spent: posted balance less what pending transfers hold. */
export function availableBalance(kind: AccountKind, c: Counters): bigint {
  const debitNormal = kind === 'asset' || kind === 'expense';
  return debitNormal ? c.debitsPosted - c.creditsPosted - c.creditsPending : c.creditsPosted - c.debitsPosted - c.debitsPending;
}

export type ConstraintViolation = 'exceeds_credits' | 'exceeds_debits';

export function violation(constraint: AccountConstraint, c: Counters): ConstraintViolation | null {
  if (constraint === 'debits_must_not_exceed_credits' && c.debitsPending + c.debitsPosted > c.creditsPosted) return 'exceeds_credits';
  if (constraint === 'credits_must_not_exceed_debits' && c.creditsPending + c.creditsPosted > c.debitsPosted) return 'exceeds_debits';
  return null;
}

/** A transfer as the rules see it; for post/void, `pending` is the pending transfer it closes. */
export interface TransferOp {
  id: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  amount: bigint;
  currency: string;
  pending?: {
    id: string;
    amount: bigint;
    status: TransferStatus;
    expired: boolean;
    debitAccountId: string;
    creditAccountId: string;
    currency: string;
  };
}

export type TransferFailure =
  | 'invalid_amount'
  | 'same_account'
  | 'currency_mismatch'
  | 'account_not_found'
  | 'pending_transfer_not_found'
  | 'pending_transfer_closed'
  | 'pending_transfer_expired'
  | 'exceeds_pending_amount'
  | 'pending_transfer_mismatch'
  | ConstraintViolation;

/** The counter changes of one transfer, per account. */
export function effects(op: TransferOp): { accountId: string; delta: Counters }[] {
  const d = (f: Partial<Counters>) => ({ ...zeroCounters(), ...f });
  switch (op.kind) {
    case 'single':
      return [
        { accountId: op.debitAccountId, delta: d({ debitsPosted: op.amount }) },
        { accountId: op.creditAccountId, delta: d({ creditsPosted: op.amount }) },
      ];
    case 'pending':
      return [
        { accountId: op.debitAccountId, delta: d({ debitsPending: op.amount }) },
        { accountId: op.creditAccountId, delta: d({ creditsPending: op.amount }) },
      ];
    case 'post_pending': {
      // Posting releases the whole hold and posts `amount` (≤ the hold); the rest returns.
      const held = op.pending?.amount ?? 0n;
      return [
        { accountId: op.debitAccountId, delta: d({ debitsPending: -held, debitsPosted: op.amount }) },
        { accountId: op.creditAccountId, delta: d({ creditsPending: -held, creditsPosted: op.amount }) },
      ];
    }
    case 'void_pending': {
      const held = op.pending?.amount ?? 0n;
      return [
        { accountId: op.debitAccountId, delta: d({ debitsPending: -held }) },
        { accountId: op.creditAccountId, delta: d({ creditsPending: -held }) },
      ];
    }
  }
}

function add(a: Counters, b: Counters): Counters {
  return {
    debitsPending: a.debitsPending + b.debitsPending,
    debitsPosted: a.debitsPosted + b.debitsPosted,
    creditsPending: a.creditsPending + b.creditsPending,
    creditsPosted: a.creditsPosted + b.creditsPosted,
  };
}

function check(op: TransferOp, accounts: ReadonlyMap<string, LedgerAccountState>): TransferFailure | null {
  // A post or void names its hold first: without one, its accounts mean nothing.
  if ((op.kind === 'post_pending' || op.kind === 'void_pending') && !op.pending) return 'pending_transfer_not_found';
  if (op.debitAccountId === op.creditAccountId) return 'same_account';
  const debit = accounts.get(op.debitAccountId);
  const credit = accounts.get(op.creditAccountId);
  if (!debit || !credit) return 'account_not_found';
  if (debit.currency !== op.currency || credit.currency !== op.currency) return 'currency_mismatch';
  if (op.kind === 'post_pending' || op.kind === 'void_pending') {
    const p = op.pending;
    if (!p) return 'pending_transfer_not_found';
    if (p.status !== 'pending') return 'pending_transfer_closed';
    if (p.expired) return 'pending_transfer_expired';
    if (p.debitAccountId !== op.debitAccountId || p.creditAccountId !== op.creditAccountId || p.currency !== op.currency) {
      return 'pending_transfer_mismatch';
    }
    if (op.kind === 'post_pending' && (op.amount <= 0n || op.amount > p.amount)) return 'exceeds_pending_amount';
    if (op.kind === 'void_pending' && op.amount !== p.amount) return 'exceeds_pending_amount';
    return null;
  }
  if (op.amount <= 0n) return 'invalid_amount';
  return null;
}

export type BatchResult = { ok: true; accounts: Map<string, LedgerAccountState> } | { ok: false; index: number; failure: TransferFailure };

/**
 * Apply transfers in order to copies of the accounts. All or nothing: the first transfer
 * that fails (its own checks, or an account constraint after it) fails the batch. The
 * same pending transfer can be closed only once in a batch.
 */
export function applyBatch(accounts: ReadonlyMap<string, LedgerAccountState>, ops: readonly TransferOp[]): BatchResult {
  const next = new Map([...accounts].map(([id, a]) => [id, { ...a }]));
  const closed = new Set<string>();
  for (const [index, op] of ops.entries()) {
    // A hold closed earlier in this batch is closed, as it would be in the next batch.
    if (op.pending && closed.has(op.pending.id)) return { ok: false, index, failure: 'pending_transfer_closed' };
    const failure = check(op, next);
    if (failure) return { ok: false, index, failure };
    if (op.pending) closed.add(op.pending.id);
    for (const { accountId, delta } of effects(op)) {
      const a = next.get(accountId) as LedgerAccountState;
      const updated = { ...a, ...add(a, delta) };
      const v = violation(updated.balanceConstraint, updated);
      if (v) return { ok: false, index, failure: v };
      next.set(accountId, updated);
    }
  }
  return { ok: true, accounts: next };
}
