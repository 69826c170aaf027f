// Demo data for a fresh embedded platform: an operator, a verified shopper in China, a shopper
// in Australia, and
// the demo corridor (catalog/demo/corridor.ts): merchants with their warehouses, listed
// products, and stock in their warehouses and in a Hangzhou bonded warehouse; then the
// shipping network (logistics/demo.ts). Every step looks before it writes, so seeding twice
// changes nothing.
import { fxRates } from './modules/fx/schema.ts';
import { setRate } from './modules/fx/service.ts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, type Runtime, systemCtx } from './kernel/context.ts';
import { DEMO_MERCHANTS, type DemoMerchant } from './modules/catalog/demo/corridor.ts';
import { productVariants } from './modules/catalog/schema.ts';
import { activateProduct, createProduct } from './modules/catalog/service.ts';
import { shoppers, staffUsers } from './modules/identity/schema.ts';
import { stockLocations } from './modules/inventory/schema.ts';
import { createLocation, recordMovement, updateLevel } from './modules/inventory/service.ts';
import { merchants } from './modules/merchants/schema.ts';
import { applyAsMerchant, decideMerchant } from './modules/merchants/service.ts';
import { createOperator, signUpShopper } from './modules/identity/service.ts';
import { seedNetwork } from './modules/logistics/demo.ts';
import { seedDemoParcels, seedDemoSettledOrder } from './modules/logistics/demo-journey.ts';
import { getIdentity, verifyIdentity } from './modules/identity/verification.ts';

export const DEMO = {
  operator: { email: 'admin@tasman.local', name: 'Demo Operator', password: 'tasman-demo-admin', role: 'admin' as const },
  /** A finance operator: a payout batch needs two different people to approve it (with the admin). */
  finance: { email: 'finance@tasman.local', name: 'Demo Finance', password: 'tasman-demo-finance', role: 'finance' as const },
  shopper: {
    email: 'shopper@tasman.local',
    name: '王小明',
    password: 'tasman-demo-shopper',
    country: 'CN' as const,
    // GB 11643-1999's own worked example number: valid checksum, belongs to no one.
    identity: { real_name: '王小明', id_number: '11010519491231002X', mobile: '13800138000' },
  },
  /** A shopper in Australia: buys from the sellers in China in AUD (no identity needed). */
  shopperAu: { email: 'shopper.au@tasman.local', name: 'Olivia Smith', password: 'tasman-demo-shopper', country: 'AU' as const },
  /** Every demo merchant owner signs in with this password (emails in catalog/demo/corridor.ts). */
  merchantPassword: 'tasman-demo-merchant',
  bonded: {
    name: 'Hangzhou Xiasha Bonded Warehouse',
    country: 'CN',
    city: 'Hangzhou',
    address: 'Xiasha Comprehensive Bonded Zone, Qiantang District, Hangzhou, Zhejiang',
    customs_code: '2991',
  },
  lowStockThreshold: 10,
  /** FX rates so that prices show in CNY and orders can be paid (finance replaces them with published ones). */
  fxRates: [
    { base: 'AUD', quote: 'CNY', mid: '4.70', spread_bps: 50 },
    { base: 'NZD', quote: 'CNY', mid: '4.30', spread_bps: 50 },
    { base: 'USD', quote: 'CNY', mid: '7.10', spread_bps: 50 },
  ] as const,
};

export interface SeedReport {
  created: string[];
  existing: string[];
}

async function byEmail(ctx: Ctx, table: typeof staffUsers | typeof shoppers, email: string) {
  const [row] = await ctx.db.select({ id: table.id }).from(table).where(sql`lower(${table.email}) = ${email}`);
  return row?.id;
}

