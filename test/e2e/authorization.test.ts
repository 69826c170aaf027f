// The authorization matrix: every route, called by every kind of principal, against a table
// written here by hand (not read from the routes' own `access` declarations), and tenant
// isolation: a merchant reaching for another merchant's objects gets a 404, never the object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdKind, newId } from '../../src/kernel/ids.ts';
import { enqueue, getJob } from '../../src/kernel/jobs.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import type { MerchantAction } from '../../src/modules/merchants/rules.ts';
import {
  applyAsMerchant,
  createMerchant as createMerchantDirectly,
  decideMerchant,
  getMerchant,
  type MerchantApplication,
  setPayoutAccount,
} from '../../src/modules/merchants/service.ts';
import {
  call,
  createMerchant,
  createShopper,
  DEMO_PASSWORD,
  type MerchantFixture,
  operatorToken,
  type Res,
  signIn,
  testKey,
  uniqueEmail,
} from '../support/http.ts';
import { activate, createBonded, createProduct, createWarehouse, listableProduct, pngImage, receive } from '../support/catalog.ts';
import { acquirer } from '../../src/modules/payments/wallets.ts';
import { createLane, createNode, getLane, getNode } from '../../src/modules/logistics/service.ts';
import { signatureHeader } from '../../src/kernel/signatures.ts';
import { carrierSecret } from '../../src/modules/logistics/tracking.ts';
import { ADDRESS } from '../support/corridor.ts';
import { eq } from 'drizzle-orm';
import { holdPayouts, payoutHoldOf } from '../../src/modules/payments/settlement/payouts.ts';
import { payoutBatches, payoutHolds, payouts } from '../../src/modules/payments/settlement/schema.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { invoiceMerchant } from '../../src/modules/billing/invoicing.ts';
import { monthPeriod } from '../../src/modules/billing/rules.ts';

// --- who ---------------------------------------------------------------------------------

const LABELS = [
  'anonymous',
  'operator:admin',
  'operator:operations',
  'operator:finance',
  'operator:support',
  'merchant:owner',
  'merchant:manager',
  'merchant:staff',
  'api_key:*',
  'api_key:staff:read',
  /** A POS key: scope `instore:write`, bound to one of A's tills. */
  'api_key:pos',
  'shopper',
] as const;
type Label = (typeof LABELS)[number];

const ANYONE: readonly Label[] = LABELS;
const OPERATORS: readonly Label[] = ['operator:admin', 'operator:operations', 'operator:finance', 'operator:support'];
const MERCHANT_STAFF: readonly Label[] = ['merchant:owner', 'merchant:manager', 'merchant:staff'];
const MERCHANT_ADMINS: readonly Label[] = ['merchant:owner', 'merchant:manager'];
const API_KEYS: readonly Label[] = ['api_key:*', 'api_key:staff:read'];
/** Principals that act for a merchant tenant. */
const MERCHANT_SIDE: readonly Label[] = [...MERCHANT_STAFF, ...API_KEYS];
/** Who works an order through its fulfilment and returns: the merchant's staff and keys, operators but finance. */
const ORDER_SELLERS: readonly Label[] = [...MERCHANT_STAFF, 'api_key:*', 'operator:admin', 'operator:operations', 'operator:support'];

/** Who runs settlement: fee schedule, holds, payout batches. */
const FINANCE: readonly Label[] = ['operator:admin', 'operator:finance'];
/** Who reads payout batches and reconciliation. */
const FINANCE_READERS: readonly Label[] = ['operator:admin', 'operator:finance', 'operator:support'];

/** Who manages webhooks: the merchant's owner and managers, and keys with the webhooks scopes. */
const WEBHOOK_ADMINS: readonly Label[] = [...MERCHANT_ADMINS, 'api_key:*'];

