// Shopper wallets (PRODUCT.md P2): a ledger account per shopper in their home currency
// (CNY in China, AUD/NZD in Australia/New Zealand) that cannot be overdrawn. A shopper in China
// can use it once their real-name identity is verified (X3: China's rule for cross-border
// e-commerce payments); shoppers in Australia/New Zealand have no Chinese identity and need none
// (payment-rules.ts walletNeedsIdentity). A top-up is always in the wallet's currency. Top-ups go
// through an acquirer: the card is
// authorised (and challenged when the issuer asks), then the acquirer confirms the charge
// asynchronously by a signed webhook, and only then does money move: acquirer clearing
// (an asset: what the acquirer owes us) → the wallet. Card numbers never reach the
// database or the logs: only brand, last four, expiry and a keyed fingerprint.
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now, type Runtime } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { enqueue } from '../../kernel/jobs.ts';
import { getIdentity } from '../identity/verification.ts';
import { sandboxAcquirer } from './acquirers/sandbox.ts';
import type { Acquirer, CardInput, WebhookEvent } from './acquirers/types.ts';
import { type AccountInput, createTransfers, ensureAccount, type LedgerAccount } from './ledger.ts';
import { walletNeedsIdentity } from './payment-rules.ts';
import { walletTopUps } from './schema.ts';

export type TopUp = typeof walletTopUps.$inferSelect;

export const HOME_CURRENCY = { CN: 'CNY', AU: 'AUD', NZ: 'NZD' } as const;
export const MAX_TOP_UP_MINOR = 5_000_000n; // 50,000.00 per top-up

const acquirers = new WeakMap<Runtime, Map<string, Acquirer>>();

/** The acquirers this runtime can use, by name. The sandbox's webhook secret derives from the platform secret. */
export function acquirer(rt: Runtime, name = 'sandbox'): Acquirer {
  let byName = acquirers.get(rt);
  if (!byName) {
    const secret = createHmac('sha256', rt.keys.signing).update('acquirer:sandbox:webhook').digest('hex');
    byName = new Map([['sandbox', sandboxAcquirer({ secret })]]);
    acquirers.set(rt, byName);
  }
  const a = byName.get(name);
  if (!a) throw notFound('acquirer', name);
  return a;
}

export function shopperOf(ctx: Ctx): { id: string; country: 'CN' | 'AU' | 'NZ'; world: string } {
  const p = ctx.principal;
  if (p.kind !== 'shopper') throw new AppError('forbidden', 'Wallets belong to shoppers');
  // A test shopper (decisions §23) buys in its merchant twin's test world only.
  return { id: p.id, country: p.country, world: p.testMerchantId ?? 'live' };
}

/** A shopper's wallet account: a liability in their home currency that cannot be overdrawn. */
export function walletAccountSpec(shopper: { id: string; country: 'CN' | 'AU' | 'NZ' }): AccountInput {
  return {
    key: `wallet:${shopper.id}`,
    name: `Wallet of ${shopper.id}`,
    currency: HOME_CURRENCY[shopper.country],
    kind: 'liability',
    balance_constraint: 'debits_must_not_exceed_credits',
    owner: { type: 'shopper', id: shopper.id },
  };
}

export function walletAccount(ctx: Ctx, shopper: { id: string; country: 'CN' | 'AU' | 'NZ' }): Promise<LedgerAccount> {
  return ensureAccount(ctx, walletAccountSpec(shopper));
}

/** What the acquirer owes the platform, per currency (debited by top-ups until it pays out). */
export function acquirerClearing(ctx: Ctx, name: string, currency: string): Promise<LedgerAccount> {
  return ensureAccount(ctx, {
    key: `acquirer_clearing:${name}:${currency}`,
    name: `Acquirer ${name} clearing ${currency}`,
    currency,
    kind: 'asset',
  });
}

async function assertVerified(ctx: Ctx, shopperId: string): Promise<void> {
  if (!(await getIdentity(ctx, shopperId))) {
    throw new AppError('identity_required', 'Verify your identity (POST /v1/shopper/identity) before using the wallet');
  }
}

export async function getWallet(ctx: Ctx): Promise<{ account: LedgerAccount; verified: boolean; identityRequired: boolean }> {
  const shopper = shopperOf(ctx);
  return {
    account: await walletAccount(ctx, shopper),
    verified: !!(await getIdentity(ctx, shopper.id)),
    identityRequired: walletNeedsIdentity(shopper.country),
  };
}

