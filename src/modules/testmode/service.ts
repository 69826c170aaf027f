// Test helpers (decisions §23): what a merchant's test world needs that no merchant call can do —
// a shopper buying, the network delivering. `createTestOrder` runs the real purchase (cart, checkout with FX quotes,
// shipping, tax and quota, payment into escrow) as a new test shopper of the twin, funded from
// the sandbox acquirer's test clearing account, so the integration sees the same orders, events
// and webhooks a live sale makes, with `livemode: false`. Only test-mode principals may call it.
import { randomInt } from 'node:crypto';
import { asSystem, type Ctx, inTransaction, now, tenantOf } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { merchantLivemode, modeKey } from '../../kernel/livemode.ts';
import { merchantStatuses } from '../merchants/service.ts';
import { residentIdCheckChar } from '../identity/rules.ts';
import { createTestShopper } from '../identity/service.ts';
import { applyReceipts, declarationOfOrder, submitOnArrival } from '../logistics/customs/service.ts';
import { MILESTONES, type Milestone, TERMINAL_MILESTONES } from '../logistics/parcel-rules.ts';
import { getShipment, type Parcel, type ShipmentDetail } from '../logistics/shipments.ts';
import { lockParcel, recordParcelEvent } from '../logistics/tracking.ts';
import { verifyIdentity } from '../identity/verification.ts';
import { clearCart, setCartLine } from '../orders/cart.ts';
import { type AddressInput, type Checkout, createCheckout, selectShipping } from '../orders/checkout.ts';
import { type Order, payCheckout } from '../orders/service.ts';
import { createTransfers, ensureAccount } from '../payments/ledger.ts';
import { HOME_CURRENCY, walletAccount } from '../payments/wallets.ts';

export type ShopperCountry = 'CN' | 'AU' | 'NZ';

export interface TestOrderInput {
  items: { variant_id: string; quantity: number }[];
  /** Where the test shopper lives; by default the market the merchant sells to (China, or Australia for a seller in China). */
  country?: ShopperCountry | undefined;
  address?: AddressInput | undefined;
  /** A shipping service for every order of the checkout (else the cheapest option of each). */
  service_code?: string | undefined;
}

/** Sandbox delivery addresses, one per market. A China address's mobile can pick a customs scenario (docs/api.md). */
export const SANDBOX_ADDRESSES: Record<ShopperCountry, AddressInput> = {
  CN: {
    region: 'CN-ZJ',
    city: '杭州市',
    district: '西湖区',
    street: '文三路 90 号 1 幢 501 室',
    postal_code: '310012',
    recipient: '测试买家',
    mobile: '13800138000',
  },
  AU: { region: 'AU-NSW', city: 'Sydney', street: '1 Test Street', postal_code: '2000', recipient: 'Test Shopper', mobile: '0412 345 678' },
  NZ: {
    region: 'NZ',
    city: 'Wellington',
    district: 'Te Aro',
    street: '1 Test Street',
    postal_code: '6011',
    recipient: 'Test Shopper',
    mobile: '021 234 5678',
  },
};

/** The test twin the principal acts as; live credentials are refused. */
export async function testWorldOf(ctx: Ctx): Promise<string> {
  const merchantId = tenantOf(ctx);
  if (await merchantLivemode(ctx, merchantId)) {
    throw new AppError('livemode_not_allowed', 'Test helpers work in test mode only: use an sk_test_ key (or the console in test mode)');
  }
  return merchantId;
}

