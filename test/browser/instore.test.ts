// In-store payments in a real browser against the demo platform (issue 8). An Australian merchant
// registers a Melbourne store, adds a till and issues its POS key in the merchant console (the
// secret shown once). The till (the POS key through the API) asks for a payment by QR; the demo
// shopper (China, verified identity, CNY wallet) pastes the QR's text in the storefront's 扫一扫,
// sees the shop and the CNY amount at a locked rate, pays and sees the success screen with the
// receipt; the till sees it paid. Then the shopper's 付款码 screen: the code shown is charged by the
// till, which waits for confirmation (no limit is set), and the shopper confirms it on that
// screen; the shopper sets a no-confirmation limit. The merchant sees both payments, refunds one
// in part and reads its receipt and the daily till report.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../web/shared/money.ts';
import { apiCall, checkScreen, DEMO, type DemoPlatform, JOURNEY, newContext, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;
const OWNER = 'owner@banksiabay.demo.tasman.local';
const STORE = { name: 'Collins St', address: '200 Collins St', city: 'Melbourne' };

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const call = (req: APIRequestContext, method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<Body> =>
  apiCall(platform, req, method, path, data);

/** The till: its POS key through the API (no cookies, the key as the bearer). */
async function pos(key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Body> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
  return JSON.parse(text);
}

async function session(realm: 'shopper' | 'staff', email: string, password: string, context?: BrowserContext): Promise<BrowserContext> {
  const c = context ?? (await browser.newContext());
  await call(c.request, 'POST', '/v1/sessions', { realm, email, password });
  return c;
}

/** The demo shopper's wallet holds at least ¥1,000 (a sandbox card top-up otherwise). */
async function funded(shopper: APIRequestContext): Promise<void> {
  const need = 100_000n;
  const wallet = await call(shopper, 'GET', '/v1/wallet');
  expect(wallet).toMatchObject({ currency: 'CNY', identity_verified: true });
  if (BigInt(wallet.available.amount) >= need) return;
  await call(shopper, 'POST', '/v1/wallet/top-ups', {
    amount: '500000',
    card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' },
  });
  await expect
    .poll(async () => BigInt((await call(shopper, 'GET', '/v1/wallet')).available.amount) >= need, { timeout: 60_000 })
    .toBe(true);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
const text = (page: Page, t: string | RegExp) => page.getByText(t).first().waitFor({ timeout: 30_000 });
const aud = (amount: string) => ({ amount, currency: 'AUD' });

describe('in-store payments', () => {
  it('store, till and POS key in the console; the shopper pays by QR and by pay code; refund and till report', JOURNEY, async () => {
    // --- The merchant registers a store, a till and its POS key. ---
    const merchant = await newContext(browser, platform.url, { locale: 'en' });
    const pm = await merchant.newPage();
    await pm.goto('/merchant/');
    await pm.getByLabel('Email').fill(OWNER);
    await pm.getByLabel('Password').fill(DEMO.merchantPassword);
    await pm.getByRole('button', { name: 'Sign in' }).click();
    await heading(pm, 'Sales dashboard');
    await pm.getByRole('link', { name: 'Stores', exact: true }).click();
    await heading(pm, 'Stores');
    await text(pm, 'No stores yet.');
    await pm.getByLabel('Store name').fill(STORE.name);
    await pm.getByLabel('Street address').fill(STORE.address);
    await pm.getByLabel('Suburb or city').fill(STORE.city);
    expect(await pm.getByLabel('Country').inputValue()).toBe('AU');
    // No state yet: the form asks for it (it sets the time zone).
    await pm.getByRole('button', { name: 'Register store' }).click();
    await text(pm, 'Choose the store’s state: it sets the store’s time zone.');
    await pm.getByLabel('State or territory').selectOption('AU-VIC');
    await text(pm, 'Australia/Melbourne');
    await checkScreen(pm, 'merchant-stores');
    await pm.getByRole('button', { name: 'Register store' }).click();
    await heading(pm, `Store: ${STORE.name}`);
    await text(pm, 'The store is registered. Its time zone is Australia/Melbourne.');
    const storeId = /\/stores\/(str_[^/?]+)/.exec(pm.url())?.[1] ?? '';
    expect(storeId).toMatch(/^str_/);
    await pm.getByLabel('Till', { exact: true }).fill('Front counter');
    await pm.getByRole('button', { name: 'Add till' }).click();
    await pm.getByRole('table', { name: 'Tills' }).getByText('Front counter').waitFor({ timeout: 30_000 });
    await pm.getByRole('button', { name: 'Issue POS key for Front counter' }).click();
    const secretEl = pm.getByTestId('pos-secret');
    await secretEl.waitFor({ timeout: 30_000 });
    const secret = ((await secretEl.textContent()) ?? '').trim();
    // A live till's POS keys are live keys (decisions §23).
    expect(secret).toMatch(/^sk_live_/);
    await text(pm, /it is shown only this once/);
    await pm.getByRole('button', { name: 'Copy key' }).waitFor();
    await checkScreen(pm, 'merchant-store-pos-key');
    await pm.getByRole('button', { name: 'I have saved the key' }).click();
    expect(await secretEl.count()).toBe(0);
    const me = await pos(secret, 'GET', '/v1/me');
    const tills = await call(merchant.request, 'GET', `/v1/stores/${storeId}/tills`);
    expect(tills.data).toHaveLength(1);
    const tillId: string = tills.data[0].id;
    expect(me.till_id).toBe(tillId);

    // --- The till asks for A$25.99 by QR. ---
    const request = await pos(secret, 'POST', '/v1/instore/payments', { amount: aud('2599'), reference: 'QR-0001' });
    expect(request).toMatchObject({ flow: 'merchant_qr', status: 'requires_payment', store_id: storeId, till_id: tillId });
    const payload: string = request.qr.payload;

    // --- The demo shopper scans (pastes) it in the storefront and pays in CNY. ---
    const shopper = await newContext(browser, platform.url, { mobile: true });
    await session('shopper', DEMO.shopper.email, DEMO.shopper.password, shopper);
    await funded(shopper.request);
    const page = await shopper.newPage();
    await page.goto('/wallet');
    await heading(page, '我的钱包');
    await page.getByRole('heading', { name: '澳新门店付款' }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '扫一扫' }).click();
    await heading(page, '扫一扫');
    // Nothing pasted: the field says what to do.
    await page.getByRole('button', { name: '下一步' }).click();
    await text(page, '请扫描二维码或粘贴其内容。');
    await page.getByLabel('二维码内容').fill(payload);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '确认付款' }).waitFor({ timeout: 30_000 });
    await text(page, /Banksia Bay/);
    await text(page, STORE.name);
    await text(page, formatMoney(aud('2599'), 'zh-CN'));
    await text(page, /汇率锁定至 .+（剩余 \d+ 秒）/);
    const confirmText = (await page.locator('.ui-card').first().textContent()) ?? '';
    await checkScreen(page, 'storefront-scan-confirm');
    await page.getByRole('button', { name: '立即付款' }).click();
    await heading(page, '付款成功');
    await page.getByRole('heading', { name: '小票' }).waitFor({ timeout: 30_000 });
    await text(page, '小票号');
    expect(await page.getByRole('link', { name: '可打印小票（文本）' }).getAttribute('href')).toBe(
      `/v1/instore/payments/${request.id}/receipt.txt`,
    );
    await checkScreen(page, 'storefront-instore-success');

    // The till polls: paid, at the CNY the shopper saw.
    const paidQr = await pos(secret, 'GET', `/v1/instore/payments/${request.id}`);
    expect(paidQr).toMatchObject({ status: 'succeeded', amount: aud('2599') });
    expect(paidQr.charge.currency).toBe('CNY');
    expect(confirmText).toContain(formatMoney(paidQr.charge, 'zh-CN'));
    await text(page, formatMoney(paidQr.charge, 'zh-CN'));

    // --- The pay code: the till charges the code on screen; above the (unset) limit it waits for the shopper. ---
    await page.goto('/wallet/pay-code');
    await heading(page, '付款码');
    const digits = page.locator('.sf-paycode__digits');
    await digits.waitFor({ timeout: 30_000 });
    const code = (await digits.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^38\d{16}$/);
    expect(((await digits.textContent()) ?? '').replace(/\s/g, '')).toBe(code);
    expect(await digits.textContent()).toBe(code.replace(/(\d{4})(?=\d)/g, '$1 '));
    for (const alt of ['付款条形码', '付款二维码']) {
      const img = page.getByRole('img', { name: alt });
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    await text(page, /\d+ 秒后更新付款码/);
    await text(page, '暂无待确认的付款。');
    await checkScreen(page, 'storefront-pay-code');
    const charged = await pos(secret, 'POST', '/v1/instore/payments', { amount: aud('1000'), reference: 'CODE-0001', payment_code: code });
    expect(charged).toMatchObject({ flow: 'shopper_code', status: 'requires_confirmation' });
    const confirm = page.getByRole('button', { name: /^确认付款：Banksia Bay/ });
    await confirm.waitFor({ timeout: 30_000 });
    await text(page, formatMoney(charged.charge, 'zh-CN'));
    await checkScreen(page, 'storefront-pay-code-waiting');
    await confirm.click();
    await heading(page, '付款成功');
    const paidCode = await pos(secret, 'GET', `/v1/instore/payments/${charged.id}`);
    expect(paidCode).toMatchObject({ status: 'succeeded', charge: charged.charge });

    // The no-confirmation limit: ¥500.
    await page.goto('/wallet/pay-code');
    await page.getByRole('link', { name: '设置额度' }).click();
    await heading(page, '免密支付额度');
    await page.getByLabel('额度（人民币）').fill('2000');
    await page.getByRole('button', { name: '保存额度' }).click();
    await text(page, /请输入 0 至 .+ 之间的金额/);
    await page.getByLabel('额度（人民币）').fill('500');
    await page.getByRole('button', { name: '保存额度' }).click();
    await text(page, '免密支付额度已保存。');
    await checkScreen(page, 'storefront-pay-code-limit');
    expect((await call(shopper.request, 'GET', '/v1/wallet/payment-code')).no_confirmation_limit).toEqual({
      amount: '50000',
      currency: 'CNY',
    });

    // The history lists both.
    await page.goto('/wallet/instore');
    await heading(page, '门店付款记录');
    expect(await page.locator('.sf-instore-list > li').filter({ hasText: 'Banksia Bay' }).count()).toBe(2);
    await checkScreen(page, 'storefront-instore-history');

    // --- The merchant: both payments, a partial refund, the receipt, the daily report. ---
    await pm.getByRole('link', { name: 'In-store payments', exact: true }).click();
    await heading(pm, 'In-store payments');
    const list = pm.getByRole('table', { name: 'In-store payments' });
    await list.getByRole('link', { name: 'QR-0001' }).waitFor({ timeout: 30_000 });
    await list.getByRole('link', { name: 'CODE-0001' }).waitFor();
    expect(await list.getByText('Paid', { exact: true }).count()).toBe(2);
    await checkScreen(pm, 'merchant-instore-payments');
    await list.getByRole('link', { name: 'QR-0001' }).click();
    await heading(pm, `In-store payment ${request.id}`);
    await text(pm, 'No refunds.');
    await pm.getByLabel('Refund amount (AUD)').fill('30');
    await pm.getByRole('button', { name: 'Refund this amount' }).click();
    await text(pm, /Enter an amount above zero and at most/);
    await pm.getByLabel('Refund amount (AUD)').fill('5.00');
    await pm.getByRole('button', { name: 'Refund this amount' }).click();
    await text(pm, /^Refunded A\$5\.00; .+ went back to the shopper’s wallet\.$/);
    const refunded = await call(merchant.request, 'GET', `/v1/instore/payments/${request.id}`);
    expect(refunded.refunded).toEqual(aud('500'));
    expect(refunded.refunds).toHaveLength(1);
    await pm.getByRole('table', { name: 'Refunds' }).getByText('A$5.00').waitFor();
    await pm.getByRole('button', { name: 'Refund in full (A$20.99)' }).waitFor();
    await pm.getByRole('heading', { name: 'Receipt', exact: true }).waitFor();
    await text(pm, paidQr.receipt_number);
    await text(pm, 'AUD 25.99');
    await checkScreen(pm, 'merchant-instore-payment');

    await pm.getByRole('link', { name: 'Daily till report', exact: true }).click();
    await heading(pm, 'Daily till report');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Melbourne' }).format(new Date());
    await pm.getByLabel('Business day').fill(today);
    await pm.getByLabel('Store', { exact: true }).selectOption(storeId);
    await pm.getByRole('button', { name: 'Show report' }).click();
    const report = pm.getByRole('table', { name: `Till totals of ${STORE.name} on ${today}` });
    await report.waitFor({ timeout: 30_000 });
    const till = report.getByRole('row').filter({ hasText: 'Front counter' });
    // The table can show before its rows: read the till's cells once they are there.
    await till.locator('td').first().waitFor();
    const cells = (await till.locator('td').allTextContents()).map((c) => c.trim());
    const api = (await call(merchant.request, 'GET', `/v1/instore/reports/daily?date=${today}&store_id=${storeId}`)).stores[0];
    expect(api.totals).toMatchObject({ payments: 2, refunds: 1, gross: aud('3599'), refunded: aud('500'), net: aud('3099') });
    expect(cells.slice(0, 5)).toEqual(['2', '1', 'A$35.99', 'A$5.00', 'A$30.99']);
    expect(cells).toContain(formatMoney(api.totals.net_cny, 'en'));
    expect(cells).toContain(formatMoney(api.totals.commission, 'en'));
    expect(cells).toContain(formatMoney(api.totals.fees, 'en'));
    await report.getByRole('row').filter({ hasText: 'Store total' }).waitFor();
    await checkScreen(pm, 'merchant-till-report');

    await merchant.close();
    await shopper.close();
  });
});
