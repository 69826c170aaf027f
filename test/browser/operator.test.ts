// The operator console in a real browser against the demo platform: sign in, review merchant
// applications (approve one, reject another with a reason), then every main screen checked for
// accessibility: FX rates (with a rate set), the logistics network, orders, jobs, the audit log.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, DEMO, type DemoPlatform, JOURNEY, newContext, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

let seq = 0;
const unique = (tag: string) => `${tag}-${Date.now().toString(36)}-${seq++}`;

/** A brand applies through the public API, as on the merchant sign-up page. */
async function apply(legalName: string): Promise<{ id: string; status: string }> {
  const res = await fetch(`${platform.url}/v1/merchant-applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      legal_name: legalName,
      trading_name: legalName.replace(/ Pty Ltd$/, ''),
      country: 'AU',
      business_number: '51 824 753 556',
      gst_registered: true,
      contact: { name: 'Mia Contact', email: `${unique('contact')}@example.test`, phone: '+61 400 000 000' },
      categories: ['honey'],
      brands: [legalName],
      payout_account: { country: 'AU', account_name: legalName, bsb: '062-000', account_number: '12345678' },
      owner: { email: `${unique('owner')}@example.test`, name: 'Olivia Owner', password: 'correct-horse-battery' },
    }),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

async function operatorToken(): Promise<string> {
  const res = await fetch(`${platform.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ realm: 'staff', ...DEMO.operator }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).token;
}

async function getMerchant(token: string, id: string) {
  const res = await fetch(`${platform.url}/v1/merchants/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

/** A JSON call to the demo platform, as a client would make it. */
async function http(method: string, path: string, o: { token?: string; body?: unknown; idempotent?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.idempotent) headers['idempotency-key'] = crypto.randomUUID();
  const res = await fetch(`${platform.url}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, raw: text };
}

