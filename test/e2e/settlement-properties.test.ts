// Money conservation across the whole settlement cycle, against a model (issue 8 "Settlement").
// Random sequences of commands go through the HTTP API over the corridor's two merchants and a few
// fresh shoppers per run: orders bought (honey from A, formula from B, or both), shipped and
// delivered; refunded before release (in full, or part of the goods); released (the buyer's
// receipt); refunded after release (in full, or part of the goods); payout batches prepared by
// one finance operator, approved by another (the same one is refused), sent, answered paid or
// failed per payout, or cancelled while draft; the AUD/CNY rate changed. The model computes,
// with the pure rules alone (settlement/rules.ts percentOf, paymentFee, payoutDecision;
// payment-rules.ts refundShare; fx/rules.ts customerRate, invertRate, convertAt), every balance
// the commands touch. After every command each balance is the model's. After every run:
// (a) per currency, debits equal credits over the whole ledger, and what left the run's wallets
//     is exactly what is in escrow, merchants' CNY balances, commission, fees, shipping, tax
//     payable and the CNY converted; (b) every conversion is convertAt(from, rate) half-up at the
//     customer rate of the mid and spread it records, with its two transfers of those amounts;
// (c) AUD: all converted to AUD = merchants' AUD balances + in transit + paid to the bank, and in
//     transit = the open payouts; (d) every merchant balance is the model's; (e) verifyLedger is clean.
// A run starts from the balances the previous ones left (before/after deltas), after closing any
// batch a failed run left open, so that fast-check's replays while shrinking stay independent.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAt, customerRate, invertRate } from '../../src/modules/fx/rules.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { paymentFee, payoutDecision, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const HONEY_BPS = 800; // set for the category below; the default (500) is for any other
const FEE = { bps: 60, fixed: 0n };
const MINIMUM = 1000n;
const FUNDS = 1_000_000n;

let p: TestPlatform;
let c: Corridor;
/** The two finance operators: whoever prepares a batch, the other approves it. */
let fins: [string, string];
/** The AUD→CNY rate in force (the last one set). */
let rate = { mid: '4.7', spread: 50 };

beforeAll(async () => {
  p = await startPlatform({ env: { PAYOUT_MINIMUM: String(MINIMUM), SESSION_TTL_HOURS: '720', BILLING_INVOICING: 'false' } }); // the model has no plan fees
  c = await setUpCorridor(p, { honey: 5000, formula: 5000 });
  fins = [c.fin, await operatorToken(p, 'finance')];
  const r = await api('PUT', '/v1/settlement/fees/commission/honey', c.fin, { bps: HONEY_BPS });
  expect(r.status, r.raw).toBe(200);
  for (const [m, bsb, account_number] of [
    [c.A, '082-001', '694867196'],
    [c.B, '033-088', '123456789'],
  ] as const) {
    const a = await api('PUT', `/v1/merchants/${m.id}/payout-account`, m.owner, {
      country: 'AU',
      account_name: 'Payee',
      bsb,
      account_number,
    });
    expect(a.status, a.raw).toBe(200);
  }
});
afterAll(() => p?.close());

const api = (method: string, url: string, token?: string, body?: unknown) => call(p, method, url, { token, body });

// ---------------------------------------------------------------------------
// Ledger reads
// ---------------------------------------------------------------------------

/** Balances in each account's normal direction (ledger_accounts.kind), by key; 0 for a key not yet in the ledger. */
async function balances(keys: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await p.rt.database.query<{ key: string; kind: string; dp: string; cp: string }>(
    'select key, kind, debits_posted::text as dp, credits_posted::text as cp from ledger_accounts where key = any($1::text[])',
    [keys],
  );
  const out = new Map(keys.map((k) => [k, 0n]));
  for (const r of rows)
    out.set(r.key, r.kind === 'asset' || r.kind === 'expense' ? BigInt(r.dp) - BigInt(r.cp) : BigInt(r.cp) - BigInt(r.dp));
  return out;
}

const one = async (sql: string, params: unknown[] = []) =>
  BigInt((await p.rt.database.query<{ n: string | null }>(sql, params))[0]?.n ?? '0');

