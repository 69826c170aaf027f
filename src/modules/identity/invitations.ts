// Staff invitations: an owner or manager invites a person by email with a role; the
// person accepts with the one-time token and chooses their own name and password, so no
// one else ever knows it. Tokens are random, stored hashed, expire after 7 days.
import { assertLiveWorld } from '../../kernel/livemode.ts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, MERCHANT_ROLES, type MerchantRole, now, tenantOf } from '../../kernel/context.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { newId } from '../../kernel/ids.ts';
import { staffInvitations, staffUsers } from './schema.ts';
import { createMerchantStaff, type StaffUser } from './service.ts';

export type StaffInvitation = typeof staffInvitations.$inferSelect;
export const INVITATION_TTL_MS = 7 * 86_400_000;

export async function inviteStaff(
  ctx: Ctx,
  input: { email: string; role: MerchantRole },
): Promise<{ invitation: StaffInvitation; token: string }> {
  await assertLiveWorld(ctx, 'Staff invitations');
  const merchantId = tenantOf(ctx);
  if (!MERCHANT_ROLES.includes(input.role))
    throw new AppError('invalid_request', `Unknown merchant role '${input.role}'`, { param: 'role' });
  const p = ctx.principal;
  if (input.role === 'owner' && !(p.kind === 'merchant' && p.role === 'owner')) {
    throw new AppError('forbidden', 'Only an owner can invite another owner', { param: 'role' });
  }
  const email = input.email.trim().toLowerCase();
  const token = `inv_tok_${randomToken(24)}`;
  return inTransaction(ctx, async (tx) => {
    const [existing] = await tx.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email));
    if (existing) throw new AppError('already_exists', 'A staff account with this email already exists', { param: 'email' });
    const t = now(tx);
    const [invitation] = await tx.db
      .insert(staffInvitations)
      .values({
        id: newId('invitation'),
        merchantId,
        email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedBy: p.kind === 'anonymous' ? null : p.id,
        createdAt: t,
        expiresAt: new Date(t.getTime() + INVITATION_TTL_MS),
      })
      .returning();
    if (!invitation) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'staff.invited',
      objectType: 'staff_invitation',
      objectId: invitation.id,
      data: { email, role: input.role },
    });
    return { invitation, token };
  });
}

export function listInvitations(ctx: Ctx, q: ListQuery): Promise<Page<StaffInvitation>> {
  return listPage(ctx.db, staffInvitations, staffInvitations.id, eq(staffInvitations.merchantId, tenantOf(ctx)), q, 'invitation');
}

export async function revokeInvitation(ctx: Ctx, id: string): Promise<StaffInvitation> {
  const merchantId = tenantOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const [inv] = await tx.db
      .select()
      .from(staffInvitations)
      .where(and(eq(staffInvitations.id, id), eq(staffInvitations.merchantId, merchantId)));
    if (!inv) throw notFound('staff_invitation', id);
    if (inv.acceptedAt) throw new AppError('invalid_state', 'This invitation was already accepted; disable the staff account instead');
    if (inv.revokedAt) return inv;
    const [revoked] = await tx.db
      .update(staffInvitations)
      .set({ revokedAt: now(tx) })
      .where(eq(staffInvitations.id, id))
      .returning();
    if (!revoked) throw new Error('update returned nothing');
    await recordAudit(tx, { action: 'staff.invitation_revoked', objectType: 'staff_invitation', objectId: id });
    return revoked;
  });
}

/** Anyone holding the token accepts it once, before it expires; every other case is the same 404. */
export async function acceptInvitation(ctx: Ctx, input: { token: string; name: string; password: string }): Promise<StaffUser> {
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [inv] = await tx.db
      .select()
      .from(staffInvitations)
      .where(
        and(
          eq(staffInvitations.tokenHash, sha256Hex(input.token)),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
          gt(staffInvitations.expiresAt, t),
        ),
      )
      .for('update');
    if (!inv) throw new AppError('not_found', 'No such invitation, or it was already used, revoked or has expired', { param: 'token' });
    const asSystem: Ctx = { ...tx, principal: { kind: 'system', id: `invitation:${inv.id}` } };
    const user = await createMerchantStaff(asSystem, {
      email: inv.email,
      name: input.name,
      password: input.password,
      role: inv.role as MerchantRole,
      merchantId: inv.merchantId,
    });
    await tx.db.update(staffInvitations).set({ acceptedAt: t, acceptedUserId: user.id }).where(eq(staffInvitations.id, inv.id));
    return user;
  });
}