/** A resident ID number that passes GB 11643-1999's check (born 1 January 1990 in Beijing's Xicheng district). */
export function sandboxIdNumber(serial = randomInt(0, 1000)): string {
  const first17 = `11010219900101${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export async function createTestOrder(
  ctx: Ctx,
  input: TestOrderInput,
): Promise<{ shopperId: string; checkout: Checkout; orders: Order[] }> {
  const merchantId = await testWorldOf(ctx);
  // The twin's own country decides its market: AU/NZ brands sell to China, Chinese sellers to Australia.
  const [twin] = await merchantStatuses(ctx, [merchantId]);
  const country: ShopperCountry = input.country ?? (twin?.country === 'CN' ? 'AU' : 'CN');
  const shopper = await createTestShopper(ctx, { country, testMerchantId: merchantId });
  const sctx: Ctx = {
    ...ctx,
    principal: { kind: 'shopper', id: shopper.id, country, sessionId: 'test_helper', testMerchantId: merchantId },
  };
  if (country === 'CN') {
    await verifyIdentity(sctx, { real_name: '测试买家', id_number: sandboxIdNumber(), mobile: '13800138000' });
  }
  await clearCart(sctx);
  for (const [i, item] of input.items.entries()) {
    await setCartLine(sctx, item.variant_id, item.quantity).catch((e: unknown) => {
      if (e instanceof AppError && e.param === 'variant_id') {
        throw new AppError(e.code, e.message, { param: `items.${i}.variant_id`, ...(e.details ? { details: e.details } : {}) });
      }
      throw e;
    });
  }
  let checkout = await createCheckout(sctx, { address: input.address ?? SANDBOX_ADDRESSES[country] });
  if (input.service_code) {
    for (const [order] of checkout.plan.orders.entries()) {
      checkout = await selectShipping(sctx, checkout.id, { order, service_code: input.service_code });
    }
  }
  await fundTestWallet(sctx, { id: shopper.id, country }, BigInt(checkout.plan.totals.total.amount), checkout.id);
  const paid = await payCheckout(sctx, checkout.id);
  return { shopperId: shopper.id, checkout: paid.checkout, orders: paid.orders };
}

/** Sandbox money for a test shopper's wallet: from the test clearing account, never a live one. */
async function fundTestWallet(
  ctx: Ctx,
  shopper: { id: string; country: ShopperCountry },
  amount: bigint,
  checkoutId: string,
): Promise<void> {
  const currency = HOME_CURRENCY[shopper.country];
  const clearing = await ensureAccount(ctx, {
    key: modeKey(false, `acquirer_clearing:sandbox:${currency}`),
    name: `Acquirer sandbox clearing ${currency} (test mode)`,
    currency,
    kind: 'asset',
  });
  const wallet = await walletAccount(ctx, shopper);
  await createTransfers(
    ctx,
    [
      {
        id: `test_funds:${checkoutId}`,
        debit_account_id: clearing.id,
        credit_account_id: wallet.id,
        amount,
        currency,
        reference: { type: 'checkout', id: checkoutId },
        metadata: { test_helper: true },
      },
    ],
    { batched: false },
  );
}

/** Where the network takes a parcel of each route before the last mile (hub, flight, arrival). */
const NETWORK_STEPS: Readonly<Record<Parcel['route'], readonly Milestone[]>> = {
  '9610': ['at_origin_hub', 'in_bag', 'departed_origin', 'arrived_destination'],
  export: ['at_origin_hub', 'in_bag', 'departed_origin', 'arrived_destination'],
  '1210': [],
};

/**
 * The sandbox network delivers a test shipment now: each parcel is received at the hub, bagged,
 * flown and landed (recorded as the hub's scans would be, without real bags or manifests), China
 * customs clears it in the test world's instant sandbox — or holds or rejects it, as the order's
 * sandbox mobile says — and the last mile delivers it. Every step goes through the same recording
 * as live parcels: `parcel.updated`, `customs.*`, `order.delivered` events and webhooks follow.
 */
export async function deliverTestShipment(ctx: Ctx, shipmentId: string): Promise<ShipmentDetail> {
  // Another world's (or merchant's) shipment is not found, as on every route; then only test mode may go on.
  const shipment = await getShipment(ctx, shipmentId);
  await testWorldOf(ctx);
  const sys = asSystem(ctx, 'sandbox-network');
  const orderId = shipment.orderId;
  const reached = (p: Parcel, m: Milestone) => MILESTONES.indexOf(p.milestone) >= MILESTONES.indexOf(m);
  await inTransaction(sys, async (tx) => {
    for (const parcel of shipment.parcels) {
      let p = await lockParcel(tx, parcel.trackingNumber);
      for (const milestone of NETWORK_STEPS[p.route]) {
        if (reached(p, milestone)) continue;
        p = await recordParcelEvent(tx, p, { milestone, at: now(tx), source: 'scan', location: 'Sandbox network' }, { force: true });
      }
    }
    if (shipment.route === '9610') await submitOnArrival(tx, orderId);
  });
  const declaration = await declarationOfOrder(sys, orderId);
  if (declaration?.reference) await applyReceipts(sys, declaration.id);
  await inTransaction(sys, async (tx) => {
    for (const parcel of shipment.parcels) {
      let p = await lockParcel(tx, parcel.trackingNumber);
      const cleared = p.route === 'export' ? reached(p, 'arrived_destination') : p.milestone === 'customs_released';
      if (!cleared || TERMINAL_MILESTONES.has(p.milestone)) continue;
      for (const milestone of ['out_for_delivery', 'delivered'] as const) {
        p = await recordParcelEvent(tx, p, {
          milestone,
          at: now(tx),
          source: 'carrier',
          sourceKey: `sandbox:${p.id}:${milestone}`,
          location: 'Sandbox last mile',
        });
      }
    }
  });
  return getShipment(ctx, shipmentId);
}
