// The HTTP server: Fastify with Zod schemas as the single source of validation, types and
// the OpenAPI 3.1 document. This file wires the cross-cutting parts (request ids, errors,
// access, rate limits, idempotency, metrics, health); modules only add routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Ctx, Principal, Runtime } from '../context.ts';
import { sha256Hex } from '../crypto.ts';
import { migrationStatus } from '../db/migrate.ts';
import { ping } from '../db/client.ts';
import { AppError, ERROR_CODES } from '../errors.ts';
import { newId } from '../ids.ts';
import { type Access, assertAccess, describeAccess } from './access.ts';
import { toAppError, errorBody } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerWeb } from './web.ts';
import { createMetrics } from './metrics.ts';

export type App = FastifyInstance;
export type ZApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Creating POSTs honour Idempotency-Key unless this is false (sign-in, sign-out). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    principal: Principal;
    ctx: Ctx;
  }
}

export interface Credential {
  type: 'bearer' | 'cookie';
  token: string;
}

export interface HttpModule {
  name: string;
  /** OpenAPI tag shown in the API reference. */
  tag: { name: string; description: string };
  routes(app: FastifyInstance, rt: Runtime): void;
  /**
   * A hook on every request once its caller is known, before access is checked (per-merchant
   * rate limits and metering); it may refuse the request by throwing an AppError.
   */
  onAuthenticated?(rt: Runtime): (req: FastifyRequest) => Promise<void>;
}

