// Table-driven tests of the webhook rules (issue 9): the SSRF address classifier (IANA special-purpose
// registries, RFC 6890 and the RFCs cited per row), URL registration, event-type matching, the retry
// schedule (exponential backoff with equal jitter, capped, never past the 3-day window) and ordering keys.
import { TypeID } from 'typeid-js';
import { describe, expect, it } from 'vitest';
import {
  type AddressClass,
  checkWebhookUrl,
  classifyAddress,
  deliveryBody,
  matchesEventTypes,
  nextAttemptAt,
  objectKeyOf,
  RETRY_CAP_MS,
  retryDelayMs,
  shouldDisable,
  unknownEventTypes,
} from './rules.ts';

describe('classifyAddress: only public unicast may receive webhooks', () => {
  const table: [string, AddressClass, string][] = [
    ['93.184.215.14', 'public', 'ordinary unicast'],
    ['8.8.8.8', 'public', 'ordinary unicast'],
    ['0.0.0.0', 'unspecified', 'RFC 791 this network'],
    ['10.0.0.1', 'private', 'RFC 1918'],
    ['10.255.255.255', 'private', 'RFC 1918'],
    ['11.0.0.1', 'public', 'just outside 10/8'],
    ['100.64.0.1', 'cgnat', 'RFC 6598 shared address space'],
    ['100.100.100.200', 'cgnat', 'Alibaba Cloud metadata (in RFC 6598)'],
    ['100.128.0.1', 'public', 'just outside 100.64/10'],
    ['127.0.0.1', 'loopback', 'RFC 1122'],
    ['127.255.255.254', 'loopback', 'RFC 1122'],
    ['169.254.169.254', 'link_local', 'RFC 3927; AWS/GCP/Azure metadata'],
    ['172.16.0.1', 'private', 'RFC 1918'],
    ['172.31.255.255', 'private', 'RFC 1918'],
    ['172.32.0.1', 'public', 'just outside 172.16/12'],
    ['192.0.0.8', 'reserved', 'RFC 6890 IETF protocol assignments'],
    ['192.0.2.1', 'reserved', 'RFC 5737 TEST-NET-1'],
    ['192.168.1.1', 'private', 'RFC 1918'],
    ['198.18.0.1', 'reserved', 'RFC 2544 benchmarking'],
    ['203.0.113.9', 'reserved', 'RFC 5737 TEST-NET-3'],
    ['224.0.0.1', 'multicast', 'RFC 5771'],
    ['239.255.255.250', 'multicast', 'RFC 5771 (SSDP)'],
    ['255.255.255.255', 'reserved', 'limited broadcast'],
    ['::', 'unspecified', 'RFC 4291'],
    ['::1', 'loopback', 'RFC 4291'],
    ['[::1]', 'loopback', 'bracketed as in a URL'],
    ['::ffff:127.0.0.1', 'loopback', 'IPv4-mapped (RFC 4291 §2.5.5.2): the IPv4 address decides'],
    ['::ffff:7f00:1', 'loopback', 'IPv4-mapped, hex form'],
    ['::ffff:169.254.169.254', 'link_local', 'IPv4-mapped metadata'],
    ['::ffff:10.1.2.3', 'private', 'IPv4-mapped RFC 1918'],
    ['::ffff:93.184.215.14', 'public', 'IPv4-mapped public'],
    ['::127.0.0.1', 'loopback', 'IPv4-compatible (deprecated)'],
    ['64:ff9b::a9fe:a9fe', 'link_local', 'NAT64 (RFC 6052) to the metadata address'],
    ['64:ff9b::808:808', 'public', 'NAT64 to a public address'],
    ['2002:7f00:1::', 'loopback', '6to4 embedding 127.0.0.1'],
    ['fc00::1', 'private', 'RFC 4193 unique local'],
    ['fd00:ec2::254', 'private', 'AWS IPv6 metadata (unique local)'],
    ['fe80::1', 'link_local', 'RFC 4291'],
    ['fe80::1%eth0', 'link_local', 'with a zone'],
    ['fec0::1', 'private', 'RFC 3879 site-local'],
    ['ff02::1', 'multicast', 'RFC 4291'],
    ['2001:db8::1', 'reserved', 'RFC 3849 documentation'],
    ['100::1', 'reserved', 'RFC 6666 discard'],
    ['2606:4700:4700::1111', 'public', 'global unicast'],
    ['2a00:1450:4001:81b::200e', 'public', 'global unicast'],
    ['not-an-ip', 'invalid', 'a name is not an address'],
    ['1.2.3', 'invalid', 'short IPv4'],
  ];
  it.each(table)('%s → %s (%s)', (ip, cls) => expect(classifyAddress(ip)).toBe(cls));
});

