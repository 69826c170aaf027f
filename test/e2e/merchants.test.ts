// Merchant onboarding and life cycle (PRODUCT.md M1): applications with ABN/NZBN and a
// payout account, operator decisions with reasons, suspension cutting off credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../../src/kernel/crypto.ts';
import { MERCHANT_ACTIONS, MERCHANT_TRANSITIONS } from '../../src/modules/merchants/rules.ts';
import { call, DEMO_PASSWORD, operatorToken, signIn, uniqueEmail } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let op: string;
beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p);
});
afterAll(() => p.close());

function auApplication(overrides: Record<string, unknown> = {}) {
  return {
    legal_name: 'Manuka Bay Honey Pty Ltd',
    trading_name: 'Manuka Bay',
    country: 'AU',
    business_number: '51 824 753 556',
    gst_registered: true,
    contact: { name: 'Mia Contact', email: 'mia@manukabay.example', phone: '+61 400 000 000' },
    categories: ['honey', 'health_supplements'],
    brands: ['Manuka Bay', 'Manuka Bay', ' Hive Gold '],
    payout_account: { country: 'AU', account_name: 'Manuka Bay Honey', bsb: '062-000', account_number: '12345678' },
    owner: { email: uniqueEmail('owner'), name: 'Olivia Owner', password: DEMO_PASSWORD },
    ...overrides,
  };
}

const nzApplication = () =>
  auApplication({
    legal_name: 'Kiwi Formula Ltd',
    country: 'NZ',
    business_number: '9429041234563',
    categories: ['infant_formula'],
    payout_account: { country: 'NZ', account_name: 'Kiwi Formula', account_number: '12 3456 0123456 00' },
  });

async function apply(body: Record<string, unknown>) {
  const r = await call(p, 'POST', '/v1/merchant-applications', { body });
  expect(r.status, r.raw).toBe(201);
  return r.body;
}