/** The demo shopper in China buys one item: top-up by the sandbox card, cart, checkout, pay. */
async function placeDemoOrder(): Promise<string> {
  const session = await http('POST', '/v1/sessions', { body: { realm: 'shopper', ...DEMO.shopper } });
  expect(session.status, session.raw).toBe(201);
  const token = session.body.token as string;
  const topUp = await http('POST', '/v1/wallet/top-ups', {
    token,
    idempotent: true,
    body: { amount: '300000', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
  });
  expect(topUp.status, topUp.raw).toBe(201);
  await expect
    .poll(async () => BigInt((await http('GET', '/v1/wallet', { token })).body.available.amount), { timeout: 60_000 })
    .toBeGreaterThan(0n);
  const products = await http('GET', '/v1/storefront/products?limit=20', { token });
  expect(products.status, products.raw).toBe(200);
  const variant = (products.body.data as { variants?: { id: string }[] }[]).flatMap((p) => p.variants ?? [])[0];
  const detail = variant ? undefined : await http('GET', `/v1/storefront/products/${products.body.data[0].id}`, { token });
  const variantId = variant?.id ?? detail?.body.variants[0].id;
  const line = await http('POST', '/v1/cart/lines', { token, body: { variant_id: variantId, quantity: 1 } });
  expect(line.status, line.raw).toBeLessThan(300);
  const checkout = await http('POST', '/v1/checkouts', {
    token,
    idempotent: true,
    body: {
      address: {
        region: 'CN-ZJ',
        city: '杭州市',
        district: '西湖区',
        street: '文三路 90 号 1 幢 501 室',
        postal_code: '310012',
        recipient: '李伟',
        mobile: '13800138000',
      },
    },
  });
  expect(checkout.status, checkout.raw).toBe(201);
  const paid = await http('POST', `/v1/checkouts/${checkout.body.id}/pay`, { token, idempotent: true });
  expect(paid.status, paid.raw).toBeLessThan(300);
  const orders = await http('GET', '/v1/orders?limit=1', { token });
  return orders.body.data[0].id as string;
}

async function signIn(page: Page) {
  await page.goto('/operator/');
  await expect.poll(() => page.getByRole('heading', { name: 'Operator sign-in' }).count(), { timeout: 30_000 }).toBe(1);
  await page.getByLabel('Email').fill(DEMO.operator.email);
  await page.getByLabel('Password').fill(DEMO.operator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
const text = (page: Page, t: string) => page.getByText(t, { exact: true }).first().waitFor({ timeout: 30_000 });

describe('operator console', () => {
  it('signs in, approves one application and rejects another with a reason', JOURNEY, async () => {
    const approveName = `${unique('Harbour Honey')} Pty Ltd`;
    const rejectName = `${unique('Southern Snacks')} Pty Ltd`;
    const toApprove = await apply(approveName);
    const toReject = await apply(rejectName);
    expect(toApprove.status).toBe('applied');

    const context = await newContext(browser, platform.url, { locale: 'en' });
    const page = await context.newPage();

    // A wrong password is refused in words, on the page.
    await page.goto('/operator/');
    await page.getByLabel('Email').fill(DEMO.operator.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await text(page, 'The email or password is wrong, or this account cannot sign in.');
    await checkScreen(page, 'operator-sign-in');

    await signIn(page);
    await heading(page, 'Merchant applications');
    await page.getByRole('link', { name: approveName }).waitFor();
    await page.getByRole('link', { name: rejectName }).waitFor();
    await checkScreen(page, 'operator-applications');

    // Approve: the page and the API agree.
    await page.getByRole('link', { name: approveName }).click();
    await heading(page, approveName);
    await page.getByRole('heading', { name: 'Status history' }).waitFor();
    await checkScreen(page, 'operator-merchant-detail');
    await page.getByRole('button', { name: 'Approve' }).click();
    await text(page, 'The merchant is approved.');
    await text(page, 'Approved');
    const token = await operatorToken();
    expect((await getMerchant(token, toApprove.id)).status).toBe('approved');
    // Its history shows the decision; an approved merchant can now be suspended.
    await page.getByRole('button', { name: 'Suspend' }).waitFor();

    // Reject: a reason is asked for before anything is sent, then recorded.
    await page.getByRole('link', { name: '← All merchants' }).click();
    await heading(page, 'Merchant applications');
    await expect.poll(() => page.getByRole('link', { name: approveName }).count()).toBe(0);
    await page.getByRole('link', { name: rejectName }).click();
    await heading(page, rejectName);
    await page.getByRole('button', { name: 'Reject' }).click();
    await text(page, 'Please give a reason.');
    expect((await getMerchant(token, toReject.id)).status).toBe('applied');
    await page.getByLabel('Reason').fill('The ABN belongs to another business.');
    await page.getByRole('button', { name: 'Reject' }).click();
    await text(page, 'The application is rejected.');
    const rejected = await getMerchant(token, toReject.id);
    expect(rejected).toMatchObject({ status: 'rejected', status_reason: 'The ABN belongs to another business.' });
    await text(page, 'The ABN belongs to another business.');

    // The approved merchant appears under its status filter.
    await page.getByRole('link', { name: '← All merchants' }).click();
    await page.getByLabel('Status').selectOption('approved');
    await page.getByRole('link', { name: approveName }).waitFor({ timeout: 30_000 });

    // Chinese is one tap away.
    await page.getByRole('button', { name: 'Switch language' }).click();
    await heading(page, '商家');
    await page.getByRole('link', { name: '汇率' }).waitFor();
    await checkScreen(page, 'operator-merchants-zh');
    await page.getByRole('button', { name: '切换语言' }).click();
    await heading(page, 'Merchants');
    await context.close();
  });

  it('shows FX rates (and sets one), the logistics network, orders, jobs and the audit log', JOURNEY, async () => {
    const context = await newContext(browser, platform.url, { locale: 'en' });
    const page = await context.newPage();
    await signIn(page);
    await heading(page, 'Merchant applications');

    // FX: the demo rates, a malformed rate refused before sending, then a new rate in force.
    await page.getByRole('link', { name: 'FX rates', exact: true }).click();
    await heading(page, 'FX rates');
    await page.getByRole('table', { name: 'Rates in force' }).waitFor();
    await page.getByRole('cell', { name: 'AUD/CNY' }).first().waitFor();
    await checkScreen(page, 'operator-fx');
    await page.getByLabel('Base currency').first().selectOption('NZD');
    await page.getByLabel('Quote currency').first().selectOption('CNY');
    await page.getByLabel('Mid rate').fill('4,1');
    await page.getByRole('button', { name: 'Set rate' }).click();
    await text(page, 'Enter a rate above zero such as 4.7123 (up to 6 digits, then up to 10 decimals).');
    await page.getByLabel('Mid rate').fill('4.3219');
    await page.getByRole('button', { name: 'Set rate' }).click();
    await text(page, 'The rate is saved.');
    await page.getByRole('cell', { name: '4.3219' }).first().waitFor();
    const rates = await (await fetch(`${platform.url}/v1/fx/rates`)).json();
    expect(rates.data.find((r: { base: string; quote: string }) => r.base === 'NZD' && r.quote === 'CNY')?.mid).toBe('4.3219');

    // Logistics: nodes and lanes, a node's page and a lane's rate card.
    await page.getByRole('link', { name: 'Logistics', exact: true }).click();
    await heading(page, 'Logistics network');
    await page.getByRole('table', { name: 'Hubs and warehouses' }).waitFor();
    await page.getByRole('table', { name: 'Lanes and rate cards' }).waitFor();
    await checkScreen(page, 'operator-logistics');
    await page.getByRole('table', { name: 'Lanes and rate cards' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Rate card' }).waitFor({ timeout: 30_000 });
    await checkScreen(page, 'operator-lane');
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('First weight (g)').waitFor();
    await page.getByLabel('Transit days (min)').fill('9');
    await page.getByLabel('Transit days (max)').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await text(page, 'The maximum cannot be below the minimum.');
    await checkScreen(page, 'operator-lane-edit');

    // Orders across merchants: the one the demo shopper just paid for, and its history.
    const orderId = await placeDemoOrder();
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await heading(page, 'Orders');
    await page.getByRole('link', { name: orderId }).waitFor({ timeout: 30_000 });
    await checkScreen(page, 'operator-orders');
    await page.getByLabel('State').selectOption('refunded');
    await page.getByRole('button', { name: 'Search' }).click();
    await text(page, 'No orders match these filters.');
    await page.getByLabel('State').selectOption('paid');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: orderId }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'History' }).getByText('Paid').first().waitFor();
    await checkScreen(page, 'operator-order-detail');

    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await heading(page, 'Background jobs');
    await page.getByRole('table', { name: 'Background jobs' }).or(page.getByText('No failed jobs. All good.')).waitFor({ timeout: 30_000 });
    await checkScreen(page, 'operator-jobs');

    // The audit log: the rate just set is there, and a search narrows it.
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await heading(page, 'Audit log');
    await page.getByRole('table', { name: 'Audit log' }).waitFor({ timeout: 30_000 });
    await checkScreen(page, 'operator-audit');
    await page.getByLabel('Action').fill('no.such.action');
    await page.getByRole('button', { name: 'Search' }).click();
    await text(page, 'No audit events match these filters.');
    await context.close();
  });
});
