// The web apps (web/, built by Vite into web/dist) from the API's own server: the storefront at
// /, the merchant console at /merchant/, the operator console at /operator/. One GET route
// takes every path no other route has: a built file when there is one (hashed assets cached for
// a year), else the app's index.html so the app's router can take the path (deep links and
// reloads work). Paths under the API's own prefixes still answer the JSON route_not_found.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** The apps by path prefix, most specific first; the storefront takes the rest. */
const APPS = [
  { prefix: '/merchant', html: 'merchant/index.html' },
  { prefix: '/operator', html: 'operator/index.html' },
  { prefix: '/', html: 'index.html' },
] as const;

const API_PREFIXES = ['/v1/', '/docs', '/openapi.json', '/health', '/ready', '/metrics'];

/** The index.html that answers `path`, by the app whose prefix it is under. */
export function appHtmlFor(path: string): string {
  for (const a of APPS) if (a.prefix === '/' || path === a.prefix || path.startsWith(`${a.prefix}/`)) return a.html;
  return 'index.html';
}

export async function registerWeb(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  const built = existsSync(join(dist, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: dist, serve: false });
  app.get('/*', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (req, reply) => {
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (API_PREFIXES.some((p) => path.startsWith(p))) throw new AppError('route_not_found', `No route GET ${path}`);
    if (!built) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>Tasman</title><p>The web apps are not built. Run <code>npm run web:build</code> (npm start does it).</p>',
        );
    }
    const file = normalize(path)
      .replace(/^(\.\.[/\\])+/, '')
      .replace(/^\/+/, '');
    const full = join(dist, file);
    if (file && full.startsWith(dist) && existsSync(full) && statSync(full).isFile()) {
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable, cacheControl: true });
    }
    return reply.header('cache-control', 'no-cache').sendFile(appHtmlFor(path), { cacheControl: false });
  });
}
