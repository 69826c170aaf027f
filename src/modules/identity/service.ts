// Accounts, sign-in and credentials. Passwords are scrypt hashes; session tokens and API
// keys are random and stored only as SHA-256 hashes (they are high-entropy, so a fast
// hash is enough and keeps authentication off the CPU budget).
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import {
  type Ctx,
  inTransaction,
  MERCHANT_ROLES,
  type MerchantRole,
  now,
  OPERATOR_ROLES,
  type OperatorRole,
  type Principal,
  type Runtime,
  tenantOf,
} from '../../kernel/context.ts';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../../kernel/crypto.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { Credential } from '../../kernel/http/server.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { newId } from '../../kernel/ids.ts';
import { assertLiveWorld, merchantLivemode } from '../../kernel/livemode.ts';
import { credentialsActive } from '../merchants/rules.ts';
import { merchants } from '../merchants/schema.ts';
import { ensureTestTwin, testTwinOf } from '../merchants/test-twin.ts';
import { checkPasswordPolicy } from './rules.ts';
import { apiKeys, sessions, shoppers, staffUsers } from './schema.ts';

export type StaffUser = typeof staffUsers.$inferSelect;
export type Shopper = typeof shoppers.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export const SESSION_COOKIE = 'tasman_session';
/** Failed sign-ins allowed before the account is slowed down. */
export const FREE_FAILED_SIGN_INS = 5;
/** How long a failed sign-in counts towards the slow-down. */
export const FAILURE_MEMORY_MS = 3_600_000;

function assertPassword(pw: string): void {
  const r = checkPasswordPolicy(pw);
  if (!r.ok) throw new AppError('weak_password', r.message, { param: 'password' });
}

const normEmail = (e: string) => e.trim().toLowerCase();

function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

async function insertUnique<T>(param: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('already_exists', `${what} already exists`, { param });
    throw err;
  }
}

// --- staff -------------------------------------------------------------------------

export interface NewStaff {
  email: string;
  name: string;
  password: string;
}

export async function createOperator(ctx: Ctx, input: NewStaff & { role: OperatorRole }): Promise<StaffUser> {
  if (!OPERATOR_ROLES.includes(input.role))
    throw new AppError('invalid_request', `Unknown operator role '${input.role}'`, { param: 'role' });
  assertPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [user] = await insertUnique('email', 'A staff account with this email', () =>
      tx.db
        .insert(staffUsers)
        .values({
          id: newId('operator'),
          kind: 'operator',
          email: normEmail(input.email),
          name: input.name,
          role: input.role,
          passwordHash,
          createdAt: t,
          updatedAt: t,
        })
        .returning(),
    );
    if (!user) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'operator.created',
      objectType: 'staff_user',
      objectId: user.id,
      data: { email: user.email, role: user.role },
    });
    return user;
  });
}

export async function createMerchantStaff(ctx: Ctx, input: NewStaff & { merchantId: string; role: MerchantRole }): Promise<StaffUser> {
  if (!MERCHANT_ROLES.includes(input.role))
    throw new AppError('invalid_request', `Unknown merchant role '${input.role}'`, { param: 'role' });
  await assertLiveWorld(ctx, 'Staff');
  const p = ctx.principal;
  // A manager may add staff and managers, never an owner; only owners (or the operator) make owners.
  if (p.kind === 'merchant' && p.merchantId === input.merchantId && input.role === 'owner' && p.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can add another owner', { param: 'role' });
  }
  assertPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [user] = await insertUnique('email', 'A staff account with this email', () =>
      tx.db
        .insert(staffUsers)
        .values({
          id: newId('staff'),
          kind: 'merchant',
          merchantId: input.merchantId,
          email: normEmail(input.email),
          name: input.name,
          role: input.role,
          passwordHash,
          createdAt: t,
          updatedAt: t,
        })
        .returning(),
    );
    if (!user) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'staff.created',
      objectType: 'staff_user',
      objectId: user.id,
      merchantId: input.merchantId,
      data: { email: user.email, role: user.role },
    });
    return user;
  });
}

export function listOperators(ctx: Ctx, q: ListQuery): Promise<Page<StaffUser>> {
  return listPage(ctx.db, staffUsers, staffUsers.id, eq(staffUsers.kind, 'operator'), q, 'operator');
}

