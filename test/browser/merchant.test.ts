// The merchant console in a real browser against the real platform (demo data, job worker), in
// English on a desktop: the demo shopper in China first buys one of the merchant's listed
// products through the API (cart, checkout to a Hangzhou address, shipping chosen, paid from the
// wallet); then the merchant's owner signs in, sees the sale on the dashboard, creates a
// bilingual product (en + zh-Hans, a variant with HS code from the CBEC positive list, tax class,
// weights and price) and lists it, finds the new order and marks it fulfilling — and the API
// agrees. Every main screen is screenshotted and checked by axe.
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, checkScreen, DEMO, type DemoPlatform, JOURNEY, newContext, withDemoPlatform, shopperBuysOne } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;
const OWNER = 'owner@waimaru.demo.tasman.local';

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const call = (req: APIRequestContext, method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<Body> =>
  apiCall(platform, req, method, path, data);

/** The demo shopper buys one unit of the merchant's first listed, stocked product: the paid order. */
async function shopperBuys(merchant: APIRequestContext, shopper: APIRequestContext): Promise<Body> {
  const products = await call(merchant, 'GET', '/v1/products?status=active&limit=100');
  const levels = await call(merchant, 'GET', '/v1/stock-levels?limit=100');
  const stocked = new Set(levels.data.filter((l: Body) => l.available > 0).map((l: Body) => l.variant_id));
  const variant = products.data.flatMap((p: Body) => p.variants).find((v: Body) => stocked.has(v.id));
  expect(variant, 'a listed variant in stock').toBeTruthy();

  await call(shopper, 'POST', '/v1/sessions', { realm: 'shopper', ...DEMO.shopper });
  const paid = await shopperBuysOne(platform, shopper, variant.id);
  expect(paid.orders).toHaveLength(1);
  expect(paid.orders[0].state).toBe('paid');
  return paid.orders[0];
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('merchant console', () => {
  it('a merchant signs in, sees the sales, creates and lists a bilingual product and starts fulfilling a new order', JOURNEY, async () => {
    const merchantApi = await browser.newContext();
    const shopperApi = await browser.newContext();
    const context = await newContext(browser, platform.url, { locale: 'en' });
    const page = await context.newPage();
    try {
      await call(merchantApi.request, 'POST', '/v1/sessions', { realm: 'staff', email: OWNER, password: DEMO.merchantPassword });
      const order = await shopperBuys(merchantApi.request, shopperApi.request);

      // Sign in (English by default): the client checks the form before sending.
      await page.goto('/merchant/');
      await heading(page, 'Sign in to the merchant console');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter an email address such as name@example.com').or(page.getByText('Required').first()).first().waitFor();
      await page.getByLabel('Email').fill(OWNER);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
      await page.getByLabel('Password').fill(DEMO.merchantPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Dashboard: today's paid order is counted; the charts are drawn.
      await heading(page, 'Sales dashboard');
      await expect.poll(async () => Number(await page.getByTestId('stat-orders').textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
      await page
        .getByRole('img', { name: /Line chart of revenue per day/ })
        .locator('svg')
        .first()
        .waitFor();
      await page
        .getByRole('img', { name: /Map of China/ })
        .locator('svg')
        .first()
        .waitFor();
      await page.getByRole('cell', { name: 'Zhejiang' }).first().waitFor();
      await checkScreen(page, 'merchant-dashboard');

      // Products, then a new bilingual product.
      await page.getByRole('navigation').getByRole('link', { name: 'Products' }).click();
      await heading(page, 'Products');
      await page.getByRole('table').waitFor();
      await checkScreen(page, 'merchant-products');
      await page.getByRole('link', { name: 'New product' }).click();
      await heading(page, 'New product');
      // Nothing filled in: the client refuses before sending.
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByText('Enter an amount greater than zero, such as 12.50').or(page.getByText('Required').first()).first().waitFor();

      const sku = `WMR-BROWSER-${Date.now()}`;
      await page.getByLabel('Brand').fill('Waimaru');
      await page.getByLabel('Category').selectOption('honey');
      const en = page.getByRole('group', { name: 'English' });
      await en.getByLabel('Name').fill('Manuka Honey UMF 5+ 500g');
      await en.getByLabel('Subtitle').fill('Raw New Zealand honey');
      await en.getByLabel('Description').fill('Monofloral manuka honey from the East Cape.');
      const zh = page.getByRole('group', { name: 'Chinese (简体中文)' });
      await zh.getByLabel('Name').fill('麦卢卡蜂蜜 UMF 5+ 500克');
      await zh.getByLabel('Subtitle').fill('新西兰原生蜂蜜');
      await zh.getByLabel('Description').fill('来自东开普的单花麦卢卡蜂蜜。');
      const variant = page.getByRole('group', { name: 'Variant 1' });
      await variant.getByLabel('SKU', { exact: true }).fill(sku);
      await variant.getByLabel('Barcode (GTIN)').fill('123'); // a bad barcode: refused in the browser
      await variant.getByLabel('Option', { exact: true }).fill('size');
      await variant.getByLabel('Option value').fill('500g');
      await variant.getByLabel('Price (NZD)').fill('49.90');
      // An HS code off the CBEC positive list: the form says so, and listing is blocked with the reason.
      await variant.getByLabel('HS code').fill('8471300000');
      await variant.getByText('Not on the positive list: this variant cannot be listed for China').waitFor();
      await variant.getByLabel('Tax class').selectOption('agricultural');
      await variant.getByLabel('Net weight (g)').fill('500');
      await variant.getByLabel('Gross weight (g)').fill('650');
      await page.getByRole('button', { name: 'Create product' }).click();
      await variant.getByText('Not a valid GTIN barcode').waitFor();
      await variant.getByLabel('Barcode (GTIN)').fill('');
      await page.getByRole('button', { name: 'Create product' }).click();
      await heading(page, 'Edit product');
      const productId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      expect(productId).toMatch(/^prd_/);
      const listing = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Listing', exact: true }) });
      await listing.getByText('HS code not on the CBEC positive list').waitFor();
      await page.getByRole('button', { name: 'List product' }).click();
      await listing.getByRole('alert').waitFor();
      await listing.getByText('Variant 1 · HS code').waitFor();
      await listing
        .getByText(/positive list/)
        .first()
        .waitFor();
      expect((await call(merchantApi.request, 'GET', `/v1/products/${productId}`)).status).toBe('draft');
      await checkScreen(page, 'merchant-product-blocked');

      // Pick the tariff line from the positive list instead, save, and list it.
      const saved = page.getByRole('group', { name: 'Variant 1' });
      await saved.getByLabel('Pick from the CBEC positive list').selectOption('04090000');
      await expect.poll(() => saved.getByLabel('HS code').inputValue()).toBe('0409000000');
      await saved.getByText(/On the positive list: 04090000/).waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved', { exact: true }).waitFor();
      await page.getByText('All checks pass: you can list it.').waitFor();
      await checkScreen(page, 'merchant-product-editor');
      const created = await call(merchantApi.request, 'GET', `/v1/products/${productId}`);
      expect(created).toMatchObject({
        status: 'draft',
        category: 'honey',
        listing_issues: [],
        text: {
          en: { name: 'Manuka Honey UMF 5+ 500g' },
          'zh-Hans': { name: '麦卢卡蜂蜜 UMF 5+ 500克', description: '来自东开普的单花麦卢卡蜂蜜。' },
        },
      });
      expect(created.variants).toHaveLength(1);
      expect(created.variants[0]).toMatchObject({
        sku,
        hs_code: '0409000000',
        tax_class: 'agricultural',
        options: { size: '500g' },
        net_weight_g: 500,
        price: { amount: '4990', currency: 'NZD' },
      });
      await page.getByRole('button', { name: 'List product' }).click();
      await page.getByText('Listed: shoppers can buy it.').waitFor();
      expect((await call(merchantApi.request, 'GET', `/v1/products/${productId}`)).status).toBe('active');

      // Inventory.
      await page.getByRole('navigation').getByRole('link', { name: 'Inventory' }).click();
      await heading(page, 'Inventory');
      await page.getByRole('table', { name: 'Stock levels' }).waitFor();
      await checkScreen(page, 'merchant-inventory');

      // Orders: the new one is there; filtered to paid; open it and start fulfilling.
      await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
      await heading(page, 'Orders');
      await page.getByLabel('State').selectOption('paid');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: order.id }).waitFor();
      await checkScreen(page, 'merchant-orders');
      await page.getByRole('link', { name: order.id }).click();
      await heading(page, new RegExp(order.id));
      await page.getByRole('cell', { name: order.lines[0].sku }).waitFor();
      await checkScreen(page, 'merchant-order');
      await page.getByRole('button', { name: 'Start fulfilling' }).click();
      await page.locator('.mc-head').getByText('Fulfilling').waitFor();
      await page.getByRole('button', { name: 'Mark shipped' }).waitFor();
      expect((await call(merchantApi.request, 'GET', `/v1/orders/${order.id}`)).state).toBe('fulfilling');
      const shopperView = await call(shopperApi.request, 'GET', `/v1/orders/${order.id}`);
      expect(shopperView.state).toBe('fulfilling');
      expect(shopperView.history.at(-1)).toMatchObject({ action: 'start_fulfilment', from: 'paid', to: 'fulfilling' });

      // Staff and API keys; the application.
      await page.getByRole('navigation').getByRole('link', { name: 'Staff & API keys' }).click();
      await heading(page, 'Staff & API keys');
      await page.getByRole('table', { name: 'Staff' }).waitFor();
      await page.getByRole('table', { name: 'API keys' }).or(page.getByText('No API keys')).first().waitFor();
      // A read-only key for orders: its secret is shown once.
      await page.getByLabel('Key name').fill('Warehouse system');
      await page.getByRole('checkbox', { name: 'orders:read' }).check();
      await expect.poll(() => page.getByRole('checkbox', { name: /Everything a key may do/ }).isChecked()).toBe(false);
      await page.getByRole('button', { name: 'Create key' }).click();
      await page
        .getByRole('status')
        .getByText(/^sk_test_/)
        .waitFor();
      await page.getByRole('cell', { name: /Warehouse system/ }).waitFor();
      const keys = await call(merchantApi.request, 'GET', '/v1/api-keys?limit=100');
      expect(keys.data.find((k: Body) => k.name === 'Warehouse system')).toMatchObject({ mode: 'test', scopes: ['orders:read'] });
      await checkScreen(page, 'merchant-team');
      await page.getByRole('navigation').getByRole('link', { name: 'Application' }).click();
      await heading(page, 'Application status');
      await page.getByText('Your merchant account is approved').waitFor();
      await checkScreen(page, 'merchant-application');

      // Chinese is one tap away.
      await page.getByRole('button', { name: 'Switch language' }).click();
      await heading(page, '入驻申请状态');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByRole('navigation').getByRole('link', { name: '订单' }).click();
      await heading(page, '订单');
      await checkScreen(page, 'merchant-orders-zh');
    } finally {
      await context.close();
      await merchantApi.close();
      await shopperApi.close();
    }
  });
});
