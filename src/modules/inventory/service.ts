// Inventory (PRODUCT.md M6): stock per variant per location, changed only by movements
// that are kept as a ledger, reservations that expire, and no oversell under any number
// of concurrent buyers on any number of processes.
//
// No-oversell is the database's job: `stock_buckets` has CHECK (on_hand >= reserved), and
// every change happens under the bucket's row lock. Speed under a flash sale comes from
// the buckets (decisions.md §11): a reservation first takes units from a random bucket no
// one else holds (FOR UPDATE SKIP LOCKED), so concurrent buyers of one hot variant update
// different rows; the slower paths are in `takeUnits`.
import { and, asc, eq, gt, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { actorId, atomically, type Ctx, inTransaction, merchantScope, now, tenantOf, writeLater } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { getVariant, touch, type Variant } from '../catalog/service.ts';
import { merchantStatuses } from '../merchants/service.ts';
import { type BucketState, lowStockTransition, rebalance, takeAcross } from './rules.ts';
import {
  type BucketTake,
  type LocationKind,
  type MovementKind,
  stockBuckets,
  stockLevels,
  stockLocations,
  stockMovements,
  stockReservations,
} from './schema.ts';

export type Location = typeof stockLocations.$inferSelect;
export type StockLevelRow = typeof stockLevels.$inferSelect;
export type Movement = typeof stockMovements.$inferSelect;
export type Reservation = typeof stockReservations.$inferSelect;
export interface StockLevel extends StockLevelRow {
  onHand: number;
  reserved: number;
  available: number;
}

export const DEFAULT_BUCKETS = 4;
export const MAX_BUCKETS = 64;
export const DEFAULT_RESERVATION_TTL_S = 15 * 60;
export const MAX_RESERVATION_TTL_S = 24 * 3600;

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

export interface LocationInput {
  name: string;
  country: string;
  city: string;
  address?: string | undefined;
  customs_code?: string | undefined;
}

/** Merchants add their own warehouses (AU/NZ, or CN for sellers in China); operators add the platform's China bonded warehouses. */
export async function createLocation(ctx: Ctx, input: LocationInput): Promise<Location> {
  const merchant = merchantScope(ctx) !== undefined;
  const kind: LocationKind = merchant ? 'merchant_warehouse' : 'bonded_warehouse';
  if (merchant) {
    // Sellers ship from home: an ANZ brand from Australia or New Zealand, a seller in China from China.
    const [m] = await merchantStatuses(ctx, [tenantOf(ctx)]);
    if (m?.country === 'CN' && input.country !== 'CN') {
      throw new AppError('invalid_request', 'A merchant in China keeps its warehouse in China (CN)', { param: 'country' });
    }
    if (m?.country !== 'CN' && !['AU', 'NZ'].includes(input.country)) {
      throw new AppError('invalid_request', 'A merchant warehouse is in Australia or New Zealand', { param: 'country' });
    }
  }
  if (!merchant && input.country !== 'CN') {
    throw new AppError('invalid_request', 'Platform bonded warehouses are in China (CN)', { param: 'country' });
  }
  if (!merchant && !input.customs_code) {
    throw new AppError('invalid_request', 'A bonded warehouse needs its customs area code', { param: 'customs_code' });
  }
  return inTransaction(ctx, async (tx) => {
    const [loc] = await tx.db
      .insert(stockLocations)
      .values({
        id: newId('location'),
        kind,
        merchantId: merchant ? tenantOf(tx) : null,
        name: input.name,
        country: input.country,
        city: input.city,
        address: input.address ?? null,
        customsCode: merchant ? null : (input.customs_code ?? null),
        createdAt: now(tx),
      })
      .returning();
    if (!loc) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'location.created',
      objectType: 'location',
      objectId: loc.id,
      merchantId: loc.merchantId,
      data: { kind },
    });
    return loc;
  });
}

