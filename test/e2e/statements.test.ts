// Merchant statements through the API (issue 8): a month of a merchant's money — a sale released in
// February, in March another sale, a refund of the February sale after its release, a payout batch
// the bank returns and one it pays (each approved by a second finance operator), the CNY balance
// converted on payout day, one more sale after — read back as JSON, CSV and PDF, and every figure
// traced to its ledger transfer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/clock.ts';
import { money, toDecimal } from '../../src/kernel/money.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { paymentFee, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { STATEMENT_CSV_HEADER } from '../../src/modules/payments/settlement/statement.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, operatorToken } from '../support/http.ts';
import { readPdf } from '../support/pdf.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

let p: TestPlatform;
let c: Corridor;
let fin2: string;
// Friday 27 February 2026, 21:00 in Sydney.
const clock = new ManualClock('2026-02-27T10:00:00Z');
const flow = {
  goods: [] as bigint[],
  converted: { cny: 0n, aud: 0n, rate: '' },
  returned: 0n,
  paid: 0n,
  payouts: [] as string[],
};

async function balanceOf(key: string): Promise<bigint> {
  const [row] = await p.rt.database.query<{ dp: string; cp: string }>(
    'select debits_posted::text as dp, credits_posted::text as cp from ledger_accounts where key = $1',
    [key],
  );
  return row ? BigInt(row.cp) - BigInt(row.dp) : 0n;
}

/** A's honey × n bought, shipped, delivered and confirmed by the buyer: escrow released. */
async function completedOrder(n: number): Promise<Body> {
  const s = await verifiedShopper(p);
  await fund(p, s.token, '500000');
  const order = (await buy(p, s.token, [[c.v.honey, n]])).orders[0];
  expect((await call(p, 'POST', `/v1/orders/${order.id}/ship`, { token: c.A.owner, body: { tracking_number: 'SF1' } })).status).toBe(200);
  expect((await call(p, 'POST', `/v1/orders/${order.id}/deliver`, { token: c.ops })).status).toBe(200);
  const done = await call(p, 'POST', `/v1/orders/${order.id}/complete`, { token: s.token });
  expect(done.status, done.raw).toBe(200);
  return done.body;
}

const goodsOf = (order: Body): bigint =>
  order.lines.reduce((a: bigint, l: Body) => a + BigInt(l.unit_price_paid.amount) * BigInt(l.quantity), 0n);
const commissionOf = (goods: bigint) => percentOf(goods, 500);
const feeOf = (goods: bigint) => paymentFee(goods, { bps: 60, fixed: 0n });
const net = (goods: bigint) => goods - commissionOf(goods) - feeOf(goods);

async function batch(preparer: string, approver: string, answer: 'paid' | 'failed'): Promise<Body> {
  const run = await call(p, 'POST', '/v1/payout-batches', { token: preparer, body: { currency: 'AUD' } });
  expect(run.status, run.raw).toBe(201);
  const b = run.body.batch;
  expect((await call(p, 'POST', `/v1/payout-batches/${b.id}/approve`, { token: approver })).body.status).toBe('approved');
  expect((await call(p, 'POST', `/v1/payout-batches/${b.id}/send`, { token: preparer })).body.status).toBe('sent');
  const done = await call(p, 'POST', `/v1/payout-batches/${b.id}/confirmations`, {
    token: preparer,
    body: { items: [{ payout_id: b.items[0].id, status: answer, ...(answer === 'failed' ? { reason: 'account closed' } : {}) }] },
  });
  expect(done.status, done.raw).toBe(200);
  return run.body;
}

beforeAll(async () => {
  p = await startPlatform({ env: { PAYOUT_MINIMUM: '1000' }, clock });
  c = await setUpCorridor(p, { honey: 40, formula: 10 });
  fin2 = await operatorToken(p, 'finance');
  // February: one sale released.
  const february = await completedOrder(2);
  flow.goods.push(goodsOf(february));
  // Monday 2 March, 12:00 in Sydney.
  clock.set('2026-03-02T01:00:00Z');
  const order = await completedOrder(3);
  flow.goods.push(goodsOf(order));
  const refund = await call(p, 'POST', `/v1/orders/${february.id}/refund`, {
    token: c.admin,
    body: { reason: 'goodwill after release' },
  });
  expect(refund.status, refund.raw).toBe(200);
  const account = await call(p, 'PUT', `/v1/merchants/${c.A.id}/payout-account`, {
    token: c.A.owner,
    body: { country: 'AU', account_name: 'Manuka Bay Pty Ltd', bsb: '082-001', account_number: '694867196' },
  });
  expect(account.status, account.raw).toBe(200);
  clock.advance(3_600_000);
  const first = await batch(c.fin, fin2, 'failed');
  const conv = first.conversions.find((x: Body) => x.merchant_id === c.A.id);
  flow.converted = { cny: BigInt(conv.from.amount), aud: BigInt(conv.to.amount), rate: conv.rate };
  flow.returned = BigInt(first.batch.items[0].amount.amount);
  clock.advance(3_600_000);
  const second = await batch(fin2, c.fin, 'paid');
  flow.paid = BigInt(second.batch.items[0].amount.amount);
  flow.payouts = [first.batch.items[0].id, second.batch.items[0].id];
  clock.advance(3_600_000);
  // One more sale after the payouts: March ends with CNY on the balance.
  flow.goods.push(goodsOf(await completedOrder(1)));
}, 120_000);
afterAll(() => p?.close());

