// The ledger service: accounts, transfers (single, pending, post, void), linked batches
// that apply all or nothing, expiry of pending transfers, statements, and verification.
//
// A new transfer, or a batch of new single and pending transfers, is one statement that
// writes the transfers and adds to the counters of their accounts, locked in id order (so
// concurrent batches never deadlock). Anything else (posts and voids, replays, refusals to
// explain, calls inside a caller's transaction) runs in one transaction: it locks the pending
// transfers it closes and then its accounts in id order, applies the pure rules (rules.ts) to
// the locked counters, and writes the transfers and the new counters in a few set-based
// statements. The CHECK constraints on ledger_accounts refuse any balance rule broken by
// whatever path, so no process can overdraw an account. Transfer ids are the client's: the
// same transfer sent again returns the one already made.
import { and, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { isCurrency } from '../../kernel/money.ts';
import {
  type AccountConstraint,
  type AccountKind,
  applyBatch,
  type LedgerAccountState,
  type TransferFailure,
  type TransferKind,
  type TransferOp,
} from './rules.ts';
import { ledgerAccounts, ledgerTransfers } from './schema.ts';

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;
export type LedgerTransfer = typeof ledgerTransfers.$inferSelect;

export const MAX_BATCH = 1000;
const TRANSFER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

export interface AccountInput {
  key: string;
  name: string;
  currency: string;
  kind: AccountKind;
  balance_constraint?: AccountConstraint | undefined;
  owner?: { type: string; id: string } | undefined;
}

/** Create an account, or return the one with this key when it has the same currency, kind and rule. */
export async function ensureAccount(ctx: Ctx, input: AccountInput): Promise<LedgerAccount> {
  if (!isCurrency(input.currency))
    throw new AppError('unsupported_currency', `Unsupported currency '${input.currency}'`, { param: 'currency' });
  const constraint = input.balance_constraint ?? 'none';
  // Read first: an account that exists (nearly always) is found without writing. An upsert would
  // wait for every transaction that holds the row (a payment into a busy escrow) to finish.
  const [found] = await ctx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.key, input.key));
  if (found) return sameAccount(found, input.currency, input.kind, constraint);
  const [created] = await ctx.db
    .insert(ledgerAccounts)
    .values({
      id: newId('account'),
      key: input.key,
      name: input.name,
      currency: input.currency,
      kind: input.kind,
      balanceConstraint: constraint,
      ownerType: input.owner?.type ?? null,
      ownerId: input.owner?.id ?? null,
      createdAt: now(ctx),
    })
    .onConflictDoNothing({ target: ledgerAccounts.key })
    .returning();
  if (created) return created;
  const [existing] = await ctx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.key, input.key));
  if (!existing) throw new Error(`account ${input.key} neither created nor found`);
  return sameAccount(existing, input.currency, input.kind, constraint);
}

function sameAccount(existing: LedgerAccount, currency: string, kind: string, constraint: string): LedgerAccount {
  if (existing.currency !== currency || existing.kind !== kind || existing.balanceConstraint !== constraint) {
    throw new AppError('already_exists', `Account '${existing.key}' exists with another currency, kind or balance rule`, { param: 'key' });
  }
  return existing;
}

/** Several accounts by their inputs, in order: the existing ones read in one query, the missing ones made. */
export async function ensureAccounts(ctx: Ctx, inputs: readonly AccountInput[]): Promise<LedgerAccount[]> {
  const keys = [...new Set(inputs.map((i) => i.key))];
  const found = new Map((await ctx.db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.key, keys))).map((a) => [a.key, a]));
  const out: LedgerAccount[] = [];
  for (const input of inputs) {
    const a = found.get(input.key);
    out.push(a ? sameAccount(a, input.currency, input.kind, input.balance_constraint ?? 'none') : await ensureAccount(ctx, input));
  }
  return out;
}

export async function getAccount(ctx: Ctx, id: string): Promise<LedgerAccount> {
  if (!isId('account', id)) throw notFound('account', id);
  const [a] = await ctx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id));
  if (!a) throw notFound('account', id);
  return a;
}

export async function accountByKey(ctx: Ctx, key: string): Promise<LedgerAccount | undefined> {
  const [a] = await ctx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.key, key));
  return a;
}

// ---------------------------------------------------------------------------
// Transfers
// ---------------------------------------------------------------------------

export interface TransferInput {
  id: string;
  kind?: TransferKind | undefined;
  debit_account_id?: string | undefined;
  credit_account_id?: string | undefined;
  /** Minor units. For post_pending, defaults to the whole hold; for void_pending, it is the hold. */
  amount?: bigint | undefined;
  currency?: string | undefined;
  pending_id?: string | undefined;
  /** Pending only: the hold is voided by the expiry job after this many seconds (0: never). */
  timeout_seconds?: number | undefined;
  reference?: { type: string; id: string } | undefined;
  metadata?: Record<string, unknown> | undefined;
}

