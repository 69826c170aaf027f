import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { createMerchant, getMerchant, listMerchants, type Merchant } from './service.ts';

const MerchantOut = z
  .object({
    id: z.string(),
    object: z.literal('merchant'),
    legal_name: z.string(),
    trading_name: z.string().nullable(),
    country: z.enum(['AU', 'NZ']),
    status: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'Merchant' });

const merchantOut = (m: Merchant): z.output<typeof MerchantOut> => ({
  id: m.id,
  object: 'merchant',
  legal_name: m.legalName,
  trading_name: m.tradingName,
  country: m.country,
  status: m.status,
  created_at: m.createdAt.toISOString(),
});

function routes(root: FastifyInstance): void {
  const app = typed(root);
  app.post(
    '/v1/merchants',
    {
      config: { access: { operator: ['admin', 'operations'] } },
      schema: {
        tags: ['merchants'],
        summary: 'Create a merchant with its owner account',
        body: z.object({
          legal_name: z.string().trim().min(1).max(200),
          trading_name: z.string().trim().min(1).max(200).optional(),
          country: z.enum(['AU', 'NZ']),
          owner: z.object({ email: z.email().max(254), name: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
        }),
        response: { 201: MerchantOut.extend({ owner_id: z.string() }) },
      },
    },
    async (req, reply) => {
      const { merchant, owner } = await createMerchant(req.ctx, req.body);
      return reply.code(201).send({ ...merchantOut(merchant), owner_id: owner.id });
    },
  );
  app.get(
    '/v1/merchants',
    {
      config: { access: { operator: 'any' } },
      schema: {
        tags: ['merchants'],
        summary: 'List merchants',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(MerchantOut) },
      },
    },
    async (req) => toListResponse(await listMerchants(req.ctx, req.query), req.url, merchantOut),
  );
  app.get(
    '/v1/merchants/:id',
    {
      config: { access: { operator: 'any', merchant: 'any', apiKey: 'merchant:read' } },
      schema: {
        tags: ['merchants'],
        summary: 'Retrieve a merchant',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: MerchantOut },
      },
    },
    async (req) => merchantOut(await getMerchant(req.ctx, req.params.id)),
  );
}

export const merchantsModule: HttpModule = {
  name: 'merchants',
  tag: { name: 'merchants', description: 'Merchant tenants' },
  routes,
};
