// The pure ledger rules (PRODUCT.md P1, TigerBeetle's model) as properties: whatever the
// accounts and whatever the sequence of single, pending, post and void transfers, every
// currency balances, no account breaks its balance rule, a failed batch changes nothing,
// and a batch is all or nothing — the same as its transfers one by one, up to the first
// that fails. The expected effects below are written from the model, not from rules.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_CONSTRAINTS,
  ACCOUNT_KINDS,
  type AccountConstraint,
  type AccountKind,
  applyBatch,
  availableBalance,
  type Counters,
  type LedgerAccountState,
  postedBalance,
  type TransferFailure,
  type TransferOp,
  type TransferStatus,
  violation,
  zeroCounters,
} from './rules.ts';

type Pending = NonNullable<TransferOp['pending']>;
type Accounts = ReadonlyMap<string, LedgerAccountState>;

// ---------------------------------------------------------------------------
// The model, stated independently of rules.ts
// ---------------------------------------------------------------------------

/** What one transfer does to the counters of its two accounts. */
function expectedDeltas(op: TransferOp): [Partial<Counters>, Partial<Counters>] {
  const held = op.pending?.amount ?? 0n;
  switch (op.kind) {
    case 'single':
      return [{ debitsPosted: op.amount }, { creditsPosted: op.amount }];
    case 'pending':
      return [{ debitsPending: op.amount }, { creditsPending: op.amount }];
    case 'post_pending':
      return [
        { debitsPending: -held, debitsPosted: op.amount },
        { creditsPending: -held, creditsPosted: op.amount },
      ];
    case 'void_pending':
      return [{ debitsPending: -held }, { creditsPending: -held }];
  }
}

function plus(a: LedgerAccountState, d: Partial<Counters>): LedgerAccountState {
  return {
    ...a,
    debitsPending: a.debitsPending + (d.debitsPending ?? 0n),
    debitsPosted: a.debitsPosted + (d.debitsPosted ?? 0n),
    creditsPending: a.creditsPending + (d.creditsPending ?? 0n),
    creditsPosted: a.creditsPosted + (d.creditsPosted ?? 0n),
  };
}

/** The accounts after the transfer, applied blindly (only meaningful for two distinct, existing accounts). */
function naiveApply(accounts: Accounts, op: TransferOp): Map<string, LedgerAccountState> {
  const next = new Map(accounts);
  const [d, c] = expectedDeltas(op);
  const debit = accounts.get(op.debitAccountId);
  const credit = accounts.get(op.creditAccountId);
  if (debit) next.set(debit.id, plus(debit, d));
  if (credit) next.set(credit.id, plus(credit, c));
  return next;
}

/** A balance rule, restated: pending and posted debits within posted credits, or the reverse. */
function breaks(a: LedgerAccountState): TransferFailure | null {
  if (a.balanceConstraint === 'debits_must_not_exceed_credits' && a.debitsPending + a.debitsPosted > a.creditsPosted)
    return 'exceeds_credits';
  if (a.balanceConstraint === 'credits_must_not_exceed_debits' && a.creditsPending + a.creditsPosted > a.debitsPosted)
    return 'exceeds_debits';
  return null;
}

/** Every reason the model has to refuse this transfer alone (the rules report one of them). */
function defects(op: TransferOp, accounts: Accounts): Set<TransferFailure> {
  const out = new Set<TransferFailure>();
  const debit = accounts.get(op.debitAccountId);
  const credit = accounts.get(op.creditAccountId);
  if (op.debitAccountId === op.creditAccountId) out.add('same_account');
  if (!debit || !credit) out.add('account_not_found');
  if ((debit && debit.currency !== op.currency) || (credit && credit.currency !== op.currency)) out.add('currency_mismatch');
  if (op.kind === 'single' || op.kind === 'pending') {
    if (op.amount <= 0n) out.add('invalid_amount');
  } else {
    const p = op.pending;
    if (!p) out.add('pending_transfer_not_found');
    else {
      if (p.status !== 'pending') out.add('pending_transfer_closed');
      if (p.expired) out.add('pending_transfer_expired');
      if (p.debitAccountId !== op.debitAccountId || p.creditAccountId !== op.creditAccountId || p.currency !== op.currency) {
        out.add('pending_transfer_mismatch');
      }
      if (op.kind === 'post_pending' && (op.amount <= 0n || op.amount > p.amount)) out.add('exceeds_pending_amount');
      if (op.kind === 'void_pending' && op.amount !== p.amount) out.add('exceeds_pending_amount');
    }
  }
  if (out.size === 0) {
    const after = naiveApply(accounts, op);
    for (const id of [op.debitAccountId, op.creditAccountId]) {
      const v = breaks(after.get(id) as LedgerAccountState);
      if (v) out.add(v);
    }
  }
  return out;
}

