import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { formatAbn, MERCHANT_ACTIONS, MERCHANT_COUNTRIES, MERCHANT_STATUSES } from './rules.ts';
import {
  applyAsMerchant,
  createMerchant,
  decideMerchant,
  getMerchant,
  listMerchants,
  listStatusChanges,
  MERCHANT_CATEGORIES,
  type Merchant,
  type MerchantStatusChange,
  setPayoutAccount,
} from './service.ts';

const MerchantOut = z
  .object({
    id: z.string(),
    object: z.literal('merchant'),
    legal_name: z.string(),
    trading_name: z.string().nullable(),
    country: z.enum(MERCHANT_COUNTRIES),
    status: z.enum(MERCHANT_STATUSES),
    status_reason: z.string().nullable(),
    livemode: z.boolean().describe('False for the test twin `sk_test_` keys act as (its status is always `approved`)'),
    live_merchant_id: z.string().nullable().describe('On the test twin: the live merchant it stands in for'),
    business_number: z.string().nullable().describe('ABN (AU), NZBN (NZ) or Unified Social Credit Code (CN)'),
    gst_registered: z.boolean(),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }).nullable(),
    categories: z.array(z.string()),
    brands: z.array(z.string()),
    payout_account: z
      .object({
        country: z.enum(MERCHANT_COUNTRIES),
        masked: z.string().describe('Only the BSB, the bank-branch or the bank name, and the last digits'),
      })
      .nullable(),
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
  status_reason: m.statusReason,
  livemode: m.liveMerchantId === null,
  live_merchant_id: m.liveMerchantId,
  business_number: m.businessNumber && m.country === 'AU' ? formatAbn(m.businessNumber) : m.businessNumber,
  gst_registered: m.gstRegistered,
  contact: m.contact ?? null,
  categories: m.categories,
  brands: m.brands,
  payout_account: m.payoutAccount ? { country: m.payoutAccount.country, masked: m.payoutAccount.masked } : null,
  created_at: m.createdAt.toISOString(),
});

const StatusChangeOut = z
  .object({
    id: z.string(),
    object: z.literal('merchant_status_change'),
    merchant_id: z.string(),
    from_status: z.enum(MERCHANT_STATUSES).nullable(),
    to_status: z.enum(MERCHANT_STATUSES),
    action: z.string(),
    reason: z.string().nullable(),
    actor_kind: z.string(),
    actor_id: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'MerchantStatusChange' });

const statusChangeOut = (c: MerchantStatusChange): z.output<typeof StatusChangeOut> => ({
  id: c.id,
  object: 'merchant_status_change',
  merchant_id: c.merchantId,
  from_status: c.fromStatus,
  to_status: c.toStatus,
  action: c.action,
  reason: c.reason,
  actor_kind: c.actorKind,
  actor_id: c.actorId,
  at: c.at.toISOString(),
});

