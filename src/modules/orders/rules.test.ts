// The order state machine (issue 5, "Orders": pending_payment → paid → fulfilling → shipped →
// delivered → completed, plus cancelled, refunded, return_requested → returned; illegal
// transitions are errors; cancellation only before shipment; returns after delivery).
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  ORDER_ACTIONS,
  ORDER_STATES,
  type OrderAction,
  type OrderActor,
  type OrderState,
  RETURN_WINDOW_DAYS,
  transition,
  unitShare,
  withinReturnWindow,
} from './rules.ts';

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
    ['return_requested', 'approve_return', 'merchant', 'return_requested'],
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
    ['return_requested', 'approve_return', 'shopper', 'forbidden'],
    ['delivered', 'approve_return', 'merchant', 'invalid_state'],
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

describe('a refused return goes back to where the request found it', () => {
  it('delivered, or completed when the buyer had confirmed receipt', () => {
    expect(transition('return_requested', 'reject_return', 'merchant')).toEqual({ ok: true, to: 'delivered' });
    expect(transition('return_requested', 'reject_return', 'operator', { wasCompleted: true })).toEqual({ ok: true, to: 'completed' });
  });
});

describe('the return window (PRC Consumer Rights Protection Law Art. 25: seven days from receipt, no reason needed)', () => {
  const delivered = new Date('2026-03-01T10:00:00Z');
  it.each([
    ['the same day', '2026-03-01T12:00:00Z', true],
    ['at exactly seven days', '2026-03-08T10:00:00Z', true],
    ['a second after', '2026-03-08T10:00:01Z', false],
  ])('%s', (_n, at, ok) => {
    expect(RETURN_WINDOW_DAYS).toBe(7);
    expect(withinReturnWindow(delivered, new Date(at))).toBe(ok);
  });
});

describe('unitShare: what returned units carry of a line’s dutiable price and tax', () => {
  it.each([
    ['all units: the whole, exactly', 1_001n, 3, 3, 1_001n],
    ['one of three: 333.67 → 334 (half-up)', 1_001n, 1, 3, 334n],
    ['one of two at a tie: 50.5 → 51', 101n, 1, 2, 51n],
    ['none', 500n, 0, 4, 0n],
  ] as const)('%s', (_n, total, q, of, want) => {
    expect(unitShare(total, q, of)).toBe(want);
  });
  it('refuses more units than the line has', () => {
    expect(() => unitShare(100n, 3, 2)).toThrow(RangeError);
  });
});
