// Identity through the real server: sign-in and its cookie, slowing down after failed
// attempts, sessions and their expiry, shopper sign-up, real-name verification (PRODUCT.md
// X3) with the ID number encrypted at rest, scoped API keys, staff and operator roles,
// the effect of a merchant suspension, and the audit trail (PRODUCT.md X5).
//
// The in-process auth cache keeps a resolved credential for 5 s of *real* time, whatever
// the ManualClock says. Tests that expect a credential to stop working therefore use a
// credential for the first time after the change (expiry, suspension), or rely on the
// explicit cache drop that sign-out and revocation do in this process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/kernel/crypto.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { FAILURE_MEMORY_MS, FREE_FAILED_SIGN_INS, lockoutSeconds } from '../../src/modules/identity/service.ts';
import { getIdentity, identityIndex, revealIdNumber } from '../../src/modules/identity/verification.ts';
import {
  call,
  createMerchant,
  createShopper,
  DEMO_PASSWORD,
  type MerchantFixture,
  type Res,
  signIn,
  uniqueEmail,
} from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const TTL_HOURS = 24;

let p: TestPlatform;
/** Email of the first admin operator (made through the CLI path, as in production). */
let adminEmail: string;
let admin: string;
let adminId: string;

beforeAll(async () => {
  p = await startPlatform({ env: { SESSION_TTL_HOURS: String(TTL_HOURS) } });
  const { createOperator } = await import('../../src/modules/identity/service.ts');
  adminEmail = uniqueEmail('admin');
  const op = await createOperator(p.ctx(), { email: adminEmail, name: 'Ada Admin', role: 'admin', password: DEMO_PASSWORD });
  adminId = op.id;
  admin = await signIn(p, 'staff', adminEmail);
});
afterAll(() => p?.close());

// --- helpers --------------------------------------------------------------------------

/** A response with its body read loosely, as `call` returns it. */
// biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely on purpose
type AnyRes = Res<any>;

function expectError(res: AnyRes, status: number, code: string, param?: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.request_id).toMatch(/^req_/);
  if (param !== undefined) expect(res.body.error.param).toBe(param);
}

const signInRaw = (realm: 'staff' | 'shopper', email: string, password = DEMO_PASSWORD, target = p) =>
  call(target, 'POST', '/v1/sessions', { body: { realm, email, password } });

function setCookies(res: AnyRes): string[] {
  const raw = res.headers['set-cookie'];
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [String(raw)];
}

