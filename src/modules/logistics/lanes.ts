// Lanes (PRODUCT.md L1): from an origin node to regions of a destination country, with
// transit days and a rate card. No two active lanes of one origin and service cover the
// same region: checked under a row lock on the origin node, so two operators adding lanes
// at once cannot both pass the check.
import { and, eq, ne, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import type { Currency } from '../../kernel/money.ts';
import { changes, checkRegion, distinct, getNode, invalidRegion, type LogisticsNode } from './nodes.ts';
import { ALL_REGIONS, type LaneMode, laneShapeProblem, overlappingRegions, type RateCard, SHIPPING_COUNTRIES } from './rules.ts';
import { shippingLanes } from './schema.ts';

export type Lane = typeof shippingLanes.$inferSelect;

interface MoneyIn {
  amount: string;
  currency: string;
}

export interface RateCardInput {
  first_weight_g: number;
  first_price: MoneyIn;
  additional_weight_g: number;
  additional_price: MoneyIn;
  volumetric_divisor?: number | null | undefined;
  fuel_surcharge_bps?: number | undefined;
  max_parcel_weight_g?: number | null | undefined;
}

export interface LaneInput {
  origin_node_id: string;
  service_code: string;
  name: string;
  mode: LaneMode;
  destination_country: string;
  regions: readonly string[];
  transit_days: { min: number; max: number };
  rate_card: RateCardInput;
  active?: boolean | undefined;
}

export interface LanePatch {
  name?: string | undefined;
  regions?: readonly string[] | undefined;
  transit_days?: { min: number; max: number } | undefined;
  rate_card?: Partial<RateCardInput> | undefined;
  active?: boolean | undefined;
}

export function rateCardOf(lane: Lane): RateCard {
  return {
    currency: lane.currency,
    firstWeightG: lane.firstWeightG,
    firstPrice: lane.firstPrice,
    additionalWeightG: lane.additionalWeightG,
    additionalPrice: lane.additionalPrice,
    volumetricDivisor: lane.volumetricDivisor,
    fuelSurchargeBps: lane.fuelSurchargeBps,
    maxParcelWeightG: lane.maxParcelWeightG,
  };
}

function checkRegions(country: string, regions: readonly string[]): string[] {
  const list = distinct(regions);
  if (list.length === 0) throw new AppError('invalid_request', 'A lane covers at least one region, or "*"', { param: 'regions' });
  if (list.includes(ALL_REGIONS)) {
    if (list.length > 1) throw new AppError('invalid_request', '"*" already covers every region: send it alone', { param: 'regions' });
    return list;
  }
  for (const [i, r] of list.entries()) checkRegion(country, r, `regions.${i}`);
  return list;
}

type LaneValues = Omit<Lane, 'id' | 'createdAt' | 'updatedAt'>;

/** Validates a complete lane (a new one, or an existing one with a patch applied). */
function checkLane(origin: LogisticsNode, v: LaneValues): void {
  if (!(SHIPPING_COUNTRIES as readonly string[]).includes(v.destinationCountry)) {
    throw invalidRegion('destination_country', `Lanes deliver in ${SHIPPING_COUNTRIES.join(', ')}`);
  }
  if (v.transitDaysMin < 0 || v.transitDaysMax < v.transitDaysMin) {
    throw new AppError('invalid_request', 'Transit days: 0 ≤ min ≤ max', { param: 'transit_days.max' });
  }
  const positive: [string, number | null][] = [
    ['rate_card.first_weight_g', v.firstWeightG],
    ['rate_card.additional_weight_g', v.additionalWeightG],
    ['rate_card.volumetric_divisor', v.volumetricDivisor],
    ['rate_card.max_parcel_weight_g', v.maxParcelWeightG],
  ];
  for (const [param, n] of positive) {
    if (n !== null && (!Number.isSafeInteger(n) || n <= 0)) throw new AppError('invalid_request', 'Must be a positive integer', { param });
  }
  if (v.firstPrice < 0n) throw new AppError('invalid_amount', 'Prices are not negative', { param: 'rate_card.first_price.amount' });
  if (v.additionalPrice < 0n)
    throw new AppError('invalid_amount', 'Prices are not negative', { param: 'rate_card.additional_price.amount' });
  if (v.fuelSurchargeBps < 0) throw new AppError('invalid_request', 'Not negative', { param: 'rate_card.fuel_surcharge_bps' });
  const problem = laneShapeProblem({
    mode: v.mode,
    originKind: origin.kind,
    originCountry: origin.country,
    destinationCountry: v.destinationCountry,
    currency: v.currency,
  });
  if (problem) throw new AppError(problem.code, problem.message, { param: problem.param });
}

function priceOf(m: MoneyIn, param: string): { amount: bigint; currency: string } {
  if (!/^\d{1,12}$/.test(m.amount)) {
    throw new AppError('invalid_amount', 'A price is a string of non-negative integer minor units, e.g. "1800"', {
      param: `${param}.amount`,
    });
  }
  return { amount: BigInt(m.amount), currency: m.currency };
}

function rateCardValues(
  card: RateCardInput,
): Pick<
  LaneValues,
  | 'currency'
  | 'firstWeightG'
  | 'firstPrice'
  | 'additionalWeightG'
  | 'additionalPrice'
  | 'volumetricDivisor'
  | 'fuelSurchargeBps'
  | 'maxParcelWeightG'
> {
  const first = priceOf(card.first_price, 'rate_card.first_price');
  const additional = priceOf(card.additional_price, 'rate_card.additional_price');
  if (first.currency !== additional.currency) {
    throw new AppError('currency_mismatch', 'Both prices of a rate card are in one currency', {
      param: 'rate_card.additional_price.currency',
    });
  }
  return {
    currency: first.currency as Currency,
    firstWeightG: card.first_weight_g,
    firstPrice: first.amount,
    additionalWeightG: card.additional_weight_g,
    additionalPrice: additional.amount,
    volumetricDivisor: card.volumetric_divisor ?? null,
    fuelSurchargeBps: card.fuel_surcharge_bps ?? 0,
    maxParcelWeightG: card.max_parcel_weight_g ?? null,
  };
}

function cardInputOf(lane: Lane): RateCardInput {
  return {
    first_weight_g: lane.firstWeightG,
    first_price: { amount: lane.firstPrice.toString(), currency: lane.currency },
    additional_weight_g: lane.additionalWeightG,
    additional_price: { amount: lane.additionalPrice.toString(), currency: lane.currency },
    volumetric_divisor: lane.volumetricDivisor,
    fuel_surcharge_bps: lane.fuelSurchargeBps,
    max_parcel_weight_g: lane.maxParcelWeightG,
  };
}

/** One service from one origin: a single mode, and no region covered twice by active lanes. */
async function assertNoOverlap(ctx: Ctx, originId: string, laneId: string | null, v: LaneValues): Promise<void> {
  const where: SQL[] = [eq(shippingLanes.originNodeId, originId), eq(shippingLanes.serviceCode, v.serviceCode)];
  if (laneId) where.push(ne(shippingLanes.id, laneId));
  const siblings = await ctx.db
    .select()
    .from(shippingLanes)
    .where(and(...where));
  for (const s of siblings) {
    if (s.mode !== v.mode) {
      throw new AppError('invalid_request', `Service ${v.serviceCode} from this origin is mode ${s.mode}`, { param: 'mode' });
    }
    if (!v.active || !s.active || s.destinationCountry !== v.destinationCountry) continue;
    const shared = overlappingRegions(s.regions, v.regions);
    if (shared.length) {
      throw new AppError('lane_overlap', `Lane ${s.id} of service ${v.serviceCode} already covers ${shared.slice(0, 5).join(', ')}`, {
        param: 'regions',
        details: { lane_id: s.id, regions: shared },
      });
    }
  }
}

export async function createLane(ctx: Ctx, input: LaneInput): Promise<Lane> {
  const origin = await getNode(ctx, input.origin_node_id).catch(() => {
    throw new AppError('invalid_request', `No such logistics node: '${input.origin_node_id}'`, { param: 'origin_node_id' });
  });
  const values: LaneValues = {
    originNodeId: origin.id,
    serviceCode: input.service_code,
    name: input.name,
    mode: input.mode,
    destinationCountry: input.destination_country,
    regions: [],
    transitDaysMin: input.transit_days.min,
    transitDaysMax: input.transit_days.max,
    ...rateCardValues(input.rate_card),
    active: input.active ?? true,
  };
  checkLane(origin, values);
  values.regions = checkRegions(values.destinationCountry, input.regions);
  return inTransaction(ctx, async (tx) => {
    await getNode(tx, origin.id, true); // serialises lane changes of this origin
    await assertNoOverlap(tx, origin.id, null, values);
    const t = now(tx);
    const [lane] = await tx.db
      .insert(shippingLanes)
      .values({ id: newId('lane'), ...values, createdAt: t, updatedAt: t })
      .returning();
    if (!lane) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'shipping_lane.created',
      objectType: 'shipping_lane',
      objectId: lane.id,
      data: {
        origin_node_id: lane.originNodeId,
        service_code: lane.serviceCode,
        mode: lane.mode,
        regions: lane.regions,
        rate_card: cardInputOf(lane),
      },
    });
    return lane;
  });
}

