// The demo shipping network (seeded by src/seed.ts). Believable, not quoted from any carrier:
//
// - Three export hubs collect merchants' parcels: Melbourne (VIC, TAS, SA, WA), Sydney
//   (NSW, QLD, ACT, NT) and Auckland (all of NZ). From each, 9610 direct mail flies to all of
//   mainland China: standard air 7–12 days (Sydney, with more direct flights, 6–11; Auckland
//   8–13), A$18.00 for the first 500 g and A$6.00 per further 500 g (Auckland NZ$19.50 /
//   NZ$6.50), IATA volumetric divisor 6000, 12% fuel surcharge, 20 kg a parcel. Melbourne
//   and Sydney also sell an express service: 4–6 days, A$28.00 + A$9.00 per 500 g.
// - Three China bonded warehouses (1210): Hangzhou Xiasha (the inventory demo's), Ningbo
//   Meishan and Guangzhou Nansha. Each delivers to every province with China ground express,
//   priced in CNY by distance zone: next door 1–2 days, first kg ¥8 + ¥3/kg; near 2–3 days,
//   ¥10 + ¥5/kg; far 3–5 days, ¥12 + ¥7/kg; remote (Xinjiang, Tibet, Qinghai) 5–8 days,
//   ¥20 + ¥12/kg; volumetric divisor 8000 (ground), no fuel surcharge, 30 kg a parcel.
// - The reverse corridor's last mile: each hub delivers domestically (AU from Melbourne and
//   Sydney 2–6 days, A$9.50 + A$2.50 per 500 g with 8% fuel; NZ from Auckland 1–3 days,
//   NZ$7.50 + NZ$2.00 per 500 g with 8% fuel).
// - The reverse corridor door to door: a Shenzhen export hub takes every Chinese seller's parcels
//   (China's only hub, so every warehouse in China reaches it) and flies them to consumers in
//   Australia (air mail 8–15 days, ¥45 for the first 500 g + ¥15 per further 500 g; express 5–8
//   days, ¥90 + ¥25) and New Zealand (9–16 days, ¥50 + ¥16; express 6–9 days, ¥95 + ¥26), 10% fuel.
//
// The customs area codes of Ningbo and Guangzhou are illustrative, in the style of the
// Hangzhou one (Hangzhou customs 29xx, Ningbo 31xx, Guangzhou 51xx).
import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../kernel/context.ts';
import { stockLocations } from '../inventory/schema.ts';
import { createLocation, type LocationInput } from '../inventory/service.ts';
import type { LaneMode } from './rules.ts';
import { logisticsNodes, shippingLanes } from './schema.ts';
import { createLane, createNode, type RateCardInput } from './service.ts';

export const DEMO_BONDED_WAREHOUSES: readonly (LocationInput & { name: string })[] = [
  {
    name: 'Ningbo Meishan Bonded Warehouse',
    country: 'CN',
    city: 'Ningbo',
    address: 'Meishan Bonded Port Area, Beilun District, Ningbo, Zhejiang',
    customs_code: '3105',
  },
  {
    name: 'Guangzhou Nansha Bonded Warehouse',
    country: 'CN',
    city: 'Guangzhou',
    address: 'Nansha Bonded Port Area, Nansha District, Guangzhou, Guangdong',
    customs_code: '5165',
  },
];

interface DemoLane {
  service_code: string;
  name: string;
  mode: LaneMode;
  destination_country: 'CN' | 'AU' | 'NZ';
  regions: string[];
  transit_days: { min: number; max: number };
  rate_card: RateCardInput;
}

export interface DemoNode {
  code: string;
  kind: 'hub' | 'bonded_warehouse';
  name: string;
  country?: 'AU' | 'NZ' | 'CN';
  city?: string;
  region: string;
  /** Bonded warehouses: the name of the inventory stock location. */
  stockLocationName?: string;
  serves_regions?: string[];
  lanes: DemoLane[];
}

const price = (amount: number, currency: 'AUD' | 'NZD' | 'CNY') => ({ amount: String(amount), currency });

function air(currency: 'AUD' | 'NZD', first: number, extra: number, days: [number, number], express = false): DemoLane {
  return {
    service_code: express ? 'AIR-9610-EXP' : 'AIR-9610',
    name: express ? 'Express direct mail by air (9610)' : 'Direct mail by air (9610)',
    mode: '9610',
    destination_country: 'CN',
    regions: ['*'],
    transit_days: { min: days[0], max: days[1] },
    rate_card: {
      first_weight_g: 500,
      first_price: price(first, currency),
      additional_weight_g: 500,
      additional_price: price(extra, currency),
      volumetric_divisor: 6000,
      fuel_surcharge_bps: 1200,
      max_parcel_weight_g: 20_000,
    },
  };
}