function balancedPerCurrency(accounts: Accounts): boolean {
  const sums = new Map<string, { posted: bigint; pending: bigint }>();
  for (const a of accounts.values()) {
    const s = sums.get(a.currency) ?? { posted: 0n, pending: 0n };
    s.posted += a.debitsPosted - a.creditsPosted;
    s.pending += a.debitsPending - a.creditsPending;
    sums.set(a.currency, s);
  }
  return [...sums.values()].every((s) => s.posted === 0n && s.pending === 0n);
}

const nonNegative = (a: Counters) => a.debitsPending >= 0n && a.debitsPosted >= 0n && a.creditsPending >= 0n && a.creditsPosted >= 0n;

/** A deep copy to compare against, proving the input map (and its accounts) untouched. */
const snapshot = (accounts: Accounts) => [...accounts].map(([id, a]) => [id, { ...a }] as const);

// ---------------------------------------------------------------------------
// Generators: accounts, and transfers resolved against what exists so far
// ---------------------------------------------------------------------------

const accountSpecArb = fc.record({
  kind: fc.constantFrom(...ACCOUNT_KINDS),
  constraint: fc.constantFrom(...ACCOUNT_CONSTRAINTS),
  currency: fc.constantFrom('CNY', 'CNY', 'CNY', 'AUD'),
});
const accountsArb = fc
  .array(accountSpecArb, { minLength: 2, maxLength: 6 })
  .map(
    (specs) =>
      new Map<string, LedgerAccountState>(
        specs.map((s, i) => [
          `acc${i}`,
          { id: `acc${i}`, kind: s.kind, balanceConstraint: s.constraint, currency: s.currency, ...zeroCounters() },
        ]),
      ),
  );

const rare = (oneIn: number) => fc.nat(oneIn - 1).map((n) => n === 0);

/** A transfer before it is tied to the accounts and pending transfers that exist. */
const rawOpArb = fc.record({
  kind: fc.constantFrom(
    'single',
    'single',
    'single',
    'pending',
    'pending',
    'pending',
    'post_pending',
    'post_pending',
    'void_pending',
    'void_pending',
  ),
  debit: fc.nat(),
  credit: fc.nat(),
  amount: fc.oneof({ weight: 15, arbitrary: fc.bigInt(1n, 400n) }, { weight: 1, arbitrary: fc.bigInt(-3n, 0n) }),
  pick: fc.nat(),
  closeAmount: fc.constantFrom('full', 'full', 'partial', 'partial', 'partial', 'over', 'zero'),
  // Rarely: a credit account picked from all (maybe the debit account, maybe another
  // currency), an unknown account, a currency of neither account, a hold that will be past
  // its timeout when closed, a post or void with its hold's accounts swapped, or none.
  anyCredit: rare(12),
  unknownAccount: rare(30),
  otherCurrency: rare(30),
  expires: rare(6),
  mismatch: rare(8),
  noPending: rare(30),
  /** Close any hold, maybe one already closed (otherwise an open one when there is one). */
  anyHold: rare(5),
});
type RawOp = typeof rawOpArb extends fc.Arbitrary<infer T> ? T : never;

interface World {
  accounts: Map<string, LedgerAccountState>;
  /** Every pending transfer made, with its current status. */
  pendings: Map<string, Pending>;
}

