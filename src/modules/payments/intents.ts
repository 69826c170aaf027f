// Order payments (PRODUCT.md P1, P3, P6, X3, X4). A payment intent is created for one order with
// its price and the currency the shopper pays in (the charge currency), both ways of the corridor:
// - CNY (the default): a buyer in China pays an AU/NZ merchant (CBEC retail import). The intent
//   names the buyer (name + resident ID number) and the payer must be that buyer (China customs
//   refuses orders whose payer differs); the payment data goes to customs (CEB411).
// - AUD/NZD: a shopper in Australia/New Zealand pays a Chinese seller (settling in CNY). No buyer
//   identity is needed (they have no Chinese resident ID) and there is no China customs data.
// The buyer pays from their wallet, which must be in the charge currency, at an FX quote (charge
// currency → settlement currency) locked at payment. The money goes into escrow — a liability to
// the merchant that is not yet theirs — and is released to the merchant's pending-settlement
// account in their currency, through the FX position accounts at the locked rate, when the buyer
// confirms receipt or N days (ESCROW_RELEASE_DAYS) after delivery by a job. Refunds, full or
// partial, before or after release, put the charge currency back in the wallet and reverse
// exactly what was moved; they can never add up to more than was paid.
//
// The platform's checkout makes one intent per order that also carries the order's shipping and
// tax in the charge currency (the China CBEC import tax for CNY; the Australian/NZ GST collected
// at sale for AUD/NZD), with the goods' charge fixed by the checkout. These parts are kept apart
// from escrow to refund: the release routes each to its owner (goods to the merchant, shipping to
// logistics revenue, tax to what is owed to customs or to the ATO / Inland Revenue), and refunds
// say, or are split into, how much of each they give back.
//
// Ledger accounts (keys; <cc> is the intent's charge currency):
//   wallet:<shopper>                  liability, the shopper's home currency, cannot be overdrawn (wallets.ts)
//   escrow:<merchant>:<cc>            liability, cannot go negative: paid, not yet released
//   fx_position:<ccy>                 asset, no rule: the platform's open position per currency
//   merchant_pending:<merchant>:<ccy> liability, no rule: owed to the merchant, not yet settled
//                                     (a refund after a payout may take it below zero)
//   logistics_revenue:<cc>            revenue, no rule: shipping charged on released orders
//   customs_tax_payable:CNY           liability, no rule: import tax collected, to be remitted to
//                                     customs (a refund after remittance may take it below zero)
//   gst_payable:<AUD|NZD>             liability, no rule: GST collected at sale, to be remitted to
//                                     the ATO / Inland Revenue (likewise)
// Transfer ids: payment:<pi>, release:<pi>:<ccy|shipping|tax>, refund:<re>[:<ccy|shipping|tax>] —
// a retried step moves nothing twice.
import { inLiveWorld, merchantLivemode, modeKey } from '../../kernel/livemode.ts';
import { customsCurrencyCode } from '../logistics/customs/codes.ts';
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { atomically, type Ctx, flushPending, inScope, inTransaction, merchantScope, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { type Currency, money } from '../../kernel/money.ts';
import type { FxCurrency } from '../fx/rules.ts';
import { merchantCurrency } from '../catalog/service.ts';
import { createQuote, type FxQuote, lockedQuote } from '../fx/service.ts';
import { maskResidentIdNumber, validateRealName, validateResidentIdNumber } from '../identity/rules.ts';
import { getIdentity, identityIndex, type ShopperIdentity } from '../identity/verification.ts';
import { getMerchant } from '../merchants/service.ts';
import { paymentIntents } from './intent-schema.ts';
import {
  type AccountInput,
  createTransfers,
  ensureAccount,
  ensureAccounts,
  getAccount,
  type LedgerAccount,
  type TransferInput,
} from './ledger.ts';
import {
  type ChargeCurrency,
  type ChargeParts,
  chargeWithParts,
  corridorAllows,
  customsAmount,
  customsTime,
  isCbecCharge,
  isChargeCurrency,
  taxPayable,
} from './payment-rules.ts';
import { availableBalance } from './rules.ts';
import { HOME_CURRENCY, shopperOf, walletAccountSpec } from './wallets.ts';

export type PaymentIntent = typeof paymentIntents.$inferSelect;

/** What a shopper pays in unless the intent says otherwise: CNY, a buyer in China (CBEC retail import). */
export const CHARGE_CURRENCY = 'CNY' as const;

/** The intent's charge currency (rows before the reverse flow are all CNY). */
export const chargeCurrencyOf = (pi: PaymentIntent): ChargeCurrency =>
  isChargeCurrency(pi.chargeCurrency) ? pi.chargeCurrency : CHARGE_CURRENCY;
/** Largest order a payment intent takes: RMB 5,000 is the CBEC limit, but the general-trade path for one indivisible item may exceed it. */
export const MAX_INTENT_MINOR = 100_000_000n;

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

function escrowAccountSpec(merchantId: string, currency: ChargeCurrency): AccountInput {
  return {
    key: `escrow:${merchantId}:${currency}`,
    name: `Escrow for ${merchantId} (${currency})`,
    currency,
    kind: 'liability',
    balance_constraint: 'debits_must_not_exceed_credits',
    owner: { type: 'merchant', id: merchantId },
  };
}

function escrowAccount(ctx: Ctx, merchantId: string, currency: ChargeCurrency): Promise<LedgerAccount> {
  return ensureAccount(ctx, escrowAccountSpec(merchantId, currency));
}

function logisticsRevenueAccount(ctx: Ctx, currency: ChargeCurrency, livemode: boolean): Promise<LedgerAccount> {
  return ensureAccount(ctx, {
    key: modeKey(livemode, `logistics_revenue:${currency}`),
    name: `Logistics revenue (${currency})`,
    currency,
    kind: 'revenue',
  });
}

/** China CBEC import tax payable to customs (CNY charges) or GST payable to the ATO / Inland Revenue (AUD/NZD charges). */
function taxPayableAccount(ctx: Ctx, currency: ChargeCurrency, livemode: boolean): Promise<LedgerAccount> {
  const { key, name } = taxPayable(currency);
  return ensureAccount(ctx, { key: modeKey(livemode, key), name, currency, kind: 'liability' });
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/**
 * Merchants see their own intents; operators all; a shopper any intent by its id (the id is
 * what the merchant hands them to pay), and in lists only those they paid.
 */
export async function getPaymentIntent(ctx: Ctx, id: string): Promise<PaymentIntent> {
  if (!isId('paymentIntent', id)) throw notFound('payment intent', id);
  const [row] = await ctx.db.select().from(paymentIntents).where(eq(paymentIntents.id, id));
  if (!row || !inScope(ctx, row.merchantId)) throw notFound('payment intent', id);
  return row;
}

/** Several intents by id, in the order given; any missing or out of the caller's scope is not found. */
export async function getPaymentIntents(ctx: Ctx, ids: readonly string[]): Promise<PaymentIntent[]> {
  for (const id of ids) if (!isId('paymentIntent', id)) throw notFound('payment intent', id);
  const rows = new Map(
    (
      await ctx.db
        .select()
        .from(paymentIntents)
        .where(inArray(paymentIntents.id, [...ids]))
    ).map((r) => [r.id, r]),
  );
  return ids.map((id) => {
    const row = rows.get(id);
    if (!row || !inScope(ctx, row.merchantId)) throw notFound('payment intent', id);
    return row;
  });
}

export function listPaymentIntents(
  ctx: Ctx,
  filter: { status?: string | undefined; order_reference?: string | undefined; merchant?: string | undefined },
  q: ListQuery,
): Promise<Page<PaymentIntent>> {
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope !== undefined) where.push(eq(paymentIntents.merchantId, scope));
  else if (filter.merchant) where.push(eq(paymentIntents.merchantId, filter.merchant));
  if (scope === undefined && ctx.principal.kind !== 'shopper') where.push(inLiveWorld(paymentIntents.merchantId));
  if (ctx.principal.kind === 'shopper') where.push(eq(paymentIntents.payerShopperId, ctx.principal.id));
  if (filter.status) where.push(eq(paymentIntents.status, filter.status as PaymentIntent['status']));
  if (filter.order_reference) where.push(eq(paymentIntents.orderReference, filter.order_reference));
  return listPage(ctx.db, paymentIntents, paymentIntents.id, where.length ? and(...where) : undefined, q, 'paymentIntent');
}

/** What was charged for each part: goods null until known (fixed at creation or at payment). */
export function chargedParts(pi: PaymentIntent): { goods: bigint | null; shipping: bigint; tax: bigint } {
  return { goods: pi.goodsCharge, shipping: pi.shippingAmount, tax: pi.taxAmount };
}

/** What refunds have given back of each part (the goods are the rest of refunded_amount). */
export function refundedParts(pi: PaymentIntent): ChargeParts {
  return { goods: pi.refundedAmount - pi.shippingRefunded - pi.taxRefunded, shipping: pi.shippingRefunded, tax: pi.taxRefunded };
}

/**
 * What is left to refund of each part (all zero until paid). The checkout refunds a returned
 * line as its goods and its tax share, each within these.
 */
export function refundableParts(pi: PaymentIntent): ChargeParts {
  if (pi.status !== 'succeeded') return { goods: 0n, shipping: 0n, tax: 0n };
  const refunded = refundedParts(pi);
  return {
    goods: (pi.goodsCharge ?? 0n) - refunded.goods,
    shipping: pi.shippingAmount - refunded.shipping,
    tax: pi.taxAmount - refunded.tax,
  };
}

/**
 * The payment data China customs takes from the payment company (the CEB411 payment
 * declaration is built from it in the logistics issue). Null until paid, and always null for
 * AUD/NZD charges (a sale to Australia/New Zealand: no China customs). The payer's ID number
 * appears masked only.
 */
export function customsPaymentData(ctx: Ctx, pi: PaymentIntent) {
  if (!isCbecCharge(chargeCurrencyOf(pi))) return null;
  if (pi.status !== 'succeeded' || !pi.paidAt || !pi.transactionNo || pi.chargeAmount === null) return null;
  if (pi.buyerName === null || pi.buyerIdMasked === null) return null; // never for CNY (payment_intents_cbec_buyer)
  const charge = money(pi.chargeAmount, CHARGE_CURRENCY);
  return {
    payment_company_code: ctx.rt.config.PAYMENT_COMPANY_CODE,
    payment_company_name: ctx.rt.config.PAYMENT_COMPANY_NAME,
    transaction_id: pi.transactionNo,
    order_reference: pi.orderReference,
    payer_name: pi.buyerName,
    payer_id_type: '1' as const,
    payer_id_number: pi.buyerIdMasked,
    amount: customsAmount(charge),
    currency: CHARGE_CURRENCY,
    currency_code: customsCurrencyCode(CHARGE_CURRENCY),
    paid_at: pi.paidAt.toISOString(),
    pay_time: customsTime(pi.paidAt),
  };
}

// ---------------------------------------------------------------------------
// Creating and cancelling
// ---------------------------------------------------------------------------

export interface IntentInput {
  order_reference: string;
  /** The order's price, in the merchant's settlement currency or in the charge currency. */
  amount: bigint;
  currency: string;
  /**
   * What the shopper pays in (default CNY). CNY: a buyer in China paying an AU/NZ merchant (CBEC),
   * `buyer` required. AUD/NZD: a shopper in Australia/New Zealand paying a Chinese seller (settling
   * in CNY), `buyer` optional. Other pairings are `currency_mismatch` (payment-rules.ts corridorAllows).
   */
  charge_currency?: ChargeCurrency | undefined;
  /**
   * The buyer on the order (name + 18-digit resident ID number). Required for CNY charges (the
   * payer must be this person); optional for AUD/NZD charges, where it is kept (masked) if given
   * but never checked against the payer.
   */
  buyer?: { name: string; id_number: string } | undefined;
  description?: string | undefined;
  metadata?: Record<string, string> | undefined;
  /** Operators and the platform's own checkout name the merchant; merchant credentials are their own. */
  merchant_id?: string | undefined;
  /**
   * In-process callers only (the platform's checkout; the HTTP route never sets it): the charge
   * fixed already, in parts, in the charge currency. `goods` is what the shopper was shown for the
   * goods (the sum of per-line prices in the charge currency, each rounded up at the locked quote)
   * and is charged as it is; the merchant is still owed exactly `amount` (or, for a price in the
   * charge currency, `goods` must be `amount`). Shipping and tax (China CBEC import tax for CNY,
   * Australian/NZ GST for AUD/NZD) are charged on top and go to the platform at release. Without
   * it the goods charge is fixed at payment (payment-rules.ts chargeFor) and there is no shipping or tax.
   */
  charge?: ChargeParts | undefined;
}

function checkCharge(input: IntentInput, chargeCurrency: ChargeCurrency): void {
  const c = input.charge;
  if (!c) return;
  if (c.goods <= 0n || c.goods > MAX_INTENT_MINOR) {
    throw new AppError('invalid_amount', `A goods charge is between 0.01 and ${MAX_INTENT_MINOR / 100n}`, { param: 'charge.goods' });
  }
  for (const part of ['shipping', 'tax'] as const) {
    if (c[part] < 0n || c[part] > MAX_INTENT_MINOR) {
      throw new AppError('invalid_amount', `A ${part} charge is between 0 and ${MAX_INTENT_MINOR / 100n}`, { param: `charge.${part}` });
    }
  }
  if (input.currency === chargeCurrency && c.goods !== input.amount) {
    throw new AppError('invalid_amount', `A ${chargeCurrency} price is charged as it is: the goods charge must be the amount`, {
      param: 'charge.goods',
    });
  }
}

export async function createPaymentIntent(ctx: Ctx, input: IntentInput): Promise<PaymentIntent> {
  const merchantId = merchantScope(ctx) ?? input.merchant_id;
  if (!merchantId) throw new AppError('invalid_request', 'Name the merchant the order is with', { param: 'merchant' });
  const merchant = await getMerchant(ctx, merchantId);
  if (merchant.status !== 'approved') {
    throw new AppError('merchant_not_approved', `The merchant is ${merchant.status}; only approved merchants take payments`, {
      param: 'merchant',
    });
  }
  const settlement: string = merchantCurrency(merchant.country);
  const chargeCurrency = input.charge_currency ?? CHARGE_CURRENCY;
  if (!isChargeCurrency(chargeCurrency)) {
    throw new AppError('unsupported_currency', 'Shoppers pay in CNY, AUD or NZD', { param: 'charge_currency' });
  }
  if (!corridorAllows(chargeCurrency, settlement)) {
    throw new AppError(
      'currency_mismatch',
      isCbecCharge(chargeCurrency)
        ? `CNY charges are for merchants in Australia/New Zealand; this merchant settles in ${settlement}`
        : `${chargeCurrency} charges are for sellers in China (settling in CNY); this merchant settles in ${settlement}`,
      { param: 'charge_currency' },
    );
  }
  if (input.currency !== settlement && input.currency !== chargeCurrency) {
    throw new AppError('currency_mismatch', `An order is priced in the merchant’s ${settlement} or in ${chargeCurrency}`, {
      param: 'amount.currency',
    });
  }
  if (input.amount <= 0n || input.amount > MAX_INTENT_MINOR) {
    throw new AppError('invalid_amount', `An order amount is between 0.01 and ${MAX_INTENT_MINOR / 100n}`, { param: 'amount.amount' });
  }
  if (!input.buyer && isCbecCharge(chargeCurrency)) {
    throw new AppError('invalid_request', 'A CNY (cross-border e-commerce) payment names its buyer: name and resident ID number', {
      param: 'buyer',
    });
  }
  let buyer: { name: string; idIndex: string; idMasked: string } | null = null;
  if (input.buyer) {
    const name = validateRealName(input.buyer.name);
    if (!name.ok) throw new AppError('invalid_name', name.message, { param: 'buyer.name' });
    const idNumber = validateResidentIdNumber(input.buyer.id_number, now(ctx));
    if (!idNumber.ok) {
      throw new AppError('invalid_id_number', idNumber.message, { param: 'buyer.id_number', details: { reason: idNumber.reason } });
    }
    buyer = {
      name: name.value,
      idIndex: identityIndex(ctx, idNumber.value, merchant.liveMerchantId === null),
      idMasked: maskResidentIdNumber(idNumber.value),
    };
  }
  checkCharge(input, chargeCurrency);
  return atomically(ctx, async (tx) => {
    const t = now(tx);
    const [row] = await tx.db
      .insert(paymentIntents)
      .values({
        id: newId('paymentIntent'),
        merchantId,
        orderReference: input.order_reference,
        description: input.description ?? null,
        amount: input.amount,
        currency: input.currency,
        settlementCurrency: settlement,
        chargeCurrency,
        buyerName: buyer?.name ?? null,
        buyerIdIndex: buyer?.idIndex ?? null,
        buyerIdMasked: buyer?.idMasked ?? null,
        status: 'requires_payment',
        goodsCharge: input.charge?.goods ?? null,
        shippingAmount: input.charge?.shipping ?? 0n,
        taxAmount: input.charge?.tax ?? 0n,
        metadata: input.metadata ?? {},
        createdAt: t,
        updatedAt: t,
      })
      .onConflictDoNothing({ target: [paymentIntents.merchantId, paymentIntents.orderReference] })
      .returning();
    if (!row) {
      throw new AppError('already_exists', `Order '${input.order_reference}' already has a payment intent`, { param: 'order_reference' });
    }
    await emitEvent(tx, 'payment_intent.created', merchantId, intentEventData(row));
    await recordAudit(tx, {
      action: 'payment_intent.created',
      objectType: 'payment_intent',
      objectId: row.id,
      merchantId,
      data: {
        amount: row.amount.toString(),
        currency: row.currency,
        charge_currency: chargeCurrency,
        order_reference: row.orderReference,
        ...(input.charge ? { charge: partsData(input.charge, chargeCurrency) } : {}),
      },
    });
    return row;
  });
}

/** An unpaid intent can be cancelled by its merchant or an operator; a paid one is refunded instead. */
export async function cancelPaymentIntent(ctx: Ctx, id: string): Promise<PaymentIntent> {
  await getPaymentIntent(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const pi = await lockIntent(tx, id);
    if (pi.status !== 'requires_payment') throw unexpectedState(pi, 'cancelled', 'requires_payment');
    const t = now(tx);
    const [row] = await tx.db
      .update(paymentIntents)
      .set({ status: 'canceled', canceledAt: t, updatedAt: t })
      .where(eq(paymentIntents.id, id))
      .returning();
    if (!row) throw new Error('update returned nothing');
    await emitEvent(tx, 'payment_intent.canceled', row.merchantId, intentEventData(row));
    await recordAudit(tx, { action: 'payment_intent.canceled', objectType: 'payment_intent', objectId: id, merchantId: row.merchantId });
    return row;
  });
}

