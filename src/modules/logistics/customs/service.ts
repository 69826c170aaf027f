// China customs clearance of an order (PRODUCT.md L6, P6). When an order for China is booked
// into parcels, its four declarations are built from what the platform holds — the order
// (CEB311), the payment company's record of the payment (CEB411), the waybill (CEB511) and the
// inventory list (CEB621) — and the three-document match is checked; a mismatch holds the
// order with the reasons, in the operators' exception queue. Declarations go to the customs
// gateway when clearance starts (parcel-rules.ts CUSTOMS_FROM: a 9610 order on arrival in
// China, a 1210 order at once, from the bonded warehouse); a job reads the gateway's receipts
// and moves the parcels: released ones may be handed to last mile, held ones wait in the
// exception queue, a rejected order is refunded.
import { merchantLivemode } from '../../../kernel/livemode.ts';
import { inLiveWorld } from '../../../kernel/livemode.ts';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { asSystem, type Ctx, inTransaction, merchantScope, now, type Runtime } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { emitEvent } from '../../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../../kernel/http/pagination.ts';
import { isId, newId } from '../../../kernel/ids.ts';
import { getProduct } from '../../catalog/service.ts';
import { getIdentity, revealIdNumber } from '../../identity/verification.ts';
import { getLocation } from '../../inventory/service.ts';
import { getMerchant } from '../../merchants/service.ts';
import type { ChinaAddress } from '../../orders/checkout.ts';
import { getOrder, type Order, refundOrder } from '../../orders/service.ts';
import { getPaymentIntent } from '../../payments/intents.ts';
import { CN_PROVINCES_ZH } from '../rules.ts';
import { CUSTOMS_FROM, type Milestone, milestoneRank } from '../parcel-rules.ts';
import { bags, type CustomsStatus, customsDeclarations, manifests, parcels } from '../shipment-schema.ts';
import type { Parcel } from '../shipments.ts';
import { recordParcelEvent } from '../tracking.ts';
import { customsCountryCode, customsCurrencyCode } from './codes.ts';
import { type CustomsGateway, type GatewayReceipt, sandboxGateway } from './gateway.ts';
import { matchDocuments, type Mismatch } from './match.ts';
import {
  type BaseTransfer,
  buildCEB311,
  buildCEB411,
  buildCEB511,
  buildCEB621,
  type CustomsInventory,
  type CustomsOrder,
  type CustomsPayment,
  type CustomsWaybill,
} from './messages.ts';

export type CustomsDeclaration = typeof customsDeclarations.$inferSelect;

const LOGISTICS_NAME = 'Tasman Logistics';
const PLATFORM_NAME = 'Tasman';
/** The default customs unit when a variant declares none: 件 (article). */
const DEFAULT_UNIT = '011';
/**
 * Port customs of the airports 9610 flights land at (customs district codes). Operators add
 * theirs here; an airport not listed declares to Shanghai Pudong airport customs.
 */
const AIRPORT_CUSTOMS: Readonly<Record<string, string>> = { PVG: '2233', SHA: '2244', CAN: '5141', HGH: '2924', SZX: '5304' };

const gateways = new WeakMap<Runtime, CustomsGateway>();
const testGateways = new WeakMap<Runtime, CustomsGateway>();

/**
 * The customs gateway configured for this runtime (CUSTOMS_GATEWAY). The test world's declarations
 * (decisions §23) always go to a sandbox that answers at once: a test integration never waits for
 * clearance, and never reaches a real gateway when one is configured. (A sandbox reference carries
 * its own timings, so either sandbox reads any sandbox declaration's receipts.)
 */
export function customsGateway(rt: Runtime, livemode = true): CustomsGateway {
  if (!livemode) {
    let t = testGateways.get(rt);
    if (!t) {
      t = sandboxGateway({ acceptAfterS: 0, releaseAfterS: 0, inspectionS: 0 });
      testGateways.set(rt, t);
    }
    return t;
  }
  let g = gateways.get(rt);
  if (!g) {
    g = sandboxGateway({
      acceptAfterS: rt.config.CUSTOMS_SANDBOX_ACCEPT_S,
      releaseAfterS: rt.config.CUSTOMS_SANDBOX_RELEASE_S,
      inspectionS: rt.config.CUSTOMS_SANDBOX_INSPECTION_S,
    });
    gateways.set(rt, g);
  }
  return g;
}

