// Pure rules of parcels (PRODUCT.md L3–L5): UPU S10 tracking numbers, the one milestone
// vocabulary every parcel's timeline uses, which hub scan may follow which milestone on each
// kind of route, and how events from outside (carriers, customs) move a parcel. No I/O.

// ---------------------------------------------------------------------------
// UPU S10 tracking numbers (UPU standard S10: 2 letters, 8-digit serial, check digit, country)
// ---------------------------------------------------------------------------

/** S10 §5: the weights of the eight serial digits. */
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
export const S10_MAX_SERIAL = 99_999_999;

/** S10 §5: 11 − (Σ digit × weight mod 11); a result of 10 becomes 0 and 11 becomes 5. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('An S10 serial number is 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (S10_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** A series is two service-indicator letters and the issuing country (ISO 3166-1 alpha-2), e.g. `CT` … `AU`. */
export function validSeries(prefix: string, country: string): boolean {
  return /^[A-Z]{2}$/.test(prefix) && /^[A-Z]{2}$/.test(country);
}

/** The tracking number of `serial` (1 … 99,999,999) in a series: `CT000000014AU`. */
export function s10(prefix: string, serial: number, country: string): string {
  if (!validSeries(prefix, country)) throw new RangeError('An S10 series is two capital letters and a two-letter country code');
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > S10_MAX_SERIAL) throw new RangeError('S10 serial out of range');
  const digits = String(serial).padStart(8, '0');
  return `${prefix}${digits}${s10CheckDigit(digits)}${country}`;
}

/** Whether `s` is a well-formed S10 number whose check digit is right (case-insensitive, spaces ignored). */
export function isS10(s: string): boolean {
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(normaliseTrackingNumber(s));
  return m !== null && s10CheckDigit(m[2] as string) === Number(m[3]);
}