export function listMerchantStaff(ctx: Ctx, q: ListQuery): Promise<Page<StaffUser>> {
  return listPage(ctx.db, staffUsers, staffUsers.id, eq(staffUsers.merchantId, tenantOf(ctx)), q, 'staff');
}

// --- shoppers ------------------------------------------------------------------------

export async function signUpShopper(
  ctx: Ctx,
  input: { email: string; name: string; password: string; country: 'CN' | 'AU' | 'NZ'; locale?: string | undefined },
): Promise<Shopper> {
  assertPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [shopper] = await insertUnique('email', 'An account with this email', () =>
      tx.db
        .insert(shoppers)
        .values({
          id: newId('shopper'),
          email: normEmail(input.email),
          name: input.name,
          country: input.country,
          locale: input.locale ?? (input.country === 'CN' ? 'zh-CN' : 'en'),
          passwordHash,
          createdAt: t,
          updatedAt: t,
        })
        .returning(),
    );
    if (!shopper) throw new Error('insert returned nothing');
    return shopper;
  });
}

/**
 * A test-mode shopper (decisions §23): made by the test helpers for one test order of a merchant's
 * test twin, it buys from that twin only (orders/cart.ts), cannot sign in (its password is random
 * and never shown) and has a sandbox address on the `.invalid` domain.
 */
export async function createTestShopper(ctx: Ctx, input: { country: 'CN' | 'AU' | 'NZ'; testMerchantId: string }): Promise<Shopper> {
  const id = newId('shopper');
  const t = now(ctx);
  const [shopper] = await ctx.db
    .insert(shoppers)
    .values({
      id,
      email: `${id}@test.tasman.invalid`,
      name: input.country === 'CN' ? '测试买家' : 'Test Shopper',
      country: input.country,
      locale: input.country === 'CN' ? 'zh-CN' : 'en',
      passwordHash: await hashPassword(randomToken(24)),
      createdAt: t,
      updatedAt: t,
      testMerchantId: input.testMerchantId,
    })
    .returning();
  if (!shopper) throw new Error('insert returned nothing');
  return shopper;
}

// --- sign-in ---------------------------------------------------------------------------

export type Realm = 'staff' | 'shopper';

/** Seconds an account stays slowed after `failures` failed sign-ins in a row. */
export function lockoutSeconds(failures: number): number {
  if (failures < FREE_FAILED_SIGN_INS) return 0;
  return Math.min(15 * 60, 2 ** (failures - FREE_FAILED_SIGN_INS) * 30);
}

// A real hash, so signing in with an unknown email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export interface SignInResult {
  token: string;
  session: Session;
  principal: Principal;
}