const system = (ctx: Ctx): Ctx => asSystem(ctx, 'customs');
const guid = () => randomUUID().toUpperCase();

// ---------------------------------------------------------------------------
// Building the documents
// ---------------------------------------------------------------------------

interface Documents {
  order: CustomsOrder;
  payment: CustomsPayment;
  waybill: CustomsWaybill;
  /** Built once the goods are where they are declared from: the bonded warehouse, or a 9610 flight (it names it). */
  inventory: CustomsInventory | null;
  base: BaseTransfer;
}

/** Decimal text × a whole number, exactly: '0.25' × 3 = '0.75'. */
function timesDecimal(decimal: string, n: number): string {
  const [whole = '0', frac = ''] = decimal.split('.');
  const scaled = BigInt(whole + frac) * BigInt(n);
  if (!frac) return scaled.toString();
  const s = scaled.toString().padStart(frac.length + 1, '0');
  return `${s.slice(0, -frac.length)}.${s.slice(-frac.length)}`.replace(/\.?0+$/, '') || '0';
}

async function documentsFor(tx: Ctx, order: Order, ps: readonly Parcel[]): Promise<Documents> {
  const sys = system(tx);
  const t = now(tx);
  const address = order.address as unknown as ChinaAddress;
  const merchant = await getMerchant(sys, order.merchantId);
  const buyer = await getIdentity(sys, order.shopperId);
  if (!order.paymentIntentId) throw new AppError('invalid_state', 'The order has no payment to declare');
  const pi = await getPaymentIntent(sys, order.paymentIntentId);
  const payer = pi.payerShopperId ? await getIdentity(sys, pi.payerShopperId) : undefined;
  const cfg = tx.rt.config;
  const products = new Map<string, Awaited<ReturnType<typeof getProduct>>>();
  for (const id of new Set(order.lines.map((l) => l.productId))) products.set(id, await getProduct(sys, id));
  const lines = order.lines.map((l) => {
    const p = products.get(l.productId);
    const v = p?.variants.find((x) => x.id === l.variantId);
    return { l, p, v, origin: customsCountryCode(p?.product.countryOfOrigin ?? 'AU') };
  });
  const province = CN_PROVINCES_ZH[address.region] ?? address.region;
  const consigneeAddress = `${province}${address.city}${address.district ?? ''}${address.street}`;
  const phone = address.mobile;
  const cny = customsCurrencyCode('CNY');
  const base: BaseTransfer = {
    copCode: cfg.PLATFORM_CUSTOMS_CODE,
    copName: PLATFORM_NAME,
    dxpMode: 'DXP',
    dxpId: `DXPENT${cfg.PLATFORM_CUSTOMS_CODE}`,
  };
  const weight = ps.reduce((s, p) => s + p.weightG, 0);
  const netWeight = lines.reduce((s, x) => s + (x.v?.netWeightG ?? 0) * x.l.quantity, 0) || weight;
  const flight = await flightOf(tx, ps);
  const bonded = order.customsMode === '1210';
  const location = bonded ? await getLocation(sys, order.originLocationId) : undefined;
  const ebc = { ebcCode: merchant.businessNumber ?? merchant.id, ebcName: merchant.legalName };
  const ebp = { ebpCode: cfg.PLATFORM_CUSTOMS_CODE, ebpName: PLATFORM_NAME };
  const customsOrder: CustomsOrder = {
    guid: guid(),
    appTime: t,
    orderNo: order.id,
    ...ebp,
    ...ebc,
    goodsValue: order.goods,
    freight: order.shipping,
    discount: 0n,
    taxTotal: order.tax,
    acturalPaid: order.total,
    currency: cny,
    buyerRegNo: order.shopperId,
    buyerName: buyer?.realName ?? order.buyerName,
    buyerTelephone: buyer?.mobile ?? phone,
    buyerIdType: '1',
    buyerIdNumber: buyer ? revealIdNumber(sys, buyer) : (order.buyerIdMasked ?? ''),
    payCode: cfg.PAYMENT_COMPANY_CODE,
    payName: cfg.PAYMENT_COMPANY_NAME,
    payTransactionId: pi.transactionNo ?? '',
    consignee: address.recipient,
    consigneeTelephone: phone,
    consigneeAddress,
    lines: lines.map(({ l, v, origin }) => ({
      itemNo: l.sku,
      itemName: l.name['zh-Hans'] || l.name.en,
      gmodel: l.name.en,
      barCode: v?.gtin ?? '无',
      unit: DEFAULT_UNIT,
      qty: l.quantity,
      price: l.unitPricePaid,
      totalPrice: l.unitPricePaid * BigInt(l.quantity),
      country: origin,
    })),
  };
  const payment: CustomsPayment = {
    guid: guid(),
    appTime: t,
    payCode: cfg.PAYMENT_COMPANY_CODE,
    payName: cfg.PAYMENT_COMPANY_NAME,
    payTransactionId: pi.transactionNo ?? '',
    orderNo: pi.orderReference,
    ...ebp,
    payerIdType: '1',
    // The payment company knows its payer by the identity they paid with.
    payerIdNumber: payer && payer.idNumberIndex === pi.buyerIdIndex ? revealIdNumber(sys, payer) : (pi.buyerIdMasked ?? ''),
    payerName: pi.buyerName ?? '',
    telephone: payer?.mobile ?? phone,
    amountPaid: pi.chargeAmount ?? 0n,
    currency: cny,
    payTime: pi.paidAt ?? t,
  };
  const first = ps[0];
  const waybill: CustomsWaybill = {
    guid: guid(),
    appTime: t,
    logisticsCode: cfg.LOGISTICS_COMPANY_CODE,
    logisticsName: LOGISTICS_NAME,
    logisticsNo: first?.trackingNumber ?? '',
    billNo: flight?.mawb ?? '',
    orderNo: order.id,
    freight: order.shipping,
    insuredFee: 0n,
    currency: cny,
    weightG: weight,
    packNo: ps.length,
    goodsInfo: customsOrder.lines
      .map((l) => l.itemName)
      .join(';')
      .slice(0, 200),
    consignee: address.recipient,
    consigneeAddress,
    consigneeTelephone: phone,
  };
  const inventory: CustomsInventory | null =
    !bonded && !flight
      ? null
      : {
          guid: guid(),
          appTime: t,
          orderNo: order.id,
          ...ebp,
          ...ebc,
          logisticsNo: waybill.logisticsNo,
          logisticsCode: cfg.LOGISTICS_COMPANY_CODE,
          logisticsName: LOGISTICS_NAME,
          copNo: order.id,
          assureCode: cfg.PLATFORM_CUSTOMS_CODE,
          ...(bonded ? { emsNo: location?.customsCode ?? '', areaCode: location?.customsCode ?? '', areaName: location?.name ?? '' } : {}),
          declTime: t,
          customsCode: bonded ? (location?.customsCode ?? '').slice(0, 4) : (AIRPORT_CUSTOMS[flight?.airport ?? 'PVG'] ?? '2233'),
          portCode: bonded ? (location?.customsCode ?? '').slice(0, 4) : (AIRPORT_CUSTOMS[flight?.airport ?? 'PVG'] ?? '2233'),
          ieDate: t,
          buyerIdType: '1',
          buyerIdNumber: customsOrder.buyerIdNumber,
          buyerName: customsOrder.buyerName,
          buyerTelephone: customsOrder.buyerTelephone,
          consigneeAddress,
          agentCode: cfg.LOGISTICS_COMPANY_CODE,
          agentName: LOGISTICS_NAME,
          tradeMode: bonded ? '1210' : '9610',
          trafMode: bonded ? '9' : '5',
          ...(bonded ? {} : { trafNo: flight?.flightNo ?? '', voyageNo: flight?.flightNo ?? '', billNo: flight?.mawb ?? '' }),
          country: bonded ? customsCountryCode('CN') : customsCountryCode(merchant.country),
          freight: order.shipping,
          insuredFee: 0n,
          currency: cny,
          packNo: ps.length,
          grossWeightG: weight,
          netWeightG: netWeight,
          lines: lines.map(({ l, v, origin }) => ({
            ...(bonded ? { itemRecordNo: l.sku } : {}),
            itemNo: l.sku,
            itemName: l.name['zh-Hans'] || l.name.en,
            gcode: v?.hsCode ?? '',
            gname: l.name['zh-Hans'] || l.name.en,
            gmodel: l.name.en,
            barCode: v?.gtin ?? '无',
            country: origin,
            qty: l.quantity,
            unit: DEFAULT_UNIT,
            qty1: v?.declaredQuantity && v.declaredUnit ? timesDecimal(v.declaredQuantity, l.quantity) : String(l.quantity),
            unit1: v?.declaredUnit ?? DEFAULT_UNIT,
            price: l.unitPricePaid,
            totalPrice: l.unitPricePaid * BigInt(l.quantity),
          })),
        };
  return { order: customsOrder, payment, waybill, inventory, base };
}