const FAILURE: Record<
  TransferFailure,
  {
    code:
      | 'invalid_request'
      | 'currency_mismatch'
      | 'not_found'
      | 'exceeds_credits'
      | 'exceeds_debits'
      | 'pending_transfer_closed'
      | 'pending_transfer_expired'
      | 'exceeds_pending_amount';
    param: string;
    message: string;
  }
> = {
  invalid_amount: { code: 'invalid_request', param: 'amount', message: 'The amount must be a positive number of minor units' },
  same_account: { code: 'invalid_request', param: 'credit_account_id', message: 'A transfer moves money between two different accounts' },
  currency_mismatch: { code: 'currency_mismatch', param: 'currency', message: 'Both accounts must be in the transfer’s currency' },
  account_not_found: { code: 'not_found', param: 'debit_account_id', message: 'No such account' },
  pending_transfer_not_found: { code: 'not_found', param: 'pending_id', message: 'No such pending transfer' },
  pending_transfer_closed: {
    code: 'pending_transfer_closed',
    param: 'pending_id',
    message: 'The pending transfer was already posted, voided or expired',
  },
  pending_transfer_expired: { code: 'pending_transfer_expired', param: 'pending_id', message: 'The pending transfer has expired' },
  exceeds_pending_amount: {
    code: 'exceeds_pending_amount',
    param: 'amount',
    message: 'A post can take at most the pending amount; a void releases exactly it',
  },
  pending_transfer_mismatch: {
    code: 'invalid_request',
    param: 'pending_id',
    message: 'A post or void has the accounts and currency of its pending transfer',
  },
  exceeds_credits: {
    code: 'exceeds_credits',
    param: 'amount',
    message: 'The debit account would owe more than it holds (its debits may not exceed its credits)',
  },
  exceeds_debits: { code: 'exceeds_debits', param: 'amount', message: 'The credit account would be credited beyond its debits' },
};

function batchError(failure: TransferFailure, index: number, inputs: readonly TransferInput[], batched: boolean): AppError {
  const f = FAILURE[failure];
  const where = batched ? `transfers.${index}.${f.param}` : f.param;
  return new AppError(
    f.code,
    batched ? `Transfer ${index} (${inputs[index]?.id}): ${f.message}; nothing in the batch was applied` : f.message,
    {
      param: where,
      details: { transfer_id: inputs[index]?.id, ...(batched ? { index } : {}) },
    },
  );
}

/** Same transfer as one already made? (replays return the original; anything else is a conflict) */
function sameTransfer(row: LedgerTransfer, t: TransferInput): boolean {
  const kind = t.kind ?? 'single';
  return (
    row.kind === kind &&
    (t.debit_account_id === undefined || row.debitAccountId === t.debit_account_id) &&
    (t.credit_account_id === undefined || row.creditAccountId === t.credit_account_id) &&
    (t.amount === undefined || row.amount === t.amount) &&
    (t.currency === undefined || row.currency === t.currency) &&
    (t.pending_id ?? null) === row.pendingId
  );
}

/**
 * Apply transfers, all or nothing (a batch of one is a single transfer). Returns the
 * transfers as stored; a batch sent again returns the stored transfers unchanged.
 */
export async function createTransfers(
  ctx: Ctx,
  inputs: readonly TransferInput[],
  opts: { batched?: boolean } = {},
): Promise<LedgerTransfer[]> {
  const batched = opts.batched ?? inputs.length > 1;
  if (inputs.length === 0) throw new AppError('invalid_request', 'A batch needs at least one transfer', { param: 'transfers' });
  if (inputs.length > MAX_BATCH) throw new AppError('invalid_request', `At most ${MAX_BATCH} transfers in a batch`, { param: 'transfers' });
  const seen = new Set<string>();
  for (const [i, t] of inputs.entries()) {
    const at = (f: string) => (batched ? `transfers.${i}.${f}` : f);
    if (!TRANSFER_ID.test(t.id))
      throw new AppError('invalid_request', 'A transfer id is 1–128 letters, digits and _ . : -', { param: at('id') });
    if (seen.has(t.id)) throw new AppError('invalid_request', `Transfer id '${t.id}' appears twice in the batch`, { param: at('id') });
    seen.add(t.id);
    const kind = t.kind ?? 'single';
    if ((kind === 'post_pending' || kind === 'void_pending') !== (t.pending_id !== undefined)) {
      throw new AppError('invalid_request', 'pending_id is for post_pending and void_pending transfers, and required by them', {
        param: at('pending_id'),
      });
    }
    if (kind === 'single' || kind === 'pending') {
      if (!t.debit_account_id) throw new AppError('invalid_request', 'debit_account_id is required', { param: at('debit_account_id') });
      if (!t.credit_account_id) throw new AppError('invalid_request', 'credit_account_id is required', { param: at('credit_account_id') });
      if (t.amount === undefined) throw new AppError('invalid_request', 'amount is required', { param: at('amount') });
      if (!t.currency) throw new AppError('invalid_request', 'currency is required', { param: at('currency') });
    }
  }
  const only = inputs[0];
  if (!batched && !ctx.inTx && only && (only.kind ?? 'single') === 'single') {
    const fast = await singleTransferFast(ctx, only);
    if (fast) return [fast];
  }
  if (!ctx.inTx && (batched || inputs.length > 1)) {
    const fast = await batchFast(ctx, inputs, batched);
    if (fast) return fast;
  }
  if (ctx.inTx) {
    // In the caller's transaction: the one-statement path in a savepoint, so a refusal rolls back
    // only it and the general path below can say exactly what was refused.
    try {
      return await inTransaction(ctx, async (sp) => {
        const fast = await batchFast(sp, inputs, batched);
        if (!fast) throw NOT_FAST;
        return fast;
      });
    } catch (e) {
      if (e !== NOT_FAST) throw e;
    }
  }
  try {
    return await applyTransfers(ctx, inputs, batched);
  } catch (e) {
    // Two identical requests raced past the replay check: the loser sees the winner's rows now.
    if (uniqueViolation(e)) return applyTransfers(ctx, inputs, batched);
    throw e;
  }
}