/** A merchant sees its own warehouses and every bonded warehouse; operators see all. */
export function listLocations(ctx: Ctx, q: ListQuery): Promise<Page<Location>> {
  const mid = merchantScope(ctx);
  const where = mid ? sql`(${stockLocations.merchantId} = ${mid} OR ${stockLocations.merchantId} IS NULL)` : undefined;
  return listPage(ctx.db, stockLocations, stockLocations.id, where, q, 'location');
}

export async function getLocation(ctx: Ctx, id: string): Promise<Location> {
  if (!isId('location', id)) throw notFound('location', id);
  const [loc] = await ctx.db.select().from(stockLocations).where(eq(stockLocations.id, id));
  const mid = merchantScope(ctx);
  if (!loc || (mid && loc.merchantId !== null && loc.merchantId !== mid)) throw notFound('location', id);
  return loc;
}

// ---------------------------------------------------------------------------
// Stock levels
// ---------------------------------------------------------------------------

async function bucketsOf(ctx: Ctx, levelId: string, lock: boolean): Promise<BucketState[]> {
  const q = ctx.db
    .select({ bucket: stockBuckets.bucket, onHand: stockBuckets.onHand, reserved: stockBuckets.reserved })
    .from(stockBuckets)
    .where(eq(stockBuckets.levelId, levelId))
    .orderBy(asc(stockBuckets.bucket));
  return lock ? q.for('update') : q;
}

async function writeBuckets(ctx: Ctx, levelId: string, next: readonly BucketState[], before: readonly BucketState[]): Promise<void> {
  for (const b of next) {
    const old = before.find((x) => x.bucket === b.bucket);
    if (old && old.onHand === b.onHand && old.reserved === b.reserved) continue;
    await ctx.db
      .update(stockBuckets)
      .set({ onHand: b.onHand, reserved: b.reserved })
      .where(and(eq(stockBuckets.levelId, levelId), eq(stockBuckets.bucket, b.bucket)));
  }
}

/** The level of a variant at a location, created (with its buckets) on first use. */
async function ensureLevel(ctx: Ctx, variant: Variant, location: Location): Promise<StockLevelRow> {
  const [existing] = await ctx.db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.variantId, variant.id), eq(stockLevels.locationId, location.id)));
  if (existing) return existing;
  const t = now(ctx);
  const id = newId('stockLevel');
  const [created] = await ctx.db
    .insert(stockLevels)
    .values({
      id,
      merchantId: variant.merchantId,
      productId: variant.productId,
      variantId: variant.id,
      locationId: location.id,
      buckets: DEFAULT_BUCKETS,
      createdAt: t,
      updatedAt: t,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) return ensureLevel(ctx, variant, location); // another transaction created it first
  await ctx.db.insert(stockBuckets).values(Array.from({ length: DEFAULT_BUCKETS }, (_, bucket) => ({ levelId: id, bucket })));
  // Where a product ships from is part of its storefront listing.
  await touch(ctx, variant.productId);
  return created;
}

async function recordMovementRow(
  ctx: Ctx,
  level: StockLevelRow,
  kind: MovementKind,
  onHandDelta: number,
  reservedDelta: number,
  reason: string | null,
  reference: string | null,
): Promise<Movement> {
  const row: Movement = {
    id: newId('movement'),
    merchantId: level.merchantId,
    levelId: level.id,
    variantId: level.variantId,
    locationId: level.locationId,
    kind,
    onHandDelta,
    reservedDelta,
    reason,
    reference,
    actorKind: ctx.principal.kind,
    actorId: actorId(ctx.principal) ?? null,
    at: now(ctx),
  };
  // Written with the transaction's other records when it ends (kernel/context.ts writeLater).
  await writeLater(ctx, stockMovements, row);
  return row;
}

