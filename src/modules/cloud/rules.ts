// Pure rules of webhook delivery (issue 9): which addresses a delivery may reach (SSRF), which
// URLs may be registered, which events an endpoint takes, the retry schedule and its deadline,
// the object an event is ordered by, and when a failing endpoint is disabled.
import { isIP } from 'node:net';

// --- addresses (SSRF) -------------------------------------------------------------------------

export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link_local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'invalid';

type V4Range = readonly [base: number, bits: number, cls: AddressClass];

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** IANA IPv4 special-purpose registry (RFC 6890 and successors), the parts a webhook must never reach. */
const V4_RANGES: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8, 'unspecified'], // "this network" (RFC 791); 0.0.0.0 reaches the local host on Linux
  [v4(10, 0, 0, 0), 8, 'private'], // RFC 1918
  [v4(100, 64, 0, 0), 10, 'cgnat'], // RFC 6598 shared address space (also Alibaba Cloud's metadata 100.100.100.200)
  [v4(127, 0, 0, 0), 8, 'loopback'], // RFC 1122
  [v4(169, 254, 0, 0), 16, 'link_local'], // RFC 3927, incl. the cloud metadata address 169.254.169.254
  [v4(172, 16, 0, 0), 12, 'private'], // RFC 1918
  [v4(192, 0, 0, 0), 24, 'reserved'], // RFC 6890 IETF protocol assignments
  [v4(192, 0, 2, 0), 24, 'reserved'], // RFC 5737 documentation
  [v4(192, 88, 99, 0), 24, 'reserved'], // RFC 7526 6to4 relay anycast
  [v4(192, 168, 0, 0), 16, 'private'], // RFC 1918
  [v4(198, 18, 0, 0), 15, 'reserved'], // RFC 2544 benchmarking
  [v4(198, 51, 100, 0), 24, 'reserved'], // RFC 5737 documentation
  [v4(203, 0, 113, 0), 24, 'reserved'], // RFC 5737 documentation
  [v4(224, 0, 0, 0), 4, 'multicast'], // RFC 5771
  [v4(240, 0, 0, 0), 4, 'reserved'], // RFC 1112 future use, incl. broadcast 255.255.255.255
];

function parseV4(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

function classifyV4(n: number): AddressClass {
  for (const [base, bits, cls] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === base) return cls;
  }
  return 'public';
}

/** Eight 16-bit groups, or null. Accepts `::` compression and a dotted IPv4 tail. */
function parseV6(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // A dotted IPv4 tail (::ffff:127.0.0.1) is the last two groups.
    const n = parseV4(s.slice(lastColon + 1));
    if (n === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN)));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head.length + rest.length > (halves.length === 2 ? 7 : 8)) return null;
  const all = halves.length === 2 ? [...head, ...new Array(8 - head.length - rest.length).fill(0), ...rest] : head;
  if (all.length !== 8 || all.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff)) return null;
  return all;
}

function classifyV6(g: number[]): AddressClass {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h6 = 0, h7 = 0] = g;
  const embedded = ((h6 << 16) | h7) >>> 0;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0 && h6 === 0 && h7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d): the IPv4 address decides.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && (f === 0xffff || f === 0)) return classifyV4(embedded);
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) reaches the embedded IPv4 address.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return classifyV4(embedded);
  if (a === 0x64 && b === 0xff9b && c === 1) return 'private'; // RFC 8215 local-use NAT64
  if (a === 0x2002) return classifyV4(((b << 16) | c) >>> 0); // 6to4 embeds an IPv4 address
  if (a === 0x100 && b === 0 && c === 0 && d === 0) return 'reserved'; // RFC 6666 discard
  if (a === 0x2001 && b === 0xdb8) return 'reserved'; // RFC 3849 documentation
  if (a === 0x2001 && b < 0x200) return 'reserved'; // RFC 2928 IETF protocol assignments (Teredo, ORCHID…)
  if ((a & 0xfe00) === 0xfc00) return 'private'; // RFC 4193 unique local, incl. AWS metadata fd00:ec2::254
  if ((a & 0xffc0) === 0xfe80) return 'link_local'; // RFC 4291
  if ((a & 0xffc0) === 0xfec0) return 'private'; // RFC 3879 deprecated site-local
  if ((a & 0xff00) === 0xff00) return 'multicast'; // RFC 4291
  if ((a & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3
  return 'public';
}

/** What kind of address `ip` is (IPv4, IPv6 with or without brackets). Only `public` may receive webhooks. */
export function classifyAddress(ip: string): AddressClass {
  const s = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const kind = isIP(s.split('%')[0] ?? '');
  if (kind === 4) {
    const n = parseV4(s);
    return n === null ? 'invalid' : classifyV4(n);
  }
  if (kind === 6) {
    const g = parseV6(s);
    return g === null ? 'invalid' : classifyV6(g);
  }
  return 'invalid';
}

// --- URLs -----------------------------------------------------------------------------------------

export type UrlCheck =
  | { ok: true; url: URL; host: string; literal: boolean }
  | { ok: false; code: 'invalid_webhook_url' | 'webhook_target_not_allowed'; reason: string };

/** Names that always mean this machine or its private network, whatever DNS says. */
export function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal') || !h.includes('.');
}

