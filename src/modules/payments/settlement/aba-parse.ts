// Reading an ABA file back (tests, and reconciliation of what was sent): every record checked
// against the layout of aba.ts, totals and count recomputed.
import { AppError } from '../../../kernel/errors.ts';
import {
  ABA_CREDIT_CODES,
  ABA_DEBIT_CODE,
  ABA_DESCRIPTIVE_LAYOUT,
  ABA_DETAIL_LAYOUT,
  ABA_RECORD_LENGTH,
  ABA_TOTAL_LAYOUT,
  type AbaField,
} from './aba.ts';

export interface AbaParsedDescriptive {
  readonly reelSequence: string;
  readonly bank: string;
  readonly userName: string;
  readonly apcaUserId: string;
  readonly description: string;
  /** DDMMYY as written. */
  readonly processOn: string;
}

export interface AbaParsedDetail {
  /** "nnn-nnn" as written. */
  readonly bsb: string;
  readonly account: string;
  readonly indicator: string;
  readonly transactionCode: string;
  readonly amountCents: bigint;
  readonly accountName: string;
  readonly lodgementReference: string;
  readonly traceBsb: string;
  readonly traceAccount: string;
  readonly remitterName: string;
  readonly withholdingTaxCents: bigint;
}

export interface AbaParsedTotal {
  readonly netTotalCents: bigint;
  readonly creditTotalCents: bigint;
  readonly debitTotalCents: bigint;
  readonly count: number;
}

export interface AbaParsed {
  readonly descriptive: AbaParsedDescriptive;
  readonly details: readonly AbaParsedDetail[];
  readonly total: AbaParsedTotal;
}

function malformed(line: number, message: string, field?: string): AppError {
  return new AppError('invalid_file', `ABA line ${line}: ${message}`, { param: 'file', details: { line, ...(field ? { field } : {}) } });
}

/** Reads one record through its layout, checking each field's form; text fields come back trimmed. */
function readRecord(record: string, layout: readonly AbaField[], line: number): Record<string, string> {
  if (record.length !== ABA_RECORD_LENGTH) throw malformed(line, `record is ${record.length} characters, not ${ABA_RECORD_LENGTH}`);
  const out: Record<string, string> = {};
  for (const field of layout) {
    const raw = record.slice(field.start - 1, field.start - 1 + field.length);
    const bad = (why: string) =>
      malformed(line, `${field.name} (${field.start}–${field.start + field.length - 1}) ${why}: ${JSON.stringify(raw)}`, field.name);
    if (!/^[\x20-\x7e]*$/.test(raw)) throw bad('has characters outside printable ASCII');
    switch (field.kind) {
      case 'constant':
        if (raw !== field.value) throw bad(`must be ${JSON.stringify(field.value)}`);
        break;
      case 'blank':
        if (raw.trim() !== '') throw bad('must be blank');
        break;
      case 'numeric':
        if (!/^\d+$/.test(raw)) throw bad('must be digits');
        break;
      case 'bsb':
        if (!/^\d{3}-\d{3}$/.test(raw)) throw bad('must be nnn-nnn');
        break;
      case 'account':
        if (!/^ *[0-9A-Za-z-]+$/.test(raw)) throw bad('must be right-justified and blank-filled');
        break;
      case 'text':
        if (raw !== '' && raw.startsWith(' ') && raw.trim() !== '') throw bad('must be left-justified');
        break;
    }
    out[field.name] = field.kind === 'text' || field.kind === 'account' ? raw.trim() : raw;
  }
  return out;
}

export function parseAbaFile(text: string): AbaParsed {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length < 3)
    throw malformed(lines.length, 'a file has a descriptive record, at least one detail record and a file total record');

  const first = lines[0] as string;
  const last = lines.at(-1) as string;
  if (first[0] !== '0') throw malformed(1, 'the first record must be the descriptive record (type 0)');
  if (last[0] !== '7') throw malformed(lines.length, 'the last record must be the file total record (type 7)');

  const d = readRecord(first, ABA_DESCRIPTIVE_LAYOUT, 1);
  const need = (r: Record<string, string>, k: string) => r[k] as string;
  for (const k of ['userName', 'description']) if (need(d, k) === '') throw malformed(1, `${k} must not be all blanks`, k);
  const ddmmyy = need(d, 'processOn');
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const year = 2000 + Number(ddmmyy.slice(4));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1)
    throw malformed(1, `processOn ${ddmmyy} is not a valid DDMMYY date`, 'processOn');

  const details: AbaParsedDetail[] = [];
  let credits = 0n;
  let debits = 0n;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = i + 1;
    const record = lines[i] as string;
    if (record[0] !== '1') throw malformed(line, 'records between the descriptive and file total records must be detail records (type 1)');
    const r = readRecord(record, ABA_DETAIL_LAYOUT, line);
    const code = need(r, 'transactionCode');
    const amount = BigInt(need(r, 'amount'));
    if (amount <= 0n) throw malformed(line, 'amount must be greater than zero', 'amount');
    if (code === ABA_DEBIT_CODE) debits += amount;
    else if (ABA_CREDIT_CODES.has(code)) credits += amount;
    else throw malformed(line, `transaction code ${code} is not a debit (13) or credit (50–57)`, 'transactionCode');
    for (const k of ['accountName', 'remitterName']) if (need(r, k) === '') throw malformed(line, `${k} must not be all blanks`, k);
    details.push({
      bsb: need(r, 'bsb'),
      account: need(r, 'account'),
      indicator: need(r, 'indicator'),
      transactionCode: code,
      amountCents: amount,
      accountName: need(r, 'accountName'),
      lodgementReference: need(r, 'lodgementReference'),
      traceBsb: need(r, 'traceBsb'),
      traceAccount: need(r, 'traceAccount'),
      remitterName: need(r, 'remitterName'),
      withholdingTaxCents: BigInt(need(r, 'withholdingTax')),
    });
  }

  const t = readRecord(last, ABA_TOTAL_LAYOUT, lines.length);
  const total: AbaParsedTotal = {
    netTotalCents: BigInt(need(t, 'netTotal')),
    creditTotalCents: BigInt(need(t, 'creditTotal')),
    debitTotalCents: BigInt(need(t, 'debitTotal')),
    count: Number(need(t, 'count')),
  };
  const net = credits >= debits ? credits - debits : debits - credits;
  if (total.creditTotalCents !== credits)
    throw malformed(lines.length, `credit total ${total.creditTotalCents} ≠ sum of credits ${credits}`, 'creditTotal');
  if (total.debitTotalCents !== debits)
    throw malformed(lines.length, `debit total ${total.debitTotalCents} ≠ sum of debits ${debits}`, 'debitTotal');
  if (total.netTotalCents !== net)
    throw malformed(lines.length, `net total ${total.netTotalCents} ≠ |credits − debits| ${net}`, 'netTotal');
  if (total.count !== details.length) throw malformed(lines.length, `count ${total.count} ≠ ${details.length} detail records`, 'count');

  return {
    descriptive: {
      reelSequence: need(d, 'reelSequence'),
      bank: need(d, 'bank'),
      userName: need(d, 'userName'),
      apcaUserId: need(d, 'apcaUserId'),
      description: need(d, 'description'),
      processOn: ddmmyy,
    },
    details,
    total,
  };
}
