// HTTP for in-store payments: stores, their tills and the tills' POS keys here; the payments at
// the till (payment-routes.ts) and the shopper's side (wallet-instore-routes.ts) register with them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../../kernel/http/server.ts';
import { ApiKeyOut, apiKeyOut } from '../../identity/routes.ts';
import { instorePaymentRoutes } from './payment-routes.ts';
import { STORE_COUNTRIES } from './schema.ts';
import {
  createPosKey,
  createStore,
  createTill,
  getStore,
  getTill,
  listStores,
  listTills,
  type Store,
  type Till,
  updateStore,
} from './stores.ts';
import { walletInstoreRoutes } from './wallet-instore-routes.ts';

const StoreOut = z
  .object({
    id: z.string(),
    object: z.literal('store'),
    merchant_id: z.string(),
    name: z.string(),
    address_line: z.string(),
    city: z.string(),
    region: z.string().nullable().describe('ISO 3166-2: the state for Australia (`AU-VIC`), `NZ` for New Zealand'),
    country: z.enum(STORE_COUNTRIES),
    time_zone: z.string().describe('IANA time zone of the store (`Australia/Melbourne`, `Pacific/Auckland`): its business day'),
    active: z.boolean().describe('false: closed; no new tills or POS keys'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Store', description: 'A merchant’s shop in Australia or New Zealand, where shoppers pay at a till.' });

const storeOut = (s: Store): z.output<typeof StoreOut> => ({
  id: s.id,
  object: 'store',
  merchant_id: s.merchantId,
  name: s.name,
  address_line: s.addressLine,
  city: s.city,
  region: s.region,
  country: s.country,
  time_zone: s.timeZone,
  active: s.active,
  created_at: s.createdAt.toISOString(),
  updated_at: s.updatedAt.toISOString(),
});

const TillOut = z
  .object({
    id: z.string(),
    object: z.literal('till'),
    store_id: z.string(),
    merchant_id: z.string(),
    name: z.string().describe('Unique in its store'),
    active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Till', description: 'A point of sale in a store; it takes payments with its POS API key.' });

const tillOut = (t: Till): z.output<typeof TillOut> => ({
  id: t.id,
  object: 'till',
  store_id: t.storeId,
  merchant_id: t.merchantId,
  name: t.name,
  active: t.active,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
});

const idParams = z.object({ id: z.string().max(64) });
const name = z.string().trim().min(1).max(100);
const addressLine = z.string().trim().min(1).max(300).describe('Street address, e.g. `12 Degraves St`');
const city = z.string().trim().min(1).max(100).describe('Suburb, town or city');
/** Merchant admins set stores and tills up; any of the merchant's staff and operators may look. */
const write = { merchant: ['owner', 'manager'] } as const;
const read = { operator: 'any', merchant: 'any' } as const;

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/stores',
    {
      config: { access: write },
      schema: {
        tags: ['instore'],
        summary: 'Register a store',
        description:
          'A merchant in Australia or New Zealand registers one of its shops. The time zone is the state’s (`region`, AU) or New Zealand’s unless `time_zone` gives another of the country’s. A seller in China has no shop in AU/NZ: `403 forbidden`.',
        body: z.object({
          name,
          address_line: addressLine,
          city,
          region: z
            .string()
            .trim()
            .max(10)
            .optional()
            .describe('ISO 3166-2: the state (`AU-VIC`) for Australia, `NZ`; an Australian store needs it or `time_zone`'),
          country: z.enum(STORE_COUNTRIES),
          time_zone: z
            .string()
            .trim()
            .max(64)
            .optional()
            .describe('IANA zone of the country (`Australia/Broken_Hill`, `Pacific/Chatham`); by default the state’s or New Zealand’s'),
        }),
        response: { 201: StoreOut },
      },
    },
    async (req, reply) => reply.code(201).send(storeOut(await createStore(req.ctx, req.body))),
  );

  app.get(
    '/v1/stores',
    {
      config: { access: read },
      schema: {
        tags: ['instore'],
        summary: 'List stores',
        description: 'A merchant’s own stores, newest first; operators see every merchant’s.',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(StoreOut) },
      },
    },
    async (req) => toListResponse(await listStores(req.ctx, req.query), req.url, storeOut),
  );

  app.get(
    '/v1/stores/:id',
    {
      config: { access: read },
      schema: { tags: ['instore'], summary: 'Retrieve a store', params: idParams, response: { 200: StoreOut } },
    },
    async (req) => storeOut(await getStore(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/stores/:id',
    {
      config: { access: write },
      schema: {
        tags: ['instore'],
        summary: 'Update a store',
        description: 'Renames, re-addresses, closes (`active: false`) or reopens a store. Its country, region and time zone stay.',
        params: idParams,
        body: z.object({
          name: name.optional(),
          address_line: addressLine.optional(),
          city: city.optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: StoreOut },
      },
    },
    async (req) => storeOut(await updateStore(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/stores/:id/tills',
    {
      config: { access: write },
      schema: {
        tags: ['instore'],
        summary: 'Add a till',
        description:
          'A till (point of sale) in an open store. Names are unique in a store: another till of the same name is `409 already_exists`.',
        params: idParams,
        body: z.object({ name: name.describe('e.g. `Front counter`') }),
        response: { 201: TillOut },
      },
    },
    async (req, reply) => reply.code(201).send(tillOut(await createTill(req.ctx, req.params.id, req.body))),
  );

  app.get(
    '/v1/stores/:id/tills',
    {
      config: { access: read },
      schema: {
        tags: ['instore'],
        summary: 'List a store’s tills',
        params: idParams,
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(TillOut) },
      },
    },
    async (req) => toListResponse(await listTills(req.ctx, req.params.id, req.query), req.url, tillOut),
  );

  app.get(
    '/v1/tills/:id',
    {
      config: { access: { ...read, apiKey: 'instore:write' } },
      schema: {
        tags: ['instore'],
        summary: 'Retrieve a till',
        description: 'A POS key reads its own till only: any other is `404`, as another merchant’s is.',
        params: idParams,
        response: { 200: TillOut },
      },
    },
    async (req) => tillOut(await getTill(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/tills/:id/keys',
    {
      config: { access: write },
      schema: {
        tags: ['instore'],
        summary: 'Issue a POS key for a till',
        description:
          'An API key with scope `instore:write`, bound to this till. The secret is in the response once and never again; the key shows in `GET /v1/api-keys` (with its `till_id`) and is revoked with `POST /v1/api-keys/:id/revoke`.',
        params: idParams,
        body: z.object({
          name: name.optional().describe('By default “POS <store> / <till>”'),
          mode: z
            .enum(['test', 'live'])
            .optional()
            .describe('The till’s own world: `live` for a live till, `test` for one made with a test key (the default)'),
        }),
        response: { 201: ApiKeyOut.extend({ secret: z.string().describe('The key itself, shown only now') }) },
      },
    },
    async (req, reply) => {
      const { key, secret } = await createPosKey(req.ctx, req.params.id, req.body);
      return reply.code(201).send({ ...apiKeyOut(key), secret });
    },
  );

  instorePaymentRoutes(root);
  walletInstoreRoutes(root);
}

export const instoreModule: HttpModule = {
  name: 'instore',
  tag: {
    name: 'instore',
    description:
      'In-store payments for visitors: stores, tills and POS keys; payments at the till (merchant-presented QR, shopper-presented code), refunds, receipts, daily reports',
  },
  routes,
};
