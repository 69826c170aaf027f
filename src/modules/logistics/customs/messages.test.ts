// The CEB declarations (China e-port CBEC import unified edition; PRODUCT.md "China customs"): field
// values and order of CEB311 against the specification, well-formedness of all four messages, amounts
// as decimal yuan by integer arithmetic, escaping, and the 9610/1210 differences of CEB621.
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { BASE, INVENTORY_1210, INVENTORY_9610, ORDER, PAYMENT, WAYBILL } from './fixtures/sample.ts';
import { buildCEB311, buildCEB411, buildCEB511, buildCEB621, CEB_NAMESPACE } from './messages.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (n) => n.endsWith('List'),
});
const parse = (xml: string) => parser.parse(xml) as Record<string, Record<string, unknown>>;

/** The element at `path` (ceb: prefixes added), as a plain object. */
function at(xml: string, ...path: string[]): Record<string, unknown> {
  let node: unknown = parser.parse(xml);
  for (const name of path) node = (node as Record<string, unknown> | undefined)?.[`ceb:${name}`];
  if (node === null || typeof node !== 'object') throw new Error(`no ${path.join('/')}`);
  return node as Record<string, unknown>;
}

/** Element names directly under `parent`, in document order. */
function childOrder(xml: string, parent: string): string[] {
  const body = new RegExp(`<ceb:${parent}>([\\s\\S]*?)</ceb:${parent}>`).exec(xml)?.[1] ?? '';
  return [...body.matchAll(/<ceb:(\w+)>/g)].map((m) => m[1] ?? '');
}

