// The merchant console's webhook screens in a real browser against the real platform (demo data,
// job worker delivering for real) and a real HTTP receiver on 127.0.0.1 (so this platform allows
// private targets). The owner adds an endpoint and sees its secret once; a low-stock alarm the
// owner sets off through the API is delivered, failing once (the receiver answers 500); the
// delivery page shows the attempt with what the receiver got, signed so the SDK's verifier
// accepts it; "Retry now" makes a second, successful attempt; rolling the secret with an overlap
// signs a resent event with both secrets; disabling stops retries; deleting asks first.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../packages/sdk/src/index.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';
import { apiCall, checkScreen, type DemoPlatform, JOURNEY, merchantConsole, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;
let rx: Receiver;
/** While true the receiver answers 500 (the delivery fails and waits for a retry), then 200. */
let failing = true;

withDemoPlatform(
  (p, b) => {
    platform = p;
    browser = b;
  },
  { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
);

beforeAll(async () => {
  rx = await startReceiver('/tasman/hooks');
  rx.respond = () => (failing ? 500 : 200);
});
afterAll(async () => {
  await rx?.close();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

async function receivedCount(n: number): Promise<void> {
  await expect.poll(() => rx.received.length, { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(n);
}

const header = (i: number) => String(rx.received[i]?.headers['tasman-signature']);
const bodyOf = (i: number) => rx.received[i]?.body ?? '';

describe('merchant console: webhooks', () => {
  it('adds an endpoint, shows its deliveries and attempts, retries, rolls the secret, disables and deletes it', JOURNEY, async () => {
    const { context, page } = await merchantConsole(browser, platform);
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
      await heading(page, 'Webhooks');
      await page.getByText('No webhook endpoints yet.').waitFor();
      await checkScreen(page, 'merchant-webhooks-empty');

      // Adding: checked before sending (URL, at least one event), then created with its secret shown once.
      await page.getByRole('link', { name: 'Add endpoint' }).click();
      await heading(page, 'Add a webhook endpoint');
      await page.getByLabel('Endpoint URL').fill('https://user:pw@hooks.example.com/x');
      await page.getByRole('radio', { name: 'Selected events' }).check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.getByText('Enter a full URL starting with https://').waitFor();
      await page.getByText('Choose at least one event, or all events.').waitFor();
      await page.getByLabel('Endpoint URL').fill(rx.url);
      await page.getByLabel('Description').fill('Stock sync');
      await page.getByLabel('Find an event').fill('low_stock');
      await page.getByRole('checkbox', { name: /inventory\.low_stock/ }).check();
      expect(await page.getByRole('checkbox', { name: /order\.paid/ }).count()).toBe(0);
      await page.getByLabel('Find an event').fill('');
      await page.getByRole('checkbox', { name: 'All Order events' }).check();
      await page.getByText('12 events selected').waitFor();
      await checkScreen(page, 'merchant-webhooks-add');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.getByRole('heading', { name: 'Endpoint added' }).waitFor();
      const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      await page.getByText('it is shown only this once').waitFor();
      await page.getByRole('button', { name: 'Copy secret' }).waitFor();
      await checkScreen(page, 'merchant-webhooks-secret');
      await page.getByRole('link', { name: 'Go to the endpoint' }).click();
      await heading(page, 'Webhook endpoint');
      const endpointPath = new URL(page.url()).pathname;
      expect(endpointPath).toMatch(/^\/merchant\/webhooks\/\w+$/);
      // Never shown again: not on the page, not in the API's answers.
      expect(await page.content()).not.toContain(secret);
      await page.getByText('No deliveries yet.').waitFor();

      // An event the owner causes through the API: a low-stock threshold above what is available.
      const levels = await apiCall(platform, page.request, 'GET', '/v1/stock-levels?limit=100');
      const level = levels.data.find((l: { low_stock_alerted: boolean }) => !l.low_stock_alerted);
      expect(level, 'a stock level not yet alerted').toBeTruthy();
      await apiCall(platform, page.request, 'POST', `/v1/stock-levels/${level.id}`, { low_stock_threshold: level.available + 1000 });

      // The receiver got it, signed: the SDK's verifier accepts it with the secret shown once.
      await receivedCount(1);
      const event = verifyWebhook(bodyOf(0), header(0), secret);
      expect(event.type).toBe('inventory.low_stock');
      expect((event.data as { stock_level_id: string }).stock_level_id).toBe(level.id);
      expect(rx.received[0]?.headers['tasman-event-id']).toBe(event.id);

      // The endpoint's deliveries list shows it (it keeps itself current): failed once, pending a retry.
      const row = page.getByRole('row', { name: /inventory\.low_stock/ });
      await row.waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 }).toContain('500');
      expect(await row.textContent()).toContain('Pending');
      expect(await row.textContent()).toContain(level.id);
      await page.getByText('Every delivery to this endpoint has failed since').waitFor();
      await checkScreen(page, 'merchant-webhooks-endpoint');

      // The delivery: its attempts (an automatic retry may have come by now), the first with
      // exactly what the receiver got.
      await row.getByRole('link', { name: 'inventory.low_stock' }).click();
      await heading(page, 'Delivery of inventory.low_stock');
      const attempts = page.getByTestId('webhook-attempt');
      await expect.poll(() => attempts.count()).toBeGreaterThanOrEqual(1);
      const first = attempts.last(); // newest first
      await first.getByRole('heading', { name: 'Attempt 1' }).waitFor();
      expect(await first.getByTestId('attempt-status').textContent()).toBe('500');
      expect(await first.getByTestId('attempt-signature').textContent()).toBe(header(0));
      expect(JSON.parse((await first.getByTestId('attempt-request-body').textContent()) ?? '')).toEqual(JSON.parse(bodyOf(0)));
      expect(await first.textContent()).toContain(rx.url);
      expect(await first.textContent()).toContain('not now'); // the receiver's answer
      await page.getByText(event.id).first().waitFor();
      await checkScreen(page, 'merchant-webhooks-delivery-failed');

      // Retry now (the endpoint fixed): one more attempt, answered 200; the delivery succeeded.
      failing = false;
      const before = rx.received.length;
      await expect.poll(() => attempts.count(), { timeout: 20_000 }).toBe(before);
      await page.getByRole('button', { name: 'Retry now' }).click();
      await receivedCount(before + 1);
      await expect.poll(() => attempts.count(), { timeout: 20_000 }).toBe(before + 1);
      const retried = attempts.first();
      await retried.getByRole('heading', { name: `Attempt ${before + 1}` }).waitFor();
      expect(await retried.getByTestId('attempt-status').textContent()).toBe('200');
      expect(await retried.getByTestId('attempt-signature').textContent()).toBe(header(before));
      expect(verifyWebhook(bodyOf(before), header(before), secret).id).toBe(event.id);
      await page.getByText('Succeeded').first().waitFor();
      expect(await page.getByTestId('delivery-attempts').textContent()).toBe(String(before + 1));
      await checkScreen(page, 'merchant-webhooks-delivery-retried');

      // Roll the secret, the old one kept for an hour: the new secret is shown once, and a resent
      // event carries two signatures, one under each secret.
      await page.getByRole('link', { name: 'Back to the endpoint' }).click();
      await heading(page, 'Webhook endpoint');
      await page.getByRole('button', { name: 'Roll secret' }).click();
      await page.getByLabel('Keep the old secret working').selectOption('1');
      await page.getByRole('button', { name: 'Roll secret' }).click();
      await page.getByText('The secret was rolled.').waitFor();
      const rolled = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
      expect(rolled).toMatch(/^whsec_/);
      expect(rolled).not.toBe(secret);
      await page.getByText('The previous secret also signs until').waitFor();
      await checkScreen(page, 'merchant-webhooks-rolled');
      await page.getByRole('button', { name: 'I have saved the secret' }).click();
      expect(await page.content()).not.toContain(rolled);

      await page.getByRole('link', { name: 'inventory.low_stock' }).click();
      await heading(page, 'Delivery of inventory.low_stock');
      await page.getByRole('button', { name: 'Resend event' }).click();
      await page.getByText('The event was queued again for 1 endpoint.').waitFor();
      const resent = before + 1;
      await receivedCount(resent + 1);
      expect(header(resent)).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      expect(verifyWebhook(bodyOf(resent), header(resent), rolled).id).toBe(event.id);
      expect(verifyWebhook(bodyOf(resent), header(resent), secret).id).toBe(event.id);
      await expect.poll(() => attempts.count(), { timeout: 20_000 }).toBe(resent + 1);
      expect(await attempts.first().getByTestId('attempt-signature').textContent()).toBe(header(resent));

      // Disable: the endpoint says so, and its deliveries cannot be retried until it is enabled.
      await page.getByRole('link', { name: 'Back to the endpoint' }).click();
      await heading(page, 'Webhook endpoint');
      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByText('This endpoint is disabled: no events are sent to it.').waitFor();
      const ep = await apiCall(platform, page.request, 'GET', `/v1/webhook-endpoints/${endpointPath.split('/').at(-1)}`);
      expect(ep).toMatchObject({ status: 'disabled', disabled_reason: 'manual', description: 'Stock sync' });
      expect(ep.event_types).toContain('inventory.low_stock');
      expect(ep.secret).toBeUndefined();
      await checkScreen(page, 'merchant-webhooks-disabled');
      await page.getByRole('link', { name: 'inventory.low_stock' }).click();
      await page.getByText('The endpoint is disabled: enable it to retry its deliveries.').waitFor();
      expect(await page.getByRole('button', { name: 'Retry now' }).isDisabled()).toBe(true);
      await page.getByRole('link', { name: 'Back to the endpoint' }).first().click();
      await page.getByRole('button', { name: 'Enable' }).click();
      await page.getByRole('button', { name: 'Disable' }).waitFor();

      // Delete, after confirming: back to an empty list. The receiver got nothing more.
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByText('Delete this endpoint?').waitFor();
      await page.getByRole('button', { name: 'Delete endpoint' }).click();
      await heading(page, 'Webhooks');
      await page.getByText('No webhook endpoints yet.').waitFor();
      expect(rx.received).toHaveLength(resent + 1);

      // The same screens in Chinese.
      await page.getByRole('button', { name: 'Switch language' }).click();
      await heading(page, 'Webhook');
      await page.getByText('还没有 Webhook 端点。').waitFor();
      await page.getByRole('link', { name: '添加端点' }).click();
      await heading(page, '添加 Webhook 端点');
      await page.getByText('要发送的事件').waitFor();
      await checkScreen(page, 'merchant-webhooks-add-zh');
    } finally {
      await context.close();
    }
  });
});