const DECLINE_STATUS: Record<string, string> = {
  card_declined: 'The card was declined',
  insufficient_funds: 'The card has insufficient funds',
  expired_card: 'The card has expired',
  incorrect_cvc: 'The card’s security code is incorrect',
  invalid_card_number: 'The card number is not valid',
  challenge_failed: 'The card issuer’s check failed',
};

function declined(topUp: TopUp, code: string, message?: string): AppError {
  return new AppError('card_declined', message ?? DECLINE_STATUS[code] ?? 'The card was declined', {
    param:
      code === 'incorrect_cvc'
        ? 'card.cvc'
        : code === 'expired_card'
          ? 'card.exp_year'
          : code === 'invalid_card_number'
            ? 'card.number'
            : 'card',
    details: { decline_code: code, top_up_id: topUp.id },
  });
}

/**
 * Start a top-up, in the wallet's currency (CNY, AUD or NZD). A shopper in China must have
 * verified their identity first (`identity_required`); shoppers in Australia/New Zealand need not.
 * Authorised cards go to `processing` until the acquirer's webhook confirms the charge; cards
 * that need the issuer's check wait in `requires_challenge`; declined cards are recorded as
 * `failed` and answered `402 card_declined` with the `decline_code`.
 */
export async function createTopUp(ctx: Ctx, input: { amount: bigint; card: CardInput }): Promise<TopUp> {
  const shopper = shopperOf(ctx);
  if (walletNeedsIdentity(shopper.country)) await assertVerified(ctx, shopper.id);
  if (input.amount <= 0n || input.amount > MAX_TOP_UP_MINOR) {
    throw new AppError('invalid_amount', `A top-up is between 0.01 and ${MAX_TOP_UP_MINOR / 100n}`, { param: 'amount' });
  }
  const wallet = await walletAccount(ctx, shopper);
  const acq = acquirer(ctx.rt);
  const id = newId('topUp');
  const result = acq.authorise({ reference: id, amount: input.amount, currency: wallet.currency, card: input.card, now: now(ctx) });
  const status = result.status === 'authorised' ? 'processing' : result.status === 'requires_challenge' ? 'requires_challenge' : 'failed';
  const topUp = await inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [row] = await tx.db
      .insert(walletTopUps)
      .values({
        id,
        shopperId: shopper.id,
        walletAccountId: wallet.id,
        amount: input.amount,
        currency: wallet.currency,
        status,
        acquirer: acq.name,
        acquirerRef: result.status === 'declined' ? null : result.acquirerRef,
        card: result.card
          ? {
              brand: result.card.brand,
              last4: result.card.last4,
              exp_month: result.card.exp_month,
              exp_year: result.card.exp_year,
              fingerprint: result.card.fingerprint,
            }
          : null,
        declineCode: result.status === 'declined' ? result.code : null,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: `top_up.${status}`,
      objectType: 'top_up',
      objectId: id,
      data: { amount: input.amount.toString(), currency: wallet.currency, last4: result.card?.last4 ?? null },
    });
    if (status === 'processing') await enqueue(tx, 'payments.acquirer_confirm', { top_up_id: id }, { maxAttempts: 5 });
    return row;
  });
  if (result.status === 'declined') throw declined(topUp, result.code, result.message);
  return topUp;
}

/** The issuer's check (one-time code) for a top-up in `requires_challenge`. */
export async function completeChallenge(ctx: Ctx, id: string, code: string): Promise<TopUp> {
  const topUp = await getTopUp(ctx, id);
  if (topUp.status !== 'requires_challenge' || !topUp.acquirerRef) {
    throw new AppError('invalid_state', `The top-up is ${topUp.status}`, { details: { status: topUp.status } });
  }
  const r = acquirer(ctx.rt, topUp.acquirer).completeChallenge({ acquirerRef: topUp.acquirerRef, code });
  const status = r.status === 'authorised' ? 'processing' : 'failed';
  const updated = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(walletTopUps)
      .set({ status, declineCode: r.status === 'declined' ? r.code : null, updatedAt: now(tx) })
      .where(and(eq(walletTopUps.id, id), eq(walletTopUps.status, 'requires_challenge')))
      .returning();
    if (!row) throw new AppError('invalid_state', 'The top-up changed meanwhile');
    if (status === 'processing') await enqueue(tx, 'payments.acquirer_confirm', { top_up_id: id }, { maxAttempts: 5 });
    return row;
  });
  if (r.status === 'declined') throw declined(updated, r.code, r.message);
  return updated;
}