const NOT_FAST = new Error('the one-statement path does not apply');

const SINGLE_TRANSFER_SQL = `
  WITH locked AS (
    SELECT id FROM ledger_accounts WHERE id IN ($1, $2) AND currency = $3 ORDER BY id FOR NO KEY UPDATE
  ), ins AS (
    INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, currency, kind, status, reference_type, reference_id, metadata, created_at)
    SELECT $4, $1, $2, $5::bigint, $3, 'single', 'posted', $6, $7, $8::jsonb, $9::timestamptz
    WHERE (SELECT count(*) FROM locked) = 2
    ON CONFLICT (id) DO NOTHING
    RETURNING seq
  ), upd AS (
    UPDATE ledger_accounts a
    SET debits_posted = a.debits_posted + CASE WHEN a.id = $1 THEN $5::bigint ELSE 0 END,
        credits_posted = a.credits_posted + CASE WHEN a.id = $2 THEN $5::bigint ELSE 0 END
    WHERE a.id IN ($1, $2) AND EXISTS (SELECT 1 FROM ins)
    RETURNING a.id
  )
  SELECT (SELECT seq FROM ins) AS seq, (SELECT count(*) FROM upd) AS updated`;

/**
 * The common case in one statement: a new single transfer between two existing accounts of
 * its currency. It locks both accounts in id order, inserts the transfer and adds to the
 * posted counters; the CHECK constraints refuse an overdraft. Anything else — a replay, a
 * missing account, a currency mismatch, a refusal — returns null (nothing written) and the
 * general path below decides and explains it exactly.
 */
async function singleTransferFast(ctx: Ctx, t: TransferInput): Promise<LedgerTransfer | null> {
  const d = t.debit_account_id as string;
  const c = t.credit_account_id as string;
  const amount = t.amount as bigint;
  if (d === c || amount <= 0n || !isId('account', d) || !isId('account', c)) return null;
  const at = now(ctx);
  try {
    // Plain SQL text with parameters: the hot path skips the query builder.
    const [row] = await hotQuery<{ seq: string | number | null; updated: string | number }>(
      ctx,
      'ledger_single_transfer',
      SINGLE_TRANSFER_SQL,
      [
        d,
        c,
        t.currency,
        t.id,
        amount.toString(),
        t.reference?.type ?? null,
        t.reference?.id ?? null,
        JSON.stringify(t.metadata ?? {}),
        at.toISOString(),
      ],
    );
    if (row?.seq === null || row?.seq === undefined) return null;
    if (Number(row.updated) !== 2) throw new Error('ledger fast path: a transfer was inserted without both accounts updated');
    // What was written, without reading it back.
    return {
      id: t.id,
      seq: BigInt(row.seq),
      debitAccountId: d,
      creditAccountId: c,
      amount,
      currency: t.currency as string,
      kind: 'single',
      status: 'posted',
      pendingId: null,
      expiresAt: null,
      batchId: null,
      referenceType: t.reference?.type ?? null,
      referenceId: t.reference?.id ?? null,
      metadata: t.metadata ?? {},
      createdAt: at,
    };
  } catch (e) {
    // A balance rule refused it (CHECK constraint): nothing was written; the general path says which.
    if (
      (e as { code?: string; cause?: { code?: string } }).code === '23514' ||
      (e as { cause?: { code?: string } }).cause?.code === '23514'
    )
      return null;
    throw e;
  }
}

