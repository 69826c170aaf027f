// Order payments against a model (issue: "random sequences of transfers, posts, voids, refunds
// and concurrent payments conserve money … and never break an account constraint"; the ledger
// itself has its model in ledger-properties.test.ts). Random sequences of commands go through
// the HTTP API over a small world — two merchants, three people with verified identities, one
// of them with a second account, wallets funded modestly so that payments run out of money:
// intents created (AUD or CNY prices), paid by the buyer or someone else, several at once from
// one wallet, paid and cancelled at once, refunded in part, in full, beyond what is left and
// several at once, delivered and released by the job as the clock moves, released by the
// buyer's receipt (alone or racing a refund), cancelled. The model keeps every balance the
// payments touch and each intent's charge, refunds and escrow state. After every command: each
// currency's debits equal its credits (posted and pending), no account breaks its balance rule,
// every balance equals the model's, refunds stay within the charge, each merchant's escrow
// holds exactly what its held intents have left and its CNY balance what its released intents
// left it: the goods released less the commission (one line at the default rate: intents made over
// the API have no platform order) and the payment fee, less the goods refunded since, plus the
// commission those gave back (in proportion to the goods released); its AUD balance and the FX
// positions never move (conversion is on payout day). At the end of a run `verifyLedger` finds
// nothing to correct.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../../src/main.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { merchantShare, orderCommission, paymentFee } from '../../src/modules/payments/settlement/rules.ts';
import { createOperator } from '../../src/modules/identity/service.ts';
import {
  call,
  createMerchant,
  createShopper,
  DEMO_PASSWORD,
  type MerchantFixture,
  operatorToken,
  type Res,
  signIn,
  uniqueEmail,
} from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
/** The customer rate CNY → AUD (after the spread) every payment of the file converts at. */
let RATE: string;
let RELEASE_DAYS: number;
/** An admin who signs in afresh each run (the clock moves weeks in a run: earlier sessions have run out). */
let ADMIN_EMAIL: string;
const DAY = 86_400_000;

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const PEOPLE = [
  { name: '李伟', id_number: idNumber('11010519491231002') },
  { name: '王芳', id_number: idNumber('44030419900101123') },
  { name: '张敏', id_number: idNumber('31010419850612004') },
];
/** The buyers intents name: the three people, and the first one's ID number under another name (whom no one can pay for). */
const BUYERS = [...PEOPLE, { name: '李伟民', id_number: PEOPLE[0]?.id_number as string }];
/** The person behind each shopper account of a run: the first person has two accounts. */
const SHOPPER_PERSON = [0, 0, 1, 2];
// Far-off expiry: the manual clock only moves forward, by weeks per run, across every run and shrink of the
// properties below, so a card expiring in 2034 expired mid-suite once the clock had gone years ahead.
const VISA = { number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' };
const FX_CNY = 'fx_position:CNY';
const FX_AUD = 'fx_position:AUD';
const CLEARING = 'acquirer_clearing:sandbox:CNY';
const COMMISSION = 'commission_revenue:CNY';
const FEE = 'payment_fee_revenue:CNY';
/** The commission and payment fee rates (no commission_rates or payment_fees rows: the settings' defaults). */
let COMMISSION_BPS: number;
let FEE_BPS: number;

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Reply = Res<any>;
const api = (method: string, url: string, token?: string, body?: unknown): Promise<Reply> => call(p, method, url, { token, body });

beforeAll(async () => {
  // Sessions outlive the weeks the clock moves in a run (each run signs in afresh).
  // The model has no plan fees: monthly invoices (billing) are off.
  p = await startPlatform({ env: { SESSION_TTL_HOURS: '2160', BILLING_INVOICING: 'false' } });
  RELEASE_DAYS = p.rt.config.ESCROW_RELEASE_DAYS;
  COMMISSION_BPS = p.rt.config.COMMISSION_DEFAULT_BPS;
  FEE_BPS = p.rt.config.PAYMENT_FEE_BPS;
  expect([COMMISSION_BPS, FEE_BPS]).toEqual([500, 60]);
  const fin = await operatorToken(p, 'finance');
  const rate = await api('POST', '/v1/fx/rates', fin, { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 });
  expect(rate.status, rate.raw).toBe(201);
  ADMIN_EMAIL = uniqueEmail('admin');
  await createOperator(p.ctx(), { email: ADMIN_EMAIL, name: 'Operator admin', role: 'admin', password: DEMO_PASSWORD });
  const admin = await signIn(p, 'staff', ADMIN_EMAIL);
  // The rate a shopper is quoted, read once: the model prices every charge with it.
  const m = await createMerchant(p, admin, 'Rate Probe');
  const s = await createShopper(p, 'CN');
  const pi = await api('POST', '/v1/payment-intents', m.apiKey, {
    order_reference: 'RATE-PROBE',
    amount: { amount: '10000', currency: 'AUD' },
    buyer: PEOPLE[0],
  });
  const q = await api('POST', `/v1/payment-intents/${pi.body.id}/quote`, s.token);
  expect(q.status, q.raw).toBe(200);
  RATE = q.body.rate;
});
afterAll(() => p?.close());

// ---------------------------------------------------------------------------
// Prices, the world of a run, the model
// ---------------------------------------------------------------------------

type Currency = 'AUD' | 'CNY';
interface Price {
  currency: Currency;
  amount: bigint;
}

/**
 * What the shopper pays (CNY) and the merchant is owed (AUD) at the quoted rate: an AUD price
 * costs price ÷ rate rounded up to the fen, a CNY price is owed price × rate rounded half-up.
 */
function priced(price: Price): { charge: bigint; settlement: bigint } {
  const [whole, frac = ''] = RATE.split('.');
  const scale = 10n ** BigInt(frac.length);
  const rate = BigInt(`${whole}${frac}`);
  if (price.currency === 'AUD') return { charge: (price.amount * scale + rate - 1n) / rate, settlement: price.amount };
  return { charge: price.amount, settlement: (price.amount * rate * 2n + scale) / (scale * 2n) };
}

interface Shopper {
  id: string;
  token: string;
  person: number;
  wallet: string;
}
interface World {
  admin: string;
  merchants: MerchantFixture[];
  shoppers: Shopper[];
}

interface Intent {
  id: string;
  merchant: number;
  buyer: number;
  price: Price;
  status: 'requires_payment' | 'succeeded' | 'canceled';
  payer: number | null;
  charge: bigint;
  settlement: bigint;
  refunded: bigint;
  /** The sum of the refunds' settlement shares (AUD: for reference, no AUD moves). */
  shares: bigint;
  refunds: number;
  /** At release (CNY): the goods left in escrow, and what of the charge had been refunded before. */
  released: bigint;
  refundedBefore: bigint;
  /** Taken from the goods released, and of the commission what refunds after release gave back. */
  commission: bigint;
  fee: bigint;
  commissionRefunded: bigint;
  escrow: 'held' | 'released' | 'refunded' | null;
  dueAt: number | null;
}

const escrowKey = (m: MerchantFixture) => `escrow:${m.id}:CNY`;
/** The merchant's balance in the charge currency: a release credits it. */
const pendingKey = (m: MerchantFixture) => `merchant_pending:${m.id}:CNY`;
/** Its balance in its settlement currency: only payouts convert into it, never a release or a refund. */
const settlementKey = (m: MerchantFixture) => `merchant_pending:${m.id}:AUD`;

/** Balances as credits − debits posted, by account key; a key not yet in the ledger is 0. */
async function balances(keys: string[]): Promise<Map<string, bigint>> {
  const rows = await p.rt.database.query<{ key: string; net: string; pending: string }>(
    'select key, (credits_posted - debits_posted)::text as net, (debits_pending + credits_pending)::text as pending from ledger_accounts where key = any($1::text[])',
    [keys],
  );
  const out = new Map(keys.map((k) => [k, 0n]));
  for (const r of rows) {
    out.set(r.key, BigInt(r.net));
    // Payments never hold money: no account they touch has anything pending.
    expect(r.pending, r.key).toBe('0');
  }
  return out;
}

class Model {
  intents: Intent[] = [];
  readonly world: World;
  /** Expected balances (credits − debits posted) by account key. */
  readonly balance: Map<string, bigint>;
  constructor(world: World, balance: Map<string, bigint>) {
    this.world = world;
    this.balance = balance;
  }

  /** The payout run's conversions of the merchants' balances the model has taken in. */
  readonly conversions = new Set<string>();

  wallet(shopper: number): bigint {
    return this.balance.get(this.world.shoppers[shopper]?.wallet as string) as bigint;
  }
  /**
   * The weekly payout run (the job, on payout day, settlement/payouts.ts) converts a merchant's CNY
   * balance into its AUD balance through the FX positions, at the day's settlement rate: not the
   * model's to price, so it takes in what the run did (a negative balance is converted the other
   * way: the amounts are signed). The balances the model then expects still have to match.
   */
  convert(c: Conversion) {
    expect([c.from_currency, c.to_currency], c.id).toEqual(['CNY', 'AUD']);
    const from = BigInt(c.from_amount);
    const to = BigInt(c.to_amount);
    expect(from !== 0n && (to === 0n || to > 0n === from > 0n), c.id).toBe(true);
    const m = this.world.merchants.find((x) => x.id === c.merchant_id);
    // A merchant of an earlier run (its balances are no longer the model's): only the FX positions are.
    const [cny, aud] = m ? [pendingKey(m), settlementKey(m)] : [undefined, undefined];
    if (cny && aud) {
      this.move(cny, FX_CNY, from);
      this.move(FX_AUD, aud, to);
    } else {
      this.balance.set(FX_CNY, (this.balance.get(FX_CNY) as bigint) + from);
      this.balance.set(FX_AUD, (this.balance.get(FX_AUD) as bigint) - to);
    }
    this.conversions.add(c.id);
  }
  private move(debit: string, credit: string, amount: bigint) {
    this.balance.set(debit, (this.balance.get(debit) as bigint) - amount);
    this.balance.set(credit, (this.balance.get(credit) as bigint) + amount);
  }
  private merchant(i: Intent): MerchantFixture {
    return this.world.merchants[i.merchant] as MerchantFixture;
  }

  topUp(shopper: number, amount: bigint) {
    this.move(CLEARING, this.world.shoppers[shopper]?.wallet as string, amount);
  }
  pay(i: Intent, shopper: number) {
    const { charge, settlement } = priced(i.price);
    this.move(this.world.shoppers[shopper]?.wallet as string, escrowKey(this.merchant(i)), charge);
    Object.assign(i, { status: 'succeeded', payer: shopper, charge, settlement, escrow: 'held' });
  }
  /**
   * Escrow → the merchant's CNY balance (what is left of the charge: all goods), then from it the
   * commission (one line, the default rate, half-up) and the payment fee (half-up) to revenue.
   */
  release(i: Intent) {
    const goods = i.charge - i.refunded;
    const { commission, fee } = merchantShare(
      goods,
      orderCommission([{ amount: goods, category: '*' }], { byCategory: {}, otherwise: COMMISSION_BPS }).total,
      paymentFee(goods, { bps: FEE_BPS, fixed: 0n }),
    );
    const pending = pendingKey(this.merchant(i));
    this.move(escrowKey(this.merchant(i)), pending, goods);
    this.move(pending, COMMISSION, commission);
    this.move(pending, FEE, fee);
    Object.assign(i, { escrow: 'released', released: goods, refundedBefore: i.refunded, commission, fee });
  }
  /**
   * A refund of `amount` (its settlement share `share` only reported): from escrow while held; after
   * release, the commission on it back to the merchant's balance (its share of the goods released, on
   * the running total, half-up), then the goods from the balance to the wallet. The fee stays taken.
   */
  refund(i: Intent, amount: bigint, share: bigint): 'escrow' | 'merchant' {
    const wallet = this.world.shoppers[i.payer as number]?.wallet as string;
    const source = i.escrow === 'held' ? 'escrow' : 'merchant';
    if (source === 'escrow') this.move(escrowKey(this.merchant(i)), wallet, amount);
    else {
      const back =
        i.commission > 0n
          ? refundShare(
              {
                charged: i.released,
                settlement: i.commission,
                refunded: i.refunded - i.refundedBefore,
                settlementRefunded: i.commissionRefunded,
              },
              amount,
            )
          : 0n;
      this.move(COMMISSION, pendingKey(this.merchant(i)), back);
      this.move(pendingKey(this.merchant(i)), wallet, amount);
      i.commissionRefunded += back;
    }
    i.refunded += amount;
    i.shares += share;
    i.refunds++;
    if (source === 'escrow' && i.refunded === i.charge) i.escrow = 'refunded';
    return source;
  }
  /** What the release job does: release held escrow whose time after delivery is up. */
  releaseDue(now: number): number {
    const due = this.intents.filter((i) => i.escrow === 'held' && i.dueAt !== null && i.dueAt <= now);
    for (const i of due) this.release(i);
    return due.length;
  }
}

interface Conversion {
  id: string;
  merchant_id: string;
  from_currency: string;
  from_amount: string;
  to_currency: string;
  to_amount: string;
}
/** Every conversion of a merchant's balance the payout run has made, oldest first. */
const allConversions = () =>
  p.rt.database.query<Conversion>(
    'select id, merchant_id, from_currency, from_amount::text, to_currency, to_amount::text from settlement_conversions order by created_at, id',
  );

/** Per currency, the sum over all accounts of debits − credits, posted and pending (both 0 when money is conserved). */
async function ledgerSums(): Promise<Map<string, { posted: string; pending: string }>> {
  const rows = await p.rt.database.query<{ currency: string; posted: string; pending: string }>(
    'select currency, sum(debits_posted - credits_posted)::text as posted, sum(debits_pending - credits_pending)::text as pending from ledger_accounts group by currency',
  );
  return new Map(rows.map((r) => [r.currency, { posted: r.posted, pending: r.pending }]));
}

/**
 * Everything that must hold after every command. The sums over the whole ledger are compared
 * with the run's start: they are 0 then (the first run starts from an empty ledger, and every
 * run that passes ends at 0, which the test checks once more at the end), and comparing with
 * the start keeps a run that fast-check replays while shrinking free of an earlier run's failure.
 */
async function checkInvariants(model: Model, startSums: Map<string, { posted: string; pending: string }>) {
  // What the payout run converted since the last check (none of these merchants has a bank account: nothing is paid out).
  const merchantIds = model.world.merchants.map((m) => m.id);
  const conversions = (await allConversions()).filter((c) => {
    if (!model.conversions.has(c.id)) model.convert(c);
    return merchantIds.includes(c.merchant_id);
  });
  const [paidOut] = await p.rt.database.query<{ n: string }>(
    'select count(*)::text as n from payouts where merchant_id = any($1::text[])',
    [merchantIds],
  );
  expect(paidOut?.n).toBe('0');
  // Money is conserved: per currency, debits equal credits, posted and pending, over the whole ledger.
  const sums = await ledgerSums();
  for (const [currency, s] of sums) expect(s, currency).toEqual(startSums.get(currency) ?? { posted: '0', pending: '0' });
  // No account breaks its balance rule (the database's CHECKs say so too; this asks the rows).
  const broken = await p.rt.database.query<{ key: string }>(
    `select key from ledger_accounts where
       (balance_constraint = 'debits_must_not_exceed_credits' and debits_pending + debits_posted > credits_posted)
       or (balance_constraint = 'credits_must_not_exceed_debits' and credits_pending + credits_posted > debits_posted)
       or least(debits_pending, debits_posted, credits_pending, credits_posted) < 0`,
  );
  expect(broken).toEqual([]);
  // Every balance the payments touched is the model's.
  const keys = [...model.balance.keys()];
  expect(await balances(keys)).toEqual(model.balance);
  // Each intent is in the model's state; refunds never exceed the charge.
  const rows = await p.rt.database.query<{
    id: string;
    merchant_id: string;
    status: string;
    escrow_status: string | null;
    charge_amount: string | null;
    settlement_amount: string | null;
    refunded_amount: string;
    settlement_refunded: string;
    commission_amount: string;
    fee_amount: string;
    commission_refunded: string;
  }>(
    `select id, merchant_id, status, escrow_status, charge_amount::text, settlement_amount::text, refunded_amount::text, settlement_refunded::text,
            commission_amount::text, fee_amount::text, commission_refunded::text
       from payment_intents where id = any($1::text[])`,
    [model.intents.map((i) => i.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const i of model.intents) {
    const r = byId.get(i.id);
    const paid = i.status === 'succeeded';
    expect(r, i.id).toEqual({
      id: i.id,
      merchant_id: model.world.merchants[i.merchant]?.id,
      status: i.status,
      escrow_status: i.escrow,
      charge_amount: paid ? String(i.charge) : null,
      settlement_amount: paid ? String(i.settlement) : null,
      refunded_amount: String(i.refunded),
      settlement_refunded: String(i.shares),
      commission_amount: String(i.commission),
      fee_amount: String(i.fee),
      commission_refunded: String(i.commissionRefunded),
    });
    expect(i.refunded <= i.charge && i.shares <= i.settlement, i.id).toBe(true);
    expect(i.commissionRefunded <= i.commission && i.commission + i.fee <= i.released, i.id).toBe(true);
  }
  // What the accounts hold for each merchant, from all its stored intents: escrow = what held
  // intents have left of their charge; its CNY balance = what released intents have left of their
  // charge, less the commission not given back and the fee.
  const owed = await p.rt.database.query<{ merchant_id: string; held: string; released: string }>(
    `select merchant_id,
       coalesce(sum(charge_amount - refunded_amount) filter (where escrow_status = 'held'), 0)::text as held,
       coalesce(sum(charge_amount - refunded_amount - (commission_amount - commission_refunded) - fee_amount)
         filter (where escrow_status = 'released'), 0)::text as released
     from payment_intents where merchant_id = any($1::text[]) group by merchant_id`,
    [model.world.merchants.map((m) => m.id)],
  );
  // Less what the payout run converted into AUD, which is all its AUD balance holds.
  const converted = (id: string, field: 'from_amount' | 'to_amount') =>
    conversions.filter((c) => c.merchant_id === id).reduce((n, c) => n + BigInt(c[field]), 0n);
  for (const m of model.world.merchants) {
    const o = owed.find((r) => r.merchant_id === m.id);
    expect(model.balance.get(escrowKey(m)), `escrow of ${m.id}`).toBe(BigInt(o?.held ?? 0));
    expect(model.balance.get(pendingKey(m)), `CNY balance of ${m.id}`).toBe(BigInt(o?.released ?? 0) - converted(m.id, 'from_amount'));
    expect(model.balance.get(settlementKey(m)), `AUD balance of ${m.id}`).toBe(converted(m.id, 'to_amount'));
  }
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

const rare = (oneIn: number) => fc.nat(oneIn - 1).map((n) => n === 0);
/** Which intent a command takes (unbiased: small numbers would mostly pick the first). */
const pickArb = fc.noBias(fc.nat());

const priceArb: fc.Arbitrary<Price> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ currency: fc.constant<Currency>('AUD'), amount: fc.bigInt(100n, 8_000n) }) },
  { weight: 6, arbitrary: fc.record({ currency: fc.constant<Currency>('CNY'), amount: fc.bigInt(100n, 40_000n) }) },
  // A few fen or cents: the settlement of a CNY price may round to nothing.
  { weight: 1, arbitrary: fc.record({ currency: fc.constantFrom<Currency>('AUD', 'CNY'), amount: fc.bigInt(1n, 9n) }) },
);
const orderArb = fc.record({ merchant: fc.nat(1), price: priceArb });

const commandArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('create' as const),
      order: orderArb,
      /** Mostly one of the people; now and then the buyer no one can pay for. */
      buyer: fc.oneof({ weight: 6, arbitrary: fc.nat(PEOPLE.length - 1) }, { weight: 1, arbitrary: fc.constant(PEOPLE.length) }),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('confirm' as const),
      pick: pickArb,
      /** The buyer (one of their accounts), someone else, or any shopper. */
      payer: fc.oneof(
        { weight: 4, arbitrary: fc.constant('buyer' as const) },
        { weight: 1, arbitrary: fc.constant('other' as const) },
        { weight: 1, arbitrary: fc.nat(SHOPPER_PERSON.length - 1) },
      ),
      /** Without a quote (one is locked at payment), with a fresh one, or with one that ran out. */
      quote: fc.constantFrom('none', 'fresh', 'expired'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('concurrent' as const),
      payer: fc.nat(SHOPPER_PERSON.length - 1),
      orders: fc.array(orderArb, { minLength: 2, maxLength: 3 }),
      /** One more order, priced so that all of them together cost one fen more than the wallet holds. */
      overdraw: fc.boolean(),
      /** The first intent confirmed twice among them. */
      twice: rare(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('twins' as const), order: orderArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('pay_or_cancel' as const), order: orderArb, payer: fc.nat(1) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('refund' as const),
      pick: pickArb,
      /** All that is left (amount omitted), part of it, or more than is left. */
      how: fc.constantFrom('all', 'all', 'part', 'part', 'over'),
      amount: fc.bigInt(1n, 1_000_000n),
      /** The buyer confirms receipt at the same moment. */
      withReceipt: rare(4),
      /** Asked by the other merchant. */
      wrongMerchant: rare(12),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('refunds' as const),
      pick: pickArb,
      /** Each a percentage of the charge. */
      percents: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 3 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('deliver' as const), pick: pickArb }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('receipt' as const), pick: pickArb, byOther: rare(5) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('cancel' as const), pick: pickArb }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('tick' as const), days: fc.constantFrom('few', 'due', 'past', 'past') }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('top_up' as const),
      shopper: fc.nat(SHOPPER_PERSON.length - 1),
      amount: fc.bigInt(1_000n, 80_000n),
    }),
  },
);
type Command = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

