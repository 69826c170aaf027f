// Setting many stock levels at once, for the CSV import: the on-hand count of each
// (variant, location) becomes the number given, through the same bucket rule (`rebalance`)
// and the same movement ledger as a single adjustment, with multi-row statements.
import { and, isNull, or, sql } from 'drizzle-orm';
import { actorId, type Ctx, now } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { anyText, unnestInsert } from '../../kernel/db/unnest.ts';
import { BULK_CHUNK, touchMany } from '../catalog/bulk.ts';
import { type BucketState, rebalance } from './rules.ts';
import { stockBuckets, stockLevels, stockLocations, type stockMovements } from './schema.ts';
import { checkLowStock, DEFAULT_BUCKETS, type Location, type StockLevelRow } from './service.ts';

const CHUNK = 1000;
function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The merchant's own warehouses (stock arrives in bonded warehouses through inbound shipments, not imports). */
export async function ownLocations(ctx: Ctx, merchantId: string): Promise<Location[]> {
  return ctx.db
    .select()
    .from(stockLocations)
    .where(and(sql`${stockLocations.merchantId} = ${merchantId}`, sql`${stockLocations.active}`))
    .orderBy(stockLocations.id);
}

/** Locations a merchant sees (its own and the bonded warehouses), for exports. */
export async function visibleLocations(ctx: Ctx, merchantId: string): Promise<Location[]> {
  return ctx.db
    .select()
    .from(stockLocations)
    .where(or(sql`${stockLocations.merchantId} = ${merchantId}`, isNull(stockLocations.merchantId)))
    .orderBy(stockLocations.id);
}

export interface LevelSnapshot {
  level: StockLevelRow;
  onHand: number;
  reserved: number;
  /** Its buckets, in bucket order. */
  buckets: BucketState[];
}

const key = (variantId: string, locationId: string) => `${variantId} ${locationId}`;

/** The stock levels of these variants with their totals, by `variantId locationId`. */
export async function stockSnapshot(ctx: Ctx, variantIds: readonly string[], lock = false): Promise<Map<string, LevelSnapshot>> {
  const out = new Map<string, LevelSnapshot>();
  for (const part of chunks([...new Set(variantIds)], 5000)) {
    const levels = await ctx.db.select().from(stockLevels).where(anyText(stockLevels.variantId, part));
    if (!levels.length) continue;
    const ids = levels.map((l) => l.id);
    const q = ctx.db
      .select({
        levelId: stockBuckets.levelId,
        bucket: stockBuckets.bucket,
        onHand: stockBuckets.onHand,
        reserved: stockBuckets.reserved,
      })
      .from(stockBuckets)
      .where(anyText(stockBuckets.levelId, ids));
    const buckets = lock ? await q.for('update') : await q;
    const sums = new Map<string, { onHand: number; reserved: number; buckets: BucketState[] }>();
    for (const b of buckets) {
      let s = sums.get(b.levelId);
      if (!s) {
        s = { onHand: 0, reserved: 0, buckets: [] };
        sums.set(b.levelId, s);
      }
      s.onHand += b.onHand;
      s.reserved += b.reserved;
      s.buckets.push({ bucket: b.bucket, onHand: b.onHand, reserved: b.reserved });
    }
    for (const level of levels) {
      const s = sums.get(level.id) ?? { onHand: 0, reserved: 0, buckets: [] };
      s.buckets.sort((x, y) => x.bucket - y.bucket);
      out.set(key(level.variantId, level.locationId), { level, ...s });
    }
  }
  return out;
}

export interface OnHandTarget {
  merchantId: string;
  productId: string;
  variantId: string;
  locationId: string;
  onHand: number;
}

/**
 * Make each target's on-hand count the number given: a new level (with its buckets) where
 * there is none, otherwise the difference spread over the buckets by `rebalance`, each change
 * an `adjustment` in the movement ledger with `reason`. Reserved units stay: a count below
 * them is `insufficient_stock`. Runs in the caller's transaction.
 */