export async function updateLane(ctx: Ctx, id: string, patch: LanePatch): Promise<Lane> {
  const current = await getLane(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const origin = await getNode(tx, current.originNodeId, true);
    const lane = await getLane(tx, id); // re-read under the origin's lock
    const card = patch.rate_card ? rateCardValues({ ...cardInputOf(lane), ...patch.rate_card }) : {};
    const next: LaneValues = {
      ...lane,
      ...card,
      name: patch.name ?? lane.name,
      transitDaysMin: patch.transit_days?.min ?? lane.transitDaysMin,
      transitDaysMax: patch.transit_days?.max ?? lane.transitDaysMax,
      active: patch.active ?? lane.active,
    };
    checkLane(origin, next);
    if (patch.regions) next.regions = checkRegions(lane.destinationCountry, patch.regions);
    await assertNoOverlap(tx, origin.id, id, next);
    const { originNodeId: _o, serviceCode: _s, mode: _m, destinationCountry: _d, ...settable } = next;
    const [row] = await tx.db
      .update(shippingLanes)
      .set({ ...settable, updatedAt: now(tx) })
      .where(eq(shippingLanes.id, id))
      .returning();
    if (!row) throw notFound('shipping lane', id);
    await recordAudit(tx, {
      action: 'shipping_lane.updated',
      objectType: 'shipping_lane',
      objectId: id,
      data: { changes: changes(lane, settable) },
    });
    return row;
  });
}