/** Raise or re-arm the low-stock alarm after a change; the flag row is touched only on a transition. */
export async function checkLowStock(ctx: Ctx, level: StockLevelRow): Promise<void> {
  if (level.lowStockThreshold === null && !level.lowStockAlerted) return;
  const [sum] = await ctx.db
    .select({ available: sql<string>`coalesce(sum(${stockBuckets.onHand} - ${stockBuckets.reserved}), 0)` })
    .from(stockBuckets)
    .where(eq(stockBuckets.levelId, level.id));
  const available = Number(sum?.available ?? 0);
  const step = lowStockTransition(level.lowStockThreshold, level.lowStockAlerted, available);
  if (step === 'none') return;
  const alert = step === 'alert';
  const flipped = await ctx.db
    .update(stockLevels)
    .set({ lowStockAlerted: alert })
    .where(and(eq(stockLevels.id, level.id), eq(stockLevels.lowStockAlerted, !alert)))
    .returning({ id: stockLevels.id });
  // Only the transaction that flips the flag emits: concurrent buyers raise one alarm.
  if (alert && flipped.length) {
    await emitEvent(ctx, 'inventory.low_stock', level.merchantId, {
      stock_level_id: level.id,
      variant_id: level.variantId,
      product_id: level.productId,
      location_id: level.locationId,
      available,
      low_stock_threshold: level.lowStockThreshold,
    });
  }
}

