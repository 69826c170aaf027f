// The order state machine (issue 5, "Orders"; PRODUCT.md M7): which action moves an order from
// which state to which, and who may take it. Pure; the service applies it under a row lock and
// records every transition with who and when. Customs states come with the logistics issue.
//
//   pending_payment ─pay→ paid ─start_fulfilment→ fulfilling ─ship→ shipped ─deliver→ delivered ─complete→ completed
//        │                 │                         │                                    │
//        └─cancel→ cancelled ←─cancel (refund in full, stock and quota back)─┘            └─request_return→ return_requested
//                                                                                              │ reject_return → delivered
//                                      refunded ←─refund_in_full─ (any paid state)             └─receive_return→ returned
//
// `refund_in_full` is what a full refund does to an order that is not being cancelled or
// returned (e.g. an operator's goodwill refund before shipment leaves it `refunded`).

export const ORDER_STATES = [
  'pending_payment',
  'paid',
  'fulfilling',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
  'return_requested',
  'returned',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_ACTIONS = [
  'pay',
  'start_fulfilment',
  'ship',
  'deliver',
  'complete',
  'cancel',
  'request_return',
  'approve_return',
  'reject_return',
  'receive_return',
  'refund_in_full',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Who acts: the buyer, the merchant, a platform operator, or the platform itself (jobs, payments, logistics). */
export type OrderActor = 'shopper' | 'merchant' | 'operator' | 'system';

interface Rule {
  from: readonly OrderState[];
  to: OrderState;
  by: readonly OrderActor[];
}

export const ORDER_RULES: Readonly<Record<OrderAction, Rule>> = {
  pay: { from: ['pending_payment'], to: 'paid', by: ['system'] },
  start_fulfilment: { from: ['paid'], to: 'fulfilling', by: ['merchant', 'operator', 'system'] },
  ship: { from: ['paid', 'fulfilling'], to: 'shipped', by: ['merchant', 'operator', 'system'] },
  deliver: { from: ['shipped'], to: 'delivered', by: ['operator', 'system'] },
  // The buyer confirms receipt, or the platform completes it after the escrow period.
  complete: { from: ['delivered'], to: 'completed', by: ['shopper', 'operator', 'system'] },
  // Before shipment only: unpaid orders are simply dropped; paid ones are refunded in full.
  cancel: { from: ['pending_payment', 'paid', 'fulfilling'], to: 'cancelled', by: ['shopper', 'merchant', 'operator', 'system'] },
  request_return: { from: ['delivered', 'completed'], to: 'return_requested', by: ['shopper'] },
  // The merchant agrees to take the goods back; the order waits for them.
  approve_return: { from: ['return_requested'], to: 'return_requested', by: ['merchant', 'operator'] },
  // Back to where the request found it: delivered, or completed if the buyer had confirmed receipt.
  reject_return: { from: ['return_requested'], to: 'delivered', by: ['merchant', 'operator'] },
  // The merchant received the goods back: the refund follows.
  receive_return: { from: ['return_requested'], to: 'returned', by: ['merchant', 'operator'] },
  // The platform refunds an order China customs refused (logistics/customs).
  refund_in_full: {
    from: ['paid', 'fulfilling', 'shipped', 'delivered', 'completed'],
    to: 'refunded',
    by: ['merchant', 'operator', 'system'],
  },
};

export type TransitionResult = { ok: true; to: OrderState } | { ok: false; reason: 'invalid_state' | 'forbidden'; message: string };

/**
 * Where `action` by `actor` takes an order in `from`, or why it can't. `wasCompleted`: the
 * order had been completed before a return was requested (a refused return goes back there).
 */
export function transition(
  from: OrderState,
  action: OrderAction,
  actor: OrderActor,
  opts: { wasCompleted?: boolean } = {},
): TransitionResult {
  const rule = ORDER_RULES[action];
  if (!rule.by.includes(actor)) {
    return { ok: false, reason: 'forbidden', message: `A ${actor} cannot ${action.replaceAll('_', ' ')} an order` };
  }
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      reason: 'invalid_state',
      message: `An order that is ${from.replaceAll('_', ' ')} cannot be ${PAST[action]}; it must be ${rule.from.map((s) => s.replaceAll('_', ' ')).join(' or ')}`,
    };
  }
  if (action === 'reject_return' && opts.wasCompleted) return { ok: true, to: 'completed' };
  return { ok: true, to: rule.to };
}

const PAST: Record<OrderAction, string> = {
  pay: 'paid',
  start_fulfilment: 'put into fulfilment',
  ship: 'shipped',
  deliver: 'delivered',
  complete: 'completed',
  cancel: 'cancelled',
  request_return: 'returned by the buyer',
  approve_return: 'approved for return',
  reject_return: 'refused a return',
  receive_return: 'received back',
  refund_in_full: 'refunded in full',
};

/** States in which the order holds the buyer's money (refunds possible). */
export const PAID_STATES: ReadonlySet<OrderState> = new Set([
  'paid',
  'fulfilling',
  'shipped',
  'delivered',
  'completed',
  'return_requested',
]);

/** The actions open to `actor` on an order in `state` (what a console shows as buttons). */
export function availableActions(state: OrderState, actor: OrderActor): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => transition(state, a, actor).ok);
}

/** Days after delivery within which the buyer may return goods without giving a reason (PRC Consumer Rights Protection Law Art. 25). */
export const RETURN_WINDOW_DAYS = 7;

/** Whether a return may still be requested at `at` for goods delivered at `deliveredAt` (Art. 25: seven days from receipt). */
export function withinReturnWindow(deliveredAt: Date, at: Date, days = RETURN_WINDOW_DAYS): boolean {
  return at.getTime() <= deliveredAt.getTime() + days * 86_400_000;
}

/**
 * The share of a line's `total` (its dutiable price, its tax) that `quantity` of its `of` units
 * carry: the whole for all units, else round-half-up(total × quantity ÷ of). One return per
 * order, so shares are never taken twice from the same line.
 */
export function unitShare(total: bigint, quantity: number, of: number): bigint {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > of) throw new RangeError('quantity out of range');
  if (quantity === of) return total;
  return (total * BigInt(quantity) * 2n + BigInt(of)) / (BigInt(of) * 2n);
}

/**
 * The corridor (PRODUCT.md, first paragraph): shoppers in China buy from Australian and New
 * Zealand merchants (CBEC imports), shoppers in Australia and New Zealand from sellers in China.
 * Domestic sales are not what the platform is for.
 */
export function sellsTo(merchantCountry: string, shopperCountry: string): boolean {
  return shopperCountry === 'CN' ? merchantCountry === 'AU' || merchantCountry === 'NZ' : merchantCountry === 'CN';
}