export async function getLane(ctx: Ctx, id: string): Promise<Lane> {
  if (!isId('lane', id)) throw notFound('shipping lane', id);
  const [lane] = await ctx.db.select().from(shippingLanes).where(eq(shippingLanes.id, id));
  if (!lane) throw notFound('shipping lane', id);
  return lane;
}

export interface LaneFilter {
  originNodeId?: string | undefined;
  mode?: LaneMode | undefined;
  serviceCode?: string | undefined;
}

export function listLanes(ctx: Ctx, filter: LaneFilter, q: ListQuery): Promise<Page<Lane>> {
  const where: SQL[] = [];
  if (filter.originNodeId) where.push(eq(shippingLanes.originNodeId, filter.originNodeId));
  if (filter.mode) where.push(eq(shippingLanes.mode, filter.mode));
  if (filter.serviceCode) where.push(eq(shippingLanes.serviceCode, filter.serviceCode));
  return listPage(ctx.db, shippingLanes, shippingLanes.id, where.length ? and(...where) : undefined, q, 'lane');
}

/** The active lanes from a node to a destination country. */
export function lanesFrom(ctx: Ctx, originNodeId: string, destinationCountry: string): Promise<Lane[]> {
  return ctx.db
    .select()
    .from(shippingLanes)
    .where(
      and(
        eq(shippingLanes.originNodeId, originNodeId),
        eq(shippingLanes.destinationCountry, destinationCountry),
        eq(shippingLanes.active, true),
      ),
    );
}
