// What bench/tracking.ts sends and renders, made here so the bench itself reads as its steps:
// the parcels it puts in the database (one shipped order and one shipment per parcel), the
// carrier's event stream over them cut into webhook deliveries, and the labels it renders.
// Everything is deterministic (a seeded generator): two runs send the same events.
import { s10 } from '../src/modules/logistics/parcel-rules.ts';
import type { LabelData } from '../src/modules/logistics/labels.ts';
import type { CarrierEvent } from '../src/modules/logistics/tracking.ts';

/** A small seeded PRNG (mulberry32): the same stream on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

export const CITIES = [
  { region: 'CN-SH', city: '上海市', district: '浦东新区', street: '世纪大道 100 号 2 幢 1203 室', postcode: '200120', zh: '上海' },
  { region: 'CN-ZJ', city: '杭州市', district: '西湖区', street: '文三路 90 号 1 幢 501 室', postcode: '310012', zh: '浙江省' },
  { region: 'CN-GD', city: '深圳市', district: '南山区', street: '科技园南区高新南七道 18 号', postcode: '518057', zh: '广东省' },
  { region: 'CN-BJ', city: '北京市', district: '朝阳区', street: '建国路 88 号 SOHO 现代城 3 号楼 1806', postcode: '100022', zh: '北京' },
  {
    region: 'CN-SC',
    city: '成都市',
    district: '武侯区',
    street: '人民南路四段 27 号 商鼎国际 1 栋 2 单元 908',
    postcode: '610041',
    zh: '四川省',
  },
  { region: 'CN-JS', city: '南京市', district: '鼓楼区', street: '中山北路 200 号 7 楼', postcode: '210009', zh: '江苏省' },
] as const;
const NAMES = ['李伟', '王芳', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '黄晓明', '周丽娟', '吴昊天', '欧阳娜娜', '司马相如'];
const GOODS = [
  { description: 'Manuka honey UMF 10+ 250g', hs_code: '0409.00', origin_country: 'NZ', fen: 18_800, grams: 380 },
  { description: 'Infant formula stage 3 900g', hs_code: '1901.10', origin_country: 'AU', fen: 26_500, grams: 1_050 },
  { description: 'Fish oil capsules 1000mg ×400', hs_code: '2106.90', origin_country: 'AU', fen: 15_900, grams: 520 },
  { description: 'Sheep placenta capsules ×100', hs_code: '2106.90', origin_country: 'AU', fen: 21_000, grams: 160 },
  { description: 'Merino wool baby blanket', hs_code: '6301.20', origin_country: 'NZ', fen: 42_000, grams: 640 },
] as const;

/** The tracking number of the i-th bench parcel (the series the platform issues for AU → CN air parcels). */
export const trackingNumber = (serial: number) => s10('CT', serial, 'AU');

/** Where parcel `i` goes and what it holds (the same for its order, its parcel row and its label). */
export function parcelFacts(i: number) {
  const dest = CITIES[i % CITIES.length] as (typeof CITIES)[number];
  const good = GOODS[i % GOODS.length] as (typeof GOODS)[number];
  const quantity = 1 + (i % 3);
  return { dest, good, quantity, name: NAMES[i % NAMES.length] as string, weightG: good.grams * quantity + 120 };
}

/** One label for parcel `i`: an AU merchant's parcel to a Chinese address (the data labelsPdf assembles). */
export function labelFor(i: number): LabelData {
  const { dest, good, quantity, name, weightG } = parcelFacts(i);
  return {
    tracking_number: trackingNumber(i + 1),
    service: { code: 'AIR-STD', name: 'Air standard 9610' },
    lane: `MEL → ${dest.region}`,
    customs_mode: '9610',
    weight_g: weightG,
    dimensions_mm: { length: 300, width: 200, height: 80 + 40 * quantity },
    parcel: { index: 1, count: 1 + (i % 4 === 0 ? 1 : 0) },
    order_id: `ord_01jbench${String(i).padStart(16, '0')}`,
    sender: {
      name: 'Manuka Bay Pty Ltd',
      phone: '+61 3 9000 0000',
      lines: ['Melbourne DC', '12 Dock Road, Port Melbourne'],
      city: 'Melbourne',
      region: 'VIC',
      postcode: '3207',
      country: 'AU',
    },
    recipient: {
      name,
      phone: `+86 138 ${String(1000 + (i % 9000)).padStart(4, '0')} ${String(8000 + (i % 1000)).padStart(4, '0')}`,
      lines: [`${dest.district}${dest.street}`],
      city: dest.city,
      region: dest.zh,
      postcode: dest.postcode,
      country: 'CN',
    },
    contents: [
      {
        description: good.description,
        hs_code: good.hs_code,
        quantity,
        value: { amount: String(good.fen * quantity), currency: 'CNY' },
        origin_country: good.origin_country,
        weight_g: good.grams * quantity,
      },
      ...(i % 2 === 0
        ? [
            {
              description: 'Gift card and tissue wrap',
              hs_code: '4909.00',
              quantity: 1,
              value: { amount: '500', currency: 'CNY' },
              origin_country: 'AU',
            },
          ]
        : []),
    ],
    created_at: new Date(Date.UTC(2025, 2, 14, 9, i % 60)),
  };
}

// --- the carrier's event stream --------------------------------------------------------------