export interface ServerOptions {
  modules: readonly HttpModule[];
  /** Resolves a credential to a principal; throws an AppError for a bad one. */
  authenticate(rt: Runtime, credential: Credential): Promise<Principal>;
  sessionCookie: string;
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export async function buildServer(rt: Runtime, opts: ServerOptions): Promise<FastifyInstance & { tasmanRoutes: RouteInfo[] }> {
  const { config } = rt;
  const app = Fastify({
    loggerInstance: rt.log,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: () => newId('request'),
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      // Probes every few seconds would drown the log.
      disableRequestLogging: (req) => req.url === '/health' || req.url === '/ready' || req.url === '/metrics',
    }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteInfo[] = [];
  app.decorate('tasmanRoutes', routes);
  app.decorateRequest('principal', null as never);
  app.decorateRequest('ctx', null as never);

  // Every route must say who may call it; the reference shows it too.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // The API reference page's own routes (from @fastify/swagger-ui) are public.
    if (route.url.startsWith('/docs') && access === undefined) route.config = { ...route.config, access: 'public' };
    const declared = route.config?.access;
    if (declared === undefined) throw new Error(`route ${route.method} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') routes.push({ method: m, url: route.url, access: declared });
    if (route.schema && !route.schema.hide) {
      const s = route.schema as Record<string, unknown>;
      s.description = [s.description, describeAccess(declared)].filter(Boolean).join('\n\n');
      if (declared !== 'public') s.security = [{ bearerAuth: [] }, { cookieAuth: [] }];
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tasman API',
        version: '1',
        description:
          'The Tasman commerce platform API for the Australia/New Zealand ⇄ China corridor. ' +
          'Conventions (errors, pagination, idempotency, money) are in docs/api.md.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A merchant API key (sk_test_…, sk_live_…) or a session token' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: opts.sessionCookie },
        },
      },
      tags: [...new Map(opts.modules.map((m) => [m.tag.name, m.tag])).values()],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => withErrorResponses(jsonSchemaTransformObject(input) as OpenApiDoc),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  const metrics = createMetrics();
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.observe(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('request-id', req.id);
    return payload;
  });

  const provenCredentials = new BoundedSet(50_000);
  const hashes = new WeakMap<FastifyRequest, string | undefined>();
  const credentialHash = (req: FastifyRequest): string | undefined => {
    if (hashes.has(req)) return hashes.get(req);
    const c = readCredential(req, opts.sessionCookie);
    const h = c ? sha256Hex(c.token).slice(0, 32) : undefined;
    hashes.set(req, h);
    return h;
  };
  // Rate limits first: a flood of bad credentials must not reach the database. The plugin's
  // own `global` mode hooks each route, and route hooks run after this instance's hooks —
  // after authentication — so refused credentials were never counted. One instance-level
  // hook, added before the authentication hook, counts every request.
  await app.register(fastifyRateLimit, { global: false });
  const rateLimit = app.rateLimit({
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    // A credential gets its own budget only once it has proved valid; anything else counts
    // against the caller's IP, so inventing a new token per request buys no extra attempts.
    keyGenerator: (req) => {
      const hash = credentialHash(req);
      return hash && provenCredentials.has(hash) ? `cred:${hash}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many requests: at most ${ctx.max} a minute. Retry after ${ctx.after}.`, {
        details: { retry_after_s: Math.ceil(ctx.ttl / 1000) },
      }),
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.rateLimit === false) return;
    await rateLimit.call(app, req, reply);
  });

  // Authentication and access, before the body is parsed: a stranger learns nothing
  // about a route's body rules.
  const authenticatedHooks = opts.modules.flatMap((m) => (m.onAuthenticated ? [m.onAuthenticated(rt)] : []));
  app.addHook('onRequest', async (req) => {
    const credential = readCredential(req, opts.sessionCookie);
    req.principal = credential ? await opts.authenticate(rt, credential) : { kind: 'anonymous' };
    const hash = credentialHash(req);
    if (hash) provenCredentials.add(hash);
    req.ctx = {
      rt,
      db: rt.database.db,
      principal: req.principal,
      requestId: req.id,
      ip: req.ip,
      log: req.log as unknown as Ctx['log'],
      inTx: false,
    };
    if (req.routeOptions.config?.rateLimit !== false) for (const hook of authenticatedHooks) await hook(req);
    const access = req.routeOptions.config?.access;
    if (access !== undefined) assertAccess(req.principal, access);
  });

  // A POST sent without a body (`curl -X POST …/cancel`) is an empty object, as in Stripe's API:
  // routes whose fields are all optional need nothing more from the caller.
  app.addHook('preValidation', async (req) => {
    if (req.body == null && req.method !== 'GET' && req.method !== 'DELETE' && req.routeOptions.schema?.body) req.body = {};
  });

  registerIdempotency(app, rt);

  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(reply, req, e);
  });
  app.setNotFoundHandler({ preHandler: undefined }, (req, reply) =>
    sendError(reply, req, new AppError('route_not_found', `No route ${req.method} ${req.url.split('?')[0]}`)),
  );

  // --- infrastructure routes (hidden from the API reference) ---
  const infra = { access: 'public' as const, rateLimit: false as const };
  app.get('/health', { config: infra, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: infra, schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping(rt.database.db);
      const m = await migrationStatus(rt.database);
      if (!m.current) return reply.code(503).send({ status: 'migrations_pending', pending: m.pending });
      return { status: 'ready', database: rt.database.kind };
    } catch {
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });
  app.get('/metrics', { config: infra, schema: { hide: true } }, async (_req, reply) => {
    reply.type(metrics.contentType);
    return metrics.render();
  });
  app.get('/openapi.json', { config: infra, schema: { hide: true } }, async () => app.swagger());

  // On close, Node waits for every connection to go idle and then for the client to drop it:
  // a keep-alive connection busy at SIGTERM stayed open for the 72 s keep-alive timeout, past
  // SHUTDOWN_TIMEOUT_MS. Responses still in flight when closing starts say `Connection: close`.
  const inFlight = new Set<ServerResponse>();
  app.server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  app.addHook('preClose', async () => {
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  });

  for (const m of opts.modules) {
    await app.register(async (scope) => m.routes(scope, rt), { prefix: '' });
  }
  await registerWeb(app);
  return app as FastifyInstance & { tasmanRoutes: RouteInfo[] };
}

type OpenApiDoc = {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
};

/** Every operation documents the one error shape (docs/api.md) as its default response. */
function withErrorResponses(doc: OpenApiDoc): OpenApiDoc {
  doc.components ??= {};
  doc.components.schemas = {
    ...doc.components.schemas,
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['type', 'code', 'message', 'request_id'],
          properties: {
            type: { type: 'string', enum: [...new Set(Object.values(ERROR_CODES).map((e) => e.type))] },
            code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'Stable, machine-readable' },
            message: { type: 'string', description: 'For people; may change' },
            param: { type: 'string', description: 'The offending field, as a dot path' },
            request_id: { type: 'string' },
          },
        },
      },
    },
  };
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      if (op && typeof op === 'object' && op.responses) {
        op.responses.default = {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
    }
  }
  return doc;
}

/** Remembers the most recent `max` values; the oldest go first. */
class BoundedSet {
  readonly #max: number;
  readonly #set = new Set<string>();
  constructor(max: number) {
    this.#max = max;
  }
  has(v: string): boolean {
    return this.#set.has(v);
  }
  add(v: string): void {
    if (this.#set.has(v)) return;
    if (this.#set.size >= this.#max) {
      const oldest = this.#set.values().next().value;
      if (oldest !== undefined) this.#set.delete(oldest);
    }
    this.#set.add(v);
  }
}

function sendError(reply: FastifyReply, req: FastifyRequest, e: AppError) {
  if (e.details?.retry_after_s !== undefined) reply.header('retry-after', String(e.details.retry_after_s));
  return reply.code(e.status).type('application/json').send(errorBody(e, req.id));
}

export function readCredential(req: FastifyRequest, cookieName: string): Credential | undefined {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    // A malformed header is a bad credential, not an anonymous request.
    return { type: 'bearer', token: m?.[1] ?? '' };
  }
  const c = req.cookies?.[cookieName];
  return c ? { type: 'cookie', token: c } : undefined;
}

/** The Zod-typed view of an app, for route files. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
