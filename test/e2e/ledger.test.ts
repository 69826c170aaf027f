// The ledger through the API: accounts with balance rules, single and two-phase transfers,
// linked batches all or nothing, idempotency on the client's transfer id, expiry,
// statements, and verification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../../src/main.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { call, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let fin: string;
let n = 0;
const uid = (tag: string) => `${tag}-${Date.now().toString(36)}-${n++}`;

beforeAll(async () => {
  p = await startPlatform();
  fin = await operatorToken(p, 'finance');
});
afterAll(() => p?.close());

async function account(kind = 'liability', constraint = 'none', currency = 'CNY'): Promise<string> {
  const r = await call(p, 'POST', '/v1/ledger/accounts', {
    token: fin,
    body: { key: uid('acct'), name: `${kind} ${constraint}`, currency, kind, balance_constraint: constraint },
  });
  if (r.status !== 201) throw new Error(r.raw);
  return r.body.id;
}
const transfer = (body: Record<string, unknown>) =>
  call(p, 'POST', '/v1/ledger/transfers', { token: fin, body: { id: uid('t'), currency: 'CNY', ...body } });
const batch = (transfers: Record<string, unknown>[]) =>
  call(p, 'POST', '/v1/ledger/transfer-batches', {
    token: fin,
    body: { transfers: transfers.map((t) => ({ id: uid('b'), currency: 'CNY', ...t })) },
  });
const get = async (id: string) => (await call(p, 'GET', `/v1/ledger/accounts/${id}`, { token: fin })).body;

describe('accounts', () => {
  it('are idempotent on key, and refuse the same key with another currency', async () => {
    const body = {
      key: uid('wallet'),
      name: 'Wallet',
      currency: 'CNY',
      kind: 'liability',
      balance_constraint: 'debits_must_not_exceed_credits',
    };
    const a = await call(p, 'POST', '/v1/ledger/accounts', { token: fin, body });
    const b = await call(p, 'POST', '/v1/ledger/accounts', { token: fin, body });
    expect(b.body.id).toBe(a.body.id);
    const c = await call(p, 'POST', '/v1/ledger/accounts', { token: fin, body: { ...body, currency: 'AUD' } });
    expect(c.body.error).toMatchObject({ code: 'already_exists', param: 'key' });
  });
});

describe('single transfers', () => {
  it('debit one account and credit the other by the same amount; balances follow each kind', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const r = await transfer({ debit_account_id: bank, credit_account_id: wallet, amount: '10000' });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ kind: 'single', status: 'posted', amount: { amount: '10000', currency: 'CNY' } });
    expect((await get(bank)).balance).toEqual({ amount: '10000', currency: 'CNY' });
    expect((await get(wallet)).balance).toEqual({ amount: '10000', currency: 'CNY' });
  });

  it('never overdraw an account whose debits must not exceed its credits', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const shop = await account('liability');
    await transfer({ debit_account_id: bank, credit_account_id: wallet, amount: '500' });
    const over = await transfer({ debit_account_id: wallet, credit_account_id: shop, amount: '501' });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'exceeds_credits', param: 'amount' });
    expect((await get(wallet)).balance.amount).toBe('500');
    expect((await transfer({ debit_account_id: wallet, credit_account_id: shop, amount: '500' })).status).toBe(201);
  });

  it('refuse mixed currencies, one account on both sides, unknown accounts', async () => {
    const cny = await account('asset');
    const aud = await account('liability', 'none', 'AUD');
    const mixed = await transfer({ debit_account_id: cny, credit_account_id: aud, amount: '1' });
    expect(mixed.body.error.code).toBe('currency_mismatch');
    const same = await transfer({ debit_account_id: cny, credit_account_id: cny, amount: '1' });
    expect(same.body.error).toMatchObject({ code: 'invalid_request', param: 'credit_account_id' });
    const unknown = await transfer({ debit_account_id: cny, credit_account_id: 'acc_01h0000000000000000000000', amount: '1' });
    expect(unknown.status).toBe(404);
  });

  it('are idempotent on the client’s id; the same id with other fields is transfer_exists', async () => {
    const a = await account('asset');
    const b = await account('liability');
    const id = uid('once');
    const first = await transfer({ id, debit_account_id: a, credit_account_id: b, amount: '700' });
    const again = await transfer({ id, debit_account_id: a, credit_account_id: b, amount: '700' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await get(b)).balance.amount).toBe('700');
    const other = await transfer({ id, debit_account_id: a, credit_account_id: b, amount: '701' });
    expect(other.body.error).toMatchObject({ code: 'transfer_exists', param: 'id' });
  });
});

