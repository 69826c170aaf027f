// Logistics in a real browser against the demo platform (issue 7). The demo shopper in China
// buys a Waimaru product that ships from its New Zealand packhouse (9610 direct mail); the
// merchant books the parcel on the order page of the merchant console (its label a PDF); the
// operators scan it through the Auckland hub, bag it and fly it to Shanghai (the API). Then the
// public tracking page shows its timeline, newest first, in Chinese and in English, and the
// shopper's order page shows the parcel with its tracking number. And the operators' hub screen:
// a scan (number + Enter), the same scan again (repeated), one out of turn (refused with its
// code), a bag opened, scanned into and sealed, a manifest flown; the exceptions page. And bonded
// stock (1210): the merchant sends units to a China bonded warehouse from the inventory page, the
// operators receive them (one short) on the hub screen, and they are in the bonded warehouse's stock.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { S10_MAX_SERIAL, s10 } from '../../src/modules/logistics/parcel-rules.ts';
import {
  apiCall,
  checkScreen,
  DEMO,
  type DemoPlatform,
  JOURNEY,
  newContext,
  screenshot,
  withDemoPlatform,
  shopperBuysOne,
} from './support.ts';

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

/** A signed-in API client (its own cookie jar). */
async function session(realm: 'shopper' | 'staff', email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await call(context.request, 'POST', '/v1/sessions', { realm, email, password });
  return context;
}

/** A valid master air waybill number: airline 784, a random serial, its check digit (serial mod 7). */
function mawb(): string {
  const serial = 1_000_000 + Math.floor(Math.random() * 8_999_999);
  return `784-${serial}${serial % 7}`;
}

/**
 * The demo shopper buys one unit of a Waimaru variant stocked only in the merchant's own
 * warehouse (so it ships 9610 through a hub), paying from the wallet: the paid order.
 */
async function paidDirectMailOrder(merchant: APIRequestContext, shopper: APIRequestContext): Promise<Body> {
  const products = await call(merchant, 'GET', '/v1/products?status=active&limit=100');
  const levels = await call(merchant, 'GET', '/v1/stock-levels?limit=100');
  const places = new Map<string, number>();
  for (const l of levels.data) if (l.available > 0) places.set(l.variant_id, (places.get(l.variant_id) ?? 0) + 1);
  const variant = products.data.flatMap((p: Body) => p.variants).find((v: Body) => places.get(v.id) === 1);
  expect(variant, 'a listed variant stocked in one warehouse').toBeTruthy();

  const paid = await shopperBuysOne(platform, shopper, variant.id);
  expect(paid.orders).toHaveLength(1);
  expect(paid.orders[0]).toMatchObject({ state: 'paid', origin: { customs_mode: '9610' } });
  return paid.orders[0];
}

/** The milestones the public tracking page lists, top to bottom. */
const milestonesShown = (page: Page) => page.locator('.ui-timeline__milestone').allTextContents();