export async function signIn(
  ctx: Ctx,
  input: { realm: Realm; email: string; password: string; userAgent?: string | undefined },
): Promise<SignInResult> {
  const table = input.realm === 'staff' ? staffUsers : shoppers;
  const [account] = await ctx.db
    .select()
    .from(table)
    .where(sql`lower(${table.email}) = ${normEmail(input.email)}`);
  const t = now(ctx);
  if (!account) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verifyPassword(input.password, await dummyHash);
    throw new AppError('invalid_credentials', 'Email or password is wrong');
  }
  if (account.lockedUntil && account.lockedUntil > t) {
    const retry = Math.ceil((account.lockedUntil.getTime() - t.getTime()) / 1000);
    throw new AppError('too_many_attempts', `Too many failed sign-ins; try again in ${retry} s`, { details: { retry_after_s: retry } });
  }
  const ok = await verifyPassword(input.password, account.passwordHash);
  if (!ok) {
    // Count in the database, not from the row read before the (slow) hash check: guesses
    // sent in parallel would otherwise all write the same count and never lock the account.
    // Failures older than FAILURE_MEMORY_MS are forgotten: a few typos last month must not
    // make today's first typo lock the account.
    const forgetBefore = new Date(t.getTime() - FAILURE_MEMORY_MS);
    const [row] = await ctx.db
      .update(table)
      .set({
        failedSignIns: sql`case when ${table.lastFailedSignInAt} is null or ${table.lastFailedSignInAt} < ${forgetBefore} then 1 else ${table.failedSignIns} + 1 end`,
        lastFailedSignInAt: t,
      })
      .where(eq(table.id, account.id))
      .returning({ failures: table.failedSignIns });
    const lock = lockoutSeconds(row?.failures ?? account.failedSignIns + 1);
    if (lock) {
      const until = new Date(t.getTime() + lock * 1000);
      // Only ever extend: a slower request with a lower count must not shorten the lock.
      await ctx.db
        .update(table)
        .set({ lockedUntil: until })
        .where(and(eq(table.id, account.id), or(isNull(table.lockedUntil), lt(table.lockedUntil, until))));
    }
    throw new AppError('invalid_credentials', 'Email or password is wrong');
  }
  if (account.status !== 'active') throw new AppError('invalid_credentials', 'This account is disabled');
  const principal = await principalForSubject(ctx, input.realm, account.id);
  if (!principal) throw new AppError('invalid_credentials', 'This account cannot sign in');
  const token = randomToken(32);
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(table).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: t }).where(eq(table.id, account.id));
    const [session] = await tx.db
      .insert(sessions)
      .values({
        id: newId('session'),
        tokenHash: sha256Hex(token),
        subjectKind: input.realm,
        subjectId: account.id,
        createdAt: t,
        expiresAt: new Date(t.getTime() + tx.rt.config.SESSION_TTL_HOURS * 3_600_000),
        ip: tx.ip ?? null,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      })
      .returning();
    if (!session) throw new Error('insert returned nothing');
    const withSession = { ...principal, sessionId: session.id } as Principal;
    if (input.realm === 'staff') {
      await recordAudit({ ...tx, principal: withSession }, { action: 'session.created', objectType: 'session', objectId: session.id });
    }
    return { token, session, principal: withSession };
  });
}

export async function signOut(ctx: Ctx): Promise<void> {
  const p = ctx.principal;
  if (p.kind !== 'operator' && p.kind !== 'merchant' && p.kind !== 'shopper') {
    throw new AppError('invalid_request', 'Only a sign-in session can be signed out');
  }
  await ctx.db
    .update(sessions)
    .set({ revokedAt: now(ctx) })
    .where(eq(sessions.id, p.sessionId));
  authCache(ctx.rt).dropWhere((c) => 'sessionId' in c && c.sessionId === p.sessionId);
}

async function principalForSubject(ctx: Ctx, realm: Realm, id: string): Promise<Principal | undefined> {
  if (realm === 'shopper') {
    const [s] = await ctx.db
      .select()
      .from(shoppers)
      .where(and(eq(shoppers.id, id), eq(shoppers.status, 'active')));
    return s ? { kind: 'shopper', id: s.id, country: s.country, sessionId: '' } : undefined;
  }
  const [u] = await ctx.db
    .select({ user: staffUsers, merchantStatus: merchants.status })
    .from(staffUsers)
    .leftJoin(merchants, eq(merchants.id, staffUsers.merchantId))
    .where(and(eq(staffUsers.id, id), eq(staffUsers.status, 'active')));
  if (!u) return undefined;
  if (u.user.kind === 'operator') return { kind: 'operator', id: u.user.id, role: u.user.role as OperatorRole, sessionId: '' };
  if (!u.user.merchantId || !(u.merchantStatus !== null && credentialsActive(u.merchantStatus))) return undefined;
  return { kind: 'merchant', id: u.user.id, merchantId: u.user.merchantId, role: u.user.role as MerchantRole, sessionId: '' };
}

// --- authentication of each request ----------------------------------------------------

// Every API call would otherwise cost a database round trip before any work. Entries live
// a few seconds; a revocation in this process drops them at once, other processes see it
// within AUTH_CACHE_MS (docs/operations.md).
const AUTH_CACHE_MS = 5_000;