describe('applications', () => {
  it('an AU brand applies: status applied, ABN formatted, payout account masked and encrypted at rest', async () => {
    const m = await apply(auApplication());
    expect(m).toMatchObject({
      object: 'merchant',
      status: 'applied',
      country: 'AU',
      business_number: '51 824 753 556',
      gst_registered: true,
      categories: ['honey', 'health_supplements'],
      brands: ['Manuka Bay', 'Hive Gold'],
      payout_account: { country: 'AU', masked: '062-000 ****678' },
    });
    expect(JSON.stringify(m)).not.toContain('12345678');
    const [row] = await p.database.query<{ payout_account: { ciphertext: string } }>('select payout_account from merchants where id = $1', [
      m.id,
    ]);
    expect(JSON.stringify(row)).not.toContain('12345678');
    expect(decryptField(p.rt.keys.encryption, row?.payout_account.ciphertext ?? '', m.id)).toBe('Manuka Bay Honey\n062000 12345678');
  });

  it('an NZ brand applies with an NZBN and a normalised NZ account', async () => {
    const m = await apply(nzApplication());
    expect(m).toMatchObject({
      status: 'applied',
      business_number: '9429041234563',
      payout_account: { country: 'NZ', masked: '12-3456-****456-000' },
    });
  });

  it('the applicant signs in at once and sees only its own merchant', async () => {
    const body = auApplication();
    const m = await apply(body);
    const owner = await signIn(p, 'staff', body.owner.email);
    const me = await call(p, 'GET', '/v1/me', { token: owner });
    expect(me.body).toMatchObject({ kind: 'merchant', role: 'owner', merchant_id: m.id });
    expect((await call(p, 'GET', `/v1/merchants/${m.id}`, { token: owner })).body.status).toBe('applied');
  });

  it.each([
    ['AU with a wrong ABN check digit', auApplication({ business_number: '51 824 753 557' }), 'invalid_abn', 'business_number', 'checksum'],
    ['AU with a 10-digit ABN', auApplication({ business_number: '5182475355' }), 'invalid_abn', 'business_number', 'format'],
    [
      'NZ with a wrong NZBN check digit',
      { ...nzApplication(), business_number: '9429041234565' },
      'invalid_nzbn',
      'business_number',
      'checksum',
    ],
    ['NZ with an ABN', { ...nzApplication(), business_number: '51824753556' }, 'invalid_nzbn', 'business_number', 'format'],
    [
      'AU with a 5-digit BSB',
      auApplication({ payout_account: { country: 'AU', account_name: 'x', bsb: '06200', account_number: '12345678' } }),
      'invalid_bank_account',
      'payout_account.bsb',
      'bsb_format',
    ],
    [
      'NZ with a malformed account',
      { ...nzApplication(), payout_account: { country: 'NZ', account_name: 'x', account_number: '12-34-5' } },
      'invalid_bank_account',
      'payout_account.account_number',
      'format',
    ],
  ])('%s → 400 %s naming %s, and nothing is written', async (_name, body, code, param, reason) => {
    const before = await p.database.query<{ n: number }>('select count(*)::int as n from merchants');
    const r = await call(p, 'POST', '/v1/merchant-applications', { body });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error).toMatchObject({ code, param, reason });
    const after = await p.database.query<{ n: number }>('select count(*)::int as n from merchants');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('a payout account in another country → 400 invalid_bank_account', async () => {
    const r = await call(p, 'POST', '/v1/merchant-applications', {
      body: auApplication({ payout_account: { country: 'NZ', account_name: 'x', account_number: '12-3456-0123456-000' } }),
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_bank_account', param: 'payout_account.country' });
  });

  it('an unknown category → 400 naming categories', async () => {
    const r = await call(p, 'POST', '/v1/merchant-applications', { body: auApplication({ categories: ['firearms'] }) });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toMatch(/^categories/);
  });

  it('operators find applications waiting for review', async () => {
    const m = await apply(auApplication());
    const r = await call(p, 'GET', '/v1/merchants?status=applied&limit=100', { token: op });
    expect(r.body.data.map((x: { id: string }) => x.id)).toContain(m.id);
    expect(r.body.data.every((x: { status: string }) => x.status === 'applied')).toBe(true);
  });
});

describe('life cycle', () => {
  // Bring a fresh merchant to `status` through the API.
  async function merchantIn(status: 'applied' | 'approved' | 'rejected' | 'suspended') {
    const body = auApplication();
    const m = await apply(body);
    const path = { applied: [], approved: ['approve'], rejected: ['reject'], suspended: ['approve', 'suspend'] }[status];
    for (const action of path) {
      const r = await call(p, 'POST', `/v1/merchants/${m.id}/${action}`, { token: op, body: { reason: 'set-up' } });
      expect(r.status, r.raw).toBe(200);
    }
    return { id: m.id as string, ownerEmail: body.owner.email };
  }

  const cases = (['applied', 'approved', 'rejected', 'suspended'] as const).flatMap((from) =>
    MERCHANT_ACTIONS.map(
      (action) => [from, action, MERCHANT_TRANSITIONS[action].from === from ? MERCHANT_TRANSITIONS[action].to : null] as const,
    ),
  );

  it.each(cases)('%s + %s → %s', async (from, action, to) => {
    const m = await merchantIn(from);
    const r = await call(p, 'POST', `/v1/merchants/${m.id}/${action}`, { token: op, body: { reason: 'quality review' } });
    if (to) {
      expect(r.status, r.raw).toBe(200);
      expect(r.body.status).toBe(to);
      expect(r.body.status_reason).toBe('quality review');
      const history = await call(p, 'GET', `/v1/merchants/${m.id}/status-changes`, { token: op });
      expect(history.body.data[0]).toMatchObject({
        from_status: from,
        to_status: to,
        action,
        reason: 'quality review',
        actor_kind: 'operator',
      });
      const audit = await call(
        p,
        'GET',
        `/v1/audit-events?object_id=${m.id}&action=merchant.${action === 'reinstate' ? 'reinstated' : `${action.replace(/e$/, '')}ed`}`,
        {
          token: op,
        },
      );
      expect(audit.body.data).toHaveLength(1);
      expect(audit.body.data[0].data).toMatchObject({ from, to, reason: 'quality review' });
    } else {
      expect(r.status, r.raw).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'invalid_state', status: from });
      expect((await call(p, 'GET', `/v1/merchants/${m.id}`, { token: op })).body.status).toBe(from);
    }
  });

  it.each(['reject', 'suspend', 'reinstate'])('%s without a reason → 400 naming reason', async (action) => {
    const m = await merchantIn(action === 'reject' ? 'applied' : action === 'suspend' ? 'approved' : 'suspended');
    const r = await call(p, 'POST', `/v1/merchants/${m.id}/${action}`, { token: op, body: { reason: '  ' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_request', param: 'reason' });
  });

  it('approve needs no reason; an unknown merchant → 404', async () => {
    const m = await merchantIn('applied');
    expect((await call(p, 'POST', `/v1/merchants/${m.id}/approve`, { token: op })).status).toBe(200);
    const r = await call(p, 'POST', '/v1/merchants/mer_01jdx8qz7pf2v3r5s6t7w8y9za/approve', { token: op });
    expect(r.status).toBe(404);
  });

  it('suspension cuts off keys and sessions at once, keeps the data; reinstatement restores them', async () => {
    const m = await merchantIn('approved');
    const owner = await signIn(p, 'staff', m.ownerEmail);
    const key = await call(p, 'POST', '/v1/api-keys', { token: owner, body: { name: 'erp', mode: 'live' } });
    expect((await call(p, 'GET', '/v1/me', { token: key.body.secret })).status).toBe(200);

    expect((await call(p, 'POST', `/v1/merchants/${m.id}/suspend`, { token: op, body: { reason: 'counterfeit complaint' } })).status).toBe(
      200,
    );
    expect((await call(p, 'GET', '/v1/me', { token: key.body.secret })).body.error.code).toBe('invalid_api_key');
    expect((await call(p, 'GET', '/v1/me', { token: owner })).body.error.code).toBe('session_expired');
    expect((await call(p, 'POST', '/v1/sessions', { body: { realm: 'staff', email: m.ownerEmail, password: DEMO_PASSWORD } })).status).toBe(
      401,
    );
    // Nothing deleted: the operator still sees the merchant and its key.
    expect((await call(p, 'GET', `/v1/merchants/${m.id}`, { token: op })).body.status).toBe('suspended');
    const keys = await p.database.query('select id from api_keys where merchant_id = $1', [m.id]);
    expect(keys).toHaveLength(1);

    expect((await call(p, 'POST', `/v1/merchants/${m.id}/reinstate`, { token: op, body: { reason: 'complaint withdrawn' } })).status).toBe(
      200,
    );
    expect((await call(p, 'GET', '/v1/me', { token: key.body.secret })).status).toBe(200);
    expect((await call(p, 'POST', '/v1/sessions', { body: { realm: 'staff', email: m.ownerEmail, password: DEMO_PASSWORD } })).status).toBe(
      201,
    );
  });

  it('two operators deciding at once: exactly one wins', async () => {
    const m = await merchantIn('applied');
    const [a, b] = await Promise.all([
      call(p, 'POST', `/v1/merchants/${m.id}/approve`, { token: op }),
      call(p, 'POST', `/v1/merchants/${m.id}/reject`, { token: op, body: { reason: 'duplicate' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const history = await call(p, 'GET', `/v1/merchants/${m.id}/status-changes`, { token: op });
    expect(history.body.data).toHaveLength(2); // apply + the winner
  });

  it('the merchant reads its own status history (owner), not another merchant’s', async () => {
    const m = await merchantIn('approved');
    const other = await merchantIn('approved');
    const owner = await signIn(p, 'staff', m.ownerEmail);
    const mine = await call(p, 'GET', `/v1/merchants/${m.id}/status-changes`, { token: owner });
    expect(mine.body.data.map((c: { action: string }) => c.action)).toEqual(['approve', 'apply']);
    expect((await call(p, 'GET', `/v1/merchants/${other.id}/status-changes`, { token: owner })).status).toBe(404);
  });
});