// ---------------------------------------------------------------------------
// Paying
// ---------------------------------------------------------------------------

function needsQuote(pi: PaymentIntent): boolean {
  const cc = chargeCurrencyOf(pi);
  return pi.currency !== cc || pi.settlementCurrency !== cc;
}

/** The pair a payment converts at: what the shopper pays in → what the merchant is owed in (CNY→AUD, AUD→CNY…). */
function pairOf(pi: PaymentIntent): { base: FxCurrency; quote: FxCurrency } {
  return { base: chargeCurrencyOf(pi), quote: pi.settlementCurrency as FxCurrency };
}

/** The charge at a quote (null when nothing is converted), its parts and the merchant's due. */
function chargeOf(pi: PaymentIntent, quote: FxQuote | null) {
  return chargeWithParts(
    money(pi.amount, pi.currency as Currency),
    chargeCurrencyOf(pi),
    pi.settlementCurrency as Currency,
    quote?.rate ?? null,
    chargedParts(pi),
  );
}

/** Lock a quote for paying this intent: the exact charge, good for 10 minutes (`quote_expired` after). */
export async function quotePaymentIntent(
  ctx: Ctx,
  id: string,
): Promise<{ intent: PaymentIntent; quote: FxQuote | null; charge: bigint; settlement: bigint }> {
  shopperOf(ctx);
  const pi = await getPaymentIntent(ctx, id);
  if (pi.status !== 'requires_payment') throw unexpectedState(pi, 'quoted', 'requires_payment');
  const quote = needsQuote(pi) ? await createQuote(ctx, pairOf(pi)) : null;
  const r = chargeOf(pi, quote);
  return { intent: pi, quote, charge: r.charge, settlement: r.settlement };
}