function resolve(raw: RawOp, id: string, accounts: Accounts, pendings: readonly Pending[]): TransferOp {
  const all = [...accounts.values()];
  const debit = all[raw.debit % all.length] as LedgerAccountState;
  const peers = all.filter((a) => a.currency === debit.currency && a.id !== debit.id);
  const creditFrom = raw.anyCredit || !peers.length ? all : peers;
  const creditAccountId = raw.unknownAccount ? 'acc_missing' : (creditFrom[raw.credit % creditFrom.length] as LedgerAccountState).id;
  const currency = raw.otherCurrency ? (debit.currency === 'CNY' ? 'AUD' : 'CNY') : debit.currency;
  const fresh: TransferOp = { id, kind: raw.kind, debitAccountId: debit.id, creditAccountId, amount: raw.amount, currency };
  if (raw.kind === 'single' || raw.kind === 'pending') return fresh;
  const open = pendings.filter((p) => p.status === 'pending');
  const from = raw.anyHold || !open.length ? pendings : open;
  const pending = from.length && !raw.noPending ? from[raw.pick % from.length] : undefined;
  if (!pending) return fresh;
  const held = pending.amount;
  // (A hold made earlier in the same batch may itself be invalid, with no positive amount.)
  const partial = held > 0n ? 1n + ((raw.amount < 0n ? -raw.amount : raw.amount) % held) : 1n;
  const amount =
    raw.kind === 'void_pending'
      ? raw.closeAmount === 'over'
        ? held + 1n
        : held
      : { full: held, partial, over: held + 1n, zero: 0n }[raw.closeAmount];
  return {
    id,
    kind: raw.kind,
    debitAccountId: raw.mismatch ? pending.creditAccountId : pending.debitAccountId,
    creditAccountId: raw.mismatch ? pending.debitAccountId : pending.creditAccountId,
    amount,
    currency: pending.currency,
    pending,
  };
}

/** After a transfer succeeded: remember a new hold, or close the one it posted or voided. */
function record(pendings: Map<string, Pending>, op: TransferOp, raw: RawOp): void {
  if (op.kind === 'pending') {
    pendings.set(op.id, {
      id: op.id,
      amount: op.amount,
      status: 'pending',
      expired: raw.expires,
      debitAccountId: op.debitAccountId,
      creditAccountId: op.creditAccountId,
      currency: op.currency,
    });
  } else if (op.pending) {
    const p = pendings.get(op.pending.id);
    if (p) pendings.set(p.id, { ...p, status: op.kind === 'post_pending' ? 'posted' : 'voided' });
  }
}

/** Apply raw transfers one at a time (failures skipped): a reachable state. */
function play(start: Map<string, LedgerAccountState>, raws: readonly RawOp[], prefix: string): World {
  const world: World = { accounts: start, pendings: new Map() };
  for (const [i, raw] of raws.entries()) {
    const op = resolve(raw, `${prefix}${i}`, world.accounts, [...world.pendings.values()]);
    const r = applyBatch(world.accounts, [op]);
    if (r.ok) {
      world.accounts = r.accounts;
      record(world.pendings, op, raw);
    }
  }
  return world;
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('applyBatch, one transfer at a time', () => {
  it('keeps every currency balanced and every account within its rule; a refusal names a real defect and changes nothing', () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    fc.assert(
      fc.property(accountsArb, fc.array(rawOpArb, { minLength: 1, maxLength: 80, size: 'max' }), (start, raws) => {
        let accounts: Map<string, LedgerAccountState> = start;
        const pendings = new Map<string, Pending>();
        for (const [i, raw] of raws.entries()) {
          const op = resolve(raw, `t${i}`, accounts, [...pendings.values()]);
          const before = snapshot(accounts);
          const want = defects(op, accounts);
          const r = applyBatch(accounts, [op]);
          // The input is never mutated, whatever the outcome.
          expect(snapshot(accounts)).toEqual(before);
          if (!r.ok) {
            count(`${op.kind}:${r.failure}`);
            expect(r.index).toBe(0);
            expect([...want], `refused ${op.kind} with ${r.failure}`).toContain(r.failure);
            continue;
          }
          count(`${op.kind}:ok`);
          expect([...want], `${op.kind} should have been refused`).toEqual([]);
          // Exactly the two accounts move, by exactly the model's amounts; nothing else changes.
          const expected = naiveApply(accounts, op);
          expect(snapshot(r.accounts)).toEqual(snapshot(expected));
          // A new map of new objects: changing the result cannot reach the input.
          expect(r.accounts).not.toBe(accounts);
          for (const [id, a] of r.accounts) expect(a).not.toBe(accounts.get(id));
          // (a) balanced per currency, posted and pending; (b) every account within its rule.
          expect(balancedPerCurrency(r.accounts)).toBe(true);
          for (const a of r.accounts.values()) {
            expect(violation(a.balanceConstraint, a)).toBeNull();
            expect(nonNegative(a)).toBe(true);
          }
          accounts = r.accounts;
          record(pendings, op, raw);
        }
      }),
      { numRuns: 300 },
    );
    // The generator reaches every kind of success and the interesting refusals.
    for (const key of [
      'single:ok',
      'pending:ok',
      'post_pending:ok',
      'void_pending:ok',
      'single:exceeds_credits',
      'single:exceeds_debits',
      'pending:exceeds_credits',
      'post_pending:pending_transfer_closed',
      'void_pending:pending_transfer_closed',
      'post_pending:exceeds_pending_amount',
      'post_pending:pending_transfer_expired',
      'post_pending:pending_transfer_mismatch',
      'post_pending:pending_transfer_not_found',
      'single:same_account',
      'single:currency_mismatch',
      'single:account_not_found',
      'single:invalid_amount',
    ]) {
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
    }
  });
});

