// Browser tests: the real platform (`tasman serve` with the demo data and its job worker, on the
// database this run tests) and Debian's Chromium driven by playwright-core. Screenshots go to
// test-output/screenshots/ (not committed); axe-core checks every page for serious or critical
// accessibility violations.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { WEB_DIST } from '../../src/kernel/http/web.ts';
import { exited, launch, ROOT, tempDir } from '../support/cli.ts';
import { ADDRESS } from '../support/addresses.ts';
import { freshDatabase } from '../support/platform.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
/** Browser journeys are slow on two cores: whole-journey timeouts. */
export const JOURNEY = { timeout: 240_000 };

export const DEMO = {
  operator: { email: 'admin@tasman.local', password: 'tasman-demo-admin' },
  shopper: { email: 'shopper@tasman.local', password: 'tasman-demo-shopper' },
  merchantPassword: 'tasman-demo-merchant',
};

export interface DemoPlatform {
  url: string;
  stop(): Promise<void>;
}

/** `tasman serve` with the demo corridor on a fresh database of this run's kind, web apps built; `env` adds or overrides settings. */
export async function startDemoPlatform(env: Record<string, string> = {}): Promise<DemoPlatform> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('web/dist is not built: `npm test` builds it (npm run web:build)');
  const db = process.env.DATABASE_URL ? await freshDatabase() : undefined;
  if (db) await db.database.close();
  const vars: Record<string, string> = {
    TASMAN_SECRET: randomBytes(24).toString('hex'),
    DATA_DIR: tempDir(),
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    PLAN_RATE_LIMITS: 'false',
    WORKER_POLL_MS: '200',
    ...env,
  };
  if (db?.url) vars.DATABASE_URL = db.url;
  const { child, out } = launch(['serve'], vars);
  const done = exited(child, out, 'tasman serve', 900_000).catch(() => undefined);
  const stop = async () => {
    child.kill('SIGTERM');
    await done;
    await db?.drop().catch(() => {});
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
    const url = /Tasman is running at (http:\/\/\S+)/.exec(out.stdout)?.[1]?.replace('://localhost', '://127.0.0.1');
    if (url && (await fetch(`${url}/ready`).catch(() => undefined))?.status === 200) return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`serve was not ready in time\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
}

/**
 * The demo platform and a Chromium for one test file: started before its tests (handed over to
 * `use`), stopped after them. `env` adds or overrides settings, as for startDemoPlatform.
 */
export function withDemoPlatform(use: (platform: DemoPlatform, browser: Browser) => void, env: Record<string, string> = {}): void {
  let platform: DemoPlatform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    platform = await startDemoPlatform(env);
    browser = await launchChromium();
    use(platform, browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 60_000);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** A phone-sized context (most Chinese shoppers buy on a phone) or a desktop one, in `locale`. */
export function newContext(browser: Browser, base: string, opts: { mobile?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: base,
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(opts.mobile
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } }),
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations as AxeViolation[];
  });
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => JSON.stringify(n.target))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(bad, `accessibility on ${where}`).toEqual([]);
}

/** Screenshot plus accessibility check: what every main screen gets. */
/** The demo merchant's owner (Waimaru), who signs in to the merchant console in the journeys. */
export const DEMO_MERCHANT_OWNER = 'owner@waimaru.demo.tasman.local';

/** A page of a new English context, signed in to the merchant console as the demo owner, on the dashboard. */
export async function merchantConsole(browser: Browser, platform: DemoPlatform): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, platform.url, { locale: 'en' });
  const page = await context.newPage();
  await page.goto('/merchant/');
  await page.getByRole('heading', { level: 1, name: 'Sign in to the merchant console' }).waitFor();
  await page.getByLabel('Email').fill(DEMO_MERCHANT_OWNER);
  await page.getByLabel('Password').fill(DEMO.merchantPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sales dashboard' }).waitFor();
  return { context, page };
}

export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/**
 * An API call through a browser context's request (its cookies: who is signed in there) to the
 * demo platform; creating calls carry an Idempotency-Key. Fails the test on a non-2xx answer.
 */
export async function apiCall(
  platform: DemoPlatform,
  req: APIRequestContext,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  data?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
): Promise<any> {
  const res = await req.fetch(`${platform.url}${path}`, {
    method,
    data: data === undefined ? undefined : JSON.stringify(data),
    headers: {
      ...(data === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
  });
  const text = await res.text();
  expect(res.ok(), `${method} ${path}: ${res.status()} ${text}`).toBe(true);
  return text ? JSON.parse(text) : null;
}

/**
 * A signed-in shopper (its context's request) buys one unit of a variant the way the storefront
 * does: cart, checkout to the test address, the first shipping option, a card top-up when the
 * wallet is short (confirmed by the acquirer's webhook), pay. The checkout's payment.
 */
export async function shopperBuysOne(
  platform: DemoPlatform,
  shopper: APIRequestContext,
  variantId: string,
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
): Promise<any> {
  const call = (method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown) => apiCall(platform, shopper, method, path, data);
  await call('DELETE', '/v1/cart');
  await call('POST', '/v1/cart/lines', { variant_id: variantId, quantity: 1 });
  const checkout = await call('POST', '/v1/checkouts', { address: ADDRESS });
  const option = checkout.orders[0].shipping.options[0].service_code;
  const chosen = await call('POST', `/v1/checkouts/${checkout.id}/shipping`, { order: 0, service_code: option });
  const due = BigInt(chosen.totals.total.amount);
  if (BigInt((await call('GET', '/v1/wallet')).available.amount) < due) {
    await call('POST', '/v1/wallet/top-ups', {
      amount: '500000',
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' },
    });
    await expect.poll(async () => BigInt((await call('GET', '/v1/wallet')).available.amount) >= due, { timeout: 60_000 }).toBe(true);
  }
  return call('POST', `/v1/checkouts/${checkout.id}/pay`, {});
}