/**
 * Pay an intent from the shopper's wallet. For a CNY (CBEC) intent the payer must be the order's
 * buyer (same verified name and ID number) or it is `identity_mismatch`; the charge is fixed by
 * the quote given (`quote_expired` once it has run out) or by one locked now.
 */
export async function confirmPaymentIntent(ctx: Ctx, id: string, input: { quote_id?: string | undefined }): Promise<PaymentIntent> {
  const pi = await getPaymentIntent(ctx, id);
  const quotes = input.quote_id ? { [pi.settlementCurrency]: input.quote_id } : {};
  const [paid] = await payPaymentIntents(ctx, [id], { quotes });
  if (!paid) throw new Error('payment returned nothing');
  return paid;
}

export interface PayOptions {
  /** The payer's verified identity when the caller has just read it (saves reading it again). */
  identity?: ShopperIdentity | undefined;
  /**
   * Locked quotes by settlement currency, each for the pair charge currency → settlement currency
   * (CNY → AUD/NZD; AUD/NZD → CNY for Chinese sellers); a currency without one gets a quote locked now.
   */
  quotes?: Partial<Record<string, string>>;
  /**
   * More work for the same transaction, after the money moved (the checkout takes the buyer's
   * quota and commits the stock there): if it throws, nothing of the payment happened.
   */
  within?: (tx: Ctx, paid: PaymentIntent[]) => Promise<void>;
}

