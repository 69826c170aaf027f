// Table-driven tests of the parcel rules: UPU S10 check digits (UPU standard S10, §5), IATA
// air waybill check digits (Resolution 600a), the scan table per route and how outside events
// move a parcel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  checkScan,
  formatAirWaybill,
  isAirWaybill,
  isS10,
  MILESTONES,
  type Milestone,
  milestoneRank,
  normaliseTrackingNumber,
  type ParcelProgress,
  type ParcelRoute,
  s10,
  s10CheckDigit,
  SCAN_RULES,
  SCANS,
  type Scan,
} from './parcel-rules.ts';

describe('UPU S10 tracking numbers (S10 §5: weights 8 6 4 2 3 5 9 7, 11 − sum mod 11, 10 → 0, 11 → 5)', () => {
  it.each([
    // Published examples: PRODUCT.md's RR123456785AU, and the S10 example widely quoted from the standard.
    ['RR123456785AU', true],
    ['AA473124829GB', true],
    ['EE123456785CN', true],
    ['RR123456784AU', false], // wrong check digit
    ['RR12345678AU', false], // 7-digit serial
    ['R1123456785AU', false],
    ['rr 1234 5678 5 au', true], // as typed: case and spaces do not matter
  ])('%s is %s', (n, ok) => {
    expect(isS10(n)).toBe(ok);
  });

  it.each([
    ['12345678', 5], // sum 204, 204 mod 11 = 6, 11 − 6 = 5
    ['47312482', 9], // sum 200 → 2 → 9
    ['00000000', 5], // sum 0 → 11 → 5
    ['00000010', 2], // the 7th digit weighs 9: sum 9 → 11 − 9 = 2
  ])('check digit of %s is %i', (serial, digit) => {
    expect(s10CheckDigit(serial)).toBe(digit);
  });

  it('maps a remainder of 1 to 0 (11 − 1 = 10 → 0)', () => {
    // Found by search rather than by hand: the first serial whose weighted sum is 1 mod 11.
    const serial = Array.from({ length: 1000 }, (_, i) => String(i).padStart(8, '0')).find((s) => {
      const w = [8, 6, 4, 2, 3, 5, 9, 7];
      return [...s].reduce((a, d, i) => a + Number(d) * (w[i] as number), 0) % 11 === 1;
    });
    expect(serial).toBeDefined();
    expect(s10CheckDigit(serial as string)).toBe(0);
  });

  it('formats a series number and every one it makes checks out', () => {
    expect(s10('CT', 1, 'AU')).toBe('CT000000014AU');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        const t = s10('CT', n, 'AU');
        return isS10(t) && t.length === 13 && Number(t.slice(2, 10)) === n;
      }),
    );
  });

  it('refuses serials out of range and malformed series', () => {
    expect(() => s10('CT', 0, 'AU')).toThrow(RangeError);
    expect(() => s10('CT', 100_000_000, 'AU')).toThrow(RangeError);
    expect(() => s10('C1', 1, 'AU')).toThrow(RangeError);
    expect(() => s10('CT', 1, 'aus')).toThrow(RangeError);
  });

  it('normalises what people type', () => {
    expect(normaliseTrackingNumber(' ct-0000 0001 4au ')).toBe('CT000000014AU');
  });
});

describe('master air waybills (IATA Resolution 600a: the 8th serial digit is the first seven mod 7)', () => {
  it.each([
    ['784-12345675', true], // 1234567 mod 7 = 5
    ['78412345675', true],
    ['784-12345676', false],
    ['784-1234567', false],
    ['176-00000000', true], // 0 mod 7 = 0
  ])('%s is %s', (awb, ok) => {
    expect(isAirWaybill(awb)).toBe(ok);
  });
  it('formats as prefix-serial', () => {
    expect(formatAirWaybill('78412345675')).toBe('784-12345675');
  });
});