async function levelTotals(ctx: Ctx, rows: StockLevelRow[]): Promise<StockLevel[]> {
  if (rows.length === 0) return [];
  const sums = await ctx.db
    .select({
      levelId: stockBuckets.levelId,
      onHand: sql<string>`sum(${stockBuckets.onHand})`,
      reserved: sql<string>`sum(${stockBuckets.reserved})`,
    })
    .from(stockBuckets)
    .where(
      inArray(
        stockBuckets.levelId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(stockBuckets.levelId);
  const by = new Map(sums.map((s) => [s.levelId, s]));
  return rows.map((r) => {
    const s = by.get(r.id);
    const onHand = Number(s?.onHand ?? 0);
    const reserved = Number(s?.reserved ?? 0);
    return { ...r, onHand, reserved, available: onHand - reserved };
  });
}

export interface LevelFilter {
  variantId?: string | undefined;
  productId?: string | undefined;
  locationId?: string | undefined;
}

export async function listLevels(ctx: Ctx, filter: LevelFilter, q: ListQuery): Promise<Page<StockLevel>> {
  const where: SQL[] = [];
  const mid = merchantScope(ctx);
  if (mid) where.push(eq(stockLevels.merchantId, mid));
  if (filter.variantId) where.push(eq(stockLevels.variantId, filter.variantId));
  if (filter.productId) where.push(eq(stockLevels.productId, filter.productId));
  if (filter.locationId) where.push(eq(stockLevels.locationId, filter.locationId));
  const page = await listPage<typeof stockLevels, StockLevelRow>(
    ctx.db,
    stockLevels,
    stockLevels.id,
    where.length ? and(...where) : undefined,
    q,
    'stockLevel',
  );
  return { data: await levelTotals(ctx, page.data), hasMore: page.hasMore };
}

export async function getLevel(ctx: Ctx, id: string): Promise<StockLevel> {
  if (!isId('stockLevel', id)) throw notFound('stock level', id);
  const [row] = await ctx.db.select().from(stockLevels).where(eq(stockLevels.id, id));
  const mid = merchantScope(ctx);
  if (!row || (mid && row.merchantId !== mid)) throw notFound('stock level', id);
  const [level] = await levelTotals(ctx, [row]);
  if (!level) throw notFound('stock level', id);
  return level;
}

/**
 * Settings of a stock level: the low-stock threshold, and how many buckets its units are
 * spread over (raise it before a flash sale; decisions.md §11). Fewer buckets are only
 * possible while the removed ones hold no reserved units.
 */
export async function updateLevel(
  ctx: Ctx,
  id: string,
  input: { low_stock_threshold?: number | null | undefined; buckets?: number | undefined },
): Promise<StockLevel> {
  return inTransaction(ctx, async (tx) => {
    const level = await getLevel(tx, id);
    const [row] = await tx.db.select().from(stockLevels).where(eq(stockLevels.id, id)).for('update');
    if (!row) throw notFound('stock level', id);
    const set: Partial<typeof stockLevels.$inferInsert> = { updatedAt: now(tx) };
    if (input.low_stock_threshold !== undefined) set.lowStockThreshold = input.low_stock_threshold;
    if (input.buckets !== undefined && input.buckets !== row.buckets) {
      const before = await bucketsOf(tx, id, true);
      const n = input.buckets;
      const dropped = before.filter((b) => b.bucket >= n);
      if (dropped.some((b) => b.reserved > 0)) {
        throw new AppError('invalid_state', 'Units in the buckets to remove are reserved; try again when the reservations have closed', {
          param: 'buckets',
        });
      }
      if (n > before.length) {
        await tx.db
          .insert(stockBuckets)
          .values(Array.from({ length: n - before.length }, (_, i) => ({ levelId: id, bucket: before.length + i })));
      }
      const kept = [
        ...before.filter((b) => b.bucket < n),
        ...Array.from({ length: Math.max(0, n - before.length) }, (_, i) => ({ bucket: before.length + i, onHand: 0, reserved: 0 })),
      ];
      const movedUnits = dropped.reduce((s, b) => s + b.onHand, 0);
      const next = rebalance(kept, movedUnits);
      if (!next) throw new Error('rebalance of a non-negative quantity failed');
      if (dropped.length) {
        await tx.db.delete(stockBuckets).where(and(eq(stockBuckets.levelId, id), sql`${stockBuckets.bucket} >= ${n}`));
      }
      await writeBuckets(tx, id, next, kept);
      set.buckets = n;
    }
    const [updated] = await tx.db.update(stockLevels).set(set).where(eq(stockLevels.id, id)).returning();
    if (!updated) throw notFound('stock level', id);
    await checkLowStock(tx, updated);
    await recordAudit(tx, {
      action: 'stock_level.updated',
      objectType: 'stock_level',
      objectId: id,
      merchantId: level.merchantId,
      data: input,
    });
    return getLevel(tx, id);
  });
}

// ---------------------------------------------------------------------------
// Movements: receipts, adjustments, returns
// ---------------------------------------------------------------------------

export interface MovementInput {
  kind: 'receipt' | 'adjustment' | 'return';
  variant_id: string;
  location_id: string;
  /** Units; positive for receipts and returns, signed for adjustments. */
  quantity: number;
  reason?: string | undefined;
  reference?: string | undefined;
}

export async function recordMovement(ctx: Ctx, input: MovementInput): Promise<{ movement: Movement; level: StockLevel }> {
  if (input.kind !== 'adjustment' && input.quantity <= 0) {
    throw new AppError('invalid_request', `A ${input.kind} adds units: the quantity must be positive`, { param: 'quantity' });
  }
  if (input.kind === 'adjustment' && input.quantity === 0)
    throw new AppError('invalid_request', 'An adjustment changes the count', { param: 'quantity' });
  if (input.kind === 'adjustment' && !input.reason?.trim()) {
    throw new AppError('invalid_request', 'An adjustment needs a reason (stocktake, damaged, …)', { param: 'reason' });
  }
  return inTransaction(ctx, async (tx) => {
    const variant = await getVariant(tx, input.variant_id);
    const location = await getLocation(tx, input.location_id);
    if (location.merchantId !== null && location.merchantId !== variant.merchantId) throw notFound('location', input.location_id);
    const level = await ensureLevel(tx, variant, location);
    const before = await bucketsOf(tx, level.id, true);
    const next = rebalance(before, input.quantity);
    if (!next) {
      const available = before.reduce((s, b) => s + b.onHand - b.reserved, 0);
      throw new AppError('insufficient_stock', `Only ${available} units are available to remove; reserved units cannot be adjusted away`, {
        param: 'quantity',
        details: { available },
      });
    }
    await writeBuckets(tx, level.id, next, before);
    const movement = await recordMovementRow(
      tx,
      level,
      input.kind,
      input.quantity,
      0,
      input.reason?.trim() || null,
      input.reference ?? null,
    );
    await checkLowStock(tx, level);
    return { movement, level: await getLevel(tx, level.id) };
  });
}

export async function listMovements(
  ctx: Ctx,
  filter: { levelId?: string | undefined; variantId?: string | undefined; kind?: MovementKind | undefined; reference?: string | undefined },
  q: ListQuery,
): Promise<Page<Movement>> {
  const where: SQL[] = [];
  const mid = merchantScope(ctx);
  if (mid) where.push(eq(stockMovements.merchantId, mid));
  if (filter.levelId) where.push(eq(stockMovements.levelId, filter.levelId));
  if (filter.variantId) where.push(eq(stockMovements.variantId, filter.variantId));
  if (filter.kind) where.push(eq(stockMovements.kind, filter.kind));
  if (filter.reference) where.push(eq(stockMovements.reference, filter.reference));
  return listPage(ctx.db, stockMovements, stockMovements.id, where.length ? and(...where) : undefined, q, 'movement');
}

// ---------------------------------------------------------------------------
// Reservations
// ---------------------------------------------------------------------------

export interface ReserveInput {
  variant_id: string;
  location_id: string;
  quantity: number;
  ttl_seconds?: number | undefined;
  reference?: string | undefined;
}

/** Take units from one unlocked bucket that has enough, without waiting; null when none can. */
async function takeFromFreeBucket(ctx: Ctx, levelId: string, quantity: number): Promise<number | null> {
  const res = await ctx.db.execute(sql`
    UPDATE stock_buckets SET reserved = reserved + ${quantity}
    WHERE level_id = ${levelId} AND bucket = (
      SELECT bucket FROM stock_buckets
      WHERE level_id = ${levelId} AND on_hand - reserved >= ${quantity}
      ORDER BY random() LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING bucket`);
  const row = (res as unknown as { rows: { bucket: number }[] }).rows[0];
  return row ? Number(row.bucket) : null;
}

/**
 * Take units from one random bucket that has enough, waiting for its lock. The attempt runs
 * in a savepoint: a bucket found emptied after the wait is let go again (rolling back the
 * savepoint releases its lock), so no transaction ever waits while holding a bucket out
 * of order — the all-buckets path below locks in order, and the two cannot deadlock.
 */
async function takeFromAnyBucket(ctx: Ctx, levelId: string, quantity: number): Promise<number | null> {
  const [candidate] = await ctx.db
    .select({ bucket: stockBuckets.bucket })
    .from(stockBuckets)
    .where(and(eq(stockBuckets.levelId, levelId), sql`${stockBuckets.onHand} - ${stockBuckets.reserved} >= ${quantity}`))
    .orderBy(sql`random()`)
    .limit(1);
  if (!candidate) return null;
  try {
    return await inTransaction(ctx, async (sp) => {
      const [row] = await sp.db
        .update(stockBuckets)
        .set({ reserved: sql`${stockBuckets.reserved} + ${quantity}` })
        .where(
          and(
            eq(stockBuckets.levelId, levelId),
            eq(stockBuckets.bucket, candidate.bucket),
            sql`${stockBuckets.onHand} - ${stockBuckets.reserved} >= ${quantity}`,
          ),
        )
        .returning({ bucket: stockBuckets.bucket });
      if (!row) throw BUCKET_TAKEN;
      return row.bucket;
    });
  } catch (e) {
    if (e === BUCKET_TAKEN) return null;
    throw e;
  }
}
const BUCKET_TAKEN = new Error('bucket emptied while waiting');

/**
 * Where a reservation's units come from, fastest path first (decisions.md §11):
 * 1. a random bucket with enough units that no one holds (no waiting);
 * 2. refuse at once when the committed units of all buckets are too few — in-flight
 *    reservations only lower that figure, so a refusal read from it is never wrong;
 * 3. a random bucket with enough units, waiting for it (waiters spread over the buckets);
 * 4. all buckets locked in order, the units taken across several (or refused).
 */
async function takeUnits(ctx: Ctx, levelId: string, quantity: number): Promise<BucketTake[]> {
  const free = await takeFromFreeBucket(ctx, levelId, quantity);
  if (free !== null) return [{ bucket: free, quantity }];
  const [sum] = await ctx.db
    .select({ available: sql<string>`coalesce(sum(${stockBuckets.onHand} - ${stockBuckets.reserved}), 0)` })
    .from(stockBuckets)
    .where(eq(stockBuckets.levelId, levelId));
  const committed = Number(sum?.available ?? 0);
  if (committed < quantity) throw soldOut(committed);
  const waited = await takeFromAnyBucket(ctx, levelId, quantity);
  if (waited !== null) return [{ bucket: waited, quantity }];
  const buckets = await bucketsOf(ctx, levelId, true);
  const takes = takeAcross(buckets, quantity);
  if (!takes) throw soldOut(buckets.reduce((s, b) => s + b.onHand - b.reserved, 0));
  for (const t of takes) {
    await ctx.db
      .update(stockBuckets)
      .set({ reserved: sql`${stockBuckets.reserved} + ${t.quantity}` })
      .where(and(eq(stockBuckets.levelId, levelId), eq(stockBuckets.bucket, t.bucket)));
  }
  return takes;
}

const soldOut = (available: number) =>
  new AppError('insufficient_stock', `Only ${available} units are available`, { param: 'quantity', details: { available } });

/**
 * Reserve units of a variant at a location for a while (default 15 minutes). Exactly as
 * many reservations succeed as there are units, however many race for them; the others
 * get `409 insufficient_stock`.
 */
export async function reserve(ctx: Ctx, input: ReserveInput): Promise<Reservation> {
  return inTransaction(ctx, async (tx) => {
    // A merchant reserves only its own variants (not found otherwise).
    await getVariant(tx, input.variant_id);
    const [r] = await reserveLines(tx, [input], (_n, field) => field);
    return r as Reservation;
  });
}

/**
 * Reserve several lines in one transaction (a checkout's cart): all of them or none. Each is
 * taken as `reserve` takes it, without reading the variant again (the stock level names it);
 * their movements are written together at the end.
 */
export async function reserveAll(ctx: Ctx, inputs: readonly ReserveInput[]): Promise<Reservation[]> {
  if (!inputs.length) return [];
  return inTransaction(ctx, (tx) => reserveLines(tx, inputs, (n, field) => `lines.${n}.${field}`));
}

/** The lines' reservations, in the caller's transaction; `param` names a line's field in an error. */
async function reserveLines(tx: Ctx, inputs: readonly ReserveInput[], param: (n: number, field: string) => string): Promise<Reservation[]> {
  const levels = await tx.db
    .select()
    .from(stockLevels)
    .where(or(...inputs.map((i) => and(eq(stockLevels.variantId, i.variant_id), eq(stockLevels.locationId, i.location_id)))));
  const t = now(tx);
  const rows: (typeof stockReservations.$inferInsert)[] = [];
  const touched: StockLevelRow[] = [];
  for (const [n, input] of inputs.entries()) {
    const level = levels.find((l) => l.variantId === input.variant_id && l.locationId === input.location_id);
    if (!level) {
      throw new AppError('insufficient_stock', 'This variant has no stock at that location', {
        param: param(n, 'location_id'),
        details: { available: 0, variant_id: input.variant_id },
      });
    }
    const takes = await takeUnits(tx, level.id, input.quantity).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'insufficient_stock') {
        throw new AppError('insufficient_stock', e.message, {
          param: param(n, 'quantity'),
          details: { ...e.details, variant_id: input.variant_id },
        });
      }
      throw e;
    });
    const id = newId('reservation');
    rows.push({
      id,
      merchantId: level.merchantId,
      levelId: level.id,
      variantId: level.variantId,
      locationId: level.locationId,
      quantity: input.quantity,
      takes,
      status: 'active',
      reference: input.reference ?? null,
      expiresAt: new Date(t.getTime() + (input.ttl_seconds ?? DEFAULT_RESERVATION_TTL_S) * 1000),
      createdAt: t,
    });
    await recordMovementRow(tx, level, 'reservation', 0, input.quantity, null, id);
    touched.push(level);
  }
  const made = await tx.db.insert(stockReservations).values(rows).returning();
  for (const level of new Set(touched)) await checkLowStock(tx, level);
  return inputs.map((_, i) => made.find((r) => r.id === rows[i]?.id) as Reservation);
}