describe('logistics', () => {
  it('a booked parcel flies to China; the storefront shows its timeline in Chinese and English, and on the order', JOURNEY, async () => {
    const merchantApi = await session('staff', OWNER, DEMO.merchantPassword);
    const shopperApi = await session('shopper', DEMO.shopper.email, DEMO.shopper.password);
    const opsApi = await session('staff', DEMO.operator.email, DEMO.operator.password);
    const context = await newContext(browser, platform.url, { locale: 'en' });
    let page = await context.newPage();
    try {
      const order = await paidDirectMailOrder(merchantApi.request, shopperApi.request);

      // The merchant books it in one click: one parcel, the checkout's weight and size.
      await page.goto('/merchant/');
      await page.getByLabel('Email').fill(OWNER);
      await page.getByLabel('Password').fill(DEMO.merchantPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sales dashboard' }).waitFor({ timeout: 30_000 });
      await page.goto(`/merchant/orders/${order.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(order.id) }).waitFor();
      await page.getByLabel('Weight (g)').waitFor();
      await page.getByRole('button', { name: 'Book shipment' }).click();
      await page.getByText('Shipment booked.', { exact: false }).waitFor({ timeout: 30_000 });
      const shipments = await call(merchantApi.request, 'GET', `/v1/shipments?order=${order.id}`);
      expect(shipments.data).toHaveLength(1);
      const shipment = shipments.data[0];
      const parcel = shipment.parcels[0];
      const number: string = parcel.tracking_number;
      expect(number).toMatch(/^[A-Z]{2}\d{9}[A-Z]{2}$/);
      await page.getByRole('link', { name: number, exact: true }).waitFor();
      await page
        .getByRole('table', { name: `Parcels of shipment ${shipment.id}` })
        .getByText('Shipment booked')
        .waitFor();
      const label = page.getByRole('link', { name: `Print label ${number}` });
      expect(await label.getAttribute('href')).toBe(parcel.label_url);
      expect(await label.getAttribute('target')).toBe('_blank');
      const pdf = await context.request.get(`${platform.url}${parcel.label_url}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(await page.getByRole('link', { name: 'Print all labels' }).getAttribute('href')).toBe(shipment.labels_url);
      await page.getByRole('heading', { name: 'China customs' }).waitFor();
      await page.getByText('Ready to declare').waitFor();
      await checkScreen(page, 'merchant-order-shipment');
      await page.close();

      // The operators: picked up, received at the Auckland hub, bagged, flown to Shanghai.
      const ops = opsApi.request;
      for (const scan of ['pick_up', 'receive'])
        expect((await call(ops, 'POST', '/v1/hub/scans', { tracking_number: number, scan })).repeated).toBe(false);
      const bag = await call(ops, 'POST', '/v1/bags', { origin_node_id: shipment.origin_node_id, destination_country: 'CN' });
      await call(ops, 'POST', `/v1/bags/${bag.id}/parcels`, { tracking_number: number });
      await call(ops, 'POST', `/v1/bags/${bag.id}/close`, {});
      const manifest = await call(ops, 'POST', '/v1/manifests', {
        origin_node_id: shipment.origin_node_id,
        destination_country: 'CN',
        mawb: mawb(),
        flight_no: 'NZ289',
        destination_airport: 'PVG',
        bag_ids: [bag.id],
      });
      await call(ops, 'POST', `/v1/manifests/${manifest.id}/depart`, {});
      await call(ops, 'POST', `/v1/manifests/${manifest.id}/arrive`, {});
      const tracked = await call(ops, 'GET', `/v1/tracking/${number}`);
      expect(['customs_submitted', 'customs_released']).toContain(tracked.status);

      // The public tracking page, no sign-in, in Chinese: typed in, then the timeline newest first.
      const zh = await newContext(browser, platform.url, { mobile: true, locale: 'zh-CN' });
      page = await zh.newPage();
      await page.goto('/');
      await page.getByRole('link', { name: '查物流' }).click();
      await page.getByRole('heading', { level: 1, name: '物流查询' }).waitFor();
      await page.getByLabel('运单号').fill('CT123');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('运单号格式不正确', { exact: false }).waitFor();
      await page.getByLabel('运单号').fill(number.toLowerCase());
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(`**/track/${number}`);
      await page.getByRole('heading', { name: `包裹 ${number}` }).waitFor();
      await page.getByText('杭州市').waitFor();
      await page.getByText(/预计 .+送达/).waitFor();
      const chinese = [
        '清关中',
        '已到达目的地国家',
        '已从始发地发出',
        '已集包，等待航班',
        '已到达始发转运中心',
        '已揽收',
        '已打单，待揽收',
      ];
      await expect.poll(async () => (await milestonesShown(page)).slice(-chinese.length)).toEqual(chinese);
      const shown = await milestonesShown(page);
      expect(shown.length === chinese.length || shown[0] === '海关放行').toBe(true);
      await checkScreen(page, 'storefront-track');

      // English in one tap: the same timeline, the milestones in English.
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('heading', { level: 1, name: 'Track a parcel' }).waitFor();
      const english = [
        'In customs clearance',
        'Arrived in the destination country',
        'Departed origin',
        'Consolidated for the flight',
        'At the origin hub',
        'Picked up',
        'Shipment booked',
      ];
      await expect.poll(async () => (await milestonesShown(page)).slice(-english.length)).toEqual(english);
      await checkScreen(page, 'storefront-track-en');
      await page.getByRole('button', { name: 'Switch language' }).click();
      await page.getByRole('heading', { level: 1, name: '物流查询' }).waitFor();

      // An unknown number: said so, not an error.
      const unknown = s10('CT', S10_MAX_SERIAL, 'AU');
      await page.goto(`/track/${unknown}`);
      await page.getByText(`没有找到运单号为 ${unknown} 的包裹`, { exact: false }).waitFor();

      // The shopper's order page: the parcel, its tracking number linking to the tracking page.
      await call(zh.request, 'POST', '/v1/sessions', { realm: 'shopper', ...DEMO.shopper });
      await page.goto(`/orders/${order.id}`);
      await page.getByRole('heading', { level: 1, name: '订单详情' }).waitFor();
      const parcels = page.locator('section').filter({ has: page.getByRole('heading', { name: '包裹', exact: true }) });
      await parcels.getByRole('heading', { name: `包裹 1 ${number}` }).waitFor();
      await parcels.getByText('清关中').first().waitFor();
      await parcels.getByText('已揽收').waitFor();
      await checkScreen(page, 'storefront-order-parcels');
      await parcels.getByRole('link', { name: number, exact: true }).click();
      await page.waitForURL(`**/track/${number}`);
      await page.getByRole('heading', { name: `包裹 ${number}` }).waitFor();
      await zh.close();
    } catch (err) {
      await screenshot(page, 'logistics-storefront-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
      await merchantApi.close();
      await shopperApi.close();
      await opsApi.close();
    }
  });

  it('the hub screen scans parcel after parcel: done, repeated, refused; bags and a manifest; the exceptions', JOURNEY, async () => {
    const merchantApi = await session('staff', OWNER, DEMO.merchantPassword);
    const shopperApi = await session('shopper', DEMO.shopper.email, DEMO.shopper.password);
    const context = await newContext(browser, platform.url, { locale: 'en' });
    const page = await context.newPage();
    try {
      const order = await paidDirectMailOrder(merchantApi.request, shopperApi.request);
      const shipment = await call(merchantApi.request, 'POST', `/v1/orders/${order.id}/shipments`, {
        parcels: [{ weight_g: 900, length_cm: 20, width_cm: 15, height_cm: 10 }],
      });
      const number: string = shipment.parcels[0].tracking_number;

      await page.goto('/operator/');
      await page.getByLabel('Email').fill(DEMO.operator.email);
      await page.getByLabel('Password').fill(DEMO.operator.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Merchant applications' }).waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: 'Hub', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Hub scanning' }).waitFor();

      // As a barcode scanner does: the number, then Enter; the field is cleared and keeps the focus.
      const input = page.getByLabel('Tracking number');
      const results = page.getByRole('list', { name: 'Scan results' });
      await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
      await input.fill(number);
      await input.press('Enter');
      const latest = results.getByRole('listitem').first();
      await latest.getByText('Done', { exact: true }).waitFor();
      await latest.getByText(number).waitFor();
      await latest.getByText('At the origin hub').waitFor();
      expect(await input.inputValue()).toBe('');
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);

      // The same parcel again: repeated, nothing changed.
      await page.keyboard.type(number.toLowerCase());
      await page.keyboard.press('Enter');
      await expect.poll(() => results.getByRole('listitem').count()).toBe(2);
      await latest.getByText('Repeated', { exact: true }).waitFor();

      // Out of turn: handed to last mile before customs released it — refused, with the API's code.
      await page.getByLabel('Scan', { exact: true }).selectOption('hand_over');
      await input.fill(number);
      await input.press('Enter');
      await expect.poll(() => results.getByRole('listitem').count()).toBe(3);
      await latest.getByText('Refused', { exact: true }).waitFor();
      await latest.getByText('(invalid_scan)').waitFor();
      await latest.getByText('That scan is out of turn for this parcel.', { exact: false }).waitFor();
      expect((await call(merchantApi.request, 'GET', `/v1/parcels/${shipment.parcels[0].id}`)).status).toBe('at_origin_hub');
      await checkScreen(page, 'operator-hub');

      // A bag at the parcel's hub for China: opened, the parcel scanned into it, sealed.
      const bagForm = page.getByRole('form', { name: 'Open a bag' });
      await bagForm.getByLabel('Hub').selectOption(shipment.origin_node_id);
      await bagForm.getByLabel('Destination country').selectOption('CN');
      await bagForm.getByRole('button', { name: 'Open a bag' }).click();
      const openBags = page.getByRole('table', { name: 'Open bags' });
      await openBags.getByRole('row').nth(1).waitFor();
      await expect.poll(() => page.getByLabel('Scan', { exact: true }).inputValue()).toMatch(/^bag:/);
      const bagId = (await page.getByLabel('Scan', { exact: true }).inputValue()).slice(4);
      await input.fill(number);
      await input.press('Enter');
      await expect.poll(() => results.getByRole('listitem').count()).toBe(4);
      await latest.getByText('Done', { exact: true }).waitFor();
      await latest.getByText('Consolidated for the flight').waitFor();
      await openBags
        .getByRole('row', { name: new RegExp(bagId) })
        .getByRole('cell', { name: '1', exact: true })
        .waitFor();
      await page.getByRole('button', { name: `Close bag ${bagId}` }).click();
      await expect.poll(() => page.getByRole('button', { name: `Close bag ${bagId}` }).count()).toBe(0);

      // A manifest: a wrong check digit refused before sending, then the bag on a flight that departs.
      const manifestForm = page.getByRole('form', { name: 'New manifest' });
      await manifestForm.getByLabel('Hub').selectOption(shipment.origin_node_id);
      await manifestForm.getByLabel('Destination country').selectOption('CN');
      await manifestForm.getByRole('checkbox', { name: new RegExp(bagId) }).check();
      await manifestForm.getByLabel('Master air waybill').fill('784-12345676');
      await manifestForm.getByLabel('Flight').fill('nz289');
      await manifestForm.getByLabel('Destination airport').fill('pvg');
      await manifestForm.getByRole('button', { name: 'Create manifest' }).click();
      await manifestForm.getByText('Enter a master air waybill', { exact: false }).waitFor();
      const awb = mawb();
      await manifestForm.getByLabel('Master air waybill').fill(awb);
      await manifestForm.getByRole('button', { name: 'Create manifest' }).click();
      await manifestForm.getByText(`Manifest ${awb} created.`).waitFor();
      await page.getByRole('button', { name: `Depart ${awb}` }).click();
      await page.getByRole('button', { name: `Arrive ${awb}` }).waitFor();
      expect((await call(merchantApi.request, 'GET', `/v1/parcels/${shipment.parcels[0].id}`)).status).toBe('departed_origin');
      await checkScreen(page, 'operator-hub-manifest');

      // The exceptions: customs declarations by queue, parcels flagged exception.
      await page.getByRole('link', { name: 'Exceptions', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Exceptions' }).waitFor();
      await page
        .getByRole('table', { name: 'Customs declarations' })
        .or(page.getByText('No declarations: Held (documents do not match).'))
        .first()
        .waitFor();
      await page
        .getByRole('table', { name: 'Parcels with an exception' })
        .or(page.getByText('No parcels with an exception. All good.'))
        .first()
        .waitFor();
      await checkScreen(page, 'operator-exceptions');
      await page.getByLabel('Declarations').selectOption('rejected');
      await page.getByRole('table', { name: 'Customs declarations' }).or(page.getByText('No declarations: Rejected.')).first().waitFor();
    } catch (err) {
      await screenshot(page, 'logistics-operator-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
      await merchantApi.close();
      await shopperApi.close();
    }
  });

  it('the merchant sends stock to a bonded warehouse; the operators receive it, one short; it is in bonded stock', JOURNEY, async () => {
    const merchantApi = await session('staff', OWNER, DEMO.merchantPassword);
    const context = await newContext(browser, platform.url, { locale: 'en' });
    const opsContext = await newContext(browser, platform.url, { locale: 'en' });
    const page = await context.newPage();
    try {
      const m = merchantApi.request;
      const locations = (await call(m, 'GET', '/v1/locations?limit=100')).data;
      const bonded = locations.find((l: Body) => l.kind === 'bonded_warehouse' && l.active);
      let from: Body;
      let level: Body;
      for (const l of locations.filter((x: Body) => x.kind === 'merchant_warehouse' && x.active)) {
        const levels = await call(m, 'GET', `/v1/stock-levels?location_id=${l.id}&limit=100`);
        level = levels.data.find((s: Body) => s.available >= 3);
        if (level) {
          from = l;
          break;
        }
      }
      expect(bonded, 'a bonded warehouse').toBeTruthy();
      expect(level, 'a variant with 3 units available in one of the merchant’s warehouses').toBeTruthy();
      const bondedLevel = async () =>
        (await call(m, 'GET', `/v1/stock-levels?location_id=${bonded.id}&variant_id=${level.variant_id}`)).data[0]?.on_hand ?? 0;
      const before = await bondedLevel();

      // The merchant owner, on the inventory page: more than is available is refused on the field; then 3 units.
      await page.goto('/merchant/');
      await page.getByLabel('Email').fill(OWNER);
      await page.getByLabel('Password').fill(DEMO.merchantPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sales dashboard' }).waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: 'Inventory', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Inventory' }).waitFor();
      const send = page.getByRole('form', { name: 'Send to a bonded warehouse' });
      await send.getByLabel('From your warehouse').selectOption(from.id);
      await send.getByLabel('To bonded warehouse').selectOption(bonded.id);
      await send
        .getByRole('option', { name: new RegExp(`${level.available} available$`) })
        .first()
        .waitFor({ state: 'attached' });
      await send.getByLabel('Variant').selectOption(level.variant_id);
      await send.getByText(`${level.available} available in this warehouse`).waitFor();
      await send.getByLabel('Quantity').fill(String(level.available + 1));
      await send.getByRole('button', { name: 'Send stock' }).click();
      await send.getByRole('alert').filter({ hasText: 'There is not enough stock' }).waitFor();
      await send.getByLabel('Quantity').fill('3');
      await send.getByLabel('Reference').fill('PL-2024-07');
      await send.getByRole('button', { name: 'Send stock' }).click();
      const sent = send.getByRole('status').filter({ hasText: /Inbound shipment \S+ is on its way/ });
      await sent.waitFor({ timeout: 30_000 });
      const id = /Inbound shipment (\S+) is on its way/.exec((await sent.textContent()) ?? '')?.[1] ?? '';
      expect(id).toMatch(/^inb/);
      const list = page.getByRole('table', { name: 'Inbound shipments to bonded warehouses' });
      const row = list.getByRole('row').filter({ hasText: id });
      await row.getByText('In transit').waitFor();
      await row.getByText(/3 sent$/).waitFor();
      await row.getByText('PL-2024-07').waitFor();
      await row.getByRole('button', { name: `Cancel inbound shipment ${id}` }).waitFor();
      const left = await call(m, 'GET', `/v1/stock-levels?location_id=${from.id}&variant_id=${level.variant_id}`);
      expect(left.data[0].on_hand).toBe(level.on_hand - 3);
      await checkScreen(page, 'merchant-inventory-bonded');

      // The operators, on the hub screen: receive it with one unit short.
      const ops = await opsContext.newPage();
      await ops.goto('/operator/');
      await ops.getByLabel('Email').fill(DEMO.operator.email);
      await ops.getByLabel('Password').fill(DEMO.operator.password);
      await ops.getByRole('button', { name: 'Sign in' }).click();
      await ops.getByRole('heading', { level: 1, name: 'Merchant applications' }).waitFor({ timeout: 30_000 });
      await ops.getByRole('link', { name: 'Hub', exact: true }).click();
      await ops.getByRole('heading', { level: 1, name: 'Hub scanning' }).waitFor();
      const inbound = ops.getByRole('table', { name: 'Inbound shipments in transit' });
      const opsRow = inbound.getByRole('row').filter({ hasText: id });
      await opsRow.getByText(`${from.name} → ${bonded.name}`).waitFor();
      await opsRow.getByText(/: 3 sent$/).waitFor();
      await opsRow.getByRole('button', { name: `Receive ${id}` }).click();
      const receive = ops.getByRole('form', { name: `Receive ${id}` });
      const count = receive.getByLabel(/^Received of /);
      expect(await count.inputValue()).toBe('3');
      await count.fill('4');
      await receive.getByRole('button', { name: 'Record receipt' }).click();
      await receive.getByText('from 0 to 3', { exact: false }).waitFor();
      await count.fill('2');
      await checkScreen(ops, 'operator-hub-inbound');
      await receive.getByRole('button', { name: 'Record receipt' }).click();
      await ops.getByText(`Inbound shipment ${id} received`, { exact: false }).waitFor({ timeout: 30_000 });
      await expect.poll(() => inbound.getByRole('row').filter({ hasText: id }).count()).toBe(0);
      await ops.close();

      // The merchant's view: received, 3 sent and 2 received; the 2 units are the bonded warehouse's stock.
      const done = await call(m, 'GET', `/v1/inbound-shipments/${id}`);
      expect(done).toMatchObject({ status: 'received', lines: [{ variant_id: level.variant_id, quantity: 3, received_quantity: 2 }] });
      expect(await bondedLevel()).toBe(before + 2);
      await page.reload();
      const received = page.getByRole('table', { name: 'Inbound shipments to bonded warehouses' }).getByRole('row').filter({ hasText: id });
      await received.getByText('3 sent, 2 received', { exact: false }).waitFor();
      await received.getByText('Received', { exact: true }).waitFor();
      expect(await received.getByRole('button').count()).toBe(0);
    } catch (err) {
      await screenshot(page, 'logistics-bonded-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
      await opsContext.close();
      await merchantApi.close();
    }
  });
});