// ---------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------

type M = 0 | 1;
const merchantOf = (m: M) => (m === 0 ? c.A : c.B);
const K = {
  escrow: (m: M) => `escrow:${merchantOf(m).id}:CNY`,
  cny: (m: M) => `merchant_pending:${merchantOf(m).id}:CNY`,
  aud: (m: M) => `merchant_pending:${merchantOf(m).id}:AUD`,
  commission: 'commission_revenue:CNY',
  fee: 'payment_fee_revenue:CNY',
  logistics: 'logistics_revenue:CNY',
  tax: 'customs_tax_payable:CNY',
  fxCny: 'fx_position:CNY',
  fxAud: 'fx_position:AUD',
  transit: 'payouts_in_transit:AUD',
  bank: 'bank:AUD',
};

interface Order {
  id: string;
  intent: string;
  merchant: M;
  shopper: number;
  goods: bigint;
  shipping: bigint;
  tax: bigint;
  /** What has been refunded of each part, before and after release. */
  refunded: { goods: bigint; shipping: bigint; tax: bigint };
  goodsBeforeRelease: bigint;
  escrow: 'held' | 'released' | 'refunded';
  /** Fully refunded through the order (`refunded` state): no more order verbs. */
  closed: boolean;
  commission: bigint;
  commissionBack: bigint;
}

interface Batch {
  id: string;
  preparedBy: 0 | 1;
  status: 'draft' | 'approved' | 'sent' | 'confirmed' | 'failed';
  items: { id: string; merchant: M; amount: bigint; status: 'pending' | 'paid' | 'failed' }[];
}

class Model {
  readonly balance: Map<string, bigint>;
  readonly orders: Order[] = [];
  readonly batches: Batch[] = [];
  constructor(balance: Map<string, bigint>) {
    this.balance = balance;
  }
  get(key: string): bigint {
    return this.balance.get(key) ?? 0n;
  }
  add(key: string, amount: bigint) {
    this.balance.set(key, this.get(key) + amount);
  }
  left(o: Order) {
    return { goods: o.goods - o.refunded.goods, shipping: o.shipping - o.refunded.shipping, tax: o.tax - o.refunded.tax };
  }
  /** Paid: the whole charge from the wallet into the merchant's escrow. */
  buy(o: Order, wallet: string) {
    this.orders.push(o);
    const total = o.goods + o.shipping + o.tax;
    this.add(wallet, -total);
    this.add(K.escrow(o.merchant), total);
  }
  /** Released: goods less commission (per line at its category's rate: one line per order here) and fee; shipping and tax to their owners. */
  release(o: Order) {
    const left = this.left(o);
    const commission = percentOf(left.goods, HONEY_BPS);
    const fee = paymentFee(left.goods, FEE);
    this.add(K.escrow(o.merchant), -(left.goods + left.shipping + left.tax));
    this.add(K.cny(o.merchant), left.goods - commission - fee);
    this.add(K.commission, commission);
    this.add(K.fee, fee);
    this.add(K.logistics, left.shipping);
    this.add(K.tax, left.tax);
    o.commission = commission;
    o.goodsBeforeRelease = o.refunded.goods;
    o.escrow = 'released';
  }
  /** A refund of parts: out of escrow while held; after release each part from where the release put it. */
  refund(o: Order, parts: { goods: bigint; shipping: bigint; tax: bigint }, wallet: string) {
    const amount = parts.goods + parts.shipping + parts.tax;
    this.add(wallet, amount);
    if (o.escrow === 'held') {
      this.add(K.escrow(o.merchant), -amount);
    } else {
      if (parts.goods > 0n) {
        // The commission's share of the goods refunded, of the goods that were released.
        const back =
          o.commission > 0n
            ? refundShare(
                {
                  charged: o.goods - o.goodsBeforeRelease,
                  settlement: o.commission,
                  refunded: o.refunded.goods - o.goodsBeforeRelease,
                  settlementRefunded: o.commissionBack,
                },
                parts.goods,
              )
            : 0n;
        o.commissionBack += back;
        this.add(K.commission, -back);
        this.add(K.cny(o.merchant), back - parts.goods);
      }
      this.add(K.logistics, -parts.shipping);
      this.add(K.tax, -parts.tax);
    }
    o.refunded = { goods: o.refunded.goods + parts.goods, shipping: o.refunded.shipping + parts.shipping, tax: o.refunded.tax + parts.tax };
    const l = this.left(o);
    if (o.escrow === 'held' && l.goods + l.shipping + l.tax === 0n) o.escrow = 'refunded';
  }
}