export async function getTopUp(ctx: Ctx, id: string): Promise<TopUp> {
  if (!isId('topUp', id)) throw notFound('top-up', id);
  const [row] = await ctx.db.select().from(walletTopUps).where(eq(walletTopUps.id, id));
  const p = ctx.principal;
  if (!row || (p.kind === 'shopper' && row.shopperId !== p.id) || p.kind === 'merchant' || p.kind === 'api_key')
    throw notFound('top-up', id);
  return row;
}

export function listTopUps(ctx: Ctx, q: ListQuery): Promise<Page<TopUp>> {
  const shopper = shopperOf(ctx);
  return listPage(ctx.db, walletTopUps, walletTopUps.id, eq(walletTopUps.shopperId, shopper.id), q, 'topUp');
}

/**
 * The sandbox acquirer's asynchronous confirmation, as a job: it builds the signed webhook
 * the acquirer would send and hands it to the same handler the public webhook route uses.
 */
export async function confirmThroughWebhook(ctx: Ctx, topUpId: string): Promise<void> {
  const [topUp] = await ctx.db.select().from(walletTopUps).where(eq(walletTopUps.id, topUpId));
  if (topUp?.status !== 'processing' || !topUp.acquirerRef) return;
  const acq = acquirer(ctx.rt, topUp.acquirer);
  const event: WebhookEvent = {
    id: `evt_${topUp.acquirerRef}`,
    type: 'charge.succeeded',
    acquirerRef: topUp.acquirerRef,
    amount: topUp.amount.toString(),
    currency: topUp.currency,
    created: Math.floor(now(ctx).getTime() / 1000),
  };
  const { body, signature } = acq.signWebhook(event, now(ctx));
  await handleAcquirerWebhook(ctx, acq.name, body, signature);
}

/**
 * A webhook from an acquirer: verified by its signature, then applied once. A charge that
 * succeeded moves the money (acquirer clearing → wallet) in a ledger transfer whose id is
 * the top-up's, so a webhook delivered twice moves it once.
 */
export async function handleAcquirerWebhook(ctx: Ctx, name: string, body: string, signature: string): Promise<{ applied: boolean }> {
  const acq = acquirer(ctx.rt, name);
  let event: WebhookEvent;
  try {
    event = acq.verifyWebhook(body, signature, now(ctx));
  } catch {
    throw new AppError('invalid_signature', 'The webhook signature does not verify', { param: 'Acquirer-Signature' });
  }
  return inTransaction(ctx, async (tx) => {
    const [topUp] = await tx.db
      .select()
      .from(walletTopUps)
      .where(and(eq(walletTopUps.acquirer, name), eq(walletTopUps.acquirerRef, event.acquirerRef)))
      .for('update');
    if (topUp?.status !== 'processing') return { applied: false };
    if (event.type !== 'charge.succeeded') {
      await tx.db
        .update(walletTopUps)
        .set({ status: 'failed', declineCode: 'card_declined', updatedAt: now(tx) })
        .where(eq(walletTopUps.id, topUp.id));
      return { applied: true };
    }
    if (event.amount !== topUp.amount.toString() || event.currency !== topUp.currency) {
      throw new AppError('invalid_request', 'The webhook’s amount or currency differs from the top-up', { param: 'amount' });
    }
    const clearing = await acquirerClearing(tx, name, topUp.currency);
    const transferId = `top_up:${topUp.id}`;
    await createTransfers(
      tx,
      [
        {
          id: transferId,
          debit_account_id: clearing.id,
          credit_account_id: topUp.walletAccountId,
          amount: topUp.amount,
          currency: topUp.currency,
          reference: { type: 'top_up', id: topUp.id },
        },
      ],
      { batched: false },
    );
    await tx.db
      .update(walletTopUps)
      .set({ status: 'succeeded', ledgerTransferId: transferId, updatedAt: now(tx) })
      .where(eq(walletTopUps.id, topUp.id));
    await emitEvent(tx, 'top_up.succeeded', null, {
      top_up_id: topUp.id,
      shopper_id: topUp.shopperId,
      amount: topUp.amount.toString(),
      currency: topUp.currency,
    });
    await recordAudit(tx, {
      action: 'top_up.succeeded',
      objectType: 'top_up',
      objectId: topUp.id,
      data: { amount: topUp.amount.toString(), currency: topUp.currency },
    });
    return { applied: true };
  });
}