describe('CEB311 order', () => {
  const xml = buildCEB311(ORDER, BASE);
  const doc = parse(xml)['ceb:CEB311Message'] as Record<string, unknown>;
  const order = doc['ceb:Order'] as Record<string, unknown>;

  it('is a UTF-8 document rooted at ceb:CEB311Message with guid, version 1.0 and the ceb namespace', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ceb:CEB311Message ')).toBe(true);
    expect(doc['@_guid']).toBe(ORDER.guid);
    expect(doc['@_version']).toBe('1.0');
    expect(doc['@_xmlns:ceb']).toBe(CEB_NAMESPACE);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('OrderHead carries the sample order field by field (amounts in yuan, time in China time)', () => {
    expect(order['ceb:OrderHead']).toEqual({
      'ceb:guid': 'A1B2C3D4-0000-4000-8000-000000000311',
      'ceb:appType': '1',
      'ceb:appTime': '20250301103015',
      'ceb:appStatus': '2',
      'ceb:orderType': 'I',
      'ceb:orderNo': 'TSM-20250301-0001',
      'ceb:ebpCode': '31059609T1',
      'ceb:ebpName': '塔斯曼跨境电商平台有限公司',
      'ceb:ebcCode': '3105960M01',
      'ceb:ebcName': 'Manuka Grove Pty Ltd',
      'ceb:goodsValue': '526.00',
      'ceb:freight': '15.00',
      'ceb:discount': '10.00',
      'ceb:taxTotal': '48.32',
      'ceb:acturalPaid': '579.32',
      'ceb:currency': '142',
      'ceb:buyerRegNo': 'usr_01JNB8Z3',
      'ceb:buyerName': '张伟',
      'ceb:buyerTelephone': '13912345678',
      'ceb:buyerIdType': '1',
      'ceb:buyerIdNumber': '31010419900307123X',
      'ceb:payCode': '31222699Z9',
      'ceb:payName': '塔斯曼支付有限公司',
      'ceb:payTransactionId': 'TP2025030110280300001',
      'ceb:batchNumbers': '',
      'ceb:consignee': '张伟',
      'ceb:consigneeTelephone': '13912345678',
      'ceb:consigneeAddress': '上海市徐汇区漕溪北路88号12楼',
      'ceb:consigneeDistrict': '310104',
      'ceb:note': '',
    });
  });

  it('one OrderList per line, gnum 1.., unit and origin as customs codes (honey from AU 601, vitamin C from NZ 609)', () => {
    expect(order['ceb:OrderList']).toEqual([
      {
        'ceb:gnum': '1',
        'ceb:itemNo': 'MG-UMF10-250',
        'ceb:itemName': '麦卢卡蜂蜜 UMF10+ 250克',
        'ceb:gmodel': 'Manuka Grove|UMF10+|麦卢卡蜂蜜100%|250g/瓶',
        'ceb:itemDescribe': '澳大利亚产麦卢卡蜂蜜',
        'ceb:barCode': '9421900000017',
        'ceb:unit': '142',
        'ceb:qty': '2',
        'ceb:price': '199.00',
        'ceb:totalPrice': '398.00',
        'ceb:currency': '142',
        'ceb:country': '601',
        'ceb:note': '',
      },
      {
        'ceb:gnum': '2',
        'ceb:itemNo': 'KV-VITC-120',
        'ceb:itemName': '维生素C咀嚼片 120粒',
        'ceb:gmodel': 'Kiwi Vital|维生素C 500mg|120粒/瓶',
        'ceb:itemDescribe': '',
        'ceb:barCode': '9421900000024',
        'ceb:unit': '142',
        'ceb:qty': '1',
        'ceb:price': '128.00',
        'ceb:totalPrice': '128.00',
        'ceb:currency': '142',
        'ceb:country': '609',
        'ceb:note': '',
      },
    ]);
  });

  it('elements come in the specification order (OrderHead, OrderList, BaseTransfer)', () => {
    expect(childOrder(xml, 'OrderHead')).toEqual(
      'guid appType appTime appStatus orderType orderNo ebpCode ebpName ebcCode ebcName goodsValue freight discount taxTotal acturalPaid currency buyerRegNo buyerName buyerTelephone buyerIdType buyerIdNumber payCode payName payTransactionId batchNumbers consignee consigneeTelephone consigneeAddress consigneeDistrict note'.split(
        ' ',
      ),
    );
    expect(childOrder(xml, 'OrderList')).toEqual(
      'gnum itemNo itemName gmodel itemDescribe barCode unit qty price totalPrice currency country note'.split(' '),
    );
    expect(childOrder(xml, 'BaseTransfer')).toEqual(['copCode', 'copName', 'dxpMode', 'dxpId', 'note']);
    expect(xml.indexOf('</ceb:Order>')).toBeLessThan(xml.indexOf('<ceb:BaseTransfer>'));
  });

  it('matches the reviewed fixture byte for byte', () => {
    expect(xml).toBe(readFileSync(new URL('./fixtures/ceb311-sample.xml', import.meta.url), 'utf8'));
  });

  it('escapes markup in names and keeps Chinese as UTF-8 characters', () => {
    const tricky = buildCEB311({ ...ORDER, ebcName: 'Tom & Jerry <Ltd>', buyerName: '张"伟\'' }, BASE);
    expect(XMLValidator.validate(tricky)).toBe(true);
    expect(tricky).toContain('Tom &amp; Jerry &lt;Ltd&gt;');
    expect(tricky).toContain('张');
    const head = at(tricky, 'CEB311Message', 'Order', 'OrderHead');
    expect(head['ceb:ebcName']).toBe('Tom & Jerry <Ltd>');
    expect(head['ceb:buyerName']).toBe('张"伟\'');
  });

  it('refuses an acturalPaid that is not goodsValue + freight − discount + taxTotal', () => {
    expect(() => buildCEB311({ ...ORDER, acturalPaid: ORDER.acturalPaid + 1n }, BASE)).toThrow(RangeError);
    expect(() => buildCEB311({ ...ORDER, taxTotal: 0n }, BASE)).toThrow(/acturalPaid/);
  });

  it('refuses a line whose totalPrice is not price × qty, and a fractional quantity', () => {
    const [honey, vitamin] = ORDER.lines as [(typeof ORDER.lines)[0], (typeof ORDER.lines)[0]];
    expect(() => buildCEB311({ ...ORDER, lines: [{ ...honey, totalPrice: 39700n }, vitamin] }, BASE)).toThrow(/totalPrice/);
    expect(() => buildCEB311({ ...ORDER, lines: [{ ...honey, qty: 1.5, totalPrice: 29850n }, vitamin] }, BASE)).toThrow(RangeError);
    expect(() => buildCEB311({ ...ORDER, lines: [] }, BASE)).toThrow(/no lines/);
  });

  it('the guid is 36 upper-case characters (a lower-case randomUUID must be upper-cased first)', () => {
    expect(() => buildCEB311({ ...ORDER, guid: ORDER.guid.toLowerCase() }, BASE)).toThrow(/guid/);
    expect(() => buildCEB311({ ...ORDER, guid: 'SHORT' }, BASE)).toThrow(/guid/);
  });

  it('appTime is China time even across the UTC date line; a change is appType 2', () => {
    const late = buildCEB311({ ...ORDER, appTime: new Date('2025-03-01T16:05:09Z'), appType: '2' }, BASE);
    expect(late).toContain('<ceb:appTime>20250302000509</ceb:appTime>');
    expect(late).toContain('<ceb:appType>2</ceb:appType>');
  });
});

describe('CEB411 payment', () => {
  const xml = buildCEB411(PAYMENT, BASE);

  it('is well-formed, in spec order, with amountPaid in yuan and payTime in China time', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(childOrder(xml, 'PaymentHead')).toEqual(
      'guid appType appTime appStatus payCode payName payTransactionId orderNo ebpCode ebpName payerIdType payerIdNumber payerName telephone amountPaid currency payTime note'.split(
        ' ',
      ),
    );
    const head = at(xml, 'CEB411Message', 'Payment', 'PaymentHead');
    expect(head).toMatchObject({
      'ceb:payTransactionId': 'TP2025030110280300001',
      'ceb:orderNo': 'TSM-20250301-0001',
      'ceb:payerIdType': '1',
      'ceb:payerName': '张伟',
      'ceb:amountPaid': '579.32',
      'ceb:currency': '142',
      'ceb:payTime': '20250301102803',
    });
  });
});