/** The platform's hub and customs staff. */
const HUB: readonly Label[] = ['operator:admin', 'operator:operations'];
/** Who reads shipments, parcels, declarations and inbound shipments: operators, the merchant's staff and full keys. */
const SHIPMENT_READERS: readonly Label[] = [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'];
/** Who reads in-store payments and till reports: operators, the merchant's staff and full keys, the POS key (its store's). */
const INSTORE_READERS: readonly Label[] = [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'api_key:pos'];

// --- the expected table: route → who may call it -------------------------------------------

const EXPECTED: Record<string, readonly Label[]> = {
  // identity
  'POST /v1/sessions': ANYONE,
  'DELETE /v1/sessions/current': [...OPERATORS, ...MERCHANT_STAFF, 'shopper'],
  'GET /v1/me': [...OPERATORS, ...MERCHANT_STAFF, ...API_KEYS, 'api_key:pos', 'shopper'],
  'POST /v1/shoppers': ANYONE,
  'GET /v1/shopper/identity': ['shopper'],
  'POST /v1/shopper/identity': ['shopper'],
  'GET /v1/operators': ['operator:admin'],
  'POST /v1/operators': ['operator:admin'],
  'GET /v1/staff': [...MERCHANT_STAFF, ...API_KEYS],
  'POST /v1/staff': MERCHANT_ADMINS,
  'GET /v1/api-keys': [...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/api-keys': MERCHANT_ADMINS,
  'GET /v1/api-keys/:id': [...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/api-keys/:id/revoke': MERCHANT_ADMINS,
  // merchants
  'POST /v1/merchants': ['operator:admin', 'operator:operations'],
  'GET /v1/merchants': OPERATORS,
  'GET /v1/merchants/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/merchant-applications': ANYONE,
  'POST /v1/staff/invitations': MERCHANT_ADMINS,
  'GET /v1/staff/invitations': MERCHANT_ADMINS,
  'POST /v1/staff/invitations/:id/revoke': MERCHANT_ADMINS,
  'POST /v1/staff/invitations/accept': ANYONE,
  'POST /v1/merchants/:id/approve': ['operator:admin', 'operator:operations'],
  'POST /v1/merchants/:id/reject': ['operator:admin', 'operator:operations'],
  'POST /v1/merchants/:id/suspend': ['operator:admin', 'operator:operations'],
  'POST /v1/merchants/:id/reinstate': ['operator:admin', 'operator:operations'],
  'GET /v1/merchants/:id/status-changes': [...OPERATORS, ...MERCHANT_ADMINS],
  // platform
  'GET /v1/jobs': ['operator:admin', 'operator:operations'],
  'GET /v1/jobs/:id': ['operator:admin', 'operator:operations'],
  'POST /v1/jobs/:id/retry': ['operator:admin', 'operator:operations'],
  'GET /v1/audit-events': [...OPERATORS, ...MERCHANT_ADMINS, 'api_key:*'],
  'GET /v1/events': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/events/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  // CSV import and export: the merchant's own staff and full keys (imports need products:write)
  'POST /v1/imports': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/imports': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/imports/:id': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/imports/:id/errors.csv': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/exports/products.csv': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/exports/orders.csv': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/exports/stock.csv': [...MERCHANT_STAFF, 'api_key:*'],
  // catalog
  'POST /v1/products': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/products': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/products/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/products/:id': [...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/products/:id/variants': [...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/variants/:id': [...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/products/:id/activate': [...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/products/:id/archive': ['operator:admin', 'operator:operations', ...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/products/:id/images': [...MERCHANT_STAFF, 'api_key:*'],
  'DELETE /v1/products/:id/images/:image_id': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/images/:id/:size': ANYONE,
  'GET /v1/cbec/reference': ANYONE,
  // inventory
  'POST /v1/locations': ['operator:admin', 'operator:operations', ...MERCHANT_ADMINS, 'api_key:*'],
  'GET /v1/locations': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/locations/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/stock-levels': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/stock-levels/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/stock-levels/:id': [...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/stock-movements': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/stock-movements': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/reservations': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reservations': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reservations/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/reservations/:id/release': [...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/reservations/:id/ship': [...MERCHANT_STAFF, 'api_key:*'],
  // ledger
  'POST /v1/ledger/accounts': ['operator:admin', 'operator:finance'],
  'GET /v1/ledger/accounts': ['operator:admin', 'operator:finance', 'operator:support'],
  'GET /v1/ledger/accounts/:id': ['operator:admin', 'operator:finance', 'operator:support'],
  'GET /v1/ledger/accounts/:id/statement': ['operator:admin', 'operator:finance', 'operator:support'],
  'POST /v1/ledger/transfers': ['operator:admin', 'operator:finance'],
  'POST /v1/ledger/transfer-batches': ['operator:admin', 'operator:finance'],
  'GET /v1/ledger/transfers/:id': ['operator:admin', 'operator:finance', 'operator:support'],
  // fx
  'POST /v1/fx/rates': ['operator:admin', 'operator:finance'],
  'GET /v1/fx/rates': ANYONE,
  'GET /v1/fx/rates/history': OPERATORS,
  'POST /v1/fx/rates/import': ['operator:admin', 'operator:finance'],
  // Any valid key may ask for a quote, a POS key too.
  'POST /v1/fx/quotes': [...OPERATORS, ...MERCHANT_STAFF, ...API_KEYS, 'api_key:pos', 'shopper'],
  'GET /v1/fx/quotes/:id': [...OPERATORS, ...MERCHANT_STAFF, ...API_KEYS, 'api_key:pos', 'shopper'],
  // wallet
  'GET /v1/wallet': ['shopper'],
  'GET /v1/wallet/statement': ['shopper'],
  'POST /v1/wallet/top-ups': ['shopper'],
  'GET /v1/wallet/top-ups': ['shopper'],
  'GET /v1/wallet/top-ups/:id': ['shopper', 'operator:admin', 'operator:finance', 'operator:support'],
  'POST /v1/wallet/top-ups/:id/challenge': ['shopper'],
  'POST /v1/acquirers/:name/webhooks': ANYONE,
  // payments
  'POST /v1/payment-intents': ['operator:admin', 'operator:operations', ...MERCHANT_ADMINS, 'api_key:*'],
  'GET /v1/payment-intents': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'shopper'],
  'GET /v1/payment-intents/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'shopper'],
  'POST /v1/payment-intents/:id/quote': ['shopper'],
  'POST /v1/payment-intents/:id/confirm': ['shopper'],
  'POST /v1/payment-intents/:id/cancel': ['operator:admin', 'operator:operations', ...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/payment-intents/:id/delivery': ['operator:admin', 'operator:operations'],
  'POST /v1/payment-intents/:id/confirm-receipt': ['shopper'],
  'POST /v1/payment-intents/:id/release': ['operator:admin', 'operator:finance'],
  'POST /v1/refunds': ['operator:admin', 'operator:finance', 'operator:support', ...MERCHANT_ADMINS, 'api_key:*'],
  'GET /v1/refunds': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'shopper'],
  'GET /v1/refunds/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'shopper'],
  // settlement
  'GET /v1/settlement/fees': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'PUT /v1/settlement/fees/commission/:category': FINANCE,
  'PUT /v1/settlement/fees/payment/:currency': FINANCE,
  'PUT /v1/merchants/:id/payout-hold': FINANCE,
  'DELETE /v1/merchants/:id/payout-hold': FINANCE,
  'PUT /v1/merchants/:id/payout-account': [...FINANCE, 'merchant:owner'],
  'GET /v1/balance': [...FINANCE_READERS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/payouts': [...FINANCE_READERS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/payout-batches': FINANCE,
  'GET /v1/payout-batches': FINANCE_READERS,
  'GET /v1/payout-batches/:id': FINANCE_READERS,
  'POST /v1/payout-batches/:id/approve': FINANCE,
  'POST /v1/payout-batches/:id/cancel': FINANCE,
  'POST /v1/payout-batches/:id/send': FINANCE,
  'GET /v1/payout-batches/:id/file': FINANCE,
  'POST /v1/payout-batches/:id/confirmations': FINANCE,
  'GET /v1/settlement/reconciliation': FINANCE_READERS,
  // cart
  'GET /v1/cart': ['shopper'],
  'POST /v1/cart/lines': ['shopper'],
  'DELETE /v1/cart/lines/:variant_id': ['shopper'],
  'DELETE /v1/cart': ['shopper'],
  'POST /v1/checkouts': ['shopper'],
  'GET /v1/checkouts/:id': ['shopper'],
  'POST /v1/checkouts/:id/cancel': ['shopper'],
  'POST /v1/checkouts/:id/shipping': ['shopper'],
  // compliance
  'POST /v1/tax/quote': ANYONE,
  'GET /v1/shopper/quota': ['shopper'],
  // storefront
  'GET /v1/storefront/products': ANYONE,
  'GET /v1/storefront/products/:id': ANYONE,
  // logistics
  'POST /v1/logistics/nodes': ['operator:admin', 'operator:operations'],
  'GET /v1/logistics/nodes': OPERATORS,
  'GET /v1/logistics/nodes/:id': OPERATORS,
  'POST /v1/logistics/nodes/:id': ['operator:admin', 'operator:operations'],
  'POST /v1/logistics/lanes': ['operator:admin', 'operator:operations'],
  'GET /v1/logistics/lanes': OPERATORS,
  'GET /v1/logistics/lanes/:id': OPERATORS,
  'POST /v1/logistics/lanes/:id': ['operator:admin', 'operator:operations'],
  'POST /v1/shipping/quotes': ANYONE,
  // orders
  'POST /v1/checkouts/:id/pay': ['shopper'],
  'GET /v1/orders': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'shopper'],
  'GET /v1/orders/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'shopper'],
  'POST /v1/orders/:id/fulfil': ORDER_SELLERS,
  'POST /v1/orders/:id/ship': ORDER_SELLERS,
  'POST /v1/orders/:id/deliver': ['operator:admin', 'operator:operations'],
  'POST /v1/orders/:id/complete': ['shopper', 'operator:admin', 'operator:operations'],
  'POST /v1/orders/:id/cancel': ['shopper', ...ORDER_SELLERS],
  'POST /v1/orders/:id/refund': [...MERCHANT_ADMINS, 'api_key:*', 'operator:admin', 'operator:finance', 'operator:support'],
  'POST /v1/orders/:id/return': ['shopper'],
  'POST /v1/orders/:id/return/approve': ORDER_SELLERS,
  'POST /v1/orders/:id/return/reject': ORDER_SELLERS,
  'POST /v1/orders/:id/return/receive': ORDER_SELLERS,
  'GET /v1/reports/sales': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reports/revenue': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reports/products': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reports/provinces': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reports/funnel': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reports/refunds': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/reports/delivery-times': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  // merchant statements: merchants and payments:read keys their own, operators but operations any merchant's
  'GET /v1/statements': ['operator:admin', 'operator:finance', 'operator:support', ...MERCHANT_STAFF, 'api_key:*'],
  // usage and billing: plans for everyone signed in; usage for the merchant (operators by merchant); invoices as statements
  'GET /v1/plans': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/plans/:code': FINANCE,
  'GET /v1/usage': [...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/merchants/:id/usage': [...OPERATORS, ...MERCHANT_STAFF],
  'PUT /v1/merchants/:id/plan': FINANCE,
  'GET /v1/invoices': ['operator:admin', 'operator:finance', 'operator:support', ...MERCHANT_STAFF, 'api_key:*'],
  'GET /v1/invoices/:id': ['operator:admin', 'operator:finance', 'operator:support', ...MERCHANT_STAFF, 'api_key:*'],
  // shipments, parcels, labels, tracking
  'POST /v1/orders/:id/shipments': [...MERCHANT_STAFF, 'api_key:*', ...HUB],
  'GET /v1/shipments': SHIPMENT_READERS,
  'GET /v1/shipments/:id': SHIPMENT_READERS,
  'GET /v1/shipments/:id/labels': SHIPMENT_READERS,
  'POST /v1/labels': SHIPMENT_READERS,
  'GET /v1/parcels': SHIPMENT_READERS,
  'GET /v1/parcels/:id': SHIPMENT_READERS,
  'GET /v1/parcels/:id/label': SHIPMENT_READERS,
  'GET /v1/orders/:id/parcels': [...SHIPMENT_READERS, 'shopper'],
  'GET /v1/tracking/:tracking_number': ANYONE,
  'POST /v1/carriers/:name/webhooks': ANYONE,
  // hub operations
  'POST /v1/hub/scans': HUB,
  'POST /v1/bags': HUB,
  'GET /v1/bags': OPERATORS,
  'GET /v1/bags/:id': OPERATORS,
  'POST /v1/bags/:id/parcels': HUB,
  'POST /v1/bags/:id/close': HUB,
  'POST /v1/manifests': HUB,
  'GET /v1/manifests': OPERATORS,
  'GET /v1/manifests/:id': OPERATORS,
  'POST /v1/manifests/:id/depart': HUB,
  'POST /v1/manifests/:id/arrive': HUB,
  // customs and bonded stock
  'GET /v1/customs/declarations': SHIPMENT_READERS,
  'GET /v1/customs/declarations/:id': SHIPMENT_READERS,
  'GET /v1/customs/declarations/:id/messages/:kind': OPERATORS,
  'POST /v1/customs/declarations/:id/recheck': HUB,
  'POST /v1/inbound-shipments': [...MERCHANT_ADMINS, 'api_key:*'],
  'GET /v1/inbound-shipments': SHIPMENT_READERS,
  'GET /v1/inbound-shipments/:id': SHIPMENT_READERS,
  'POST /v1/inbound-shipments/:id/receive': HUB,
  'POST /v1/inbound-shipments/:id/cancel': [...MERCHANT_ADMINS, 'api_key:*'],
  // in-store: stores, tills, POS keys
  'POST /v1/stores': MERCHANT_ADMINS,
  'GET /v1/stores': [...OPERATORS, ...MERCHANT_STAFF],
  'GET /v1/stores/:id': [...OPERATORS, ...MERCHANT_STAFF],
  'POST /v1/stores/:id': MERCHANT_ADMINS,
  'POST /v1/stores/:id/tills': MERCHANT_ADMINS,
  'GET /v1/stores/:id/tills': [...OPERATORS, ...MERCHANT_STAFF],
  'GET /v1/tills/:id': [...OPERATORS, ...MERCHANT_STAFF, 'api_key:*', 'api_key:pos'],
  'POST /v1/tills/:id/keys': MERCHANT_ADMINS,
  // in-store: payments at the till (POS keys), the merchant's reads, the shopper's wallet side
  'POST /v1/instore/payments': ['api_key:pos'],
  'GET /v1/instore/payments': INSTORE_READERS,
  'GET /v1/instore/payments/:id': INSTORE_READERS,
  'GET /v1/instore/payments/:id/qr.png': INSTORE_READERS,
  'POST /v1/instore/payments/:id/cancel': [...MERCHANT_ADMINS, 'api_key:*', 'api_key:pos'],
  'POST /v1/instore/payments/:id/refunds': [...MERCHANT_ADMINS, 'api_key:*', 'api_key:pos'],
  'GET /v1/instore/payments/:id/receipt': [...INSTORE_READERS, 'shopper'],
  'GET /v1/instore/payments/:id/receipt.txt': [...INSTORE_READERS, 'shopper'],
  'GET /v1/instore/reports/daily': INSTORE_READERS,
  'GET /v1/wallet/payment-code': ['shopper'],
  'GET /v1/wallet/payment-code.png': ['shopper'],
  'POST /v1/wallet/payment-code/settings': ['shopper'],
  'POST /v1/wallet/instore/scan': ['shopper'],
  'POST /v1/wallet/instore/payments/:id/confirm': ['shopper'],
  'GET /v1/wallet/instore/payments': ['shopper'],
  'GET /v1/wallet/instore/payments/:id': ['shopper'],
  // webhooks: the merchant's owner and managers, keys with webhooks:read / webhooks:write
  // test helpers: whoever may act on orders; in the live world the answer is 403 livemode_not_allowed
  'POST /v1/test_helpers/orders': [...MERCHANT_ADMINS, 'api_key:*'],
  'POST /v1/test_helpers/shipments/:id/deliver': [...MERCHANT_STAFF, 'api_key:*'],
  'POST /v1/webhook-endpoints': WEBHOOK_ADMINS,
  'GET /v1/webhook-endpoints': WEBHOOK_ADMINS,
  'GET /v1/webhook-endpoints/:id': WEBHOOK_ADMINS,
  'POST /v1/webhook-endpoints/:id': WEBHOOK_ADMINS,
  'DELETE /v1/webhook-endpoints/:id': WEBHOOK_ADMINS,
  'POST /v1/webhook-endpoints/:id/roll-secret': WEBHOOK_ADMINS,
  'GET /v1/webhook-endpoints/:id/deliveries': WEBHOOK_ADMINS,
  'GET /v1/webhook-deliveries/:id': WEBHOOK_ADMINS,
  'POST /v1/webhook-deliveries/:id/retry': WEBHOOK_ADMINS,
  'POST /v1/events/:id/redeliver': WEBHOOK_ADMINS,
};
const ROUTES = Object.keys(EXPECTED);

// --- fixtures --------------------------------------------------------------------------------

interface Actor {
  /** The credential used for every call but the ones that end it. */
  token: string | undefined;
  /** A new credential of the same principal, for calls that may end it (sign-out). */
  fresh(): Promise<string | undefined>;
}

let p: TestPlatform;
let A: MerchantFixture;
let aTestKey: string;
/** A's test twin: the merchant A's test keys act as. */
let aTwinId: string;
let B: MerchantFixture;
const actors = new Map<Label, Actor>();
const aStaffIds: string[] = [];
let aScopedKeyId: string;
let aKeyRedacted: string;
/** A pending invitation of A's, for the isolation checks. */
let aInvitationId: string;
/** A's catalog and stock: a listed product with stock in A's warehouse, an image, a reservation, an event. */
const aObj = {
  product: '',
  variant: '',
  location: '',
  level: '',
  reservation: '',
  image: '',
  event: '',
  bonded: '',
  quote: '',
  intent: '',
  refund: '',
  /** A paid order of A's (bought by the matrix shopper); B has one too, for the lists. */
  order: '',
  /** Another paid order of A's, booked into a shipment of one parcel, with its customs declaration. */
  shipOrder: '',
  shipment: '',
  parcel: '',
  trackingNumber: '',
  declaration: '',
  /** An inbound shipment of A's to the bonded warehouse, in transit. */
  inbound: '',
  /** A's store in Melbourne, a till in it and that till's POS key (the `api_key:pos` actor). */
  store: '',
  till: '',
  posKey: '',
  /** An in-store payment at that till, paid by the matrix shopper by scanning its QR. */
  instorePayment: '',
  /** A finished CSV import of A's, with one bad row in its error report. */
  import: '',
  webhookEndpoint: '',
  webhookDelivery: '',
  /** A's invoice for January 2026, made by the billing service. */
  invoice: '',
};
/** The shipping network of the hub routes: a hub in Auckland flying to China (9610), a jar of A's stocked in Auckland, a third product of A's to send to the bonded warehouse. */
const net = { hub: '', variant9610: '', inboundVariant: '' };
let png: Buffer;
let shopperTopUp: string;
function topUpAs(token: string, number: string) {
  return call(p, 'POST', '/v1/wallet/top-ups', {
    token,
    body: { amount: '100', card: { number, exp_month: 12, exp_year: 2034, cvc: '123' } },
  });
}
/** Two ledger accounts and a transfer between them. */
const ledger = { debit: '', credit: '', transfer: '' };
let shopperEmail: string;

function actor(label: Label): Actor {
  const a = actors.get(label);
  if (!a) throw new Error(`no actor ${label}`);
  return a;
}

async function addStaff(owner: string, role: 'manager' | 'staff'): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(role);
  const r = await call(p, 'POST', '/v1/staff', { token: owner, body: { email, name: `Sam ${role}`, role, password: DEMO_PASSWORD } });
  if (r.status !== 201) throw new Error(`staff create failed: ${r.status} ${r.raw}`);
  return { id: r.body.id, email };
}

const STORE = { name: 'Matrix store', address_line: '12 Degraves St', city: 'Melbourne', region: 'AU-VIC', country: 'AU' };
let tillSeq = 0;

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function tillsOfA(): Promise<any[]> {
  return (await call(p, 'GET', `/v1/stores/${aObj.store}/tills?limit=100`, { token: A.owner })).body.data;
}

async function keyNamesOfA(): Promise<string[]> {
  return (await call(p, 'GET', '/v1/api-keys?limit=100', { token: A.owner })).body.data.map((k: { name: string }) => k.name);
}

async function createKey(owner: string, scopes: string[]): Promise<{ id: string; secret: string }> {
  const r = await call(p, 'POST', '/v1/api-keys', { token: owner, body: { name: `matrix ${scopes.join(' ')}`, mode: 'live', scopes } });
  if (r.status !== 201) throw new Error(`api key create failed: ${r.status} ${r.raw}`);
  return { id: r.body.id, secret: r.body.secret };
}

/** A job in the failed state, so a retry has something to do. */
async function failedJob(): Promise<string> {
  const id = await enqueue(p.ctx(), 'test.noop', {}, { maxAttempts: 1 });
  if (!id) throw new Error('enqueue returned no id');
  const failing = { 'test.noop': async () => Promise.reject(new Error('fails on purpose')) };
  while ((await p.runJobs(failing)) > 0) {}
  expect((await getJob(p.ctx(), id)).status).toBe('failed');
  return id;
}

async function keyOfA(id: string): Promise<Record<string, unknown>> {
  const r = await call(p, 'GET', `/v1/api-keys/${id}`, { token: A.owner });
  expect(r.status).toBe(200);
  return r.body;
}

/** A payment intent of the merchant whose credential this is, for the matrix shopper (the buyer), paid or not. */
/**
 * A payout batch of one payout to A in the given state, written straight to the tables (the
 * routes that make one are tested in settlement.test.ts): prepared by someone no matrix actor is.
 */
async function matrixBatch(status: 'draft' | 'approved' | 'sent'): Promise<{ batch: string; payout: string }> {
  const batch = newId('payoutBatch');
  const payout = newId('payout');
  const at = p.clock.now();
  await p
    .ctx()
    .db.insert(payoutBatches)
    .values({
      id: batch,
      currency: 'AUD',
      format: 'aba',
      payoutDate: at.toISOString().slice(0, 10),
      status,
      preparedBy: 'operator:matrix-preparer',
      total: 5000n,
      itemCount: 1,
      ...(status === 'draft' ? {} : { approvals: ['operator:matrix-approver'], approvedAt: at }),
      ...(status === 'sent' ? { sentAt: at, sentBy: 'operator:matrix-approver' } : {}),
      createdAt: at,
      updatedAt: at,
    });
  await p.ctx().db.insert(payouts).values({
    id: payout,
    batchId: batch,
    merchantId: A.id,
    amount: 5000n,
    currency: 'AUD',
    status: 'pending',
    accountMasked: '082-001 ****196',
    reference: 'TASMAN MATRIX',
    createdAt: at,
    updatedAt: at,
  });
  return { batch, payout };
}

let feeSeq = 0;

async function batchStatus(id: string): Promise<string> {
  const [row] = await p.ctx().db.select({ status: payoutBatches.status }).from(payoutBatches).where(eq(payoutBatches.id, id));
  return row?.status ?? 'missing';
}

async function intentOf(token: string, paid: boolean, currency: 'CNY' | 'AUD' = 'CNY'): Promise<string> {
  const r = await call(p, 'POST', '/v1/payment-intents', {
    token,
    body: {
      order_reference: `M-${uniqueEmail('o').replace('@', '.')}`,
      amount: { amount: '100', currency },
      buyer: { name: '李伟', id_number: validIdNumber() },
    },
  });
  if (r.status !== 201) throw new Error(`payment intent create failed: ${r.status} ${r.raw}`);
  if (paid) {
    const c = await call(p, 'POST', `/v1/payment-intents/${r.body.id}/confirm`, { token: actor('shopper').token, body: {} });
    if (c.status !== 200) throw new Error(`payment failed: ${c.status} ${c.raw}`);
  }
  return r.body.id;
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function intentState(id: string): Promise<Record<string, any>> {
  return (await call(p, 'GET', `/v1/payment-intents/${id}`, { token: A.owner })).body;
}

async function refundOf(token: string, intent: string): Promise<string> {
  const r = await call(p, 'POST', '/v1/refunds', { token, body: { payment_intent: intent, amount: '1', reason: 'other' } });
  if (r.status !== 201) throw new Error(`refund failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

function validIdNumber(): string {
  const first17 = '11010519491231002';
  return first17 + residentIdCheckChar(first17);
}

beforeAll(async () => {
  p = await startPlatform();
  for (const role of ['admin', 'operations', 'finance', 'support'] as const) {
    const token = await operatorToken(p, role);
    // A new operator of the same role is a fresh session of the same kind of principal.
    actors.set(`operator:${role}`, { token, fresh: () => operatorToken(p, role) });
  }
  const admin = actor('operator:admin').token as string;
  A = await createMerchant(p, admin, 'Manuka Bay Honey');
  B = await createMerchant(p, admin, 'Kaikoura Kelp');
  // A's test key acts in A's test world (decisions §23): to it, A's live objects are another tenant's.
  const aTest = await testKey(p, A.owner);
  aTestKey = aTest.secret;
  aTwinId = aTest.merchantId;
  const manager = await addStaff(A.owner, 'manager');
  const staff = await addStaff(A.owner, 'staff');
  const me = await call(p, 'GET', '/v1/me', { token: A.owner });
  aStaffIds.push(me.body.id, manager.id, staff.id);
  const session = (email: string) => async () => signIn(p, 'staff', email);
  actors.set('merchant:owner', { token: A.owner, fresh: session(A.ownerEmail) });
  actors.set('merchant:manager', { token: await signIn(p, 'staff', manager.email), fresh: session(manager.email) });
  actors.set('merchant:staff', { token: await signIn(p, 'staff', staff.email), fresh: session(staff.email) });
  actors.set('api_key:*', { token: A.apiKey, fresh: async () => A.apiKey });
  const scoped = await createKey(A.owner, ['staff:read']);
  aScopedKeyId = scoped.id;
  actors.set('api_key:staff:read', { token: scoped.secret, fresh: async () => scoped.secret });
  aObj.store = (await call(p, 'POST', '/v1/stores', { token: A.owner, body: STORE })).body.id;
  aObj.till = (await call(p, 'POST', `/v1/stores/${aObj.store}/tills`, { token: A.owner, body: { name: 'Front counter' } })).body.id;
  const pos = await call(p, 'POST', `/v1/tills/${aObj.till}/keys`, { token: A.owner, body: {} });
  if (pos.status !== 201) throw new Error(`POS key create failed: ${pos.status} ${pos.raw}`);
  aObj.posKey = pos.body.id;
  actors.set('api_key:pos', { token: pos.body.secret, fresh: async () => pos.body.secret });
  const shopper = await createShopper(p);
  shopperEmail = shopper.email;
  actors.set('shopper', { token: shopper.token, fresh: () => signIn(p, 'shopper', shopper.email) });
  await call(p, 'POST', '/v1/shopper/identity', {
    token: shopper.token,
    body: { real_name: '李伟', id_number: validIdNumber(), mobile: '13800138000' },
  });
  shopperTopUp = (await topUpAs(shopper.token, '4242424242424242')).body.id;
  actors.set('anonymous', { token: undefined, fresh: async () => undefined });
  aKeyRedacted = (await keyOfA(A.apiKeyId)).redacted_key as string;
  aInvitationId = (
    await call(p, 'POST', '/v1/staff/invitations', { token: A.owner, body: { email: uniqueEmail('a-invitee'), role: 'staff' } })
  ).body.id;
  png = await pngImage(300, 300);
  const product = await createProduct(p, A.owner, listableProduct({}, { price: { amount: '3990', currency: 'AUD' } }));
  aObj.product = product.id;
  aObj.variant = product.variants[0].id;
  await activate(p, A.owner, aObj.product);
  aObj.location = await createWarehouse(p, A.owner);
  aObj.bonded = await createBonded(p, admin);
  const level = await receive(p, A.owner, aObj.variant, aObj.location, 50);
  aObj.level = level.id;
  await call(p, 'POST', `/v1/stock-levels/${level.id}`, { token: A.owner, body: { low_stock_threshold: 100 } });
  aObj.event = (await call(p, 'GET', '/v1/events', { token: A.owner })).body.data[0].id;
  const imported = await call(p, 'POST', '/v1/imports', {
    token: A.owner,
    body: {
      csv: 'sku,brand,category,country_of_origin,name_en,price\nMATRIX-IMP-1,Manuka Bay,honey,NZ,Matrix honey,39.90\nMATRIX-IMP-2,Manuka Bay,honey,NZ,Matrix honey,abc\n',
      mode: 'valid_rows',
    },
  });
  if (imported.status !== 202) throw new Error(`import failed: ${imported.status} ${imported.raw}`);
  aObj.import = imported.body.id;
  await p.runJobs();
  // A webhook endpoint on a name that never resolves (RFC 6761 .invalid): deliveries fail at once, without leaving the machine.
  aObj.webhookEndpoint = (await call(p, 'POST', '/v1/webhook-endpoints', { token: A.owner, body: WEBHOOK })).body.id;
  const redelivered = await call(p, 'POST', `/v1/events/${aObj.event}/redeliver`, { token: A.owner, body: {} });
  if (redelivered.status !== 200) throw new Error(`webhook delivery set-up failed: ${redelivered.status} ${redelivered.raw}`);
  aObj.webhookDelivery = redelivered.body.data[0].id;
  await call(p, 'POST', '/v1/webhook-endpoints', { token: B.owner, body: { ...WEBHOOK, description: 'B' } });
  const invoice = await invoiceMerchant(
    p.ctx(),
    { id: A.id, country: 'AU', createdAt: new Date(0) },
    monthPeriod('2026-01', 'Australia/Sydney'),
  );
  aObj.invoice = invoice?.id ?? '';
  aObj.reservation = (
    await call(p, 'POST', '/v1/reservations', {
      token: A.owner,
      body: { variant_id: aObj.variant, location_id: aObj.location, quantity: 1 },
    })
  ).body.id;
  aObj.image = (await uploadImage(A.owner, aObj.product)).body.id;
  // Payout batches' bank files need A's account.
  await setPayoutAccount(p.ctx(), A.id, {
    country: 'AU',
    account_name: 'Manuka Matrix Pty Ltd',
    bsb: '082-001',
    account_number: '694867196',
  });
  const fin = actor('operator:finance').token as string;
  for (const side of ['debit', 'credit'] as const) {
    const body = { key: `matrix-${side}`, name: side, currency: 'CNY', kind: side === 'debit' ? 'asset' : 'liability' };
    ledger[side] = (await call(p, 'POST', '/v1/ledger/accounts', { token: fin, body })).body.id;
  }
  await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
  aObj.quote = (await call(p, 'POST', '/v1/fx/quotes', { token: A.owner, body: { base: 'AUD', quote: 'CNY' } })).body.id;
  const t = { id: 'matrix-transfer', debit_account_id: ledger.debit, credit_account_id: ledger.credit, amount: '5', currency: 'CNY' };
  ledger.transfer = (await call(p, 'POST', '/v1/ledger/transfers', { token: fin, body: t })).body.id;
  // The matrix shopper's wallet, funded for the payments below.
  await call(p, 'POST', '/v1/wallet/top-ups', {
    token: shopper.token,
    body: { amount: '1000000', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
  });
  await p.runJobs();
  aObj.intent = await intentOf(A.owner, true);
  aObj.refund = await refundOf(A.owner, aObj.intent);
  await refundOf(B.owner, await intentOf(B.owner, true));
  await setUpOrders();
  await setUpInstore();
});

function uploadImage(token: string, productId: string) {
  return call(p, 'POST', `/v1/products/${productId}/images`, { token, rawBody: png, headers: { 'content-type': 'image/png' } });
}

/** A draft product of A's made for one call. */
async function freshProduct(): Promise<{ id: string; variant: string }> {
  const d = await createProduct(p, A.owner);
  return { id: d.id, variant: d.variants[0].id };
}

async function freshReservation(): Promise<string> {
  const r = await call(p, 'POST', '/v1/reservations', {
    token: A.owner,
    body: { variant_id: aObj.variant, location_id: aObj.location, quantity: 1 },
  });
  if (r.status !== 201) throw new Error(r.raw);
  return r.body.id;
}
afterAll(() => p?.close());

/** Shipping network objects made for one call each: a hub serving no region, a lane on a hub of its own. */
let networkSeq = 0;
async function freshHub(): Promise<string> {
  const code = `MX-${++networkSeq}`;
  return (await createNode(p.ctx(), { code, kind: 'hub', name: code, country: 'AU', city: 'Geelong', region: 'AU-VIC' })).id;
}
async function freshLane(hub?: string): Promise<string> {
  const rate_card = {
    first_weight_g: 500,
    first_price: { amount: '1800', currency: 'AUD' },
    additional_weight_g: 500,
    additional_price: { amount: '600', currency: 'AUD' },
    fuel_surcharge_bps: 1200,
  };
  const lane = await createLane(p.ctx(), {
    origin_node_id: hub ?? (await freshHub()),
    service_code: 'AIR-9610',
    name: 'Air',
    mode: '9610',
    destination_country: 'CN',
    regions: ['*'],
    transit_days: { min: 7, max: 12 },
    rate_card,
  });
  return lane.id;
}

/**
 * Orders: a bonded warehouse shipping to Zhejiang, a cheap jar of A's and of B's stocked there,
 * and one paid order of each bought by the matrix shopper (A's is the one B reaches for).
 */
const orderVariant = { A: '', B: '' };
async function setUpOrders(): Promise<void> {
  const node = await createNode(p.ctx(), {
    code: 'MX-HGH',
    kind: 'bonded_warehouse',
    name: 'Matrix bonded',
    region: 'CN-ZJ',
    stock_location_id: aObj.bonded,
  });
  await createLane(p.ctx(), {
    origin_node_id: node.id,
    service_code: 'BONDED-EXP',
    name: 'Bonded express',
    mode: '1210',
    destination_country: 'CN',
    regions: ['CN-ZJ'],
    transit_days: { min: 1, max: 2 },
    rate_card: {
      first_weight_g: 1000,
      first_price: { amount: '800', currency: 'CNY' },
      additional_weight_g: 1000,
      additional_price: { amount: '300', currency: 'CNY' },
    },
  });
  for (const [key, m] of [
    ['A', A],
    ['B', B],
  ] as const) {
    const product = await createProduct(p, m.owner, listableProduct({}, { price: { amount: '100', currency: 'AUD' } }));
    await activate(p, m.owner, product.id);
    orderVariant[key] = product.variants[0].id;
    await receive(p, m.owner, orderVariant[key], aObj.bonded, 500);
  }
  aObj.order = await orderIn('paid');
  const bOrder = await orderIn('paid', 'B');
  // Shipments: A's and B's (for the lists), each a 1210 parcel with its declaration.
  aObj.shipOrder = await orderIn('paid');
  const shipped = await call(p, 'POST', `/v1/orders/${aObj.shipOrder}/shipments`, { token: A.owner, body: ONE_PARCEL });
  if (shipped.status !== 201) throw new Error(`booking failed: ${shipped.status} ${shipped.raw}`);
  aObj.shipment = shipped.body.id;
  aObj.parcel = shipped.body.parcels[0].id;
  aObj.trackingNumber = shipped.body.parcels[0].tracking_number;
  aObj.declaration = (await declarationsOf(aObj.shipOrder))[0].id;
  const bShipped = await call(p, 'POST', `/v1/orders/${bOrder}/shipments`, { token: B.owner, body: ONE_PARCEL });
  if (bShipped.status !== 201) throw new Error(`booking failed: ${bShipped.status} ${bShipped.raw}`);
  // The 9610 network: a hub serving Auckland (A's warehouse) with a lane to all of China.
  const hub = await createNode(p.ctx(), {
    code: 'MX-AKL',
    kind: 'hub',
    name: 'Matrix Auckland hub',
    country: 'NZ',
    city: 'Auckland',
    region: 'NZ',
    serves_cities: ['Auckland'],
  });
  net.hub = hub.id;
  await createLane(p.ctx(), {
    origin_node_id: hub.id,
    service_code: 'AIR-STD',
    name: 'Air standard',
    mode: '9610',
    destination_country: 'CN',
    regions: ['*'],
    transit_days: { min: 7, max: 12 },
    rate_card: {
      first_weight_g: 1000,
      first_price: { amount: '100', currency: 'NZD' },
      additional_weight_g: 1000,
      additional_price: { amount: '100', currency: 'NZD' },
    },
  });
  await call(p, 'POST', '/v1/fx/rates', {
    token: actor('operator:finance').token,
    body: { base: 'NZD', quote: 'CNY', mid: '4.3', spread_bps: 50 },
  });
  const jar = await createProduct(p, A.owner, listableProduct({}, { price: { amount: '100', currency: 'AUD' } }));
  await activate(p, A.owner, jar.id);
  net.variant9610 = jar.variants[0].id;
  await receive(p, A.owner, net.variant9610, aObj.location, 500);
  // Bonded stock: A's third product sent from Auckland; B sends one of its own too (for the lists).
  const sendable = await createProduct(p, A.owner, listableProduct({}, { price: { amount: '100', currency: 'AUD' } }));
  net.inboundVariant = sendable.variants[0].id;
  await receive(p, A.owner, net.inboundVariant, aObj.location, 500);
  aObj.inbound = await freshInbound();
  const bWarehouse = await createWarehouse(p, B.owner, 'Wellington DC');
  const bProduct = await createProduct(p, B.owner, listableProduct({}, { price: { amount: '100', currency: 'AUD' } }));
  await receive(p, B.owner, bProduct.variants[0].id, bWarehouse, 5);
  const bInbound = await call(p, 'POST', '/v1/inbound-shipments', {
    token: B.owner,
    body: { from_location_id: bWarehouse, to_location_id: aObj.bonded, lines: [{ variant_id: bProduct.variants[0].id, quantity: 1 }] },
  });
  if (bInbound.status !== 201) throw new Error(`inbound failed: ${bInbound.status} ${bInbound.raw}`);
  // The shopper's wallet, topped up for the orders the hub routes make.
  await call(p, 'POST', '/v1/wallet/top-ups', {
    token: actor('shopper').token,
    body: { amount: '1000000', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
  });
  await p.runJobs();
}

const ONE_PARCEL = { parcels: [{ weight_g: 400, length_cm: 12, width_cm: 10, height_cm: 10 }] };

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function declarationsOf(order: string): Promise<any[]> {
  const r = await call(p, 'GET', `/v1/customs/declarations?order=${order}`, { token: actor('operator:admin').token });
  if (r.status !== 200) throw new Error(r.raw);
  return r.body.data;
}

/** An inbound shipment of one unit of A's from Auckland to the bonded warehouse, in transit. */
async function freshInbound(): Promise<string> {
  const r = await call(p, 'POST', '/v1/inbound-shipments', {
    token: A.owner,
    body: { from_location_id: aObj.location, to_location_id: aObj.bonded, lines: [{ variant_id: net.inboundVariant, quantity: 1 }] },
  });
  if (r.status !== 201) throw new Error(`inbound failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

async function inboundStatus(id: string): Promise<string> {
  return (await call(p, 'GET', `/v1/inbound-shipments/${id}`, { token: A.owner })).body.status;
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function parcelNow(id: string): Promise<any> {
  return (await call(p, 'GET', `/v1/parcels/${id}`, { token: actor('operator:admin').token })).body;
}

/** A new 9610 parcel of A's (a paid order booked through the Auckland hub), received at the hub if asked. */
async function parcel9610(received = false): Promise<{ id: string; number: string }> {
  const token = actor('shopper').token;
  await call(p, 'DELETE', '/v1/cart', { token });
  await call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id: net.variant9610, quantity: 1 } });
  const chk = await call(p, 'POST', '/v1/checkouts', { token, body: { address: ADDRESS } });
  if (chk.status !== 201) throw new Error(`checkout failed: ${chk.status} ${chk.raw}`);
  const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token, body: {} });
  if (paid.status !== 200) throw new Error(`pay failed: ${paid.status} ${paid.raw}`);
  const booked = await call(p, 'POST', `/v1/orders/${paid.body.orders[0].id}/shipments`, { token: A.owner, body: ONE_PARCEL });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${booked.raw}`);
  const parcel = { id: booked.body.parcels[0].id as string, number: booked.body.parcels[0].tracking_number as string };
  if (received) await hubCall('/v1/hub/scans', { tracking_number: parcel.number, scan: 'receive' });
  return parcel;
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function hubCall(url: string, body: unknown = {}): Promise<any> {
  const r = await call(p, 'POST', url, { token: actor('operator:operations').token, body });
  if (r.status !== 200 && r.status !== 201) throw new Error(`${url} failed: ${r.status} ${r.raw}`);
  return r.body;
}

/** An open bag at the Auckland hub for China: empty, or holding a received parcel; closed if asked. */
async function freshBag(stage: 'empty' | 'filled' | 'closed'): Promise<string> {
  const bag = (await hubCall('/v1/bags', { origin_node_id: net.hub, destination_country: 'CN' })).id as string;
  if (stage === 'empty') return bag;
  await hubCall(`/v1/bags/${bag}/parcels`, { tracking_number: (await parcel9610(true)).number });
  if (stage === 'closed') await hubCall(`/v1/bags/${bag}/close`);
  return bag;
}

/** A master air waybill number not used before: airline 784, a serial, its check digit (serial mod 7). */
let awbSeq = 1_000_000;
function freshAwb(): string {
  const serial = ++awbSeq;
  return `784-${serial}${serial % 7}`;
}
const flight = (bag: string) => ({
  origin_node_id: net.hub,
  destination_country: 'CN',
  mawb: freshAwb(),
  flight_no: 'NZ289',
  destination_airport: 'PVG',
  bag_ids: [bag],
});

/** A manifest of one closed bag, open or departed. */
async function freshManifest(stage: 'open' | 'departed'): Promise<string> {
  const m = (await hubCall('/v1/manifests', flight(await freshBag('closed')))).id as string;
  if (stage === 'departed') await hubCall(`/v1/manifests/${m}/depart`);
  return m;
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function opsGet(url: string): Promise<any> {
  return (await call(p, 'GET', url, { token: actor('operator:admin').token })).body;
}

/**
 * An object for a state-changing call: made for this call when the principal may take it (the
 * call changes it), one shared by the refused calls (which must leave it as it was).
 */
const sharedObjects = new Map<string, Promise<string>>();
function objectFor(route: string, label: Label | undefined, make: () => Promise<string>, key = route): Promise<string> {
  if (label && EXPECTED[route]?.includes(label)) return make();
  const shared = sharedObjects.get(key) ?? make();
  sharedObjects.set(key, shared);
  return shared;
}

/** A held declaration (the payer's name on the payment record was not the buyer's), its data put right again: a recheck clears it. */
async function heldDeclaration(): Promise<string> {
  const order = await orderIn('paid');
  const pi = (await call(p, 'GET', `/v1/orders/${order}`, { token: A.owner })).body.payment_intent;
  await p.rt.database.query('update payment_intents set buyer_name = $2 where id = $1', [pi, '王五']);
  const booked = await call(p, 'POST', `/v1/orders/${order}/shipments`, { token: A.owner, body: ONE_PARCEL });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${booked.raw}`);
  await p.rt.database.query('update payment_intents set buyer_name = $2 where id = $1', [pi, '李伟']);
  const [decl] = await declarationsOf(order);
  expect(decl.status).toBe('held');
  return decl.id;
}

/** An open checkout of the matrix shopper for one jar of A's (or B's). */
async function openCheckout(merchant: 'A' | 'B' = 'A'): Promise<string> {
  const token = actor('shopper').token;
  await call(p, 'DELETE', '/v1/cart', { token });
  await call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id: orderVariant[merchant], quantity: 1 } });
  const r = await call(p, 'POST', '/v1/checkouts', { token, body: { address: ADDRESS } });
  if (r.status !== 201) throw new Error(`checkout failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

type OrderStage = 'paid' | 'shipped' | 'delivered' | 'return_requested' | 'return_approved';
/** A new order of the matrix shopper's, taken through the API to `stage`. */
async function orderIn(stage: OrderStage, merchant: 'A' | 'B' = 'A'): Promise<string> {
  const paid = await call(p, 'POST', `/v1/checkouts/${await openCheckout(merchant)}/pay`, { token: actor('shopper').token, body: {} });
  if (paid.status !== 200) throw new Error(`pay failed: ${paid.status} ${paid.raw}`);
  const id: string = paid.body.orders[0].id;
  const steps: [OrderStage, string, string, unknown][] = [
    ['shipped', 'ship', A.owner, {}],
    ['delivered', 'deliver', actor('operator:operations').token as string, {}],
    ['return_requested', 'return', actor('shopper').token as string, { reason: 'no_reason' }],
    ['return_approved', 'return/approve', A.owner, {}],
  ];
  const order: OrderStage[] = ['paid', 'shipped', 'delivered', 'return_requested', 'return_approved'];
  for (const [to, verb, token, body] of steps) {
    if (order.indexOf(to) > order.indexOf(stage)) break;
    const r = await call(p, 'POST', `/v1/orders/${id}/${verb}`, { token, body });
    if (r.status !== 200) throw new Error(`${verb} failed: ${r.status} ${r.raw}`);
  }
  return id;
}

/** An order's state and its return's status, as an operator reads them. */
async function orderState(id: string): Promise<{ state: string; return: string | null; refunded: string }> {
  const r = await call(p, 'GET', `/v1/orders/${id}`, { token: actor('operator:admin').token });
  return { state: r.body.state, return: r.body.return?.status ?? null, refunded: r.body.amounts.refunded.amount };
}

/**
 * A transition of an order in `stage`: a new order for a principal allowed to take it (the call
 * changes it), one order per stage shared by the refused calls (which must leave it as it was).
 */
const sharedOrders = new Map<OrderStage, Promise<string>>();
let sharedCheckout: Promise<string> | undefined;
async function orderVerb(route: string, label: Label | undefined, stage: OrderStage, body: unknown = {}): Promise<Prepared> {
  let id: string;
  if (label && EXPECTED[route]?.includes(label)) id = await orderIn(stage);
  else {
    const shared = sharedOrders.get(stage) ?? orderIn(stage);
    sharedOrders.set(stage, shared);
    id = await shared;
  }
  const before = await orderState(id);
  return {
    url: `/v1/orders/${id}/${route.split('/v1/orders/:id/')[1]}`,
    body,
    ok: [200],
    untouched: async () => expect(await orderState(id)).toEqual(before),
  };
}

// --- one plausible request per route -------------------------------------------------------------

/** A payment request of A's POS key, waiting for the shopper to scan its QR. */
async function instoreRequest(): Promise<{ id: string; payload: string }> {
  const r = await call(p, 'POST', '/v1/instore/payments', {
    token: actor('api_key:pos').token,
    body: { amount: { amount: '1500', currency: 'AUD' }, reference: 'matrix' },
  });
  if (r.status !== 201) throw new Error(`in-store payment create failed: ${r.status} ${r.raw}`);
  return { id: r.body.id, payload: r.body.qr.payload };
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function instoreState(id: string): Promise<Record<string, any>> {
  return (await call(p, 'GET', `/v1/instore/payments/${id}`, { token: A.owner })).body;
}

/** A's in-store payment paid by the matrix shopper; B has a store, a till and a request too, for the lists. */
async function setUpInstore(): Promise<void> {
  const req = await instoreRequest();
  const paid = await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token: actor('shopper').token, body: {} });
  if (paid.status !== 200) throw new Error(`in-store payment failed: ${paid.status} ${paid.raw}`);
  aObj.instorePayment = req.id;
  const store = (await call(p, 'POST', '/v1/stores', { token: B.owner, body: STORE })).body.id;
  const till = (await call(p, 'POST', `/v1/stores/${store}/tills`, { token: B.owner, body: { name: 'Front counter' } })).body.id;
  const key = (await call(p, 'POST', `/v1/tills/${till}/keys`, { token: B.owner, body: {} })).body.secret;
  const b = await call(p, 'POST', '/v1/instore/payments', {
    token: key,
    body: { amount: { amount: '100', currency: 'AUD' }, reference: 'B-1' },
  });
  if (b.status !== 201) throw new Error(`B's in-store payment failed: ${b.status} ${b.raw}`);
}

interface Prepared {
  url: string;
  body?: unknown;
  rawBody?: Buffer;
  headers?: Record<string, string>;
  /** Statuses an allowed principal may get (anything but 401/403, and more precise where we can). */
  ok: readonly number[];
  /** Call with a fresh credential of the principal, because the call may end it. */
  freshCredential?: boolean;
  /** A refusal an allowed principal gets for a reason that is not access (a test helper with live credentials). */
  allowedRefusal?: string;
  /** After a refused call: the state the call would have changed is unchanged. */
  untouched?: () => Promise<void>;
}

const WEBHOOK = { url: 'https://hooks.matrix.invalid/tasman', event_types: ['*'], description: 'matrix' };

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely here
async function webhookOfA(id: string): Promise<Record<string, any>> {
  return (await call(p, 'GET', `/v1/webhook-endpoints/${id}`, { token: A.owner })).body;
}

function applicationBody() {
  return {
    legal_name: 'Kowhai Skincare Pty Ltd',
    country: 'AU',
    business_number: '51 824 753 556',
    gst_registered: true,
    contact: { name: 'Kim Contact', email: uniqueEmail('contact') },
    categories: ['skincare_cosmetics'],
    payout_account: { country: 'AU', account_name: 'Kowhai Skincare', bsb: '062-000', account_number: '12345678' },
    owner: { email: uniqueEmail('applicant'), name: 'Ari Applicant', password: DEMO_PASSWORD },
  };
}

/** A merchant made for this call, in the status the action starts from. */
async function decision(action: MerchantAction, from: 'applied' | 'approved' | 'suspended'): Promise<Prepared> {
  const ctx = p.ctx();
  const id =
    from === 'applied'
      ? (await applyAsMerchant(ctx, applicationBody() as MerchantApplication)).merchant.id
      : (
          await createMerchantDirectly(ctx, {
            legal_name: 'Fresh Co',
            country: 'AU',
            owner: { email: uniqueEmail('fresh'), name: 'F', password: DEMO_PASSWORD },
          })
        ).merchant.id;
  if (from === 'suspended') await decideMerchant(ctx, id, 'suspend', 'set-up');
  return {
    url: `/v1/merchants/${id}/${action}`,
    body: { reason: 'matrix' },
    ok: [200],
    untouched: async () => expect((await getMerchant(ctx, id)).status).toBe(from),
  };
}

const REQUESTS: Record<string, (label?: Label) => Promise<Prepared>> = {
  'POST /v1/sessions': async () => ({
    url: '/v1/sessions',
    body: { realm: 'shopper', email: shopperEmail, password: DEMO_PASSWORD },
    ok: [201],
  }),
  'DELETE /v1/sessions/current': async () => ({ url: '/v1/sessions/current', ok: [204], freshCredential: true }),
  'GET /v1/me': async () => ({ url: '/v1/me', ok: [200] }),
  'POST /v1/shoppers': async () => ({
    url: '/v1/shoppers',
    body: { email: uniqueEmail('shopper'), name: 'Wang Fang', password: DEMO_PASSWORD, country: 'CN' },
    ok: [201],
  }),
  // Before or after the POST below: either the identity or "not verified yet".
  'GET /v1/shopper/identity': async () => ({ url: '/v1/shopper/identity', ok: [200, 404] }),
  // The matrix shopper was verified in beforeAll (the wallet needs it): again is a conflict, not a refusal.
  'POST /v1/shopper/identity': async () => ({
    url: '/v1/shopper/identity',
    body: { real_name: '李伟', id_number: validIdNumber(), mobile: '13800138000' },
    ok: [409],
  }),
  'GET /v1/operators': async () => ({ url: '/v1/operators', ok: [200] }),
  'POST /v1/operators': async () => ({
    url: '/v1/operators',
    body: { email: uniqueEmail('op-new'), name: 'New Operator', role: 'support', password: DEMO_PASSWORD },
    ok: [201],
  }),
  'GET /v1/staff': async () => ({ url: '/v1/staff', ok: [200] }),
  'POST /v1/staff': async () => ({
    url: '/v1/staff',
    body: { email: uniqueEmail('staff-new'), name: 'New Staff', role: 'staff', password: DEMO_PASSWORD },
    ok: [201],
  }),
  'GET /v1/api-keys': async () => ({ url: '/v1/api-keys', ok: [200] }),
  'POST /v1/api-keys': async () => ({ url: '/v1/api-keys', body: { name: 'matrix', mode: 'test', scopes: ['staff:read'] }, ok: [201] }),
  'GET /v1/api-keys/:id': async () => ({ url: `/v1/api-keys/${A.apiKeyId}`, ok: [200] }),
  'POST /v1/api-keys/:id/revoke': async () => {
    // A key made for this call: revoking it leaves every principal's credentials working.
    const key = await createKey(A.owner, ['*']);
    return {
      url: `/v1/api-keys/${key.id}/revoke`,
      body: {},
      ok: [200],
      untouched: async () => {
        expect((await keyOfA(key.id)).revoked_at).toBeNull();
        expect((await call(p, 'GET', '/v1/me', { token: key.secret })).status).toBe(200);
      },
    };
  },
  'POST /v1/merchants': async () => ({
    url: '/v1/merchants',
    body: {
      legal_name: 'Tui Tea Ltd',
      country: 'NZ',
      owner: { email: uniqueEmail('owner-new'), name: 'Tama Owner', password: DEMO_PASSWORD },
    },
    ok: [201],
  }),
  'GET /v1/merchants': async () => ({ url: '/v1/merchants', ok: [200] }),
  'GET /v1/merchants/:id': async () => ({ url: `/v1/merchants/${A.id}`, ok: [200] }),
  'POST /v1/merchant-applications': async () => ({ url: '/v1/merchant-applications', body: applicationBody(), ok: [201] }),
  'POST /v1/staff/invitations': async () => ({
    url: '/v1/staff/invitations',
    body: { email: uniqueEmail('invitee'), role: 'staff' },
    ok: [201],
  }),
  'GET /v1/staff/invitations': async () => ({ url: '/v1/staff/invitations', ok: [200] }),
  'POST /v1/staff/invitations/:id/revoke': async () => {
    const inv = await call(p, 'POST', '/v1/staff/invitations', { token: A.owner, body: { email: uniqueEmail('invitee'), role: 'staff' } });
    return {
      url: `/v1/staff/invitations/${inv.body.id}/revoke`,
      body: {},
      ok: [200],
      untouched: async () => {
        const list = await call(p, 'GET', '/v1/staff/invitations?limit=100', { token: A.owner });
        expect(list.body.data.find((i: { id: string }) => i.id === inv.body.id)?.status).toBe('pending');
      },
    };
  },
  'POST /v1/staff/invitations/accept': async () => {
    const inv = await call(p, 'POST', '/v1/staff/invitations', { token: A.owner, body: { email: uniqueEmail('invitee'), role: 'staff' } });
    return {
      url: '/v1/staff/invitations/accept',
      body: { token: inv.body.token, name: 'Ngaio Invitee', password: DEMO_PASSWORD },
      ok: [201],
    };
  },
  'POST /v1/merchants/:id/approve': () => decision('approve', 'applied'),
  'POST /v1/merchants/:id/reject': () => decision('reject', 'applied'),
  'POST /v1/merchants/:id/suspend': () => decision('suspend', 'approved'),
  'POST /v1/merchants/:id/reinstate': () => decision('reinstate', 'suspended'),
  'GET /v1/merchants/:id/status-changes': async () => ({ url: `/v1/merchants/${A.id}/status-changes`, ok: [200] }),
  'GET /v1/jobs': async () => ({ url: '/v1/jobs', ok: [200] }),
  'GET /v1/jobs/:id': async () => ({ url: `/v1/jobs/${await failedJob()}`, ok: [200] }),
  'POST /v1/jobs/:id/retry': async () => {
    const id = await failedJob();
    return {
      url: `/v1/jobs/${id}/retry`,
      body: {},
      ok: [200],
      untouched: async () => expect((await getJob(p.ctx(), id)).status).toBe('failed'),
    };
  },
  'GET /v1/audit-events': async () => ({ url: '/v1/audit-events', ok: [200] }),
  'GET /v1/events': async () => ({ url: '/v1/events', ok: [200] }),
  'GET /v1/events/:id': async () => ({ url: `/v1/events/${aObj.event}`, ok: [200] }),
  'POST /v1/imports': async () => ({ url: '/v1/imports', body: { csv: 'sku\nMATRIX-X', dry_run: true }, ok: [202] }),
  'GET /v1/imports': async () => ({ url: '/v1/imports', ok: [200] }),
  'GET /v1/imports/:id': async () => ({ url: `/v1/imports/${aObj.import}`, ok: [200] }),
  'GET /v1/imports/:id/errors.csv': async () => ({ url: `/v1/imports/${aObj.import}/errors.csv`, ok: [200] }),
  'GET /v1/exports/products.csv': async () => ({ url: '/v1/exports/products.csv', ok: [200] }),
  'GET /v1/exports/orders.csv': async () => ({ url: '/v1/exports/orders.csv?state=paid', ok: [200] }),
  'GET /v1/exports/stock.csv': async () => ({ url: '/v1/exports/stock.csv', ok: [200] }),
  'POST /v1/products': async () => ({ url: '/v1/products', body: listableProduct(), ok: [201] }),
  'GET /v1/products': async () => ({ url: '/v1/products', ok: [200] }),
  'GET /v1/products/:id': async () => ({ url: `/v1/products/${aObj.product}`, ok: [200] }),
  'POST /v1/products/:id': async () => ({ url: `/v1/products/${aObj.product}`, body: { shelf_life_days: 1000 }, ok: [200] }),
  'POST /v1/products/:id/variants': async () => {
    const d = await freshProduct();
    return { url: `/v1/products/${d.id}/variants`, body: listableProduct().variants[0], ok: [201] };
  },
  'POST /v1/variants/:id': async () => ({ url: `/v1/variants/${aObj.variant}`, body: { options: { size: '250 g' } }, ok: [200] }),
  'POST /v1/products/:id/activate': async () => {
    const d = await freshProduct();
    return {
      url: `/v1/products/${d.id}/activate`,
      body: {},
      ok: [200],
      untouched: async () => expect((await call(p, 'GET', `/v1/products/${d.id}`, { token: A.owner })).body.status).toBe('draft'),
    };
  },
  'POST /v1/products/:id/archive': async () => {
    const d = await freshProduct();
    return {
      url: `/v1/products/${d.id}/archive`,
      body: {},
      ok: [200],
      untouched: async () => expect((await call(p, 'GET', `/v1/products/${d.id}`, { token: A.owner })).body.status).toBe('draft'),
    };
  },
  'POST /v1/products/:id/images': async () => ({
    url: `/v1/products/${aObj.product}/images`,
    rawBody: png,
    headers: { 'content-type': 'image/png' },
    ok: [201],
  }),
  // Refused callers share one image: a product holds at most 12.
  'DELETE /v1/products/:id/images/:image_id': async (label) => {
    const img = await objectFor(
      'DELETE /v1/products/:id/images/:image_id',
      label,
      async () => (await uploadImage(A.owner, aObj.product)).body.id,
    );
    return {
      url: `/v1/products/${aObj.product}/images/${img}`,
      ok: [200],
      untouched: async () => expect((await call(p, 'GET', `/v1/images/${img}/w200`)).status).toBe(200),
    };
  },
  'GET /v1/images/:id/:size': async () => ({ url: `/v1/images/${aObj.image}/w200`, ok: [200] }),
  'GET /v1/cbec/reference': async () => ({ url: '/v1/cbec/reference', ok: [200] }),
  'POST /v1/locations': async (label) => ({
    url: '/v1/locations',
    body: label?.startsWith('operator')
      ? { name: 'Ningbo Bonded', country: 'CN', city: 'Ningbo', customs_code: '3105' }
      : { name: 'Sydney DC', country: 'AU', city: 'Sydney' },
    ok: [201],
  }),
  'GET /v1/locations': async () => ({ url: '/v1/locations', ok: [200] }),
  'GET /v1/locations/:id': async () => ({ url: `/v1/locations/${aObj.location}`, ok: [200] }),
  'GET /v1/stock-levels': async () => ({ url: '/v1/stock-levels', ok: [200] }),
  'GET /v1/stock-levels/:id': async () => ({ url: `/v1/stock-levels/${aObj.level}`, ok: [200] }),
  'POST /v1/stock-levels/:id': async () => ({ url: `/v1/stock-levels/${aObj.level}`, body: { low_stock_threshold: 100 }, ok: [200] }),
  'POST /v1/stock-movements': async () => ({
    url: '/v1/stock-movements',
    body: { kind: 'receipt', variant_id: aObj.variant, location_id: aObj.location, quantity: 1 },
    ok: [201],
  }),
  'GET /v1/stock-movements': async () => ({ url: '/v1/stock-movements', ok: [200] }),
  'POST /v1/reservations': async () => ({
    url: '/v1/reservations',
    body: { variant_id: aObj.variant, location_id: aObj.location, quantity: 1 },
    ok: [201],
  }),
  'GET /v1/reservations': async () => ({ url: '/v1/reservations', ok: [200] }),
  'GET /v1/reservations/:id': async () => ({ url: `/v1/reservations/${aObj.reservation}`, ok: [200] }),
  'POST /v1/reservations/:id/release': async () => {
    const id = await freshReservation();
    return {
      url: `/v1/reservations/${id}/release`,
      body: {},
      ok: [200],
      untouched: async () => expect((await call(p, 'GET', `/v1/reservations/${id}`, { token: A.owner })).body.status).toBe('active'),
    };
  },
  'POST /v1/reservations/:id/ship': async () => {
    const id = await freshReservation();
    return {
      url: `/v1/reservations/${id}/ship`,
      body: {},
      ok: [200],
      untouched: async () => expect((await call(p, 'GET', `/v1/reservations/${id}`, { token: A.owner })).body.status).toBe('active'),
    };
  },
  'POST /v1/ledger/accounts': async () => ({
    url: '/v1/ledger/accounts',
    body: { key: `matrix-${uniqueEmail('acct')}`, name: 'Matrix', currency: 'CNY', kind: 'asset' },
    ok: [201],
  }),
  'GET /v1/ledger/accounts': async () => ({ url: '/v1/ledger/accounts', ok: [200] }),
  'GET /v1/ledger/accounts/:id': async () => ({ url: `/v1/ledger/accounts/${ledger.debit}`, ok: [200] }),
  'GET /v1/ledger/accounts/:id/statement': async () => ({ url: `/v1/ledger/accounts/${ledger.debit}/statement`, ok: [200] }),
  'POST /v1/ledger/transfers': async () => ({
    url: '/v1/ledger/transfers',
    body: {
      id: `m-${uniqueEmail('t').replace('@', '.')}`,
      debit_account_id: ledger.debit,
      credit_account_id: ledger.credit,
      amount: '1',
      currency: 'CNY',
    },
    ok: [201],
  }),
  'POST /v1/ledger/transfer-batches': async () => ({
    url: '/v1/ledger/transfer-batches',
    body: {
      transfers: [
        {
          id: `m-${uniqueEmail('b').replace('@', '.')}`,
          debit_account_id: ledger.debit,
          credit_account_id: ledger.credit,
          amount: '1',
          currency: 'CNY',
        },
      ],
    },
    ok: [201],
  }),
  'GET /v1/ledger/transfers/:id': async () => ({ url: `/v1/ledger/transfers/${ledger.transfer}`, ok: [200] }),
  'POST /v1/fx/rates': async () => ({ url: '/v1/fx/rates', body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 }, ok: [201] }),
  'GET /v1/fx/rates': async () => ({ url: '/v1/fx/rates', ok: [200] }),
  'GET /v1/fx/rates/history': async () => ({ url: '/v1/fx/rates/history', ok: [200] }),
  'POST /v1/fx/rates/import': async () => ({
    url: '/v1/fx/rates/import',
    body: { format: 'csv', content: 'date,pair,rate\n2026-11-25,NZD/CNY,4.13\n', source: 'matrix', spread_bps: 0 },
    ok: [201],
  }),
  'POST /v1/fx/quotes': async () => ({ url: '/v1/fx/quotes', body: { base: 'AUD', quote: 'CNY' }, ok: [201] }),
  // Each principal asks for its own quote, then reads it back.
  'GET /v1/fx/quotes/:id': async (label) => {
    const token = label ? actor(label).token : undefined;
    const q = await call(p, 'POST', '/v1/fx/quotes', {
      token: token ?? (actor('operator:admin').token as string),
      body: { base: 'AUD', quote: 'CNY' },
    });
    return { url: `/v1/fx/quotes/${q.body.id}`, ok: [200] };
  },
  'GET /v1/wallet': async () => ({ url: '/v1/wallet', ok: [200] }),
  'GET /v1/wallet/statement': async () => ({ url: '/v1/wallet/statement', ok: [200] }),
  'POST /v1/wallet/top-ups': async () => ({
    url: '/v1/wallet/top-ups',
    body: { amount: '100', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
    ok: [201],
  }),
  'GET /v1/wallet/top-ups': async () => ({ url: '/v1/wallet/top-ups', ok: [200] }),
  'GET /v1/wallet/top-ups/:id': async () => ({ url: `/v1/wallet/top-ups/${shopperTopUp}`, ok: [200] }),
  'POST /v1/wallet/top-ups/:id/challenge': async () => {
    const id = (await topUpAs(actor('shopper').token as string, '4000000000003220')).body.id;
    return { url: `/v1/wallet/top-ups/${id}/challenge`, body: { code: '123456' }, ok: [200] };
  },
  // Anyone can deliver a webhook; only a correctly signed one is applied.
  'POST /v1/acquirers/:name/webhooks': async () => {
    const event = { id: 'evt_m', type: 'charge.succeeded' as const, acquirerRef: 'sbx_unknown', amount: '1', currency: 'CNY', created: 0 };
    const { body, signature } = acquirer(p.rt).signWebhook(event, p.clock.now());
    return {
      url: '/v1/acquirers/sandbox/webhooks',
      rawBody: Buffer.from(body),
      headers: { 'content-type': 'application/json', 'acquirer-signature': signature },
      ok: [200],
    };
  },
  'POST /v1/payment-intents': async (label) => ({
    url: '/v1/payment-intents',
    body: {
      order_reference: `M-${uniqueEmail('o').replace('@', '.')}`,
      amount: { amount: '1990', currency: 'AUD' },
      buyer: { name: '李伟', id_number: validIdNumber() },
      ...(label?.startsWith('operator') ? { merchant: A.id } : {}),
    },
    ok: [201],
  }),
  'GET /v1/payment-intents': async () => ({ url: '/v1/payment-intents', ok: [200] }),
  'GET /v1/payment-intents/:id': async () => ({ url: `/v1/payment-intents/${aObj.intent}`, ok: [200] }),
  'POST /v1/payment-intents/:id/quote': async () => ({
    url: `/v1/payment-intents/${await intentOf(A.owner, false, 'AUD')}/quote`,
    body: {},
    ok: [200],
  }),
  'POST /v1/payment-intents/:id/confirm': async () => {
    const id = await intentOf(A.owner, false);
    return {
      url: `/v1/payment-intents/${id}/confirm`,
      body: {},
      ok: [200],
      untouched: async () => expect((await intentState(id)).status).toBe('requires_payment'),
    };
  },
  'POST /v1/payment-intents/:id/cancel': async () => {
    const id = await intentOf(A.owner, false);
    return {
      url: `/v1/payment-intents/${id}/cancel`,
      body: {},
      ok: [200],
      untouched: async () => expect((await intentState(id)).status).toBe('requires_payment'),
    };
  },
  'POST /v1/payment-intents/:id/delivery': async () => {
    const id = await intentOf(A.owner, true);
    return {
      url: `/v1/payment-intents/${id}/delivery`,
      body: {},
      ok: [200],
      untouched: async () => expect((await intentState(id)).escrow.delivered_at).toBeNull(),
    };
  },
  'POST /v1/payment-intents/:id/confirm-receipt': async () => {
    const id = await intentOf(A.owner, true);
    return {
      url: `/v1/payment-intents/${id}/confirm-receipt`,
      body: {},
      ok: [200],
      untouched: async () => expect((await intentState(id)).escrow.status).toBe('held'),
    };
  },
  'POST /v1/payment-intents/:id/release': async () => {
    const id = await intentOf(A.owner, true);
    return {
      url: `/v1/payment-intents/${id}/release`,
      body: {},
      ok: [200],
      untouched: async () => expect((await intentState(id)).escrow.status).toBe('held'),
    };
  },
  'POST /v1/refunds': async () => {
    const id = await intentOf(A.owner, true);
    return {
      url: '/v1/refunds',
      body: { payment_intent: id, amount: '10', reason: 'requested_by_customer' },
      ok: [201],
      untouched: async () => expect((await intentState(id)).amount_refunded.amount).toBe('0'),
    };
  },
  'GET /v1/refunds': async () => ({ url: '/v1/refunds', ok: [200] }),
  'GET /v1/refunds/:id': async () => ({ url: `/v1/refunds/${aObj.refund}`, ok: [200] }),
  'GET /v1/settlement/fees': async () => ({ url: '/v1/settlement/fees', ok: [200] }),
  'PUT /v1/settlement/fees/commission/:category': async () => {
    // A category of its own per call, so a refused call can be seen to have set nothing.
    const category = `matrix_${'abcdefghijklmnopqrstuvwxyz'[feeSeq++ % 26]}${'abcdefghijklmnopqrstuvwxyz'[Math.floor(feeSeq / 26) % 26]}`;
    return {
      url: `/v1/settlement/fees/commission/${category}`,
      body: { bps: 800 },
      ok: [200],
      untouched: async () =>
        expect((await call(p, 'GET', '/v1/settlement/fees', { token: A.owner })).body.commission.categories[category]).toBeUndefined(),
    };
  },
  'PUT /v1/settlement/fees/payment/:currency': async () => {
    const bps = 100 + feeSeq++;
    const nzd = async () =>
      (await call(p, 'GET', '/v1/settlement/fees', { token: A.owner })).body.payment_fees.find(
        (f: { currency: string }) => f.currency === 'NZD',
      ).bps;
    return { url: '/v1/settlement/fees/payment/NZD', body: { bps }, ok: [200], untouched: async () => expect(await nzd()).not.toBe(bps) };
  },
  'PUT /v1/merchants/:id/payout-hold': async () => {
    await p.ctx().db.delete(payoutHolds).where(eq(payoutHolds.merchantId, B.id));
    return {
      url: `/v1/merchants/${B.id}/payout-hold`,
      body: { reason: 'matrix review' },
      ok: [200],
      untouched: async () => expect(await payoutHoldOf(p.ctx(), B.id)).toBeNull(),
    };
  },
  'DELETE /v1/merchants/:id/payout-hold': async () => {
    await holdPayouts(p.ctx(), A.id, 'matrix review');
    return {
      url: `/v1/merchants/${A.id}/payout-hold`,
      ok: [204],
      untouched: async () => expect(await payoutHoldOf(p.ctx(), A.id)).not.toBeNull(),
    };
  },
  'PUT /v1/merchants/:id/payout-account': async () => ({
    url: `/v1/merchants/${A.id}/payout-account`,
    body: { country: 'AU', account_name: 'Matrix Pty Ltd', bsb: '082-001', account_number: '694867196' },
    ok: [200],
  }),
  'GET /v1/balance': async () => ({ url: `/v1/balance?merchant_id=${A.id}`, ok: [200] }),
  'GET /v1/payouts': async () => ({ url: '/v1/payouts', ok: [200] }),
  'POST /v1/payout-batches': async () => ({ url: '/v1/payout-batches', body: { currency: 'NZD' }, ok: [201] }),
  'GET /v1/payout-batches': async () => ({ url: '/v1/payout-batches', ok: [200] }),
  'GET /v1/payout-batches/:id': async () => ({ url: `/v1/payout-batches/${(await matrixBatch('draft')).batch}`, ok: [200] }),
  'POST /v1/payout-batches/:id/approve': async () => {
    const { batch } = await matrixBatch('draft');
    return { url: `/v1/payout-batches/${batch}/approve`, ok: [200], untouched: async () => expect(await batchStatus(batch)).toBe('draft') };
  },
  'POST /v1/payout-batches/:id/cancel': async () => {
    const { batch } = await matrixBatch('draft');
    return { url: `/v1/payout-batches/${batch}/cancel`, ok: [200], untouched: async () => expect(await batchStatus(batch)).toBe('draft') };
  },
  'POST /v1/payout-batches/:id/send': async () => {
    const { batch } = await matrixBatch('approved');
    return { url: `/v1/payout-batches/${batch}/send`, ok: [200], untouched: async () => expect(await batchStatus(batch)).toBe('approved') };
  },
  'GET /v1/payout-batches/:id/file': async () => ({ url: `/v1/payout-batches/${(await matrixBatch('approved')).batch}/file`, ok: [200] }),
  'POST /v1/payout-batches/:id/confirmations': async () => {
    const { batch, payout } = await matrixBatch('sent');
    return {
      url: `/v1/payout-batches/${batch}/confirmations`,
      body: { items: [{ payout_id: payout, status: 'paid' }] },
      ok: [200],
      untouched: async () => expect(await batchStatus(batch)).toBe('sent'),
    };
  },
  'GET /v1/settlement/reconciliation': async () => ({ url: '/v1/settlement/reconciliation?currency=AUD', ok: [200] }),
  'GET /v1/cart': async () => ({ url: '/v1/cart', ok: [200] }),
  'POST /v1/cart/lines': async () => ({ url: '/v1/cart/lines', body: { variant_id: aObj.variant, quantity: 1 }, ok: [200] }),
  'DELETE /v1/cart/lines/:variant_id': async () => ({ url: `/v1/cart/lines/${aObj.variant}`, ok: [200] }),
  'DELETE /v1/cart': async () => ({ url: '/v1/cart', ok: [200] }),
  // The matrix has no shipping network: a checkout is refused on its merits (empty cart, no shipping), never on access.
  'POST /v1/checkouts': async () => ({
    url: '/v1/checkouts',
    body: {
      address: { region: 'CN-ZJ', city: '杭州市', district: '西湖区', street: '文三路 90 号', recipient: '李伟', mobile: '13800138000' },
    },
    ok: [409, 422],
  }),
  // Checkouts are the shopper's own: one that does not exist is a 404 after the access check.
  'GET /v1/checkouts/:id': async () => ({ url: `/v1/checkouts/${newId('checkout')}`, ok: [404] }),
  'POST /v1/checkouts/:id/cancel': async () => ({ url: `/v1/checkouts/${newId('checkout')}/cancel`, body: {}, ok: [404] }),
  'POST /v1/checkouts/:id/shipping': async () => ({
    url: `/v1/checkouts/${newId('checkout')}/shipping`,
    body: { order: 0, service_code: 'AIR-STD' },
    ok: [404],
  }),
  'POST /v1/tax/quote': async () => ({
    url: '/v1/tax/quote',
    body: { destination: 'CN', items: [{ tax_class: 'general', unit_price: { amount: '1000', currency: 'CNY' }, quantity: 1 }] },
    ok: [200],
  }),
  // The matrix shopper was verified in beforeAll.
  'GET /v1/shopper/quota': async () => ({ url: '/v1/shopper/quota', ok: [200] }),
  'GET /v1/storefront/products': async () => ({ url: '/v1/storefront/products?q=manuka', ok: [200] }),
  'GET /v1/storefront/products/:id': async () => ({ url: `/v1/storefront/products/${aObj.product}`, ok: [200] }),
  'POST /v1/logistics/nodes': async () => {
    const code = `MXN-${++networkSeq}`;
    return {
      url: '/v1/logistics/nodes',
      body: { code, kind: 'hub', name: code, country: 'NZ', city: 'Auckland', region: 'NZ' },
      ok: [201],
      untouched: async () => {
        const list = await call(p, 'GET', '/v1/logistics/nodes?limit=100', { token: actor('operator:admin').token });
        expect(list.body.data.map((n: { code: string }) => n.code)).not.toContain(code);
      },
    };
  },
  'GET /v1/logistics/nodes': async () => ({ url: '/v1/logistics/nodes', ok: [200] }),
  'GET /v1/logistics/nodes/:id': async () => ({ url: `/v1/logistics/nodes/${await freshHub()}`, ok: [200] }),
  'POST /v1/logistics/nodes/:id': async () => {
    const id = await freshHub();
    return {
      url: `/v1/logistics/nodes/${id}`,
      body: { name: 'Renamed', active: false },
      ok: [200],
      untouched: async () => expect((await getNode(p.ctx(), id)).active).toBe(true),
    };
  },
  'POST /v1/logistics/lanes': async () => {
    const hub = await freshHub();
    return {
      url: '/v1/logistics/lanes',
      body: {
        origin_node_id: hub,
        service_code: 'AIR-9610',
        name: 'Air',
        mode: '9610',
        destination_country: 'CN',
        regions: ['CN-ZJ'],
        transit_days: { min: 7, max: 12 },
        rate_card: {
          first_weight_g: 500,
          first_price: { amount: '1800', currency: 'AUD' },
          additional_weight_g: 500,
          additional_price: { amount: '600', currency: 'AUD' },
        },
      },
      ok: [201],
      untouched: async () => {
        const list = await call(p, 'GET', `/v1/logistics/lanes?origin_node_id=${hub}`, { token: actor('operator:admin').token });
        expect(list.body.data).toEqual([]);
      },
    };
  },
  'GET /v1/logistics/lanes': async () => ({ url: '/v1/logistics/lanes', ok: [200] }),
  'GET /v1/logistics/lanes/:id': async () => ({ url: `/v1/logistics/lanes/${await freshLane()}`, ok: [200] }),
  'POST /v1/logistics/lanes/:id': async () => {
    const id = await freshLane();
    return {
      url: `/v1/logistics/lanes/${id}`,
      body: { rate_card: { fuel_surcharge_bps: 1500 } },
      ok: [200],
      untouched: async () => expect((await getLane(p.ctx(), id)).fuelSurchargeBps).toBe(1200),
    };
  },
  'POST /v1/shipping/quotes': async () => {
    const hub = await freshHub();
    await freshLane(hub);
    return {
      url: '/v1/shipping/quotes',
      body: {
        origin: { node_id: hub },
        destination: { country: 'CN', region: 'CN-ZJ' },
        parcels: [{ weight_g: 500, length_cm: 10, width_cm: 10, height_cm: 10 }],
      },
      ok: [200],
    };
  },
  'POST /v1/checkouts/:id/pay': async (label) => {
    // The shopper pays a checkout of their own; the others are refused before it matters whose it is.
    if (label === 'shopper') return { url: `/v1/checkouts/${await openCheckout()}/pay`, body: {}, ok: [200] };
    const shared = sharedCheckout ?? openCheckout();
    sharedCheckout = shared;
    const id = await shared;
    return {
      url: `/v1/checkouts/${id}/pay`,
      body: {},
      ok: [200],
      untouched: async () =>
        expect((await call(p, 'GET', `/v1/checkouts/${id}`, { token: actor('shopper').token })).body.status).toBe('open'),
    };
  },
  'GET /v1/orders': async () => ({ url: '/v1/orders', ok: [200] }),
  'GET /v1/orders/:id': async () => ({ url: `/v1/orders/${aObj.order}`, ok: [200] }),
  'POST /v1/orders/:id/fulfil': (label) => orderVerb('POST /v1/orders/:id/fulfil', label, 'paid'),
  'POST /v1/orders/:id/ship': (label) => orderVerb('POST /v1/orders/:id/ship', label, 'paid', { tracking_number: 'MX1' }),
  'POST /v1/orders/:id/deliver': (label) => orderVerb('POST /v1/orders/:id/deliver', label, 'shipped'),
  'POST /v1/orders/:id/complete': (label) => orderVerb('POST /v1/orders/:id/complete', label, 'delivered'),
  'POST /v1/orders/:id/cancel': (label) => orderVerb('POST /v1/orders/:id/cancel', label, 'paid', { reason: 'matrix' }),
  'POST /v1/orders/:id/refund': (label) => orderVerb('POST /v1/orders/:id/refund', label, 'paid', { reason: 'matrix' }),
  'POST /v1/orders/:id/return': (label) => orderVerb('POST /v1/orders/:id/return', label, 'delivered', { reason: 'no_reason' }),
  'POST /v1/orders/:id/return/approve': (label) => orderVerb('POST /v1/orders/:id/return/approve', label, 'return_requested'),
  'POST /v1/orders/:id/return/reject': (label) =>
    orderVerb('POST /v1/orders/:id/return/reject', label, 'return_requested', { note: 'matrix' }),
  'POST /v1/orders/:id/return/receive': (label) => orderVerb('POST /v1/orders/:id/return/receive', label, 'return_approved'),
  'GET /v1/reports/sales': async () => ({ url: '/v1/reports/sales', ok: [200] }),
  'GET /v1/reports/revenue': async () => ({ url: '/v1/reports/revenue', ok: [200] }),
  'GET /v1/reports/products': async () => ({ url: '/v1/reports/products', ok: [200] }),
  'GET /v1/reports/provinces': async () => ({ url: '/v1/reports/provinces', ok: [200] }),
  'GET /v1/reports/funnel': async () => ({ url: '/v1/reports/funnel', ok: [200] }),
  'GET /v1/reports/refunds': async () => ({ url: '/v1/reports/refunds', ok: [200] }),
  'GET /v1/reports/delivery-times': async () => ({ url: '/v1/reports/delivery-times', ok: [200] }),
  'GET /v1/statements': async () => ({ url: `/v1/statements?period=2026-01&merchant_id=${A.id}`, ok: [200] }),
  'GET /v1/plans': async () => ({ url: '/v1/plans', ok: [200] }),
  'POST /v1/plans/:code': async () => ({ url: '/v1/plans/scale', body: { name: 'Scale' }, ok: [200] }),
  'GET /v1/usage': async () => ({ url: '/v1/usage', ok: [200] }),
  'GET /v1/merchants/:id/usage': async () => ({ url: `/v1/merchants/${A.id}/usage`, ok: [200] }),
  'PUT /v1/merchants/:id/plan': async () => ({ url: `/v1/merchants/${B.id}/plan`, body: { plan: 'starter' }, ok: [200] }),
  'GET /v1/invoices': async () => ({ url: `/v1/invoices?merchant_id=${A.id}`, ok: [200] }),
  'GET /v1/invoices/:id': async () => ({ url: `/v1/invoices/${aObj.invoice}`, ok: [200] }),
  'POST /v1/orders/:id/shipments': async (label) => {
    const id = await objectFor('POST /v1/orders/:id/shipments', label, () => orderIn('paid'));
    return {
      url: `/v1/orders/${id}/shipments`,
      body: ONE_PARCEL,
      ok: [201],
      untouched: async () => {
        expect((await orderState(id)).state).toBe('paid');
        expect((await opsGet(`/v1/orders/${id}/parcels`)).data).toEqual([]);
      },
    };
  },
  'GET /v1/shipments': async () => ({ url: '/v1/shipments', ok: [200] }),
  'GET /v1/shipments/:id': async () => ({ url: `/v1/shipments/${aObj.shipment}`, ok: [200] }),
  'GET /v1/shipments/:id/labels': async () => ({ url: `/v1/shipments/${aObj.shipment}/labels`, ok: [200] }),
  'POST /v1/labels': async () => ({ url: '/v1/labels', body: { parcels: [aObj.parcel, aObj.trackingNumber] }, ok: [200] }),
  'GET /v1/parcels': async () => ({ url: '/v1/parcels', ok: [200] }),
  'GET /v1/parcels/:id': async () => ({ url: `/v1/parcels/${aObj.parcel}`, ok: [200] }),
  'GET /v1/parcels/:id/label': async () => ({ url: `/v1/parcels/${aObj.parcel}/label`, ok: [200] }),
  // The matrix shopper bought the order.
  'GET /v1/orders/:id/parcels': async () => ({ url: `/v1/orders/${aObj.shipOrder}/parcels`, ok: [200] }),
  'GET /v1/tracking/:tracking_number': async () => ({ url: `/v1/tracking/${aObj.trackingNumber}`, ok: [200] }),
  // Anyone can deliver a carrier's webhook; only a correctly signed one is read (this one names a parcel the platform does not know).
  'POST /v1/carriers/:name/webhooks': async () => {
    const event = { id: 'matrix-1', tracking_number: 'CT999999995AU', milestone: 'delivered', occurred_at: p.clock.now().toISOString() };
    const body = JSON.stringify({ events: [event] });
    return {
      url: '/v1/carriers/sandbox/webhooks',
      rawBody: Buffer.from(body),
      headers: {
        'content-type': 'application/json',
        'carrier-signature': signatureHeader(carrierSecret(p.ctx(), 'sandbox'), body, p.clock.now()),
      },
      ok: [200],
    };
  },
  'POST /v1/hub/scans': async (label) => {
    const id = await objectFor('POST /v1/hub/scans', label, async () => (await parcel9610()).number);
    return {
      url: '/v1/hub/scans',
      body: { tracking_number: id, scan: 'receive' },
      ok: [200],
      untouched: async () => expect((await parcelNow(id)).status).toBe('info_received'),
    };
  },
  'POST /v1/bags': async () => ({ url: '/v1/bags', body: { origin_node_id: net.hub, destination_country: 'CN' }, ok: [201] }),
  'GET /v1/bags': async () => ({ url: '/v1/bags', ok: [200] }),
  'GET /v1/bags/:id': async () => ({
    url: `/v1/bags/${await objectFor('GET /v1/bags/:id', undefined, () => freshBag('empty'))}`,
    ok: [200],
  }),
  'POST /v1/bags/:id/parcels': async (label) => {
    const bag = await objectFor('POST /v1/bags/:id/parcels', label, () => freshBag('empty'));
    const parcel = await objectFor('POST /v1/bags/:id/parcels', label, async () => (await parcel9610(true)).id, 'parcel to bag');
    return {
      url: `/v1/bags/${bag}/parcels`,
      body: { tracking_number: (await parcelNow(parcel)).tracking_number },
      ok: [200],
      untouched: async () => {
        expect(await parcelNow(parcel)).toMatchObject({ status: 'at_origin_hub', bag_id: null });
        expect((await opsGet(`/v1/bags/${bag}`)).parcel_count).toBe(0);
      },
    };
  },
  'POST /v1/bags/:id/close': async (label) => {
    const bag = await objectFor('POST /v1/bags/:id/close', label, () => freshBag('filled'));
    return {
      url: `/v1/bags/${bag}/close`,
      body: {},
      ok: [200],
      untouched: async () => expect((await opsGet(`/v1/bags/${bag}`)).status).toBe('open'),
    };
  },
  'POST /v1/manifests': async (label) => {
    const bag = await objectFor('POST /v1/manifests', label, () => freshBag('closed'));
    return {
      url: '/v1/manifests',
      body: flight(bag),
      ok: [201],
      untouched: async () => expect((await opsGet(`/v1/bags/${bag}`)).manifest_id).toBeNull(),
    };
  },
  'GET /v1/manifests': async () => ({ url: '/v1/manifests', ok: [200] }),
  'GET /v1/manifests/:id': async () => ({
    url: `/v1/manifests/${await objectFor('GET /v1/manifests/:id', undefined, () => freshManifest('open'))}`,
    ok: [200],
  }),
  'POST /v1/manifests/:id/depart': async (label) => {
    const m = await objectFor('POST /v1/manifests/:id/depart', label, () => freshManifest('open'));
    return {
      url: `/v1/manifests/${m}/depart`,
      body: {},
      ok: [200],
      untouched: async () => expect((await opsGet(`/v1/manifests/${m}`)).status).toBe('open'),
    };
  },
  'POST /v1/manifests/:id/arrive': async (label) => {
    const m = await objectFor('POST /v1/manifests/:id/arrive', label, () => freshManifest('departed'));
    return {
      url: `/v1/manifests/${m}/arrive`,
      body: {},
      ok: [200],
      untouched: async () => expect((await opsGet(`/v1/manifests/${m}`)).status).toBe('departed'),
    };
  },
  'GET /v1/customs/declarations': async () => ({ url: '/v1/customs/declarations', ok: [200] }),
  'GET /v1/customs/declarations/:id': async () => ({ url: `/v1/customs/declarations/${aObj.declaration}`, ok: [200] }),
  // The waybill (CEB511): the order and payment messages carry the buyer's full ID number, which `call` refuses to see in any answer.
  'GET /v1/customs/declarations/:id/messages/:kind': async () => ({
    url: `/v1/customs/declarations/${aObj.declaration}/messages/CEB511`,
    ok: [200],
  }),
  'POST /v1/customs/declarations/:id/recheck': async (label) => {
    const id = await objectFor('POST /v1/customs/declarations/:id/recheck', label, heldDeclaration);
    return {
      url: `/v1/customs/declarations/${id}/recheck`,
      body: {},
      ok: [200],
      untouched: async () => expect((await opsGet(`/v1/customs/declarations/${id}`)).status).toBe('held'),
    };
  },
  'POST /v1/inbound-shipments': async () => ({
    url: '/v1/inbound-shipments',
    body: { from_location_id: aObj.location, to_location_id: aObj.bonded, lines: [{ variant_id: net.inboundVariant, quantity: 1 }] },
    ok: [201],
  }),
  'GET /v1/inbound-shipments': async () => ({ url: '/v1/inbound-shipments', ok: [200] }),
  'GET /v1/inbound-shipments/:id': async () => ({ url: `/v1/inbound-shipments/${aObj.inbound}`, ok: [200] }),
  'POST /v1/inbound-shipments/:id/receive': async (label) => {
    const id = await objectFor('POST /v1/inbound-shipments/:id/receive', label, freshInbound);
    return {
      url: `/v1/inbound-shipments/${id}/receive`,
      body: {},
      ok: [200],
      untouched: async () => expect(await inboundStatus(id)).toBe('in_transit'),
    };
  },
  'POST /v1/stores': async () => ({ url: '/v1/stores', body: STORE, ok: [201] }),
  'GET /v1/stores': async () => ({ url: '/v1/stores', ok: [200] }),
  'GET /v1/stores/:id': async () => ({ url: `/v1/stores/${aObj.store}`, ok: [200] }),
  // The name it has: a call that may change the store leaves it as the others expect it.
  'POST /v1/stores/:id': async () => ({
    url: `/v1/stores/${aObj.store}`,
    body: { name: STORE.name, active: true },
    ok: [200],
    untouched: async () => expect((await call(p, 'GET', `/v1/stores/${aObj.store}`, { token: A.owner })).body.active).toBe(true),
  }),
  'POST /v1/stores/:id/tills': async () => {
    const name = `Till ${++tillSeq}`;
    return {
      url: `/v1/stores/${aObj.store}/tills`,
      body: { name },
      ok: [201],
      untouched: async () => expect((await tillsOfA()).map((t) => t.name)).not.toContain(name),
    };
  },
  'GET /v1/stores/:id/tills': async () => ({ url: `/v1/stores/${aObj.store}/tills`, ok: [200] }),
  'GET /v1/tills/:id': async () => ({ url: `/v1/tills/${aObj.till}`, ok: [200] }),
  'POST /v1/tills/:id/keys': async () => {
    const name = `matrix POS ${++tillSeq}`;
    return {
      url: `/v1/tills/${aObj.till}/keys`,
      body: { name },
      ok: [201],
      untouched: async () => expect(await keyNamesOfA()).not.toContain(name),
    };
  },
  'POST /v1/instore/payments': async () => ({
    url: '/v1/instore/payments',
    body: { amount: { amount: '100', currency: 'AUD' }, reference: 'matrix' },
    ok: [201],
  }),
  'GET /v1/instore/payments': async () => ({ url: '/v1/instore/payments', ok: [200] }),
  'GET /v1/instore/payments/:id': async () => ({ url: `/v1/instore/payments/${aObj.instorePayment}`, ok: [200] }),
  'GET /v1/instore/payments/:id/qr.png': async () => ({ url: `/v1/instore/payments/${aObj.instorePayment}/qr.png`, ok: [200] }),
  'POST /v1/instore/payments/:id/cancel': async (label) => {
    const id = await objectFor('POST /v1/instore/payments/:id/cancel', label, async () => (await instoreRequest()).id);
    return {
      url: `/v1/instore/payments/${id}/cancel`,
      body: {},
      ok: [200],
      untouched: async () => expect((await instoreState(id)).status).toBe('requires_payment'),
    };
  },
  'POST /v1/instore/payments/:id/refunds': async () => {
    const before = (await instoreState(aObj.instorePayment)).refunded.amount;
    return {
      url: `/v1/instore/payments/${aObj.instorePayment}/refunds`,
      body: { amount: { amount: '1', currency: 'AUD' } },
      ok: [201],
      untouched: async () => expect((await instoreState(aObj.instorePayment)).refunded.amount).toBe(before),
    };
  },
  'GET /v1/instore/payments/:id/receipt': async () => ({ url: `/v1/instore/payments/${aObj.instorePayment}/receipt`, ok: [200] }),
  'GET /v1/instore/payments/:id/receipt.txt': async () => ({ url: `/v1/instore/payments/${aObj.instorePayment}/receipt.txt`, ok: [200] }),
  'GET /v1/instore/reports/daily': async () => ({ url: `/v1/instore/reports/daily?store_id=${aObj.store}`, ok: [200] }),
  'GET /v1/wallet/payment-code': async () => ({ url: '/v1/wallet/payment-code', ok: [200] }),
  'GET /v1/wallet/payment-code.png': async () => ({ url: '/v1/wallet/payment-code.png', ok: [200] }),
  'POST /v1/wallet/payment-code/settings': async () => ({
    url: '/v1/wallet/payment-code/settings',
    body: { no_confirmation_limit: null },
    ok: [200],
  }),
  'POST /v1/wallet/instore/scan': async () => ({
    url: '/v1/wallet/instore/scan',
    body: { payload: (await instoreRequest()).payload },
    ok: [200],
  }),
  'POST /v1/wallet/instore/payments/:id/confirm': async (label) => {
    const id = await objectFor('POST /v1/wallet/instore/payments/:id/confirm', label, async () => (await instoreRequest()).id);
    return {
      url: `/v1/wallet/instore/payments/${id}/confirm`,
      body: {},
      ok: [200],
      untouched: async () => expect((await instoreState(id)).status).toBe('requires_payment'),
    };
  },
  'GET /v1/wallet/instore/payments': async () => ({ url: '/v1/wallet/instore/payments', ok: [200] }),
  'GET /v1/wallet/instore/payments/:id': async () => ({ url: `/v1/wallet/instore/payments/${aObj.instorePayment}`, ok: [200] }),
  // Every principal of the matrix is live: the helper answers that it is for test mode (testmode.test.ts uses it).
  'POST /v1/test_helpers/orders': async () => ({
    url: '/v1/test_helpers/orders',
    body: { items: [{ variant_id: aObj.variant, quantity: 1 }] },
    ok: [403],
    allowedRefusal: 'livemode_not_allowed',
  }),
  'POST /v1/test_helpers/shipments/:id/deliver': async () => ({
    url: `/v1/test_helpers/shipments/${aObj.shipment}/deliver`,
    body: {},
    ok: [403],
    allowedRefusal: 'livemode_not_allowed',
  }),
  'POST /v1/webhook-endpoints': async () => ({ url: '/v1/webhook-endpoints', body: WEBHOOK, ok: [201] }),
  'GET /v1/webhook-endpoints': async () => ({ url: '/v1/webhook-endpoints', ok: [200] }),
  'GET /v1/webhook-endpoints/:id': async () => ({ url: `/v1/webhook-endpoints/${aObj.webhookEndpoint}`, ok: [200] }),
  'POST /v1/webhook-endpoints/:id': async (label) => {
    const description = `changed by ${label}`;
    return {
      url: `/v1/webhook-endpoints/${aObj.webhookEndpoint}`,
      body: { description },
      ok: [200],
      untouched: async () => expect((await webhookOfA(aObj.webhookEndpoint)).description).not.toBe(description),
    };
  },
  'DELETE /v1/webhook-endpoints/:id': async (label) => {
    const make = async () => (await call(p, 'POST', '/v1/webhook-endpoints', { token: A.owner, body: WEBHOOK })).body.id as string;
    const id = await objectFor('DELETE /v1/webhook-endpoints/:id', label, make);
    return { url: `/v1/webhook-endpoints/${id}`, ok: [200], untouched: async () => expect((await webhookOfA(id)).status).toBe('enabled') };
  },
  'POST /v1/webhook-endpoints/:id/roll-secret': async () => ({
    url: `/v1/webhook-endpoints/${aObj.webhookEndpoint}/roll-secret`,
    body: {},
    ok: [200],
  }),
  'GET /v1/webhook-endpoints/:id/deliveries': async () => ({ url: `/v1/webhook-endpoints/${aObj.webhookEndpoint}/deliveries`, ok: [200] }),
  'GET /v1/webhook-deliveries/:id': async () => ({ url: `/v1/webhook-deliveries/${aObj.webhookDelivery}`, ok: [200] }),
  'POST /v1/webhook-deliveries/:id/retry': async () => ({
    url: `/v1/webhook-deliveries/${aObj.webhookDelivery}/retry`,
    body: {},
    ok: [200],
  }),
  'POST /v1/events/:id/redeliver': async () => ({ url: `/v1/events/${aObj.event}/redeliver`, body: {}, ok: [200] }),
  'POST /v1/inbound-shipments/:id/cancel': async (label) => {
    const id = await objectFor('POST /v1/inbound-shipments/:id/cancel', label, freshInbound);
    return {
      url: `/v1/inbound-shipments/${id}/cancel`,
      body: {},
      ok: [200],
      untouched: async () => expect(await inboundStatus(id)).toBe('in_transit'),
    };
  },
};

function expectRefused(label: Label, route: string, r: Res<{ error: { code: string } }>) {
  let status = 403;
  let code = 'forbidden';
  if (label === 'anonymous') {
    status = 401;
    code = 'authentication_required';
  } else if (
    ((label === 'api_key:staff:read' || label === 'api_key:pos') && EXPECTED[route]?.includes('api_key:*')) ||
    // A route for POS keys only (taking a payment): open to keys with `instore:write`, which a full key holds but is no till.
    (label === 'api_key:staff:read' && EXPECTED[route]?.includes('api_key:pos'))
  ) {
    // The route is open to API keys, just not with this key's scope.
    code = 'insufficient_scope';
  }
  expect(r.status, r.raw).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(Object.keys(r.body)).toEqual(['error']);
}

// --- the route table matches the server ----------------------------------------------------------

describe('route table', () => {
  it('has one row for every /v1 route the server registers, and no other', () => {
    const registered = p.app.tasmanRoutes.filter((r) => r.url.startsWith('/v1/')).map((r) => `${r.method} ${r.url}`);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual([...ROUTES].sort());
    expect(Object.keys(REQUESTS).sort()).toEqual([...ROUTES].sort());
  });

  it('every route outside /v1 is infrastructure, public, and answers a stranger', async () => {
    const others = p.app.tasmanRoutes.filter((r) => !r.url.startsWith('/v1/'));
    const urls = others.map((r) => r.url);
    for (const u of ['/health', '/ready', '/metrics', '/openapi.json']) expect(urls).toContain(u);
    for (const r of others) {
      // `/*` is the web apps (src/kernel/http/web.ts): whatever path no other route has.
      expect(['/health', '/ready', '/metrics', '/openapi.json', '/*'].includes(r.url) || r.url.startsWith('/docs'), r.url).toBe(true);
      expect(r.access, `${r.method} ${r.url}`).toBe('public');
      if (r.method !== 'GET') continue;
      const res = await call(p, 'GET', r.url.replace('*', 'index.html').replace(/:\w+/g, 'x'));
      expect([401, 403], `${r.method} ${r.url} → ${res.status}`).not.toContain(res.status);
    }
    // The API reference registers its own routes, which the route list leaves out.
    for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/index.html']) {
      const res = await call(p, 'GET', url);
      expect([401, 403], `GET ${url} → ${res.status}`).not.toContain(res.status);
      expect(res.status, url).toBeLessThan(400);
    }
  });
});

// --- every route × every principal -------------------------------------------------------------

describe.each(ROUTES)('%s', (route) => {
  const [method = ''] = route.split(' ');
  const allowed = EXPECTED[route] ?? [];
  const cases = LABELS.map((l) => [l, allowed.includes(l) ? 'allowed' : 'refused'] as const);

  it.each(cases)('%s → %s', async (label, outcome) => {
    const prepare = REQUESTS[route];
    if (!prepare) throw new Error(`no request for ${route}`);
    const req = await prepare(label);
    const a = actor(label);
    const token = req.freshCredential ? await a.fresh() : a.token;
    const r = await call(p, method, req.url, { token, body: req.body, rawBody: req.rawBody, headers: req.headers });
    if (outcome === 'refused') {
      expectRefused(label, route, r);
      await req.untouched?.();
      return;
    }
    if (req.allowedRefusal) expect(r.body.error?.code, r.raw).toBe(req.allowedRefusal);
    else expect([401, 403], r.raw).not.toContain(r.status);
    expect(req.ok, r.raw).toContain(r.status);
    if (req.freshCredential && token) {
      // Signing out ended that session, and only that one.
      expect((await call(p, 'GET', '/v1/me', { token })).body.error?.code).toBe('session_expired');
      if (a.token) expect((await call(p, 'GET', '/v1/me', { token: a.token })).status).toBe(200);
    }
  });
});

// --- tenant isolation ------------------------------------------------------------------------------

/** For each `:id` route open to merchants: the object of A it is tried on, and what of it must not leak. */
const A_OBJECTS: Record<
  string,
  () => {
    id: string;
    kind: IdKind;
    secrets: string[];
    stillIntact?: () => Promise<void>;
    /** A body that passes validation, so the answer is about the object, not the body. */
    body?: unknown;
    rawBody?: Buffer;
    headers?: Record<string, string>;
  }
> = {
  'GET /v1/api-keys/:id': () => ({ id: A.apiKeyId, kind: 'apiKey', secrets: [aKeyRedacted] }),
  'POST /v1/api-keys/:id/revoke': () => ({
    id: A.apiKeyId,
    kind: 'apiKey',
    secrets: [aKeyRedacted],
    stillIntact: async () => {
      expect((await keyOfA(A.apiKeyId)).revoked_at).toBeNull();
      expect((await call(p, 'GET', '/v1/me', { token: A.apiKey })).status).toBe(200);
    },
  }),
  'GET /v1/merchants/:id': () => ({ id: A.id, kind: 'merchant', secrets: ['Manuka Bay Honey'] }),
  'GET /v1/merchants/:id/status-changes': () => ({ id: A.id, kind: 'merchant', secrets: ['"to_status"'] }),
  'GET /v1/merchants/:id/usage': () => ({ id: A.id, kind: 'merchant', secrets: ['"metrics"', '"plan"'] }),
  'GET /v1/invoices/:id': () => ({ id: aObj.invoice, kind: 'invoice', secrets: ['"lines"', 'TSM-'] }),
  'PUT /v1/merchants/:id/payout-account': () => ({
    id: A.id,
    kind: 'merchant',
    secrets: ['****196'],
    body: { country: 'AU', account_name: 'Not Yours Pty Ltd', bsb: '062-000', account_number: '12345678' },
    stillIntact: async () => expect((await getMerchant(p.ctx(), A.id)).payoutAccount?.masked).toBe('082-001 ****196'),
  }),
  'POST /v1/staff/invitations/:id/revoke': () => ({ id: aInvitationId, kind: 'invitation', secrets: ['"email"'] }),
  'GET /v1/events/:id': () => ({ id: aObj.event, kind: 'event', secrets: ['"available"'] }),
  'GET /v1/imports/:id': () => ({ id: aObj.import, kind: 'import', secrets: ['MATRIX-IMP', '"summary"'] }),
  'GET /v1/imports/:id/errors.csv': () => ({ id: aObj.import, kind: 'import', secrets: ['row,field', 'MATRIX-IMP'] }),
  'GET /v1/fx/quotes/:id': () => ({ id: aObj.quote, kind: 'fxQuote', secrets: ['"rate"'] }),
  'GET /v1/products/:id': () => ({ id: aObj.product, kind: 'product', secrets: ['Manuka Honey', aObj.variant] }),
  'POST /v1/products/:id': () => ({
    id: aObj.product,
    kind: 'product',
    secrets: ['Manuka Honey'],
    body: { brand: 'Hijacked' },
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/products/${aObj.product}`, { token: A.owner })).body.brand).toBe('Manuka Bay'),
  }),
  'POST /v1/products/:id/variants': () => ({
    id: aObj.product,
    kind: 'product',
    secrets: ['Manuka Honey'],
    body: listableProduct().variants[0],
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/products/${aObj.product}`, { token: A.owner })).body.variants).toHaveLength(1),
  }),
  'POST /v1/variants/:id': () => ({
    id: aObj.variant,
    kind: 'variant',
    secrets: ['Manuka Honey', '"sku"'],
    body: { price: { amount: '1', currency: 'AUD' } },
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/products/${aObj.product}`, { token: A.owner })).body.variants[0].price.amount).toBe('3990'),
  }),
  'POST /v1/products/:id/activate': () => ({ id: aObj.product, kind: 'product', secrets: ['Manuka Honey'] }),
  'POST /v1/products/:id/archive': () => ({
    id: aObj.product,
    kind: 'product',
    secrets: ['Manuka Honey'],
    stillIntact: async () => expect((await call(p, 'GET', `/v1/products/${aObj.product}`, { token: A.owner })).body.status).toBe('active'),
  }),
  'POST /v1/products/:id/images': () => ({
    id: aObj.product,
    kind: 'product',
    secrets: ['Manuka Honey'],
    rawBody: png,
    headers: { 'content-type': 'image/png' },
  }),
  'DELETE /v1/products/:id/images/:image_id': () => ({
    id: aObj.product,
    kind: 'product',
    secrets: ['Manuka Honey'],
    stillIntact: async () => expect((await call(p, 'GET', `/v1/images/${aObj.image}/w200`)).status).toBe(200),
  }),
  'GET /v1/locations/:id': () => ({ id: aObj.location, kind: 'location', secrets: ['Auckland DC'] }),
  'GET /v1/payment-intents/:id': () => ({ id: aObj.intent, kind: 'paymentIntent', secrets: ['李伟', '"charge"'] }),
  'POST /v1/payment-intents/:id/cancel': () => {
    return {
      id: aObj.intent,
      kind: 'paymentIntent',
      secrets: ['李伟'],
      stillIntact: async () => expect((await intentState(aObj.intent)).status).toBe('succeeded'),
    };
  },
  'GET /v1/refunds/:id': () => ({ id: aObj.refund, kind: 'refund', secrets: [aObj.intent, '"settlement_share"'] }),
  'GET /v1/stock-levels/:id': () => ({ id: aObj.level, kind: 'stockLevel', secrets: ['"on_hand"', aObj.variant] }),
  'POST /v1/stock-levels/:id': () => ({
    id: aObj.level,
    kind: 'stockLevel',
    secrets: ['"on_hand"'],
    body: { low_stock_threshold: 1 },
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/stock-levels/${aObj.level}`, { token: A.owner })).body.low_stock_threshold).toBe(100),
  }),
  'GET /v1/reservations/:id': () => ({ id: aObj.reservation, kind: 'reservation', secrets: ['"quantity"', aObj.variant] }),
  'POST /v1/reservations/:id/release': () => ({
    id: aObj.reservation,
    kind: 'reservation',
    secrets: ['"quantity"'],
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/reservations/${aObj.reservation}`, { token: A.owner })).body.status).toBe('active'),
  }),
  'POST /v1/reservations/:id/ship': () => ({
    id: aObj.reservation,
    kind: 'reservation',
    secrets: ['"quantity"'],
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/reservations/${aObj.reservation}`, { token: A.owner })).body.status).toBe('active'),
  }),
  'GET /v1/orders/:id': () => aOrder(),
  'POST /v1/orders/:id/fulfil': () => aOrder(),
  'POST /v1/orders/:id/ship': () => aOrder(),
  'POST /v1/orders/:id/cancel': () => aOrder(),
  'POST /v1/orders/:id/refund': () => aOrder(),
  'POST /v1/orders/:id/return/approve': () => aOrder(),
  'POST /v1/orders/:id/return/reject': () => aOrder({ note: 'matrix' }),
  'POST /v1/orders/:id/return/receive': () => aOrder(),
  'POST /v1/orders/:id/shipments': () => ({
    ...aOrder(ONE_PARCEL),
    stillIntact: async () => {
      expect(await orderState(aObj.order)).toEqual({ state: 'paid', return: null, refunded: '0' });
      expect((await opsGet(`/v1/orders/${aObj.order}/parcels`)).data).toEqual([]);
    },
  }),
  'GET /v1/orders/:id/parcels': () => ({ id: aObj.shipOrder, kind: 'order', secrets: [aObj.trackingNumber, aObj.parcel, '"contents"'] }),
  'GET /v1/shipments/:id': () => ({ id: aObj.shipment, kind: 'shipment', secrets: [aObj.trackingNumber, aObj.shipOrder, '"parcels"'] }),
  'GET /v1/shipments/:id/labels': () => ({ id: aObj.shipment, kind: 'shipment', secrets: [aObj.trackingNumber, '%PDF'] }),
  'POST /v1/test_helpers/shipments/:id/deliver': () => ({
    id: aObj.shipment,
    kind: 'shipment',
    secrets: [aObj.trackingNumber, '"parcels"'],
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/shipments/${aObj.shipment}`, { token: A.owner })).body.parcels[0].status).not.toBe('delivered'),
  }),
  'GET /v1/parcels/:id': () => ({ id: aObj.parcel, kind: 'parcel', secrets: [aObj.trackingNumber, aObj.shipOrder, '"contents"'] }),
  'GET /v1/parcels/:id/label': () => ({ id: aObj.parcel, kind: 'parcel', secrets: [aObj.trackingNumber, '%PDF'] }),
  'GET /v1/customs/declarations/:id': () => ({
    id: aObj.declaration,
    kind: 'customsDeclaration',
    secrets: [aObj.shipOrder, '"mismatches"', '"trade_mode"'],
  }),
  'GET /v1/inbound-shipments/:id': () => ({ id: aObj.inbound, kind: 'inbound', secrets: [net.inboundVariant, '"lines"'] }),
  'POST /v1/inbound-shipments/:id/cancel': () => ({
    id: aObj.inbound,
    kind: 'inbound',
    secrets: [net.inboundVariant, '"lines"'],
    stillIntact: async () => expect(await inboundStatus(aObj.inbound)).toBe('in_transit'),
  }),
  'GET /v1/stores/:id': () => ({ id: aObj.store, kind: 'store', secrets: [STORE.name, '"time_zone"'] }),
  'POST /v1/stores/:id': () => ({
    id: aObj.store,
    kind: 'store',
    secrets: [STORE.name, '"time_zone"'],
    body: { name: 'Hijacked', active: false },
    stillIntact: async () =>
      expect((await call(p, 'GET', `/v1/stores/${aObj.store}`, { token: A.owner })).body).toMatchObject({ name: STORE.name, active: true }),
  }),
  'POST /v1/stores/:id/tills': () => ({
    id: aObj.store,
    kind: 'store',
    secrets: [STORE.name],
    body: { name: 'Hijacked' },
    stillIntact: async () => expect((await tillsOfA()).map((t) => t.name)).not.toContain('Hijacked'),
  }),
  'GET /v1/stores/:id/tills': () => ({ id: aObj.store, kind: 'store', secrets: [aObj.till, 'Front counter'] }),
  'GET /v1/tills/:id': () => ({ id: aObj.till, kind: 'till', secrets: [aObj.store, 'Front counter'] }),
  'POST /v1/tills/:id/keys': () => ({
    id: aObj.till,
    kind: 'till',
    secrets: ['"secret"', aObj.store],
    body: { name: 'Hijacked' },
    stillIntact: async () => expect(await keyNamesOfA()).not.toContain('Hijacked'),
  }),
  'GET /v1/webhook-endpoints/:id': () => aWebhook(),
  'POST /v1/webhook-endpoints/:id': () => aWebhook({ url: 'https://hijack.example.invalid/x', disabled: true }),
  'DELETE /v1/webhook-endpoints/:id': () => aWebhook(),
  'POST /v1/webhook-endpoints/:id/roll-secret': () => aWebhook({}),
  'GET /v1/webhook-endpoints/:id/deliveries': () => aWebhook(),
  'GET /v1/webhook-deliveries/:id': () => ({ id: aObj.webhookDelivery, kind: 'webhookDelivery', secrets: [aObj.event, '"attempt_log"'] }),
  'POST /v1/webhook-deliveries/:id/retry': () => ({
    id: aObj.webhookDelivery,
    kind: 'webhookDelivery',
    secrets: [aObj.event, aObj.webhookEndpoint],
  }),
  'POST /v1/events/:id/redeliver': () => ({ id: aObj.event, kind: 'event', secrets: [aObj.webhookEndpoint, '"available"'] }),
  'GET /v1/instore/payments/:id': () => aInstorePayment(),
  'GET /v1/instore/payments/:id/qr.png': () => aInstorePayment(),
  'POST /v1/instore/payments/:id/cancel': () => aInstorePayment(),
  'POST /v1/instore/payments/:id/refunds': () => aInstorePayment({ amount: { amount: '1', currency: 'AUD' } }),
  'GET /v1/instore/payments/:id/receipt': () => aInstorePayment(),
  'GET /v1/instore/payments/:id/receipt.txt': () => aInstorePayment(),
};

/** A's webhook endpoint: B learns nothing of it (URL, secret) and changes nothing. */
function aWebhook(body?: unknown) {
  return {
    id: aObj.webhookEndpoint,
    kind: 'webhookEndpoint' as const,
    secrets: ['hooks.matrix.invalid', 'whsec_', aObj.webhookDelivery],
    body,
    stillIntact: async () => expect(await webhookOfA(aObj.webhookEndpoint)).toMatchObject({ status: 'enabled', url: WEBHOOK.url }),
  };
}

/** A's paid in-store payment: B learns nothing of it and refunds or cancels nothing. */
function aInstorePayment(body?: unknown) {
  return {
    id: aObj.instorePayment,
    kind: 'instorePayment' as const,
    secrets: ['"charge"', '"receipt_number"', 'PNG', 'Receipt'],
    body,
    stillIntact: async () => expect(await instoreState(aObj.instorePayment)).toMatchObject({ status: 'succeeded' }),
  };
}

/** A's paid order: B learns nothing of it (the buyer, the lines) and changes nothing. */
function aOrder(body?: unknown) {
  return {
    id: aObj.order,
    kind: 'order' as const,
    secrets: ['李伟', '"lines"', '"amounts"'],
    body,
    stillIntact: async () => expect(await orderState(aObj.order)).toEqual({ state: 'paid', return: null, refunded: '0' }),
  };
}

// Public routes (images, storefront) answer everyone alike: nothing tenant-specific to isolate.
const ID_ROUTES = ROUTES.filter((r) => r.includes(':id') && EXPECTED[r] !== ANYONE && EXPECTED[r]?.some((l) => MERCHANT_SIDE.includes(l)));

describe('tenant isolation: merchant B, and A’s own test key, reaching for A’s live objects by id', () => {
  it('tries every :id route a merchant may call', () => {
    expect([...ID_ROUTES].sort()).toEqual(Object.keys(A_OBJECTS).sort());
  });

  // B's principals, and A's test key (test mode: a test key never sees a live object), with the
  // label of the same kind of principal in the table.
  const bActors = [
    ['owner session', 'merchant:owner'],
    ['full API key', 'api_key:*'],
    ['full test-mode API key of A', 'api_key:*'],
  ] as const;
  const cases = ID_ROUTES.flatMap((route) => bActors.map(([who, label]) => [route, who, label] as const));

  it.each(cases)('%s by B’s %s', async (route, who, label) => {
    const target = A_OBJECTS[route]?.();
    if (!target) throw new Error(`no object of A for ${route}`);
    const token = who === 'owner session' ? B.owner : who === 'full API key' ? B.apiKey : aTestKey;
    const [method = '', pattern = ''] = route.split(' ');
    const body = target.body ?? (method === 'POST' && !target.rawBody ? {} : undefined);
    const send = { token, body, rawBody: target.rawBody, headers: target.headers };
    const url = (id: string) => pattern.replace(':image_id', aObj.image).replace(':id', id);
    const r = await call(p, method, url(target.id), send);

    if (EXPECTED[route]?.includes(label)) {
      expect(r.status, r.raw).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      // The same answer as for an id that exists nowhere: B cannot tell A's object exists.
      const nowhere = newId(target.kind);
      const miss = await call(p, method, url(nowhere), send);
      expect(miss.status).toBe(404);
      expect({ ...miss.body.error, message: miss.body.error.message.replace(nowhere, target.id), request_id: '' }).toEqual({
        ...r.body.error,
        request_id: '',
      });
    } else {
      expect(r.status, r.raw).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    // Nothing of the object but the id B itself sent, and only inside the error message.
    expect(Object.keys(r.body)).toEqual(['error']);
    const { message: _message, ...rest } = r.body.error;
    expect(JSON.stringify(rest)).not.toContain(target.id);
    for (const s of target.secrets) expect(r.raw).not.toContain(s);
    await target.stillIntact?.();
  });
});

describe('tenant isolation: lists', () => {
  // biome-ignore lint/suspicious/noExplicitAny: list items are read loosely
  async function listAll(token: string, path: string): Promise<{ items: any[]; raw: string }> {
    // biome-ignore lint/suspicious/noExplicitAny: list items are read loosely
    const items: any[] = [];
    let raw = '';
    let after = '';
    for (;;) {
      const r = await call(p, 'GET', `${path}?limit=100${after ? `&starting_after=${after}` : ''}`, { token });
      expect(r.status, r.raw).toBe(200);
      expect(r.body.object).toBe('list');
      items.push(...r.body.data);
      raw += r.raw;
      if (!r.body.has_more) return { items, raw };
      after = r.body.data.at(-1).id;
    }
  }

  /** What A must see in each list, by the field that names it. */
  const LISTS: Record<string, () => { field: string; ids: string[] }> = {
    '/v1/api-keys': () => ({ field: 'id', ids: [A.apiKeyId, aScopedKeyId, aObj.posKey] }),
    '/v1/staff': () => ({ field: 'id', ids: aStaffIds }),
    '/v1/payment-intents': () => ({ field: 'id', ids: [aObj.intent] }),
    '/v1/refunds': () => ({ field: 'id', ids: [aObj.refund] }),
    '/v1/orders': () => ({ field: 'id', ids: [aObj.order] }),
    '/v1/shipments': () => ({ field: 'id', ids: [aObj.shipment] }),
    '/v1/parcels': () => ({ field: 'id', ids: [aObj.parcel] }),
    '/v1/customs/declarations': () => ({ field: 'id', ids: [aObj.declaration] }),
    '/v1/inbound-shipments': () => ({ field: 'id', ids: [aObj.inbound] }),
    '/v1/instore/payments': () => ({ field: 'id', ids: [aObj.instorePayment] }),
    '/v1/webhook-endpoints': () => ({ field: 'id', ids: [aObj.webhookEndpoint] }),
    '/v1/audit-events': () => ({ field: 'object_id', ids: [A.id, A.apiKeyId, aScopedKeyId, ...aStaffIds] }),
  };
  const cases = Object.keys(LISTS).flatMap((path) => (['owner session', 'full API key'] as const).map((who) => [path, who] as const));
  const LISTS_KEYS = Object.keys(LISTS);

  it.each(cases)('GET %s by A’s %s lists A’s objects', async (path, who) => {
    const want = LISTS[path]?.();
    if (!want) throw new Error(path);
    const { items } = await listAll(who === 'owner session' ? A.owner : A.apiKey, path);
    const seen = items.map((i) => i[want.field]);
    for (const id of want.ids) expect(seen).toContain(id);
    // The owner's session manages its test keys too (they are its test twin's); a live key sees live keys only.
    const twinToo = path === '/v1/api-keys' && who === 'owner session';
    for (const i of items) if ('merchant_id' in i) expect([A.id, ...(twinToo ? [aTwinId] : [])]).toContain(i.merchant_id);
  });

  it.each(LISTS_KEYS)('GET %s by A’s test-mode key lists none of A’s live objects', async (path) => {
    const want = LISTS[path]?.();
    if (!want) throw new Error(path);
    const { items, raw } = await listAll(aTestKey, path);
    // The key lists see the test key itself; the other lists are of an empty test world.
    for (const id of [A.id, ...want.ids]) expect(raw).not.toContain(id);
    for (const i of items) if ('merchant_id' in i) expect(i.merchant_id).toBe(aTwinId);
  });

  it.each(cases)('GET %s by B’s %s lists none of A’s objects', async (path, who) => {
    const want = LISTS[path]?.();
    if (!want) throw new Error(path);
    const { items, raw } = await listAll(who === 'owner session' ? B.owner : B.apiKey, path);
    expect(items.length).toBeGreaterThan(0);
    for (const id of [A.id, ...want.ids]) expect(raw).not.toContain(id);
    for (const i of items) {
      if ('merchant_id' in i) expect(i.merchant_id).toBe(B.id);
    }
  });
});