/** The flight a 9610 order's first bagged parcel is on, once manifested. */
/** The flight a test parcel flies in the sandbox network (no real bag or manifest): AWB 784-1234567, check digit 5. */
const SANDBOX_FLIGHT = { mawb: '784-12345675', flightNo: 'TS0001', airport: 'PVG' };

async function flightOf(tx: Ctx, ps: readonly Parcel[]): Promise<{ mawb: string; flightNo: string; airport: string } | undefined> {
  const bagIds = ps.map((p) => p.bagId).filter((b): b is string => b !== null);
  if (bagIds.length === 0) {
    // A test parcel flies no real flight (test helpers, decisions §23): the sandbox's, once it has landed.
    const landed = ps.some((p) => p.milestone === 'arrived_destination');
    return landed && ps[0] && !(await merchantLivemode(tx, ps[0].merchantId)) ? SANDBOX_FLIGHT : undefined;
  }
  const [row] = await tx.db
    .select({ mawb: manifests.mawb, flightNo: manifests.flightNo, airport: manifests.destinationAirport })
    .from(bags)
    .innerJoin(manifests, eq(bags.manifestId, manifests.id))
    .where(inArray(bags.id, bagIds))
    .limit(1);
  return row;
}

/** Build the four messages and check the match; a document that cannot even be built is a mismatch too. */
function declare(d: Documents): { messages: Record<string, string>; mismatches: Mismatch[] } {
  const match = matchDocuments(d);
  const mismatches = match.ok ? [] : [...match.mismatches];
  const messages: Record<string, string> = {};
  const build: [string, () => string][] = [
    ['CEB311', () => buildCEB311(d.order, d.base)],
    ['CEB411', () => buildCEB411(d.payment, d.base)],
    ['CEB511', () => buildCEB511(d.waybill, d.base)],
  ];
  const inventory = d.inventory;
  if (inventory) build.push(['CEB621', () => buildCEB621(inventory, d.base)]);
  for (const [kind, fn] of build) {
    try {
      messages[kind] = fn();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // A message the data cannot fill is as much a reason to hold the order as a mismatch.
      mismatches.push({ code: 'message_incomplete', field: kind, message: e.message } as unknown as Mismatch);
    }
  }
  return { messages, mismatches };
}

