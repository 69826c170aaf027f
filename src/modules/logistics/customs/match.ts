// The three-document match (三单对碰): before customs accepts an import inventory list it compares
// the order (CEB311, from the platform), the payment (CEB411, from the payment company) and the
// waybill (CEB511, from the logistics company). GAC announcement 2016 No. 26 first required the
// platform, payment and logistics companies to transmit the transaction, payment and logistics
// data; GAC announcement 2018 No. 194 (in force 1 Jan 2019, replacing No. 26) keeps that duty and is
// the rule today. The individual checks are the ones the CEB311 field rules spell out: acturalPaid is
// "商品价格+运杂费+代扣税款−非现金抵扣金额, 与支付凭证的支付金额一致"; consignee, telephone and address
// "必须与电子运单一致"; totalPrice "等于单价乘以数量"; currency "限定为人民币"; payCode and
// payTransactionId identify the payment. Payer = buyer is the real-name rule of PRODUCT.md X3 (the
// e-port rejects an order whose payer is not the buyer). Pure: it only reads its arguments.
import type { CustomsOrder, CustomsPayment, CustomsWaybill } from './messages.ts';

export type MismatchCode =
  | 'order_number_mismatch'
  | 'payer_not_buyer'
  | 'amount_mismatch'
  | 'order_total_inconsistent'
  | 'line_total_mismatch'
  | 'consignee_mismatch'
  | 'currency_mismatch'
  | 'payment_reference_mismatch'
  | 'platform_mismatch';

export interface Mismatch {
  code: MismatchCode;
  field: string;
  message: string;
}

export type MatchResult = { ok: true } | { ok: false; mismatches: Mismatch[] };

export interface ThreeDocuments {
  order: CustomsOrder;
  payment: CustomsPayment;
  waybill: CustomsWaybill;
}

/** Checks every rule and reports every mismatch, so one round trip fixes them all. */
export function matchDocuments({ order, payment, waybill }: ThreeDocuments): MatchResult {
  const out: Mismatch[] = [];
  const add = (code: MismatchCode, field: string, message: string) => out.push({ code, field, message });

  if (payment.orderNo !== order.orderNo) {
    add('order_number_mismatch', 'payment.orderNo', `payment is for order ${payment.orderNo}, not ${order.orderNo}`);
  }
  if (waybill.orderNo !== order.orderNo) {
    add('order_number_mismatch', 'waybill.orderNo', `waybill is for order ${waybill.orderNo}, not ${order.orderNo}`);
  }

  if (payment.payerName !== order.buyerName) {
    add('payer_not_buyer', 'payment.payerName', `payer ${payment.payerName} is not the buyer ${order.buyerName}`);
  }
  if (
    payment.payerIdNumber.toUpperCase() !== order.buyerIdNumber.toUpperCase() ||
    (payment.payerIdType ?? '1') !== (order.buyerIdType ?? '1')
  ) {
    add('payer_not_buyer', 'payment.payerIdNumber', "payer's identity document is not the buyer's");
  }

  if (payment.payCode !== order.payCode || payment.payTransactionId !== order.payTransactionId) {
    add(
      'payment_reference_mismatch',
      'payment.payTransactionId',
      `payment ${payment.payCode}/${payment.payTransactionId} is not the one the order names (${order.payCode}/${order.payTransactionId})`,
    );
  }
  if (payment.ebpCode !== order.ebpCode) {
    add('platform_mismatch', 'payment.ebpCode', `payment names platform ${payment.ebpCode}, the order ${order.ebpCode}`);
  }

  if (payment.amountPaid !== order.acturalPaid) {
    add('amount_mismatch', 'payment.amountPaid', `paid ${payment.amountPaid} fen, order says ${order.acturalPaid} fen`);
  }
  const total = order.goodsValue + order.freight - order.discount + order.taxTotal;
  if (order.acturalPaid !== total) {
    add(
      'order_total_inconsistent',
      'order.acturalPaid',
      `acturalPaid ${order.acturalPaid} ≠ goodsValue + freight − discount + taxTotal = ${total}`,
    );
  }

  let sum = 0n;
  order.lines.forEach((line, i) => {
    sum += line.totalPrice;
    if (line.price * BigInt(line.qty) !== line.totalPrice) {
      add('line_total_mismatch', `order.lines[${i}].totalPrice`, `line ${i + 1}: ${line.totalPrice} ≠ ${line.price} × ${line.qty}`);
    }
  });
  if (sum !== order.goodsValue) {
    add('line_total_mismatch', 'order.goodsValue', `lines add up to ${sum} fen, goodsValue is ${order.goodsValue}`);
  }

  const consignee: [keyof CustomsWaybill & keyof CustomsOrder, string][] = [
    ['consignee', 'name'],
    ['consigneeTelephone', 'telephone'],
    ['consigneeAddress', 'address'],
  ];
  for (const [field, label] of consignee) {
    if (normalise(String(waybill[field])) !== normalise(String(order[field]))) {
      add('consignee_mismatch', `waybill.${field}`, `waybill consignee ${label} differs from the order's`);
    }
  }

  for (const [field, currency] of [
    ['payment.currency', payment.currency],
    ['waybill.currency', waybill.currency],
  ] as const) {
    if (currency !== order.currency) add('currency_mismatch', field, `${field} ${currency} ≠ order currency ${order.currency}`);
  }

  return out.length === 0 ? { ok: true } : { ok: false, mismatches: out };
}

/** Whitespace differences are not differences; anything else is. */
function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
