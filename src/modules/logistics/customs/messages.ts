// The four CBEC import declarations of the China e-port "unified edition" (跨境电子商务进口统一版):
// CEB311 order (platform), CEB411 payment (payment company), CEB511 waybill (logistics company),
// CEB621 import inventory list (declaring agent), built as XML strings. Element names and order follow
// the enterprise message specification as used by public integrations; PRODUCT.md "China customs"
// describes CEB311. Everything here is pure: times come in as Dates, money as bigint fen.
import { chinaTimestamp, fenToYuan, gramsToKg } from './codes.ts';
import { type BaseTransfer, type Declared, envelope, type Fields, head, lineTotal, quantity, required } from './envelope.ts';

export { type BaseTransfer, CEB_NAMESPACE } from './envelope.ts';
export { buildCEB621, type CustomsInventory, type CustomsInventoryLine } from './inventory.ts';
export {
  buildReceipt,
  type ClearanceStatus,
  type CustomsReceipt,
  parseReceipt,
  type ReceiptInput,
  type ReceiptKind,
  receiptStatus,
} from './receipts.ts';

export interface CustomsOrderLine {
  itemNo: string;
  /** Chinese name as sold on the platform. */
  itemName: string;
  /** Specification: brand, model, ingredients, size (品名/牌名/规格/成份/含量). */
  gmodel: string;
  itemDescribe?: string;
  barCode?: string;
  /** Customs unit code (codes.ts CUSTOMS_UNIT). */
  unit: string;
  qty: number;
  /** Unit price in fen. */
  price: bigint;
  /** Line total in fen; must equal price × qty. */
  totalPrice: bigint;
  /** Customs country code of origin (601 Australia, 609 New Zealand). */
  country: string;
  note?: string;
}

export interface CustomsOrder extends Declared {
  orderNo: string;
  /** Platform (电商平台) customs registration code and name. */
  ebpCode: string;
  ebpName: string;
  /** Seller (电商企业) customs registration code and name. */
  ebcCode: string;
  ebcName: string;
  goodsValue: bigint;
  freight: bigint;
  discount: bigint;
  taxTotal: bigint;
  /** Must equal goodsValue + freight − discount + taxTotal. */
  acturalPaid: bigint;
  /** Customs currency code; '142' (CNY) is the only one customs accepts. */
  currency: string;
  /** The buyer's account on the platform. */
  buyerRegNo: string;
  buyerName: string;
  buyerTelephone: string;
  /** 1 = resident identity card. */
  buyerIdType?: '1' | '2';
  buyerIdNumber: string;
  /** Payment company's customs code and name and its transaction id: must agree with CEB411. */
  payCode: string;
  payName: string;
  payTransactionId: string;
  batchNumbers?: string;
  consignee: string;
  consigneeTelephone: string;
  consigneeAddress: string;
  /** Administrative division code (GB/T 2260) of the address, optional. */
  consigneeDistrict?: string;
  lines: CustomsOrderLine[];
}

export interface CustomsPayment extends Declared {
  payCode: string;
  payName: string;
  payTransactionId: string;
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  payerIdType?: '1' | '2';
  payerIdNumber: string;
  payerName: string;
  telephone: string;
  amountPaid: bigint;
  currency: string;
  payTime: Date;
}

export interface CustomsWaybill extends Declared {
  logisticsCode: string;
  logisticsName: string;
  /** The parcel's UPU S10 tracking number. */
  logisticsNo: string;
  /** Master air waybill when known. */
  billNo?: string;
  orderNo: string;
  freight: bigint;
  insuredFee: bigint;
  currency: string;
  weightG: bigint | number;
  /** Number of packages; one parcel is 1. */
  packNo: number;
  goodsInfo?: string;
  consignee: string;
  consigneeAddress: string;
  consigneeTelephone: string;
}