export async function getReservation(ctx: Ctx, id: string, lock = false): Promise<Reservation> {
  if (!isId('reservation', id)) throw notFound('reservation', id);
  const q = ctx.db.select().from(stockReservations).where(eq(stockReservations.id, id));
  const [r] = lock ? await q.for('update') : await q;
  const mid = merchantScope(ctx);
  if (!r || (mid && r.merchantId !== mid)) throw notFound('reservation', id);
  return r;
}

export function listReservations(
  ctx: Ctx,
  filter: { status?: Reservation['status'] | undefined },
  q: ListQuery,
): Promise<Page<Reservation>> {
  const where: SQL[] = [];
  const mid = merchantScope(ctx);
  if (mid) where.push(eq(stockReservations.merchantId, mid));
  if (filter.status) where.push(eq(stockReservations.status, filter.status));
  return listPage(ctx.db, stockReservations, stockReservations.id, where.length ? and(...where) : undefined, q, 'reservation');
}

/**
 * Close an active reservation: `release` or `expire` give the units back; `ship` takes
 * them out of stock (the goods left the location).
 */
export async function closeReservation(ctx: Ctx, id: string, how: 'release' | 'expire' | 'ship'): Promise<Reservation> {
  return inTransaction(ctx, async (tx) => {
    const r = await getReservation(tx, id, true);
    if (r.status !== 'active' && (r.status !== 'held' || how === 'expire')) {
      throw new AppError('invalid_state', `The reservation is ${r.status}`, { details: { status: r.status } });
    }
    const shipped = how === 'ship';
    for (const t of r.takes) {
      await tx.db
        .update(stockBuckets)
        .set({
          reserved: sql`${stockBuckets.reserved} - ${t.quantity}`,
          ...(shipped ? { onHand: sql`${stockBuckets.onHand} - ${t.quantity}` } : {}),
        })
        .where(and(eq(stockBuckets.levelId, r.levelId), eq(stockBuckets.bucket, t.bucket)));
    }
    const [level] = await tx.db.select().from(stockLevels).where(eq(stockLevels.id, r.levelId));
    if (!level) throw notFound('stock level', r.levelId);
    await recordMovementRow(
      tx,
      level,
      shipped ? 'shipment' : 'release',
      shipped ? -r.quantity : 0,
      -r.quantity,
      how === 'expire' ? 'expired' : null,
      r.id,
    );
    const status = how === 'release' ? 'released' : how === 'expire' ? 'expired' : 'shipped';
    const [closed] = await tx.db
      .update(stockReservations)
      .set({ status, closedAt: now(tx) })
      .where(eq(stockReservations.id, id))
      .returning();
    if (!closed) throw notFound('reservation', id);
    await checkLowStock(tx, level);
    return closed;
  });
}