const reasonOf = (ms: readonly Mismatch[]) => `Three-document match failed: ${ms.map((m) => m.message).join('; ')}`;

// ---------------------------------------------------------------------------
// Life of a declaration
// ---------------------------------------------------------------------------

async function lockDeclaration(tx: Ctx, orderId: string): Promise<CustomsDeclaration | undefined> {
  const [row] = await tx.db.select().from(customsDeclarations).where(eq(customsDeclarations.orderId, orderId)).for('update');
  return row;
}

/**
 * Build (or rebuild, until submitted) an order's declarations after its parcels were booked, and
 * check the three-document match: `held` with the reasons, or `ready`. A 1210 order that is
 * ready and wholly booked is submitted at once.
 */
export async function prepareDeclaration(tx: Ctx, orderId: string, ps: readonly Parcel[]): Promise<CustomsDeclaration> {
  const order = await getOrder(system(tx), orderId);
  const mode = order.customsMode;
  if (mode !== '9610' && mode !== '1210') throw new Error(`order ${orderId} is not declared to China customs`);
  const existing = await lockDeclaration(tx, orderId);
  if (existing && !['held', 'ready'].includes(existing.status)) return existing;
  const { messages, mismatches } = declare(await documentsFor(tx, order, ps));
  const t = now(tx);
  const values = {
    status: (mismatches.length ? 'held' : 'ready') as CustomsStatus,
    reason: mismatches.length ? reasonOf(mismatches) : null,
    mismatches,
    messages,
    updatedAt: t,
  };
  const [row] = existing
    ? await tx.db.update(customsDeclarations).set(values).where(eq(customsDeclarations.id, existing.id)).returning()
    : await tx.db
        .insert(customsDeclarations)
        .values({
          id: newId('customsDeclaration'),
          orderId,
          merchantId: order.merchantId,
          tradeMode: mode,
          gateway: tx.rt.config.CUSTOMS_GATEWAY,
          createdAt: t,
          ...values,
        })
        .returning();
  if (!row) throw new Error('write returned nothing');
  if (row.status === 'held' && existing?.status !== 'held') await announce(tx, row);
  if (row.status === 'ready' && mode === '1210' && order.state === 'shipped') return submit(tx, row);
  return row;
}