/** What a batch does to one account: its counters' changes, and the worst point it passes on the way. */
interface AccountDelta {
  currency: string;
  dp: bigint;
  dpo: bigint;
  cp: bigint;
  cpo: bigint;
  /** The most (debits pending + posted − credits posted) rises above its start after any transfer of the batch; 0 if never. */
  debitPeak: bigint;
  /** The same for (credits pending + posted − debits posted). */
  creditPeak: bigint;
}

interface BatchRow {
  updated: string | number;
  ids: string[] | null;
  seqs: (string | number)[] | null;
}

const BATCH_SQL = `
  WITH checked AS (
    SELECT count(*) AS n FROM unnest($1::text[], $2::text[]) AS r(id, currency)
    CROSS JOIN LATERAL (SELECT 1 FROM ledger_accounts a WHERE a.id = r.id AND a.currency = r.currency OFFSET 0) a
  ), ins AS (
    INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, currency, kind, status, expires_at, batch_id,
                                  reference_type, reference_id, metadata, created_at)
    SELECT t.id, t.debit, t.credit, t.amount, t.currency, t.kind, CASE WHEN t.kind = 'pending' THEN 'pending' ELSE 'posted' END,
           t.expires_at, $19, t.reference_type, t.reference_id, t.metadata, $20::timestamptz
    FROM unnest($9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[], $14::text[], $15::timestamptz[], $16::text[],
                $17::text[], $18::jsonb[]) WITH ORDINALITY
      AS t(id, debit, credit, amount, currency, kind, expires_at, reference_type, reference_id, metadata, ord)
    WHERE (SELECT n FROM checked) = cardinality($1::text[])
    ORDER BY t.ord
    RETURNING id, seq
  ), locked AS (
    SELECT r.id, r.dp, r.dpo, r.cp, r.cpo,
           CASE WHEN a.balance_constraint = 'debits_must_not_exceed_credits' AND a.debits_pending + a.debits_posted + r.debit_peak > a.credits_posted
                THEN r.debit_peak ELSE 0 END AS debits_worst,
           CASE WHEN a.balance_constraint = 'credits_must_not_exceed_debits' AND a.credits_pending + a.credits_posted + r.credit_peak > a.debits_posted
                THEN r.credit_peak ELSE 0 END AS credits_worst
    FROM (
      SELECT * FROM unnest($1::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
        AS r(id, dp, dpo, cp, cpo, debit_peak, credit_peak)
      WHERE (SELECT count(*) FROM ins) = cardinality($9::text[])
      ORDER BY r.id
    ) r
    CROSS JOIN LATERAL (
      SELECT a.balance_constraint, a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted
      FROM ledger_accounts a WHERE a.id = r.id FOR NO KEY UPDATE
    ) a
  ), changes AS (
    SELECT jsonb_object_agg(l.id, CASE WHEN l.debits_worst > 0 OR l.credits_worst > 0
                                       THEN jsonb_build_array(0, l.debits_worst, 0, l.credits_worst)
                                       ELSE jsonb_build_array(l.dp, l.dpo, l.cp, l.cpo) END) AS by_id
    FROM locked l
  ), upd AS (
    UPDATE ledger_accounts a
    SET debits_pending = a.debits_pending + (c.by_id -> a.id ->> 0)::bigint,
        debits_posted = a.debits_posted + (c.by_id -> a.id ->> 1)::bigint,
        credits_pending = a.credits_pending + (c.by_id -> a.id ->> 2)::bigint,
        credits_posted = a.credits_posted + (c.by_id -> a.id ->> 3)::bigint
    FROM changes c
    WHERE a.id = ANY (ARRAY(SELECT l.id FROM locked l))
    RETURNING a.id
  )
  SELECT (SELECT count(*) FROM upd) AS updated, array_agg(i.id) AS ids, array_agg(i.seq) AS seqs FROM ins i`;

/**
 * The common batch in one statement and one round trip: new single and pending transfers
 * between existing accounts of their currency. It checks the accounts without locking them (an
 * account's currency and rule never change), inserts the transfers, and only then locks the
 * accounts in id order and adds each one's summed changes, so the locks are held for the
 * counters and the commit alone, with no round trip to this process in between; the statement
 * commits or rolls back whole.
 *
 * The CHECK constraints refuse a broken balance rule, but they see only what is written, while
 * the rules apply the transfers one after another: an account may break its rule part-way
 * through a batch and be back within it at the end (debited, then credited), and the batch must
 * then be refused all the same. So for an account whose worst point in the batch breaks its rule,
 * the balance at that worst point is what is written instead, which its CHECK refuses.
 *
 * Whatever is not applied here — a refusal, a replay, a missing account or another currency, a
 * post or void — returns null with nothing written, and the general path decides and explains it.
 */