/**
 * Keep active reservations for a paid order: they no longer expire, and are closed when the
 * order ships (`ship`) or is cancelled (`release`). All or nothing: if any of them is no
 * longer active (expired, released) it is `checkout_expired` and none is kept.
 */
export async function holdReservations(ctx: Ctx, ids: readonly string[], reference: string): Promise<Reservation[]> {
  if (!ids.length) return [];
  return atomically(ctx, async (tx) => {
    const held = await tx.db
      .update(stockReservations)
      .set({ status: 'held', reference })
      .where(and(inArray(stockReservations.id, [...ids]), eq(stockReservations.status, 'active'), gt(stockReservations.expiresAt, now(tx))))
      .returning();
    if (held.length !== new Set(ids).size) {
      throw new AppError('checkout_expired', 'The stock held for this checkout has been released; start the checkout again', {
        param: 'checkout',
      });
    }
    return held;
  });
}

/** The job: release reservations past their expiry, a batch at a time. Returns how many. */
export async function expireReservations(ctx: Ctx, batch = 500): Promise<number> {
  const due = await ctx.db
    .select({ id: stockReservations.id })
    .from(stockReservations)
    .where(and(eq(stockReservations.status, 'active'), lte(stockReservations.expiresAt, now(ctx))))
    .limit(batch);
  let n = 0;
  for (const { id } of due) {
    try {
      await closeReservation(ctx, id, 'expire');
      n++;
    } catch (e) {
      // Closed meanwhile by its owner or another worker: nothing to do.
      if (!(e instanceof AppError && e.code === 'invalid_state')) throw e;
    }
  }
  return n;
}