describe('applyBatch, a batch', () => {
  it('is all or nothing: the same as its transfers one by one when all succeed; when one fails, the ones before it alone succeed', () => {
    let failed = 0;
    let succeeded = 0;
    fc.assert(
      fc.property(
        accountsArb,
        fc.array(rawOpArb, { maxLength: 40, size: 'max' }),
        fc.array(rawOpArb, { minLength: 1, maxLength: 8 }),
        (start, prefix, rawBatch) => {
          const world = play(start, prefix, 'p');
          // Resolve the batch: posts and voids may close holds made before it or earlier in it.
          const candidates = [...world.pendings.values()];
          const ops: TransferOp[] = [];
          for (const [i, raw] of rawBatch.entries()) {
            const op = resolve(raw, `b${i}`, world.accounts, candidates);
            ops.push(op);
            if (op.kind === 'pending') {
              candidates.push({ ...op, status: 'pending', expired: false });
            }
          }
          const before = snapshot(world.accounts);
          const batch = applyBatch(world.accounts, ops);
          expect(snapshot(world.accounts)).toEqual(before);

          // One by one, each transfer seeing the holds as the earlier ones left them.
          const oneByOne = (list: readonly TransferOp[], skipFailures: boolean) => {
            const status = new Map<string, TransferStatus>([...world.pendings.values()].map((p) => [p.id, p.status]));
            let accounts = world.accounts;
            const kept: TransferOp[] = [];
            for (const [index, op] of list.entries()) {
              // (A hold of this batch that was skipped was never made: nothing may close it.)
              if (skipFailures && op.pending && !status.has(op.pending.id)) continue;
              const now = op.pending ? { ...op, pending: { ...op.pending, status: status.get(op.pending.id) ?? op.pending.status } } : op;
              const r = applyBatch(accounts, [now]);
              if (!r.ok) {
                if (skipFailures) continue;
                return { accounts, kept, stop: { index, failure: r.failure } };
              }
              accounts = r.accounts;
              kept.push(op);
              if (op.kind === 'pending') status.set(op.id, 'pending');
              if (op.pending) status.set(op.pending.id, op.kind === 'post_pending' ? 'posted' : 'voided');
            }
            return { accounts, kept, stop: undefined };
          };

          // The transfers that succeed in turn (the others left out) succeed as one batch, with the same result.
          const good = oneByOne(ops, true);
          const together = applyBatch(world.accounts, good.kept);
          expect(together.ok).toBe(true);
          if (together.ok) expect(snapshot(together.accounts)).toEqual(snapshot(good.accounts));
          if (good.kept.length > 1) succeeded++;

          const { accounts, stop } = oneByOne(ops, false);
          if (batch.ok) {
            expect(stop).toBeUndefined();
            expect(snapshot(batch.accounts)).toEqual(snapshot(accounts));
            expect(balancedPerCurrency(batch.accounts)).toBe(true);
            return;
          }
          failed++;
          expect(stop?.index).toBe(batch.index);
          // The same refusal — except that a second close of one hold in a batch may be
          // reported for another defect it has, where one by one it is refused as closed:
          // see 'refuses a second close of one hold in a batch as closed' below.
          if (stop?.failure !== batch.failure) {
            const op = ops[batch.index];
            const closedEarlier = ops.slice(0, batch.index).some((o) => o.pending && o.pending.id === op?.pending?.id);
            expect({ closedEarlier, failure: stop?.failure }).toEqual({ closedEarlier: true, failure: 'pending_transfer_closed' });
          }
          // The transfers before the failing one, alone, succeed.
          expect(applyBatch(world.accounts, ops.slice(0, batch.index)).ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    expect(succeeded).toBeGreaterThan(10);
    expect(failed).toBeGreaterThan(10);
  });

  const held = accountsOf(
    acct('a', 'asset', 'none', 'CNY', { debitsPending: 100n }),
    acct('b', 'liability', 'none', 'CNY', { creditsPending: 100n }),
  );
  const hold = open('h', 'a', 'b', 100n);
  const post = (id: string, amount: bigint, debit = 'a', credit = 'b'): TransferOp => ({
    id,
    kind: 'post_pending',
    debitAccountId: debit,
    creditAccountId: credit,
    amount,
    currency: 'CNY',
    pending: hold,
  });

  it('refuses to close one hold twice in a batch, and applies nothing', () => {
    const r = applyBatch(held, [post('p1', 60n), { ...post('p2', 100n), kind: 'void_pending' }]);
    expect(r).toEqual({ ok: false, index: 1, failure: 'pending_transfer_closed' });
  });

  // One by one, a close of a hold already closed is refused as pending_transfer_closed before
  // its amount or accounts are looked at. In a batch, the hold is still 'pending' in the
  // transfer's own view, so check() reports the other defect first and the client is told
  // to fix an amount (or accounts) of a transfer that can never succeed.
  it.each<[string, TransferOp]>([
    ['a post above the hold', post('p2', 101n)],
    ['a post with the accounts swapped', post('p2', 10n, 'b', 'a')],
  ])('refuses a second close of one hold in a batch as closed, also when it is %s', (_what, second) => {
    expect(applyBatch(held, [{ ...second, pending: { ...hold, status: 'posted' } }])).toEqual({
      ok: false,
      index: 0,
      failure: 'pending_transfer_closed',
    });
    expect(applyBatch(held, [post('p1', 60n), second])).toEqual({ ok: false, index: 1, failure: 'pending_transfer_closed' });
  });
});

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

function acct(id: string, kind: AccountKind, constraint: AccountConstraint = 'none', currency = 'CNY', c: Partial<Counters> = {}) {
  return { id, kind, balanceConstraint: constraint, currency, ...zeroCounters(), ...c } satisfies LedgerAccountState;
}
const accountsOf = (...list: LedgerAccountState[]) => new Map(list.map((a) => [a.id, a]));
function open(id: string, debit: string, credit: string, amount: bigint, extra: Partial<Pending> = {}): Pending {
  return { id, amount, status: 'pending', expired: false, debitAccountId: debit, creditAccountId: credit, currency: 'CNY', ...extra };
}

describe('each refusal', () => {
  // bank: an asset; wallet: 100 CNY that may not be overdrawn (30 of it held towards escrow);
  // cap: an asset that may not be credited beyond its 50 of debits; aud: another currency.
  const accounts = accountsOf(
    acct('bank', 'asset', 'none', 'CNY', { debitsPosted: 100n, creditsPosted: 50n }),
    acct('wallet', 'liability', 'debits_must_not_exceed_credits', 'CNY', { creditsPosted: 100n, debitsPending: 30n }),
    acct('escrow', 'liability', 'none', 'CNY', { creditsPending: 30n }),
    acct('cap', 'asset', 'credits_must_not_exceed_debits', 'CNY', { debitsPosted: 50n }),
    acct('aud', 'liability', 'none', 'AUD'),
  );
  const hold = open('hold', 'wallet', 'escrow', 30n);
  const t = (op: Partial<TransferOp>): TransferOp => ({
    id: 'x',
    kind: 'single',
    debitAccountId: 'bank',
    creditAccountId: 'escrow',
    amount: 10n,
    currency: 'CNY',
    ...op,
  });
  const close = (
    kind: 'post_pending' | 'void_pending',
    amount: bigint,
    pending: Partial<Pending> | null = {},
    op: Partial<TransferOp> = {},
  ) =>
    t({
      kind,
      debitAccountId: 'wallet',
      creditAccountId: 'escrow',
      amount,
      ...(pending ? { pending: { ...hold, ...pending } } : {}),
      ...op,
    });

  it.each<[string, TransferFailure, TransferOp]>([
    ['a zero amount', 'invalid_amount', t({ amount: 0n })],
    ['a negative amount on a hold', 'invalid_amount', t({ kind: 'pending', amount: -1n })],
    ['one account on both sides', 'same_account', t({ creditAccountId: 'bank' })],
    ['a credit account in another currency', 'currency_mismatch', t({ creditAccountId: 'aud' })],
    ['a transfer currency neither account has', 'currency_mismatch', t({ currency: 'AUD' })],
    ['an unknown debit account', 'account_not_found', t({ debitAccountId: 'nope' })],
    ['an unknown credit account', 'account_not_found', t({ creditAccountId: 'nope' })],
    ['a post without its pending transfer', 'pending_transfer_not_found', close('post_pending', 10n, null)],
    ['a void of a hold already posted', 'pending_transfer_closed', close('void_pending', 30n, { status: 'posted' })],
    ['a post of a hold already voided', 'pending_transfer_closed', close('post_pending', 30n, { status: 'voided' })],
    ['a post of a hold the expiry job closed', 'pending_transfer_closed', close('post_pending', 30n, { status: 'expired' })],
    ['a post of a hold past its timeout', 'pending_transfer_expired', close('post_pending', 30n, { expired: true })],
    ['a post above the hold', 'exceeds_pending_amount', close('post_pending', 31n)],
    ['a post of nothing', 'exceeds_pending_amount', close('post_pending', 0n)],
    ['a void of less than the hold', 'exceeds_pending_amount', close('void_pending', 29n)],
    [
      'a post between other accounts than its hold',
      'pending_transfer_mismatch',
      close('post_pending', 30n, {}, { creditAccountId: 'bank' }),
    ],
    ['a post in another currency than its hold', 'pending_transfer_mismatch', close('post_pending', 30n, { currency: 'AUD' })],
    ['spending more than the wallet holds less its hold', 'exceeds_credits', t({ debitAccountId: 'wallet', amount: 71n })],
    ['holding more than the wallet has free', 'exceeds_credits', t({ kind: 'pending', debitAccountId: 'wallet', amount: 71n })],
    ['crediting the capped asset beyond its debits', 'exceeds_debits', t({ creditAccountId: 'cap', amount: 51n })],
    ['holding a credit beyond its debits', 'exceeds_debits', t({ kind: 'pending', creditAccountId: 'cap', amount: 51n })],
  ])('%s → %s', (_what, failure, op) => {
    const before = snapshot(accounts);
    expect(applyBatch(accounts, [op])).toEqual({ ok: false, index: 0, failure });
    expect(snapshot(accounts)).toEqual(before);
  });

  it.each<[string, TransferOp]>([
    ['spending exactly what is free', t({ debitAccountId: 'wallet', amount: 70n })],
    ['crediting the capped asset up to its debits', t({ creditAccountId: 'cap', amount: 50n })],
    ['posting the whole hold', close('post_pending', 30n)],
    ['posting part of the hold', close('post_pending', 1n)],
    ['voiding the hold', close('void_pending', 30n)],
  ])('allows %s', (_what, op) => {
    expect(applyBatch(accounts, [op]).ok).toBe(true);
  });

  it('a failure later in a batch names its index and applies none of the transfers before it', () => {
    const r = applyBatch(accounts, [
      t({ id: 'fund', creditAccountId: 'wallet', amount: 5n }),
      t({ id: 'spend', debitAccountId: 'wallet', creditAccountId: 'escrow', amount: 75n }),
      t({ id: 'over', debitAccountId: 'wallet', creditAccountId: 'escrow', amount: 1n }),
    ]);
    expect(r).toEqual({ ok: false, index: 2, failure: 'exceeds_credits' });
    expect(accounts.get('wallet')).toMatchObject({ creditsPosted: 100n, debitsPosted: 0n });
  });
});

describe('balances by account kind', () => {
  // Posted debits 100, posted credits 30, pending debits 10, pending credits 20.
  const c: Counters = { debitsPosted: 100n, creditsPosted: 30n, debitsPending: 10n, creditsPending: 20n };
  // Posted debits 30, posted credits 100, pending debits 10, pending credits 20.
  const r: Counters = { debitsPosted: 30n, creditsPosted: 100n, debitsPending: 10n, creditsPending: 20n };
  it.each<[AccountKind, string, Counters, bigint, bigint]>([
    // Debit-normal: debits − credits; what is held to be credited away is not available.
    ['asset', 'mostly debited', c, 70n, 50n],
    ['expense', 'mostly debited', c, 70n, 50n],
    ['asset', 'mostly credited', r, -70n, -90n],
    // Credit-normal: credits − debits; what is held to be debited away is not available.
    ['liability', 'mostly credited', r, 70n, 60n],
    ['equity', 'mostly credited', r, 70n, 60n],
    ['revenue', 'mostly credited', r, 70n, 60n],
    ['liability', 'mostly debited', c, -70n, -80n],
  ])('%s, %s: posted %s, available %s', (kind, _what, counters, posted, available) => {
    expect(postedBalance(kind, counters)).toBe(posted);
    expect(availableBalance(kind, counters)).toBe(available);
  });

  it('a fresh account of any kind has nothing posted and nothing available', () => {
    for (const kind of ACCOUNT_KINDS) {
      expect(postedBalance(kind, zeroCounters())).toBe(0n);
      expect(availableBalance(kind, zeroCounters())).toBe(0n);
    }
  });
});