async function batchFast(ctx: Ctx, inputs: readonly TransferInput[], batched: boolean): Promise<LedgerTransfer[] | null> {
  const accounts = new Map<string, AccountDelta>();
  const account = (id: string, currency: string): AccountDelta | null => {
    let a = accounts.get(id);
    if (!a) {
      a = { currency, dp: 0n, dpo: 0n, cp: 0n, cpo: 0n, debitPeak: 0n, creditPeak: 0n };
      accounts.set(id, a);
    }
    return a.currency === currency ? a : null;
  };
  for (const t of inputs) {
    const kind = t.kind ?? 'single';
    if (kind !== 'single' && kind !== 'pending') return null;
    const amount = t.amount as bigint;
    if (amount <= 0n || t.debit_account_id === t.credit_account_id) return null;
    const d = account(t.debit_account_id as string, t.currency as string);
    const c = account(t.credit_account_id as string, t.currency as string);
    if (!d || !c) return null;
    if (kind === 'single') {
      d.dpo += amount;
      c.cpo += amount;
    } else {
      d.dp += amount;
      c.cp += amount;
    }
    // Only a debit raises the first, only a credit the second: their highs come right after one.
    const dx = d.dp + d.dpo - d.cpo;
    if (dx > d.debitPeak) d.debitPeak = dx;
    const cx = c.cp + c.cpo - c.dpo;
    if (cx > c.creditPeak) c.creditPeak = cx;
  }
  const ids = [...accounts.keys()];
  const rows = [...accounts.values()];
  const t0 = now(ctx);
  const batchId = batched ? newId('transferBatch') : null;
  const expiresAt = inputs.map((t) =>
    (t.kind ?? 'single') === 'pending' && t.timeout_seconds ? new Date(t0.getTime() + t.timeout_seconds * 1000) : null,
  );
  const str = (n: bigint) => n.toString();
  let result: BatchRow | undefined;
  try {
    [result] = await hotQuery<BatchRow>(ctx, 'ledger_batch', BATCH_SQL, [
      ids,
      rows.map((a) => a.currency),
      rows.map((a) => str(a.dp)),
      rows.map((a) => str(a.dpo)),
      rows.map((a) => str(a.cp)),
      rows.map((a) => str(a.cpo)),
      rows.map((a) => str(a.debitPeak)),
      rows.map((a) => str(a.creditPeak)),
      inputs.map((t) => t.id),
      inputs.map((t) => t.debit_account_id),
      inputs.map((t) => t.credit_account_id),
      inputs.map((t) => str(t.amount as bigint)),
      inputs.map((t) => t.currency),
      inputs.map((t) => t.kind ?? 'single'),
      expiresAt.map((d) => d?.toISOString() ?? null),
      inputs.map((t) => t.reference?.type ?? null),
      inputs.map((t) => t.reference?.id ?? null),
      inputs.map((t) => JSON.stringify(t.metadata ?? {})),
      batchId,
      t0.toISOString(),
    ]);
  } catch (e) {
    // A refusal (CHECK), a replay or an identical batch racing this one (unique id): nothing was written.
    if (checkViolation(e) || uniqueViolation(e)) return null;
    throw e;
  }
  if (!result?.ids || result.ids.length !== inputs.length) return null;
  if (Number(result.updated) !== ids.length) throw new Error('ledger batch: transfers were inserted without all their accounts updated');
  const seqs = result.seqs as (string | number)[];
  const seqById = new Map<string, string | number>();
  for (const [i, id] of result.ids.entries()) seqById.set(id, seqs[i] as string | number);
  return inputs.map((t, i) => {
    const kind = t.kind ?? 'single';
    return {
      id: t.id,
      seq: BigInt(seqById.get(t.id) as string | number),
      debitAccountId: t.debit_account_id as string,
      creditAccountId: t.credit_account_id as string,
      amount: t.amount as bigint,
      currency: t.currency as string,
      kind,
      status: kind === 'pending' ? 'pending' : 'posted',
      pendingId: null,
      expiresAt: expiresAt[i] ?? null,
      batchId,
      referenceType: t.reference?.type ?? null,
      referenceId: t.reference?.id ?? null,
      metadata: t.metadata ?? {},
      createdAt: t0,
    };
  });
}

function checkViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err.code ?? err.cause?.code) === '23514';
}

/**
 * Plain SQL for the hot paths, outside any transaction (one statement commits on its own). On
 * PostgreSQL it is a named statement, parsed once per pooled connection (`$client` is the
 * runtime's `pg` pool); PGlite has no named statements and runs it as it comes.
 */
async function hotQuery<T>(ctx: Ctx, name: string, text: string, params: unknown[]): Promise<T[]> {
  const database = ctx.rt.database;
  if (ctx.inTx) {
    // On the transaction's own connection (drizzle keeps it as the session's client).
    const client = (ctx.db as unknown as { session: { client: { query: (...a: unknown[]) => Promise<{ rows: T[] }> } } }).session.client;
    return database.kind === 'postgres'
      ? (await client.query({ name, text, values: params })).rows
      : (await client.query(text, params)).rows;
  }
  if (database.kind !== 'postgres') return database.query<T>(text, params);
  const pool = (database.db as unknown as { $client: { query: (q: object) => Promise<{ rows: T[] }> } }).$client;
  return (await pool.query({ name, text, values: params })).rows;
}

function uniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err.code ?? err.cause?.code) === '23505';
}

/** Transfers already made with these ids: the same batch again returns them; anything else is a conflict. */
function replayed(existing: LedgerTransfer[], inputs: readonly TransferInput[], batched: boolean): LedgerTransfer[] {
  const byId = new Map(existing.map((r) => [r.id, r]));
  for (const [i, t] of inputs.entries()) {
    const row = byId.get(t.id);
    if (row && !sameTransfer(row, t)) {
      throw new AppError('transfer_exists', `Transfer '${t.id}' exists with other fields`, {
        param: batched ? `transfers.${i}.id` : 'id',
        details: { transfer_id: t.id },
      });
    }
  }
  if (existing.length === inputs.length) return inputs.map((t) => byId.get(t.id) as LedgerTransfer);
  const i = inputs.findIndex((t) => byId.has(t.id));
  throw new AppError('transfer_exists', `Transfer '${inputs[i]?.id}' was already made in another batch`, {
    param: `transfers.${i}.id`,
    details: { transfer_id: inputs[i]?.id, index: i },
  });
}

async function applyTransfers(ctx: Ctx, inputs: readonly TransferInput[], batched: boolean): Promise<LedgerTransfer[]> {
  return inTransaction(ctx, async (tx) => {
    const ids = inputs.map((t) => t.id);
    const existing = await tx.db.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, ids));
    if (existing.length) return replayed(existing, inputs, batched);

    const t0 = now(tx);
    // The pending transfers this batch closes, locked (in id order) unless made in it.
    const pendingIds = [
      ...new Set(inputs.filter((t) => t.pending_id && !inputs.some((o) => o.id === t.pending_id)).map((t) => t.pending_id as string)),
    ].sort();
    const pendingRows = pendingIds.length
      ? await tx.db.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, pendingIds)).orderBy(ledgerTransfers.id).for('update')
      : [];
    const pendingById = new Map(pendingRows.map((r) => [r.id, r]));
    // An identical request may have committed while this one waited for its holds: look
    // again now, so the retry returns the original instead of finding the hold closed.
    if (pendingRows.length) {
      const madeMeanwhile = await tx.db.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, ids));
      if (madeMeanwhile.length) return replayed(madeMeanwhile, inputs, batched);
    }

    const ops: TransferOp[] = [];
    const madeHere = new Map<string, TransferOp & { expiresAt: Date | null }>();
    for (const t of inputs) {
      const kind = t.kind ?? 'single';
      if (kind === 'post_pending' || kind === 'void_pending') {
        const fromBatch = madeHere.get(t.pending_id as string);
        const row = pendingById.get(t.pending_id as string);
        const p = fromBatch
          ? {
              id: fromBatch.id,
              amount: fromBatch.amount,
              status: 'pending' as const,
              expired: false,
              debitAccountId: fromBatch.debitAccountId,
              creditAccountId: fromBatch.creditAccountId,
              currency: fromBatch.currency,
            }
          : row && row.kind === 'pending'
            ? {
                id: row.id,
                amount: row.amount,
                status: row.status,
                expired: row.expiresAt !== null && row.expiresAt <= t0,
                debitAccountId: row.debitAccountId,
                creditAccountId: row.creditAccountId,
                currency: row.currency,
              }
            : undefined;
        ops.push({
          id: t.id,
          kind,
          debitAccountId: t.debit_account_id ?? p?.debitAccountId ?? '',
          creditAccountId: t.credit_account_id ?? p?.creditAccountId ?? '',
          amount: t.amount ?? p?.amount ?? 0n,
          currency: t.currency ?? p?.currency ?? '',
          ...(p ? { pending: p } : {}),
        });
      } else {
        const op: TransferOp = {
          id: t.id,
          kind,
          debitAccountId: t.debit_account_id as string,
          creditAccountId: t.credit_account_id as string,
          amount: t.amount as bigint,
          currency: t.currency as string,
        };
        ops.push(op);
        if (kind === 'pending') {
          madeHere.set(t.id, { ...op, expiresAt: t.timeout_seconds ? new Date(t0.getTime() + t.timeout_seconds * 1000) : null });
        }
      }
    }

    const accountIds = [...new Set(ops.flatMap((o) => [o.debitAccountId, o.creditAccountId]).filter((id) => isId('account', id)))].sort();
    // Everything but the balance rules can be decided without locks (an account's currency
    // and kind never change; the holds are locked already). A batch that fails on something
    // else fails whatever the balances; which of its transfers fails first may still depend
    // on them, so that is decided under the locks, without writing anything.
    const unlocked = accountIds.length ? await tx.db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.id, accountIds)) : [];
    const relaxed = new Map<string, LedgerAccountState>(unlocked.map((r) => [r.id, { ...r, balanceConstraint: 'none' as const }]));
    const structural = applyBatch(relaxed, ops);
    if (!structural.ok) {
      const locked = await lockAccounts(tx, accountIds);
      const result = applyBatch(new Map<string, LedgerAccountState>(locked.map((r) => [r.id, r])), ops);
      throw result.ok
        ? batchError(structural.failure, structural.index, inputs, batched)
        : batchError(result.failure, result.index, inputs, batched);
    }
    // Write the transfers before taking the account locks, so the locks are held only for the
    // counters and the commit: concurrent batches on shared accounts queue for less time. A
    // refusal below rolls the rows back with everything else. (An identical request running
    // at the same time waits on the ids' uniqueness and then replays: createTransfers.)
    const batchId = batched ? newId('transferBatch') : null;
    const inserted = await tx.db
      .insert(ledgerTransfers)
      .values(
        ops.map((o, i) => ({
          id: o.id,
          debitAccountId: o.debitAccountId,
          creditAccountId: o.creditAccountId,
          amount: o.amount,
          currency: o.currency,
          kind: o.kind,
          status: o.kind === 'pending' ? ('pending' as const) : ('posted' as const),
          pendingId: o.pending?.id ?? null,
          expiresAt: madeHere.get(o.id)?.expiresAt ?? null,
          batchId,
          referenceType: inputs[i]?.reference?.type ?? null,
          referenceId: inputs[i]?.reference?.id ?? null,
          metadata: inputs[i]?.metadata ?? {},
          createdAt: t0,
        })),
      )
      .returning();
    const rows = await lockAccounts(tx, accountIds);
    const before = new Map<string, LedgerAccountState>(rows.map((r) => [r.id, r]));
    const result = applyBatch(before, ops);
    if (!result.ok) throw batchError(result.failure, result.index, inputs, batched);

    // Close the pending transfers (those made in this batch too).
    const closes = ops.filter((o) => o.pending);
    for (const status of ['posted', 'voided'] as const) {
      const closing = closes.filter((o) => (o.kind === 'post_pending') === (status === 'posted')).map((o) => o.pending?.id as string);
      if (closing.length) await tx.db.update(ledgerTransfers).set({ status }).where(inArray(ledgerTransfers.id, closing));
    }
    await writeCounters(tx, before, result.accounts);
    const byId = new Map(inserted.map((r) => [r.id, r]));
    if (closes.length) {
      // Re-read what this batch closed so the returned pending transfers show their new status.
      const fresh = await tx.db.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, ids));
      for (const r of fresh) byId.set(r.id, r);
    }
    return ids.map((id) => byId.get(id) as LedgerTransfer);
  });
}