function domestic(country: 'AU' | 'NZ', first: number, extra: number, days: [number, number]): DemoLane {
  const currency = country === 'AU' ? 'AUD' : 'NZD';
  return {
    service_code: 'PARCEL-DOMESTIC',
    name: country === 'AU' ? 'Australian parcel delivery' : 'New Zealand parcel delivery',
    mode: 'domestic',
    destination_country: country,
    regions: ['*'],
    transit_days: { min: days[0], max: days[1] },
    rate_card: {
      first_weight_g: 500,
      first_price: price(first, currency),
      additional_weight_g: 500,
      additional_price: price(extra, currency),
      volumetric_divisor: 5000,
      fuel_surcharge_bps: 800,
      max_parcel_weight_g: 22_000,
    },
  };
}

/** The reverse corridor: a China export hub flying Chinese sellers' parcels to consumers in AU or NZ, priced in CNY. */
function exportAir(country: 'AU' | 'NZ', first: number, extra: number, days: [number, number], express = false): DemoLane {
  return {
    service_code: express ? 'EXPORT-AIR-EXP' : 'EXPORT-AIR',
    name: express ? 'Express air from China' : 'Air mail from China',
    mode: 'export',
    destination_country: country,
    regions: ['*'],
    transit_days: { min: days[0], max: days[1] },
    rate_card: {
      first_weight_g: 500,
      first_price: price(first, 'CNY'),
      additional_weight_g: 500,
      additional_price: price(extra, 'CNY'),
      volumetric_divisor: 6000,
      fuel_surcharge_bps: 1000,
      max_parcel_weight_g: 20_000,
    },
  };
}

/** Distance zones from a bonded warehouse: [days, first kg ¥, further kg ¥, provinces]. */
type Zones = [[number, number], number, number, string[]][];

const FROM_ZHEJIANG: Zones = [
  [[1, 2], 800, 300, ['CN-ZJ', 'CN-SH', 'CN-JS', 'CN-AH']],
  [[2, 3], 1000, 500, ['CN-FJ', 'CN-JX', 'CN-HB', 'CN-HN', 'CN-SD', 'CN-HA', 'CN-BJ', 'CN-TJ', 'CN-HE', 'CN-GD']],
  [
    [3, 5],
    1200,
    700,
    ['CN-GX', 'CN-GZ', 'CN-YN', 'CN-SC', 'CN-CQ', 'CN-SN', 'CN-SX', 'CN-LN', 'CN-JL', 'CN-HL', 'CN-HI', 'CN-NM', 'CN-GS', 'CN-NX'],
  ],
  [[5, 8], 2000, 1200, ['CN-XJ', 'CN-XZ', 'CN-QH']],
];

const FROM_GUANGDONG: Zones = [
  [[1, 2], 800, 300, ['CN-GD', 'CN-GX', 'CN-HI', 'CN-FJ']],
  [[2, 3], 1000, 500, ['CN-HN', 'CN-JX', 'CN-ZJ', 'CN-SH', 'CN-JS', 'CN-HB', 'CN-GZ', 'CN-YN', 'CN-CQ', 'CN-SC', 'CN-AH']],
  [
    [3, 5],
    1200,
    700,
    ['CN-BJ', 'CN-TJ', 'CN-HE', 'CN-SD', 'CN-HA', 'CN-SN', 'CN-SX', 'CN-LN', 'CN-JL', 'CN-HL', 'CN-NM', 'CN-GS', 'CN-NX'],
  ],
  [[5, 8], 2000, 1200, ['CN-XJ', 'CN-XZ', 'CN-QH']],
];

function bonded(zones: Zones): DemoLane[] {
  return zones.map(([days, first, extra, regions]) => ({
    service_code: 'BONDED-STD',
    name: 'Bonded warehouse delivery (1210)',
    mode: '1210',
    destination_country: 'CN',
    regions,
    transit_days: { min: days[0], max: days[1] },
    rate_card: {
      first_weight_g: 1000,
      first_price: price(first, 'CNY'),
      additional_weight_g: 1000,
      additional_price: price(extra, 'CNY'),
      volumetric_divisor: 8000,
      fuel_surcharge_bps: 0,
      max_parcel_weight_g: 30_000,
    },
  }));
}

