// The console's test mode (decisions §23): a merchant's staff session acts as the merchant's test
// twin when the request says so — header `Tasman-Mode: test`, or the cookie `tasman_mode=test`
// the console sets, which also travels with downloads (labels, statements, CSV). API keys carry
// their mode in themselves: a header that contradicts the key is refused, never obeyed.
import type { FastifyRequest } from 'fastify';
import type { Principal, Runtime } from '../../kernel/context.ts';
import { systemCtx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { ensureTestTwin } from '../merchants/test-twin.ts';

export const MODE_HEADER = 'tasman-mode';
export const MODE_COOKIE = 'tasman_mode';

/** The mode a request asks for: the header, else (for the console) the cookie; undefined when it says nothing. */
export function requestedMode(req: Pick<FastifyRequest, 'headers' | 'cookies'>): 'test' | 'live' | undefined {
  const header = req.headers[MODE_HEADER];
  const value = typeof header === 'string' ? header.trim().toLowerCase() : req.cookies?.[MODE_COOKIE];
  if (value === undefined || value === '') return undefined;
  if (value === 'test' || value === 'live') return value;
  throw new AppError('invalid_request', "The Tasman-Mode header is 'test' or 'live'", { param: 'Tasman-Mode' });
}

/** The onAuthenticated hook: switch a staff session into its merchant's test world when asked. */
export function testModeHook(rt: Runtime): (req: FastifyRequest) => Promise<void> {
  // Twin ids never change: one lookup (or creation) per merchant per process.
  const twins = new Map<string, string>();
  return async (req) => {
    const p = req.principal;
    if (p.kind !== 'merchant' && p.kind !== 'api_key') return;
    const mode = requestedMode(req);
    if (mode === undefined) return;
    if (p.kind === 'api_key') {
      if (mode !== p.mode) throw new AppError('invalid_request', `This is a ${p.mode} key: its mode is its own`, { param: 'Tasman-Mode' });
      return;
    }
    if (mode === 'live' || p.liveMerchantId) return;
    let twin = twins.get(p.merchantId);
    if (!twin) {
      twin = (await ensureTestTwin(systemCtx(rt, 'test-mode'), p.merchantId)).id;
      twins.set(p.merchantId, twin);
    }
    const principal: Principal = { ...p, merchantId: twin, liveMerchantId: p.merchantId };
    req.principal = principal;
    req.ctx = { ...req.ctx, principal };
  };
}