const sectionOf = (s: Body, currency: string) => s.currencies.find((x: Body) => x.currency === currency);
const linesOf = (sec: Body, kind: string) => sec.lines.filter((l: Body) => l.kind === kind);
const sumOf = (lines: Body[]) => lines.reduce((a: bigint, l: Body) => a + BigInt(l.amount.amount), 0n);
const grouped = (amount: bigint, currency: 'CNY' | 'AUD') => toDecimal(money(amount, currency)).replace(/\B(?=(\d{3})+\.)/g, ',');

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('a month’s statement', () => {
  let march: Body;
  let february: Body;

  it('covers CNY and AUD, each line a transfer, opening + lines = closing, closing = the account now', async () => {
    const r = await call(p, 'GET', '/v1/statements?period=2026-03', { token: c.A.owner });
    expect(r.status, r.raw).toBe(200);
    march = r.body;
    february = (await call(p, 'GET', '/v1/statements?period=2026-02', { token: c.A.owner })).body;
    expect(march).toMatchObject({
      object: 'statement',
      merchant_id: c.A.id,
      settlement_currency: 'AUD',
      period: {
        from: '2026-02-28T13:00:00.000Z',
        to: '2026-03-31T13:00:00.000Z',
        time_zone: 'Australia/Sydney',
        label: '2026-03-01 – 2026-03-31',
      },
    });
    expect(march.currencies.map((s: Body) => s.currency)).toEqual(['CNY', 'AUD']);
    for (const sec of march.currencies) {
      expect(BigInt(sec.opening_balance.amount) + sumOf(sec.lines)).toBe(BigInt(sec.closing_balance.amount));
      expect(BigInt(sec.closing_balance.amount)).toBe(await balanceOf(`merchant_pending:${c.A.id}:${sec.currency}`));
      // Every line is a transfer of the ledger, of the same amount, on this merchant's account.
      const ids = sec.lines.map((l: Body) => l.transfer_id);
      const rows = await p.rt.database.query<{ id: string; amount: string; debit: string; credit: string }>(
        `select t.id, t.amount::text as amount, d.key as debit, k.key as credit from ledger_transfers t
           join ledger_accounts d on d.id = t.debit_account_id join ledger_accounts k on k.id = t.credit_account_id
          where t.id = any($1::text[])`,
        [ids],
      );
      const byId = new Map(rows.map((x) => [x.id, x]));
      const key = `merchant_pending:${c.A.id}:${sec.currency}`;
      for (const l of sec.lines) {
        const t = byId.get(l.transfer_id);
        expect(t, l.transfer_id).toBeDefined();
        const signed = t?.credit === key ? BigInt(t.amount) : -BigInt(t?.amount ?? 0);
        expect([t?.credit, t?.debit]).toContain(key);
        expect(BigInt(l.amount.amount), l.transfer_id).toBe(signed);
        expect(BigInt(sec.totals[l.kind].amount)).toBe(sumOf(linesOf(sec, l.kind)));
      }
    }
  });

  it('CNY: opening is February’s closing; sales, refunds, commission, fees, commission refunds and the conversion', () => {
    const cny = sectionOf(march, 'CNY');
    const [feb, mar, late] = flow.goods as [bigint, bigint, bigint];
    expect(sectionOf(february, 'CNY').opening_balance.amount).toBe('0');
    expect(sectionOf(february, 'CNY').closing_balance.amount).toBe(net(feb).toString());
    expect(cny.opening_balance.amount).toBe(net(feb).toString());
    expect(cny.totals.sale.amount).toBe((mar + late).toString());
    expect(cny.totals.commission.amount).toBe((-(commissionOf(mar) + commissionOf(late))).toString());
    expect(cny.totals.fee.amount).toBe((-(feeOf(mar) + feeOf(late))).toString());
    // The February sale refunded in full after release: its goods back, its commission returned, its fee kept.
    expect(cny.totals.refund.amount).toBe((-feb).toString());
    expect(cny.totals.commission_refund.amount).toBe(commissionOf(feb).toString());
    expect(cny.totals.conversion_out.amount).toBe((-flow.converted.cny).toString());
    expect(flow.converted.cny).toBe(net(feb) + net(mar) - feb + commissionOf(feb));
    expect(cny.closing_balance.amount).toBe(net(late).toString());
    expect(linesOf(cny, 'sale').map((l: Body) => l.order_id)).toEqual([expect.stringMatching(/^ord_/), expect.stringMatching(/^ord_/)]);
    const refund = linesOf(cny, 'refund')[0];
    expect(refund.transfer_id).toMatch(/^refund:[^:]+:goods$/);
    expect(refund.order_id).toBe(linesOf(february.currencies[0], 'sale')[0].order_id);
  });

  it('AUD: the conversion with its rate, mid and spread, the payout returned and the payout paid', () => {
    const aud = sectionOf(march, 'AUD');
    expect(aud.opening_balance.amount).toBe('0');
    expect(aud.totals.conversion_in.amount).toBe(flow.converted.aud.toString());
    const [inLine] = linesOf(aud, 'conversion_in');
    expect(inLine.conversion).toMatchObject({
      from: { amount: (-flow.converted.cny).toString(), currency: 'CNY' },
      to: { amount: flow.converted.aud.toString(), currency: 'AUD' },
      rate: flow.converted.rate,
      spread_bps: 50,
    });
    expect(inLine.conversion.mid).toMatch(/^0\.\d+$/);
    expect(linesOf(sectionOf(march, 'CNY'), 'conversion_out')[0].conversion).toEqual(inLine.conversion);
    expect(aud.totals.payout.amount).toBe((-(flow.returned + flow.paid)).toString());
    expect(aud.totals.payout_returned.amount).toBe(flow.returned.toString());
    expect(linesOf(aud, 'payout').map((l: Body) => [l.transfer_id, l.payout.status])).toEqual([
      [`payout:${flow.payouts[0]}`, 'failed'],
      [`payout:${flow.payouts[1]}`, 'paid'],
    ]);
    expect(linesOf(aud, 'payout')[0].payout.reference).toMatch(/^TASMAN \d{8}$/);
    expect(march.payouts.map((x: Body) => [x.id, x.status])).toEqual([
      [flow.payouts[0], 'failed'],
      [flow.payouts[1], 'paid'],
    ]);
    expect(aud.closing_balance.amount).toBe('0');
  });

  it('the CSV has the same figures, with a BOM, and is sent as a file', async () => {
    const r = await call(p, 'GET', '/v1/statements?period=2026-03&format=csv', { token: c.A.apiKey });
    expect(r.status, r.raw).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="statement-${c.A.id}-2026-03-01_2026-03-31.csv"`);
    expect(r.raw.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(r.raw.slice(1));
    expect(header).toEqual([...STATEMENT_CSV_HEADER]);
    const col = (name: string) => STATEMENT_CSV_HEADER.indexOf(name);
    const dec = (a: { amount: string; currency: 'CNY' | 'AUD' }) => toDecimal(money(BigInt(a.amount), a.currency));
    for (const sec of march.currencies) {
      const mine = rows.filter((x) => x[col('currency')] === sec.currency);
      expect(mine[0]?.[col('kind')]).toBe('opening_balance');
      expect(mine[0]?.[col('balance')]).toBe(dec(sec.opening_balance));
      expect(mine.at(-1)?.[col('kind')]).toBe('closing_balance');
      expect(mine.at(-1)?.[col('balance')]).toBe(dec(sec.closing_balance));
      const lines = mine.slice(1, -1);
      expect(lines.map((x) => x[col('transfer_id')])).toEqual(sec.lines.map((l: Body) => l.transfer_id));
      lines.forEach((x, i) => {
        const l = sec.lines[i];
        expect([x[col('kind')], x[col('amount')], x[col('balance')]]).toEqual([l.kind, dec(l.amount), dec(l.balance_after)]);
      });
    }
  });

  it('the PDF is a PDF whose text holds the balances and the totals', async () => {
    const r = await p.app.inject({
      method: 'GET',
      url: '/v1/statements?period=2026-03&format=pdf',
      headers: { authorization: `Bearer ${c.A.owner}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain('.pdf"');
    const bytes = new Uint8Array(r.rawPayload);
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const text = (await readPdf(bytes)).map((x) => x.text).join('\n');
    expect(text).toContain('Merchant statement 商户结算对账单');
    expect(text).toContain('Period 2026-03-01 – 2026-03-31');
    for (const cur of ['CNY', 'AUD'] as const) {
      const sec = sectionOf(march, cur);
      expect(text).toContain(`${cur} ${grouped(BigInt(sec.opening_balance.amount), cur)}`);
      expect(text).toContain(`${cur} ${grouped(BigInt(sec.closing_balance.amount), cur)}`);
      for (const [kind, t] of Object.entries(sec.totals) as [string, Body][]) {
        if (t.amount !== '0') expect(text, kind).toContain(`${cur} ${grouped(BigInt(t.amount), cur)}`);
      }
    }
    expect(text).toContain(flow.converted.rate);
    expect(text).toContain(flow.payouts[1]);
  });

  it('a span with no activity opens and closes on the same balance; so does a month still to come', async () => {
    const quiet = await call(p, 'GET', '/v1/statements?from=2026-02-28&to=2026-03-01', { token: c.A.owner });
    expect(quiet.status, quiet.raw).toBe(200);
    const cny = sectionOf(quiet.body, 'CNY');
    expect(cny.lines).toEqual([]);
    expect(cny.opening_balance).toEqual(cny.closing_balance);
    expect(cny.closing_balance.amount).toBe(net(flow.goods[0] as bigint).toString());
    const april = await call(p, 'GET', '/v1/statements?period=2026-04', { token: c.A.owner });
    for (const sec of april.body.currencies) {
      expect(sec.lines).toEqual([]);
      expect(sec.opening_balance).toEqual(sec.closing_balance);
      expect(BigInt(sec.closing_balance.amount)).toBe(await balanceOf(`merchant_pending:${c.A.id}:${sec.currency}`));
    }
    // Before anything happened: the settlement currency at zero.
    const before = await call(p, 'GET', '/v1/statements?period=2025-12&format=csv', { token: c.A.owner });
    expect(before.status).toBe(200);
    expect(
      parseCsv(before.raw.slice(1))
        .slice(1)
        .map((x) => [x[1], x[2], x.at(-1)]),
    ).toEqual([
      ['AUD', 'opening_balance', '0.00'],
      ['AUD', 'closing_balance', '0.00'],
    ]);
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });
});

