// Receipts (回执) customs sends back for each declaration: CEB312 order, CEB412 payment, CEB512
// waybill, CEB622 inventory list. Real receipts use the default namespace (<CEB312Message
// xmlns="http://www.chinaport.gov.cn/ceb">) and one *Return element; returnTime is
// yyyyMMddHHmmssSSS China time. Samples: the Shaanxi single window "跨境电商进口报文样例(导入回执报文样例)"
// page and public integrations' receipt mocks.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { chinaTimestampMs, parseChinaTimestamp } from './codes.ts';

export type ReceiptKind = 'CEB312' | 'CEB412' | 'CEB512' | 'CEB622';
export type ClearanceStatus = 'accepted' | 'released' | 'inspection' | 'rejected';

/**
 * returnStatus → platform status. The codes are the e-port receipt states listed by public
 * integrations (e.g. zhengjin-me customs CustomsResultStatus; a customs-pass status list):
 *   1 电子口岸已暂存, 2 电子口岸申报中, 3 发送海关成功            → accepted (in flight, nothing wrong yet)
 *   120 海关入库 (logic checks passed, in the customs database)  → accepted; for CEB312/412/512 this is
 *       the last, successful receipt: the order, payment and waybill are never "released" themselves
 *   300 人工审核, 399 海关审结                                  → accepted (CEB622 still moving)
 *   500 查验, 501 扣留移送通关, 502 扣留移送缉私, 503 扣留移送法规, 599 其它扣留 → inspection
 *   800 放行, 899 结关 (CEB622 only)                           → released
 *   4 发送海关失败, 100 海关退单, 700 退运                       → rejected
 *   negative values (the e-port's own validation failures, reported with a reason) → rejected; the
 *       exact negative codes were not confirmed, so any negative number counts.
 * Any other code throws: an unknown state should stop the caller, not be guessed.
 */
export function receiptStatus(returnStatus: string): ClearanceStatus {
  const code = returnStatus.trim();
  if (/^-\d+$/.test(code)) return 'rejected';
  switch (code) {
    case '1':
    case '2':
    case '3':
    case '120':
    case '300':
    case '399':
      return 'accepted';
    case '500':
    case '501':
    case '502':
    case '503':
    case '599':
      return 'inspection';
    case '800':
    case '899':
      return 'released';
    case '4':
    case '100':
    case '700':
      return 'rejected';
    default:
      throw new RangeError(`unknown customs returnStatus ${returnStatus}`);
  }
}

interface ReceiptCommon {
  /** guid attribute of the receipt message itself. */
  messageGuid: string;
  /** guid of the declaration the receipt answers. */
  guid: string;
  returnStatus: string;
  returnTime: Date;
  returnInfo: string;
}

export type ReceiptInput =
  | (ReceiptCommon & { kind: 'CEB312'; ebpCode: string; ebcCode: string; orderNo: string })
  | (ReceiptCommon & { kind: 'CEB412'; payCode: string; payTransactionId: string })
  | (ReceiptCommon & { kind: 'CEB512'; logisticsCode: string; logisticsNo: string })
  | (ReceiptCommon & {
      kind: 'CEB622';
      customsCode: string;
      ebpCode: string;
      ebcCode: string;
      agentCode: string;
      copNo: string;
      preNo: string;
      invtNo: string;
    });

export interface CustomsReceipt {
  kind: ReceiptKind;
  messageGuid: string;
  guid: string;
  returnStatus: string;
  status: ClearanceStatus;
  returnTime: Date;
  returnInfo: string;
  orderNo: string | null;
  payTransactionId: string | null;
  logisticsNo: string | null;
  copNo: string | null;
  invtNo: string | null;
}

const RETURN_ELEMENT: Record<ReceiptKind, string> = {
  CEB312: 'OrderReturn',
  CEB412: 'PaymentReturn',
  CEB512: 'LogisticsReturn',
  CEB622: 'InventoryReturn',
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
});

export function buildReceipt(r: ReceiptInput): string {
  receiptStatus(r.returnStatus);
  const ids: Record<string, string> =
    r.kind === 'CEB312'
      ? { ebpCode: r.ebpCode, ebcCode: r.ebcCode, orderNo: r.orderNo }
      : r.kind === 'CEB412'
        ? { payCode: r.payCode, payTransactionId: r.payTransactionId }
        : r.kind === 'CEB512'
          ? { logisticsCode: r.logisticsCode, logisticsNo: r.logisticsNo }
          : {
              customsCode: r.customsCode,
              ebpCode: r.ebpCode,
              ebcCode: r.ebcCode,
              agentCode: r.agentCode,
              copNo: r.copNo,
              preNo: r.preNo,
              invtNo: r.invtNo,
            };
  const message = {
    [`${r.kind}Message`]: {
      '@_xmlns': 'http://www.chinaport.gov.cn/ceb',
      '@_version': '1.0',
      '@_guid': r.messageGuid,
      [RETURN_ELEMENT[r.kind]]: {
        guid: r.guid,
        ...ids,
        returnStatus: r.returnStatus,
        returnTime: chinaTimestampMs(r.returnTime),
        returnInfo: r.returnInfo,
      },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${builder.build(message)}`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => Object.values(RETURN_ELEMENT).includes(name),
});

function text(node: Record<string, unknown>, key: string): string | null {
  const v = node[key];
  if (v === undefined) return null;
  if (typeof v !== 'string') throw new RangeError(`receipt field ${key} is not text`);
  return v;
}

/** Parses one CEB312/412/512/622 receipt, with or without the ceb: prefix. */
export function parseReceipt(xml: string): CustomsReceipt {
  if (XMLValidator.validate(xml) !== true) throw new RangeError('receipt is not well-formed XML');
  const doc = parser.parse(xml) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => /^CEB\d{3}Message$/.test(k));
  const kind = root?.slice(0, 6) as ReceiptKind | undefined;
  if (root === undefined || kind === undefined || !(kind in RETURN_ELEMENT)) throw new RangeError('not a CEB312/412/512/622 receipt');
  const message = doc[root] as Record<string, unknown>;
  const returns = message[RETURN_ELEMENT[kind]] as Record<string, unknown>[] | undefined;
  if (returns === undefined || returns.length !== 1) throw new RangeError(`${kind}: expected exactly one ${RETURN_ELEMENT[kind]}`);
  const node = returns[0] as Record<string, unknown>;
  const need = (key: string): string => {
    const v = text(node, key);
    if (v === null) throw new RangeError(`${kind}: ${key} missing`);
    return v;
  };
  const returnStatus = need('returnStatus');
  return {
    kind,
    messageGuid: typeof message['@_guid'] === 'string' ? message['@_guid'] : '',
    guid: need('guid'),
    returnStatus,
    status: receiptStatus(returnStatus),
    returnTime: parseChinaTimestamp(need('returnTime')),
    returnInfo: text(node, 'returnInfo') ?? '',
    orderNo: text(node, 'orderNo'),
    payTransactionId: text(node, 'payTransactionId'),
    logisticsNo: text(node, 'logisticsNo'),
    copNo: text(node, 'copNo'),
    invtNo: text(node, 'invtNo'),
  };
}