const EVENT_OF_STATUS: Partial<Record<CustomsStatus, 'customs.held' | 'customs.released' | 'customs.rejected'>> = {
  held: 'customs.held',
  inspection: 'customs.held',
  released: 'customs.released',
  rejected: 'customs.rejected',
};

/** Tell the merchant when its order's clearance is held, released or rejected. */
async function announce(tx: Ctx, d: CustomsDeclaration): Promise<void> {
  const type = EVENT_OF_STATUS[d.status];
  if (!type) return;
  await emitEvent(tx, type, d.merchantId, {
    declaration_id: d.id,
    order_id: d.orderId,
    trade_mode: d.tradeMode,
    status: d.status,
    reason: d.reason,
    mismatches: d.mismatches.map((m) => m.code),
  });
}

/** A 9610 order's parcels landed in China: its declarations go in (the inventory list now names the flight). */
export async function submitOnArrival(tx: Ctx, orderId: string): Promise<void> {
  const decl = await lockDeclaration(tx, orderId);
  if (!decl) return;
  if (decl.status === 'ready') {
    // Rebuilt: the inventory list and waybill carry the flight and air waybill now known.
    const order = await getOrder(system(tx), orderId);
    const ps = await tx.db.select().from(parcels).where(eq(parcels.orderId, orderId));
    const { messages, mismatches } = declare(await documentsFor(tx, order, ps));
    if (mismatches.length) {
      await tx.db
        .update(customsDeclarations)
        .set({ status: 'held', reason: reasonOf(mismatches), mismatches, messages, updatedAt: now(tx) })
        .where(eq(customsDeclarations.id, decl.id));
      await announce(tx, { ...decl, status: 'held', reason: reasonOf(mismatches), mismatches });
      return;
    }
    await submit(tx, { ...decl, messages });
    return;
  }
  // Submitted earlier with another parcel of the order: this one catches up.
  await syncParcels(tx, decl);
}