/** Available units per variant and location kind, for the storefront. */
export async function availability(ctx: Ctx, variantIds: string[]): Promise<Map<string, Record<LocationKind, number>>> {
  const out = new Map<string, Record<LocationKind, number>>();
  for (const [variantId, places] of await availabilityByLocation(ctx, variantIds)) {
    const cur = { merchant_warehouse: 0, bonded_warehouse: 0 };
    for (const place of places) cur[place.kind] += place.available;
    out.set(variantId, cur);
  }
  return out;
}

/** What can be reserved now of each variant, per stock location (bonded warehouses first, then most stock first). */
export async function availabilityByLocation(
  ctx: Ctx,
  variantIds: string[],
): Promise<Map<string, { locationId: string; kind: LocationKind; available: number }[]>> {
  const out = new Map<string, { locationId: string; kind: LocationKind; available: number }[]>();
  if (variantIds.length === 0) return out;
  const rows = await ctx.db
    .select({
      variantId: stockLevels.variantId,
      locationId: stockLevels.locationId,
      kind: stockLocations.kind,
      available: sql<string>`sum(${stockBuckets.onHand} - ${stockBuckets.reserved})`,
    })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .innerJoin(stockBuckets, eq(stockBuckets.levelId, stockLevels.id))
    .where(inArray(stockLevels.variantId, variantIds))
    .groupBy(stockLevels.variantId, stockLevels.locationId, stockLocations.kind);
  for (const r of rows) {
    const list = out.get(r.variantId) ?? [];
    list.push({ locationId: r.locationId, kind: r.kind, available: Number(r.available) });
    out.set(r.variantId, list);
  }
  for (const list of out.values()) {
    list.sort((a, b) => Number(b.kind === 'bonded_warehouse') - Number(a.kind === 'bonded_warehouse') || b.available - a.available);
  }
  return out;
}