describe('two-phase transfers', () => {
  it('pending holds, a partial post takes part and releases the rest; closing twice is refused', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const escrow = await account('liability');
    await transfer({ debit_account_id: bank, credit_account_id: wallet, amount: '1000' });
    const hold = await transfer({ kind: 'pending', debit_account_id: wallet, credit_account_id: escrow, amount: '800' });
    expect(hold.body.status).toBe('pending');
    expect(await get(wallet)).toMatchObject({ balance: { amount: '1000' }, available: { amount: '200' }, debits_pending: '800' });
    expect((await transfer({ debit_account_id: wallet, credit_account_id: escrow, amount: '201' })).body.error.code).toBe(
      'exceeds_credits',
    );
    const post = await transfer({ kind: 'post_pending', pending_id: hold.body.id, amount: '600' });
    expect(post.status, post.raw).toBe(201);
    expect(await get(wallet)).toMatchObject({ balance: { amount: '400' }, available: { amount: '400' }, debits_pending: '0' });
    expect((await get(escrow)).balance.amount).toBe('600');
    expect((await call(p, 'GET', `/v1/ledger/transfers/${hold.body.id}`, { token: fin })).body.status).toBe('posted');
    const again = await transfer({ kind: 'void_pending', pending_id: hold.body.id });
    expect(again.body.error).toMatchObject({ code: 'pending_transfer_closed', param: 'pending_id' });
  });

  it('a post above the hold is refused; a void releases it all', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const escrow = await account('liability');
    await transfer({ debit_account_id: bank, credit_account_id: wallet, amount: '100' });
    const hold = await transfer({ kind: 'pending', debit_account_id: wallet, credit_account_id: escrow, amount: '100' });
    expect((await transfer({ kind: 'post_pending', pending_id: hold.body.id, amount: '101' })).body.error.code).toBe(
      'exceeds_pending_amount',
    );
    expect((await transfer({ kind: 'void_pending', pending_id: hold.body.id })).status).toBe(201);
    expect(await get(wallet)).toMatchObject({ available: { amount: '100' }, debits_pending: '0' });
  });

  it('a pending transfer past its timeout cannot be posted and is voided by the job', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const escrow = await account('liability');
    await transfer({ debit_account_id: bank, credit_account_id: wallet, amount: '100' });
    const hold = await transfer({
      kind: 'pending',
      debit_account_id: wallet,
      credit_account_id: escrow,
      amount: '60',
      timeout_seconds: 60,
    });
    p.clock.advance(61_000);
    expect((await transfer({ kind: 'post_pending', pending_id: hold.body.id })).body.error.code).toBe('pending_transfer_expired');
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    expect((await call(p, 'GET', `/v1/ledger/transfers/${hold.body.id}`, { token: fin })).body.status).toBe('expired');
    expect(await get(wallet)).toMatchObject({ available: { amount: '100' }, debits_pending: '0' });
  });
});

describe('linked batches', () => {
  it('apply all together, and a failing transfer leaves nothing applied, naming its index', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const escrow = await account('liability');
    const ok = await batch([
      { debit_account_id: bank, credit_account_id: wallet, amount: '300' },
      { debit_account_id: wallet, credit_account_id: escrow, amount: '300' },
    ]);
    expect(ok.status, ok.raw).toBe(201);
    expect(new Set(ok.body.transfers.map((t: { batch_id: string }) => t.batch_id)).size).toBe(1);
    const bad = await batch([
      { debit_account_id: bank, credit_account_id: wallet, amount: '50' },
      { debit_account_id: wallet, credit_account_id: escrow, amount: '51' },
    ]);
    expect(bad.status).toBe(409);
    expect(bad.body.error).toMatchObject({ code: 'exceeds_credits', index: 1, param: 'transfers.1.amount' });
    expect((await get(wallet)).balance.amount).toBe('0');
    expect((await get(bank)).balance.amount).toBe('300');
  });

  it('may hold and post within one batch', async () => {
    const a = await account('asset');
    const b = await account('liability');
    const holdId = uid('hold');
    const r = await batch([
      { id: holdId, kind: 'pending', debit_account_id: a, credit_account_id: b, amount: '90' },
      { kind: 'post_pending', pending_id: holdId, amount: '40' },
    ]);
    expect(r.status, r.raw).toBe(201);
    expect(r.body.transfers[0].status).toBe('posted');
    expect(await get(b)).toMatchObject({ balance: { amount: '40' }, credits_pending: '0' });
  });
});

describe('statements and verification', () => {
  it('list an account’s transfers newest first, in pages', async () => {
    const a = await account('asset');
    const b = await account('liability');
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await transfer({ debit_account_id: a, credit_account_id: b, amount: String(i) })).body.id);
    const first = await call(p, 'GET', `/v1/ledger/accounts/${b}/statement?limit=3`, { token: fin });
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual(ids.slice(2).reverse());
    expect(first.body.has_more).toBe(true);
    const next = await call(p, 'GET', `/v1/ledger/accounts/${b}/statement?limit=3&starting_after=${ids[2]}`, { token: fin });
    expect(next.body.data.map((t: { id: string }) => t.id)).toEqual(ids.slice(0, 2).reverse());
    expect(next.body.has_more).toBe(false);
  });

  it('recomputes every balance from the transfers without a difference, and every currency balances', async () => {
    const r = await verifyLedger(p.ctx());
    expect(r.transfers).toBeGreaterThan(10);
    expect(r.differences).toEqual([]);
    expect(r.unbalanced).toEqual([]);
  });
});
