// HTTP for identity: sessions, shopper sign-up and real-name identity, operator and
// merchant staff, API keys. Routes only translate HTTP; rules live in the services.
import { testModeHook } from './test-mode.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OPERATOR_ROLES, MERCHANT_ROLES, tenantOf, type Principal } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { API_SCOPES } from '../../kernel/http/access.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import * as identity from './service.ts';
import { getIdentity, type ShopperIdentity, verifyIdentity } from './verification.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const email = z.email().max(254);
const password = z.string().min(1).max(200);
const idParams = z.object({ id: z.string().max(64) });
/** Scopes a key made here may hold: `instore:write` belongs to POS keys, made for one till (`POST /v1/tills/:id/keys`). */
const KEY_SCOPES = API_SCOPES.filter((s) => s !== 'instore:write');

export const StaffUser = z
  .object({
    id: z.string(),
    object: z.literal('staff_user'),
    kind: z.enum(['operator', 'merchant']),
    merchant_id: z.string().nullable(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    status: z.string(),
    created_at: z.string(),
    last_sign_in_at: z.string().nullable(),
  })
  .meta({ id: 'StaffUser' });

export const staffOut = (u: identity.StaffUser): z.output<typeof StaffUser> => ({
  id: u.id,
  object: 'staff_user',
  kind: u.kind,
  merchant_id: u.merchantId,
  email: u.email,
  name: u.name,
  role: u.role,
  status: u.status,
  created_at: u.createdAt.toISOString(),
  last_sign_in_at: iso(u.lastSignInAt),
});

const ShopperOut = z
  .object({
    id: z.string(),
    object: z.literal('shopper'),
    email: z.string(),
    name: z.string(),
    country: z.enum(['CN', 'AU', 'NZ']),
    locale: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'Shopper' });

const shopperOut = (s: identity.Shopper): z.output<typeof ShopperOut> => ({
  id: s.id,
  object: 'shopper',
  email: s.email,
  name: s.name,
  country: s.country,
  locale: s.locale,
  created_at: s.createdAt.toISOString(),
});

const IdentityOut = z
  .object({
    object: z.literal('shopper_identity'),
    shopper_id: z.string(),
    real_name: z.string(),
    id_type: z.literal('cn_resident'),
    id_number_masked: z.string().describe('The ID number with its birth date hidden, e.g. 110105********123X'),
    mobile: z.string(),
    verified_at: z.string(),
  })
  .meta({ id: 'ShopperIdentity' });

const identityOut = (i: ShopperIdentity): z.output<typeof IdentityOut> => ({
  object: 'shopper_identity',
  shopper_id: i.shopperId,
  real_name: i.realName,
  id_type: i.idType,
  id_number_masked: i.idNumberMasked,
  mobile: i.mobile,
  verified_at: i.verifiedAt.toISOString(),
});

export const ApiKeyOut = z
  .object({
    id: z.string(),
    object: z.literal('api_key'),
    name: z.string(),
    mode: z.enum(['test', 'live']),
    merchant_id: z.string().describe('The merchant the key acts as: for a test key, the merchant’s test twin (docs/api.md, "Test mode")'),
    redacted_key: z.string().describe('The key with all but its prefix and last four characters hidden'),
    scopes: z.array(z.string()),
    till_id: z.string().nullable().describe('A POS key’s till (in-store payments); null for other keys'),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const apiKeyOut = (k: identity.ApiKey): z.output<typeof ApiKeyOut> => ({
  id: k.id,
  object: 'api_key',
  name: k.name,
  mode: k.mode,
  merchant_id: k.merchantId,
  redacted_key: `sk_${k.mode}_…${k.last4}`,
  scopes: k.scopes,
  till_id: k.tillId,
  created_at: k.createdAt.toISOString(),
  last_used_at: iso(k.lastUsedAt),
  revoked_at: iso(k.revokedAt),
});

const PrincipalOut = z
  .object({
    object: z.literal('principal'),
    kind: z.enum(['operator', 'merchant', 'api_key', 'shopper']),
    id: z.string(),
    role: z.string().nullable(),
    merchant_id: z.string().nullable(),
    mode: z.enum(['test', 'live']).nullable(),
    scopes: z.array(z.string()).nullable(),
    till_id: z.string().optional().describe('A POS key’s till (in-store payments); absent for every other principal'),
    live_merchant_id: z
      .string()
      .optional()
      .describe('In test mode: the live merchant whose test twin `merchant_id` is; absent in live mode'),
  })
  .meta({ id: 'Principal' });

function principalOut(p: Principal): z.output<typeof PrincipalOut> {
  if (p.kind === 'anonymous' || p.kind === 'system') throw new Error('not a caller');
  return {
    object: 'principal',
    kind: p.kind,
    id: p.id,
    role: 'role' in p ? p.role : null,
    merchant_id: 'merchantId' in p ? p.merchantId : null,
    mode: p.kind === 'api_key' ? p.mode : null,
    scopes: p.kind === 'api_key' ? [...p.scopes] : null,
    ...(p.kind === 'api_key' && p.tillId ? { till_id: p.tillId } : {}),
    ...((p.kind === 'api_key' || p.kind === 'merchant') && p.liveMerchantId ? { live_merchant_id: p.liveMerchantId } : {}),
  };
}

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/sessions',
    {
      config: { access: 'public', idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Sign in',
        description:
          'Signs in with email and password. Sets an httpOnly session cookie for the web apps and returns the same token for API clients (send it as `Authorization: Bearer …`). After 5 failed attempts in a row the account is slowed down: further attempts get 429 `too_many_attempts` with `retry_after_s`.',
        body: z.object({
          realm: z.enum(['staff', 'shopper']).describe('staff = operator and merchant staff; shopper = storefront'),
          email,
          password,
        }),
        response: {
          201: z.object({
            object: z.literal('session'),
            id: z.string(),
            token: z.string(),
            expires_at: z.string(),
            principal: PrincipalOut,
          }),
        },
      },
    },
    async (req, reply) => {
      const r = await identity.signIn(req.ctx, { ...req.body, userAgent: req.headers['user-agent'] });
      const maxAge = Math.floor((r.session.expiresAt.getTime() - r.session.createdAt.getTime()) / 1000);
      reply.setCookie(identity.SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.ctx.rt.config.SECURE_COOKIES,
        maxAge,
      });
      return reply.code(201).send({
        object: 'session',
        id: r.session.id,
        token: r.token,
        expires_at: r.session.expiresAt.toISOString(),
        principal: principalOut(r.principal),
      });
    },
  );

  app.delete(
    '/v1/sessions/current',
    {
      config: { access: { operator: 'any', merchant: 'any', shopper: true } },
      schema: { tags: ['identity'], summary: 'Sign out', response: { 204: z.undefined() } },
    },
    async (req, reply) => {
      await identity.signOut(req.ctx);
      reply.clearCookie(identity.SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/me',
    {
      // Any valid key may ask who it is, whatever its scopes: integrators check their setup this way.
      config: { access: { operator: 'any', merchant: 'any', shopper: true, apiKey: 'any' } },
      schema: { tags: ['identity'], summary: 'Who am I', response: { 200: PrincipalOut } },
    },
    async (req) => principalOut(req.principal),
  );

  // --- shoppers ---
  app.post(
    '/v1/shoppers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Sign up as a shopper',
        body: z.object({
          email,
          name: z.string().trim().min(1).max(100),
          password,
          country: z.enum(['CN', 'AU', 'NZ']),
          locale: z.enum(['zh-CN', 'en']).optional(),
        }),
        response: { 201: ShopperOut },
      },
    },
    async (req, reply) => reply.code(201).send(shopperOut(await identity.signUpShopper(req.ctx, req.body))),
  );

  app.get(
    '/v1/shopper/identity',
    {
      config: { access: { shopper: true } },
      schema: { tags: ['identity'], summary: "The signed-in shopper's verified identity", response: { 200: IdentityOut } },
    },
    async (req) => {
      const i = await getIdentity(req.ctx);
      if (!i) throw new AppError('not_found', 'This shopper has not verified an identity yet');
      return identityOut(i);
    },
  );

  app.post(
    '/v1/shopper/identity',
    {
      config: { access: { shopper: true } },
      schema: {
        tags: ['identity'],
        summary: 'Verify real-name identity',
        description:
          'China cross-border rules require the buyer to be identified by real name and 18-digit resident ID number (GB 11643-1999, check character ISO 7064 MOD 11-2), and to be the payer. The number is stored encrypted and only ever shown masked.',
        body: z.object({
          real_name: z.string().max(60),
          id_number: z.string().max(40),
          mobile: z.string().max(30),
        }),
        response: { 201: IdentityOut },
      },
    },
    async (req, reply) => reply.code(201).send(identityOut(await verifyIdentity(req.ctx, req.body))),
  );

  // --- operators ---
  app.get(
    '/v1/operators',
    {
      config: { access: { operator: ['admin'] } },
      schema: {
        tags: ['identity'],
        summary: 'List operator staff',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(StaffUser) },
      },
    },
    async (req) => toListResponse(await identity.listOperators(req.ctx, req.query), req.url, staffOut),
  );

  app.post(
    '/v1/operators',
    {
      config: { access: { operator: ['admin'] } },
      schema: {
        tags: ['identity'],
        summary: 'Create an operator staff account',
        body: z.object({ email, name: z.string().trim().min(1).max(100), role: z.enum(OPERATOR_ROLES), password }),
        response: { 201: StaffUser },
      },
    },
    async (req, reply) => reply.code(201).send(staffOut(await identity.createOperator(req.ctx, req.body))),
  );

  // --- merchant staff ---
  app.get(
    '/v1/staff',
    {
      config: { access: { merchant: 'any', apiKey: 'staff:read' } },
      schema: {
        tags: ['identity'],
        summary: "List your merchant's staff",
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(StaffUser) },
      },
    },
    async (req) => toListResponse(await identity.listMerchantStaff(req.ctx, req.query), req.url, staffOut),
  );

  app.post(
    '/v1/staff',
    {
      config: { access: { merchant: ['owner', 'manager'] } },
      schema: {
        tags: ['identity'],
        summary: 'Add a staff member to your merchant',
        body: z.object({ email, name: z.string().trim().min(1).max(100), role: z.enum(MERCHANT_ROLES), password }),
        response: { 201: StaffUser },
      },
    },
    async (req, reply) =>
      reply.code(201).send(staffOut(await identity.createMerchantStaff(req.ctx, { ...req.body, merchantId: tenantOf(req.ctx) }))),
  );

  // --- API keys ---
  app.get(
    '/v1/api-keys',
    {
      config: { access: { merchant: ['owner', 'manager'], apiKey: 'api_keys:read' } },
      schema: {
        tags: ['identity'],
        summary: 'List API keys',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(ApiKeyOut) },
      },
    },
    async (req) => toListResponse(await identity.listApiKeys(req.ctx, req.query), req.url, apiKeyOut),
  );

  app.post(
    '/v1/api-keys',
    {
      config: { access: { merchant: ['owner', 'manager'] } },
      schema: {
        tags: ['identity'],
        summary: 'Create an API key',
        description: 'The secret key is in the response once and never again: it is stored only as a hash.',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          mode: z.enum(['test', 'live']).default('test'),
          scopes: z
            .array(z.enum(['*', ...KEY_SCOPES]))
            .min(1)
            .default(['*'])
            .describe('`*` for full access, or resource scopes such as `staff:read`; `x:write` implies `x:read`'),
        }),
        response: { 201: ApiKeyOut.extend({ secret: z.string().describe('The key itself, shown only now') }) },
      },
    },
    async (req, reply) => {
      const { key, secret } = await identity.createApiKey(req.ctx, req.body);
      return reply.code(201).send({ ...apiKeyOut(key), secret });
    },
  );

  app.get(
    '/v1/api-keys/:id',
    {
      config: { access: { merchant: ['owner', 'manager'], apiKey: 'api_keys:read' } },
      schema: { tags: ['identity'], summary: 'Retrieve an API key', params: idParams, response: { 200: ApiKeyOut } },
    },
    async (req) => apiKeyOut(await identity.getApiKey(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/api-keys/:id/revoke',
    {
      config: { access: { merchant: ['owner', 'manager'] } },
      schema: { tags: ['identity'], summary: 'Revoke an API key', params: idParams, response: { 200: ApiKeyOut } },
    },
    async (req) => apiKeyOut(await identity.revokeApiKey(req.ctx, req.params.id)),
  );
}

export const identityModule: HttpModule = {
  name: 'identity',
  tag: { name: 'identity', description: 'Sign-in, shoppers and their real-name identity, staff, API keys' },
  routes,
  onAuthenticated: testModeHook,
};