/**
 * Recompute every level from the movement ledger and compare with the buckets: the
 * ledger must explain every number. Returns the levels that disagree (none, always).
 */
export async function verifyLedger(ctx: Ctx): Promise<{
  levels: number;
  differences: { levelId: string; bucketsOnHand: number; ledgerOnHand: number; bucketsReserved: number; ledgerReserved: number }[];
}> {
  const rows = await ctx.rt.database.query<{ id: string; b_on: string; b_res: string; m_on: string; m_res: string }>(`
    SELECT l.id,
      (SELECT coalesce(sum(on_hand), 0) FROM stock_buckets b WHERE b.level_id = l.id) AS b_on,
      (SELECT coalesce(sum(reserved), 0) FROM stock_buckets b WHERE b.level_id = l.id) AS b_res,
      (SELECT coalesce(sum(on_hand_delta), 0) FROM stock_movements m WHERE m.level_id = l.id) AS m_on,
      (SELECT coalesce(sum(reserved_delta), 0) FROM stock_movements m WHERE m.level_id = l.id) AS m_res
    FROM stock_levels l`);
  const differences = rows
    .map((r) => ({
      levelId: r.id,
      bucketsOnHand: Number(r.b_on),
      ledgerOnHand: Number(r.m_on),
      bucketsReserved: Number(r.b_res),
      ledgerReserved: Number(r.m_res),
    }))
    .filter((d) => d.bucketsOnHand !== d.ledgerOnHand || d.bucketsReserved !== d.ledgerReserved);
  return { levels: rows.length, differences };
}
