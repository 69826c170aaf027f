// Shipping quotes (PRODUCT.md L2): for the parcels of one shipping origin, every option
// that reaches the destination region, with its price and delivery window. The checkout
// calls `quoteShipping` once per origin of an order; the storefront shows the same to
// anonymous visitors on a product page. Nothing is stored: a quote is a calculation.
//
// Origins: a bonded warehouse stock location ships from its own node (1210); a merchant
// warehouse in AU/NZ ships through the hub that serves it (rules.ts `hubFor`: a hub
// naming its city, else the hub serving its state, else the country's only hub).
import { type Ctx, now } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { type Money, money } from '../../kernel/money.ts';
import { getLocation } from '../inventory/service.ts';
import {
  chargeParcels,
  cmToMm,
  deliveryWindow,
  hubFor,
  type LaneMode,
  type Parcel,
  type ParcelCharge,
  REGIONS,
  type ShippingCountry,
  coversRegion,
} from './rules.ts';
import { lanesFrom, rateCardOf } from './lanes.ts';
import { activeHubs, getNode, type LogisticsNode, nodeOfStockLocation } from './nodes.ts';

export const MAX_PARCELS = 50;

export interface ParcelInput {
  weight_g: number;
  length_cm: number;
  width_cm: number;
  height_cm: number;
}

export interface QuoteInput {
  /** Where the goods are: an inventory stock location (what the checkout has), or a network node. */
  origin: { stock_location_id: string } | { node_id: string };
  destination: { country: string; region: string };
  parcels: readonly ParcelInput[];
  /** When the parcels are handed over; delivery dates count from its calendar day. Default: now. */
  at?: Date | undefined;
}

export interface ShippingOption {
  laneId: string;
  serviceCode: string;
  name: string;
  mode: LaneMode;
  /** All parcels, fuel surcharge included, in the rate card's currency. */
  price: Money;
  weightCharge: Money;
  fuelSurcharge: Money;
  parcels: ParcelCharge[];
  transitDays: { min: number; max: number };
  /** Calendar dates (YYYY-MM-DD) in the destination's time zone. */
  estimatedDelivery: { earliest: string; latest: string; timeZone: string };
}

export interface ShippingQuote {
  origin: { node: LogisticsNode; stockLocationId: string | null };
  destination: { country: ShippingCountry; region: string };
  at: Date;
  /** Cheapest first; empty when no active lane reaches the region or takes these parcels. */
  options: ShippingOption[];
}

const notServed = (param: string, message: string) => new AppError('origin_not_served', message, { param });

/** The network node parcels from this origin leave from. */
export async function originNode(ctx: Ctx, origin: QuoteInput['origin']): Promise<{ node: LogisticsNode; stockLocationId: string | null }> {
  if ('node_id' in origin) {
    const node = await getNode(ctx, origin.node_id);
    if (!node.active) throw notServed('origin.node_id', `Node ${node.code} is not in service`);
    return { node, stockLocationId: null };
  }
  const loc = await getLocation(ctx, origin.stock_location_id);
  const param = 'origin.stock_location_id';
  if (loc.kind === 'bonded_warehouse') {
    const node = await nodeOfStockLocation(ctx, loc.id);
    if (!node?.active) throw notServed(param, `The bonded warehouse ${loc.name} has no active node in the shipping network`);
    return { node, stockLocationId: loc.id };
  }
  const hub = hubFor(await activeHubs(ctx), loc);
  if (!hub) throw notServed(param, `No hub serves ${loc.city}, ${loc.country}: an operator adds it to a hub's serves_cities`);
  return { node: hub, stockLocationId: loc.id };
}

function parcelsOf(input: readonly ParcelInput[]): Parcel[] {
  if (input.length < 1 || input.length > MAX_PARCELS) {
    throw new AppError('invalid_request', `Between 1 and ${MAX_PARCELS} parcels`, { param: 'parcels' });
  }
  return input.map((p, i) => {
    if (!Number.isSafeInteger(p.weight_g) || p.weight_g <= 0) {
      throw new AppError('invalid_request', 'Weight in whole grams, above zero', { param: `parcels.${i}.weight_g` });
    }
    const mm = (cm: number, field: string) => {
      const v = cmToMm(cm);
      if (v === null || v <= 0) {
        throw new AppError('invalid_request', 'Centimetres above zero, at most one decimal', { param: `parcels.${i}.${field}` });
      }
      return v;
    };
    return {
      weightG: p.weight_g,
      lengthMm: mm(p.length_cm, 'length_cm'),
      widthMm: mm(p.width_cm, 'width_cm'),
      heightMm: mm(p.height_cm, 'height_cm'),
    };
  });
}

export async function quoteShipping(ctx: Ctx, input: QuoteInput): Promise<ShippingQuote> {
  const { country, region } = input.destination;
  const regions = REGIONS[country as ShippingCountry];
  if (!regions)
    throw new AppError('invalid_region', `Parcels are delivered in CN, AU or NZ, not '${country}'`, { param: 'destination.country' });
  if (!regions.includes(region)) {
    throw new AppError('invalid_region', `'${region}' is not a region of ${country} (e.g. CN-ZJ, AU-VIC, NZ)`, {
      param: 'destination.region',
    });
  }
  const parcels = parcelsOf(input.parcels);
  const at = input.at ?? now(ctx);
  const origin = await originNode(ctx, input.origin);
  const options: ShippingOption[] = [];
  for (const lane of await lanesFrom(ctx, origin.node.id, country)) {
    if (!coversRegion(lane.regions, region)) continue;
    const charge = chargeParcels(rateCardOf(lane), parcels);
    if (!charge) continue; // a parcel is over the lane's weight limit
    options.push({
      laneId: lane.id,
      serviceCode: lane.serviceCode,
      name: lane.name,
      mode: lane.mode,
      price: money(charge.total, lane.currency),
      weightCharge: money(charge.weightCharge, lane.currency),
      fuelSurcharge: money(charge.fuelSurcharge, lane.currency),
      parcels: charge.parcels,
      transitDays: { min: lane.transitDaysMin, max: lane.transitDaysMax },
      estimatedDelivery: deliveryWindow(at, region, lane.transitDaysMin, lane.transitDaysMax),
    });
  }
  options.sort(
    (a, b) =>
      (a.price.amount < b.price.amount ? -1 : a.price.amount > b.price.amount ? 1 : 0) ||
      a.transitDays.max - b.transitDays.max ||
      a.serviceCode.localeCompare(b.serviceCode),
  );
  return { origin, destination: { country: country as ShippingCountry, region }, at, options };
}
