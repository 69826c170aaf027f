// The sandbox customs gateway (ENGINEERING.md: pluggable behaviour is a strategy with a sandbox):
// stateless like a sandbox acquirer, scenarios chosen by test consignee telephones, receipts in the
// layout of the real CEB312/412/512/622 and readable by parseReceipt.
import { describe, expect, it } from 'vitest';
import { BASE, INVENTORY_1210, INVENTORY_9610, ORDER, PAYMENT, WAYBILL } from './fixtures/sample.ts';
import { type CustomsSubmission, type GatewayReceipt, QUOTA_EXCEEDED_REASON, SANDBOX_TELEPHONES, sandboxGateway } from './gateway.ts';
import { buildCEB311, buildCEB411, buildCEB511, buildCEB621, parseReceipt } from './messages.ts';

const gateway = sandboxGateway({ acceptAfterS: 60, releaseAfterS: 600, inspectionS: 3600 });
const T0 = new Date('2025-03-01T02:35:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

function submission(telephone: string, mode: '9610' | '1210' = '9610'): CustomsSubmission {
  const order = { ...ORDER, consigneeTelephone: telephone };
  return {
    order_no: ORDER.orderNo,
    mode,
    consignee_telephone: telephone,
    messages: [
      { kind: 'CEB311', xml: buildCEB311(order, BASE) },
      { kind: 'CEB411', xml: buildCEB411(PAYMENT, BASE) },
      { kind: 'CEB511', xml: buildCEB511({ ...WAYBILL, consigneeTelephone: telephone }, BASE) },
      { kind: 'CEB621', xml: buildCEB621(mode === '9610' ? INVENTORY_9610 : INVENTORY_1210, BASE) },
    ],
  };
}

const summary = (rs: GatewayReceipt[]) => rs.map((r) => `${r.kind}:${r.status}@${(r.at.getTime() - T0.getTime()) / 1000}`);

describe('sandbox customs gateway', () => {
  it('default: nothing before +60 s; the three documents and the list accepted at +60 s; the list released at +600 s', () => {
    const { reference } = gateway.submit(submission('13912345678'), T0);
    expect(gateway.receipts(reference, at(59))).toEqual([]);
    expect(summary(gateway.receipts(reference, at(60)))).toEqual([
      'CEB312:accepted@60',
      'CEB412:accepted@60',
      'CEB512:accepted@60',
      'CEB622:accepted@60',
    ]);
    expect(summary(gateway.receipts(reference, at(599))).length).toBe(4);
    const all = gateway.receipts(reference, at(86_400));
    expect(summary(all).at(-1)).toBe('CEB622:released@600');
    expect(all.every((r) => r.reason === null)).toBe(true);
  });

  it(`inspection (${SANDBOX_TELEPHONES.inspection}): the list is inspected at +60 s and released at +600 + 3600 s`, () => {
    const { reference } = gateway.submit(submission(SANDBOX_TELEPHONES.inspection), T0);
    const list = (now: Date) => summary(gateway.receipts(reference, now)).filter((s) => s.startsWith('CEB622'));
    expect(list(at(60))).toEqual(['CEB622:inspection@60']);
    expect(list(at(600))).toEqual(['CEB622:inspection@60']);
    expect(list(at(4199))).toEqual(['CEB622:inspection@60']);
    expect(list(at(4200))).toEqual(['CEB622:inspection@60', 'CEB622:released@4200']);
    expect(gateway.receipts(reference, at(60)).find((r) => r.kind === 'CEB622')?.reason).toContain('查验');
  });

  it(`rejected (${SANDBOX_TELEPHONES.rejected}): the list is sent back at +60 s with the quota reason, and nothing follows`, () => {
    const { reference } = gateway.submit(submission(SANDBOX_TELEPHONES.rejected), T0);
    const receipts = gateway.receipts(reference, at(1_000_000));
    expect(summary(receipts)).toEqual(['CEB312:accepted@60', 'CEB412:accepted@60', 'CEB512:accepted@60', 'CEB622:rejected@60']);
    expect(receipts[3]?.reason).toBe(QUOTA_EXCEEDED_REASON);
  });

  it(`held (${SANDBOX_TELEPHONES.held}): inspected at +60 s, detained at +3660 s, never released`, () => {
    const { reference } = gateway.submit(submission(SANDBOX_TELEPHONES.held), T0);
    const list = summary(gateway.receipts(reference, at(10 * 365 * 86_400))).filter((s) => s.startsWith('CEB622'));
    expect(list).toEqual(['CEB622:inspection@60', 'CEB622:inspection@3660']);
  });

  it('is stateless: the same reference and time give the same receipts, from any instance', () => {
    const { reference } = gateway.submit(submission('13912345678', '1210'), T0);
    const again = sandboxGateway({ acceptAfterS: 1, releaseAfterS: 2, inspectionS: 3 });
    expect(gateway.receipts(reference, at(700))).toEqual(gateway.receipts(reference, at(700)));
    expect(again.receipts(reference, at(700))).toEqual(gateway.receipts(reference, at(700)));
    expect(gateway.submit(submission('13912345678', '1210'), T0)).toEqual({ reference });
  });

  it('each receipt carries XML that parseReceipt reads back with the same status and time, echoing the declaration', () => {
    const { reference } = gateway.submit(submission('13912345678'), T0);
    for (const r of gateway.receipts(reference, at(600))) {
      const parsed = parseReceipt(r.xml);
      expect([parsed.kind, parsed.status, parsed.returnTime.getTime()]).toEqual([r.kind, r.status, r.at.getTime()]);
      if (r.kind === 'CEB312') expect([parsed.orderNo, parsed.guid]).toEqual([ORDER.orderNo, ORDER.guid]);
      if (r.kind === 'CEB412') expect(parsed.payTransactionId).toBe(PAYMENT.payTransactionId);
      if (r.kind === 'CEB512') expect(parsed.logisticsNo).toBe(WAYBILL.logisticsNo);
      if (r.kind === 'CEB622') expect([parsed.copNo, parsed.invtNo?.startsWith('22442025I')]).toEqual([INVENTORY_9610.copNo, true]);
    }
  });

  it('only answers the messages submitted', () => {
    const s = submission('13912345678');
    const { reference } = gateway.submit({ ...s, messages: s.messages.filter((m) => m.kind === 'CEB311') }, T0);
    expect(summary(gateway.receipts(reference, at(600)))).toEqual(['CEB312:accepted@60']);
  });

  it('refuses malformed submissions and references', () => {
    const s = submission('13912345678');
    expect(() => gateway.submit({ ...s, messages: [] }, T0)).toThrow(RangeError);
    expect(() => gateway.submit({ ...s, messages: [{ kind: 'CEB311', xml: '<ceb:CEB311Message>' }] }, T0)).toThrow(RangeError);
    expect(() => gateway.submit({ ...s, order_no: 'TSM-OTHER' }, T0)).toThrow(/not TSM-OTHER/);
    const [orderXml, paymentXml] = [s.messages[0]?.xml ?? '', s.messages[1]?.xml ?? ''];
    expect(() =>
      gateway.submit(
        {
          ...s,
          messages: [
            { kind: 'CEB311', xml: orderXml },
            { kind: 'CEB311', xml: orderXml },
          ],
        },
        T0,
      ),
    ).toThrow(/repeats/);
    expect(() => gateway.submit({ ...s, messages: [{ kind: 'CEB311', xml: paymentXml }] }, T0)).toThrow(/OrderHead/);
    expect(() => gateway.receipts('sbx_bm90IGpzb24', T0)).toThrow(RangeError);
    expect(() => gateway.receipts('live_123', T0)).toThrow(RangeError);
    expect(() => sandboxGateway({ acceptAfterS: 10, releaseAfterS: 5, inspectionS: 0 })).toThrow(RangeError);
  });
});
