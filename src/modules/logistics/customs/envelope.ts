// The envelope shared by the CEB declarations: <ceb:CEBnnnMessage guid version xmlns:ceb xmlns:xsi>,
// the business node, then BaseTransfer; and the checks every builder makes on its input.
import { XMLBuilder } from 'fast-xml-parser';
import { chinaTimestamp } from './codes.ts';

export const CEB_NAMESPACE = 'http://www.chinaport.gov.cn/ceb';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Who transmits the message to the e-port (传输企业) and over which DXP account. */
export interface BaseTransfer {
  copCode: string;
  copName: string;
  /** Always 'DXP' (中国电子口岸数据交换平台). */
  dxpMode?: 'DXP';
  dxpId: string;
  note?: string;
}

/** Common head fields. appType 1 new / 2 change; appStatus 1 staged / 2 declared (default). */
export interface Declared {
  /** 36-character upper-case unique id; also the root element's guid. */
  guid: string;
  appType?: '1' | '2';
  appTime: Date;
  appStatus?: '1' | '2';
  note?: string;
}

export interface Fields {
  [key: string]: string | Fields | Fields[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
});

function prefixed(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[`ceb:${k}`] = Array.isArray(v) ? v.map(prefixed) : typeof v === 'string' ? v : prefixed(v);
  }
  return out;
}

export function envelope(root: string, guid: string, body: Fields, base: BaseTransfer): string {
  const baseTransfer = {
    copCode: base.copCode,
    copName: base.copName,
    dxpMode: base.dxpMode ?? 'DXP',
    dxpId: base.dxpId,
    note: base.note ?? '',
  };
  const message = {
    [`ceb:${root}`]: {
      '@_guid': guid,
      '@_version': '1.0',
      '@_xmlns:ceb': CEB_NAMESPACE,
      '@_xmlns:xsi': XSI_NAMESPACE,
      ...prefixed({ ...body, BaseTransfer: baseTransfer }),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(message)}`;
}

/** The spec asks for a 36-character system-unique id in upper case (企业系统生成36位唯一序号, 英文字母大写). */
const GUID = /^[0-9A-Z-]{36}$/;

export function head(d: Declared): Fields {
  if (!GUID.test(d.guid)) throw new RangeError(`guid ${d.guid} is not 36 upper-case characters`);
  return { guid: d.guid, appType: d.appType ?? '1', appTime: chinaTimestamp(d.appTime), appStatus: d.appStatus ?? '2' };
}

export function required(what: string, fields: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(fields)) if (v === undefined || v.trim() === '') throw new RangeError(`${what}: ${k} is required`);
}

export function quantity(n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`${what}: quantity ${n} is not a positive whole number`);
  return String(n);
}

export function lineTotal(price: bigint, qty: number, total: bigint, what: string): void {
  if (price * BigInt(qty) !== total) throw new RangeError(`${what}: totalPrice ${total} ≠ price ${price} × qty ${qty}`);
}
