import type { FastifyInstance } from 'fastify';
import { and, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../kernel/audit.ts';
import { inTransaction } from '../../kernel/context.ts';
import { listPage, listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { CURRENCIES } from '../../kernel/money.ts';
import {
  createTransfers,
  ensureAccount,
  getAccount,
  getTransfer,
  type LedgerAccount,
  type LedgerTransfer,
  MAX_BATCH,
  statement,
  type TransferInput,
} from './ledger.ts';
import { ACCOUNT_CONSTRAINTS, ACCOUNT_KINDS, availableBalance, postedBalance, TRANSFER_KINDS, TRANSFER_STATUSES } from './rules.ts';
import { ledgerAccounts } from './schema.ts';

const amount = z
  .string()
  .regex(/^[1-9]\d{0,17}$/, 'a positive whole number of minor units, as a string')
  .describe('Minor units as a string');
const currency = z.enum(Object.keys(CURRENCIES) as [string, ...string[]]);

const AccountOut = z
  .object({
    id: z.string(),
    object: z.literal('ledger_account'),
    key: z.string(),
    name: z.string(),
    currency: z.string(),
    kind: z.enum(ACCOUNT_KINDS),
    balance_constraint: z.enum(ACCOUNT_CONSTRAINTS),
    owner: z.object({ type: z.string(), id: z.string() }).nullable(),
    debits_pending: z.string(),
    debits_posted: z.string(),
    credits_pending: z.string(),
    credits_posted: z.string(),
    balance: z.object({ amount: z.string(), currency: z.string() }).describe('Posted, in the account’s normal direction'),
    available: z.object({ amount: z.string(), currency: z.string() }).describe('Posted less what pending transfers hold'),
    created_at: z.string(),
  })
  .meta({ id: 'LedgerAccount' });

const accountOut = (a: LedgerAccount): z.output<typeof AccountOut> => ({
  id: a.id,
  object: 'ledger_account',
  key: a.key,
  name: a.name,
  currency: a.currency,
  kind: a.kind,
  balance_constraint: a.balanceConstraint,
  owner: a.ownerType && a.ownerId ? { type: a.ownerType, id: a.ownerId } : null,
  debits_pending: a.debitsPending.toString(),
  debits_posted: a.debitsPosted.toString(),
  credits_pending: a.creditsPending.toString(),
  credits_posted: a.creditsPosted.toString(),
  balance: { amount: postedBalance(a.kind, a).toString(), currency: a.currency },
  available: { amount: availableBalance(a.kind, a).toString(), currency: a.currency },
  created_at: a.createdAt.toISOString(),
});

const TransferOut = z
  .object({
    id: z.string(),
    object: z.literal('ledger_transfer'),
    kind: z.enum(TRANSFER_KINDS),
    status: z.enum(TRANSFER_STATUSES),
    debit_account_id: z.string(),
    credit_account_id: z.string(),
    amount: z.object({ amount: z.string(), currency: z.string() }),
    pending_id: z.string().nullable(),
    expires_at: z.string().nullable(),
    batch_id: z.string().nullable(),
    reference: z.object({ type: z.string(), id: z.string() }).nullable(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .meta({ id: 'LedgerTransfer' });

const transferOut = (t: LedgerTransfer): z.output<typeof TransferOut> => ({
  id: t.id,
  object: 'ledger_transfer',
  kind: t.kind,
  status: t.status,
  debit_account_id: t.debitAccountId,
  credit_account_id: t.creditAccountId,
  amount: { amount: t.amount.toString(), currency: t.currency },
  pending_id: t.pendingId,
  expires_at: t.expiresAt?.toISOString() ?? null,
  batch_id: t.batchId,
  reference: t.referenceType && t.referenceId ? { type: t.referenceType, id: t.referenceId } : null,
  metadata: t.metadata,
  created_at: t.createdAt.toISOString(),
});

const transferBody = z.object({
  id: z.string().min(1).max(128).describe('Your id for the transfer: sending it again returns the transfer already made'),
  kind: z.enum(TRANSFER_KINDS).default('single'),
  debit_account_id: z.string().max(64).optional(),
  credit_account_id: z.string().max(64).optional(),
  amount: amount.optional().describe('Required except for post_pending (defaults to the whole hold) and void_pending'),
  currency: currency.optional(),
  pending_id: z.string().max(128).optional().describe('post_pending / void_pending: the pending transfer they close'),
  timeout_seconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86400)
    .optional()
    .describe('pending: voided by the expiry job after this long'),
  reference: z.object({ type: z.string().min(1).max(50), id: z.string().min(1).max(128) }).optional(),
  metadata: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
});

const toInput = (b: z.output<typeof transferBody>): TransferInput => ({
  ...b,
  amount: b.amount === undefined ? undefined : BigInt(b.amount),
});

const finance = { operator: ['admin', 'finance'] } as const;
const readers = { operator: ['admin', 'finance', 'support'] } as const;
const idParams = z.object({ id: z.string().max(128) });

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/ledger/accounts',
    {
      config: { access: finance },
      schema: {
        tags: ['ledger'],
        summary: 'Open a ledger account',
        description:
          'Idempotent on `key`: the same key with the same currency, kind and balance rule returns the existing account. ' +
          '`debits_must_not_exceed_credits` makes the account impossible to overdraw (wallets, escrow).',
        body: z.object({
          key: z.string().min(1).max(200),
          name: z.string().trim().min(1).max(200),
          currency,
          kind: z.enum(ACCOUNT_KINDS),
          balance_constraint: z.enum(ACCOUNT_CONSTRAINTS).default('none'),
        }),
        response: { 201: AccountOut },
      },
    },
    async (req, reply) => {
      const account = await inTransaction(req.ctx, async (tx) => {
        const a = await ensureAccount(tx, req.body);
        await recordAudit(tx, {
          action: 'ledger_account.opened',
          objectType: 'ledger_account',
          objectId: a.id,
          data: { key: a.key, currency: a.currency },
        });
        return a;
      });
      return reply.code(201).send(accountOut(account));
    },
  );

  app.get(
    '/v1/ledger/accounts',
    {
      config: { access: readers },
      schema: {
        tags: ['ledger'],
        summary: 'List ledger accounts',
        querystring: listQuerySchema.extend({ currency: currency.optional(), owner_id: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(AccountOut) },
      },
    },
    async (req) => {
      const where: SQL[] = [];
      if (req.query.currency) where.push(eq(ledgerAccounts.currency, req.query.currency));
      if (req.query.owner_id) where.push(eq(ledgerAccounts.ownerId, req.query.owner_id));
      const page = await listPage(
        req.ctx.db,
        ledgerAccounts,
        ledgerAccounts.id,
        where.length ? and(...where) : undefined,
        req.query,
        'account',
      );
      return toListResponse(page, req.url, accountOut);
    },
  );

  app.get(
    '/v1/ledger/accounts/:id',
    {
      config: { access: readers },
      schema: { tags: ['ledger'], summary: 'A ledger account and its balances', params: idParams, response: { 200: AccountOut } },
    },
    async (req) => accountOut(await getAccount(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/ledger/accounts/:id/statement',
    {
      config: { access: readers },
      schema: {
        tags: ['ledger'],
        summary: 'An account statement',
        description: 'The transfers that touched the account, newest first; page with `starting_after` (a transfer id).',
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          starting_after: z.string().max(128).optional(),
        }),
        response: { 200: listResponseSchema(TransferOut) },
      },
    },
    async (req) => toListResponse(await statement(req.ctx, req.params.id, req.query), req.url, transferOut),
  );

  app.post(
    '/v1/ledger/transfers',
    {
      config: { access: finance },
      schema: {
        tags: ['ledger'],
        summary: 'Make a transfer',
        description:
          'Debits one account and credits another by the same amount, in their shared currency. `pending` holds the amount until a ' +
          '`post_pending` (all or part) or `void_pending` closes it, or its timeout passes. Refused with `exceeds_credits` / ' +
          '`exceeds_debits` when an account’s balance rule would break.',
        body: transferBody,
        response: { 201: TransferOut },
      },
    },
    async (req, reply) => {
      const [t] = await createTransfers(req.ctx, [toInput(req.body)], { batched: false });
      return reply.code(201).send(transferOut(t as LedgerTransfer));
    },
  );

  app.post(
    '/v1/ledger/transfer-batches',
    {
      config: { access: finance },
      schema: {
        tags: ['ledger'],
        summary: 'Make linked transfers',
        description: `Up to ${MAX_BATCH} transfers that apply all together or not at all, in order (a later one may close a pending one made earlier in the batch). An error names the failing transfer by \`index\`.`,
        body: z.object({ transfers: z.array(transferBody).min(1).max(MAX_BATCH) }),
        response: { 201: z.object({ object: z.literal('ledger_transfer_batch'), transfers: z.array(TransferOut) }) },
      },
    },
    async (req, reply) => {
      const made = await createTransfers(req.ctx, req.body.transfers.map(toInput), { batched: true });
      return reply.code(201).send({ object: 'ledger_transfer_batch' as const, transfers: made.map(transferOut) });
    },
  );

  app.get(
    '/v1/ledger/transfers/:id',
    {
      config: { access: readers },
      schema: { tags: ['ledger'], summary: 'Retrieve a transfer', params: idParams, response: { 200: TransferOut } },
    },
    async (req) => transferOut(await getTransfer(req.ctx, req.params.id)),
  );
}

export const ledgerModule: HttpModule = {
  name: 'ledger',
  tag: { name: 'ledger', description: 'Double-entry ledger: accounts, transfers, statements (finance operators)' },
  routes,
};