/**
 * Lock accounts in id order (so two batches never deadlock). FOR NO KEY UPDATE: the counters
 * change, the key does not, so the foreign-key checks of other batches inserting transfers on
 * these accounts (KEY SHARE) need not wait.
 */
function lockAccounts(ctx: Ctx, ids: string[]): Promise<LedgerAccount[]> {
  if (!ids.length) return Promise.resolve([]);
  return ctx.db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.id, ids)).orderBy(ledgerAccounts.id).for('no key update');
}

/** Write the changed counters of the locked accounts in one statement. */
async function writeCounters(
  ctx: Ctx,
  before: ReadonlyMap<string, LedgerAccountState>,
  after: ReadonlyMap<string, LedgerAccountState>,
): Promise<void> {
  const changed = [...after.values()].filter((a) => {
    const b = before.get(a.id);
    return (
      !b ||
      b.debitsPending !== a.debitsPending ||
      b.debitsPosted !== a.debitsPosted ||
      b.creditsPending !== a.creditsPending ||
      b.creditsPosted !== a.creditsPosted
    );
  });
  if (!changed.length) return;
  const values = sql.join(
    changed.map(
      (a) =>
        sql`(${a.id}, ${a.debitsPending.toString()}::bigint, ${a.debitsPosted.toString()}::bigint, ${a.creditsPending.toString()}::bigint, ${a.creditsPosted.toString()}::bigint)`,
    ),
    sql`, `,
  );
  await ctx.db.execute(sql`
    UPDATE ledger_accounts AS a SET debits_pending = v.dp, debits_posted = v.dpo, credits_pending = v.cp, credits_posted = v.cpo
    FROM (VALUES ${values}) AS v(id, dp, dpo, cp, cpo) WHERE a.id = v.id`);
}

export async function getTransfer(ctx: Ctx, id: string): Promise<LedgerTransfer> {
  const [t] = await ctx.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id));
  if (!t) throw notFound('transfer', id);
  return t;
}