/** CNY → AUD at the settlement rate: the inverse of the AUD→CNY mid, less the same spread. */
const settlementRate = () => {
  const mid = invertRate(rate.mid);
  return { mid, spread: rate.spread, rate: customerRate(mid, rate.spread) };
};
const signedConvert = (amount: bigint, r: string) => {
  const magnitude = convertAt({ amount: amount < 0n ? -amount : amount, currency: 'CNY' }, 'AUD', r).amount;
  return amount < 0n ? -magnitude : magnitude;
};

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

const pickArb = fc.noBias(fc.nat());
const rare = (oneIn: number) => fc.nat(oneIn - 1).map((n) => n === 0);
const commandArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('buy' as const),
      shopper: fc.nat(2),
      /** Honey from A, formula from B, or both (two orders in one checkout). */
      honey: fc.nat(3),
      formula: fc.nat(3),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('refund_before' as const), pick: pickArb, full: rare(3), part: fc.nat() }),
  },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('release' as const), pick: pickArb }) },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('refund_after' as const), pick: pickArb, full: rare(3), part: fc.nat() }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('prepare' as const), by: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('approve' as const), pick: pickArb, self: rare(5) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('send' as const), pick: pickArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('answer' as const),
      pick: pickArb,
      /** Per payout (by position in the batch): paid, or returned by the bank. */
      paid: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), {
        minLength: 2,
        maxLength: 2,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel' as const), pick: pickArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('rate' as const),
      mid: fc.integer({ min: 45_000, max: 49_000 }).map((n) => `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`),
      spread: fc.integer({ min: 0, max: 100 }),
    }),
  },
);
type Command = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

let idSeq = 0;
/** A verified, funded shopper with a resident ID of their own (so the annual quota is theirs). */
async function freshShopper() {
  const n = idSeq++;
  const first17 = `110105${1970 + Math.floor(n / 900)}0101${String(100 + (n % 900)).padStart(3, '0')}`;
  const s = await verifiedShopper(p, { name: '李伟', first17 });
  await fund(p, s.token, String(FUNDS));
  return { ...s, wallet: `wallet:${s.id}` };
}

/** A batch a failed run left open is closed (cancelled, or answered failed), so the next run starts clean. */
async function closeOpenBatches() {
  const open = await p.rt.database.query<{ id: string; status: string; prepared_by: string }>(
    "select id, status, prepared_by from payout_batches where status in ('draft', 'approved', 'sent')",
  );
  for (const b of open) {
    if (b.status === 'draft') expect((await api('POST', `/v1/payout-batches/${b.id}/cancel`, c.fin)).status).toBe(200);
    if (b.status === 'approved') expect((await api('POST', `/v1/payout-batches/${b.id}/send`, c.fin)).status).toBe(200);
    if (b.status !== 'draft') {
      const items = (await api('GET', `/v1/payout-batches/${b.id}`, c.fin)).body.items.filter((i: Body) => i.status === 'pending');
      if (items.length) {
        const r = await api('POST', `/v1/payout-batches/${b.id}/confirmations`, c.fin, {
          items: items.map((i: Body) => ({ payout_id: i.id, status: 'failed', reason: 'cleanup' })),
        });
        expect(r.status, r.raw).toBe(200);
      }
    }
  }
}

const code = (r: { status: number; body: Body }) => (r.status < 300 ? 'ok' : (r.body?.error?.code as string));