/** How far the clock may move in one run, so that the run's sessions (90 days) outlive it. */
const CLOCK_BUDGET_DAYS = 60;
let orderNo = 0;

async function makeWorld(funds: bigint[]): Promise<World> {
  // A run ends by letting all it delivered be released; one that failed (fast-check replays runs
  // while shrinking) may not have: let the job release it now, before this run reads its balances.
  p.clock.advance((RELEASE_DAYS + 1) * DAY);
  await scheduleMaintenance(p.rt);
  await p.runJobs();
  const admin = await signIn(p, 'staff', ADMIN_EMAIL);
  const [merchants, shoppers] = await Promise.all([
    Promise.all([0, 1].map((n) => createMerchant(p, admin, `Property Goods ${n}`))),
    Promise.all(
      SHOPPER_PERSON.map(async (person, n) => {
        const s = await createShopper(p, 'CN');
        const who = PEOPLE[person] as { name: string; id_number: string };
        const v = await api('POST', '/v1/shopper/identity', s.token, {
          real_name: who.name,
          id_number: who.id_number,
          mobile: '13800138000',
        });
        expect(v.status, v.raw).toBe(201);
        const t = await api('POST', '/v1/wallet/top-ups', s.token, { amount: String(funds[n]), card: VISA });
        expect(t.status, t.raw).toBe(201);
        return { id: s.id, token: s.token, person, wallet: `wallet:${s.id}` };
      }),
    ),
  ]);
  await p.runJobs();
  return { admin, merchants, shoppers };
}

