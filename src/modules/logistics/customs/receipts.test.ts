// Customs receipts CEB312/412/512/622: the returnStatus codes of the e-port (1/2/3 in the e-port,
// 4 send failed, 100 sent back, 120 in the customs database, 300 manual review, 399 concluded,
// 500 inspection, 501–599 detained, 700 returned, 800 released, 899 closed; negative values are
// e-port validation failures) and the receipt layout of the published samples.
import { describe, expect, it } from 'vitest';
import { buildReceipt, type ClearanceStatus, parseReceipt, receiptStatus } from './receipts.ts';

describe('returnStatus → platform status', () => {
  it.each<[string, ClearanceStatus]>([
    ['1', 'accepted'],
    ['2', 'accepted'],
    ['3', 'accepted'],
    ['120', 'accepted'],
    ['300', 'accepted'],
    ['399', 'accepted'],
    ['500', 'inspection'],
    ['501', 'inspection'],
    ['502', 'inspection'],
    ['503', 'inspection'],
    ['599', 'inspection'],
    ['800', 'released'],
    ['899', 'released'],
    ['4', 'rejected'],
    ['100', 'rejected'],
    ['700', 'rejected'],
    ['-301010', 'rejected'],
    ['-1', 'rejected'],
  ])('%s → %s', (code, status) => {
    expect(receiptStatus(code)).toBe(status);
  });

  it('an unknown code throws rather than being guessed', () => {
    expect(() => receiptStatus('42')).toThrow(RangeError);
    expect(() => receiptStatus('')).toThrow(RangeError);
  });
});

describe('parseReceipt', () => {
  it('reads a CEB312 in the published layout (default namespace, 17-digit returnTime)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CEB312Message xmlns="http://www.chinaport.gov.cn/ceb" guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94" version="1.0">
    <OrderReturn>
        <guid>4CDE1CFD-EDED-46B1-946C-B8022E42FC94</guid>
        <ebpCode>1105910159</ebpCode>
        <ebcCode>1105910159</ebcCode>
        <orderNo>order20160321116420545</orderNo>
        <returnStatus>2</returnStatus>
        <returnTime>20160428182238000</returnTime>
        <returnInfo>新增申报成功[4CDE1CFD-EDED-46B1-946C-B8022E42FC94]</returnInfo>
    </OrderReturn>
</CEB312Message>`;
    expect(parseReceipt(xml)).toEqual({
      kind: 'CEB312',
      messageGuid: '4CDE1CFD-EDED-46B1-946C-B8022E42FC94',
      guid: '4CDE1CFD-EDED-46B1-946C-B8022E42FC94',
      returnStatus: '2',
      status: 'accepted',
      returnTime: new Date('2016-04-28T10:22:38.000Z'),
      returnInfo: '新增申报成功[4CDE1CFD-EDED-46B1-946C-B8022E42FC94]',
      orderNo: 'order20160321116420545',
      payTransactionId: null,
      logisticsNo: null,
      copNo: null,
      invtNo: null,
    });
  });

  it('reads a ceb:-prefixed CEB622 release', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB622Message guid="G" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">
  <ceb:InventoryReturn>
    <ceb:guid>F5885DD5</ceb:guid><ceb:customsCode>2924</ceb:customsCode><ceb:ebpCode>4401962010</ceb:ebpCode>
    <ceb:ebcCode>4401962010</ceb:ebcCode><ceb:agentCode>330766K00Q</ceb:agentCode><ceb:copNo>124183351885</ceb:copNo>
    <ceb:preNo>B20200615494000227</ceb:preNo><ceb:invtNo>29242020I439440284</ceb:invtNo>
    <ceb:returnStatus>800</ceb:returnStatus><ceb:returnTime>20200615171556654</ceb:returnTime>
    <ceb:returnInfo>[Code:2600;Desc:放行]</ceb:returnInfo>
  </ceb:InventoryReturn>
</ceb:CEB622Message>`;
    expect(parseReceipt(xml)).toMatchObject({ kind: 'CEB622', status: 'released', copNo: '124183351885', invtNo: '29242020I439440284' });
  });

  it('refuses what is not a single well-formed receipt', () => {
    expect(() => parseReceipt('<CEB312Message><OrderReturn>')).toThrow(RangeError);
    expect(() => parseReceipt('<CEB311Message guid="x"/>')).toThrow(RangeError);
    expect(() => parseReceipt('<CEB412Message><PaymentReturn><guid>a</guid></PaymentReturn></CEB412Message>')).toThrow(/returnStatus/);
  });
});

describe('buildReceipt', () => {
  it('round-trips each kind through parseReceipt, escaping the reason', () => {
    const common = { messageGuid: 'M-1', guid: 'D-1', returnTime: new Date('2025-03-01T02:31:15.123Z'), returnInfo: 'A & B <退单>' };
    const cases = [
      buildReceipt({ ...common, kind: 'CEB312', returnStatus: '120', ebpCode: 'P', ebcCode: 'C', orderNo: 'O-1' }),
      buildReceipt({ ...common, kind: 'CEB412', returnStatus: '120', payCode: 'PC', payTransactionId: 'T-1' }),
      buildReceipt({ ...common, kind: 'CEB512', returnStatus: '100', logisticsCode: 'L', logisticsNo: 'RR123456785AU' }),
      buildReceipt({
        ...common,
        kind: 'CEB622',
        returnStatus: '500',
        customsCode: '2244',
        ebpCode: 'P',
        ebcCode: 'C',
        agentCode: 'A',
        copNo: 'COP-1',
        preNo: 'B1',
        invtNo: '',
      }),
    ].map(parseReceipt);
    expect(cases.map((r) => [r.kind, r.status, r.orderNo ?? r.payTransactionId ?? r.logisticsNo ?? r.copNo])).toEqual([
      ['CEB312', 'accepted', 'O-1'],
      ['CEB412', 'accepted', 'T-1'],
      ['CEB512', 'rejected', 'RR123456785AU'],
      ['CEB622', 'inspection', 'COP-1'],
    ]);
    for (const r of cases) {
      expect(r.returnInfo).toBe('A & B <退单>');
      expect(r.returnTime.toISOString()).toBe('2025-03-01T02:31:15.123Z');
      expect([r.messageGuid, r.guid]).toEqual(['M-1', 'D-1']);
    }
  });

  it('will not write a receipt with an unknown status', () => {
    expect(() =>
      buildReceipt({
        kind: 'CEB412',
        messageGuid: 'M',
        guid: 'D',
        returnStatus: '7',
        returnTime: new Date(0),
        returnInfo: '',
        payCode: 'P',
        payTransactionId: 'T',
      }),
    ).toThrow(RangeError);
  });
});