export interface Stream {
  /** The webhook deliveries, in the order they are sent (a redelivery is a copy of an earlier one). */
  deliveries: CarrierEvent[][];
  /** Distinct event ids for parcels the platform knows: what tracking_events must hold afterwards. */
  distinctKnown: number;
  /** Events of known parcels in redeliveries: the platform answers them as duplicates. */
  redelivered: number;
  /** Events sent for tracking numbers the platform does not know (another platform's parcels), redeliveries included. */
  unknown: number;
  /** Events sent after a later event of the same parcel (kept, not applied). */
  late: number;
}

const HOUR = 3_600_000;

/**
 * The last mile of parcels `first` … `first + count − 1` (serials `first + 1` …), all sent
 * `base` onwards: every parcel goes out for delivery and is delivered; one in ten fails a
 * first attempt (delivery_failed, out for delivery again the next day, then delivered); one in
 * twenty has its out-for-delivery event reach the platform only after its delivery (late, kept
 * in the timeline but not applied); one event in a hundred is of a parcel the platform does not
 * know. The parcels go in groups of `group`; a group's events are sent in waves (first runs,
 * failures, second runs, deliveries, late events), shuffled within a wave, cut into deliveries
 * of `batch`; `redeliverShare` of the deliveries are sent again a few deliveries later, whole,
 * as a carrier retrying after a lost answer does.
 */
export function carrierStream(opts: {
  first: number;
  count: number;
  base: Date;
  batch: number;
  seed: number;
  redeliverShare: number;
  /** Parcels per group: the stream is one group after the other, so any prefix of it has the same mix. */
  group: number;
}): Stream {
  const all: Stream = { deliveries: [], distinctKnown: 0, redelivered: 0, unknown: 0, late: 0 };
  for (let g = 0; g < opts.count; g += opts.group) {
    const s = groupStream({ ...opts, first: opts.first + g, count: Math.min(opts.group, opts.count - g), seed: opts.seed * 100_003 + g });
    all.deliveries.push(...s.deliveries);
    all.distinctKnown += s.distinctKnown;
    all.redelivered += s.redelivered;
    all.unknown += s.unknown;
    all.late += s.late;
  }
  return all;
}

function groupStream(opts: { first: number; count: number; base: Date; batch: number; seed: number; redeliverShare: number }): Stream {
  const rnd = prng(opts.seed);
  const waves: CarrierEvent[][] = [[], [], [], [], []];
  const at = (i: number, hours: number) => new Date(opts.base.getTime() + hours * HOUR + (i % 3_600) * 1_000).toISOString();
  let distinctKnown = 0;
  let late = 0;
  for (let k = 0; k < opts.count; k++) {
    const i = opts.first + k;
    const number = trackingNumber(i + 1);
    const { dest } = parcelFacts(i);
    const where = `${dest.city}${dest.district}`;
    const ev = (kind: string, milestone: CarrierEvent['milestone'], hours: number, description: string | null): CarrierEvent => ({
      id: `${kind}-${number}`,
      tracking_number: number,
      milestone,
      occurred_at: at(i, hours),
      location: where,
      description,
    });
    const firstRun = ev('ofd1', 'out_for_delivery', 1, '派送中 Out for delivery');
    const isLate = k % 20 === 7;
    (isLate ? (waves[4] as CarrierEvent[]) : (waves[0] as CarrierEvent[])).push(firstRun);
    if (isLate) late++;
    if (k % 10 === 3) {
      (waves[1] as CarrierEvent[]).push(ev('fail1', 'delivery_failed', 5, '收件人不在 Recipient not at home'));
      (waves[2] as CarrierEvent[]).push(ev('ofd2', 'out_for_delivery', 24, '再次派送 Second attempt'));
      (waves[3] as CarrierEvent[]).push(ev('dlv', 'delivered', 27, '已签收 Signed by recipient'));
      distinctKnown += 4;
    } else {
      (waves[3] as CarrierEvent[]).push(ev('dlv', 'delivered', 8, '已签收 Signed by recipient'));
      distinctKnown += 2;
    }
  }
  // Another platform's parcels, in the same batches.
  const unknownCount = Math.floor(opts.count / 50);
  for (let u = 0; u < unknownCount; u++) {
    const number = s10('CT', 90_000_000 + opts.first + u, 'AU');
    (waves[u % 4] as CarrierEvent[]).push({
      id: `other-${number}`,
      tracking_number: number,
      milestone: 'out_for_delivery',
      occurred_at: at(u, 2),
    });
  }
  const events = waves.flatMap((w) => shuffle(w, rnd));
  const deliveries: CarrierEvent[][] = [];
  for (let s = 0; s < events.length; s += opts.batch) deliveries.push(events.slice(s, s + opts.batch));
  // Redeliveries: a copy of an earlier delivery, sent a few dozen deliveries later.
  let redelivered = 0;
  const known = (d: CarrierEvent[]) => d.filter((e) => !e.id.startsWith('other-')).length;
  const out: CarrierEvent[][] = [];
  const pending: { due: number; d: CarrierEvent[] }[] = [];
  deliveries.forEach((d, n) => {
    out.push(d);
    if (rnd() < opts.redeliverShare) pending.push({ due: n + 2 + Math.floor(rnd() * 10), d });
    for (let p = pending.findIndex((x) => x.due <= n); p >= 0; p = pending.findIndex((x) => x.due <= n)) {
      const [r] = pending.splice(p, 1);
      if (r) {
        out.push(r.d);
        redelivered += known(r.d);
      }
    }
  });
  for (const r of pending) {
    out.push(r.d);
    redelivered += known(r.d);
  }
  const unknown = out.reduce((n, d) => n + d.length - known(d), 0);
  return { deliveries: out, distinctKnown, redelivered, unknown, late };
}