export const DEMO_NETWORK: readonly DemoNode[] = [
  {
    code: 'MEL',
    kind: 'hub',
    name: 'Melbourne Export Hub',
    country: 'AU',
    city: 'Melbourne',
    region: 'AU-VIC',
    serves_regions: ['AU-VIC', 'AU-TAS', 'AU-SA', 'AU-WA'],
    lanes: [air('AUD', 1800, 600, [7, 12]), air('AUD', 2800, 900, [4, 6], true), domestic('AU', 950, 250, [2, 6])],
  },
  {
    code: 'SYD',
    kind: 'hub',
    name: 'Sydney Export Hub',
    country: 'AU',
    city: 'Sydney',
    region: 'AU-NSW',
    serves_regions: ['AU-NSW', 'AU-QLD', 'AU-ACT', 'AU-NT'],
    lanes: [air('AUD', 1800, 600, [6, 11]), air('AUD', 2800, 900, [4, 6], true), domestic('AU', 950, 250, [2, 6])],
  },
  {
    code: 'AKL',
    kind: 'hub',
    name: 'Auckland Export Hub',
    country: 'NZ',
    city: 'Auckland',
    region: 'NZ',
    serves_regions: ['NZ'],
    lanes: [air('NZD', 1950, 650, [8, 13]), domestic('NZ', 750, 200, [1, 3])],
  },
  {
    code: 'SZX',
    kind: 'hub',
    name: 'Shenzhen Export Hub',
    country: 'CN',
    city: 'Shenzhen',
    region: 'CN-GD',
    serves_regions: [],
    lanes: [
      exportAir('AU', 4500, 1500, [8, 15]),
      exportAir('AU', 9000, 2500, [5, 8], true),
      exportAir('NZ', 5000, 1600, [9, 16]),
      exportAir('NZ', 9500, 2600, [6, 9], true),
    ],
  },
  {
    code: 'HGH-XS',
    kind: 'bonded_warehouse',
    name: 'Hangzhou Xiasha Bonded Warehouse',
    region: 'CN-ZJ',
    stockLocationName: 'Hangzhou Xiasha Bonded Warehouse',
    lanes: bonded(FROM_ZHEJIANG),
  },
  {
    code: 'NGB-MS',
    kind: 'bonded_warehouse',
    name: 'Ningbo Meishan Bonded Warehouse',
    region: 'CN-ZJ',
    stockLocationName: 'Ningbo Meishan Bonded Warehouse',
    lanes: bonded(FROM_ZHEJIANG),
  },
  {
    code: 'CAN-NS',
    kind: 'bonded_warehouse',
    name: 'Guangzhou Nansha Bonded Warehouse',
    region: 'CN-GD',
    stockLocationName: 'Guangzhou Nansha Bonded Warehouse',
    lanes: bonded(FROM_GUANGDONG),
  },
];

/**
 * Seeds the bonded warehouses (as inventory locations), the nodes and their lanes, each
 * looked up before it is written; a node's lanes are made together in one transaction, so
 * a node with lanes is complete.
 */
export async function seedNetwork(ctx: Ctx, note: (what: string, created: boolean) => void): Promise<void> {
  for (const b of DEMO_BONDED_WAREHOUSES) {
    const [found] = await ctx.db
      .select({ id: stockLocations.id })
      .from(stockLocations)
      .where(and(isNull(stockLocations.merchantId), eq(stockLocations.name, b.name)));
    if (!found) await createLocation(ctx, b);
    note(`bonded warehouse ${b.name}`, !found);
  }
  for (const n of DEMO_NETWORK) {
    let [node] = await ctx.db.select().from(logisticsNodes).where(eq(logisticsNodes.code, n.code));
    note(`logistics node ${n.code}`, !node);
    if (!node) {
      let stockLocationId: string | undefined;
      if (n.stockLocationName) {
        const [loc] = await ctx.db
          .select({ id: stockLocations.id })
          .from(stockLocations)
          .where(and(isNull(stockLocations.merchantId), eq(stockLocations.name, n.stockLocationName)));
        if (!loc) throw new Error(`demo network: no stock location ${n.stockLocationName}`);
        stockLocationId = loc.id;
      }
      const { lanes: _lanes, stockLocationName: _name, ...input } = n;
      node = await createNode(ctx, { ...input, stock_location_id: stockLocationId });
    }
    const origin = node.id;
    const [lane] = await ctx.db.select({ id: shippingLanes.id }).from(shippingLanes).where(eq(shippingLanes.originNodeId, origin)).limit(1);
    if (!lane) await inTransaction(ctx, (tx) => createLanes(tx, origin, n.lanes));
    note(`shipping lanes from ${n.code}`, !lane);
  }
}

async function createLanes(ctx: Ctx, origin: string, lanes: readonly DemoLane[]): Promise<void> {
  for (const l of lanes) await createLane(ctx, { ...l, origin_node_id: origin });
}