const owner = z.object({ email: z.email().max(254), name: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
const idParams = z.object({ id: z.string().max(64) });

const application = z.object({
  legal_name: z.string().trim().min(1).max(200),
  trading_name: z.string().trim().min(1).max(200).optional(),
  country: z
    .enum(MERCHANT_COUNTRIES)
    .describe('AU and NZ merchants sell to shoppers in China; CN (mainland China) merchants sell to shoppers in Australia and New Zealand'),
  business_number: z
    .string()
    .max(40)
    .describe(
      'ABN for Australia (11 digits), NZBN for New Zealand (13 digits, starts 94), Unified Social Credit Code 统一社会信用代码 for mainland China (18 characters, GB 32100-2015)',
    ),
  gst_registered: z.boolean(),
  contact: z.object({ name: z.string().trim().min(1).max(100), email: z.email().max(254), phone: z.string().max(30).optional() }),
  categories: z.array(z.enum(MERCHANT_CATEGORIES)).min(1).max(MERCHANT_CATEGORIES.length),
  brands: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  payout_account: z.discriminatedUnion('country', [
    z.object({
      country: z.literal('AU'),
      account_name: z.string().trim().min(1).max(100),
      bsb: z.string().max(10),
      account_number: z.string().max(20),
    }),
    z.object({
      country: z.literal('NZ'),
      account_name: z.string().trim().min(1).max(100),
      account_number: z.string().max(30).describe('bank-branch-account-suffix, e.g. 12-3456-0123456-000'),
    }),
    z.object({
      country: z.literal('CN'),
      account_name: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .describe('The account holder, as the bank has it (usually the company name in Chinese)'),
      bank_name: z.string().trim().min(1).max(100).describe('Bank and branch, e.g. 招商银行深圳分行'),
      account_number: z.string().max(40).describe('Mainland bank card or account number, 12–30 digits'),
    }),
  ]),
  owner,
});

const ACTION_TEXT = {
  approve: 'applied → approved. The merchant can list products and be paid.',
  reject: 'applied → rejected, with a reason the applicant sees. Its credentials stop working.',
  suspend:
    'approved → suspended, with a reason. Its products leave the storefront and its API keys and sessions stop working; nothing is deleted.',
  reinstate: 'suspended → approved, with a reason.',
} as const;

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/merchant-applications',
    {
      config: { access: 'public' },
      schema: {
        tags: ['merchants'],
        summary: 'Apply to sell on Tasman',
        description:
          'Creates the merchant in status `applied` with its owner account, who can sign in at once to follow the application. ' +
          'The ABN (ATO check-digit rule), NZBN (GS1 check digit, prefix 94) or, for `country: CN`, the Unified Social Credit Code ' +
          '(GB 32100-2015 character set and check character) is validated: `invalid_abn`, `invalid_nzbn`, `invalid_uscc` (param `business_number`). ' +
          'CN merchants price in and are settled in CNY. ' +
          'The payout account is stored encrypted and only ever shown masked. An operator approves or rejects the application.',
        body: application,
        response: { 201: MerchantOut.extend({ owner_id: z.string() }) },
      },
    },
    async (req, reply) => {
      const { merchant, owner } = await applyAsMerchant(req.ctx, req.body);
      return reply.code(201).send({ ...merchantOut(merchant), owner_id: owner.id });
    },
  );

  app.post(
    '/v1/merchants',
    {
      config: { access: { operator: ['admin', 'operations'] } },
      schema: {
        tags: ['merchants'],
        summary: 'Create an approved merchant directly',
        description:
          'For operators moving an existing brand onto the platform; brands normally apply through `POST /v1/merchant-applications`.',
        body: z.object({
          legal_name: z.string().trim().min(1).max(200),
          trading_name: z.string().trim().min(1).max(200).optional(),
          country: z.enum(MERCHANT_COUNTRIES),
          owner,
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
        description: 'Filter by `status=applied` for the queue of applications to review.',
        querystring: listQuerySchema.extend({ status: z.enum(MERCHANT_STATUSES).optional() }),
        response: { 200: listResponseSchema(MerchantOut) },
      },
    },
    async (req) => toListResponse(await listMerchants(req.ctx, { status: req.query.status }, req.query), req.url, merchantOut),
  );

  app.get(
    '/v1/merchants/:id',
    {
      config: { access: { operator: 'any', merchant: 'any', apiKey: 'merchant:read' } },
      schema: { tags: ['merchants'], summary: 'Retrieve a merchant', params: idParams, response: { 200: MerchantOut } },
    },
    async (req) => merchantOut(await getMerchant(req.ctx, req.params.id)),
  );

  app.put(
    '/v1/merchants/:id/payout-account',
    {
      config: { access: { operator: ['admin', 'finance'], merchant: ['owner'] } },
      schema: {
        tags: ['merchants'],
        summary: 'Change the payout account',
        description:
          'The bank account payouts go to, in the merchant’s country; checked like an application’s. Only the masked account is ever returned.',
        params: idParams,
        body: application.shape.payout_account,
        response: { 200: MerchantOut },
      },
    },
    async (req) => merchantOut(await setPayoutAccount(req.ctx, req.params.id, req.body)),
  );

  for (const action of MERCHANT_ACTIONS) {
    app.post(
      `/v1/merchants/:id/${action}`,
      {
        config: { access: { operator: ['admin', 'operations'] } },
        schema: {
          tags: ['merchants'],
          summary: `${action[0]?.toUpperCase()}${action.slice(1)} a merchant`,
          description: `${ACTION_TEXT[action]} Illegal transitions are \`409 invalid_state\`. Recorded in the status history and the audit log.`,
          params: idParams,
          body: z.object({ reason: z.string().trim().max(1000).optional() }).nullish(),
          response: { 200: MerchantOut },
        },
      },
      async (req) => merchantOut(await decideMerchant(req.ctx, req.params.id, action, req.body?.reason)),
    );
  }

  app.get(
    '/v1/merchants/:id/status-changes',
    {
      config: { access: { operator: 'any', merchant: ['owner', 'manager'] } },
      schema: {
        tags: ['merchants'],
        summary: "A merchant's status history",
        params: idParams,
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(StatusChangeOut) },
      },
    },
    async (req) => toListResponse(await listStatusChanges(req.ctx, req.params.id, req.query), req.url, statusChangeOut),
  );
}

export const merchantsModule: HttpModule = {
  name: 'merchants',
  tag: { name: 'merchants', description: 'Merchant applications, tenants and their life cycle' },
  routes,
};