async function submit(tx: Ctx, decl: CustomsDeclaration): Promise<CustomsDeclaration> {
  const order = await getOrder(system(tx), decl.orderId);
  const address = order.address as unknown as ChinaAddress;
  const kinds = ['CEB311', 'CEB411', 'CEB511', 'CEB621'] as const;
  const { reference } = customsGateway(tx.rt, await merchantLivemode(tx, order.merchantId)).submit(
    {
      order_no: order.id,
      mode: decl.tradeMode,
      messages: kinds.map((kind) => ({ kind, xml: decl.messages[kind] as string })),
      consignee_telephone: address.mobile,
    },
    now(tx),
  );
  const [row] = await tx.db
    .update(customsDeclarations)
    .set({ status: 'submitted', reference, messages: decl.messages, submittedAt: now(tx), updatedAt: now(tx), reason: null })
    .where(eq(customsDeclarations.id, decl.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  await syncParcels(tx, row);
  return row;
}

/** The milestone a parcel shows for a declaration's state. */
const MILESTONE_OF: Partial<Record<CustomsStatus, Milestone>> = {
  submitted: 'customs_submitted',
  accepted: 'customs_submitted',
  inspection: 'customs_held',
  released: 'customs_released',
};

/**
 * Bring the order's parcels that have reached customs (9610: arrived in China; 1210: booked)
 * up to the declaration's state on their timelines.
 */
async function syncParcels(tx: Ctx, decl: CustomsDeclaration, at = now(tx)): Promise<void> {
  const target = MILESTONE_OF[decl.status];
  const rejected = decl.status === 'rejected';
  if (!target && !rejected) return;
  const ps = await tx.db.select().from(parcels).where(eq(parcels.orderId, decl.orderId)).orderBy(parcels.id).for('update');
  for (let p of ps) {
    const from = CUSTOMS_FROM[p.route];
    if (!from || from === 'exception' || milestoneRank(p.milestone) < milestoneRank(from as Exclude<Milestone, 'exception'>)) continue;
    const key = (m: string) => `customs:${decl.id}:${p.id}:${m}`;
    if (milestoneRank(p.milestone) < milestoneRank('customs_submitted')) {
      p = await recordParcelEvent(tx, p, { milestone: 'customs_submitted', at, source: 'customs', sourceKey: key('customs_submitted') });
    }
    if (rejected) {
      if (p.status !== 'exception') {
        await recordParcelEvent(tx, p, {
          milestone: 'exception',
          at,
          source: 'customs',
          sourceKey: key('rejected'),
          description: decl.reason,
        });
      }
    } else if (
      target &&
      target !== 'customs_submitted' &&
      milestoneRank(p.milestone) < milestoneRank(target as Exclude<Milestone, 'exception'>)
    ) {
      await recordParcelEvent(tx, p, {
        milestone: target,
        at,
        source: 'customs',
        sourceKey: key(target),
        description: target === 'customs_held' ? decl.reason : null,
      });
    }
  }
}

/** What a receipt makes of the declaration: only the inventory list's receipts (CEB622) clear the goods. */
function nextStatus(current: CustomsStatus, r: GatewayReceipt): CustomsStatus {
  if (r.status === 'rejected') return 'rejected';
  if (r.kind !== 'CEB622') return current;
  if (r.status === 'accepted') return current === 'submitted' ? 'accepted' : current;
  return r.status; // inspection or released
}

/** Read the gateway's new receipts of one declaration and apply them. */
export async function applyReceipts(ctx: Ctx, declarationId: string): Promise<CustomsDeclaration> {
  return inTransaction(system(ctx), async (tx) => {
    const [decl] = await tx.db.select().from(customsDeclarations).where(eq(customsDeclarations.id, declarationId)).for('update');
    if (!decl?.reference) throw notFound('customs_declaration', declarationId);
    const all = customsGateway(tx.rt).receipts(decl.reference, now(tx));
    const fresh = all.slice(decl.receipts.length);
    if (fresh.length === 0) return decl;
    let status = decl.status;
    let reason = decl.reason;
    let releasedAt = decl.releasedAt;
    let current = decl;
    for (const r of fresh) {
      const next = nextStatus(status, r);
      if (next === 'inspection' || next === 'rejected') reason = r.reason ?? (next === 'inspection' ? 'Held for inspection' : 'Rejected');
      if (next === 'released') {
        reason = null;
        releasedAt = r.at;
      }
      status = next;
      const [row] = await tx.db
        .update(customsDeclarations)
        .set({
          status,
          reason,
          releasedAt,
          receipts: [...current.receipts, { kind: r.kind, status: r.status, at: r.at.toISOString(), reason: r.reason, xml: r.xml }],
          updatedAt: now(tx),
        })
        .where(eq(customsDeclarations.id, decl.id))
        .returning();
      if (!row) throw new Error('update returned nothing');
      if (row.status !== current.status) await announce(tx, row);
      current = row;
      await syncParcels(tx, row, r.at);
      if (next === 'rejected' && decl.status !== 'rejected') {
        await refundOrder(tx, decl.orderId, { reason: `China customs rejected the declaration: ${reason}` }).catch((e: unknown) => {
          if (!(e instanceof AppError && e.code === 'invalid_state')) throw e;
        });
      }
      if (next === 'rejected') break;
    }
    return current;
  });
}

/** The job: every declaration waiting on customs reads its new receipts. */
export async function pollCustoms(ctx: Ctx, batch = 200): Promise<number> {
  const waiting = await ctx.db
    .select({ id: customsDeclarations.id, reference: customsDeclarations.reference, receipts: customsDeclarations.receipts })
    .from(customsDeclarations)
    .where(inArray(customsDeclarations.status, ['submitted', 'accepted', 'inspection']))
    .limit(batch);
  const gateway = customsGateway(ctx.rt);
  let changed = 0;
  for (const d of waiting) {
    // Asking the gateway costs no transaction: only declarations with new receipts take one (and a row lock).
    if (!d.reference || gateway.receipts(d.reference, now(ctx)).length <= d.receipts.length) continue;
    await applyReceipts(ctx, d.id);
    changed++;
  }
  return changed;
}

/** An operator checks a held order again (after its data was put right): ready, and submitted if clearance has started. */
export async function recheckDeclaration(ctx: Ctx, id: string): Promise<CustomsDeclaration> {
  if (ctx.principal.kind !== 'operator') throw new AppError('forbidden', 'Operators recheck customs declarations');
  const decl = await getDeclaration(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const locked = await lockDeclaration(tx, decl.orderId);
    if (locked?.status !== 'held') {
      throw new AppError('invalid_state', `The declaration is ${locked?.status ?? 'gone'}; only held ones are rechecked`);
    }
    const ps = await tx.db.select().from(parcels).where(eq(parcels.orderId, decl.orderId));
    const row = await prepareDeclaration(tx, decl.orderId, ps);
    if (row.status !== 'ready') return row;
    const from = CUSTOMS_FROM[row.tradeMode];
    const started = from !== null && ps.some((p) => milestoneRank(p.milestone) >= milestoneRank(from as Exclude<Milestone, 'exception'>));
    return started && row.tradeMode === '9610' ? submit(tx, row) : row;
  });
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export async function getDeclaration(ctx: Ctx, id: string): Promise<CustomsDeclaration> {
  if (!isId('customsDeclaration', id)) throw notFound('customs_declaration', id);
  const [row] = await ctx.db.select().from(customsDeclarations).where(eq(customsDeclarations.id, id));
  const scope = merchantScope(ctx);
  if (!row || (scope && row.merchantId !== scope) || ctx.principal.kind === 'shopper') throw notFound('customs_declaration', id);
  return row;
}

/** The declaration of an order, if it has one (for the order's own readers). */
export async function declarationOfOrder(ctx: Ctx, orderId: string): Promise<CustomsDeclaration | undefined> {
  const [row] = await ctx.db.select().from(customsDeclarations).where(eq(customsDeclarations.orderId, orderId));
  return row;
}

export function listDeclarations(
  ctx: Ctx,
  f: { status?: CustomsStatus | undefined; order?: string | undefined },
  q: ListQuery,
): Promise<Page<CustomsDeclaration>> {
  if (ctx.principal.kind === 'shopper') throw new AppError('forbidden', 'Customs declarations are for merchants and operators');
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope) where.push(eq(customsDeclarations.merchantId, scope));
  else where.push(inLiveWorld(customsDeclarations.merchantId));
  if (f.status) where.push(eq(customsDeclarations.status, f.status));
  if (f.order) where.push(eq(customsDeclarations.orderId, f.order));
  return listPage<typeof customsDeclarations, CustomsDeclaration>(
    ctx.db,
    customsDeclarations,
    customsDeclarations.id,
    where.length ? and(...where) : undefined,
    q,
    'customsDeclaration',
  );
}
