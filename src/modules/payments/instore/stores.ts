// In-store payments, first step (issue 8): a merchant with a shop in Australia or New Zealand
// registers its stores and the tills in them, and gives each till a POS API key. The key is an
// identity API key bound to the till (`api_keys.till_id`, scope `instore:write`): it acts for
// that till only, and is listed and revoked with the merchant's other keys.
import { merchantLivemode } from '../../../kernel/livemode.ts';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit.ts';
import { type Ctx, inTransaction, merchantScope, now, tenantOf } from '../../../kernel/context.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { type ListQuery, listPage, type Page } from '../../../kernel/http/pagination.ts';
import { isId, newId } from '../../../kernel/ids.ts';
import { type ApiKey, createApiKey } from '../../identity/service.ts';
import { AU_STATES, REGION_TIME_ZONES } from '../../logistics/rules.ts';
import { merchantStatuses } from '../../merchants/service.ts';
import { type StoreCountry, stores, tills } from './schema.ts';

export type Store = typeof stores.$inferSelect;
export type Till = typeof tills.$inferSelect;

// ---------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------

/** The IANA zone of each Australian state and territory (the shipping network's table: logistics/rules.ts). */
const AU_STATE_ZONES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(AU_STATES).map((r) => [r, REGION_TIME_ZONES[r] as string]),
);

/** Zones a store may give itself: places that keep their own time inside a state (Broken Hill, Eucla, Lord Howe, the Chathams). */
const COUNTRY_ZONES: Readonly<Record<StoreCountry, readonly string[]>> = {
  AU: [...new Set(Object.values(AU_STATE_ZONES)), 'Australia/Broken_Hill', 'Australia/Eucla', 'Australia/Lindeman', 'Australia/Lord_Howe'],
  NZ: ['Pacific/Auckland', 'Pacific/Chatham'],
};

/**
 * A store's time zone: the one given, if it is a zone of the store's country; otherwise the
 * state's (AU) or New Zealand's. Australia has several, so an AU store without a state must give one.
 */
export function storeTimeZone(country: StoreCountry, region: string | null, given: string | null): string {
  if (given) {
    if (!COUNTRY_ZONES[country].includes(given)) {
      throw new AppError('invalid_request', `'${given}' is not a time zone of ${country} (e.g. ${COUNTRY_ZONES[country][0]})`, {
        param: 'time_zone',
      });
    }
    return given;
  }
  if (country === 'NZ') return 'Pacific/Auckland';
  const zone = region ? AU_STATE_ZONES[region] : undefined;
  if (!zone) {
    throw new AppError('invalid_request', 'An Australian store needs its state (region, e.g. AU-VIC) or its time_zone', {
      param: 'time_zone',
    });
  }
  return zone;
}

function checkRegion(country: StoreCountry, region: string | null): void {
  if (region === null) return;
  if (country === 'AU' ? !AU_STATES[region] : region !== 'NZ') {
    throw new AppError(
      'invalid_region',
      country === 'AU' ? `'${region}' is not an Australian state or territory (e.g. AU-VIC)` : 'A New Zealand store has region NZ',
      { param: 'region' },
    );
  }
}

// ---------------------------------------------------------------------------
// Stores
// ---------------------------------------------------------------------------

export interface StoreInput {
  name: string;
  address_line: string;
  city: string;
  region?: string | undefined;
  country: StoreCountry;
  time_zone?: string | undefined;
}

/** A merchant in Australia or New Zealand registers a shop of its own there. */
export async function createStore(ctx: Ctx, input: StoreInput): Promise<Store> {
  const merchantId = tenantOf(ctx);
  const [m] = await merchantStatuses(ctx, [merchantId]);
  // Sellers in China reach shoppers in AU/NZ online; they have no shop counter there.
  if (!m || m.country === 'CN') {
    throw new AppError('forbidden', 'In-store payments are for merchants with a shop in Australia or New Zealand');
  }
  const region = input.region ?? null;
  checkRegion(input.country, region);
  const timeZone = storeTimeZone(input.country, region, input.time_zone ?? null);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [store] = await tx.db
      .insert(stores)
      .values({
        id: newId('store'),
        merchantId,
        name: input.name,
        addressLine: input.address_line,
        city: input.city,
        region,
        country: input.country,
        timeZone,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!store) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'store.created',
      objectType: 'store',
      objectId: store.id,
      data: { name: store.name, country: store.country, time_zone: store.timeZone },
    });
    return store;
  });
}

/** A merchant's own stores; operators see every merchant's. */
export function listStores(ctx: Ctx, q: ListQuery): Promise<Page<Store>> {
  const mid = merchantScope(ctx);
  return listPage(ctx.db, stores, stores.id, mid ? eq(stores.merchantId, mid) : undefined, q, 'store');
}