describe('settlement against the model', () => {
  it('conserves money from wallet to bank, converts at the recorded rate, and keeps every balance the model’s', async () => {
    const tally = new Map<string, number>();
    const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);

    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 15, maxLength: 30 }), async (commands: Command[]) => {
        await closeOpenBatches();
        // Up to three shoppers, made when first needed (a shrunk run makes only those it uses).
        const shoppers: Awaited<ReturnType<typeof freshShopper>>[] = [];
        const shopperFor = async (n: number) => {
          while (shoppers.length <= n) {
            const s = await freshShopper();
            shoppers.push(s);
            keys.push(s.wallet);
            model.balance.set(s.wallet, FUNDS);
            start.set(s.wallet, FUNDS);
          }
          return shoppers[n] as (typeof shoppers)[number];
        };
        /** What this run did so far, for a failure's message. */
        const history: string[] = [];
        const keys = [
          ...([0, 1] as M[]).flatMap((m) => [K.escrow(m), K.cny(m), K.aud(m)]),
          K.commission,
          K.fee,
          K.logistics,
          K.tax,
          K.fxCny,
          K.fxAud,
          K.transit,
          K.bank,
        ];
        const start = await balances(keys);
        const model = new Model(new Map(start));
        const conversionsBefore = new Set(
          (await p.rt.database.query<{ id: string }>('select id from settlement_conversions')).map((r) => r.id),
        );

        const pick = <T>(n: number, from: T[]): T | undefined => from[n % Math.max(from.length, 1)];
        const batchesIn = (status: Batch['status']) => model.batches.filter((b) => b.status === status);
        const walletOf = (o: Order) => shoppers[o.shopper]?.wallet as string;

        const exec = async (cmd: Command) => {
          p.clock.advance(1_000);
          switch (cmd.type) {
            case 'buy': {
              const items: [string, number][] = [];
              if (cmd.honey) items.push([c.v.honey, cmd.honey]);
              if (cmd.formula) items.push([c.v.formula, cmd.formula]);
              if (!items.length) items.push([c.v.honey, 1]);
              const s = await shopperFor(cmd.shopper);
              const paid = await buy(p, s.token, items);
              for (const o of paid.orders as Body[]) {
                const merchant: M = o.merchant === c.A.id ? 0 : 1;
                const goods = o.lines.reduce((a: bigint, l: Body) => a + BigInt(l.unit_price_paid.amount) * BigInt(l.quantity), 0n);
                expect(BigInt(o.amounts.goods.amount)).toBe(goods);
                model.buy(
                  {
                    id: o.id,
                    intent: o.payment_intent,
                    merchant,
                    shopper: cmd.shopper,
                    goods,
                    shipping: BigInt(o.amounts.shipping.amount),
                    tax: BigInt(o.amounts.tax.amount),
                    refunded: { goods: 0n, shipping: 0n, tax: 0n },
                    goodsBeforeRelease: 0n,
                    escrow: 'held',
                    closed: false,
                    commission: 0n,
                    commissionBack: 0n,
                  },
                  s.wallet,
                );
                const owner = merchantOf(merchant).owner;
                expect((await api('POST', `/v1/orders/${o.id}/ship`, owner, { tracking_number: 'SF1' })).status).toBe(200);
                expect((await api('POST', `/v1/orders/${o.id}/deliver`, c.ops, {})).status).toBe(200);
                history.push(`buy ${o.id} from ${'AB'[merchant]} (goods ${goods})`);
              }
              count('buy');
              break;
            }
            case 'refund_before':
            case 'refund_after': {
              const before = cmd.type === 'refund_before';
              const o = pick(
                cmd.pick,
                model.orders.filter((x) => !x.closed && x.escrow === (before ? 'held' : 'released') && model.left(x).goods > 0n),
              );
              if (!o) return;
              const left = model.left(o);
              if (cmd.full) {
                // The whole order: every part still refundable.
                const r = await api('POST', `/v1/orders/${o.id}/refund`, merchantOf(o.merchant).owner, { reason: 'property' });
                expect(r.status, r.raw).toBe(200);
                model.refund(o, left, walletOf(o));
                o.closed = true;
                history.push(`${cmd.type} ${o.id} in full`);
              } else {
                const goods = 1n + (BigInt(cmd.part) % left.goods);
                const r = await api('POST', '/v1/refunds', merchantOf(o.merchant).owner, {
                  payment_intent: o.intent,
                  components: { goods: String(goods) },
                  reason: 'requested_by_customer',
                });
                expect(r.status, r.raw).toBe(201);
                expect(r.body.source).toBe(before ? 'escrow' : 'merchant');
                model.refund(o, { goods, shipping: 0n, tax: 0n }, walletOf(o));
                history.push(`${cmd.type} ${o.id} goods ${goods}`);
              }
              count(`${cmd.type}:${cmd.full ? 'full' : 'part'}`);
              break;
            }
            case 'release': {
              const o = pick(
                cmd.pick,
                model.orders.filter((x) => !x.closed && x.escrow === 'held'),
              );
              if (!o) return;
              const r = await api('POST', `/v1/orders/${o.id}/complete`, shoppers[o.shopper]?.token, {});
              expect(r.status, r.raw).toBe(200);
              model.release(o);
              history.push(`release ${o.id}`);
              count(o.goodsBeforeRelease > 0n ? 'release:after-refund' : 'release');
              break;
            }
            case 'prepare': {
              const r = await api('POST', '/v1/payout-batches', fins[cmd.by], { currency: 'AUD' });
              expect(r.status, r.raw).toBe(201);
              history.push(`prepare ${r.body.batch?.id ?? '(nothing due)'} at ${rate.mid}/${rate.spread}`);
              // The model's run: each merchant's CNY converted at today's rate, then the AUD balance decided.
              const sr = settlementRate();
              const items: Batch['items'] = [];
              for (const m of [0, 1] as M[]) {
                const id = merchantOf(m).id;
                const cny = model.get(K.cny(m));
                const conv = (r.body.conversions as Body[]).filter((x) => x.merchant_id === id);
                if (cny === 0n) expect(conv, `no conversion for ${id}`).toEqual([]);
                else {
                  const to = signedConvert(cny, sr.rate);
                  expect(conv, `conversion of ${id}`).toEqual([
                    expect.objectContaining({
                      from: { amount: cny.toString(), currency: 'CNY' },
                      to: { amount: to.toString(), currency: 'AUD' },
                      mid: sr.mid,
                      spread_bps: sr.spread,
                      rate: sr.rate,
                    }),
                  ]);
                  model.add(K.cny(m), -cny);
                  model.add(K.fxCny, -cny);
                  model.add(K.aud(m), to);
                  model.add(K.fxAud, to);
                  count(cny < 0n ? 'conversion:negative' : 'conversion');
                }
                const decision = payoutDecision({ balance: model.get(K.aud(m)), minimum: MINIMUM, onHold: false });
                const item = r.body.batch?.items.find((i: Body) => i.merchant_id === id);
                if (!decision.pay) {
                  expect(item, `${id} not paid: ${decision.reason}`).toBeUndefined();
                  expect(r.body.skipped).toContainEqual({
                    merchant_id: id,
                    reason: decision.reason,
                    balance: { amount: decision.carried.toString(), currency: 'AUD' },
                  });
                  count(`skipped:${decision.reason}`);
                  continue;
                }
                expect(item, `${id} paid`).toMatchObject({
                  amount: { amount: decision.amount.toString(), currency: 'AUD' },
                  status: 'pending',
                });
                items.push({ id: item.id, merchant: m, amount: decision.amount, status: 'pending' });
                model.add(K.aud(m), -decision.amount);
                model.add(K.transit, decision.amount);
              }
              if (!items.length) {
                expect(r.body.batch).toBeNull();
                count('prepare:nothing');
                break;
              }
              const total = items.reduce((a, i) => a + i.amount, 0n);
              expect(r.body.batch).toMatchObject({ status: 'draft', item_count: items.length, total: { amount: total.toString() } });
              model.batches.push({ id: r.body.batch.id, preparedBy: cmd.by as 0 | 1, status: 'draft', items });
              count('prepare:batch');
              break;
            }
            case 'approve': {
              const b = pick(cmd.pick, batchesIn('draft'));
              if (!b) return;
              const by = cmd.self ? b.preparedBy : ((1 - b.preparedBy) as 0 | 1);
              const r = await api('POST', `/v1/payout-batches/${b.id}/approve`, fins[by]);
              history.push(`approve ${b.id}${cmd.self ? ' by its preparer' : ''}`);
              if (cmd.self) {
                expect(r.status, r.raw).toBe(409);
                expect(code(r)).toBe('same_operator');
                count('approve:same_operator');
              } else {
                expect(r.status, r.raw).toBe(200);
                expect(r.body.status).toBe('approved');
                b.status = 'approved';
                count('approve');
              }
              break;
            }
            case 'send': {
              const b = pick(cmd.pick, batchesIn('approved'));
              if (!b) return;
              const r = await api('POST', `/v1/payout-batches/${b.id}/send`, fins[b.preparedBy]);
              history.push(`send ${b.id}`);
              expect(r.status, r.raw).toBe(200);
              expect(r.body.status).toBe('sent');
              b.status = 'sent';
              count('send');
              break;
            }
            case 'answer': {
              const b = pick(cmd.pick, batchesIn('sent'));
              if (!b) return;
              const answers = b.items.map((i, n) => ({ item: i, paid: cmd.paid[n % cmd.paid.length] as boolean }));
              const r = await api('POST', `/v1/payout-batches/${b.id}/confirmations`, fins[b.preparedBy], {
                items: answers.map((a) => ({ payout_id: a.item.id, status: a.paid ? 'paid' : 'failed', reason: 'property' })),
              });
              expect(r.status, r.raw).toBe(200);
              history.push(`answer ${b.id}: ${answers.map((a) => (a.paid ? 'paid' : 'failed')).join(', ')}`);
              for (const a of answers) {
                model.add(K.transit, -a.item.amount);
                if (a.paid) model.add(K.bank, -a.item.amount);
                else model.add(K.aud(a.item.merchant), a.item.amount);
                a.item.status = a.paid ? 'paid' : 'failed';
                count(`answer:${a.item.status}`);
              }
              b.status = answers.some((a) => a.paid) ? 'confirmed' : 'failed';
              expect(r.body.status).toBe(b.status);
              break;
            }
            case 'cancel': {
              const b = pick(cmd.pick, batchesIn('draft'));
              if (!b) return;
              const r = await api('POST', `/v1/payout-batches/${b.id}/cancel`, fins[b.preparedBy]);
              history.push(`cancel ${b.id}`);
              expect(r.status, r.raw).toBe(200);
              for (const i of b.items) {
                model.add(K.transit, -i.amount);
                model.add(K.aud(i.merchant), i.amount);
                i.status = 'failed';
              }
              b.status = 'failed';
              count('cancel');
              break;
            }
            case 'rate': {
              const r = await api('POST', '/v1/fx/rates', c.fin, { base: 'AUD', quote: 'CNY', mid: cmd.mid, spread_bps: cmd.spread });
              expect(r.status, r.raw).toBe(201);
              rate = { mid: cmd.mid, spread: cmd.spread };
              history.push(`rate AUD/CNY ${cmd.mid} spread ${cmd.spread}`);
              count('rate');
              break;
            }
          }
          // (d) After every command: every balance the commands touch is the model's.
          expect(Object.fromEntries(await balances(keys)), history.join(' → ')).toEqual(Object.fromEntries(model.balance));
        };
        for (const cmd of commands) await exec(cmd);
        // The run ends with its batches through: each draft approved, sent and paid by the bank.
        for (const b of model.batches.filter((x) => x.status === 'draft')) {
          await exec({ type: 'approve', pick: model.batches.filter((x) => x.status === 'draft').indexOf(b), self: false });
        }
        while (model.batches.some((x) => x.status === 'approved')) await exec({ type: 'send', pick: 0 });
        while (model.batches.some((x) => x.status === 'sent')) await exec({ type: 'answer', pick: 0, paid: [true, true] });

        // (a) Conservation. Over the whole ledger, per currency, debits equal credits.
        const sums = await p.rt.database.query<{ currency: string; d: string; c: string }>(
          'select currency, sum(debits_posted)::text as d, sum(credits_posted)::text as c from ledger_accounts group by currency',
        );
        for (const s of sums) expect(s.d, s.currency).toBe(s.c);
        // And this run's CNY: what left the wallets is where it went (each account's change in its normal direction).
        const end = await balances(keys);
        const delta = (k: string) => (end.get(k) ?? 0n) - (start.get(k) ?? 0n);
        const spent = shoppers.reduce((a, s) => a - delta(s.wallet), 0n);
        expect(spent, 'wallets’ decrease').toBe(
          delta(K.escrow(0)) +
            delta(K.escrow(1)) +
            delta(K.cny(0)) +
            delta(K.cny(1)) +
            delta(K.commission) +
            delta(K.fee) +
            delta(K.logistics) +
            delta(K.tax) -
            delta(K.fxCny),
        );

        // (b) Each conversion of the run: at the customer rate of its mid and spread, half-up, with its two transfers.
        const convs = (
          await p.rt.database.query<{ id: string; from_amount: string; to_amount: string; mid: string; spread_bps: number; rate: string }>(
            "select id, from_amount::text, to_amount::text, mid, spread_bps, rate from settlement_conversions where from_currency = 'CNY' and to_currency = 'AUD'",
          )
        ).filter((r) => !conversionsBefore.has(r.id));
        for (const cv of convs) {
          expect(cv.rate, cv.id).toBe(customerRate(cv.mid, cv.spread_bps));
          const from = BigInt(cv.from_amount);
          const to = signedConvert(from, cv.rate);
          expect(cv.to_amount, cv.id).toBe(to.toString());
          const legs = await p.rt.database.query<{ id: string; amount: string; currency: string }>(
            'select id, amount::text, currency from ledger_transfers where id like $1 order by id',
            [`conversion:${cv.id}:%`],
          );
          const abs = (x: bigint) => (x < 0n ? -x : x);
          expect(legs).toEqual([
            { id: `conversion:${cv.id}:from`, amount: abs(from).toString(), currency: 'CNY' },
            ...(to !== 0n ? [{ id: `conversion:${cv.id}:to`, amount: abs(to).toString(), currency: 'AUD' }] : []),
          ]);
        }

        // (c) AUD: everything converted to AUD is owed to merchants, in transit, or paid to the bank.
        const convertedAud = await one(
          "select coalesce(sum(to_amount), 0)::text as n from settlement_conversions where to_currency = 'AUD'",
        );
        const merchantsAud = await one(
          "select coalesce(sum(credits_posted - debits_posted), 0)::text as n from ledger_accounts where key like 'merchant_pending:%:AUD'",
        );
        const [fxAud, transit, bank] = [end.get(K.fxAud), end.get(K.transit), end.get(K.bank)] as bigint[];
        expect(convertedAud).toBe(fxAud);
        expect(convertedAud, 'converted = owed + in transit + paid').toBe(merchantsAud + (transit as bigint) - (bank as bigint));
        expect(transit).toBe(
          await one("select coalesce(sum(amount), 0)::text as n from payouts where currency = 'AUD' and status = 'pending'"),
        );

        // (e) Nothing for `tasman ledger verify` to correct.
        const v = await verifyLedger(p.ctx());
        expect(v.differences).toEqual([]);
        expect(v.unbalanced).toEqual([]);
      }),
      { numRuns: 16, plugins: [fc.interruptAfterTimeLimit(200_000)] },
    );

    // The runs went through the paths that matter.
    for (const k of [
      'buy',
      'release',
      'refund_before:part',
      'refund_after:part',
      'prepare:batch',
      'approve',
      'send',
      'answer:paid',
      'conversion',
    ]) {
      expect(tally.get(k) ?? 0, k).toBeGreaterThan(0);
    }
  }, 300_000);
});
