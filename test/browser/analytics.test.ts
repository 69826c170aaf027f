// The merchant console's Analytics page (web/merchant/dashboard/Analytics.tsx) in a real browser
// against the real platform (demo data): the demo shopper views a product page and buys it
// through the API; the merchant's owner opens Analytics and sees the charts drawn (SVG), the
// figures in the tables (the funnel's views, the order count) and CSV links that download.
import type { APIRequestContext, Browser } from 'playwright-core';
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

async function shopperViewsAndBuys(merchant: APIRequestContext, shopper: APIRequestContext): Promise<void> {
  const products = await call(merchant, 'GET', '/v1/products?status=active&limit=100');
  const levels = await call(merchant, 'GET', '/v1/stock-levels?limit=100');
  const stocked = new Set(levels.data.filter((l: Body) => l.available > 0).map((l: Body) => l.variant_id));
  const product = products.data.find((p: Body) => p.variants.some((v: Body) => stocked.has(v.id)));
  const variant = product.variants.find((v: Body) => stocked.has(v.id));
  await call(shopper, 'GET', `/v1/storefront/products/${product.id}?country=CN`);
  await call(shopper, 'POST', '/v1/sessions', { realm: 'shopper', ...DEMO.shopper });
  const paid = await shopperBuysOne(platform, shopper, variant.id);
  expect(paid.orders[0].state).toBe('paid');
}

describe('merchant analytics', () => {
  it('shows revenue, products, funnel, refunds and delivery charts with their figures and CSV downloads', JOURNEY, async () => {
    const merchantApi = await browser.newContext();
    const shopperApi = await browser.newContext();
    const context = await newContext(browser, platform.url, { locale: 'en' });
    const page = await context.newPage();
    try {
      await call(merchantApi.request, 'POST', '/v1/sessions', { realm: 'staff', email: OWNER, password: DEMO.merchantPassword });
      await shopperViewsAndBuys(merchantApi.request, shopperApi.request);
      const funnel = await call(merchantApi.request, 'GET', '/v1/reports/funnel');
      expect(funnel.views).toBeGreaterThan(0);
      const revenue = await call(merchantApi.request, 'GET', '/v1/reports/revenue');
      expect(revenue.orders).toBeGreaterThan(0);

      await page.goto('/merchant/');
      await page.getByLabel('Email').fill(OWNER);
      await page.getByLabel('Password').fill(DEMO.merchantPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sales dashboard' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Analytics' }).click();
      await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();

      await expect
        .poll(async () => Number(await page.getByTestId('analytics-orders').textContent()), { timeout: 30_000 })
        .toBe(revenue.orders);
      await expect.poll(async () => Number(await page.getByTestId('funnel-views').textContent()), { timeout: 30_000 }).toBe(funnel.views);
      for (const name of [/Revenue and orders from/, /^Top products$/, /^Conversion funnel$/, /^Refunds$/]) {
        await page.getByRole('img', { name }).locator('svg').first().waitFor();
      }
      await page.getByTestId('refund-order-rate').waitFor();

      // Weeks instead of days: the x axis shows ISO weeks.
      await page.getByLabel('Per').selectOption('week');
      await page
        .getByText(/\d{4}-W\d{2}/)
        .first()
        .waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-revenue').click()]);
      expect(download.suggestedFilename()).toMatch(/^revenue-.*\.csv$/);
      await checkScreen(page, 'merchant-analytics');
    } finally {
      await context.close();
      await merchantApi.close();
      await shopperApi.close();
    }
  });
});
