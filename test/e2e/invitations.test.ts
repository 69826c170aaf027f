// Staff invitations (issue 3, "Owner invites staff"): a one-time token, the invitee's own
// password, 7-day expiry, roles bounded by the inviter's, revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createMerchant, DEMO_PASSWORD, type MerchantFixture, operatorToken, signIn, uniqueEmail } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let m: MerchantFixture;
let other: MerchantFixture;
beforeAll(async () => {
  p = await startPlatform();
  const op = await operatorToken(p);
  m = await createMerchant(p, op, 'Manuka Bay Honey');
  other = await createMerchant(p, op, 'Kiwi Formula');
});
afterAll(() => p.close());

async function invite(token: string, role = 'staff', email = uniqueEmail('invitee')) {
  const r = await call(p, 'POST', '/v1/staff/invitations', { token, body: { email, role } });
  return { r, email };
}

describe('staff invitations', () => {
  it('an owner invites; the invitee accepts with their own password, signs in with the role, and the token is spent', async () => {
    const { r, email } = await invite(m.owner, 'manager', uniqueEmail('Mixed').toUpperCase());
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ object: 'staff_invitation', email: email.toLowerCase(), role: 'manager', status: 'pending' });
    expect(r.body.token).toMatch(/^inv_tok_/);
    expect(new Date(r.body.expires_at).getTime() - new Date(r.body.created_at).getTime()).toBe(7 * 86_400_000);
    // Only a hash is stored.
    const rows = await p.database.query('select * from staff_invitations where id = $1', [r.body.id]);
    expect(JSON.stringify(rows)).not.toContain(r.body.token);

    const accepted = await call(p, 'POST', '/v1/staff/invitations/accept', {
      body: { token: r.body.token, name: 'Mere Manager', password: DEMO_PASSWORD },
    });
    expect(accepted.status, accepted.raw).toBe(201);
    expect(accepted.body).toMatchObject({
      object: 'staff_user',
      kind: 'merchant',
      merchant_id: m.id,
      role: 'manager',
      name: 'Mere Manager',
    });
    const token = await signIn(p, 'staff', email);
    expect((await call(p, 'GET', '/v1/me', { token })).body).toMatchObject({ kind: 'merchant', role: 'manager', merchant_id: m.id });

    const again = await call(p, 'POST', '/v1/staff/invitations/accept', {
      body: { token: r.body.token, name: 'Someone', password: DEMO_PASSWORD },
    });
    expect(again.status).toBe(404);
    const list = await call(p, 'GET', '/v1/staff/invitations', { token: m.owner });
    expect(list.body.data.find((i: { id: string }) => i.id === r.body.id).status).toBe('accepted');
    const audit = await call(p, 'GET', `/v1/audit-events?action=staff.invited&object_id=${r.body.id}`, { token: m.owner });
    expect(audit.body.data).toHaveLength(1);
  });

  it('a manager may invite staff and managers, never an owner; staff may not invite at all', async () => {
    const mgr = await invite(m.owner, 'manager');
    await call(p, 'POST', '/v1/staff/invitations/accept', { body: { token: mgr.r.body.token, name: 'M', password: DEMO_PASSWORD } });
    const manager = await signIn(p, 'staff', mgr.email);
    expect((await invite(manager, 'staff')).r.status).toBe(201);
    const owner = await invite(manager, 'owner');
    expect(owner.r.status).toBe(403);
    expect(owner.r.body.error).toMatchObject({ code: 'forbidden', param: 'role' });

    const st = await invite(m.owner, 'staff');
    await call(p, 'POST', '/v1/staff/invitations/accept', { body: { token: st.r.body.token, name: 'S', password: DEMO_PASSWORD } });
    const staff = await signIn(p, 'staff', st.email);
    expect((await invite(staff, 'staff')).r.status).toBe(403);
  });

  it('an email that already has a staff account → 409 already_exists', async () => {
    const r = await call(p, 'POST', '/v1/staff/invitations', { token: m.owner, body: { email: other.ownerEmail, role: 'staff' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'already_exists', param: 'email' });
  });

  it('an expired invitation cannot be accepted', async () => {
    const { r } = await invite(m.owner);
    p.clock.advance(7 * 86_400_000 + 1);
    const accepted = await call(p, 'POST', '/v1/staff/invitations/accept', {
      body: { token: r.body.token, name: 'Late', password: DEMO_PASSWORD },
    });
    expect(accepted.status).toBe(404);
    expect(accepted.body.error.param).toBe('token');
    // A week later the owners' sessions (SESSION_TTL_HOURS 168) have expired too: they sign in again.
    m.owner = await signIn(p, 'staff', m.ownerEmail);
    other.owner = await signIn(p, 'staff', other.ownerEmail);
    const list = await call(p, 'GET', '/v1/staff/invitations?limit=100', { token: m.owner });
    expect(list.body.data.find((i: { id: string }) => i.id === r.body.id).status).toBe('expired');
  });

  it('a revoked invitation cannot be accepted; revoking an accepted one → 409; another merchant’s → 404', async () => {
    const { r } = await invite(m.owner);
    const revoked = await call(p, 'POST', `/v1/staff/invitations/${r.body.id}/revoke`, { token: m.owner });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect(
      (await call(p, 'POST', '/v1/staff/invitations/accept', { body: { token: r.body.token, name: 'X', password: DEMO_PASSWORD } })).status,
    ).toBe(404);

    const used = await invite(m.owner);
    await call(p, 'POST', '/v1/staff/invitations/accept', { body: { token: used.r.body.token, name: 'Y', password: DEMO_PASSWORD } });
    const late = await call(p, 'POST', `/v1/staff/invitations/${used.r.body.id}/revoke`, { token: m.owner });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_state');

    const foreign = await invite(m.owner);
    expect((await call(p, 'POST', `/v1/staff/invitations/${foreign.r.body.id}/revoke`, { token: other.owner })).status).toBe(404);
    const theirs = await call(p, 'GET', '/v1/staff/invitations?limit=100', { token: other.owner });
    expect(theirs.body.data.map((i: { id: string }) => i.id)).not.toContain(foreign.r.body.id);
  });

  it('a weak password on acceptance → 400 weak_password, and the invitation stays usable', async () => {
    const { r, email } = await invite(m.owner);
    const weak = await call(p, 'POST', '/v1/staff/invitations/accept', {
      body: { token: r.body.token, name: 'W', password: '1111111111' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'weak_password', param: 'password' });
    const ok = await call(p, 'POST', '/v1/staff/invitations/accept', { body: { token: r.body.token, name: 'W', password: DEMO_PASSWORD } });
    expect(ok.status).toBe(201);
    expect(ok.body.email).toBe(email);
  });
});
