// Idempotency-Key on creating POSTs (docs/api.md). The first request with a key takes a
// lease on (principal, key); its response is stored and replayed for every retry with the
// same body. The same key with a different body is refused (422). A duplicate that arrives
// while the first is still running waits for it, then replays, or gets 409 after a while:
// never two effects. A 5xx response is not stored, so the client may retry it.
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Runtime } from '../context.ts';
import { decryptField, encryptField, sha256Hex } from '../crypto.ts';
import { AppError } from '../errors.ts';
import { idempotencyKeys } from '../schema.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { principal: string; key: string } | undefined;
  }
}

const LEASE_MS = 60_000;
const WAIT_MS = 5_000;
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

const aad = (principal: string, key: string) => `idempotency:${principal}:${key}`;

function principalKey(req: FastifyRequest): string {
  const p = req.principal;
  return p.kind === 'anonymous' ? `anonymous:${req.ip}` : `${p.kind}:${p.id}`;
}

/** JSON with sorted keys, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
export function canonicalJson(v: unknown): string {
  // Raw uploads (images) are compared by their digest.
  if (Buffer.isBuffer(v)) return JSON.stringify(`sha256:${sha256Hex(v)}`);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function registerIdempotency(app: FastifyInstance, rt: Runtime): void {
  const db = rt.database.db;

  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || req.routeOptions.config?.idempotent === false) return;
    const header = req.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || header.length < 1 || header.length > 255) {
      throw new AppError('invalid_request', 'Idempotency-Key must be 1 to 255 characters', { param: 'Idempotency-Key' });
    }
    const principal = principalKey(req);
    const requestHash = sha256Hex(`${req.method} ${req.url}\n${canonicalJson(req.body)}`);
    const deadline = Date.now() + WAIT_MS;
    const where = and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, header));
    for (;;) {
      const t = rt.clock.now();
      const inserted = await db
        .insert(idempotencyKeys)
        .values({
          principal,
          key: header,
          requestHash,
          method: req.method,
          path: req.url,
          status: 'in_progress',
          lockedUntil: new Date(t.getTime() + LEASE_MS),
          createdAt: t,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) {
        req.idempotency = { principal, key: header };
        return;
      }
      const [row] = await db.select().from(idempotencyKeys).where(where);
      if (!row) continue; // the first request failed with a 5xx and let go: try to take it
      if (row.requestHash !== requestHash) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request; use a new key for a new request',
          { param: 'Idempotency-Key' },
        );
      }
      if (row.createdAt.getTime() < t.getTime() - IDEMPOTENCY_RETENTION_MS) {
        // Past retention (the hourly purge has not run yet): the key is free again.
        await db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.createdAt, row.createdAt)));
        continue;
      }
      if (row.status === 'completed') {
        reply
          .code(row.responseStatus ?? 200)
          .header('idempotent-replayed', 'true')
          .type('application/json');
        return reply.send(row.responseBody ? decryptField(rt.keys.encryption, row.responseBody, aad(principal, header)) : '');
      }
      if (row.lockedUntil && row.lockedUntil < t) {
        // The first holder died mid-request; its transaction rolled back, so take over.
        const taken = await db
          .update(idempotencyKeys)
          .set({ lockedUntil: new Date(t.getTime() + LEASE_MS) })
          .where(and(where, eq(idempotencyKeys.lockedUntil, row.lockedUntil)))
          .returning({ key: idempotencyKeys.key });
        if (taken.length > 0) {
          req.idempotency = { principal, key: header };
          return;
        }
      }
      if (Date.now() > deadline) {
        throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry later', {
          param: 'Idempotency-Key',
        });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = undefined;
    const where = and(eq(idempotencyKeys.principal, idem.principal), eq(idempotencyKeys.key, idem.key));
    if (reply.statusCode >= 500) {
      await db.delete(idempotencyKeys).where(where);
    } else {
      await db
        .update(idempotencyKeys)
        .set({
          status: 'completed',
          responseStatus: reply.statusCode,
          // Encrypted: some responses hold secrets shown once (a new API key).
          responseBody: encryptField(
            rt.keys.encryption,
            typeof payload === 'string' ? payload : payload == null ? '' : String(payload),
            aad(idem.principal, idem.key),
          ),
          lockedUntil: null,
        })
        .where(where);
    }
    return payload;
  });
}

/** Drop records past retention (run by the maintenance job). */
export async function purgeIdempotencyKeys(rt: Runtime): Promise<void> {
  await rt.database.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(rt.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS)));
}