export async function getStore(ctx: Ctx, id: string): Promise<Store> {
  if (!isId('store', id)) throw notFound('store', id);
  const [store] = await ctx.db.select().from(stores).where(eq(stores.id, id));
  const mid = merchantScope(ctx);
  if (!store || (mid && store.merchantId !== mid)) throw notFound('store', id);
  return store;
}

export interface StoreUpdate {
  name?: string | undefined;
  address_line?: string | undefined;
  city?: string | undefined;
  active?: boolean | undefined;
}

/** Rename, move within the same city or town, close (`active: false`) or reopen a store. */
export async function updateStore(ctx: Ctx, id: string, input: StoreUpdate): Promise<Store> {
  return inTransaction(ctx, async (tx) => {
    const existing = await getStore(tx, id);
    const [store] = await tx.db
      .update(stores)
      .set({
        name: input.name ?? existing.name,
        addressLine: input.address_line ?? existing.addressLine,
        city: input.city ?? existing.city,
        active: input.active ?? existing.active,
        updatedAt: now(tx),
      })
      .where(eq(stores.id, existing.id))
      .returning();
    if (!store) throw new Error('update returned nothing');
    await recordAudit(tx, {
      action: 'store.updated',
      objectType: 'store',
      objectId: store.id,
      merchantId: store.merchantId,
      data: { ...input },
    });
    return store;
  });
}

// ---------------------------------------------------------------------------
// Tills
// ---------------------------------------------------------------------------

/** A till in an open store; its name is unique in the store (`409 already_exists`). */
export async function createTill(ctx: Ctx, storeId: string, input: { name: string }): Promise<Till> {
  return inTransaction(ctx, async (tx) => {
    const store = await getStore(tx, storeId);
    if (!store.active) throw new AppError('invalid_state', 'This store is closed (active: false): reopen it to add tills');
    const t = now(tx);
    const [till] = await tx.db
      .insert(tills)
      .values({ id: newId('till'), storeId: store.id, merchantId: store.merchantId, name: input.name, createdAt: t, updatedAt: t })
      .onConflictDoNothing({ target: [tills.storeId, tills.name] })
      .returning();
    if (!till) throw new AppError('already_exists', `This store already has a till named '${input.name}'`, { param: 'name' });
    await recordAudit(tx, {
      action: 'till.created',
      objectType: 'till',
      objectId: till.id,
      merchantId: till.merchantId,
      data: { store_id: store.id, name: till.name },
    });
    return till;
  });
}

export async function listTills(ctx: Ctx, storeId: string, q: ListQuery): Promise<Page<Till>> {
  const store = await getStore(ctx, storeId);
  return listPage(ctx.db, tills, tills.id, eq(tills.storeId, store.id), q, 'till');
}

/** A till of the caller's merchant; a POS key sees its own till only (another is a 404, as for another merchant's). */
export async function getTill(ctx: Ctx, id: string): Promise<Till> {
  if (!isId('till', id)) throw notFound('till', id);
  const p = ctx.principal;
  if (p.kind === 'api_key' && p.tillId !== undefined && p.tillId !== id) throw notFound('till', id);
  const mid = merchantScope(ctx);
  const [till] = await ctx.db
    .select()
    .from(tills)
    .where(mid ? and(eq(tills.id, id), eq(tills.merchantId, mid)) : eq(tills.id, id));
  if (!till) throw notFound('till', id);
  return till;
}

/**
 * A POS key for a till: an API key of the merchant's with scope `instore:write`, bound to the
 * till. The secret is in the answer once; afterwards the key is listed (`GET /v1/api-keys`, with
 * its `till_id`) and revoked like any other.
 */
export async function createPosKey(
  ctx: Ctx,
  tillId: string,
  input: { name?: string | undefined; mode?: 'test' | 'live' | undefined },
): Promise<{ key: ApiKey; secret: string }> {
  // A till is of one world (decisions §23): a live till's keys are live keys, a test till's test keys.
  const live = await merchantLivemode(ctx, tenantOf(ctx));
  const mode = input.mode ?? (live ? 'live' : 'test');
  if ((mode === 'live') !== live) {
    throw new AppError(
      'invalid_request',
      `This till is in the ${live ? 'live' : 'test'} world: its POS keys are ${live ? 'live' : 'test'} keys`,
      {
        param: 'mode',
      },
    );
  }
  return inTransaction(ctx, async (tx) => {
    const till = await getTill(tx, tillId);
    const store = await getStore(tx, till.storeId);
    if (!till.active || !store.active) {
      throw new AppError('invalid_state', 'This till or its store is closed: reopen it to issue a POS key');
    }
    return createApiKey(tx, {
      name: input.name ?? `POS ${store.name} / ${till.name}`,
      mode,
      scopes: ['instore:write'],
      till_id: till.id,
    });
  });
}
