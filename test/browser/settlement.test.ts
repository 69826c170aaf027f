// Settlement in a real browser against the demo platform (issue 8): the demo shopper buys from an
// Australian merchant and confirms receipt (escrow released to the merchant's CNY balance, through
// the API). Then in the operator console one finance operator prepares the AUD batch (the CNY
// balance converted with its rate and spread, the other merchants skipped with a reason) and may
// not approve it; a second one approves it; the first, still on the old page, is refused with the
// API's message; the second downloads the ABA file, marks it sent and records the bank's answer
// (paid, another amount), which reconciliation lists as a difference. A hold is put and lifted on
// the merchant's page. The merchant sees the payout paid, the balance and the statement links.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, checkScreen, DEMO, type DemoPlatform, JOURNEY, newContext, withDemoPlatform, shopperBuysOne } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;
const OWNER = 'owner@harbourlight.demo.tasman.local';
const FINANCE = [1, 2].map((n) => ({
  email: `finance${n}.${randomBytes(3).toString('hex')}@tasman.local`,
  name: `Finance Operator ${n}`,
  password: `finance-operator-${n}-password`,
}));
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Settings for the demo platform: with a one-dollar minimum payout (one order is
 * enough) and the weekly payout run three days away, so the schedule never prepares the batch
 * this test prepares by hand.
 */
const SETTLEMENT_ENV = { PAYOUT_MINIMUM: '100', PAYOUT_WEEKDAY: WEEKDAYS[(new Date().getUTCDay() + 3) % 7] as string };

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
}, SETTLEMENT_ENV);

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const call = (req: APIRequestContext, method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<Body> =>
  apiCall(platform, req, method, path, data);

async function session(realm: 'shopper' | 'staff', email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await call(context.request, 'POST', '/v1/sessions', { realm, email, password });
  return context;
}

/** The demo shopper buys one unit of the merchant's first stocked variant, receives it and confirms: released. */
async function releasedOrder(merchant: APIRequestContext, shopper: APIRequestContext, ops: APIRequestContext): Promise<Body> {
  const products = await call(merchant, 'GET', '/v1/products?status=active&limit=100');
  const levels = await call(merchant, 'GET', '/v1/stock-levels?limit=100');
  const stocked = new Set(levels.data.filter((l: Body) => l.available > 0).map((l: Body) => l.variant_id));
  const variant = products.data.flatMap((p: Body) => p.variants).find((v: Body) => stocked.has(v.id));
  expect(variant, 'a listed, stocked variant').toBeTruthy();

  const paid = await shopperBuysOne(platform, shopper, variant.id);
  const order = paid.orders[0];
  await call(merchant, 'POST', `/v1/orders/${order.id}/ship`, { tracking_number: 'SF1234567890' });
  await call(ops, 'POST', `/v1/orders/${order.id}/deliver`, {});
  const done = await call(shopper, 'POST', `/v1/orders/${order.id}/complete`, {});
  expect(done.state).toBe('completed');
  return done;
}

async function signIn(page: Page, path: string, email: string, password: string, landing: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: landing }).waitFor({ timeout: 30_000 });
}

const text = (page: Page, t: string | RegExp) => page.getByText(t).first().waitFor({ timeout: 30_000 });