export function buildCEB311(order: CustomsOrder, base: BaseTransfer): string {
  const expected = order.goodsValue + order.freight - order.discount + order.taxTotal;
  if (order.acturalPaid !== expected) {
    throw new RangeError(
      `order ${order.orderNo}: acturalPaid ${order.acturalPaid} ≠ goodsValue + freight − discount + taxTotal = ${expected}`,
    );
  }
  if (order.lines.length === 0) throw new RangeError(`order ${order.orderNo}: no lines`);
  required(`order ${order.orderNo}`, {
    orderNo: order.orderNo,
    buyerIdNumber: order.buyerIdNumber,
    payTransactionId: order.payTransactionId,
  });
  const lines = order.lines.map((l, i): Fields => {
    lineTotal(l.price, l.qty, l.totalPrice, `order ${order.orderNo} line ${i + 1}`);
    return {
      gnum: String(i + 1),
      itemNo: l.itemNo,
      itemName: l.itemName,
      gmodel: l.gmodel,
      itemDescribe: l.itemDescribe ?? '',
      barCode: l.barCode ?? '',
      unit: l.unit,
      qty: quantity(l.qty, `order ${order.orderNo} line ${i + 1}`),
      price: fenToYuan(l.price),
      totalPrice: fenToYuan(l.totalPrice),
      currency: order.currency,
      country: l.country,
      note: l.note ?? '',
    };
  });
  const orderHead: Fields = {
    ...head(order),
    orderType: 'I',
    orderNo: order.orderNo,
    ebpCode: order.ebpCode,
    ebpName: order.ebpName,
    ebcCode: order.ebcCode,
    ebcName: order.ebcName,
    goodsValue: fenToYuan(order.goodsValue),
    freight: fenToYuan(order.freight),
    discount: fenToYuan(order.discount),
    taxTotal: fenToYuan(order.taxTotal),
    acturalPaid: fenToYuan(order.acturalPaid),
    currency: order.currency,
    buyerRegNo: order.buyerRegNo,
    buyerName: order.buyerName,
    buyerTelephone: order.buyerTelephone,
    buyerIdType: order.buyerIdType ?? '1',
    buyerIdNumber: order.buyerIdNumber,
    payCode: order.payCode,
    payName: order.payName,
    payTransactionId: order.payTransactionId,
    batchNumbers: order.batchNumbers ?? '',
    consignee: order.consignee,
    consigneeTelephone: order.consigneeTelephone,
    consigneeAddress: order.consigneeAddress,
    consigneeDistrict: order.consigneeDistrict ?? '',
    note: order.note ?? '',
  };
  return envelope('CEB311Message', order.guid, { Order: { OrderHead: orderHead, OrderList: lines } }, base);
}

export function buildCEB411(payment: CustomsPayment, base: BaseTransfer): string {
  required(`payment ${payment.orderNo}`, { payTransactionId: payment.payTransactionId, payerIdNumber: payment.payerIdNumber });
  const paymentHead: Fields = {
    ...head(payment),
    payCode: payment.payCode,
    payName: payment.payName,
    payTransactionId: payment.payTransactionId,
    orderNo: payment.orderNo,
    ebpCode: payment.ebpCode,
    ebpName: payment.ebpName,
    payerIdType: payment.payerIdType ?? '1',
    payerIdNumber: payment.payerIdNumber,
    payerName: payment.payerName,
    telephone: payment.telephone,
    amountPaid: fenToYuan(payment.amountPaid),
    currency: payment.currency,
    payTime: chinaTimestamp(payment.payTime),
    note: payment.note ?? '',
  };
  return envelope('CEB411Message', payment.guid, { Payment: { PaymentHead: paymentHead } }, base);
}

export function buildCEB511(waybill: CustomsWaybill, base: BaseTransfer): string {
  required(`waybill ${waybill.logisticsNo}`, { logisticsNo: waybill.logisticsNo, consignee: waybill.consignee });
  const logisticsHead: Fields = {
    ...head(waybill),
    logisticsCode: waybill.logisticsCode,
    logisticsName: waybill.logisticsName,
    logisticsNo: waybill.logisticsNo,
    billNo: waybill.billNo ?? '',
    orderNo: waybill.orderNo,
    freight: fenToYuan(waybill.freight),
    insuredFee: fenToYuan(waybill.insuredFee),
    currency: waybill.currency,
    weight: gramsToKg(waybill.weightG),
    packNo: quantity(waybill.packNo, `waybill ${waybill.logisticsNo}`),
    goodsInfo: waybill.goodsInfo ?? '',
    consignee: waybill.consignee,
    consigneeAddress: waybill.consigneeAddress,
    consigneeTelephone: waybill.consigneeTelephone,
    note: waybill.note ?? '',
  };
  return envelope('CEB511Message', waybill.guid, { Logistics: { LogisticsHead: logisticsHead } }, base);
}
