// The order state machine (issue 5, "Orders": pending_payment → paid → fulfilling → shipped →
// delivered → completed, plus cancelled, refunded, return_requested → returned; illegal
// transitions are errors; cancellation only before shipment; returns after delivery).
import { describe, expect, it } from 'vitest';
import { availableActions, ORDER_ACTIONS, ORDER_STATES, type OrderAction, type OrderActor, type OrderState, transition } from './rules.ts';

describe('the allowed transitions', () => {
  it.each<[OrderState, OrderAction, OrderActor, OrderState]>([
    ['pending_payment', 'pay', 'system', 'paid'],
    ['paid', 'start_fulfilment', 'merchant', 'fulfilling'],
    ['fulfilling', 'ship', 'merchant', 'shipped'],
    ['paid', 'ship', 'system', 'shipped'],
    ['shipped', 'deliver', 'operator', 'delivered'],
    ['delivered', 'complete', 'shopper', 'completed'],
    ['delivered', 'complete', 'system', 'completed'],
    // cancellation before shipment, by either side
    ['pending_payment', 'cancel', 'shopper', 'cancelled'],
    ['paid', 'cancel', 'shopper', 'cancelled'],
    ['fulfilling', 'cancel', 'merchant', 'cancelled'],
    // returns after delivery: requested by the buyer, received or refused by the merchant
    ['delivered', 'request_return', 'shopper', 'return_requested'],
    ['completed', 'request_return', 'shopper', 'return_requested'],
    ['return_requested', 'receive_return', 'merchant', 'returned'],
    ['return_requested', 'reject_return', 'merchant', 'delivered'],
    ['shipped', 'refund_in_full', 'operator', 'refunded'],
  ])('%s --%s by %s--> %s', (from, action, actor, to) => {
    expect(transition(from, action, actor)).toEqual({ ok: true, to });
  });
});

describe('the refused ones', () => {
  it.each<[OrderState, OrderAction, OrderActor, 'invalid_state' | 'forbidden']>([
    // no cancelling after shipment: that is a return
    ['shipped', 'cancel', 'shopper', 'invalid_state'],
    ['delivered', 'cancel', 'merchant', 'invalid_state'],
    // no return before delivery
    ['shipped', 'request_return', 'shopper', 'invalid_state'],
    // nothing moves out of the end states but returns of completed orders
    ['cancelled', 'pay', 'system', 'invalid_state'],
    ['refunded', 'ship', 'merchant', 'invalid_state'],
    ['returned', 'request_return', 'shopper', 'invalid_state'],
    // paying twice
    ['paid', 'pay', 'system', 'invalid_state'],
    // who: only the platform records a payment; a buyer cannot ship or deliver; a merchant cannot deliver or ask for a return
    ['pending_payment', 'pay', 'shopper', 'forbidden'],
    ['paid', 'ship', 'shopper', 'forbidden'],
    ['shipped', 'deliver', 'merchant', 'forbidden'],
    ['delivered', 'request_return', 'merchant', 'forbidden'],
    ['return_requested', 'receive_return', 'shopper', 'forbidden'],
  ])('%s --%s by %s--> %s', (from, action, actor, reason) => {
    const r = transition(from, action, actor);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });
});

describe('the whole machine', () => {
  it('every state is reachable from pending_payment', () => {
    const seen = new Set<OrderState>(['pending_payment']);
    const actors: OrderActor[] = ['shopper', 'merchant', 'operator', 'system'];
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...seen]) {
        for (const a of ORDER_ACTIONS) {
          for (const who of actors) {
            const r = transition(s, a, who);
            if (r.ok && !seen.has(r.to)) {
              seen.add(r.to);
              changed = true;
            }
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATES].sort());
  });

  it('cancelled and refunded are final; returned is final', () => {
    for (const s of ['cancelled', 'refunded', 'returned'] as const) {
      for (const who of ['shopper', 'merchant', 'operator', 'system'] as const) expect(availableActions(s, who)).toEqual([]);
    }
  });

  it('lists the actions open to each side', () => {
    expect(availableActions('paid', 'merchant')).toEqual(['start_fulfilment', 'ship', 'cancel', 'refund_in_full']);
    expect(availableActions('delivered', 'shopper')).toEqual(['complete', 'request_return']);
  });
});
