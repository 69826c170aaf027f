// The customs gateway: the strategy that carries CEB declarations to the China e-port and brings
// back its receipts. The sandbox is stateless, like a sandbox card acquirer: everything it needs
// (order, mode, submit time, scenario, the ids the receipts must echo, its own timings) travels in
// the reference, so receipts(reference, now) is a pure function of its arguments and any number of
// server processes give the same answer.
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chinaDate } from './codes.ts';
import { buildReceipt, type ReceiptInput, type ReceiptKind, receiptStatus } from './receipts.ts';

export type DeclarationKind = 'CEB311' | 'CEB411' | 'CEB511' | 'CEB621';

export interface CustomsSubmission {
  order_no: string;
  mode: '9610' | '1210';
  messages: { kind: DeclarationKind; xml: string }[];
  consignee_telephone: string;
}

export interface GatewayReceipt {
  kind: ReceiptKind;
  status: 'accepted' | 'released' | 'inspection' | 'rejected';
  at: Date;
  reason: string | null;
  xml: string;
}

export interface CustomsGateway {
  readonly name: string;
  /** Sends the messages; returns the gateway's reference for the submission. */
  submit(s: CustomsSubmission, now: Date): { reference: string };
  /** Every receipt the gateway has issued for a submission by `now` (in time order). Stateless: derived from the reference. */
  receipts(reference: string, now: Date): GatewayReceipt[];
}

/**
 * Test consignee telephones, like test card numbers. Any other number takes the happy path: the
 * CEB312/412/512 and CEB622 receipts "accepted" (120 海关入库) at +acceptAfterS, then CEB622
 * "released" (800 放行) at +releaseAfterS.
 * - inspection: CEB622 goes to inspection (500 查验) at +acceptAfterS and is released at
 *   +releaseAfterS + inspectionS.
 * - rejected: CEB622 is sent back (100 海关退单) at +acceptAfterS, annual quota exceeded.
 * - held: CEB622 goes to inspection (500) at +acceptAfterS, is detained (501 扣留移送通关) at
 *   +acceptAfterS + inspectionS and is never released.
 */
export const SANDBOX_TELEPHONES = {
  inspection: '13800000001',
  rejected: '13800000002',
  held: '13800000003',
} as const;

type Scenario = 'default' | keyof typeof SANDBOX_TELEPHONES;

export const QUOTA_EXCEEDED_REASON = '订购人年度额度超限 / annual quota exceeded';

/** The identifiers each receipt must echo, read from the declaration it answers. */
type Ids = Record<string, string>;

interface SandboxReference {
  v: 1;
  order: string;
  mode: '9610' | '1210';
  at: number;
  scenario: Scenario;
  timing: [acceptAfterS: number, releaseAfterS: number, inspectionS: number];
  docs: { kind: DeclarationKind; ids: Ids }[];
}

const PREFIX = 'sbx_';

const HEAD: Record<DeclarationKind, [string, string, string, string[]]> = {
  CEB311: ['CEB311Message', 'Order', 'OrderHead', ['guid', 'orderNo', 'ebpCode', 'ebcCode']],
  CEB411: ['CEB411Message', 'Payment', 'PaymentHead', ['guid', 'orderNo', 'payCode', 'payTransactionId']],
  CEB511: ['CEB511Message', 'Logistics', 'LogisticsHead', ['guid', 'orderNo', 'logisticsCode', 'logisticsNo']],
  CEB621: ['CEB621Message', 'Inventory', 'InventoryHead', ['guid', 'orderNo', 'customsCode', 'ebpCode', 'ebcCode', 'agentCode', 'copNo']],
};

const RECEIPT_OF: Record<DeclarationKind, ReceiptKind> = { CEB311: 'CEB312', CEB411: 'CEB412', CEB511: 'CEB512', CEB621: 'CEB622' };

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });

function readIds(kind: DeclarationKind, xml: string, orderNo: string): Ids {
  if (XMLValidator.validate(xml) !== true) throw new RangeError(`${kind}: not well-formed XML`);
  const [root, node, headName, fields] = HEAD[kind];
  const doc = parser.parse(xml) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const head = doc[root]?.[node]?.[headName];
  if (head === undefined) throw new RangeError(`${kind}: no ${root}/${node}/${headName}`);
  const ids: Ids = {};
  for (const f of fields) {
    const v = head[f];
    if (typeof v !== 'string') throw new RangeError(`${kind}: ${headName}/${f} missing`);
    ids[f] = v;
  }
  if (ids.orderNo !== orderNo) throw new RangeError(`${kind} is for order ${ids.orderNo}, not ${orderNo}`);
  return ids;
}

function encode(ref: SandboxReference): string {
  return PREFIX + Buffer.from(JSON.stringify(ref), 'utf8').toString('base64url');
}

function decode(reference: string): SandboxReference {
  if (!reference.startsWith(PREFIX)) throw new RangeError('not a sandbox customs reference');
  let ref: SandboxReference;
  try {
    ref = JSON.parse(Buffer.from(reference.slice(PREFIX.length), 'base64url').toString('utf8')) as SandboxReference;
  } catch {
    throw new RangeError('unreadable sandbox customs reference');
  }
  if (ref?.v !== 1 || !Array.isArray(ref.docs) || !Array.isArray(ref.timing)) throw new RangeError('unreadable sandbox customs reference');
  return ref;
}