describe('settlement', () => {
  it('four eyes on a payout batch, its ABA file and the bank’s answer; the merchant sees the payout paid', JOURNEY, async () => {
    const admin = await session('staff', DEMO.operator.email, DEMO.operator.password);
    for (const f of FINANCE) await call(admin.request, 'POST', '/v1/operators', { ...f, role: 'finance' });
    const merchantApi = await session('staff', OWNER, DEMO.merchantPassword);
    const shopperApi = await session('shopper', DEMO.shopper.email, DEMO.shopper.password);
    const me = await call(merchantApi.request, 'GET', '/v1/me');
    const merchantId: string = me.merchant_id;
    await releasedOrder(merchantApi.request, shopperApi.request, admin.request);
    const before = await call(merchantApi.request, 'GET', '/v1/balance');
    const cny = before.balances.find((b: Body) => b.currency === 'CNY');
    expect(BigInt(cny?.amount ?? '0')).toBeGreaterThan(0n);

    // Finance operator 1 prepares the AUD batch: the CNY balance converted, the others skipped.
    const one = await newContext(browser, platform.url, { locale: 'en' });
    const p1 = await one.newPage();
    await signIn(p1, '/operator/', FINANCE[0]?.email ?? '', FINANCE[0]?.password ?? '', 'Merchant applications');
    await p1.getByRole('link', { name: 'Settlement', exact: true }).click();
    await p1.getByRole('heading', { level: 1, name: 'Settlement' }).waitFor();
    await p1.getByRole('button', { name: 'Prepare AUD batch' }).click();
    // (The demo data's own completed orders are paid too.)
    await text(p1, /A draft AUD batch with \d+ payout\(s\) was prepared/);
    const conversions = p1.getByRole('table', { name: 'Conversions' });
    const row = conversions.getByRole('row').filter({ hasText: merchantId });
    await row.waitFor();
    expect(await row.textContent()).toContain('50 bps');
    await p1.getByRole('table', { name: 'Merchants not paid' }).getByText('Nothing due').first().waitFor();
    await checkScreen(p1, 'operator-settlement-prepared');
    const open = p1.getByRole('link', { name: /^Open batch / });
    const batchId = ((await open.textContent()) ?? '').replace('Open batch ', '');
    expect(batchId).toMatch(/^pob_/);
    await open.click();
    await p1.getByRole('heading', { level: 1, name: `Payout batch ${batchId}` }).waitFor();
    // The preparer may not approve: the button is off, and says why.
    await text(p1, 'You prepared this batch, so you cannot approve it: a second finance operator must.');
    expect(await p1.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await text(p1, 'The bank file is available once the batch is approved.');
    await checkScreen(p1, 'operator-payout-batch-draft');

    // Finance operator 2 approves it.
    const two = await newContext(browser, platform.url, { locale: 'en' });
    const p2 = await two.newPage();
    await signIn(p2, '/operator/', FINANCE[1]?.email ?? '', FINANCE[1]?.password ?? '', 'Merchant applications');
    await p2.goto(`/operator/settlement/batches/${batchId}`);
    await p2.getByRole('heading', { level: 1, name: `Payout batch ${batchId}` }).waitFor({ timeout: 30_000 });
    await p2.getByRole('button', { name: 'Approve' }).click();
    await text(p2, 'Your approval is recorded. The batch is now: Approved.');

    // Operator 1's page is out of date: cancelling the approved batch is refused with the API's message.
    await p1.getByRole('button', { name: 'Cancel batch' }).click();
    await p1.getByRole('button', { name: 'Yes, cancel the batch' }).click();
    await text(p1, /cannot be cancelled; only a draft can/);
    await p1.getByRole('link', { name: /Download the bank file/ }).waitFor({ timeout: 30_000 });

    // The ABA file: 120-character records, header, the payout's detail record, trailer.
    const downloading = p2.waitForEvent('download');
    await p2.getByRole('link', { name: 'Download the bank file (ABA (Cemtex) file)' }).click();
    const file = readFileSync((await (await downloading).path()) as string, 'latin1');
    const records = file.split(/\r?\n/).filter(Boolean);
    expect(records.every((r) => r.length === 120)).toBe(true);
    expect(records[0]?.[0]).toBe('0');
    expect(records.at(-1)?.[0]).toBe('7');
    expect(records.filter((r) => r[0] === '1' && r.slice(1, 8) === '062-214')).toHaveLength(1);

    // Sent to the bank, then the bank's answer: paid, a cent less than the payout.
    await p2.getByRole('button', { name: 'Mark sent to the bank' }).click();
    await p2.getByRole('button', { name: 'Yes, it was uploaded' }).click();
    await text(p2, "The batch is marked sent. Record the bank's answer below when it comes.");
    const batch = await call(admin.request, 'GET', `/v1/payout-batches/${batchId}`);
    const payout = batch.items.find((i: Body) => i.merchant_id === merchantId);
    expect(payout).toMatchObject({ merchant_id: merchantId, status: 'pending' });
    const less = (BigInt(payout.amount.amount) - 1n).toString();
    const answer = p2.getByRole('group', { name: new RegExp(payout.id) });
    await answer.getByLabel("Bank's answer", { exact: true }).selectOption('paid');
    await answer.getByLabel('Amount the bank reports (optional)').fill(`${less.slice(0, -2) || '0'}.${less.slice(-2).padStart(2, '0')}`);
    await p2.getByRole('button', { name: 'Record answers' }).click();
    await text(p2, "The bank's answers are recorded.");
    const paidItem = p2.getByRole('table', { name: 'Payouts' }).getByRole('row').filter({ hasText: payout.id });
    await paidItem.getByText('Paid', { exact: true }).waitFor();
    await paidItem.getByText('Bank reported:').waitFor();
    await checkScreen(p2, 'operator-payout-batch-confirmed');

    // Reconciliation lists the difference.
    await p2.getByRole('link', { name: 'Reconciliation', exact: true }).click();
    await p2.getByRole('heading', { level: 1, name: 'Reconciliation' }).waitFor();
    const diffs = p2.getByRole('table', { name: 'Differences' });
    await diffs.getByText('Bank paid another amount').waitFor({ timeout: 30_000 });
    expect(await diffs.getByRole('row').filter({ hasText: payout.id }).count()).toBeGreaterThan(0);
    await checkScreen(p2, 'operator-reconciliation');

    // The merchant's page: balance and payouts, a hold put with a reason, then lifted.
    await p2.goto(`/operator/merchants/${merchantId}`);
    await p2.getByRole('heading', { name: 'Balance and payouts' }).waitFor({ timeout: 30_000 });
    await p2.getByLabel('Reason for the hold').fill('Chargeback review');
    await p2.getByRole('button', { name: 'Hold payouts' }).click();
    await text(p2, 'Payouts are on hold: Chargeback review');
    await p2.getByRole('button', { name: 'Lift hold' }).click();
    await text(p2, 'Payouts are not on hold.');
    await one.close();
    await two.close();

    // The merchant: the payout paid, to the masked account, with its reference; the balance; statements.
    const merchant = await newContext(browser, platform.url, { locale: 'en' });
    const pm = await merchant.newPage();
    await signIn(pm, '/merchant/', OWNER, DEMO.merchantPassword, 'Sales dashboard');
    await pm.getByRole('link', { name: 'Payouts', exact: true }).click();
    await pm.getByRole('heading', { level: 1, name: 'Payouts' }).waitFor();
    const list = pm.getByRole('table', { name: 'Payouts to your bank account' });
    const paidRow = list.getByRole('row').filter({ hasText: payout.reference });
    await paidRow.getByText('Paid', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await paidRow.textContent()).toContain(payout.account);
    await pm.getByRole('table', { name: 'Recent conversions' }).getByText('50 bps').waitFor();
    await text(pm, 'Next payout date');
    const now = new Date();
    const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const csv = pm.getByRole('link', { name: `Download the ${period} statement as CSV` });
    expect(await csv.getAttribute('href')).toBe(`/v1/statements?period=${period}&format=csv`);
    for (const format of ['csv', 'pdf']) {
      const href = await pm.getByRole('link', { name: `Download the ${period} statement as ${format.toUpperCase()}` }).getAttribute('href');
      const res = await merchant.request.get(`${platform.url}${href}`);
      expect(res.status(), `${href}: ${res.status()}`).toBe(200);
      expect(res.headers()['content-type']).toContain(format === 'csv' ? 'text/csv' : 'application/pdf');
    }
    await text(pm, 'Change payout account');
    await checkScreen(pm, 'merchant-payouts');
    const after = await call(merchantApi.request, 'GET', '/v1/balance');
    expect(after.balances.every((b: Body) => b.amount === '0')).toBe(true);

    await merchant.close();
    await admin.close();
    await merchantApi.close();
    await shopperApi.close();
  });
});
