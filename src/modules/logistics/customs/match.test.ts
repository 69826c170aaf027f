// The three-document match (三单对碰) of order CEB311, payment CEB411 and waybill CEB511 that customs
// runs before accepting an import inventory list: GAC announcement 2018 No. 194 (replacing 2016
// No. 26) makes the platform, payment and logistics companies transmit the three; the CEB311 field
// rules say what must agree; PRODUCT.md X3 requires buyer = payer.
import { describe, expect, it } from 'vitest';
import { ORDER, PAYMENT, WAYBILL } from './fixtures/sample.ts';
import { type MismatchCode, matchDocuments, type ThreeDocuments } from './match.ts';

const docs = (change: (d: ThreeDocuments) => ThreeDocuments): ThreeDocuments =>
  change({ order: { ...ORDER, lines: ORDER.lines.map((l) => ({ ...l })) }, payment: { ...PAYMENT }, waybill: { ...WAYBILL } });

const [HONEY, VITAMIN] = ORDER.lines as [(typeof ORDER.lines)[0], (typeof ORDER.lines)[0]];

describe('three-document match', () => {
  it('the sample order, payment and waybill agree', () => {
    expect(matchDocuments(docs((d) => d))).toEqual({ ok: true });
  });

  const rows: [rule: string, code: MismatchCode, field: string, change: (d: ThreeDocuments) => ThreeDocuments][] = [
    [
      'the payment names the same order number (orderNo, 订单编号)',
      'order_number_mismatch',
      'payment.orderNo',
      (d) => ({ ...d, payment: { ...d.payment, orderNo: 'TSM-20250301-0002' } }),
    ],
    [
      'the waybill names the same order number',
      'order_number_mismatch',
      'waybill.orderNo',
      (d) => ({ ...d, waybill: { ...d.waybill, orderNo: 'TSM-20250301-0002' } }),
    ],
    [
      'payer = buyer: payerName is the buyerName (PRODUCT.md X3)',
      'payer_not_buyer',
      'payment.payerName',
      (d) => ({ ...d, payment: { ...d.payment, payerName: '李娜' } }),
    ],
    [
      'payer = buyer: payerIdNumber is the buyerIdNumber (PRODUCT.md X3)',
      'payer_not_buyer',
      'payment.payerIdNumber',
      (d) => ({ ...d, payment: { ...d.payment, payerIdNumber: '110105194912310029' } }),
    ],
    [
      'amountPaid equals the order acturalPaid ("与支付凭证的支付金额一致")',
      'amount_mismatch',
      'payment.amountPaid',
      (d) => ({ ...d, payment: { ...d.payment, amountPaid: 57900n } }),
    ],
    [
      'acturalPaid = goodsValue + freight − discount + taxTotal (CEB311 acturalPaid rule)',
      'order_total_inconsistent',
      'order.acturalPaid',
      (d) => ({ ...d, order: { ...d.order, discount: 0n }, payment: d.payment }),
    ],
    [
      'each line totalPrice = price × qty ("等于单价乘以数量")',
      'line_total_mismatch',
      'order.lines[1].totalPrice',
      (d) => ({ ...d, order: { ...d.order, lines: [HONEY, { ...VITAMIN, qty: 2 }] } }),
    ],
    [
      'the line totals add up to goodsValue',
      'line_total_mismatch',
      'order.goodsValue',
      (d) => ({ ...d, order: { ...d.order, lines: [HONEY] } }),
    ],
    [
      'waybill consignee is the order consignee ("必须与电子运单的收货人姓名一致")',
      'consignee_mismatch',
      'waybill.consignee',
      (d) => ({ ...d, waybill: { ...d.waybill, consignee: '王芳' } }),
    ],
    [
      'waybill consignee telephone is the order one ("必须与电子运单的收货人电话一致")',
      'consignee_mismatch',
      'waybill.consigneeTelephone',
      (d) => ({ ...d, waybill: { ...d.waybill, consigneeTelephone: '13800000000' } }),
    ],
    [
      'waybill address is the order address ("必须与电子运单的收货地址一致")',
      'consignee_mismatch',
      'waybill.consigneeAddress',
      (d) => ({ ...d, waybill: { ...d.waybill, consigneeAddress: '上海市浦东新区世纪大道1号' } }),
    ],
    [
      'payment currency is the order currency (限定为人民币 142)',
      'currency_mismatch',
      'payment.currency',
      (d) => ({ ...d, payment: { ...d.payment, currency: '601' } }),
    ],
    [
      'waybill currency is the order currency (限定为人民币 142)',
      'currency_mismatch',
      'waybill.currency',
      (d) => ({ ...d, waybill: { ...d.waybill, currency: '609' } }),
    ],
    [
      'the payment is the one the order names (payCode, payTransactionId)',
      'payment_reference_mismatch',
      'payment.payTransactionId',
      (d) => ({ ...d, payment: { ...d.payment, payTransactionId: 'TP-OTHER' } }),
    ],
    [
      'the payment is declared for the same platform (ebpCode)',
      'platform_mismatch',
      'payment.ebpCode',
      (d) => ({ ...d, payment: { ...d.payment, ebpCode: '3105969999' } }),
    ],
  ];

  it.each(rows)('%s → %s', (_rule, code, field, change) => {
    const result = matchDocuments(docs(change));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.mismatches.map((m) => [m.code, m.field])).toEqual([[code, field]]);
    expect(result.mismatches[0]?.message).toBeTruthy();
  });

  it('reports every mismatch at once, not just the first', () => {
    const result = matchDocuments(
      docs((d) => ({
        order: d.order,
        payment: { ...d.payment, orderNo: 'X', payerName: '李娜', amountPaid: 1n, currency: '502' },
        waybill: { ...d.waybill, consignee: '王芳' },
      })),
    );
    expect(result.ok ? [] : result.mismatches.map((m) => m.code).sort()).toEqual(
      ['amount_mismatch', 'consignee_mismatch', 'currency_mismatch', 'order_number_mismatch', 'payer_not_buyer'].sort(),
    );
  });

  it('an upper/lower-case check letter X and extra spaces in the address are not mismatches', () => {
    const result = matchDocuments(
      docs((d) => ({
        ...d,
        payment: { ...d.payment, payerIdNumber: d.order.buyerIdNumber.toLowerCase() },
        waybill: { ...d.waybill, consigneeAddress: ` ${d.order.consigneeAddress}  ` },
      })),
    );
    expect(result).toEqual({ ok: true });
  });
});