/** A stable number or guid derived from the reference, so repeated calls agree. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

function guidFrom(...parts: string[]): string {
  const h = digest(...parts).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function digitsFrom(n: number, ...parts: string[]): string {
  return BigInt(`0x${digest(...parts).slice(0, 15)}`)
    .toString()
    .padStart(n, '0')
    .slice(-n);
}

interface Step {
  afterS: number;
  kind: DeclarationKind;
  returnStatus: string;
  returnInfo: string;
}

function schedule(ref: SandboxReference): Step[] {
  const [accept, release, inspection] = ref.timing;
  const logicOk = '[Code:1800;Desc:逻辑校验通过]';
  const steps: Step[] = [];
  for (const d of ref.docs) {
    if (d.kind !== 'CEB621') {
      steps.push({ afterS: accept, kind: d.kind, returnStatus: '120', returnInfo: logicOk });
      continue;
    }
    switch (ref.scenario) {
      case 'default':
        steps.push({ afterS: accept, kind: d.kind, returnStatus: '120', returnInfo: logicOk });
        steps.push({ afterS: release, kind: d.kind, returnStatus: '800', returnInfo: '[SANDBOX] 放行 / released' });
        break;
      case 'inspection':
        steps.push({ afterS: accept, kind: d.kind, returnStatus: '500', returnInfo: '[SANDBOX] 查验 / selected for inspection' });
        steps.push({
          afterS: release + inspection,
          kind: d.kind,
          returnStatus: '800',
          returnInfo: '[SANDBOX] 放行 / released after inspection',
        });
        break;
      case 'rejected':
        steps.push({ afterS: accept, kind: d.kind, returnStatus: '100', returnInfo: QUOTA_EXCEEDED_REASON });
        break;
      case 'held':
        steps.push({ afterS: accept, kind: d.kind, returnStatus: '500', returnInfo: '[SANDBOX] 查验 / selected for inspection' });
        steps.push({ afterS: accept + inspection, kind: d.kind, returnStatus: '501', returnInfo: '[SANDBOX] 扣留移送通关 / detained' });
        break;
    }
  }
  const order: DeclarationKind[] = ['CEB311', 'CEB411', 'CEB511', 'CEB621'];
  return steps.sort((a, b) => a.afterS - b.afterS || order.indexOf(a.kind) - order.indexOf(b.kind));
}

function receiptInput(ref: SandboxReference, ids: Ids, step: Step, at: Date): ReceiptInput {
  const common = {
    messageGuid: guidFrom(ref.order, String(ref.at), step.kind, step.returnStatus),
    guid: ids.guid ?? '',
    returnStatus: step.returnStatus,
    returnTime: at,
    returnInfo: step.returnInfo,
  };
  const id = (k: string) => ids[k] ?? '';
  switch (step.kind) {
    case 'CEB311':
      return { ...common, kind: 'CEB312', ebpCode: id('ebpCode'), ebcCode: id('ebcCode'), orderNo: id('orderNo') };
    case 'CEB411':
      return { ...common, kind: 'CEB412', payCode: id('payCode'), payTransactionId: id('payTransactionId') };
    case 'CEB511':
      return { ...common, kind: 'CEB512', logisticsCode: id('logisticsCode'), logisticsNo: id('logisticsNo') };
    case 'CEB621': {
      const submitted = new Date(ref.at);
      const rejected = receiptStatus(step.returnStatus) === 'rejected';
      return {
        ...common,
        kind: 'CEB622',
        customsCode: id('customsCode'),
        ebpCode: id('ebpCode'),
        ebcCode: id('ebcCode'),
        agentCode: id('agentCode'),
        copNo: id('copNo'),
        preNo: `B${chinaDate(submitted)}${digitsFrom(9, ref.order, String(ref.at), 'preNo')}`,
        invtNo: rejected
          ? ''
          : `${id('customsCode')}${chinaDate(submitted).slice(0, 4)}I${digitsFrom(9, ref.order, String(ref.at), 'invtNo')}`,
      };
    }
  }
}

export function sandboxGateway(opts: { acceptAfterS: number; releaseAfterS: number; inspectionS: number }): CustomsGateway {
  const { acceptAfterS, releaseAfterS, inspectionS } = opts;
  for (const v of [acceptAfterS, releaseAfterS, inspectionS]) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError('sandbox gateway timings must be non-negative seconds');
  }
  if (releaseAfterS < acceptAfterS) throw new RangeError('releaseAfterS must not come before acceptAfterS');
  return {
    name: 'sandbox',
    submit(s, now) {
      if (s.messages.length === 0) throw new RangeError(`submission for ${s.order_no} has no messages`);
      const kinds = new Set(s.messages.map((m) => m.kind));
      if (kinds.size !== s.messages.length) throw new RangeError(`submission for ${s.order_no} repeats a message kind`);
      const scenario = (Object.keys(SANDBOX_TELEPHONES) as (keyof typeof SANDBOX_TELEPHONES)[]).find(
        (k) => SANDBOX_TELEPHONES[k] === s.consignee_telephone,
      );
      const ref: SandboxReference = {
        v: 1,
        order: s.order_no,
        mode: s.mode,
        at: now.getTime(),
        scenario: scenario ?? 'default',
        timing: [acceptAfterS, releaseAfterS, inspectionS],
        docs: s.messages.map((m) => ({ kind: m.kind, ids: readIds(m.kind, m.xml, s.order_no) })),
      };
      return { reference: encode(ref) };
    },
    receipts(reference, now) {
      const ref = decode(reference);
      const out: GatewayReceipt[] = [];
      for (const step of schedule(ref)) {
        const at = new Date(ref.at + step.afterS * 1000);
        if (at.getTime() > now.getTime()) continue;
        const doc = ref.docs.find((d) => d.kind === step.kind);
        const status = receiptStatus(step.returnStatus);
        out.push({
          kind: RECEIPT_OF[step.kind],
          status,
          at,
          reason: status === 'rejected' || status === 'inspection' ? step.returnInfo : null,
          xml: buildReceipt(receiptInput(ref, doc?.ids ?? {}, step, at)),
        });
      }
      return out;
    },
  };
}