describe('who sees which statement', () => {
  it('another merchant cannot reach A’s: not found, and its own shows none of A’s transfers', async () => {
    for (const token of [c.B.owner, c.B.apiKey]) {
      const r = await call(p, 'GET', `/v1/statements?period=2026-03&merchant_id=${c.A.id}&format=pdf`, { token });
      expect(r.status, r.raw).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    const own = await call(p, 'GET', '/v1/statements?period=2026-03', { token: c.B.owner });
    expect(own.status, own.raw).toBe(200);
    expect(own.body.merchant_id).toBe(c.B.id);
    expect(own.raw).not.toContain(c.A.id);
    expect(own.body.currencies).toEqual([expect.objectContaining({ currency: 'AUD', lines: [] })]);
  });

  it('operators but operations name the merchant; a bad period is a 400 naming its parameter', async () => {
    const support = await operatorToken(p, 'support');
    const ok = await call(p, 'GET', `/v1/statements?period=2026-03&merchant_id=${c.A.id}`, { token: support });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body.currencies).toEqual((await call(p, 'GET', '/v1/statements?period=2026-03', { token: c.A.owner })).body.currencies);
    expect((await call(p, 'GET', `/v1/statements?period=2026-03&merchant_id=${c.A.id}`, { token: c.ops })).status).toBe(403);
    const unnamed = await call(p, 'GET', '/v1/statements?period=2026-03', { token: c.fin });
    expect([unnamed.status, unnamed.body.error.param]).toEqual([400, 'merchant_id']);
    for (const [query, param] of [
      ['period=2026-13', 'period'],
      ['from=2026-03-01', 'to'],
      ['from=2026-03-05&to=2026-03-01', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['period=2026-03&from=2026-03-01&to=2026-03-02', 'period'],
      ['from=2024-01-01&to=2026-01-01', 'to'],
    ]) {
      const r = await call(p, 'GET', `/v1/statements?${query}`, { token: c.A.owner });
      expect([r.status, r.body.error?.param], query).toEqual([400, param]);
    }
  });
});
