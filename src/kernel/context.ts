// The explicit context every service function takes first: who is acting, on which
// database handle (root or transaction), with which clock. No hidden globals.
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DerivedKeys as Keys } from './crypto.ts';
import type { Database, Db } from './db/client.ts';
import { transaction } from './db/client.ts';
import { AppError } from './errors.ts';

export const OPERATOR_ROLES = ['admin', 'operations', 'finance', 'support'] as const;
export const MERCHANT_ROLES = ['owner', 'manager', 'staff'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];
export type MerchantRole = (typeof MERCHANT_ROLES)[number];

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'operator'; id: string; role: OperatorRole; sessionId: string }
  | {
      kind: 'merchant';
      id: string;
      merchantId: string;
      role: MerchantRole;
      sessionId: string;
      /** In test mode (the console's `Tasman-Mode: test`): the live merchant; `merchantId` is its test twin. */
      liveMerchantId?: string;
    }
  | {
      kind: 'api_key';
      id: string;
      merchantId: string;
      mode: 'test' | 'live';
      scopes: readonly string[];
      /** A test key's live merchant; `merchantId` is then its test twin (decisions §23). */
      liveMerchantId?: string;
      /** A POS key is bound to one till of the merchant's (in-store payments): it acts for that till only. */
      tillId?: string;
    }
  | {
      kind: 'shopper';
      id: string;
      country: 'CN' | 'AU' | 'NZ';
      sessionId: string;
      /** A test shopper (decisions §23), made by the test helpers: the test twin it buys from. */
      testMerchantId?: string;
    }
  /** Background jobs, the CLI and the seed act as the system. */
  | { kind: 'system'; id: string };

/** What lives as long as the process: settings, database, keys, clock, logger. */
export interface Runtime {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly keys: Keys;
  readonly log: Logger;
}

export interface Ctx {
  readonly rt: Runtime;
  /** The root database handle, or the current transaction inside `inTransaction`. */
  readonly db: Db;
  readonly principal: Principal;
  readonly requestId: string | undefined;
  readonly ip: string | undefined;
  readonly log: Logger;
  readonly inTx: boolean;
  /**
   * Inside a transaction: rows written only at its end (events, audit records), so a
   * transaction that records ten facts writes them in one statement per table. A savepoint's
   * rows join its parent's only if the savepoint commits.
   */
  readonly outbox?: Outbox;
}

/** Rows waiting to be inserted when the transaction ends, in the order they were recorded. */
export interface Outbox {
  rows: { table: PgTable; row: Record<string, unknown> }[];
}

export function systemCtx(rt: Runtime, name = 'system'): Ctx {
  return { rt, db: rt.database.db, principal: { kind: 'system', id: name }, requestId: undefined, ip: undefined, log: rt.log, inTx: false };
}

/** The same context (its transaction included) acting as the platform itself: `name` says which part, for audit and history. */
export function asSystem(ctx: Ctx, name: string): Ctx {
  return { ...ctx, principal: { kind: 'system', id: name } };
}

export function now(ctx: Ctx): Date {
  return ctx.rt.clock.now();
}

/** Run `fn` in a transaction (a savepoint when already in one); everything it writes commits together. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const outbox: Outbox = { rows: [] };
  return transaction(ctx.db, async (db) => {
    const result = await fn({ ...ctx, db, inTx: true, outbox });
    if (ctx.outbox) ctx.outbox.rows.push(...outbox.rows);
    else await flushOutbox(db, outbox);
    return result;
  });
}

/** Record a row to insert when the transaction ends; at once outside one. */
export async function writeLater(ctx: Ctx, table: PgTable, row: Record<string, unknown>): Promise<void> {
  if (ctx.outbox) ctx.outbox.rows.push({ table, row });
  else await ctx.db.insert(table).values(row);
}

/**
 * Write what the transaction has recorded so far now, not at its end: before a statement that
 * locks hot rows until the commit (a payment into a merchant's escrow), so the locks are held
 * for that statement and the commit only.
 */
export async function flushPending(ctx: Ctx): Promise<void> {
  if (!ctx.outbox?.rows.length) return;
  const rows = ctx.outbox.rows.splice(0);
  await flushOutbox(ctx.db, { rows });
}

async function flushOutbox(db: Db, outbox: Outbox): Promise<void> {
  // One multi-row insert per table, tables in the order first used.
  const byTable = new Map<PgTable, Record<string, unknown>[]>();
  for (const { table, row } of outbox.rows) byTable.set(table, [...(byTable.get(table) ?? []), row]);
  for (const [table, rows] of byTable) await db.insert(table).values(rows);
}

/**
 * Run `fn` atomically: in the caller's transaction as it is (no savepoint) when there is one,
 * else in a new one. For work whose failure fails the whole caller anyway — a savepoint would
 * only cost two more round trips. Use `inTransaction` where a failure is caught and the
 * transaction goes on.
 */
export function atomically<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.inTx ? fn(ctx) : inTransaction(ctx, fn);
}

/** The merchant a principal acts for, if it acts for one (merchant staff and API keys). */
export function merchantScope(ctx: Ctx): string | undefined {
  const p = ctx.principal;
  return p.kind === 'merchant' || p.kind === 'api_key' ? p.merchantId : undefined;
}

/** Whether a merchant-side principal may see an object of `merchantId` (others are not limited here). */
export function inScope(ctx: Ctx, merchantId: string | null): boolean {
  const scope = merchantScope(ctx);
  return scope === undefined || scope === merchantId;
}

/** The merchant a principal acts for; a principal with none is refused. */
export function tenantOf(ctx: Ctx): string {
  const scope = merchantScope(ctx);
  if (scope !== undefined) return scope;
  throw new AppError('forbidden', 'This action is for merchant accounts');
}

/** Stable id of the acting principal, e.g. for audit and idempotency records. */
export function actorId(p: Principal): string | undefined {
  return p.kind === 'anonymous' ? undefined : p.id;
}
