// The merchant console's import page in a real browser against the real platform (demo data,
// job worker): a file with a bad row is refused whole with the error report shown and offered
// for download; the same file with "import the valid rows" writes the good row; the export
// links are there. Screenshotted and checked by axe.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvOf, honeyRow } from '../support/imports.ts';
import { checkScreen, type DemoPlatform, JOURNEY, merchantConsole, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('merchant console: import and export', () => {
  it('refuses a file with a bad row and shows why, then imports its valid rows', JOURNEY, async () => {
    const { context, page } = await merchantConsole(browser, platform);
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
      await heading(page, 'Import and export');
      const sku = `WMR-IMPORT-${Date.now()}`;
      const file = {
        name: 'honey.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csvOf([honeyRow(sku), honeyRow(`${sku}-BAD`, { hs_code: '123' })])),
      };

      // All or nothing (the default): refused, the row and column named, the report downloadable.
      await page.getByLabel('CSV file').setInputFiles(file);
      await page.getByRole('button', { name: 'Start import' }).click();
      await page.getByText('Refused').waitFor({ timeout: 60_000 });
      await page.getByText('1 error: nothing was imported').waitFor();
      const row = page.getByRole('table').getByRole('row').nth(1);
      await expect.poll(async () => (await row.textContent()) ?? '').toContain('hs_code');
      expect(await row.textContent()).toContain('3');
      const report = page.getByRole('link', { name: 'Download the error report (CSV)' });
      expect(await report.getAttribute('href')).toMatch(/^\/v1\/imports\/imp_\w+\/errors\.csv$/);
      const csv = await page.evaluate(async (href) => (await fetch(href as string)).text(), await report.getAttribute('href'));
      expect(csv.split('\n')[0]).toBe('row,field,code,message');
      expect(csv).toContain('3,hs_code,invalid_hs_code');
      await checkScreen(page, 'merchant-import-refused');

      // The valid rows only: done, the good row written and the bad one skipped.
      await page.getByLabel('If some rows are bad').selectOption('valid_rows');
      await page.getByLabel('CSV file').setInputFiles(file);
      await page.getByRole('button', { name: 'Start import' }).click();
      await page.getByText('Done').waitFor({ timeout: 60_000 });
      await page.getByText('1 error: that row was skipped.').waitFor();
      await page.getByText(/Variants: 1 created/).waitFor();
      const exported = await page.evaluate(async () => (await fetch('/v1/exports/products.csv')).text());
      expect(exported).toContain(sku);
      expect(exported).not.toContain(`${sku}-BAD`);
      for (const name of ['Products and variants with stock (CSV)', 'Stock levels (CSV)', 'Orders (CSV)']) {
        await page.getByRole('link', { name }).waitFor();
      }
      await checkScreen(page, 'merchant-import-done');
    } finally {
      await context.close();
    }
  });
});