/**
 * A URL an endpoint may have: absolute https (http only with private targets allowed, for
 * development), no credentials, no fragment; a literal address or a name that is not local
 * must be public unless private targets are allowed. DNS is checked separately (at delivery).
 */
export function checkWebhookUrl(raw: string, opts: { allowPrivate: boolean }): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'invalid_webhook_url', reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && opts.allowPrivate)) {
    return { ok: false, code: 'invalid_webhook_url', reason: 'the URL must use https' };
  }
  if (url.username || url.password)
    return { ok: false, code: 'invalid_webhook_url', reason: 'the URL may not carry a user name or password' };
  if (url.hash) return { ok: false, code: 'invalid_webhook_url', reason: 'the URL may not have a fragment' };
  if (raw.length > 2048) return { ok: false, code: 'invalid_webhook_url', reason: 'the URL is longer than 2,048 characters' };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!host) return { ok: false, code: 'invalid_webhook_url', reason: 'the URL has no host' };
  const literal = isIP(host) !== 0;
  if (!opts.allowPrivate) {
    if (literal) {
      const cls = classifyAddress(host);
      if (cls !== 'public') return { ok: false, code: 'webhook_target_not_allowed', reason: `the address is ${cls.replace('_', '-')}` };
    } else if (isLocalName(host)) {
      return { ok: false, code: 'webhook_target_not_allowed', reason: 'the host name is local' };
    }
  }
  return { ok: true, url, host, literal };
}

// --- event types ------------------------------------------------------------------------------------

/** An endpoint listens to `*` (everything) or to the types it lists. */
export function matchesEventTypes(types: readonly string[], type: string): boolean {
  return types.includes('*') || types.includes(type);
}

/** The event types a registration may name: known types, or `*` alone. Returns the unknown ones. */
export function unknownEventTypes(types: readonly string[], known: readonly string[]): string[] {
  return types.filter((t) => t !== '*' && !known.includes(t));
}

// --- ordering ---------------------------------------------------------------------------------------

/** The fields that name an event's object, most specific first for the events we emit. */
const OBJECT_FIELDS = [
  'order_id',
  'payment_intent_id',
  'payout_id',
  'instore_payment_id',
  'shipment_id',
  'parcel_id',
  'top_up_id',
  'stock_level_id',
  'endpoint_id',
  'id',
] as const;

/**
 * The object an event is about (`order_id:ord_…`): deliveries of one object to one endpoint are
 * delivered in event order. Events with none are not ordered.
 */
export function objectKeyOf(data: Record<string, unknown>): string | null {
  for (const f of OBJECT_FIELDS) {
    const v = data[f];
    if (typeof v === 'string' && v) return `${f}:${v}`;
  }
  return null;
}

// --- retries ------------------------------------------------------------------------------------------

export const RETRY_BASE_MS = 60_000;
export const RETRY_CAP_MS = 6 * 3_600_000;

/**
 * Delay after the `attempt`-th failed attempt (1-based): 1 min, 2, 4, 8 … doubling up to 6 hours,
 * with equal jitter (half fixed, half random) so endpoints that failed together do not retry together.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** When to try again after a failed attempt, or null when the deadline has passed (the delivery fails). Never later than the deadline. */
export function nextAttemptAt(now: Date, attempt: number, deadline: Date, random: () => number = Math.random): Date | null {
  if (now.getTime() >= deadline.getTime()) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(attempt, random), deadline.getTime()));
}

/** Is an answer a success? Any 2xx; redirects are not followed and count as failures. */
export const isSuccessStatus = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** An endpoint failing since `failingSince` (no success since) is disabled after `days`. */
export function shouldDisable(failingSince: Date | null, now: Date, days: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= days * 86_400_000;
}

// --- the payload ----------------------------------------------------------------------------------------

export interface EventForBody {
  id: string;
  type: string;
  createdAt: Date;
  livemode: boolean;
  data: Record<string, unknown>;
}

/** The JSON body of a delivery: the event as `GET /v1/events/:id` names its parts. */
export function deliveryBody(e: EventForBody): string {
  return JSON.stringify({
    id: e.id,
    object: 'event',
    type: e.type,
    created: Math.floor(e.createdAt.getTime() / 1000),
    livemode: e.livemode,
    data: e.data,
  });
}
