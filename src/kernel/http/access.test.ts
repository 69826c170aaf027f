// The access rule of every route (docs/api.md, "Authentication"): who is refused with 401,
// who with 403, and how API-key scopes combine.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../context.ts';
import type { AppError } from '../errors.ts';
import { type Access, assertAccess, describeAccess, scopeAllows } from './access.ts';

const P: Record<string, Principal> = {
  anonymous: { kind: 'anonymous' },
  admin: { kind: 'operator', id: 'opr_1', role: 'admin', sessionId: 's' },
  support: { kind: 'operator', id: 'opr_2', role: 'support', sessionId: 's' },
  owner: { kind: 'merchant', id: 'usr_1', merchantId: 'mer_1', role: 'owner', sessionId: 's' },
  staff: { kind: 'merchant', id: 'usr_2', merchantId: 'mer_1', role: 'staff', sessionId: 's' },
  keyAll: { kind: 'api_key', id: 'key_1', merchantId: 'mer_1', mode: 'test', scopes: ['*'] },
  keyStaff: { kind: 'api_key', id: 'key_2', merchantId: 'mer_1', mode: 'live', scopes: ['staff:read'] },
  shopper: { kind: 'shopper', id: 'shp_1', country: 'CN', sessionId: 's' },
  system: { kind: 'system', id: 'job' },
};

const rule: Access = { operator: ['admin'], merchant: ['owner'], apiKey: 'api_keys:read' };

function outcome(p: Principal, a: Access): string {
  try {
    assertAccess(p, a);
    return 'ok';
  } catch (e) {
    return (e as AppError).code;
  }
}

describe('assertAccess', () => {
  it.each([
    ['anonymous', 'authentication_required'],
    ['admin', 'ok'],
    ['support', 'forbidden'],
    ['owner', 'ok'],
    ['staff', 'forbidden'],
    ['keyAll', 'ok'],
    ['keyStaff', 'insufficient_scope'],
    ['shopper', 'forbidden'],
    ['system', 'ok'],
  ])('%s on {operator: admin, merchant: owner, apiKey: api_keys:read} → %s', (who, expected) => {
    expect(outcome(P[who] as Principal, rule)).toBe(expected);
  });

  it('public routes let everyone through', () => {
    for (const p of Object.values(P)) expect(outcome(p, 'public')).toBe('ok');
  });

  it("apiKey 'any' admits a key whatever its scopes, and keys only where a rule names them", () => {
    expect(outcome(P.keyStaff as Principal, { apiKey: 'any' })).toBe('ok');
    expect(outcome(P.keyAll as Principal, { merchant: 'any' })).toBe('forbidden');
  });

  it('names who may call, for the API reference', () => {
    expect(describeAccess(rule)).toBe(
      'Who may call: operator staff (admin); merchant staff (owner); merchant API keys with scope `api_keys:read`.',
    );
    expect(describeAccess('public')).toMatch(/^Public/);
  });
});

describe('scopeAllows', () => {
  it.each([
    [['*'], 'staff:read', true],
    [['staff:read'], 'staff:read', true],
    [['staff:read'], 'audit:read', false],
    [['orders:write'], 'orders:read', true],
    [['orders:read'], 'orders:write', false],
    [[], 'staff:read', false],
  ])('%j allows %s: %s', (held, needed, expected) => {
    expect(scopeAllows(held, needed)).toBe(expected);
  });
});