/**
 * Pay several intents (the orders of one checkout) from the shopper's wallet as one payment:
 * one transaction, one linked ledger batch (wallet → each merchant's escrow), all or nothing.
 * The wallet (the shopper's home currency) must be in every intent's charge currency
 * (`currency_mismatch`). For CNY (CBEC) intents the shopper must have verified their identity
 * (`identity_required`) and be each one's buyer (`identity_mismatch`); AUD/NZD intents need
 * neither. A wallet short of the total is `402 insufficient_funds` with the amounts.
 */
export async function payPaymentIntents(ctx: Ctx, ids: readonly string[], opts: PayOptions = {}): Promise<PaymentIntent[]> {
  const shopper = shopperOf(ctx);
  if (!ids.length || new Set(ids).size !== ids.length)
    throw new AppError('invalid_request', 'Name each payment intent once', { param: 'payment_intents' });
  const intents = await getPaymentIntents(ctx, ids);
  const home: string = HOME_CURRENCY[shopper.country];
  for (const pi of intents) {
    if (chargeCurrencyOf(pi) !== home) {
      throw new AppError('currency_mismatch', `The order is charged in ${chargeCurrencyOf(pi)}; your wallet is in ${home}`, {
        param: 'wallet',
        details: { payment_intent: pi.id, charge_currency: chargeCurrencyOf(pi), wallet_currency: home },
      });
    }
  }
  const cbec = intents.some((pi) => isCbecCharge(chargeCurrencyOf(pi)));
  const identity = cbec ? (opts.identity ?? (await getIdentity(ctx, shopper.id))) : null;
  if (cbec && !identity) throw new AppError('identity_required', 'Verify your identity (POST /v1/shopper/identity) before paying');
  for (const pi of intents) {
    if (pi.status !== 'requires_payment') throw unexpectedState(pi, 'paid', 'requires_payment');
    if (!isCbecCharge(chargeCurrencyOf(pi))) continue;
    if (!identity || identity.idNumberIndex !== pi.buyerIdIndex || identity.realName !== pi.buyerName) {
      throw new AppError(
        'identity_mismatch',
        'The payer must be the order’s buyer: your verified name and ID number differ from the buyer’s (China customs refuses such orders)',
        { param: 'payer', details: { payment_intent: pi.id } },
      );
    }
  }
  // The wallet and every escrow in one read (they exist after the first payment).
  const accounts = await ensureAccounts(ctx, [
    walletAccountSpec(shopper),
    ...intents.map((pi) => escrowAccountSpec(pi.merchantId, chargeCurrencyOf(pi))),
  ]);
  const wallet = accounts[0] as LedgerAccount;
  if (wallet.currency !== home) throw new Error(`wallet ${wallet.id} is in ${wallet.currency}, not the home currency ${home}`);
  // One quote per settlement currency, shared by the intents in it.
  const quotes = new Map<string, FxQuote>();
  for (const pi of intents) {
    if (!needsQuote(pi) || quotes.has(pi.settlementCurrency)) continue;
    const given = opts.quotes?.[pi.settlementCurrency];
    quotes.set(pi.settlementCurrency, given ? await lockedQuote(ctx, given, pairOf(pi)) : await createQuote(ctx, pairOf(pi)));
  }
  const plan = await Promise.all(
    intents.map(async (pi, i) => {
      const quote = needsQuote(pi) ? (quotes.get(pi.settlementCurrency) ?? null) : null;
      const r = chargeOf(pi, quote);
      return {
        pi,
        quote,
        goods: r.parts.goods,
        charge: r.charge,
        settlement: r.settlement,
        escrow: accounts[i + 1] as LedgerAccount,
      };
    }),
  );
  const total = plan.reduce((a, x) => a + x.charge, 0n);
  try {
    return await inTransaction(ctx, async (tx) => {
      // Locked in id order: two payments naming the same intents never deadlock.
      const locked = await tx.db
        .select()
        .from(paymentIntents)
        .where(inArray(paymentIntents.id, [...ids]))
        .orderBy(asc(paymentIntents.id))
        .for('update');
      for (const pi of locked) if (pi.status !== 'requires_payment') throw unexpectedState(pi, 'paid', 'requires_payment');
      const t = now(tx);
      const paid: PaymentIntent[] = [];
      for (const { pi, quote, goods, charge, settlement } of plan) {
        const [row] = await tx.db
          .update(paymentIntents)
          .set({
            status: 'succeeded',
            payerShopperId: shopper.id,
            walletAccountId: wallet.id,
            goodsCharge: goods,
            chargeAmount: charge,
            settlementAmount: settlement,
            fxQuoteId: quote?.id ?? null,
            fxRate: quote?.rate ?? null,
            transactionNo: transactionNumber(t),
            paidAt: t,
            escrowStatus: 'held',
            updatedAt: t,
          })
          .where(eq(paymentIntents.id, pi.id))
          .returning();
        if (!row) throw new Error('update returned nothing');
        await emitEvent(tx, 'payment.succeeded', row.merchantId, intentEventData(row));
        await recordAudit(tx, {
          action: 'payment.succeeded',
          objectType: 'payment_intent',
          objectId: pi.id,
          merchantId: row.merchantId,
          data: { amount: charge.toString(), currency: row.chargeCurrency, fx_quote_id: quote?.id ?? null },
        });
        paid.push(row);
      }
      await opts.within?.(tx, paid);
      await flushPending(tx);
      // The money moves last: the wallet's and the escrows' rows are locked from here to the
      // commit only, so payments to one merchant queue for the shortest time. Everyone locks in
      // this order — intents, then the buyer's quota (within), then ledger accounts — and so do
      // cancellations and returns (quota before refund), so none of them can deadlock.
      await createTransfers(
        tx,
        plan.map(({ pi, quote, charge, escrow }) => ({
          id: `payment:${pi.id}`,
          debit_account_id: wallet.id,
          credit_account_id: escrow.id,
          amount: charge,
          currency: wallet.currency,
          reference: { type: 'payment_intent', id: pi.id },
          metadata: quote ? { fx_quote_id: quote.id, fx_rate: quote.rate } : {},
        })),
        { batched: plan.length > 1 },
      );
      return paid;
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'exceeds_credits') {
      const available = availableBalance(wallet.kind, await getAccount(ctx, wallet.id));
      throw new AppError('insufficient_funds', 'Your wallet holds less than the order costs; top it up first', {
        param: 'wallet',
        details: { required: total.toString(), available: available.toString(), currency: wallet.currency },
      });
    }
    throw e;
  }
}

/** The payment company's transaction number: T + China time (yyyyMMddHHmmss) + 10 random digits. */
function transactionNumber(at: Date): string {
  return `T${customsTime(at)}${String(randomInt(0, 100_000)).padStart(5, '0')}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
}

/**
 * The accounts a release or refund of this intent may touch, made before its transaction: escrow,
 * FX positions and shipping revenue in the charge currency, the merchant's pending settlement in
 * theirs, and where the tax is owed (China customs for CNY, the ATO / Inland Revenue for AUD/NZD;
 * payment-rules.ts taxPayable). The logistics and tax accounts only for intents that carry
 * shipping or tax (those amounts never change after creation, so the unlocked row decides it safely).
 */
export async function releaseAccounts(ctx: Ctx, pi: PaymentIntent) {
  const cc = chargeCurrencyOf(pi);
  // The platform's own accounts are per mode: a test twin's intents use `test:` ones (decisions §23).
  const livemode = await merchantLivemode(ctx, pi.merchantId);
  return {
    escrow: await escrowAccount(ctx, pi.merchantId, cc),
    logistics: pi.shippingAmount > 0n ? await logisticsRevenueAccount(ctx, cc, livemode) : null,
    taxPayable: pi.taxAmount > 0n ? await taxPayableAccount(ctx, cc, livemode) : null,
  };
}

export function need(account: LedgerAccount | null): LedgerAccount {
  if (!account) throw new Error('a shipping or tax account was not prepared for an intent that carries one');
  return account;
}

export function move(
  id: string,
  from: LedgerAccount,
  to: LedgerAccount,
  amount: bigint,
  reference: { type: string; id: string },
  metadata: Record<string, unknown> = {},
): TransferInput {
  return { id, debit_account_id: from.id, credit_account_id: to.id, amount, currency: from.currency, reference, metadata };
}

// ---------------------------------------------------------------------------

export async function lockIntent(ctx: Ctx, id: string): Promise<PaymentIntent> {
  const [row] = await ctx.db.select().from(paymentIntents).where(eq(paymentIntents.id, id)).for('update');
  if (!row) throw notFound('payment intent', id);
  return row;
}

export function unexpectedState(pi: PaymentIntent, action: string, needed: string): AppError {
  const state = pi.status === 'succeeded' && pi.escrowStatus ? `${pi.status} (escrow ${pi.escrowStatus})` : pi.status;
  return new AppError('invalid_state', `The payment intent is ${state}; it can be ${action} only when ${needed}`, {
    details: { status: pi.status, escrow_status: pi.escrowStatus },
  });
}

/** Event payloads: what a webhook consumer needs, never the buyer's ID number. */
export function intentEventData(pi: PaymentIntent): Record<string, unknown> {
  return {
    payment_intent_id: pi.id,
    order_reference: pi.orderReference,
    status: pi.status,
    amount: pi.amount.toString(),
    currency: pi.currency,
    charge: pi.chargeAmount === null ? null : { amount: pi.chargeAmount.toString(), currency: pi.chargeCurrency },
    settlement: pi.settlementAmount === null ? null : { amount: pi.settlementAmount.toString(), currency: pi.settlementCurrency },
    charge_currency: chargeCurrencyOf(pi),
    amount_details: {
      goods: pi.goodsCharge === null ? null : pi.goodsCharge.toString(),
      shipping: pi.shippingAmount.toString(),
      tax: pi.taxAmount.toString(),
      currency: chargeCurrencyOf(pi),
    },
    escrow_status: pi.escrowStatus,
  };
}

export function partsData(p: ChargeParts, currency: string): Record<string, string> {
  return { goods: p.goods.toString(), shipping: p.shipping.toString(), tax: p.tax.toString(), currency };
}
