// Usage and billing in a real browser against the demo platform (issue 9, C5): an operator moves a
// demo merchant to the Growth plan on its page in the operator console; the merchant's "Usage &
// billing" page shows the plan, its rate limit, the month's meters against what it includes (test
// API calls not billed) and no invoice yet. Screenshotted and checked by axe.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, checkScreen, DEMO, type DemoPlatform, JOURNEY, newContext, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;
const OWNER = 'owner@waimaru.demo.tasman.local';

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

async function signIn(page: Page, path: string, email: string, password: string, landing: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: landing }).waitFor({ timeout: 30_000 });
}

describe('usage and billing', () => {
  it('an operator changes a merchant’s plan; the merchant sees plan, meters and invoices', JOURNEY, async () => {
    const ops = await newContext(browser, platform.url, { locale: 'en' });
    const merchant = await newContext(browser, platform.url, { locale: 'en' });
    try {
      const page = await merchant.newPage();
      await signIn(page, '/merchant/', OWNER, DEMO.merchantPassword, 'Sales dashboard');
      const me = await apiCall(platform, merchant.request, 'GET', '/v1/me');

      const op = await ops.newPage();
      await signIn(op, '/operator/', DEMO.operator.email, DEMO.operator.password, 'Merchant applications');
      await op.goto(`/operator/merchants/${me.merchant_id}`);
      await op.getByRole('heading', { name: 'Plan and usage' }).waitFor({ timeout: 30_000 });
      await expect.poll(async () => op.getByTestId('merchant-plan').textContent()).toBe('Starter');
      await op.getByLabel('New plan').selectOption('growth');
      await op.getByLabel('Takes effect').selectOption('immediately');
      await op.getByRole('button', { name: 'Change plan' }).click();
      await op.getByText(/Plan set to Growth from/).waitFor();
      await expect.poll(async () => op.getByTestId('merchant-plan').textContent()).toBe('Growth');
      await checkScreen(op, 'operator-merchant-plan');

      await page.getByRole('navigation').getByRole('link', { name: 'Usage & billing' }).click();
      await page.getByRole('heading', { level: 1, name: 'Usage & billing' }).waitFor();
      await expect.poll(async () => page.getByTestId('plan-name').textContent()).toBe('Growth');
      await page.getByText('1,200 requests a minute').waitFor();
      for (const metric of ['api_calls', 'api_calls_test', 'orders', 'labels', 'storage_bytes']) {
        await page.locator(`tr[data-metric="${metric}"]`).waitFor();
      }
      // The console's own requests are API calls of the merchant's, counted this month.
      const used = Number((await page.locator('tr[data-metric="api_calls"] td').nth(1).textContent())?.replaceAll(',', ''));
      expect(used).toBeGreaterThan(0);
      await page.getByText('Not billed').waitFor();
      await page.getByText('No invoices yet: the first is made after your first month ends.').waitFor();
      await checkScreen(page, 'merchant-billing');
    } finally {
      await ops.close();
      await merchant.close();
    }
  });
});
