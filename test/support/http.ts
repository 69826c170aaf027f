// Small helpers over `app.inject` (the full Fastify pipeline, no socket) and fixtures that
// create accounts the way a user would: through the API.
import { assertNoSecrets } from './secrets.ts';
import type { TestPlatform } from './platform.ts';

export interface Res<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: string;
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string | Buffer;
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely on purpose
export async function call<T = any>(p: TestPlatform, method: string, url: string, o: CallOptions = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: string | Buffer | undefined;
  if (o.rawBody !== undefined) payload = o.rawBody;
  else if (o.body !== undefined) {
    payload = JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await p.app.inject({ method: method as 'GET', url, headers, payload });
  let body: unknown;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    body = res.body;
  }
  // No response may carry a card number or a full ID number (test/support/secrets.ts).
  assertNoSecrets(`${method} ${url} → ${res.statusCode}`, res.body);
  return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.body };
}

export const DEMO_PASSWORD = 'correct-horse-battery';

let counter = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${counter++}@example.test`;

/** The first operator comes from the CLI path (no API can create the first admin). */
export async function operatorToken(p: TestPlatform, role: 'admin' | 'operations' | 'finance' | 'support' = 'admin'): Promise<string> {
  const { createOperator } = await import('../../src/modules/identity/service.ts');
  const email = uniqueEmail(`op-${role}`);
  await createOperator(p.ctx(), { email, name: `Operator ${role}`, role, password: DEMO_PASSWORD });
  return signIn(p, 'staff', email);
}

export async function signIn(p: TestPlatform, realm: 'staff' | 'shopper', email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await call(p, 'POST', '/v1/sessions', { body: { realm, email, password } });
  if (r.status !== 201) throw new Error(`sign-in failed: ${r.status} ${r.raw}`);
  return r.body.token as string;
}

export interface MerchantFixture {
  id: string;
  ownerEmail: string;
  owner: string;
  /** A full-access live-mode API key (a test key acts in the merchant's test world: `testKey`). */
  apiKey: string;
  apiKeyId: string;
}

/** An approved merchant created by an operator: an Australian brand, or (`CN`) a seller in mainland China. */
export async function createMerchant(
  p: TestPlatform,
  opToken: string,
  name = 'Manuka Bay Honey',
  country: 'AU' | 'NZ' | 'CN' = 'AU',
): Promise<MerchantFixture> {
  const ownerEmail = uniqueEmail('owner');
  const m = await call(p, 'POST', '/v1/merchants', {
    token: opToken,
    body: {
      legal_name: country === 'CN' ? `${name}有限公司` : `${name} Pty Ltd`,
      trading_name: name,
      country,
      owner: { email: ownerEmail, name: 'Olivia Owner', password: DEMO_PASSWORD },
    },
  });
  if (m.status !== 201) throw new Error(`merchant create failed: ${m.status} ${m.raw}`);
  const owner = await signIn(p, 'staff', ownerEmail);
  const k = await call(p, 'POST', '/v1/api-keys', { token: owner, body: { name: 'integration', mode: 'live' } });
  if (k.status !== 201) throw new Error(`api key create failed: ${k.status} ${k.raw}`);
  return { id: m.body.id, ownerEmail, owner, apiKey: k.body.secret, apiKeyId: k.body.id };
}

/** A full-access `sk_test_` key of the merchant: it acts as the merchant's test twin (decisions §23). */
export async function testKey(
  p: TestPlatform,
  owner: string,
  scopes: string[] = ['*'],
): Promise<{ secret: string; id: string; merchantId: string }> {
  const k = await call(p, 'POST', '/v1/api-keys', { token: owner, body: { name: 'test integration', mode: 'test', scopes } });
  if (k.status !== 201) throw new Error(`test key create failed: ${k.status} ${k.raw}`);
  return { secret: k.body.secret, id: k.body.id, merchantId: k.body.merchant_id };
}

export async function createShopper(
  p: TestPlatform,
  country: 'CN' | 'AU' | 'NZ' = 'CN',
): Promise<{ id: string; email: string; token: string }> {
  const email = uniqueEmail('shopper');
  const r = await call(p, 'POST', '/v1/shoppers', { body: { email, name: 'Li Wei', password: DEMO_PASSWORD, country } });
  if (r.status !== 201) throw new Error(`shopper sign-up failed: ${r.status} ${r.raw}`);
  return { id: r.body.id, email, token: await signIn(p, 'shopper', email) };
}
