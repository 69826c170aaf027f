// The network's nodes (PRODUCT.md L1): hubs in Australia and New Zealand that collect
// merchants' parcels (and China export hubs for the reverse corridor), and China bonded warehouses tied to their inventory stock location.
// Node changes take one advisory lock, so the uniqueness checks (code, stock location, a
// region served by one hub only) cannot race between processes.
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { getLocation } from '../inventory/service.ts';
import { type NodeKind, overlappingRegions, REGIONS, type ShippingCountry } from './rules.ts';
import { logisticsNodes } from './schema.ts';

export type LogisticsNode = typeof logisticsNodes.$inferSelect;

/** AU/NZ hubs collect parcels for China; a China export hub collects Chinese sellers' parcels for AU/NZ. */
const HUB_COUNTRIES = ['AU', 'NZ', 'CN'];

export function invalidRegion(param: string, message: string): AppError {
  return new AppError('invalid_region', message, { param });
}

export function checkRegion(country: string, region: string, param: string): void {
  if (!REGIONS[country as ShippingCountry]?.includes(region)) {
    throw invalidRegion(param, `'${region}' is not a region of ${country} (ISO 3166-2 code such as CN-ZJ or AU-VIC; NZ for New Zealand)`);
  }
}

/** Trimmed, de-duplicated, in the order given. */
export const distinct = (list: readonly string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

/** Serialises node changes across transactions and processes (a no-op wait on PGlite's one connection). */
async function lockNodes(ctx: Ctx): Promise<void> {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext('tasman.logistics.nodes'))`);
}

export interface NodeInput {
  code: string;
  kind: NodeKind;
  name: string;
  /** Hubs: AU or NZ. Bonded warehouses: taken from the stock location. */
  country?: string | undefined;
  city?: string | undefined;
  region: string;
  stock_location_id?: string | undefined;
  serves_regions?: readonly string[] | undefined;
  serves_cities?: readonly string[] | undefined;
}

export interface NodePatch {
  name?: string | undefined;
  serves_regions?: readonly string[] | undefined;
  serves_cities?: readonly string[] | undefined;
  active?: boolean | undefined;
}

function checkServes(country: string, serves: readonly string[]): string[] {
  const list = distinct(serves);
  for (const [i, r] of list.entries()) checkRegion(country, r, `serves_regions.${i}`);
  return list;
}

/** A region served by two hubs would leave a warehouse there with two ways out. */
async function assertHubRegionsFree(ctx: Ctx, node: { id: string; code: string }, regions: readonly string[]): Promise<void> {
  if (regions.length === 0) return;
  const hubs = await ctx.db.select().from(logisticsNodes).where(eq(logisticsNodes.kind, 'hub'));
  for (const h of hubs) {
    if (h.id === node.id || !h.active) continue;
    const shared = overlappingRegions(h.servesRegions, regions);
    if (shared.length) {
      throw new AppError('already_exists', `${shared.join(', ')} already served by hub ${h.code}`, {
        param: 'serves_regions',
        details: { node_id: h.id },
      });
    }
  }
}

export async function createNode(ctx: Ctx, input: NodeInput): Promise<LogisticsNode> {
  let country: string;
  let city: string;
  let stockLocationId: string | null = null;
  let serves: string[] = [];
  const cities = distinct(input.serves_cities ?? []);
  if (input.kind === 'hub') {
    if (!input.country || !HUB_COUNTRIES.includes(input.country)) {
      throw new AppError('invalid_request', 'A hub is in Australia, New Zealand or China (AU, NZ, CN)', { param: 'country' });
    }
    if (!input.city) throw new AppError('invalid_request', 'A hub needs its city', { param: 'city' });
    if (input.stock_location_id) {
      throw new AppError('invalid_request', 'Only a bonded warehouse node references a stock location', { param: 'stock_location_id' });
    }
    country = input.country;
    city = input.city;
    serves = checkServes(country, input.serves_regions ?? []);
  } else {
    if (!input.stock_location_id) {
      throw new AppError('invalid_request', 'A bonded warehouse node names its inventory stock location', { param: 'stock_location_id' });
    }
    const loc = await getLocation(ctx, input.stock_location_id).catch(() => null);
    if (loc?.kind !== 'bonded_warehouse') {
      throw new AppError('invalid_request', `'${input.stock_location_id}' is not a bonded warehouse stock location`, {
        param: 'stock_location_id',
      });
    }
    if (input.country && input.country !== loc.country) {
      throw new AppError('invalid_request', `The stock location is in ${loc.country}`, { param: 'country' });
    }
    if (input.serves_regions?.length || cities.length) {
      throw new AppError('invalid_request', 'Only hubs collect from merchant warehouses', {
        param: input.serves_regions?.length ? 'serves_regions' : 'serves_cities',
      });
    }
    country = loc.country;
    city = input.city ?? loc.city;
    stockLocationId = loc.id;
  }
  checkRegion(country, input.region, 'region');

  return inTransaction(ctx, async (tx) => {
    await lockNodes(tx);
    const [sameCode] = await tx.db.select({ id: logisticsNodes.id }).from(logisticsNodes).where(eq(logisticsNodes.code, input.code));
    if (sameCode) throw new AppError('already_exists', `A node with code '${input.code}' exists`, { param: 'code' });
    if (stockLocationId) {
      const [sameLoc] = await tx.db
        .select({ id: logisticsNodes.id })
        .from(logisticsNodes)
        .where(eq(logisticsNodes.stockLocationId, stockLocationId));
      if (sameLoc) throw new AppError('already_exists', 'That stock location already has its node', { param: 'stock_location_id' });
    }
    const id = newId('logisticsNode');
    await assertHubRegionsFree(tx, { id, code: input.code }, serves);
    const t = now(tx);
    const [node] = await tx.db
      .insert(logisticsNodes)
      .values({
        id,
        code: input.code,
        kind: input.kind,
        name: input.name,
        country,
        city,
        region: input.region,
        stockLocationId,
        servesRegions: serves,
        servesCities: cities,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!node) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'logistics_node.created',
      objectType: 'logistics_node',
      objectId: node.id,
      data: { code: node.code, kind: node.kind, region: node.region, stock_location_id: stockLocationId, serves_regions: serves },
    });
    return node;
  });
}

export async function updateNode(ctx: Ctx, id: string, patch: NodePatch): Promise<LogisticsNode> {
  return inTransaction(ctx, async (tx) => {
    await lockNodes(tx);
    const node = await getNode(tx, id, true);
    const next: Partial<LogisticsNode> = {};
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.active !== undefined) next.active = patch.active;
    if (patch.serves_regions !== undefined || patch.serves_cities !== undefined) {
      if (node.kind !== 'hub')
        throw new AppError('invalid_request', 'Only hubs collect from merchant warehouses', { param: 'serves_regions' });
    }
    if (patch.serves_regions !== undefined) next.servesRegions = checkServes(node.country, patch.serves_regions);
    if (patch.serves_cities !== undefined) next.servesCities = distinct(patch.serves_cities);
    if (node.kind === 'hub' && (next.active ?? node.active)) await assertHubRegionsFree(tx, node, next.servesRegions ?? node.servesRegions);
    const [row] = await tx.db
      .update(logisticsNodes)
      .set({ ...next, updatedAt: now(tx) })
      .where(eq(logisticsNodes.id, id))
      .returning();
    if (!row) throw notFound('logistics node', id);
    await recordAudit(tx, {
      action: 'logistics_node.updated',
      objectType: 'logistics_node',
      objectId: id,
      data: { changes: changes(node, next) },
    });
    return row;
  });
}

export async function getNode(ctx: Ctx, id: string, lock = false): Promise<LogisticsNode> {
  if (!isId('logisticsNode', id)) throw notFound('logistics node', id);
  const q = ctx.db.select().from(logisticsNodes).where(eq(logisticsNodes.id, id));
  const [node] = lock ? await q.for('update') : await q;
  if (!node) throw notFound('logistics node', id);
  return node;
}

export function listNodes(ctx: Ctx, filter: { kind?: NodeKind | undefined }, q: ListQuery): Promise<Page<LogisticsNode>> {
  const where = filter.kind ? eq(logisticsNodes.kind, filter.kind) : undefined;
  return listPage(ctx.db, logisticsNodes, logisticsNodes.id, where, q, 'logisticsNode');
}

/** The active hubs, for mapping merchant warehouses to their hub. */
export function activeHubs(ctx: Ctx): Promise<LogisticsNode[]> {
  return ctx.db
    .select()
    .from(logisticsNodes)
    .where(and(eq(logisticsNodes.kind, 'hub'), eq(logisticsNodes.active, true)));
}

/** The node of a bonded warehouse stock location, if it has one. */
export async function nodeOfStockLocation(ctx: Ctx, stockLocationId: string): Promise<LogisticsNode | undefined> {
  const [node] = await ctx.db.select().from(logisticsNodes).where(eq(logisticsNodes.stockLocationId, stockLocationId));
  return node;
}

/** snake_case field → [before, after] for the fields that changed, JSON-safe (bigints as strings), for the audit log. */
export function changes<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const safe = (x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Date ? x.toISOString() : x);
  for (const [k, v] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[k];
    const field = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (JSON.stringify(safe(old)) !== JSON.stringify(safe(v))) out[field] = [safe(old), safe(v)];
  }
  return out;
}