describe('order payments against the model', () => {
  it('conserve money, keep every account rule and the model’s balances, and verify clean', async () => {
    const tally = new Map<string, number>();
    const count = (k: string, n = 1) => tally.set(k, (tally.get(k) ?? 0) + n);

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.bigInt(20_000n, 200_000n), { minLength: 4, maxLength: 4 }),
        fc.array(commandArb, { minLength: 20, maxLength: 30 }),
        async (funds: bigint[], commands: Command[]) => {
          const world = await makeWorld(funds);
          const { merchants, shoppers, admin } = world;
          const keys = [
            ...shoppers.map((s) => s.wallet),
            ...merchants.flatMap((m) => [escrowKey(m), pendingKey(m), settlementKey(m)]),
            FX_CNY,
            FX_AUD,
            CLEARING,
            COMMISSION,
            FEE,
          ];
          const model = new Model(world, await balances(keys));
          for (const c of await allConversions()) model.conversions.add(c.id);
          const startSums = await ledgerSums();
          const startVerified = await verifyLedger(p.ctx());
          for (const [n, s] of shoppers.entries()) expect(model.wallet(n), s.id).toBe(funds[n]);
          const startedAt = p.clock.now().getTime();

          const merchantOf = (i: Intent) => merchants[i.merchant] as MerchantFixture;
          const shopper = (n: number) => shoppers[n] as Shopper;
          /** The accounts of the intent's buyer (none for the buyer whose name does not match). */
          const accountsOf = (buyer: number) => (buyer < PEOPLE.length ? shoppers.flatMap((s, n) => (s.person === buyer ? [n] : [])) : []);
          /** Mostly an intent the command suits, now and then any (to be refused); none when nothing suits. */
          const pickIntent = (pick: number, prefer: (i: Intent) => boolean): Intent | undefined => {
            const preferred = model.intents.filter(prefer);
            const from = pick % 5 === 0 ? model.intents : preferred;
            return from[pick % Math.max(from.length, 1)];
          };

          const create = async (order: { merchant: number; price: Price }, buyer: number): Promise<Intent> => {
            const m = merchants[order.merchant] as MerchantFixture;
            const r = await api('POST', '/v1/payment-intents', m.apiKey, {
              order_reference: `PROP-${++orderNo}`,
              amount: { amount: String(order.price.amount), currency: order.price.currency },
              buyer: BUYERS[buyer],
            });
            expect(r.status, r.raw).toBe(201);
            expect(r.body).toMatchObject({ status: 'requires_payment', settlement_currency: 'AUD', charge: null, escrow: null });
            const i: Intent = {
              id: r.body.id,
              merchant: order.merchant,
              buyer,
              price: order.price,
              status: 'requires_payment',
              payer: null,
              charge: 0n,
              settlement: 0n,
              refunded: 0n,
              shares: 0n,
              refunds: 0,
              released: 0n,
              refundedBefore: 0n,
              commission: 0n,
              fee: 0n,
              commissionRefunded: 0n,
              escrow: null,
              dueAt: null,
            };
            model.intents.push(i);
            count('create');
            return i;
          };
          const confirm = (i: Intent, payer: number, quoteId?: string) =>
            api('POST', `/v1/payment-intents/${i.id}/confirm`, shopper(payer).token, quoteId ? { quote_id: quoteId } : {});
          const code = (r: Reply) => (r.status < 300 ? 'ok' : (r.body?.error?.code as string));
          /** A successful confirmation: what was charged at the quoted rate, now held in escrow. */
          const paid = (i: Intent, payer: number, r: Reply) => {
            const { charge, settlement } = priced(i.price);
            expect(r.body, r.raw).toMatchObject({
              status: 'succeeded',
              payer: shopper(payer).id,
              charge: { amount: String(charge), currency: 'CNY' },
              settlement: { amount: String(settlement), currency: 'AUD' },
              fx: { rate: RATE },
              escrow: { status: 'held' },
            });
            model.pay(i, payer);
          };
          /** A refusal for want of money: the amounts are told, and they are right. */
          const shortOf = (i: Intent, r: Reply, floor: bigint) => {
            const { charge } = priced(i.price);
            expect(r.status, r.raw).toBe(402);
            expect(r.body.error).toMatchObject({ code: 'insufficient_funds', param: 'wallet', required: String(charge), currency: 'CNY' });
            const available = BigInt(r.body.error.available);
            expect(available < charge && available >= floor, r.raw).toBe(true);
          };
          const checkRefund = (i: Intent, r: Reply, amount: bigint) => {
            expect(r.status, r.raw).toBe(201);
            expect(r.body).toMatchObject({
              payment_intent: i.id,
              amount: { amount: String(amount), currency: 'CNY' },
              status: 'succeeded',
            });
            expect(r.body.settlement_share.currency).toBe('AUD');
            const share = BigInt(r.body.settlement_share.amount);
            expect(share >= 0n, r.raw).toBe(true);
            return share;
          };
          /** The shares so far are the settlement in proportion to what was refunded, to the nearest cent; all of it once all is refunded. */
          const checkShares = (i: Intent) => {
            const off = i.shares * i.charge - i.settlement * i.refunded;
            expect(2n * (off < 0n ? -off : off) <= i.charge, `${i.id}: shares ${i.shares} for ${i.refunded} of ${i.charge}`).toBe(true);
            if (i.refunded === i.charge) expect(i.shares, `${i.id} refunded in full`).toBe(i.settlement);
            // The commission given back is its share of the goods refunded since release, to the nearest fen; all of it once all are.
            if (i.escrow !== 'released' || i.released === 0n) return;
            const since = i.refunded - i.refundedBefore;
            const c = i.commissionRefunded * i.released - i.commission * since;
            expect(
              2n * (c < 0n ? -c : c) <= i.released,
              `${i.id}: commission ${i.commissionRefunded} back for ${since} of ${i.released}`,
            ).toBe(true);
            if (since === i.released) expect(i.commissionRefunded, `${i.id} refunded in full after release`).toBe(i.commission);
          };

          for (const c of commands) {
            switch (c.type) {
              case 'create': {
                await create(c.order, c.buyer);
                break;
              }
              case 'confirm': {
                const i = pickIntent(c.pick, (x) => x.status === 'requires_payment');
                if (!i) continue;
                const own = accountsOf(i.buyer);
                const others = shoppers.flatMap((_, n) => (own.includes(n) ? [] : [n]));
                const payer =
                  c.payer === 'buyer'
                    ? (own[c.pick % Math.max(own.length, 1)] ?? c.pick % shoppers.length)
                    : c.payer === 'other'
                      ? (others[c.pick % others.length] as number)
                      : c.payer;
                let quoteId: string | undefined;
                if (c.quote !== 'none') {
                  const q = await api('POST', `/v1/payment-intents/${i.id}/quote`, shopper(payer).token);
                  if (i.status !== 'requires_payment') expect(code(q), q.raw).toBe('invalid_state');
                  else {
                    expect(q.status, q.raw).toBe(200);
                    expect(q.body.charge.amount).toBe(String(priced(i.price).charge));
                    quoteId = q.body.quote_id;
                    if (c.quote === 'expired') p.clock.advance(10 * 60_000 + 1_000);
                  }
                }
                const want =
                  i.status !== 'requires_payment'
                    ? 'invalid_state'
                    : shopper(payer).person !== i.buyer
                      ? 'identity_mismatch'
                      : c.quote === 'expired'
                        ? 'quote_expired'
                        : model.wallet(payer) < priced(i.price).charge
                          ? 'insufficient_funds'
                          : 'ok';
                const r = await confirm(i, payer, quoteId);
                expect(code(r), r.raw).toBe(want);
                if (want === 'ok') paid(i, payer, r);
                if (want === 'insufficient_funds') shortOf(i, r, model.wallet(payer));
                count(`confirm:${want}`);
                break;
              }
              case 'concurrent': {
                // Several orders of one buyer paid at once from one wallet: those that fit are
                // paid, the others are refused for want of money, the wallet is never overdrawn.
                const payer = c.payer;
                const before = model.wallet(payer);
                const intents: Intent[] = [];
                for (const o of c.orders) intents.push(await create(o, shopper(payer).person));
                const total = intents.reduce((n, i) => n + priced(i.price).charge, 0n);
                if (c.overdraw && total <= before) {
                  intents.push(
                    await create({ merchant: 0, price: { currency: 'CNY', amount: before - total + 1n } }, shopper(payer).person),
                  );
                }
                const sent = c.twice ? [...intents, intents[0] as Intent] : intents;
                const results = await Promise.all(sent.map((i) => confirm(i, payer)));
                let spent = 0n;
                for (const [n, i] of intents.entries()) {
                  const mine = results.filter((_, k) => sent[k] === i);
                  const ok = mine.filter((r) => r.status === 200);
                  expect(ok.length, mine.map((r) => r.raw).join('\n')).toBeLessThanOrEqual(1);
                  if (ok[0]) {
                    paid(i, payer, ok[0]);
                    spent += i.charge;
                    for (const r of mine) if (r !== ok[0]) expect(code(r), r.raw).toBe('invalid_state');
                    count(c.twice && n === 0 ? 'concurrent:twice' : 'concurrent:ok');
                  }
                }
                expect(spent <= before, `spent ${spent} of ${before}`).toBe(true);
                const after = model.wallet(payer);
                expect(after).toBe(before - spent);
                for (const i of intents) {
                  if (i.status === 'succeeded') continue;
                  // Refused when it did not fit what was left then, so neither does it in what is left now.
                  for (const [k, r] of results.entries()) if (sent[k] === i) shortOf(i, r, after);
                  count('concurrent:insufficient_funds');
                }
                break;
              }
              case 'twins': {
                // One order paid at once from both accounts of its buyer: paid once.
                const i = await create(c.order, 0);
                const payers = accountsOf(0);
                const { charge } = priced(i.price);
                const results = await Promise.all(payers.map((n) => confirm(i, n)));
                const ok = results.flatMap((r, k) => (r.status === 200 ? [k] : []));
                expect(ok.length, results.map((r) => r.raw).join('\n')).toBeLessThanOrEqual(1);
                if (payers.some((n) => model.wallet(n) >= charge)) expect(ok.length).toBe(1);
                for (const [k, r] of results.entries()) {
                  const n = payers[k] as number;
                  if (r.status === 200) continue;
                  if (code(r) === 'insufficient_funds') shortOf(i, r, model.wallet(n));
                  else {
                    expect(code(r), r.raw).toBe('invalid_state');
                    expect(ok.length).toBe(1);
                  }
                }
                if (ok[0] !== undefined) paid(i, payers[ok[0]] as number, results[ok[0]] as Reply);
                count(ok.length ? 'twins:paid' : 'twins:none');
                break;
              }
              case 'pay_or_cancel': {
                // Paid and cancelled at the same moment: one of the two, never both.
                const i = await create(c.order, 0);
                const payer = accountsOf(0)[c.payer] as number;
                const [pay, cancel] = await Promise.all([
                  confirm(i, payer),
                  api('POST', `/v1/payment-intents/${i.id}/cancel`, merchantOf(i).apiKey),
                ]);
                if (pay.status === 200) {
                  expect(code(cancel), cancel.raw).toBe('invalid_state');
                  paid(i, payer, pay);
                  count('pay_or_cancel:paid');
                } else {
                  expect(cancel.status, cancel.raw).toBe(200);
                  if (code(pay) === 'insufficient_funds') shortOf(i, pay, model.wallet(payer));
                  else expect(code(pay), pay.raw).toBe('invalid_state');
                  i.status = 'canceled';
                  count('cancel:ok:racing-payment');
                }
                break;
              }
              case 'refund': {
                const i = pickIntent(c.pick, (x) => x.status === 'succeeded' && x.refunded < x.charge);
                if (!i) continue;
                const left = i.charge - i.refunded;
                const amount =
                  c.how === 'all'
                    ? undefined
                    : c.how === 'part'
                      ? 1n + (c.amount % (left > 0n ? left : 1n))
                      : left + 1n + (c.amount % 1000n);
                const m = c.wrongMerchant ? (merchants[1 - i.merchant] as MerchantFixture) : merchantOf(i);
                const want = c.wrongMerchant
                  ? 'not_found'
                  : i.status !== 'succeeded'
                    ? 'invalid_state'
                    : (amount ?? left) > left || left === 0n
                      ? 'refund_exceeds_payment'
                      : 'ok';
                const receiptBy = c.withReceipt && i.payer !== null ? shopper(i.payer) : undefined;
                const [r, receipt] = await Promise.all([
                  api('POST', '/v1/refunds', m.apiKey, {
                    payment_intent: i.id,
                    reason: 'requested_by_customer',
                    ...(amount !== undefined ? { amount: String(amount) } : {}),
                  }),
                  receiptBy ? api('POST', `/v1/payment-intents/${i.id}/confirm-receipt`, receiptBy.token) : undefined,
                ]);
                expect(code(r), r.raw).toBe(want);
                if (want === 'refund_exceeds_payment') expect(r.body.error).toMatchObject({ param: 'amount', refundable: String(left) });
                const share = want === 'ok' ? checkRefund(i, r, amount ?? left) : 0n;
                if (!receipt) {
                  if (want === 'ok') {
                    const source = model.refund(i, amount ?? left, share);
                    expect(r.body.source).toBe(source);
                    count(`source:${source}`);
                    checkShares(i);
                    count(`refund:${i.refunded === i.charge ? 'full' : 'part'}:${source}`);
                  } else count(`refund:${want}`);
                  break;
                }
                // Receipt confirmed while refunding: whichever came first, the money ends up the same.
                const held = i.escrow === 'held';
                if (!held) expect(code(receipt), receipt.raw).toBe('invalid_state');
                if (want !== 'ok') {
                  if (held) {
                    expect(receipt.status, receipt.raw).toBe(200);
                    model.release(i);
                  }
                } else if (held && r.body.source === 'merchant') {
                  // Released first, then refunded from the merchant.
                  expect(receipt.status, receipt.raw).toBe(200);
                  model.release(i);
                  count(`source:${model.refund(i, amount ?? left, share)}`);
                } else {
                  expect(r.body.source).toBe(held ? 'escrow' : 'merchant');
                  count(`source:${model.refund(i, amount ?? left, share)}`);
                  // Refunded first: what is left (if anything) is released.
                  if (held) expect(code(receipt), receipt.raw).toBe(i.escrow === 'refunded' ? 'invalid_state' : 'ok');
                  if (held && i.escrow === 'held') model.release(i);
                }
                if (want === 'ok') checkShares(i);
                if (receipt.status === 200) expect(receipt.body.escrow.status).toBe('released');
                count(`refund+receipt:${want}:${r.body?.source ?? '-'}:${code(receipt)}`);
                break;
              }
              case 'refunds': {
                // Refunds of one payment at once: those that fit are made, never more than was paid.
                const i = pickIntent(c.pick, (x) => x.status === 'succeeded' && x.refunded < x.charge);
                if (i?.status !== 'succeeded') continue;
                const amounts = c.percents.map((pc) => {
                  const a = (i.charge * BigInt(pc)) / 100n;
                  return a > 0n ? a : 1n;
                });
                const before = i.charge - i.refunded;
                const results = await Promise.all(
                  amounts.map((a) =>
                    api('POST', '/v1/refunds', merchantOf(i).apiKey, { payment_intent: i.id, amount: String(a), reason: 'other' }),
                  ),
                );
                for (const [k, r] of results.entries()) {
                  if (r.status !== 201) continue;
                  const a = amounts[k] as bigint;
                  const source = model.refund(i, a, checkRefund(i, r, a));
                  expect(r.body.source).toBe(source);
                  count(`source:${source}`);
                }
                expect(i.charge - i.refunded >= 0n && i.charge - i.refunded <= before).toBe(true);
                for (const [k, r] of results.entries()) {
                  if (r.status === 201) continue;
                  expect(code(r), r.raw).toBe('refund_exceeds_payment');
                  // Refused when it exceeded what was left then, so it exceeds what is left now.
                  const refundable = BigInt(r.body.error.refundable);
                  const a = amounts[k] as bigint;
                  expect(a > refundable && refundable >= i.charge - i.refunded, r.raw).toBe(true);
                  count('refunds:refused');
                }
                checkShares(i);
                count(`refunds:${results.filter((r) => r.status === 201).length}-made`);
                break;
              }
              case 'deliver': {
                const i = pickIntent(c.pick, (x) => x.escrow === 'held' && x.dueAt === null);
                if (!i) continue;
                const r = await api('POST', `/v1/payment-intents/${i.id}/delivery`, admin, {});
                if (i.status !== 'succeeded') {
                  expect(code(r), r.raw).toBe('invalid_state');
                  count('deliver:invalid_state');
                  break;
                }
                expect(r.status, r.raw).toBe(200);
                // Delivered once: again changes nothing.
                i.dueAt ??= p.clock.now().getTime() + RELEASE_DAYS * DAY;
                expect(new Date(r.body.escrow.release_due_at).getTime()).toBe(i.dueAt);
                count('deliver:ok');
                break;
              }
              case 'receipt': {
                const i = pickIntent(c.pick, (x) => x.escrow === 'held');
                if (!i) continue;
                const by = c.byOther || i.payer === null ? ((i.payer ?? 0) + 1 + (c.pick % 3)) % shoppers.length : i.payer;
                const r = await api('POST', `/v1/payment-intents/${i.id}/confirm-receipt`, shopper(by).token);
                // Only the payer's account may confirm (another account of the same person neither).
                const want = by !== i.payer ? 'not_found' : i.escrow === 'held' ? 'ok' : 'invalid_state';
                expect(code(r), r.raw).toBe(want);
                if (want === 'ok') {
                  expect(r.body.escrow).toMatchObject({ status: 'released', release_reason: 'receipt_confirmed' });
                  model.release(i);
                }
                count(`receipt:${want}`);
                break;
              }
              case 'cancel': {
                const i = pickIntent(c.pick, (x) => x.status === 'requires_payment');
                if (!i) continue;
                const r = await api('POST', `/v1/payment-intents/${i.id}/cancel`, merchantOf(i).apiKey);
                const want = i.status === 'requires_payment' ? 'ok' : 'invalid_state';
                expect(code(r), r.raw).toBe(want);
                if (want === 'ok') i.status = 'canceled';
                count(`cancel:${want}`);
                break;
              }
              case 'tick': {
                const days = { few: 3, due: RELEASE_DAYS, past: RELEASE_DAYS + 1 }[c.days];
                const budget = Math.floor((startedAt + CLOCK_BUDGET_DAYS * DAY - p.clock.now().getTime()) / DAY);
                p.clock.advance(Math.max(0, Math.min(days, budget)) * DAY);
                await scheduleMaintenance(p.rt);
                await p.runJobs();
                const n = model.releaseDue(p.clock.now().getTime());
                count(n ? 'released-by-job' : 'tick:none', n || 1);
                break;
              }
              case 'top_up': {
                const r = await api('POST', '/v1/wallet/top-ups', shopper(c.shopper).token, { amount: String(c.amount), card: VISA });
                expect(r.status, r.raw).toBe(201);
                await p.runJobs();
                model.topUp(c.shopper, c.amount);
                count('top_up');
                break;
              }
            }
            await checkInvariants(model, startSums);
          }

          // Let everything delivered come due and be released, so nothing of this run is left for the next run's job.
          p.clock.advance((RELEASE_DAYS + 1) * DAY);
          await scheduleMaintenance(p.rt);
          await p.runJobs();
          count('released-by-job:at-end', model.releaseDue(p.clock.now().getTime()));
          await checkInvariants(model, startSums);

          // The refunds as stored add up to the intents' totals; a full refund gives back all the settlement.
          const stored = await p.rt.database.query<{ id: string; n: string; amount: string; share: string }>(
            'select payment_intent_id as id, count(*)::text as n, sum(amount)::text as amount, sum(settlement_amount)::text as share from refunds where payment_intent_id = any($1::text[]) group by payment_intent_id',
            [model.intents.map((i) => i.id)],
          );
          const refunded = model.intents.filter((i) => i.refunds > 0);
          expect(new Map(stored.map((r) => [r.id, { n: r.n, amount: r.amount, share: r.share }]))).toEqual(
            new Map(refunded.map((i) => [i.id, { n: String(i.refunds), amount: String(i.refunded), share: String(i.shares) }])),
          );
          for (const i of refunded) checkShares(i);
          count('refunded-in-full', refunded.filter((i) => i.refunded === i.charge).length);
          // The wallets as their owners see them.
          for (const [n, s] of shoppers.entries()) {
            const w = await api('GET', '/v1/wallet', s.token);
            expect(w.body.balance, s.id).toEqual({ amount: String(model.wallet(n)), currency: 'CNY' });
          }
          // Nothing for `tasman ledger verify` to correct (beyond what it found when the run began: nothing, unless an earlier run failed).
          const v = await verifyLedger(p.ctx());
          expect(v.differences).toEqual(startVerified.differences);
          expect(v.unbalanced).toEqual(startVerified.unbalanced);
        },
      ),
      // A failure is shrunk for at most a few minutes, then reported as far as it got (with its seed and path to replay it).
      { numRuns: 15, plugins: [fc.interruptAfterTimeLimit(200_000)] },
    );

    // All runs together: money conserved over the whole ledger, and nothing to correct.
    for (const [currency, s] of await ledgerSums()) expect(s, currency).toEqual({ posted: '0', pending: '0' });
    const v = await verifyLedger(p.ctx());
    expect(v.differences).toEqual([]);
    expect(v.unbalanced).toEqual([]);

    // The runs went through the paths that matter, not only refusals.
    const total = (...prefixes: string[]) => [...tally].reduce((n, [k, v]) => (prefixes.some((x) => k.startsWith(x)) ? n + v : n), 0);
    for (const k of [
      ['confirm:ok'],
      ['concurrent:ok'],
      ['twins:paid'],
      ['concurrent:insufficient_funds'],
      ['confirm:identity_mismatch'],
      ['confirm:insufficient_funds', 'concurrent:insufficient_funds'],
      ['confirm:invalid_state'],
      ['confirm:quote_expired'],
      ['source:escrow'],
      ['source:merchant'],
      ['refunded-in-full'],
      ['refund:refund_exceeds_payment', 'refunds:refused'],
      ['deliver:ok'],
      ['receipt:ok'],
      ['released-by-job'],
      ['cancel:ok'],
    ]) {
      expect(total(...k), k.join(' + ')).toBeGreaterThan(0);
    }
  }, 300_000);
});