class AuthCache {
  readonly #map = new Map<string, { principal: Principal; until: number; expiresAt: number | undefined }>();
  /** `at`: the platform's time. An entry lasts AUTH_CACHE_MS of real time, and never past its session's expiry on the platform clock. */
  get(hash: string, at: Date): Principal | undefined {
    const e = this.#map.get(hash);
    if (!e) return undefined;
    if (e.until < Date.now() || (e.expiresAt !== undefined && e.expiresAt <= at.getTime())) {
      this.#map.delete(hash);
      return undefined;
    }
    return e.principal;
  }
  /** `expiresAt`: a session's expiry (platform clock); API keys have none. */
  set(hash: string, principal: Principal, expiresAt?: Date): void {
    if (this.#map.size > 10_000) this.#map.clear();
    this.#map.set(hash, { principal, until: Date.now() + AUTH_CACHE_MS, expiresAt: expiresAt?.getTime() });
  }
  dropWhere(pred: (p: Principal) => boolean): void {
    for (const [k, e] of this.#map) if (pred(e.principal)) this.#map.delete(k);
  }
}
const caches = new WeakMap<Runtime, AuthCache>();
function authCache(rt: Runtime): AuthCache {
  let c = caches.get(rt);
  if (!c) {
    c = new AuthCache();
    caches.set(rt, c);
  }
  return c;
}

const API_KEY_RE = /^sk_(test|live)_[A-Za-z0-9_-]{20,100}$/;

export async function authenticate(rt: Runtime, credential: Credential): Promise<Principal> {
  const token = credential.token;
  const isKey = token.startsWith('sk_');
  if (isKey && !API_KEY_RE.test(token)) throw new AppError('invalid_api_key', 'This API key is malformed');
  if (!token || token.length > 200) throw new AppError(isKey ? 'invalid_api_key' : 'session_expired', 'Invalid credentials');
  const hash = sha256Hex(token);
  const cache = authCache(rt);
  const t = rt.clock.now();
  const hit = cache.get(hash, t);
  if (hit) return hit;
  const db = rt.database.db;
  let principal: Principal | undefined;
  if (isKey) {
    const [row] = await db
      .select({ key: apiKeys, merchantStatus: merchants.status, liveMerchantId: merchants.liveMerchantId })
      .from(apiKeys)
      .innerJoin(merchants, eq(merchants.id, apiKeys.merchantId))
      .where(and(eq(apiKeys.tokenHash, hash), isNull(apiKeys.revokedAt)));
    // A test key acts as the merchant's test twin, whose own status is always `approved`: the
    // live merchant's status decides whether its keys work (decisions §23).
    const [live] = row?.liveMerchantId
      ? await db.select({ status: merchants.status }).from(merchants).where(eq(merchants.id, row.liveMerchantId))
      : [row ? { status: row.merchantStatus } : undefined];
    if (!row || !live || !credentialsActive(live.status))
      throw new AppError('invalid_api_key', 'This API key is not valid (revoked, or unknown)');
    principal = { kind: 'api_key', id: row.key.id, merchantId: row.key.merchantId, mode: row.key.mode, scopes: row.key.scopes };
    if (row.liveMerchantId) principal.liveMerchantId = row.liveMerchantId;
    if (row.key.tillId) principal.tillId = row.key.tillId;
    if (!row.key.lastUsedAt || t.getTime() - row.key.lastUsedAt.getTime() > 60_000) {
      await db.update(apiKeys).set({ lastUsedAt: t }).where(eq(apiKeys.id, row.key.id));
    }
  } else {
    const [s] = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tokenHash, hash), isNull(sessions.revokedAt), gt(sessions.expiresAt, t)));
    if (!s) throw new AppError('session_expired', 'Your session has expired or was signed out; sign in again');
    const ctx = { rt, db, principal: { kind: 'system', id: 'auth' }, requestId: undefined, ip: undefined, log: rt.log, inTx: false } as Ctx;
    const base = await principalForSubject(ctx, s.subjectKind, s.subjectId);
    if (!base) throw new AppError('session_expired', 'This account can no longer sign in');
    principal = { ...base, sessionId: s.id } as Principal;
    cache.set(hash, principal, s.expiresAt);
    return principal;
  }
  cache.set(hash, principal);
  return principal;
}

// --- API keys ------------------------------------------------------------------------

