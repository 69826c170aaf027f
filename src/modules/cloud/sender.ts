// Sending one webhook delivery: the body, the Tasman-Signature (two v1 values during a secret
// roll's overlap), keep-alive connections, the timeout, and the SSRF rule applied when the
// connection is made: every address the host name resolves to must be public (unless private
// targets are allowed), so DNS rebinding cannot reach the platform's own network. Redirects are
// never followed.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type Ctx, now } from '../../kernel/context.ts';
import { decryptField } from '../../kernel/crypto.ts';
import { signatureHeader } from '../../kernel/signatures.ts';
import { checkWebhookUrl, classifyAddress, deliveryBody, isSuccessStatus } from './rules.ts';

/** Resolves a host name: `dns.lookup` by default; tests hand in their own to simulate DNS rebinding. */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))));

/** A claimed delivery with what sending it needs (one row of the claiming query). */
export interface Claimed {
  id: string;
  endpoint_id: string;
  merchant_id: string;
  event_id: string;
  attempts: number;
  deadline: Date;
  url: string;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: Date | null;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
  livemode: boolean;
}

export interface Outcome {
  d: Claimed;
  body: string;
  signature: string;
  status: number | null;
  responseBody: string | null;
  latencyMs: number;
  error: string | null;
}

const secretCache = new Map<string, string>();
function secretOf(ctx: Ctx, enc: string, endpointId: string): string {
  let s = secretCache.get(enc);
  if (s === undefined) {
    s = decryptField(ctx.rt.keys.encryption, enc, endpointId);
    if (secretCache.size > 10_000) secretCache.clear();
    secretCache.set(enc, s);
  }
  return s;
}

/** `t=…,v1=…` under the current secret, plus a v1 under the previous one while a roll's overlap lasts. */
function sign(ctx: Ctx, d: Claimed, body: string, at: Date): string {
  const header = signatureHeader(secretOf(ctx, d.secret_enc, d.endpoint_id), body, at);
  const prevUntil = d.previous_secret_expires_at ? new Date(d.previous_secret_expires_at) : null;
  if (d.previous_secret_enc && prevUntil && prevUntil > at) {
    const old = signatureHeader(secretOf(ctx, d.previous_secret_enc, d.endpoint_id), body, at);
    return `${header},${old.slice(old.indexOf('v1='))}`;
  }
  return header;
}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };

class TargetRefused extends Error {}

export async function send(ctx: Ctx, d: Claimed, resolver: Resolver): Promise<Outcome> {
  const cfg = ctx.rt.config;
  const at = now(ctx);
  const body = deliveryBody({ id: d.event_id, type: d.type, createdAt: new Date(d.created_at), livemode: d.livemode, data: d.data });
  const signature = sign(ctx, d, body, at);
  const started = performance.now();
  const done = (status: number | null, responseBody: string | null, error: string | null): Outcome => ({
    d,
    body,
    signature,
    status,
    responseBody,
    latencyMs: Math.round(performance.now() - started),
    error,
  });
  const allowPrivate = cfg.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  const check = checkWebhookUrl(d.url, { allowPrivate });
  if (!check.ok) return done(null, null, `refused: ${check.reason}`);
  // Every address the name resolves to is checked when the connection is made, so a name that
  // resolved to a public address at registration and to a private one now (DNS rebinding) is refused.
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolver(hostname).then(
      (addrs) => {
        const bad = allowPrivate ? undefined : addrs.find((a) => classifyAddress(a.address) !== 'public');
        if (bad) return callback(new TargetRefused(`refused: ${hostname} resolves to a ${classifyAddress(bad.address)} address`), '', 4);
        if (addrs.length === 0) return callback(new Error(`${hostname} has no address`), '', 4);
        if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addrs);
        const first = addrs[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 4),
    );
  };
  const url = check.url;
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const req = mod.request(
      url,
      {
        method: 'POST',
        agent: url.protocol === 'https:' ? agents.https : agents.http,
        lookup,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Tasman-Webhooks/1.0',
          'tasman-signature': signature,
          'tasman-event-id': d.event_id,
          'tasman-delivery-id': d.id,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 1000) text += chunk.slice(0, 1000 - text.length);
        });
        res.on('end', () => {
          const status = res.statusCode ?? null;
          const error =
            status !== null && status >= 300 && status < 400
              ? `redirect to ${res.headers.location ?? '?'} not followed`
              : isSuccessStatus(status)
                ? null
                : `HTTP ${status}`;
          finish(done(status, text, error));
        });
        res.on('error', (err) => finish(done(res.statusCode ?? null, text, err.message)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${cfg.WEBHOOK_TIMEOUT_MS} ms`));
    }, cfg.WEBHOOK_TIMEOUT_MS);
    req.on('error', (err) => finish(done(null, null, err.message)));
    req.end(body);
  });
}
