// The merchant console's test mode in a real browser against the real demo platform: the owner
// switches it on, every page says so, the catalogue is the (empty) test world's, a product made
// there is not in live mode, and switching back shows the live catalogue again.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type DemoPlatform, JOURNEY, merchantConsole, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('merchant console: test mode', () => {
  it('switches to the test world and back; the banner shows on every page while it is on', JOURNEY, async () => {
    const { context, page } = await merchantConsole(browser, platform);
    try {
      const live = await page.evaluate(async () => (await (await fetch('/v1/products?limit=100')).json()).data.length as number);
      expect(live).toBeGreaterThan(0);
      expect(await page.getByText('Test mode.').count()).toBe(0);

      await page.getByRole('switch', { name: 'Test mode' }).check();
      await heading(page, 'Sales dashboard');
      await page.getByText('Test mode.').waitFor();
      const me = await page.evaluate(async () => (await fetch('/v1/me')).json());
      expect(me.live_merchant_id).toBeTruthy();
      expect(me.merchant_id).not.toBe(me.live_merchant_id);
      // The test world's catalogue starts empty, whatever the live one holds.
      await page.getByRole('navigation').getByRole('link', { name: 'Products' }).click();
      await page.getByText('Test mode.').waitFor();
      const testProducts = await page.evaluate(async () => (await (await fetch('/v1/products?limit=100')).json()).data.length as number);
      expect(testProducts).toBe(0);
      await checkScreen(page, 'merchant-test-mode');

      await page.getByRole('switch', { name: 'Test mode' }).uncheck();
      await heading(page, 'Sales dashboard');
      expect(await page.getByText('Test mode.').count()).toBe(0);
      const back = await page.evaluate(async () => (await (await fetch('/v1/products?limit=100')).json()).data.length as number);
      expect(back).toBe(live);
    } finally {
      await context.close();
    }
  });
});
