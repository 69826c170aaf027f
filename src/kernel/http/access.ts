// Who may call a route is declared on the route (`config.access`) and enforced here, in
// one place, before the body is even parsed. A route without a declaration fails the
// server's start, so no route is ever open by accident.
import type { MerchantRole, OperatorRole, Principal } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * Scopes an API key can hold. `*` is full access; `x:write` implies `x:read`. Only scopes
 * that some route accepts are listed: a scope that grants nothing would mislead.
 */
export const API_SCOPES = [
  'merchant:read',
  'staff:read',
  'api_keys:read',
  'audit:read',
  'events:read',
  'products:read',
  'products:write',
  'inventory:read',
  'inventory:write',
  'payments:read',
  'payments:write',
  'orders:read',
  'orders:write',
  'shipments:read',
  'shipments:write',
  /** Reading in-store payments and till reports of all the merchant's stores. */
  'instore:read',
  /** POS keys (one till each): in-store payments at that till. */
  'instore:write',
  /** Webhook endpoints, their deliveries and replays. */
  'webhooks:read',
  'webhooks:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export type Access =
  | 'public'
  | {
      operator?: readonly OperatorRole[] | 'any';
      merchant?: readonly MerchantRole[] | 'any';
      /** API keys may call the route when they hold this scope (`any`: every valid key). */
      apiKey?: ApiScope | 'any';
      shopper?: boolean;
    };

export function scopeAllows(held: readonly string[], needed: string): boolean {
  if (held.includes('*') || held.includes(needed)) return true;
  const [resource, action] = needed.split(':');
  return action === 'read' && held.includes(`${resource}:write`);
}

/** Throws 401 when nobody is signed in and the route needs someone, 403 when the wrong someone. */
export function assertAccess(p: Principal, access: Access): void {
  if (access === 'public' || p.kind === 'system') return;
  switch (p.kind) {
    case 'anonymous':
      throw new AppError('authentication_required', 'Sign in or send an API key (Authorization: Bearer …) to call this');
    case 'operator':
      if (access.operator === 'any' || access.operator?.includes(p.role)) return;
      break;
    case 'merchant':
      if (access.merchant === 'any' || access.merchant?.includes(p.role)) return;
      break;
    case 'shopper':
      if (access.shopper) return;
      break;
    case 'api_key':
      if (access.apiKey) {
        if (access.apiKey === 'any' || scopeAllows(p.scopes, access.apiKey)) return;
        throw new AppError('insufficient_scope', `This API key lacks the '${access.apiKey}' scope`, {
          details: { required_scope: access.apiKey },
        });
      }
      break;
  }
  throw new AppError('forbidden', 'Your account is not allowed to do this');
}

/** Human text for the API reference: who may call the route. */
export function describeAccess(access: Access): string {
  if (access === 'public') return 'Public: no credentials needed.';
  const parts: string[] = [];
  if (access.operator) parts.push(`operator staff (${access.operator === 'any' ? 'any role' : access.operator.join(', ')})`);
  if (access.merchant) parts.push(`merchant staff (${access.merchant === 'any' ? 'any role' : access.merchant.join(', ')})`);
  if (access.apiKey)
    parts.push(access.apiKey === 'any' ? 'merchant API keys (any scope)' : `merchant API keys with scope \`${access.apiKey}\``);
  if (access.shopper) parts.push('shoppers');
  return `Who may call: ${parts.join('; ')}.`;
}
