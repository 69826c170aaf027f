// CEB621, the import inventory list (进口清单) the declaring agent files for each parcel, in 9610
// (direct purchase shipped from abroad) or 1210 (bonded import) mode. Element order follows the
// unified-edition specification as used by public 9610 and 1210 samples.
import { CNY, chinaDate, fenToYuan, gramsToKg } from './codes.ts';
import { type BaseTransfer, type Declared, envelope, type Fields, head, lineTotal, quantity, required } from './envelope.ts';

export interface CustomsInventoryLine {
  /** Bonded account-book item number (账册备案料号); required for 1210. */
  itemRecordNo?: string;
  itemNo: string;
  itemName: string;
  /** HS code, 10 digits. */
  gcode: string;
  gname: string;
  gmodel: string;
  /** '无' when the product has none. */
  barCode?: string;
  country: string;
  qty: number;
  unit: string;
  /** Quantity in the legal unit, decimal text (e.g. net kilograms "0.5"). */
  qty1: string;
  unit1: string;
  qty2?: string;
  unit2?: string;
  price: bigint;
  totalPrice: bigint;
  note?: string;
}

export interface CustomsInventory extends Declared {
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  logisticsNo: string;
  logisticsCode: string;
  logisticsName: string;
  copNo: string;
  preNo?: string;
  /** Company guaranteeing the tax (担保扣税企业). */
  assureCode: string;
  /** Bonded account book; 1210 only. */
  emsNo?: string;
  invtNo?: string;
  declTime: Date;
  /** Customs district code receiving the declaration and port customs code (4 digits). */
  customsCode: string;
  portCode: string;
  ieDate?: Date;
  buyerIdType?: '1' | '2';
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  consigneeAddress: string;
  agentCode: string;
  agentName: string;
  /** Bonded-area warehouse company; 1210 only. */
  areaCode?: string;
  areaName?: string;
  tradeMode: '9610' | '1210';
  trafMode: string;
  /** Flight, voyage and bill: required for 9610, empty for 1210. */
  trafNo?: string;
  voyageNo?: string;
  billNo?: string;
  loctNo?: string;
  licenseNo?: string;
  /** Country of departure (customs code); 142 for 1210. */
  country: string;
  freight: bigint;
  insuredFee: bigint;
  currency: string;
  wrapType?: string;
  packNo: number;
  grossWeightG: bigint | number;
  netWeightG: bigint | number;
  lines: CustomsInventoryLine[];
}
const DECIMAL = /^\d+(\.\d{1,5})?$/;

export function buildCEB621(inv: CustomsInventory, base: BaseTransfer): string {
  const what = `inventory ${inv.orderNo}`;
  const bonded = inv.tradeMode === '1210';
  if (bonded) {
    required(what, { emsNo: inv.emsNo, areaCode: inv.areaCode, areaName: inv.areaName });
    if (inv.country !== CNY) throw new RangeError(`${what}: a 1210 bonded import departs from ${CNY}, not ${inv.country}`);
  } else {
    if (inv.emsNo || inv.areaCode || inv.areaName) throw new RangeError(`${what}: emsNo, areaCode and areaName are for 1210 only`);
    required(what, { trafNo: inv.trafNo, voyageNo: inv.voyageNo, billNo: inv.billNo });
  }
  if (inv.lines.length === 0) throw new RangeError(`${what}: no lines`);
  const lines = inv.lines.map((l, i): Fields => {
    const where = `${what} line ${i + 1}`;
    if (!/^\d{10}$/.test(l.gcode)) throw new RangeError(`${where}: gcode ${l.gcode} is not a 10-digit HS code`);
    if (bonded) required(where, { itemRecordNo: l.itemRecordNo });
    for (const q of [l.qty1, l.qty2 || '0']) if (!DECIMAL.test(q)) throw new RangeError(`${where}: ${q} is not a decimal quantity`);
    lineTotal(l.price, l.qty, l.totalPrice, where);
    return {
      gnum: String(i + 1),
      itemRecordNo: l.itemRecordNo ?? '',
      itemNo: l.itemNo,
      itemName: l.itemName,
      gcode: l.gcode,
      gname: l.gname,
      gmodel: l.gmodel,
      barCode: l.barCode || '无',
      country: l.country,
      currency: inv.currency,
      qty: quantity(l.qty, where),
      unit: l.unit,
      qty1: l.qty1,
      unit1: l.unit1,
      qty2: l.qty2 ?? '',
      unit2: l.unit2 ?? '',
      price: fenToYuan(l.price),
      totalPrice: fenToYuan(l.totalPrice),
      note: l.note ?? '',
    };
  });
  // The bonded-only elements are left out of a 9610 list rather than sent empty, as public 9610
  // samples do.
  const bondedOnly = (fields: Fields): Fields => (bonded ? fields : {});
  const inventoryHead: Fields = {
    ...head(inv),
    orderNo: inv.orderNo,
    ebpCode: inv.ebpCode,
    ebpName: inv.ebpName,
    ebcCode: inv.ebcCode,
    ebcName: inv.ebcName,
    logisticsNo: inv.logisticsNo,
    logisticsCode: inv.logisticsCode,
    logisticsName: inv.logisticsName,
    copNo: inv.copNo,
    preNo: inv.preNo ?? '',
    assureCode: inv.assureCode,
    ...bondedOnly({ emsNo: inv.emsNo ?? '' }),
    invtNo: inv.invtNo ?? '',
    ieFlag: 'I',
    declTime: chinaDate(inv.declTime),
    customsCode: inv.customsCode,
    portCode: inv.portCode,
    ieDate: inv.ieDate ? chinaDate(inv.ieDate) : '',
    buyerIdType: inv.buyerIdType ?? '1',
    buyerIdNumber: inv.buyerIdNumber,
    buyerName: inv.buyerName,
    buyerTelephone: inv.buyerTelephone,
    consigneeAddress: inv.consigneeAddress,
    agentCode: inv.agentCode,
    agentName: inv.agentName,
    ...bondedOnly({ areaCode: inv.areaCode ?? '', areaName: inv.areaName ?? '' }),
    tradeMode: inv.tradeMode,
    trafMode: inv.trafMode,
    trafNo: inv.trafNo ?? '',
    voyageNo: inv.voyageNo ?? '',
    billNo: inv.billNo ?? '',
    loctNo: inv.loctNo ?? '',
    licenseNo: inv.licenseNo ?? '',
    country: inv.country,
    freight: fenToYuan(inv.freight),
    insuredFee: fenToYuan(inv.insuredFee),
    currency: inv.currency,
    wrapType: inv.wrapType ?? '',
    packNo: quantity(inv.packNo, what),
    grossWeight: gramsToKg(inv.grossWeightG),
    netWeight: gramsToKg(inv.netWeightG),
    note: inv.note ?? '',
  };
  return envelope('CEB621Message', inv.guid, { Inventory: { InventoryHead: inventoryHead, InventoryList: lines } }, base);
}
