// The storefront in a real browser against the real platform (demo data, job worker): the golden
// journey of a shopper in China, in Chinese on a phone — sign up, verify identity (PRODUCT.md X3:
// name + resident ID number), top up the wallet with the sandbox test card, search 蜂蜜, buy from
// two merchants in one checkout with the CBEC tax itemised (X1) and the annual quota shown (X2),
// pay from the wallet and see the orders paid. Then a shopper in Australia sees AUD with GST (X4),
// and the language switches to English. Every main screen is screenshotted and checked by axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { toDecimalString } from '../../web/shared/money.ts';
import { checkScreen, type DemoPlatform, JOURNEY, newContext, screenshot, withDemoPlatform } from './support.ts';

let platform: DemoPlatform;
let browser: Browser;

withDemoPlatform((p, b) => {
  platform = p;
  browser = b;
});

/** A valid 18-character resident ID number (GB 11643-1999) with a random sequence code. */
function residentId(): string {
  const first17 = `11010519900307${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

interface Money {
  amount: string;
  currency: string;
}

async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(`${platform.url}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** The product page shows the tax-included price the API gives for one of its variants (and the label 含税价). */
async function expectTaxIncludedPrice(page: Page, context: BrowserContext): Promise<void> {
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  const product = await apiGet<{ variants: { tax_estimate: { price_with_tax: Money } | null }[] }>(
    context,
    `/v1/storefront/products/${id}`,
  );
  const prices = product.variants.flatMap((v) => (v.tax_estimate ? [toDecimalString(v.tax_estimate.price_with_tax.amount, 2)] : []));
  expect(prices.length).toBeGreaterThan(0);
  const box = page.locator('.sf-buy__price');
  await box.getByText('含税价').waitFor();
  const shown = ((await box.textContent()) ?? '').replace(/[,\s]/g, '');
  expect(
    prices.some((p) => shown.includes(p)),
    `${shown} shows one of ${prices.join(', ')}`,
  ).toBe(true);
}

/** Adds the first product of the current result list to the cart and goes back to the results. */
async function addFirstResult(page: Page, brand: string, screenshot?: string): Promise<string> {
  await page.getByRole('article').first().getByText(`${brand} ·`).waitFor();
  const link = page.getByRole('article').first().getByRole('heading').getByRole('link');
  const name = (await link.textContent()) ?? '';
  await link.click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
  await page.getByRole('button', { name: '加入购物车' }).waitFor();
  await expect.poll(() => page.getByText('有货').first().isVisible()).toBe(true);
  if (screenshot) await checkScreen(page, screenshot);
  await page.getByRole('button', { name: '加入购物车' }).click();
  await page.getByText(/购物车中已有 1 件/).waitFor();
  return name;
}

describe('storefront', () => {
  it(
    'a shopper in China signs up, verifies, tops up, buys honey from two merchants and sees the orders paid (in Chinese, on a phone)',
    JOURNEY,
    async () => {
      const context = await newContext(browser, platform.url, { mobile: true, locale: 'zh-CN' });
      const page = await context.newPage();
      try {
        // Home: categories and featured ANZ brands.
        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: '澳新好物，税费透明' }).waitFor();
        await page.getByRole('link', { name: '蜂蜜' }).first().waitFor();
        await page.getByRole('heading', { name: '精选澳新品牌' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        await checkScreen(page, 'storefront-home');

        // Sign up (client checks first: a weak password never reaches the server).
        await page.getByRole('link', { name: '登录' }).click();
        await page.getByRole('link', { name: '注册' }).click();
        await page.getByRole('heading', { name: '注册新账户' }).waitFor();
        const email = `shopper-${Date.now()}@example.com`;
        await page.getByLabel('昵称').fill('小李');
        await page.getByLabel('邮箱').fill(email);
        await page.getByLabel('密码').fill('0123456789');
        await page.getByRole('button', { name: '注册', exact: true }).click();
        await page.getByText('密码不能是连续的字符').waitFor();
        await page.getByLabel('密码').fill('kiwi-honey-2026');
        await page.getByRole('button', { name: '注册', exact: true }).click();

        // Identity, once: the checksum rule runs in the browser before the API sees it.
        await page.getByRole('heading', { name: '实名认证' }).waitFor();
        await page.getByLabel('真实姓名').fill('李伟');
        await page.getByLabel('身份证号').fill('110105199003070011');
        await page.getByLabel('手机号').fill('13912345678');
        await page.getByRole('button', { name: '提交认证' }).click();
        await page.getByText('身份证号校验位不正确').waitFor();
        await page.getByLabel('身份证号').fill(residentId());
        await page.getByRole('button', { name: '提交认证' }).click();
        await page.getByRole('heading', { level: 1, name: '澳新好物，税费透明' }).waitFor();

        // Wallet: top up with the sandbox test card; the job worker confirms it.
        await page.getByRole('link', { name: '钱包' }).click();
        await page.getByRole('heading', { name: '我的钱包' }).waitFor();
        await page.getByLabel('充值金额（CNY）').fill('2000');
        await page.getByLabel('卡号').fill('4242 4242 4242 4242');
        await page.getByLabel('有效期（月）').fill('12');
        await page.getByLabel('有效期（年）').fill(String(new Date().getFullYear() + 3));
        await page.getByLabel('安全码').fill('123');
        await page.getByRole('button', { name: '充值', exact: true }).click();
        await page.getByText('充值成功').waitFor({ timeout: 30_000 });
        await page.getByRole('cell', { name: '银行卡充值' }).waitFor();
        const wallet = await apiGet<{ available: Money }>(context, '/v1/wallet');
        expect(wallet.available).toEqual({ amount: '200000', currency: 'CNY' });
        await checkScreen(page, 'storefront-wallet');

        // Search 蜂蜜 with the bilingual engine; facets narrow it.
        await page.getByRole('link', { name: '首页' }).click();
        await page.getByLabel('搜索商品').fill('蜂蜜');
        await page.getByRole('button', { name: '搜索', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: '“蜂蜜”的搜索结果' }).waitFor();
        await page.getByText(/共 \d+ 件商品/).waitFor();
        await checkScreen(page, 'storefront-search');

        // Two products from two merchants.
        const facets = page.locator('.sf-filters');
        await page.locator('.sf-filters summary').click();
        await facets.getByRole('link', { name: /^Waimaru/ }).click();
        await facets.locator('[aria-current="true"]').getByText('Waimaru').waitFor();
        const first = await addFirstResult(page, 'Waimaru', 'storefront-product');
        await page.getByText('国内保税仓发货').or(page.getByText(/直邮/)).first().waitFor();
        await expectTaxIncludedPrice(page, context);
        await page.goBack();
        await page.getByRole('heading', { level: 1, name: '“蜂蜜”的搜索结果' }).waitFor();
        if (!(await facets.getByRole('link', { name: /^Jacaranda Lane/ }).isVisible())) await page.locator('.sf-filters summary').click();
        await facets.getByRole('link', { name: /^Jacaranda Lane/ }).click();
        await facets.locator('[aria-current="true"]').getByText('Jacaranda Lane').waitFor();
        const second = await addFirstResult(page, 'Jacaranda Lane');
        expect(second).not.toBe(first);

        // Cart: one group per merchant, tax on each line.
        await page
          .getByRole('link', { name: /购物车/ })
          .first()
          .click();
        await page.getByRole('heading', { level: 1, name: '购物车' }).waitFor();
        await page.getByRole('heading', { name: 'Waimaru Manuka' }).waitFor();
        expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(3);
        await page.getByText('跨境综合税').first().waitFor();
        await checkScreen(page, 'storefront-cart');
        await page.getByRole('link', { name: '去结算' }).click();

        // Checkout: quota before paying, a Chinese address, then the landed cost per order.
        await page.getByRole('heading', { name: '跨境电商年度额度' }).waitFor();
        await page.getByText(/\d{4} 年剩余额度/).waitFor();
        await page.getByLabel('省份').selectOption({ label: '浙江省' });
        await page.getByLabel('城市').fill('杭州市');
        await page.getByLabel('区/县').fill('西湖区');
        await page.getByLabel('详细地址').fill('文三路 90 号 3 幢 501 室');
        expect(await page.getByLabel('收件人').inputValue()).toBe('李伟');
        await page.getByLabel('手机号').fill('139123');
        await page.getByRole('button', { name: '计算运费和税费' }).click();
        await page.getByText('中国大陆手机号为 11 位数字').waitFor();
        await page.getByLabel('手机号').fill('139 1234 5678');
        await page.getByRole('button', { name: '计算运费和税费' }).click();
        await page.getByRole('heading', { name: /^包裹 1 ·/ }).waitFor();
        await page.getByRole('heading', { name: /^包裹 2 ·/ }).waitFor();
        await page.getByText('进口增值税').first().waitFor();
        await page.getByText('支付后剩余额度').waitFor();
        const checkoutId = page.url().split('/checkout/')[1] ?? '';
        const checkout = await apiGet<{ totals: { total: Money }; orders: unknown[] }>(context, `/v1/checkouts/${checkoutId}`);
        expect(checkout.orders.length).toBeGreaterThanOrEqual(2);
        await checkScreen(page, 'storefront-checkout');
        await page.getByRole('button', { name: /钱包支付/ }).click();

        // Orders: both paid, the wallet charged exactly the checkout's total.
        await page.getByText('支付成功！').waitFor({ timeout: 30_000 });
        const rows = page.getByRole('listitem').filter({ hasText: '已支付' });
        await expect.poll(() => rows.count()).toBe(checkout.orders.length);
        await checkScreen(page, 'storefront-orders');
        const orders = await apiGet<{ data: { state: string; checkout: string }[] }>(context, `/v1/orders?checkout=${checkoutId}`);
        expect(orders.data.map((o) => o.state)).toEqual(orders.data.map(() => 'paid'));
        const after = await apiGet<{ available: Money }>(context, '/v1/wallet');
        expect(BigInt(after.available.amount)).toBe(200000n - BigInt(checkout.totals.total.amount));

        await rows.first().getByRole('link').click();
        await page.getByRole('heading', { level: 1, name: '订单详情' }).waitFor();
        await page.getByRole('heading', { name: '订单进度' }).waitFor();
        await page.getByText('已支付').first().waitFor();
        await page.getByRole('button', { name: '取消订单' }).waitFor();
        await checkScreen(page, 'storefront-order');
      } catch (err) {
        await screenshot(page, 'storefront-journey-failure').catch(() => {});
        throw err;
      } finally {
        await context.close();
      }
    },
  );

  it('a shopper in Australia sees AUD prices and the GST', JOURNEY, async () => {
    const context = await newContext(browser, platform.url, { mobile: true, locale: 'en-AU' });
    const page = await context.newPage();
    try {
      await page.goto('/sign-in');
      await page.getByLabel('邮箱').fill('shopper.au@tasman.local');
      await page.getByLabel('密码').fill('tasman-demo-shopper');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '中国好物，直送澳新' }).waitFor();
      const results = await apiGet<{ currency: string; data: { price_from: Money }[] }>(context, '/v1/storefront/products?limit=1');
      expect(results.currency).toBe('AUD');
      expect(await page.getByRole('article').first().textContent()).toMatch(/A\$|AU\$/);
      await checkScreen(page, 'storefront-au-home');

      await page.getByRole('article').first().getByRole('heading').getByRole('link').click();
      await page.getByText('澳大利亚商品及服务税（GST 10%）').waitFor();
      await expectTaxIncludedPrice(page, context);
      await page.getByRole('button', { name: '加入购物车' }).click();
      await page.getByText(/购物车中已有 1 件/).waitFor();
      await page
        .getByRole('link', { name: /购物车/ })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: '购物车' }).waitFor();
      await page.getByText('GST 商品及服务税').first().waitFor();
      const cart = await apiGet<{ currency: string; tax: Money }>(context, '/v1/cart');
      expect(cart.currency).toBe('AUD');
      await checkScreen(page, 'storefront-au-cart');
    } finally {
      await context.close();
    }
  });

  it('switches to English in one tap and remembers it', JOURNEY, async () => {
    const context = await newContext(browser, platform.url, { locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto('/search?q=manuka');
      await page.getByRole('heading', { level: 1, name: '“manuka”的搜索结果' }).waitFor();
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('heading', { level: 1, name: 'Results for “manuka”' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('link', { name: 'Cart' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Results for “manuka”' }).waitFor();
      await checkScreen(page, 'storefront-search-en');
    } finally {
      await context.close();
    }
  });
});