describe('CEB511 waybill', () => {
  const xml = buildCEB511(WAYBILL, BASE);

  it('is well-formed, in spec order, weight in kg from grams, the S10 number as logisticsNo', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(childOrder(xml, 'LogisticsHead')).toEqual(
      'guid appType appTime appStatus logisticsCode logisticsName logisticsNo billNo orderNo freight insuredFee currency weight packNo goodsInfo consignee consigneeAddress consigneeTelephone note'.split(
        ' ',
      ),
    );
    const head = at(xml, 'CEB511Message', 'Logistics', 'LogisticsHead');
    expect(head).toMatchObject({
      'ceb:logisticsNo': 'RR123456785AU',
      'ceb:billNo': '784-12345675',
      'ceb:freight': '15.00',
      'ceb:insuredFee': '0.00',
      'ceb:weight': '0.85',
      'ceb:packNo': '1',
      'ceb:consignee': '张伟',
    });
  });

  it('an unknown master air waybill is sent empty', () => {
    expect(buildCEB511({ ...WAYBILL, billNo: undefined }, BASE)).toContain('<ceb:billNo></ceb:billNo>');
  });
});

describe('CEB621 inventory list', () => {
  const direct = buildCEB621(INVENTORY_9610, BASE);
  const bonded = buildCEB621(INVENTORY_1210, BASE);
  const headOf = (xml: string) => at(xml, 'CEB621Message', 'Inventory', 'InventoryHead');

  it('both modes are well-formed; lines follow the spec order with the 10-digit HS code', () => {
    expect(XMLValidator.validate(direct)).toBe(true);
    expect(XMLValidator.validate(bonded)).toBe(true);
    expect(childOrder(bonded, 'InventoryList')).toEqual(
      'gnum itemRecordNo itemNo itemName gcode gname gmodel barCode country currency qty unit qty1 unit1 qty2 unit2 price totalPrice note'.split(
        ' ',
      ),
    );
    expect(direct).toContain('<ceb:gcode>0409000000</ceb:gcode>');
    expect(direct).toContain('<ceb:barCode>无</ceb:barCode>');
  });

  it('1210 (bonded) head: every element in spec order, with emsNo, areaCode and areaName', () => {
    expect(childOrder(bonded, 'InventoryHead')).toEqual(
      'guid appType appTime appStatus orderNo ebpCode ebpName ebcCode ebcName logisticsNo logisticsCode logisticsName copNo preNo assureCode emsNo invtNo ieFlag declTime customsCode portCode ieDate buyerIdType buyerIdNumber buyerName buyerTelephone consigneeAddress agentCode agentName areaCode areaName tradeMode trafMode trafNo voyageNo billNo loctNo licenseNo country freight insuredFee currency wrapType packNo grossWeight netWeight note'.split(
        ' ',
      ),
    );
    expect(headOf(bonded)).toMatchObject({ 'ceb:tradeMode': '1210', 'ceb:emsNo': 'T2244W000001', 'ceb:country': '142', 'ceb:ieFlag': 'I' });
  });

  it('9610 (direct) head: no bonded elements, but flight, voyage and bill; departure country AU', () => {
    const order = childOrder(direct, 'InventoryHead');
    for (const bondedOnly of ['emsNo', 'areaCode', 'areaName']) expect(order).not.toContain(bondedOnly);
    expect(headOf(direct)).toMatchObject({
      'ceb:tradeMode': '9610',
      'ceb:trafNo': 'MU562',
      'ceb:billNo': '784-12345675',
      'ceb:country': '601',
      'ceb:declTime': '20250301',
      'ceb:grossWeight': '0.85',
      'ceb:netWeight': '0.62',
    });
  });

  it('refuses bonded fields on 9610, missing ones on 1210, a non-10-digit HS code and a 1210 departing abroad', () => {
    expect(() => buildCEB621({ ...INVENTORY_9610, emsNo: 'T2244W000001' }, BASE)).toThrow(/1210 only/);
    expect(() => buildCEB621({ ...INVENTORY_9610, billNo: undefined }, BASE)).toThrow(/billNo/);
    expect(() => buildCEB621({ ...INVENTORY_1210, areaCode: undefined }, BASE)).toThrow(/areaCode/);
    expect(() => buildCEB621({ ...INVENTORY_1210, country: '601' }, BASE)).toThrow(/142/);
    const noRecord = INVENTORY_1210.lines.map((l) => ({ ...l, itemRecordNo: undefined }));
    expect(() => buildCEB621({ ...INVENTORY_1210, lines: noRecord }, BASE)).toThrow(/itemRecordNo/);
    const shortHs = INVENTORY_9610.lines.map((l) => ({ ...l, gcode: '04090000' }));
    expect(() => buildCEB621({ ...INVENTORY_9610, lines: shortHs }, BASE)).toThrow(/10-digit/);
  });
});