describe('checkWebhookUrl: https, no credentials, not local (unless development targets are allowed)', () => {
  const live = { allowPrivate: false };
  const dev = { allowPrivate: true };
  const table: [string, { allowPrivate: boolean }, true | 'invalid_webhook_url' | 'webhook_target_not_allowed'][] = [
    ['https://hooks.example.com/tasman', live, true],
    ['https://93.184.215.14:8443/x', live, true],
    ['https://[2606:4700:4700::1111]/x', live, true],
    ['http://hooks.example.com/tasman', live, 'invalid_webhook_url'],
    ['http://127.0.0.1:9999/hooks', dev, true],
    ['https://127.0.0.1/x', live, 'webhook_target_not_allowed'],
    ['https://[::ffff:127.0.0.1]/x', live, 'webhook_target_not_allowed'],
    ['https://[::1]/x', live, 'webhook_target_not_allowed'],
    ['https://169.254.169.254/latest', live, 'webhook_target_not_allowed'],
    ['https://localhost/x', live, 'webhook_target_not_allowed'],
    ['https://x.localhost/x', live, 'webhook_target_not_allowed'],
    ['https://printer.local/x', live, 'webhook_target_not_allowed'],
    ['https://metadata.google.internal/x', live, 'webhook_target_not_allowed'],
    ['https://intranet/x', live, 'webhook_target_not_allowed'],
    ['https://user:pw@hooks.example.com/', live, 'invalid_webhook_url'],
    ['https://hooks.example.com/#frag', live, 'invalid_webhook_url'],
    ['ftp://hooks.example.com/', dev, 'invalid_webhook_url'],
    ['hooks.example.com/x', live, 'invalid_webhook_url'],
  ];
  it.each(table)('%s %o → %s', (url, opts, want) => {
    const r = checkWebhookUrl(url, opts);
    expect(r.ok ? true : r.code).toBe(want);
  });
});

describe('event types', () => {
  it.each([
    [['*'], 'order.paid', true],
    [['order.paid'], 'order.paid', true],
    [['order.paid', 'order.shipped'], 'order.shipped', true],
    [['order.paid'], 'order.cancelled', false],
    [['order.*'], 'order.paid', false], // no patterns: a list, or everything
  ] as const)('%o takes %s: %s', (types, type, want) => expect(matchesEventTypes(types, type)).toBe(want));

  it('names the unknown ones; `*` is always known', () => {
    expect(unknownEventTypes(['*', 'order.paid', 'order.nope'], ['order.paid'])).toEqual(['order.nope']);
  });
});

describe('retry schedule: doubling from 1 minute, capped at 6 hours, equal jitter', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [9, 15_360_000],
    [10, RETRY_CAP_MS],
    [40, RETRY_CAP_MS],
  ])('after attempt %i the delay is between half of %i ms and all of it', (attempt, base) => {
    expect(retryDelayMs(attempt, () => 0)).toBe(base / 2);
    expect(retryDelayMs(attempt, () => 1)).toBe(base);
  });

  const t0 = new Date('2026-11-26T00:00:00Z');
  const deadline = new Date(t0.getTime() + 72 * 3_600_000);
  it('never schedules past the deadline, and fails at it', () => {
    const late = new Date(deadline.getTime() - 60_000);
    expect(nextAttemptAt(late, 12, deadline, () => 1)).toEqual(deadline);
    expect(nextAttemptAt(deadline, 13, deadline)).toBeNull();
    expect(nextAttemptAt(t0, 1, deadline, () => 0)).toEqual(new Date(t0.getTime() + 30_000));
  });

  it('fills 3 days with a bounded number of attempts', () => {
    let t = t0;
    let attempts = 1;
    for (let next = nextAttemptAt(t, attempts, deadline, () => 0.5); next; next = nextAttemptAt(t, attempts, deadline, () => 0.5)) {
      t = next;
      attempts++;
    }
    expect(t).toEqual(deadline);
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(30);
  });
});

describe('disabling a failing endpoint (WEBHOOK_DISABLE_AFTER_DAYS)', () => {
  const now = new Date('2026-11-26T00:00:00Z');
  it.each([
    [null, false],
    [new Date(now.getTime() - 3 * 86_400_000 + 1), false],
    [new Date(now.getTime() - 3 * 86_400_000), true],
  ] as const)('failing since %s → %s', (since, want) => expect(shouldDisable(since, now, 3)).toBe(want));
});

describe('ordering key: the object an event is about', () => {
  it.each([
    [{ order_id: 'ord_1', payment_intent_id: 'pi_1' }, 'order_id:ord_1'],
    [{ payment_intent_id: 'pi_1' }, 'payment_intent_id:pi_1'],
    [{ payout_id: 'po_1', batch_id: 'pob_1' }, 'payout_id:po_1'],
    [{ endpoint_id: 'we_1' }, 'endpoint_id:we_1'],
    [{ something: 1 }, null],
  ])('%o → %s', (data, key) => expect(objectKeyOf(data)).toBe(key));
});

describe('the body', () => {
  it.each([true, false])('is the event with `created` in unix seconds and its mode (livemode %s)', (livemode) => {
    const body = deliveryBody({ id: 'evt_1', type: 'order.paid', createdAt: new Date(1_700_000_000_500), livemode, data: { a: 1 } });
    expect(JSON.parse(body)).toEqual({
      id: 'evt_1',
      object: 'event',
      type: 'order.paid',
      created: 1_700_000_000,
      livemode,
      data: { a: 1 },
    });
  });
});

// The trigger's job ids (migration 0028, tasman_typeid) must be TypeIDs like the ones newId makes.
describe('TypeID shape used by the trigger', () => {
  it('a job id made like the SQL function parses as a UUIDv7 TypeID', () => {
    const a = '0123456789abcdefghjkmnpqrstvwxyz';
    const ms = BigInt(Date.UTC(2026, 10, 26));
    let s = '';
    for (let i = 9; i >= 0; i--) s += a[Number((ms >> BigInt(5 * i)) & 31n)];
    s += a[15];
    s += 'ab';
    s += a[(1 << 4) | 8 | 3];
    s += 'abcdefghjkmn';
    const id = TypeID.fromString(`job_${s}`);
    expect(id.getType()).toBe('job');
    const uuid = id.toUUID();
    expect(uuid[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(uuid[19]);
    expect(Number.parseInt(uuid.replaceAll('-', '').slice(0, 12), 16)).toBe(Number(ms));
  });
});