describe('hub scans: which scan may follow which milestone, per route (PRODUCT.md L4, issue 7)', () => {
  // The one legal previous milestone(s) of each scan per route; everything else is refused.
  const legal: Record<ParcelRoute, Partial<Record<Scan, Milestone[]>>> = {
    '9610': {
      pick_up: ['info_received'],
      receive: ['info_received', 'picked_up'],
      bag: ['at_origin_hub'],
      depart: ['in_bag'],
      arrive: ['departed_origin'],
      hand_over: ['customs_released'],
    },
    export: {
      pick_up: ['info_received'],
      receive: ['info_received', 'picked_up'],
      bag: ['at_origin_hub'],
      depart: ['in_bag'],
      arrive: ['departed_origin'],
      hand_over: ['arrived_destination'], // no CBEC clearance into AU/NZ
    },
    '1210': { hand_over: ['customs_released'] }, // no hub, no flight
  };
  const cases = (['9610', 'export', '1210'] as const).flatMap((route) =>
    SCANS.flatMap((scan) => MILESTONES.filter((m) => m !== 'exception').map((m) => [route, scan, m] as const)),
  );
  it.each(cases)('%s: %s after %s', (route, scan, m) => {
    const r = checkScan(route, m, scan);
    const ok = legal[route][scan]?.includes(m) ?? false;
    const repeat = m === SCAN_RULES[scan].to && (legal[route][scan]?.length ?? 0) > 0;
    if (repeat) expect(r).toEqual({ ok: true, to: SCAN_RULES[scan].to, repeat: true });
    else if (ok) expect(r).toEqual({ ok: true, to: SCAN_RULES[scan].to, repeat: false });
    else expect(r.ok).toBe(false);
  });

  it('explains a refusal in words', () => {
    const r = checkScan('9610', 'at_origin_hub', 'hand_over');
    expect(r).toEqual({ ok: false, message: "The parcel is at origin hub; 'hand over' needs it customs released" });
    expect(checkScan('1210', 'info_received', 'receive')).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not pass through a hub'),
    });
  });
});

describe('events from outside never move a parcel back (issue 7: out-of-order events)', () => {
  const t = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m));
  const at = (milestone: Exclude<Milestone, 'exception'>, minute: number, status: Milestone = milestone): ParcelProgress => ({
    status,
    milestone,
    at: t(minute),
  });
  it.each([
    ['forward', at('customs_released', 10), 'out_for_delivery', 20, { moves: true, status: 'out_for_delivery' }],
    ['same rank, later: a failed delivery', at('out_for_delivery', 10), 'delivery_failed', 20, { moves: true, status: 'delivery_failed' }],
    ['same rank, later: the next run', at('delivery_failed', 20), 'out_for_delivery', 30, { moves: true, status: 'out_for_delivery' }],
    ['older than the latest', at('out_for_delivery', 30), 'delivered', 20, { moves: false, why: 'older' }],
    ['behind the furthest', at('out_for_delivery', 30), 'arrived_destination', 40, { moves: false, why: 'backwards' }],
    ['after delivery', at('delivered', 30), 'delivery_failed', 40, { moves: false, why: 'terminal' }],
    ['after return', at('returned_to_sender', 30), 'delivered', 40, { moves: false, why: 'terminal' }],
    ['an exception flags it without losing ground', at('out_for_delivery', 10), 'exception', 20, { moves: true, status: 'exception' }],
    [
      'a skipped step is a fact: delivered from customs released',
      at('customs_released', 10),
      'delivered',
      20,
      { moves: true, status: 'delivered' },
    ],
  ] as const)('%s', (_name, p, milestone, minute, want) => {
    const e = applyEvent(p, { milestone, at: t(minute) });
    if (want.moves) {
      expect(e.moves).toBe(true);
      if (e.moves) {
        expect(e.next.status).toBe(want.status);
        expect(e.next.milestone).toBe(milestone === 'exception' ? p.milestone : milestone);
      }
    } else expect(e).toEqual({ moves: false, why: want.why });
  });

  it('after an exception, the next forward event clears it', () => {
    const flagged = applyEvent(at('out_for_delivery', 10), { milestone: 'exception', at: t(20) });
    expect(flagged.moves).toBe(true);
    if (!flagged.moves) return;
    const next = applyEvent(flagged.next, { milestone: 'delivered', at: t(30) });
    expect(next).toEqual({ moves: true, next: { status: 'delivered', milestone: 'delivered', at: t(30) } });
  });

  it('whatever order events arrive in, the furthest milestone never decreases (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...MILESTONES), fc.integer({ min: 0, max: 1000 })), { maxLength: 30 }), (evs) => {
        let p: ParcelProgress = at('info_received', 0);
        for (const [m, minute] of evs) {
          const e = applyEvent(p, { milestone: m, at: t(minute) });
          if (!e.moves) continue;
          if (milestoneRank(e.next.milestone) < milestoneRank(p.milestone)) return false;
          if (e.next.at < p.at) return false;
          p = e.next;
        }
        return true;
      }),
    );
  });
});