/** What people type or scan: lower case, spaces and dashes (`ct 0000 0001 5 au`). */
export function normaliseTrackingNumber(s: string): string {
  return s.replace(/[\s-]/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------
// Milestones: the one vocabulary of every parcel's timeline
// ---------------------------------------------------------------------------

export const MILESTONES = [
  'info_received',
  'picked_up',
  'at_origin_hub',
  'in_bag',
  'departed_origin',
  'arrived_destination',
  'customs_submitted',
  'customs_held',
  'customs_released',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returned_to_sender',
  'exception',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** What each milestone means (docs/logistics.md and the API reference show these). */
export const MILESTONE_MEANING: Readonly<Record<Milestone, string>> = {
  info_received: 'The shipment was booked and the label printed; the parcel is still with the sender',
  picked_up: 'A carrier collected the parcel from the sender',
  at_origin_hub: 'The origin hub received the parcel',
  in_bag: 'The parcel was consolidated into a bag at the origin hub',
  departed_origin: 'The parcel’s bag left on its flight (the manifest’s master air waybill)',
  arrived_destination: 'The flight arrived in the destination country',
  customs_submitted: 'The customs declarations were submitted',
  customs_held: 'Customs held the parcel (inspection, or a problem with the declarations)',
  customs_released: 'Customs released the parcel',
  out_for_delivery: 'The last-mile carrier has the parcel and is delivering it',
  delivered: 'The parcel was delivered',
  delivery_failed: 'A delivery attempt failed; the carrier will try again or return it',
  returned_to_sender: 'The parcel went back to the sender',
  exception: 'Something went wrong (damage, loss, a rejected declaration); an operator looks at it',
};

/**
 * How far along a milestone is. A parcel never moves to a milestone of lower rank: an event
 * that arrives late is kept in the timeline but does not move the parcel back. A failed
 * delivery and the next delivery run share a rank, so they may alternate. `exception` has no
 * rank: it flags the parcel without changing how far it got.
 */
const RANK: Readonly<Record<Exclude<Milestone, 'exception'>, number>> = {
  info_received: 0,
  picked_up: 1,
  at_origin_hub: 2,
  in_bag: 3,
  departed_origin: 4,
  arrived_destination: 5,
  customs_submitted: 6,
  customs_held: 7,
  customs_released: 8,
  out_for_delivery: 9,
  delivery_failed: 9,
  delivered: 10,
  returned_to_sender: 10,
};

export const TERMINAL_MILESTONES: ReadonlySet<Milestone> = new Set(['delivered', 'returned_to_sender']);

export function milestoneRank(m: Exclude<Milestone, 'exception'>): number {
  return RANK[m];
}

// ---------------------------------------------------------------------------
// Routes and hub scans
// ---------------------------------------------------------------------------

/**
 * The way a parcel travels: 9610 from a merchant warehouse in AU/NZ through an origin hub,
 * a flight and China customs; 1210 from a China bonded warehouse, declared and released in
 * China and delivered domestically (no hub, no flight); `export` from a seller in China
 * through the export hub and a flight to AU/NZ (GST was collected at sale, PRODUCT.md).
 */
export type ParcelRoute = '9610' | '1210' | 'export';

export const SCANS = ['pick_up', 'receive', 'bag', 'depart', 'arrive', 'hand_over'] as const;
export type Scan = (typeof SCANS)[number];

interface ScanRule {
  to: Milestone;
  /** The milestones the parcel must have reached last, per route; none: the scan does not apply. */
  from: Readonly<Record<ParcelRoute, readonly Milestone[]>>;
}

/** Which scan may follow which milestone (the parcel's furthest one, not an `exception` flag). */
export const SCAN_RULES: Readonly<Record<Scan, ScanRule>> = {
  pick_up: { to: 'picked_up', from: { '9610': ['info_received'], export: ['info_received'], '1210': [] } },
  receive: { to: 'at_origin_hub', from: { '9610': ['info_received', 'picked_up'], export: ['info_received', 'picked_up'], '1210': [] } },
  bag: { to: 'in_bag', from: { '9610': ['at_origin_hub'], export: ['at_origin_hub'], '1210': [] } },
  depart: { to: 'departed_origin', from: { '9610': ['in_bag'], export: ['in_bag'], '1210': [] } },
  arrive: { to: 'arrived_destination', from: { '9610': ['departed_origin'], export: ['departed_origin'], '1210': [] } },
  // Into China only once customs released it; into AU/NZ on arrival (no CBEC clearance there).
  hand_over: {
    to: 'out_for_delivery',
    from: { '9610': ['customs_released'], '1210': ['customs_released'], export: ['arrived_destination'] },
  },
};

/** `repeat`: the parcel is already where the scan puts it (a second scan of the same parcel is a no-op, not an error). */
export type ScanResult = { ok: true; to: Milestone; repeat: boolean } | { ok: false; message: string };

const words = (m: string) => m.replaceAll('_', ' ');

/** Whether `scan` may be applied to a parcel on `route` whose furthest milestone is `milestone`. */
export function checkScan(route: ParcelRoute, milestone: Milestone, scan: Scan): ScanResult {
  const rule = SCAN_RULES[scan];
  const from = rule.from[route];
  if (from.length === 0) {
    return { ok: false, message: `A ${route} parcel is never scanned '${words(scan)}': it does not pass through a hub` };
  }
  if (milestone === rule.to) return { ok: true, to: rule.to, repeat: true };
  if (!from.includes(milestone)) {
    return {
      ok: false,
      message: `The parcel is ${words(milestone)}; '${words(scan)}' needs it ${from.map(words).join(' or ')}`,
    };
  }
  return { ok: true, to: rule.to, repeat: false };
}

/** Where customs clearance starts on each route: 9610 on arrival in China, 1210 in the bonded warehouse; never for exports. */
export const CUSTOMS_FROM: Readonly<Record<ParcelRoute, Milestone | null>> = {
  '9610': 'arrived_destination',
  '1210': 'info_received',
  export: null,
};

// ---------------------------------------------------------------------------
// Events from outside: customs receipts and last-mile carriers
// ---------------------------------------------------------------------------

export interface ParcelProgress {
  /** What the parcel shows: its latest milestone, `exception` included. */
  status: Milestone;
  /** The furthest milestone it reached (never `exception`). */
  milestone: Exclude<Milestone, 'exception'>;
  /** When the event that set `status` happened. */
  at: Date;
}

export type EventEffect = { moves: true; next: ParcelProgress } | { moves: false; why: 'terminal' | 'older' | 'backwards' };

/**
 * What an event reported from outside does to a parcel. Carriers report facts, so events are
 * not refused like hub scans; but an event older than the parcel's latest, or of a milestone
 * behind its furthest, or after delivery or return, is kept in the timeline only.
 */
export function applyEvent(p: ParcelProgress, ev: { milestone: Milestone; at: Date }): EventEffect {
  if (TERMINAL_MILESTONES.has(p.milestone)) return { moves: false, why: 'terminal' };
  if (ev.at.getTime() < p.at.getTime()) return { moves: false, why: 'older' };
  if (ev.milestone === 'exception') return { moves: true, next: { status: 'exception', milestone: p.milestone, at: ev.at } };
  if (RANK[ev.milestone] < RANK[p.milestone]) return { moves: false, why: 'backwards' };
  return { moves: true, next: { status: ev.milestone, milestone: ev.milestone, at: ev.at } };
}

// ---------------------------------------------------------------------------
// Air waybills (IATA Resolution 600a): 3-digit airline prefix, 7-digit serial, check digit = serial mod 7
// ---------------------------------------------------------------------------

/** Whether `awb` (`999-12345675`, dashes and spaces ignored) is a master air waybill number whose check digit is right. */
export function isAirWaybill(awb: string): boolean {
  const m = /^(\d{3})(\d{7})(\d)$/.exec(awb.replace(/[\s-]/g, ''));
  return m !== null && Number(m[2]) % 7 === Number(m[3]);
}

/** The canonical form `999-12345675`. */
export function formatAirWaybill(awb: string): string {
  const d = awb.replace(/[\s-]/g, '');
  return `${d.slice(0, 3)}-${d.slice(3)}`;
}
