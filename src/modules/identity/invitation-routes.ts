// HTTP for staff invitations (see invitations.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MERCHANT_ROLES } from '../../kernel/context.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { acceptInvitation, inviteStaff, listInvitations, revokeInvitation, type StaffInvitation } from './invitations.ts';
import { StaffUser, staffOut } from './routes.ts';

const InvitationOut = z
  .object({
    id: z.string(),
    object: z.literal('staff_invitation'),
    email: z.string(),
    role: z.enum(MERCHANT_ROLES),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    created_at: z.string(),
    expires_at: z.string(),
    accepted_at: z.string().nullable(),
  })
  .meta({ id: 'StaffInvitation' });

function invitationOut(i: StaffInvitation, at: Date): z.output<typeof InvitationOut> {
  const status = i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= at ? 'expired' : 'pending';
  return {
    id: i.id,
    object: 'staff_invitation',
    email: i.email,
    role: i.role as (typeof MERCHANT_ROLES)[number],
    status,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
    accepted_at: i.acceptedAt?.toISOString() ?? null,
  };
}

function routes(root: FastifyInstance): void {
  const app = typed(root);
  const admins = { merchant: ['owner', 'manager'] } as const;

  app.post(
    '/v1/staff/invitations',
    {
      config: { access: admins },
      schema: {
        tags: ['identity'],
        summary: 'Invite a staff member',
        description:
          'Returns a one-time `token` (shown only now) for the invitee, who accepts it with `POST /v1/staff/invitations/accept` within 7 days, choosing their own name and password. Only an owner can invite an owner.',
        body: z.object({ email: z.email().max(254), role: z.enum(MERCHANT_ROLES) }),
        response: { 201: InvitationOut.extend({ token: z.string() }) },
      },
    },
    async (req, reply) => {
      const { invitation, token } = await inviteStaff(req.ctx, req.body);
      return reply.code(201).send({ ...invitationOut(invitation, req.ctx.rt.clock.now()), token });
    },
  );

  app.get(
    '/v1/staff/invitations',
    {
      config: { access: admins },
      schema: {
        tags: ['identity'],
        summary: 'List staff invitations',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(InvitationOut) },
      },
    },
    async (req) => {
      const at = req.ctx.rt.clock.now();
      return toListResponse(await listInvitations(req.ctx, req.query), req.url, (i) => invitationOut(i, at));
    },
  );

  app.post(
    '/v1/staff/invitations/:id/revoke',
    {
      config: { access: admins },
      schema: {
        tags: ['identity'],
        summary: 'Revoke a pending invitation',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: InvitationOut },
      },
    },
    async (req) => invitationOut(await revokeInvitation(req.ctx, req.params.id), req.ctx.rt.clock.now()),
  );

  app.post(
    '/v1/staff/invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Accept a staff invitation',
        description: 'Creates the staff account with the invited email and role; then sign in with `POST /v1/sessions` (realm `staff`).',
        body: z.object({
          token: z.string().min(1).max(200),
          name: z.string().trim().min(1).max(100),
          password: z.string().min(1).max(200),
        }),
        response: { 201: StaffUser },
      },
    },
    async (req, reply) => reply.code(201).send(staffOut(await acceptInvitation(req.ctx, req.body))),
  );
}

export const invitationsModule: HttpModule = {
  name: 'staff-invitations',
  tag: { name: 'identity', description: 'Sign-in, shoppers and their real-name identity, staff, API keys' },
  routes,
};
