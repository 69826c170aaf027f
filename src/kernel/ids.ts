// Prefixed, time-sortable ids (TypeID: prefix + UUIDv7 in Crockford base32), e.g.
// `mer_01jd4x5…`. Sorting ids sorts by creation time, which is what cursors rely on.
import { typeid, TypeID } from 'typeid-js';

export const ID_PREFIXES = {
  operator: 'opr',
  staff: 'usr',
  shopper: 'shp',
  merchant: 'mer',
  statusChange: 'msc',
  invitation: 'inv',
  session: 'ses',
  apiKey: 'key',
  job: 'job',
  audit: 'aud',
  request: 'req',
  idempotency: 'idk',
  product: 'prd',
  variant: 'var',
  image: 'img',
  location: 'loc',
  stockLevel: 'stk',
  movement: 'mov',
  reservation: 'rsv',
  event: 'evt',
  account: 'acc',
  transferBatch: 'trb',
  fxRate: 'fxr',
  fxQuote: 'quo',
  topUp: 'tup',
  order: 'ord',
  orderTransition: 'otr',
  orderReturn: 'ret',
  cart: 'cart',
  checkout: 'chk',
  paymentIntent: 'pi',
  refund: 're',
  shipment: 'shm',
  parcel: 'pcl',
  trackingEvent: 'tev',
  bag: 'bag',
  manifest: 'mfst',
  customsDeclaration: 'cdec',
  inbound: 'inb',
  logisticsNode: 'lnode',
  lane: 'lane',
  payoutBatch: 'pob',
  payout: 'po',
  conversion: 'cnv',
  store: 'str',
  till: 'till',
  instorePayment: 'isp',
  instoreRefund: 'isr',
  webhookEndpoint: 'we',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  import: 'imp',
  invoice: 'invc',
  planChange: 'mplc',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind): string {
  return typeid(ID_PREFIXES[kind]).toString();
}

/** True when `id` is a well-formed id of that kind (used to turn junk into a 404, not a 500). */
export function isId(kind: IdKind, id: string): boolean {
  try {
    return TypeID.fromString(id).getType() === ID_PREFIXES[kind];
  } catch {
    return false;
  }
}