function sessionCookie(res: AnyRes): { value: string; attributes: string[] } {
  const c = setCookies(res).find((s) => s.startsWith('tasman_session='));
  if (!c) throw new Error(`no tasman_session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  const [pair = '', ...attributes] = c.split(/;\s*/);
  return { value: decodeURIComponent(pair.slice('tasman_session='.length)), attributes };
}

/** A resident ID number with a correct ISO 7064 MOD 11-2 check character. */
const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

/** Every value of every row, as text: for "the secret is nowhere in this table" checks. */
async function tableText(sql: string, params: unknown[] = []): Promise<string[]> {
  const rows = await p.database.query(sql, params);
  expect(rows.length).toBeGreaterThan(0);
  return rows.flatMap((r) =>
    Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v))),
  );
}

async function auditEvents(action: string, objectId?: string, token = admin) {
  const q = new URLSearchParams({ action, limit: '100' });
  if (objectId) q.set('object_id', objectId);
  const r = await call(p, 'GET', `/v1/audit-events?${q}`, { token });
  expect(r.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
  return r.body.data as any[];
}

async function newShopperAccount(country: 'CN' | 'AU' | 'NZ' = 'CN'): Promise<string> {
  const email = uniqueEmail('shopper');
  const r = await call(p, 'POST', '/v1/shoppers', { body: { email, name: 'Li Wei', password: DEMO_PASSWORD, country } });
  expect(r.status).toBe(201);
  return email;
}

async function newOperatorAccount(
  role: 'admin' | 'operations' | 'finance' | 'support' = 'support',
): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(`op-${role}`);
  const r = await call(p, 'POST', '/v1/operators', {
    token: admin,
    body: { email, name: `Operator ${role}`, role, password: DEMO_PASSWORD },
  });
  expect(r.status).toBe(201);
  return { id: r.body.id, email };
}

/** A key of the merchant's: live unless the body says (a test key acts in the test world, decisions §23). */
async function newApiKey(owner: string, body: Record<string, unknown> = { name: 'k' }) {
  const r = await call(p, 'POST', '/v1/api-keys', { token: owner, body: { mode: 'live', ...body } });
  expect(r.status).toBe(201);
  return { id: r.body.id as string, secret: r.body.secret as string, res: r };
}

// --- sign-in ----------------------------------------------------------------------------

describe('sign-in', () => {
  let merchant: MerchantFixture;
  let shopperEmail: string;
  beforeAll(async () => {
    merchant = await createMerchant(p, admin);
    shopperEmail = await newShopperAccount();
  });

  it.each([
    ['staff', () => merchant.ownerEmail, 'merchant'],
    ['shopper', () => shopperEmail, 'shopper'],
  ] as const)('%s: 201 with a token and an HttpOnly, SameSite=Lax, Path=/ session cookie', async (realm, email, kind) => {
    const t0 = p.clock.now().getTime();
    const r = await signInRaw(realm, email());
    expect(r.status).toBe(201);
    expect(r.body.object).toBe('session');
    expect(r.body.id).toMatch(/^ses_/);
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(new Date(r.body.expires_at).getTime()).toBe(t0 + TTL_HOURS * 3_600_000);
    expect(r.body.principal.kind).toBe(kind);

    const cookie = sessionCookie(r);
    expect(cookie.value).toBe(r.body.token);
    const attrs = cookie.attributes.map((a) => a.toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    expect(attrs).toContain(`max-age=${TTL_HOURS * 3600}`);
    // SECURE_COOKIES defaults to false (plain-HTTP laptop demo).
    expect(attrs).not.toContain('secure');
  });

  it.each([
    ['staff', () => merchant.ownerEmail, 'merchant'],
    ['shopper', () => shopperEmail, 'shopper'],
  ] as const)('%s: the cookie alone authenticates, and so does the bearer token', async (realm, email, kind) => {
    const r = await signInRaw(realm, email());
    const { value } = sessionCookie(r);

    const byCookie = await call(p, 'GET', '/v1/me', { headers: { cookie: `tasman_session=${value}` } });
    expect(byCookie.status).toBe(200);
    expect(byCookie.body).toMatchObject({ object: 'principal', kind, id: r.body.principal.id });

    const byBearer = await call(p, 'GET', '/v1/me', { token: r.body.token });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toMatchObject({ kind, id: r.body.principal.id });
    if (kind === 'merchant') expect(byBearer.body.merchant_id).toBe(merchant.id);

    // A cookie of another name is not a credential.
    expectError(await call(p, 'GET', '/v1/me', { headers: { cookie: `session=${value}` } }), 401, 'authentication_required');
  });

  it('email is matched case-insensitively', async () => {
    const r = await signInRaw('shopper', `  ${shopperEmail.toUpperCase()}`.trim());
    expect(r.status).toBe(201);
  });

  it('wrong password and unknown email both → 401 invalid_credentials with the same message', async () => {
    const wrong = await signInRaw('staff', merchant.ownerEmail, 'not-the-password-1');
    const unknown = await signInRaw('staff', uniqueEmail('nobody'), 'not-the-password-1');
    expectError(wrong, 401, 'invalid_credentials');
    expectError(unknown, 401, 'invalid_credentials');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.body.error.type).toBe('authentication_error');
    expect(unknown.body.error.type).toBe('authentication_error');
    expect(setCookies(wrong).some((c) => c.startsWith('tasman_session='))).toBe(false);
    // Clear the failure so later tests start from zero.
    expect((await signInRaw('staff', merchant.ownerEmail)).status).toBe(201);
  });

  it('the realm matters: a shopper cannot sign in as staff, nor staff as a shopper', async () => {
    expectError(await signInRaw('staff', shopperEmail), 401, 'invalid_credentials');
    expectError(await signInRaw('shopper', merchant.ownerEmail), 401, 'invalid_credentials');
  });

  it('an unknown realm is a validation error', async () => {
    expectError(
      await call(p, 'POST', '/v1/sessions', { body: { realm: 'admin', email: adminEmail, password: DEMO_PASSWORD } }),
      400,
      'invalid_request',
      'realm',
    );
  });

  it('no secret reaches the logs: passwords, session tokens, cookies', async () => {
    const r = await signInRaw('staff', merchant.ownerEmail);
    const token = r.body.token as string;
    await call(p, 'GET', '/v1/me', { token });
    await call(p, 'GET', '/v1/me', { headers: { cookie: `tasman_session=${token}` } });
    const logs = p.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(DEMO_PASSWORD);
  });
});

// --- slowing down -----------------------------------------------------------------------

describe('slowing down after failed sign-ins', () => {
  it.each([
    [0, 0],
    [1, 0],
    [FREE_FAILED_SIGN_INS - 1, 0],
    [FREE_FAILED_SIGN_INS, 30],
    [FREE_FAILED_SIGN_INS + 1, 60],
    [FREE_FAILED_SIGN_INS + 2, 120],
    [FREE_FAILED_SIGN_INS + 4, 480],
    // 2^5 × 30 = 960 s is capped at 15 minutes.
    [FREE_FAILED_SIGN_INS + 5, 900],
    [FREE_FAILED_SIGN_INS + 30, 900],
  ])('lockoutSeconds(%i) = %i', (failures, seconds) => {
    expect(FREE_FAILED_SIGN_INS).toBe(5);
    expect(lockoutSeconds(failures)).toBe(seconds);
  });

  it.each(['staff', 'shopper'] as const)(
    '%s: the 6th attempt after 5 failures → 429 even with the right password; it clears after the lock',
    async (realm) => {
      const email = realm === 'staff' ? (await newOperatorAccount()).email : await newShopperAccount();
      for (let i = 0; i < FREE_FAILED_SIGN_INS; i++) {
        expectError(await signInRaw(realm, email, `wrong-password-${i}x`), 401, 'invalid_credentials');
      }
      const locked = await signInRaw(realm, email);
      expectError(locked, 429, 'too_many_attempts');
      expect(locked.body.error.type).toBe('rate_limit_error');
      expect(locked.body.error.retry_after_s).toBe(30);
      expect(locked.headers['retry-after']).toBe('30');
      expect(setCookies(locked).some((c) => c.startsWith('tasman_session='))).toBe(false);

      // Time counts down on the platform clock.
      p.clock.advance(20_000);
      const still = await signInRaw(realm, email);
      expectError(still, 429, 'too_many_attempts');
      expect(still.body.error.retry_after_s).toBe(10);
      expect(still.headers['retry-after']).toBe('10');

      p.clock.advance(10_001);
      expect((await signInRaw(realm, email)).status).toBe(201);

      // The counter was reset by the success: 4 more failures do not lock (a stale count of 5 would).
      for (let i = 0; i < FREE_FAILED_SIGN_INS - 1; i++) {
        expectError(await signInRaw(realm, email, `wrong-password-${i}y`), 401, 'invalid_credentials');
      }
      expect((await signInRaw(realm, email)).status).toBe(201);
    },
  );

  it('failures past the free ones escalate the lock', async () => {
    const email = await newShopperAccount();
    for (let i = 0; i < FREE_FAILED_SIGN_INS; i++) await signInRaw('shopper', email, `wrong-password-${i}z`);
    p.clock.advance(30_001);
    // Lock over; one more failure (the 6th in a row) → 60 s.
    expectError(await signInRaw('shopper', email, 'wrong-password-6z'), 401, 'invalid_credentials');
    const locked = await signInRaw('shopper', email);
    expectError(locked, 429, 'too_many_attempts');
    expect(locked.body.error.retry_after_s).toBe(60);
    p.clock.advance(60_001);
    expect((await signInRaw('shopper', email)).status).toBe(201);
  });

  it('parallel wrong guesses are all counted (no lost updates between read and write)', async () => {
    const email = await newShopperAccount();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => signInRaw('shopper', email, `wrong-password-${i}p`)));
    for (const r of burst) expect([401, 429]).toContain(r.status);
    // However the burst interleaved, at least 6 failures were counted, so the lock is past
    // the first step (30 s); a counter that lost updates would let the right password in.
    const locked = await signInRaw('shopper', email);
    expectError(locked, 429, 'too_many_attempts');
    expect(locked.body.error.retry_after_s).toBeGreaterThan(30);
  });

  it('failures older than an hour are forgotten; recent ones still add up', async () => {
    const email = await newShopperAccount();
    for (let i = 0; i < FREE_FAILED_SIGN_INS - 1; i++) await signInRaw('shopper', email, `wrong-password-${i}m`);
    p.clock.advance(FAILURE_MEMORY_MS + 1);
    // The 5th failure in a row, but the first within the hour: no lock.
    expectError(await signInRaw('shopper', email, 'wrong-password-late'), 401, 'invalid_credentials');
    expect((await signInRaw('shopper', email)).status).toBe(201);

    // Within the hour they add up as before.
    for (let i = 0; i < FREE_FAILED_SIGN_INS - 1; i++) await signInRaw('shopper', email, `wrong-password-${i}n`);
    p.clock.advance(FAILURE_MEMORY_MS - 60_000);
    expectError(await signInRaw('shopper', email, 'wrong-password-in-time'), 401, 'invalid_credentials');
    expectError(await signInRaw('shopper', email), 429, 'too_many_attempts');
  });

  it('one account being slowed down does not slow down another', async () => {
    const a = await newShopperAccount();
    const b = await newShopperAccount();
    for (let i = 0; i < FREE_FAILED_SIGN_INS; i++) await signInRaw('shopper', a, `wrong-password-${i}w`);
    expectError(await signInRaw('shopper', a), 429, 'too_many_attempts');
    expect((await signInRaw('shopper', b)).status).toBe(201);
  });
});

// --- sessions -----------------------------------------------------------------------------

describe('sessions', () => {
  it('DELETE /v1/sessions/current signs out: the token then → 401 session_expired; other sessions live on', async () => {
    const email = await newShopperAccount();
    const a = await signIn(p, 'shopper', email);
    const b = await signIn(p, 'shopper', email);
    // Use it first, so the in-process cache holds it: sign-out must drop it from there too.
    expect((await call(p, 'GET', '/v1/me', { token: a })).status).toBe(200);

    const out = await call(p, 'DELETE', '/v1/sessions/current', { token: a });
    expect(out.status).toBe(204);
    const cleared = setCookies(out).find((c) => c.startsWith('tasman_session='));
    expect(cleared).toMatch(/^tasman_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);

    expectError(await call(p, 'GET', '/v1/me', { token: a }), 401, 'session_expired');
    expectError(await call(p, 'GET', '/v1/me', { headers: { cookie: `tasman_session=${a}` } }), 401, 'session_expired');
    expect((await call(p, 'GET', '/v1/me', { token: b })).status).toBe(200);
  });

  it('signing out with the cookie alone works', async () => {
    const r = await signInRaw('staff', (await newOperatorAccount()).email);
    const cookie = `tasman_session=${sessionCookie(r).value}`;
    expect((await call(p, 'DELETE', '/v1/sessions/current', { headers: { cookie } })).status).toBe(204);
    expectError(await call(p, 'GET', '/v1/me', { headers: { cookie } }), 401, 'session_expired');
  });

  it('an API key cannot sign out (it is not a session)', async () => {
    const m = await createMerchant(p, admin, 'Signout Probe');
    expectError(await call(p, 'DELETE', '/v1/sessions/current', { token: m.apiKey }), 403, 'forbidden');
  });

  it('session tokens are stored only as hashes', async () => {
    const email = await newShopperAccount();
    const r = await signInRaw('shopper', email);
    const values = await tableText('select * from sessions where id = $1', [r.body.id]);
    for (const v of values) expect(v).not.toContain(r.body.token);
    expect(values).toContain(sha256Hex(r.body.token));
  });

  it('a session expires after SESSION_TTL_HOURS (platform clock)', async () => {
    // Its own platform: moving this clock by hours would expire every other session in the file.
    const q = await startPlatform({ env: { SESSION_TTL_HOURS: '2' } });
    try {
      const email = uniqueEmail('ttl');
      expect(
        (await call(q, 'POST', '/v1/shoppers', { body: { email, name: 'Li Wei', password: DEMO_PASSWORD, country: 'CN' } })).status,
      ).toBe(201);
      // Two sessions made at the same instant, each used for the first time at a different
      // moment, so neither answer can come from the (real-time) auth cache.
      const beforeExpiry = await signIn(q, 'shopper', email);
      const afterExpiry = await signIn(q, 'shopper', email);

      q.clock.advance(2 * 3_600_000 - 1_000);
      expect((await call(q, 'GET', '/v1/me', { token: beforeExpiry })).status).toBe(200);

      q.clock.advance(2_000);
      const r = await call(q, 'GET', '/v1/me', { token: afterExpiry });
      expectError(r, 401, 'session_expired');
      expect(r.body.error.type).toBe('authentication_error');
      // A session answered from the auth cache a moment ago expires on the platform's clock too,
      // not only after the cache's few seconds of real time.
      const cached = await signIn(q, 'shopper', email);
      expect((await call(q, 'GET', '/v1/me', { token: cached })).status).toBe(200);
      q.clock.advance(2 * 3_600_000 + 1_000);
      expectError(await call(q, 'GET', '/v1/me', { token: cached }), 401, 'session_expired');
      // Signing in again still works.
      expect((await signInRaw('shopper', email, DEMO_PASSWORD, q)).status).toBe(201);
    } finally {
      await q.close();
    }
  });
});

// --- shopper sign-up -------------------------------------------------------------------

describe('shopper sign-up', () => {
  it('201 with the shopper, normalised email and a locale from the country; no hash in the response', async () => {
    const email = uniqueEmail('Signup').replace('signup', 'SignUp');
    const r = await call(p, 'POST', '/v1/shoppers', { body: { email, name: 'Li Wei', password: DEMO_PASSWORD, country: 'CN' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ object: 'shopper', email: email.toLowerCase(), name: 'Li Wei', country: 'CN', locale: 'zh-CN' });
    expect(r.body.id).toMatch(/^shp_/);
    expect(r.raw).not.toContain('scrypt');
    expect(r.raw).not.toContain(DEMO_PASSWORD);

    const au = await call(p, 'POST', '/v1/shoppers', {
      body: { email: uniqueEmail('au'), name: 'Jack Smith', password: DEMO_PASSWORD, country: 'AU' },
    });
    expect(au.body.locale).toBe('en');
    expect((await signInRaw('shopper', email)).status).toBe(201);
  });

  it('a duplicate email, in any case → 409 already_exists param email', async () => {
    const email = await newShopperAccount();
    const r = await call(p, 'POST', '/v1/shoppers', {
      body: { email: email.toUpperCase(), name: 'Someone Else', password: 'another-good-passphrase', country: 'AU' },
    });
    expectError(r, 409, 'already_exists', 'email');
    expect(r.body.error.type).toBe('conflict_error');
  });

  it.each([
    ['too short', 'short'],
    ['repetitive', 'aaaaaaaaaaaa'],
    ['sequential', '0123456789'],
  ])('weak password (%s) → 400 weak_password param password', async (_why, password) => {
    const email = uniqueEmail('weak');
    const r = await call(p, 'POST', '/v1/shoppers', { body: { email, name: 'Li Wei', password, country: 'CN' } });
    expectError(r, 400, 'weak_password', 'password');
    // Nothing was created: the email is still free.
    expect(
      (await call(p, 'POST', '/v1/shoppers', { body: { email, name: 'Li Wei', password: DEMO_PASSWORD, country: 'CN' } })).status,
    ).toBe(201);
  });
});

// --- real-name identity ----------------------------------------------------------------

describe('identity verification', () => {
  const VALID = '11010519491231002X';
  const valid = { real_name: '李伟', id_number: VALID, mobile: '13800138000' };

  it('the example number is valid under ISO 7064 MOD 11-2', () => {
    expect(residentIdCheckChar(VALID.slice(0, 17))).toBe('X');
  });

  it('GET before verifying → 404', async () => {
    const s = await createShopper(p);
    expectError(await call(p, 'GET', '/v1/shopper/identity', { token: s.token }), 404, 'not_found');
  });

  it('a valid number → 201 with the masked number, never the full one; GET returns the same', async () => {
    const s = await createShopper(p);
    const r = await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: { ...valid, mobile: '+86 138-0013-8000' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      object: 'shopper_identity',
      shopper_id: s.id,
      real_name: '李伟',
      id_type: 'cn_resident',
      id_number_masked: '110105********002X',
      mobile: '13800138000',
    });
    expect(r.raw).not.toContain(VALID);
    expect(r.raw).not.toContain('19491231');

    const g = await call(p, 'GET', '/v1/shopper/identity', { token: s.token });
    expect(g.status).toBe(200);
    expect(g.body).toEqual(r.body);
    expect(g.raw).not.toContain(VALID);
  });

  it('a lower-case x is accepted and stored as X', async () => {
    const s = await createShopper(p);
    const r = await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: { ...valid, id_number: VALID.toLowerCase() } });
    expect(r.status).toBe(201);
    expect(r.body.id_number_masked).toBe('110105********002X');
    const row = await getIdentity(p.ctx(), s.id);
    if (!row) throw new Error('identity not stored');
    expect(revealIdNumber(p.ctx(), row)).toBe(VALID);
  });

  it.each([
    ['checksum', '110105194912310021'],
    ['checksum', `${idNumber('44030619900307123').slice(0, 17)}${residentIdCheckChar('44030619900307123') === '0' ? '1' : '0'}`],
    ['birth_date', idNumber('11010519900230123')], // 30 February
    ['birth_date', idNumber('11010520230229123')], // 2023 is not a leap year
    ['birth_date', idNumber('11010518991231123')], // before 1900
    ['birth_date', idNumber('11010520991231123')], // in the future
    ['format', '1101051949123100'],
    ['format', '11010519491231002Y'],
  ])('reason %s: %s → 400 invalid_id_number, the number not echoed', async (reason, number) => {
    const s = await createShopper(p);
    const r = await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: { ...valid, id_number: number } });
    expectError(r, 400, 'invalid_id_number', 'id_number');
    expect(r.body.error.reason).toBe(reason);
    expect(r.raw).not.toContain(number);
    // Nothing stored.
    expectError(await call(p, 'GET', '/v1/shopper/identity', { token: s.token }), 404, 'not_found');
  });

  it.each(['12345678901', '1380013800', '+44 7700 900123', 'call me'])('bad mobile %s → 400 invalid_mobile', async (mobile) => {
    const s = await createShopper(p);
    expectError(
      await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: { ...valid, mobile } }),
      400,
      'invalid_mobile',
      'mobile',
    );
  });

  it.each(['李', 'Li3 Wei', '李 Wei', '李伟<script>'])('bad name %s → 400 invalid_name', async (real_name) => {
    const s = await createShopper(p);
    expectError(
      await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: { ...valid, real_name } }),
      400,
      'invalid_name',
      'real_name',
    );
  });

  it('verifying twice → 409 identity_already_verified; the first identity stays', async () => {
    const s = await createShopper(p);
    expect((await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: valid })).status).toBe(201);
    const other = idNumber('44030619900307123');
    const again = await call(p, 'POST', '/v1/shopper/identity', { token: s.token, body: { ...valid, id_number: other } });
    expectError(again, 409, 'identity_already_verified');
    expect(again.raw).not.toContain(other);
    const g = await call(p, 'GET', '/v1/shopper/identity', { token: s.token });
    expect(g.body.id_number_masked).toBe('110105********002X');
  });

  it('only shoppers have an identity', async () => {
    const m = await createMerchant(p, admin, 'Identity Probe');
    expectError(await call(p, 'POST', '/v1/shopper/identity', { token: m.owner, body: valid }), 403, 'forbidden');
    expectError(await call(p, 'GET', '/v1/shopper/identity', { token: admin }), 403, 'forbidden');
    expectError(await call(p, 'GET', '/v1/shopper/identity'), 401, 'authentication_required');
  });

  describe('the ID number at rest, in logs and in the audit trail', () => {
    const number = idNumber('31011519850617204');
    let shopper: { id: string; token: string };
    beforeAll(async () => {
      shopper = await createShopper(p);
      const r = await call(p, 'POST', '/v1/shopper/identity', {
        token: shopper.token,
        body: { ...valid, real_name: '王芳', id_number: number },
      });
      expect(r.status).toBe(201);
      expect(r.body.id_number_masked).toBe(`310115********${number.slice(14)}`);
      // A failed attempt with the number too: its path must not leak it either.
      const again = await call(p, 'POST', '/v1/shopper/identity', { token: shopper.token, body: { ...valid, id_number: number } });
      expect(again.status).toBe(409);
    });

    it('no column of shopper_identities holds the clear number; the ciphertext is AES-GCM v1', async () => {
      const rows = await p.database.query<Record<string, unknown>>('select * from shopper_identities where shopper_id = $1', [shopper.id]);
      expect(rows).toHaveLength(1);
      const values = await tableText('select * from shopper_identities where shopper_id = $1', [shopper.id]);
      for (const v of values) {
        expect(v).not.toContain(number);
        expect(v).not.toContain(number.slice(0, 17));
        expect(v).not.toContain(number.slice(6, 14)); // the birth date
      }
      expect(String(rows[0]?.id_number_ciphertext)).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(String(rows[0]?.id_number_index)).toMatch(/^[0-9a-f]{64}$/);
    });

    it('revealIdNumber decrypts it back; the blind index is the same for the same person on another account', async () => {
      const row = await getIdentity(p.ctx(), shopper.id);
      if (!row) throw new Error('identity not stored');
      expect(revealIdNumber(p.ctx(), row)).toBe(number);
      expect(row.idNumberIndex).toBe(identityIndex(p.ctx(), number));

      const second = await createShopper(p);
      expect((await call(p, 'POST', '/v1/shopper/identity', { token: second.token, body: { ...valid, id_number: number } })).status).toBe(
        201,
      );
      const row2 = await getIdentity(p.ctx(), second.id);
      if (!row2) throw new Error('identity not stored');
      expect(row2.idNumberIndex).toBe(row.idNumberIndex);
      // Same plaintext, different ciphertext (random IV).
      expect(row2.idNumberCiphertext).not.toBe(row.idNumberCiphertext);
    });

    it('a ciphertext copied to another shopper’s row does not decrypt (bound to the shopper id)', async () => {
      const victim = await getIdentity(p.ctx(), shopper.id);
      const thief = await createShopper(p);
      expect((await call(p, 'POST', '/v1/shopper/identity', { token: thief.token, body: valid })).status).toBe(201);
      await p.database.query('update shopper_identities set id_number_ciphertext = $1 where shopper_id = $2', [
        victim?.idNumberCiphertext,
        thief.id,
      ]);
      const tampered = await getIdentity(p.ctx(), thief.id);
      if (!tampered) throw new Error('identity not stored');
      expect(() => revealIdNumber(p.ctx(), tampered)).toThrow(/authentication failed/);
    });

    it('the full number never appears in the logs', () => {
      const logs = p.logs.text();
      expect(logs.length).toBeGreaterThan(0);
      expect(logs).not.toContain(number);
      expect(logs).not.toContain(number.slice(0, 17));
      expect(logs).not.toContain(VALID);
    });

    it('the audit event carries only the masked number', async () => {
      const events = await auditEvents('shopper.identity_verified', shopper.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor_kind: 'shopper',
        actor_id: shopper.id,
        object_type: 'shopper',
        object_id: shopper.id,
        data: { id_number: `310115********${number.slice(14)}` },
      });
      const raw = await tableText('select data from audit_events');
      for (const v of raw) {
        expect(v).not.toContain(number);
        expect(v).not.toContain(VALID);
      }
    });
  });
});

// --- API keys ----------------------------------------------------------------------------

describe('API keys', () => {
  let m: MerchantFixture;
  beforeAll(async () => {
    m = await createMerchant(p, admin, 'Key Holder');
  });

  it.each(['test', 'live'] as const)('a %s key is shown once; later reads show only the redacted key', async (mode) => {
    const { id, secret, res } = await newApiKey(m.owner, { name: `ci ${mode}`, mode });
    expect(secret.startsWith(`sk_${mode}_`)).toBe(true);
    expect(res.body).toMatchObject({ object: 'api_key', name: `ci ${mode}`, mode, scopes: ['*'], revoked_at: null, last_used_at: null });
    expect(res.body.redacted_key).toBe(`sk_${mode}_…${secret.slice(-4)}`);

    const one = await call(p, 'GET', `/v1/api-keys/${id}`, { token: m.owner });
    expect(one.status).toBe(200);
    expect(one.body.secret).toBeUndefined();
    expect(one.body.redacted_key).toBe(`sk_${mode}_…${secret.slice(-4)}`);
    expect(one.raw).not.toContain(secret);

    const list = await call(p, 'GET', '/v1/api-keys?limit=100', { token: m.owner });
    expect(list.status).toBe(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(id);
    expect(list.raw).not.toContain(secret);
    expect(list.body.data.every((k: Record<string, unknown>) => !('secret' in k))).toBe(true);
  });

  it('the key authenticates GET /v1/me as kind api_key and records its last use', async () => {
    const { id, secret } = await newApiKey(m.owner, { name: 'me', mode: 'live' });
    const r = await call(p, 'GET', '/v1/me', { token: secret });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ object: 'principal', kind: 'api_key', id, role: null, merchant_id: m.id, mode: 'live', scopes: ['*'] });
    const k = await call(p, 'GET', `/v1/api-keys/${id}`, { token: m.owner });
    expect(k.body.last_used_at).toBe(p.clock.now().toISOString());
  });

  it('a key with [staff:read] → 403 insufficient_scope on /v1/api-keys, 200 on /v1/staff', async () => {
    const { secret } = await newApiKey(m.owner, { name: 'staff reader', scopes: ['staff:read'] });
    const keys = await call(p, 'GET', '/v1/api-keys', { token: secret });
    expectError(keys, 403, 'insufficient_scope');
    expect(keys.body.error.required_scope).toBe('api_keys:read');
    expect(keys.body.error.type).toBe('permission_error');

    const staff = await call(p, 'GET', '/v1/staff', { token: secret });
    expect(staff.status).toBe(200);
    expect(staff.body.data.map((u: { email: string }) => u.email)).toContain(m.ownerEmail);
    expect(staff.raw).not.toContain('password');

    // Any valid key may ask who it is, whatever its scopes.
    const me = await call(p, 'GET', '/v1/me', { token: secret });
    expect(me.status).toBe(200);
    expect(me.body.scopes).toEqual(['staff:read']);
  });

  it('api_keys:read lets a key read keys (but never staff)', async () => {
    const { id, secret } = await newApiKey(m.owner, { name: 'key auditor', scopes: ['api_keys:read'] });
    const list = await call(p, 'GET', '/v1/api-keys', { token: secret });
    expect(list.status).toBe(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(id);
    expect((await call(p, 'GET', `/v1/api-keys/${id}`, { token: secret })).status).toBe(200);
    expectError(await call(p, 'GET', '/v1/staff', { token: secret }), 403, 'insufficient_scope');
  });

  it('an API key can never mint or revoke keys (session-only routes)', async () => {
    const { id, secret } = await newApiKey(m.owner, { name: 'full', scopes: ['*'] });
    expectError(await call(p, 'POST', '/v1/api-keys', { token: secret, body: { name: 'child' } }), 403, 'forbidden');
    expectError(await call(p, 'POST', `/v1/api-keys/${id}/revoke`, { token: secret }), 403, 'forbidden');
  });

  it('an unknown scope → 400', async () => {
    const r = await call(p, 'POST', '/v1/api-keys', { token: m.owner, body: { name: 'bad', scopes: ['api_keys:write'] } });
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.param).toMatch(/^scopes/);
  });

  it('revoking → the key gets 401 invalid_api_key at once, even after it was used (cached)', async () => {
    const { id, secret } = await newApiKey(m.owner, { name: 'to revoke' });
    expect((await call(p, 'GET', '/v1/me', { token: secret })).status).toBe(200);
    const rv = await call(p, 'POST', `/v1/api-keys/${id}/revoke`, { token: m.owner });
    expect(rv.status).toBe(200);
    expect(rv.body.revoked_at).toBe(p.clock.now().toISOString());
    const r = await call(p, 'GET', '/v1/me', { token: secret });
    expectError(r, 401, 'invalid_api_key');
    expect(r.body.error.type).toBe('authentication_error');
    // Revoking again is harmless and keeps the first time.
    const again = await call(p, 'POST', `/v1/api-keys/${id}/revoke`, { token: m.owner });
    expect(again.status).toBe(200);
    expect(again.body.revoked_at).toBe(rv.body.revoked_at);
    expect(await auditEvents('api_key.revoked', id)).toHaveLength(1);
  });

  it.each(['sk_test_x', 'sk_live_short', 'sk_prod_0123456789abcdefghijklmn', `sk_test_${'a'.repeat(101)}`])(
    'malformed %s → 401 invalid_api_key',
    async (token) => {
      expectError(await call(p, 'GET', '/v1/me', { token }), 401, 'invalid_api_key');
    },
  );

  it('a well-formed but unknown key → 401 invalid_api_key', async () => {
    expectError(await call(p, 'GET', '/v1/me', { token: `sk_test_${'Z'.repeat(32)}` }), 401, 'invalid_api_key');
  });

  it('the database stores only a hash of the key', async () => {
    const { id, secret } = await newApiKey(m.owner, { name: 'hashed' });
    const values = await tableText('select * from api_keys where id = $1', [id]);
    for (const v of values) expect(v).not.toContain(secret);
    expect(values).toContain(sha256Hex(secret));
    expect(p.logs.text()).not.toContain(secret);
  });

  it('keys belong to one merchant: another merchant cannot see or revoke them', async () => {
    const other = await createMerchant(p, admin, 'Other Tenant');
    const { id, secret } = await newApiKey(m.owner, { name: 'mine' });
    expectError(await call(p, 'GET', `/v1/api-keys/${id}`, { token: other.owner }), 404, 'not_found');
    expectError(await call(p, 'POST', `/v1/api-keys/${id}/revoke`, { token: other.owner }), 404, 'not_found');
    expect((await call(p, 'GET', '/v1/me', { token: secret })).status).toBe(200);
    const list = await call(p, 'GET', '/v1/api-keys?limit=100', { token: other.owner });
    expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(id);
    // The other merchant's full key sees its own tenant only.
    const viaKey = await call(p, 'GET', '/v1/api-keys?limit=100', { token: other.apiKey });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.data.map((k: { id: string }) => k.id)).toEqual([other.apiKeyId]);
  });

  it('merchant staff of role staff cannot manage keys', async () => {
    const email = uniqueEmail('clerk');
    expect(
      (await call(p, 'POST', '/v1/staff', { token: m.owner, body: { email, name: 'Clerk', role: 'staff', password: DEMO_PASSWORD } }))
        .status,
    ).toBe(201);
    const clerk = await signIn(p, 'staff', email);
    expectError(await call(p, 'GET', '/v1/api-keys', { token: clerk }), 403, 'forbidden');
    expectError(await call(p, 'POST', '/v1/api-keys', { token: clerk, body: { name: 'nope' } }), 403, 'forbidden');
  });
});

// --- merchant staff ----------------------------------------------------------------------

describe('merchant staff', () => {
  let m: MerchantFixture;
  let managerToken: string;
  beforeAll(async () => {
    m = await createMerchant(p, admin, 'Staffed Up');
  });

  it('the owner creates a manager and a staff member, who can sign in', async () => {
    for (const role of ['manager', 'staff'] as const) {
      const email = uniqueEmail(role);
      const r = await call(p, 'POST', '/v1/staff', { token: m.owner, body: { email, name: `A ${role}`, role, password: DEMO_PASSWORD } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ object: 'staff_user', kind: 'merchant', merchant_id: m.id, email, role, status: 'active' });
      expect(r.raw).not.toContain(DEMO_PASSWORD);
      const s = await signInRaw('staff', email);
      expect(s.status).toBe(201);
      expect(s.body.principal).toMatchObject({ kind: 'merchant', merchant_id: m.id, role });
      if (role === 'manager') managerToken = s.body.token;
    }
    const audit = await auditEvents('staff.created');
    expect(audit.filter((e) => e.merchant_id === m.id).length).toBeGreaterThanOrEqual(3); // owner + manager + staff
  });

  it('a manager cannot create an owner (403), but can create staff', async () => {
    const email = uniqueEmail('would-be-owner');
    const r = await call(p, 'POST', '/v1/staff', {
      token: managerToken,
      body: { email, name: 'Usurper', role: 'owner', password: DEMO_PASSWORD },
    });
    expectError(r, 403, 'forbidden', 'role');
    expectError(await signInRaw('staff', email), 401, 'invalid_credentials');
    const ok = await call(p, 'POST', '/v1/staff', {
      token: managerToken,
      body: { email: uniqueEmail('by-manager'), name: 'Packer', role: 'staff', password: DEMO_PASSWORD },
    });
    expect(ok.status).toBe(201);
  });

  it('the staff role cannot create staff (403)', async () => {
    const email = uniqueEmail('plain-staff');
    await call(p, 'POST', '/v1/staff', { token: m.owner, body: { email, name: 'Plain', role: 'staff', password: DEMO_PASSWORD } });
    const staff = await signIn(p, 'staff', email);
    const r = await call(p, 'POST', '/v1/staff', {
      token: staff,
      body: { email: uniqueEmail('x'), name: 'X', role: 'staff', password: DEMO_PASSWORD },
    });
    expectError(r, 403, 'forbidden');
    // Reading the team is open to every role.
    expect((await call(p, 'GET', '/v1/staff', { token: staff })).status).toBe(200);
  });

  it('a duplicate staff email (any case, any merchant, or an operator’s) → 409 already_exists', async () => {
    const email = uniqueEmail('dupe');
    expect(
      (await call(p, 'POST', '/v1/staff', { token: m.owner, body: { email, name: 'First', role: 'staff', password: DEMO_PASSWORD } }))
        .status,
    ).toBe(201);
    expectError(
      await call(p, 'POST', '/v1/staff', {
        token: m.owner,
        body: { email: email.toUpperCase(), name: 'Second', role: 'staff', password: DEMO_PASSWORD },
      }),
      409,
      'already_exists',
      'email',
    );
    const other = await createMerchant(p, admin, 'Dupe Elsewhere');
    expectError(
      await call(p, 'POST', '/v1/staff', { token: other.owner, body: { email, name: 'Third', role: 'staff', password: DEMO_PASSWORD } }),
      409,
      'already_exists',
      'email',
    );
    expectError(
      await call(p, 'POST', '/v1/staff', {
        token: m.owner,
        body: { email: adminEmail, name: 'Admin Copy', role: 'staff', password: DEMO_PASSWORD },
      }),
      409,
      'already_exists',
      'email',
    );
  });

  it('weak password and unknown role are refused', async () => {
    expectError(
      await call(p, 'POST', '/v1/staff', {
        token: m.owner,
        body: { email: uniqueEmail('w'), name: 'W', role: 'staff', password: 'short' },
      }),
      400,
      'weak_password',
      'password',
    );
    expectError(
      await call(p, 'POST', '/v1/staff', {
        token: m.owner,
        body: { email: uniqueEmail('r'), name: 'R', role: 'admin', password: DEMO_PASSWORD },
      }),
      400,
      'invalid_request',
      'role',
    );
  });

  it('staff lists are per merchant', async () => {
    const other = await createMerchant(p, admin, 'Separate Team');
    const r = await call(p, 'GET', '/v1/staff?limit=100', { token: other.owner });
    expect(r.body.data.map((u: { email: string }) => u.email)).toEqual([other.ownerEmail]);
  });
});

// --- operators ---------------------------------------------------------------------------

describe('operators', () => {
  it('an admin creates an operator, who can sign in with that role', async () => {
    const email = uniqueEmail('ops');
    const r = await call(p, 'POST', '/v1/operators', {
      token: admin,
      body: { email, name: 'Olly Ops', role: 'operations', password: DEMO_PASSWORD },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ object: 'staff_user', kind: 'operator', merchant_id: null, email, role: 'operations' });
    expect(r.body.id).toMatch(/^opr_/);
    const s = await signInRaw('staff', email);
    expect(s.body.principal).toMatchObject({ kind: 'operator', id: r.body.id, role: 'operations', merchant_id: null });
    const list = await call(p, 'GET', '/v1/operators?limit=100', { token: admin });
    expect(list.body.data.map((u: { id: string }) => u.id)).toContain(r.body.id);
  });

  it.each(['support', 'operations', 'finance'] as const)('a %s operator cannot create operators (403)', async (role) => {
    const op = await newOperatorAccount(role);
    const token = await signIn(p, 'staff', op.email);
    const email = uniqueEmail('escalate');
    const r = await call(p, 'POST', '/v1/operators', { token, body: { email, name: 'Escalated', role: 'admin', password: DEMO_PASSWORD } });
    expectError(r, 403, 'forbidden');
    expectError(await signInRaw('staff', email), 401, 'invalid_credentials');
  });

  it('merchant staff and shoppers cannot create operators', async () => {
    const m = await createMerchant(p, admin, 'Not An Operator');
    const s = await createShopper(p);
    const body = { email: uniqueEmail('x'), name: 'X', role: 'admin', password: DEMO_PASSWORD };
    expectError(await call(p, 'POST', '/v1/operators', { token: m.owner, body }), 403, 'forbidden');
    expectError(await call(p, 'POST', '/v1/operators', { token: s.token, body }), 403, 'forbidden');
    expectError(await call(p, 'POST', '/v1/operators', { token: m.apiKey, body }), 403, 'forbidden');
  });

  it('an invalid role → 400 param role', async () => {
    const r = await call(p, 'POST', '/v1/operators', {
      token: admin,
      body: { email: uniqueEmail('bad'), name: 'Bad', role: 'superuser', password: DEMO_PASSWORD },
    });
    expectError(r, 400, 'invalid_request', 'role');
  });

  it('a duplicate operator email → 409', async () => {
    const op = await newOperatorAccount();
    const r = await call(p, 'POST', '/v1/operators', {
      token: admin,
      body: { email: op.email.toUpperCase(), name: 'Twin', role: 'support', password: DEMO_PASSWORD },
    });
    expectError(r, 409, 'already_exists', 'email');
  });
});

// --- merchant suspension -----------------------------------------------------------------

describe('merchant status and credentials', () => {
  const setStatus = (id: string, status: string) => p.database.query('update merchants set status = $1 where id = $2', [status, id]);

  it('suspended: a key made before (never used) → 401, the owner cannot sign in, an unused session → 401', async () => {
    const m = await createMerchant(p, admin, 'Soon Suspended');
    const { secret } = await newApiKey(m.owner, { name: 'unused until suspension' });
    const unusedSession = await signIn(p, 'staff', m.ownerEmail);
    await setStatus(m.id, 'suspended');

    expectError(await call(p, 'GET', '/v1/me', { token: secret }), 401, 'invalid_api_key');
    expectError(await call(p, 'GET', '/v1/me', { token: m.apiKey }), 401, 'invalid_api_key');
    expectError(await signInRaw('staff', m.ownerEmail), 401, 'invalid_credentials');
    expectError(await call(p, 'GET', '/v1/me', { token: unusedSession }), 401, 'session_expired');

    // Reinstated: the same credentials work again.
    await setStatus(m.id, 'approved');
    expect((await signInRaw('staff', m.ownerEmail)).status).toBe(201);
  });

  it.each([
    ['applied', true],
    ['approved', true],
    ['rejected', false],
    ['suspended', false],
  ] as const)('status %s: credentials work = %s', async (status, works) => {
    const m = await createMerchant(p, admin, `Status ${status}`);
    await setStatus(m.id, status);
    // m.apiKey was made by the fixture and never used: no cache entry.
    const key = await call(p, 'GET', '/v1/me', { token: m.apiKey });
    const signin = await signInRaw('staff', m.ownerEmail);
    if (works) {
      expect(key.status).toBe(200);
      expect(signin.status).toBe(201);
    } else {
      expectError(key, 401, 'invalid_api_key');
      expectError(signin, 401, 'invalid_credentials');
    }
  });
});

// --- audit --------------------------------------------------------------------------------

describe('audit trail', () => {
  it('creating an operator is audited with the acting admin', async () => {
    const op = await newOperatorAccount('finance');
    const events = await auditEvents('operator.created', op.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      object: 'audit_event',
      actor_kind: 'operator',
      actor_id: adminId,
      object_type: 'staff_user',
      object_id: op.id,
      data: { email: op.email, role: 'finance' },
    });
    expect(events[0].request_id).toMatch(/^req_/);
  });

  it('creating and revoking an API key are audited, without the secret', async () => {
    const m = await createMerchant(p, admin, 'Audited Keys');
    const me = await call(p, 'GET', '/v1/me', { token: m.owner });
    const { id, secret } = await newApiKey(m.owner, { name: 'audited', mode: 'test', scopes: ['staff:read'] });
    expect((await call(p, 'POST', `/v1/api-keys/${id}/revoke`, { token: m.owner })).status).toBe(200);

    const created = await auditEvents('api_key.created', id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actor_kind: 'merchant',
      actor_id: me.body.id,
      merchant_id: m.id,
      object_type: 'api_key',
      data: { name: 'audited', mode: 'test', scopes: ['staff:read'] },
    });
    expect(JSON.stringify(created[0])).not.toContain(secret);
    expect(JSON.stringify(created[0])).not.toContain(sha256Hex(secret));

    const revoked = await auditEvents('api_key.revoked', id);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actor_kind: 'merchant', actor_id: me.body.id, merchant_id: m.id, object_id: id });

    // The merchant reads its own trail, not another merchant's.
    const own = await auditEvents('api_key.created', undefined, m.owner);
    expect(own.map((e) => e.object_id)).toContain(id);
    expect(own.every((e) => e.merchant_id === m.id)).toBe(true);
  });

  it('identity verification is audited', async () => {
    const s = await createShopper(p);
    const number = idNumber('51010719700101321');
    expect(
      (
        await call(p, 'POST', '/v1/shopper/identity', {
          token: s.token,
          body: { real_name: 'Zhang San', id_number: number, mobile: '13900139000' },
        })
      ).status,
    ).toBe(201);
    const events = await auditEvents('shopper.identity_verified', s.id);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ id_number: `510107********${number.slice(14)}` });
    expect(JSON.stringify(events[0])).not.toContain(number);
  });

  it('staff sign-ins are audited; a support operator can read the trail; shoppers cannot', async () => {
    const op = await newOperatorAccount('support');
    const r = await signInRaw('staff', op.email);
    const events = await auditEvents('session.created', r.body.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_kind: 'operator', actor_id: op.id, object_type: 'session' });
    expect(JSON.stringify(events[0])).not.toContain(r.body.token);

    expect((await call(p, 'GET', '/v1/audit-events?action=operator.created', { token: r.body.token })).status).toBe(200);
    const s = await createShopper(p);
    expectError(await call(p, 'GET', '/v1/audit-events', { token: s.token }), 403, 'forbidden');
  });
});