export async function setOnHand(
  ctx: Ctx,
  targets: readonly OnHandTarget[],
  reason: string,
  reference: string,
  opts: { newProducts?: ReadonlySet<string> } = {},
): Promise<number> {
  if (!targets.length) return 0;
  const t = now(ctx);
  const existing = await stockSnapshot(
    ctx,
    targets.map((x) => x.variantId),
    true,
  );
  const newLevels: (typeof stockLevels.$inferInsert)[] = [];
  const bucketRows: (typeof stockBuckets.$inferInsert)[] = [];
  const movements: (typeof stockMovements.$inferInsert)[] = [];
  const changedLevels: StockLevelRow[] = [];
  const touched: string[] = [];
  const movement = (level: { id: string; merchantId: string; variantId: string; locationId: string }, delta: number) => ({
    id: newId('movement'),
    merchantId: level.merchantId,
    levelId: level.id,
    variantId: level.variantId,
    locationId: level.locationId,
    kind: 'adjustment' as const,
    onHandDelta: delta,
    reservedDelta: 0,
    reason,
    reference,
    actorKind: ctx.principal.kind,
    actorId: actorId(ctx.principal) ?? null,
    at: t,
  });
  for (const x of targets) {
    const snap = existing.get(key(x.variantId, x.locationId));
    if (!snap) {
      const id = newId('stockLevel');
      const level = { id, merchantId: x.merchantId, productId: x.productId, variantId: x.variantId, locationId: x.locationId };
      newLevels.push({ ...level, buckets: DEFAULT_BUCKETS, createdAt: t, updatedAt: t });
      const empty = Array.from({ length: DEFAULT_BUCKETS }, (_, bucket) => ({ bucket, onHand: 0, reserved: 0 }));
      for (const b of rebalance(empty, x.onHand) ?? empty)
        bucketRows.push({ levelId: id, bucket: b.bucket, onHand: b.onHand, reserved: 0 });
      if (x.onHand !== 0) movements.push(movement(level, x.onHand));
      // A product made in the same transaction is marked changed already.
      if (!opts.newProducts?.has(x.productId)) touched.push(x.productId);
      continue;
    }
    const delta = x.onHand - snap.onHand;
    if (delta === 0) continue;
    const next = rebalance(snap.buckets, delta);
    if (!next) {
      throw new AppError('insufficient_stock', `${snap.reserved} units are reserved: on hand cannot go below them`, {
        param: x.locationId,
        details: { reserved: snap.reserved },
      });
    }
    for (const b of next) bucketRows.push({ levelId: snap.level.id, bucket: b.bucket, onHand: b.onHand, reserved: b.reserved });
    movements.push(movement(snap.level, delta));
    changedLevels.push(snap.level);
  }
  for (const part of chunks(newLevels, BULK_CHUNK)) {
    await ctx.db.execute(
      unnestInsert(
        'stock_levels',
        [
          ['id', 'text'],
          ['merchant_id', 'text'],
          ['product_id', 'text'],
          ['variant_id', 'text'],
          ['location_id', 'text'],
          ['buckets', 'int'],
          ['created_at', 'timestamptz'],
          ['updated_at', 'timestamptz'],
        ],
        part.map((l) => [l.id, l.merchantId, l.productId, l.variantId, l.locationId, l.buckets, l.createdAt, l.updatedAt]),
      ),
    );
  }
  for (const part of chunks(bucketRows, BULK_CHUNK * 4)) {
    await ctx.db.execute(
      unnestInsert(
        'stock_buckets',
        [
          ['level_id', 'text'],
          ['bucket', 'int'],
          ['on_hand', 'int'],
          ['reserved', 'int'],
        ],
        part.map((b) => [b.levelId, b.bucket, b.onHand, b.reserved ?? 0]),
        { tail: 'on conflict (level_id, bucket) do update set on_hand = excluded.on_hand' },
      ),
    );
  }
  for (const part of chunks(movements, BULK_CHUNK)) {
    await ctx.db.execute(
      unnestInsert(
        'stock_movements',
        [
          ['id', 'text'],
          ['merchant_id', 'text'],
          ['level_id', 'text'],
          ['variant_id', 'text'],
          ['location_id', 'text'],
          ['kind', 'text'],
          ['on_hand_delta', 'int'],
          ['reserved_delta', 'int'],
          ['reason', 'text'],
          ['reference', 'text'],
          ['actor_kind', 'text'],
          ['actor_id', 'text'],
          ['at', 'timestamptz'],
        ],
        part.map((m) => [
          m.id,
          m.merchantId,
          m.levelId,
          m.variantId,
          m.locationId,
          m.kind,
          m.onHandDelta,
          m.reservedDelta,
          m.reason ?? null,
          m.reference ?? null,
          m.actorKind,
          m.actorId ?? null,
          m.at,
        ]),
      ),
    );
  }
  // Where a product ships from is part of its storefront listing.
  await touchMany(ctx, touched, t);
  for (const level of changedLevels) await checkLowStock(ctx, level);
  return newLevels.length + changedLevels.length;
}