export async function seedDemo(rt: Runtime): Promise<SeedReport> {
  const ctx = systemCtx(rt, 'seed');
  const report: SeedReport = { created: [], existing: [] };
  const note = (what: string, created: boolean) => (created ? report.created : report.existing).push(what);

  const opId = await byEmail(ctx, staffUsers, DEMO.operator.email);
  if (!opId) await createOperator(ctx, DEMO.operator);
  note(`operator ${DEMO.operator.email}`, !opId);
  const finId = await byEmail(ctx, staffUsers, DEMO.finance.email);
  if (!finId) await createOperator(ctx, DEMO.finance);
  note(`operator ${DEMO.finance.email}`, !finId);

  let shopperId = await byEmail(ctx, shoppers, DEMO.shopper.email);
  note(`shopper ${DEMO.shopper.email}`, !shopperId);
  if (!shopperId) shopperId = (await signUpShopper(ctx, DEMO.shopper)).id;
  const asShopper: Ctx = { ...ctx, principal: { kind: 'shopper', id: shopperId, country: 'CN', sessionId: '' } };
  const verified = await getIdentity(asShopper);
  if (!verified) await verifyIdentity(asShopper, DEMO.shopper.identity);
  note(`identity of ${DEMO.shopper.email}`, !verified);

  const auId = await byEmail(ctx, shoppers, DEMO.shopperAu.email);
  if (!auId) await signUpShopper(ctx, DEMO.shopperAu);
  note(`shopper ${DEMO.shopperAu.email}`, !auId);

  for (const r of DEMO.fxRates) {
    const [set] = await ctx.db
      .select({ id: fxRates.id })
      .from(fxRates)
      .where(and(eq(fxRates.base, r.base), eq(fxRates.quote, r.quote)))
      .limit(1);
    if (!set) await setRate(ctx, { ...r, source: 'demo' });
    note(`FX rate ${r.base}/${r.quote}`, !set);
  }

  const [bondedRow] = await ctx.db
    .select()
    .from(stockLocations)
    .where(and(isNull(stockLocations.merchantId), eq(stockLocations.name, DEMO.bonded.name)));
  const bonded = bondedRow ?? (await createLocation(ctx, DEMO.bonded));
  note(`bonded warehouse ${DEMO.bonded.name}`, !bondedRow);
  // One transaction per merchant: a few commits instead of thousands (the first start waits for it).
  for (const m of DEMO_MERCHANTS) await inTransaction(ctx, (tx) => seedMerchant(tx, m, bonded.id, note));
  // The shipping network: hubs, bonded warehouses and their lanes (logistics/demo.ts).
  await seedNetwork(ctx, note);
  // Two paid orders of the demo shopper, one of them in flight to China customs (logistics/demo-journey.ts).
  await seedDemoParcels(ctx, shopperId, note);
  // One delivered and confirmed order: its merchant has a balance for the first payout batch.
  await seedDemoSettledOrder(ctx, shopperId, note);
  return report;
}

async function seedMerchant(ctx: Ctx, m: DemoMerchant, bondedId: string, note: (what: string, created: boolean) => void): Promise<void> {
  const name = m.application.trading_name ?? m.application.legal_name;
  const [existing] = await ctx.db
    .select({ id: merchants.id })
    .from(merchants)
    .where(eq(merchants.businessNumber, m.application.business_number.replace(/\s/g, '')));
  let merchantId = existing?.id;
  let ownerId: string | undefined;
  if (!merchantId) {
    const applied = await applyAsMerchant(ctx, { ...m.application, owner: { ...m.owner, password: DEMO.merchantPassword } });
    await decideMerchant(ctx, applied.merchant.id, 'approve', undefined);
    merchantId = applied.merchant.id;
    ownerId = applied.owner.id;
  }
  note(`merchant ${name}`, !existing);
  ownerId ??= await byEmail(ctx, staffUsers, m.owner.email.toLowerCase());
  const asMerchant: Ctx = { ...ctx, principal: { kind: 'merchant', id: ownerId ?? 'seed', merchantId, role: 'owner', sessionId: '' } };

  const [whRow] = await ctx.db
    .select()
    .from(stockLocations)
    .where(and(eq(stockLocations.merchantId, merchantId), eq(stockLocations.name, m.warehouse.name)));
  const warehouse = whRow ?? (await createLocation(asMerchant, m.warehouse));

  let created = 0;
  for (const p of m.products) {
    const first = p.variants[0];
    if (!first) continue;
    const [found] = await ctx.db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(and(eq(productVariants.merchantId, merchantId), eq(productVariants.sku, first.sku)));
    if (found) continue;
    const detail = await createProduct(asMerchant, {
      brand: p.brand,
      category: p.category,
      country_of_origin: p.country_of_origin,
      text: p.text,
      shelf_life_days: p.shelf_life_days,
      samr_registration: p.samr_registration,
      variants: p.variants.map((v) => ({
        ...v,
        price: { amount: String(v.price.amount), currency: v.price.currency },
        cny_price: v.cny_price ? { amount: String(v.cny_price.amount), currency: 'CNY' as const } : undefined,
      })),
    });
    await activateProduct(asMerchant, detail.product.id);
    for (const [i, v] of p.variants.entries()) {
      const variantId = detail.variants[i]?.id;
      if (!variantId) continue;
      const places: [string, number | undefined][] = [
        [warehouse.id, v.stock.warehouse],
        [bondedId, v.stock.bonded],
      ];
      for (const [locationId, quantity] of places) {
        if (!quantity) continue;
        const { level } = await recordMovement(asMerchant, {
          kind: 'receipt',
          variant_id: variantId,
          location_id: locationId,
          quantity,
          reference: 'demo opening stock',
        });
        await updateLevel(asMerchant, level.id, { low_stock_threshold: DEMO.lowStockThreshold });
      }
    }
    created++;
  }
  note(`products of ${name}`, created > 0);
}

/** Whether the database has no accounts at all (a fresh start). */
export async function isEmpty(rt: Runtime): Promise<boolean> {
  const rows = await rt.database.db.select({ id: staffUsers.id }).from(staffUsers).limit(1);
  return rows.length === 0;
}