export async function createApiKey(
  ctx: Ctx,
  input: {
    name: string;
    mode: 'test' | 'live';
    scopes: string[];
    /** A POS key's till; the in-store context checks the till is the merchant's before it asks. */
    till_id?: string | undefined;
  },
): Promise<{ key: ApiKey; secret: string }> {
  const merchantId = await keyWorld(ctx, input.mode);
  const secret = `sk_${input.mode}_${randomToken(24)}`;
  return inTransaction(ctx, async (tx) => {
    const [key] = await tx.db
      .insert(apiKeys)
      .values({
        id: newId('apiKey'),
        merchantId,
        name: input.name,
        mode: input.mode,
        tokenHash: sha256Hex(secret),
        last4: secret.slice(-4),
        scopes: input.scopes,
        tillId: input.till_id ?? null,
        createdBy: ctx.principal.kind === 'merchant' ? ctx.principal.id : null,
        createdAt: now(tx),
      })
      .returning();
    if (!key) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'api_key.created',
      objectType: 'api_key',
      objectId: key.id,
      data: { name: key.name, mode: key.mode, scopes: key.scopes, ...(key.tillId ? { till_id: key.tillId } : {}) },
    });
    return { key, secret };
  });
}

/**
 * The merchant a new key of this mode acts as: a live key the live merchant, a test key its test
 * twin (made on first use). A test-world principal can't make live keys.
 */
async function keyWorld(ctx: Ctx, mode: 'test' | 'live'): Promise<string> {
  const tenant = tenantOf(ctx);
  const live = await merchantLivemode(ctx, tenant);
  if (!live) {
    if (mode === 'live') throw new AppError('forbidden', 'Test-mode credentials can only make test keys', { param: 'mode' });
    return tenant;
  }
  return mode === 'live' ? tenant : (await ensureTestTwin(ctx, tenant)).id;
}

/**
 * Whose keys a principal sees: the owner's and managers' live session both worlds' (they manage the
 * account's keys); a key, or the console in test mode, only its own world's.
 */
async function keyOwners(ctx: Ctx): Promise<string[]> {
  const tenant = tenantOf(ctx);
  if (ctx.principal.kind !== 'merchant' || !(await merchantLivemode(ctx, tenant))) return [tenant];
  const twin = await testTwinOf(ctx, tenant);
  return twin ? [tenant, twin] : [tenant];
}

export async function listApiKeys(ctx: Ctx, q: ListQuery): Promise<Page<ApiKey>> {
  return listPage(ctx.db, apiKeys, apiKeys.id, inArray(apiKeys.merchantId, await keyOwners(ctx)), q, 'apiKey');
}

export async function getApiKey(ctx: Ctx, id: string): Promise<ApiKey> {
  const [key] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), inArray(apiKeys.merchantId, await keyOwners(ctx))));
  if (!key) throw notFound('api_key', id);
  return key;
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKey> {
  const key = await inTransaction(ctx, async (tx) => {
    const existing = await getApiKey(tx, id);
    if (existing.revokedAt) return existing;
    const [key] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: now(tx) })
      .where(eq(apiKeys.id, existing.id))
      .returning();
    if (!key) throw new Error('update returned nothing');
    await recordAudit(tx, { action: 'api_key.revoked', objectType: 'api_key', objectId: key.id });
    return key;
  });
  authCache(ctx.rt).dropWhere((p) => p.kind === 'api_key' && p.id === id);
  return key;
}

export async function getStaffUser(ctx: Ctx, id: string): Promise<StaffUser | undefined> {
  const [u] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, id));
  return u;
}

export async function getShopper(ctx: Ctx, id: string): Promise<Shopper> {
  const [s] = await ctx.db.select().from(shoppers).where(eq(shoppers.id, id));
  if (!s) throw notFound('shopper', id);
  return s;
}

/** Drop sessions that ended more than 30 days ago (maintenance job). */
export async function purgeExpiredSessions(ctx: Ctx): Promise<void> {
  await ctx.db.delete(sessions).where(lt(sessions.expiresAt, new Date(now(ctx).getTime() - 30 * 86_400_000)));
}

/** Forget cached credentials of a merchant whose status changed (suspension takes effect now here). */
export function forgetMerchantCredentials(rt: Runtime, merchantId: string): void {
  authCache(rt).dropWhere(
    (p) => (p.kind === 'merchant' || p.kind === 'api_key') && (p.merchantId === merchantId || p.liveMerchantId === merchantId),
  );
}