/** The job: void pending transfers past their timeout, a batch at a time. Returns how many. */
export async function expirePendingTransfers(ctx: Ctx, batch = 500): Promise<number> {
  const due = await ctx.db
    .select({ id: ledgerTransfers.id })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.status, 'pending'), lte(ledgerTransfers.expiresAt, now(ctx))))
    .limit(batch);
  let n = 0;
  for (const { id } of due) {
    const done = await inTransaction(ctx, async (tx) => {
      const [p] = await tx.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id)).for('update');
      if (p?.status !== 'pending') return false;
      const accounts = await tx.db
        .select()
        .from(ledgerAccounts)
        .where(inArray(ledgerAccounts.id, [p.debitAccountId, p.creditAccountId].sort()))
        .orderBy(ledgerAccounts.id)
        .for('no key update');
      const before = new Map<string, LedgerAccountState>(accounts.map((a) => [a.id, a]));
      const after = new Map([...before].map(([k, a]) => [k, { ...a }]));
      const d = after.get(p.debitAccountId);
      const c = after.get(p.creditAccountId);
      if (!d || !c) return false;
      d.debitsPending -= p.amount;
      c.creditsPending -= p.amount;
      await tx.db.update(ledgerTransfers).set({ status: 'expired' }).where(eq(ledgerTransfers.id, id));
      await writeCounters(tx, before, after);
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** An account's transfers, newest first, paged on their creation order. */
export async function statement(
  ctx: Ctx,
  accountId: string,
  q: { limit: number; starting_after?: string | undefined },
): Promise<{ data: LedgerTransfer[]; hasMore: boolean }> {
  await getAccount(ctx, accountId);
  const where: SQL[] = [or(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.creditAccountId, accountId)) as SQL];
  if (q.starting_after) {
    const after = await getTransfer(ctx, q.starting_after);
    where.push(sql`${ledgerTransfers.seq} < ${after.seq}`);
  }
  const rows = await ctx.db
    .select()
    .from(ledgerTransfers)
    .where(and(...where))
    .orderBy(sql`${ledgerTransfers.seq} desc`)
    .limit(q.limit + 1);
  return { data: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

export interface LedgerDifference {
  accountId: string;
  field: 'debits_pending' | 'debits_posted' | 'credits_pending' | 'credits_posted';
  stored: string;
  recomputed: string;
}

/**
 * Recompute every account's counters from the transfers and compare: pending = open
 * pending transfers; posted = single transfers and posts. Also checks that each currency's
 * posted debits equal its posted credits. Returns every difference (there must be none).
 */
export async function verifyLedger(
  ctx: Ctx,
): Promise<{ accounts: number; transfers: number; differences: LedgerDifference[]; unbalanced: string[] }> {
  const rows = await ctx.rt.database.query<{
    id: string;
    dp: string;
    dpo: string;
    cp: string;
    cpo: string;
    rdp: string;
    rdpo: string;
    rcp: string;
    rcpo: string;
  }>(`
    SELECT a.id, a.debits_pending AS dp, a.debits_posted AS dpo, a.credits_pending AS cp, a.credits_posted AS cpo,
      coalesce((SELECT sum(amount) FROM ledger_transfers t WHERE t.debit_account_id = a.id AND t.kind = 'pending' AND t.status = 'pending'), 0) AS rdp,
      coalesce((SELECT sum(amount) FROM ledger_transfers t WHERE t.debit_account_id = a.id AND t.kind IN ('single', 'post_pending')), 0) AS rdpo,
      coalesce((SELECT sum(amount) FROM ledger_transfers t WHERE t.credit_account_id = a.id AND t.kind = 'pending' AND t.status = 'pending'), 0) AS rcp,
      coalesce((SELECT sum(amount) FROM ledger_transfers t WHERE t.credit_account_id = a.id AND t.kind IN ('single', 'post_pending')), 0) AS rcpo
    FROM ledger_accounts a`);
  const differences: LedgerDifference[] = [];
  for (const r of rows) {
    const pairs = [
      ['debits_pending', r.dp, r.rdp],
      ['debits_posted', r.dpo, r.rdpo],
      ['credits_pending', r.cp, r.rcp],
      ['credits_posted', r.cpo, r.rcpo],
    ] as const;
    for (const [field, stored, recomputed] of pairs) {
      if (BigInt(stored) !== BigInt(recomputed))
        differences.push({ accountId: r.id, field, stored: String(stored), recomputed: String(recomputed) });
    }
  }
  const sums = await ctx.rt.database.query<{ currency: string; d: string; c: string }>(
    'SELECT currency, sum(debits_posted) AS d, sum(credits_posted) AS c FROM ledger_accounts GROUP BY currency',
  );
  const unbalanced = sums.filter((s) => BigInt(s.d) !== BigInt(s.c)).map((s) => s.currency);
  const [count] = await ctx.rt.database.query<{ n: string }>('SELECT count(*) AS n FROM ledger_transfers');
  return { accounts: rows.length, transfers: Number(count?.n ?? 0), differences, unbalanced };
}
