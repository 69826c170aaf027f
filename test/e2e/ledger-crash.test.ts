// A linked batch is all or nothing even when the process making it dies (PRODUCT.md P1,
// TigerBeetle's model): on PostgreSQL, a child process making 1,000-transfer batches is
// killed with SIGKILL while one is in flight, again and again, and the ledger holds every
// batch whole or not at all. On any database, a batch refused at transfer 500, and a batch
// that fails while its rows are being written, leave no row and no counter changed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/kernel/errors.ts';
import {
  createTransfers,
  ensureAccount,
  getTransfer,
  MAX_BATCH,
  type TransferInput,
  verifyLedger,
} from '../../src/modules/payments/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

let seq = 0;
const uid = (tag: string) => `${tag}-${Date.now().toString(36)}-${seq++}`;

async function account(kind: 'asset' | 'liability', constraint: 'none' | 'debits_must_not_exceed_credits' = 'none', key = uid('acct')) {
  return ensureAccount(p.ctx(), { key, name: key, currency: 'CNY', kind, balance_constraint: constraint });
}

async function counters(...ids: string[]) {
  const rows = await p.database.query<Record<string, string>>(
    `select id, debits_pending, debits_posted, credits_pending, credits_posted from ledger_accounts where id = any($1) order by id`,
    [ids],
  );
  return rows;
}

async function rowsWithPrefix(prefix: string): Promise<number> {
  const [r] = await p.database.query<{ n: string }>('select count(*) as n from ledger_transfers where starts_with(id, $1)', [prefix]);
  return Number(r?.n);
}

async function expectClean() {
  const v = await verifyLedger(p.ctx());
  expect(v.differences).toEqual([]);
  expect(v.unbalanced).toEqual([]);
}

describe('a batch that fails leaves nothing', () => {
  it('refused at transfer 500 of 1,000: no row of the batch, no counter changed, no hold closed', async () => {
    const bank = await account('asset');
    const wallet = await account('liability', 'debits_must_not_exceed_credits');
    const shop = await account('liability');
    await createTransfers(p.ctx(), [
      { id: uid('fund'), debit_account_id: bank.id, credit_account_id: wallet.id, amount: 499n, currency: 'CNY' },
    ]);
    const hold = uid('hold');
    await createTransfers(p.ctx(), [
      { id: hold, kind: 'pending', debit_account_id: bank.id, credit_account_id: shop.id, amount: 10n, currency: 'CNY' },
    ]);
    const before = await counters(bank.id, wallet.id, shop.id);
    const prefix = uid('b500');
    // 0: close the earlier hold; 1–499 spend the wallet's 499 one by one; 500 overdraws it; the rest would be fine.
    const inputs: TransferInput[] = Array.from({ length: MAX_BATCH }, (_, i) =>
      i === 0
        ? { id: `${prefix}-${i}`, kind: 'post_pending', pending_id: hold }
        : i <= 500
          ? { id: `${prefix}-${i}`, debit_account_id: wallet.id, credit_account_id: shop.id, amount: 1n, currency: 'CNY' }
          : { id: `${prefix}-${i}`, debit_account_id: bank.id, credit_account_id: shop.id, amount: 1n, currency: 'CNY' },
    );
    const error = await createTransfers(p.ctx(), inputs, { batched: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'exceeds_credits', param: 'transfers.500.amount', details: { index: 500 } });
    expect(await rowsWithPrefix(prefix)).toBe(0);
    expect(await counters(bank.id, wallet.id, shop.id)).toEqual(before);
    expect((await getTransfer(p.ctx(), hold)).status).toBe('pending');
    // The first 500 alone are fine: the refusal was transfer 500's.
    expect(await createTransfers(p.ctx(), inputs.slice(0, 500), { batched: true })).toHaveLength(500);
    expect(await rowsWithPrefix(prefix)).toBe(500);
    await expectClean();
  });

  it('failing while its rows are written (after the transfers are inserted and the holds closed): all rolled back', async () => {
    const bank = await account('asset');
    // A trigger makes the counter update of this one account fail, as a crash would between
    // the statements that write a batch: the transfers and the closed holds are already written.
    const doomed = await account('liability', 'none', uid('doomed'));
    const hold = uid('hold');
    await createTransfers(p.ctx(), [
      { id: hold, kind: 'pending', debit_account_id: bank.id, credit_account_id: doomed.id, amount: 10n, currency: 'CNY' },
    ]);
    await p.database.exec(`
      create function ledger_crash_test_fail() returns trigger language plpgsql as $$
      begin
        if new.key like 'doomed-%' then raise exception 'simulated failure while writing the counters'; end if;
        return new;
      end $$;
      create trigger ledger_crash_test_fail before update on ledger_accounts for each row execute function ledger_crash_test_fail();`);
    const before = await counters(bank.id, doomed.id);
    const prefix = uid('mid');
    const inputs: TransferInput[] = Array.from({ length: MAX_BATCH }, (_, i) =>
      i === 0
        ? { id: `${prefix}-${i}`, kind: 'post_pending', pending_id: hold, amount: 4n }
        : { id: `${prefix}-${i}`, debit_account_id: bank.id, credit_account_id: doomed.id, amount: 1n, currency: 'CNY' },
    );
    try {
      // (The driver's error wraps the server's.)
      await expect(createTransfers(p.ctx(), inputs, { batched: true })).rejects.toMatchObject({
        cause: { message: 'simulated failure while writing the counters' },
      });
      expect(await rowsWithPrefix(prefix)).toBe(0);
      expect(await counters(bank.id, doomed.id)).toEqual(before);
      expect((await getTransfer(p.ctx(), hold)).status).toBe('pending');
    } finally {
      await p.database.exec('drop trigger ledger_crash_test_fail on ledger_accounts; drop function ledger_crash_test_fail();');
    }
    // Nothing else was wrong with the batch: without the trigger it applies whole.
    expect(await createTransfers(p.ctx(), inputs, { batched: true })).toHaveLength(MAX_BATCH);
    expect(await rowsWithPrefix(prefix)).toBe(MAX_BATCH);
    expect((await getTransfer(p.ctx(), hold)).status).toBe('posted');
    await expectClean();
  });
});

// ---------------------------------------------------------------------------
// PostgreSQL: kill the process in the middle of a batch
// ---------------------------------------------------------------------------

const CHILD = 'test/support/ledger-batch-child.ts';
const APP = 'ledger-crash-child';

interface Round {
  prefix: string;
  started: number[];
  done: Map<number, number>;
  /** The batch in flight when the child was killed. */
  killed: number;
  /** The child's connections seen while it ran (so waiting for them to go means something). */
  connections: number;
}

const childConnections = async () =>
  Number((await p.database.query<{ n: string }>('select count(*) as n from pg_stat_activity where application_name = $1', [APP]))[0]?.n);

/**
 * One child: let it finish a first batch (to learn how long one takes), then kill it at a
 * random moment within the next one.
 */
async function killMidBatch(url: string, debit: string, credit: string, prefix: string): Promise<Round> {
  const child: ChildProcess = spawn(process.execPath, ['--import', './bin/fast-resolve.js', CHILD, url, debit, credit, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const round: Round = { prefix, started: [], done: new Map(), killed: -1, connections: 0 };
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const killedAt = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child made no batch in time: ${stderr}`)), 60_000);
    lines.on('line', (line) => {
      const [what, n, ms] = line.split(' ');
      if (what === 'done') {
        round.done.set(Number(n), Number(ms));
        void childConnections().then((c) => {
          round.connections = Math.max(round.connections, c);
        });
      }
      if (what !== 'started') return;
      round.started.push(Number(n));
      const first = round.done.get(0);
      if (first === undefined) return;
      clearTimeout(timer);
      lines.removeAllListeners('line');
      // Somewhere within the batch (the first one, warming up, takes longer than the next).
      setTimeout(
        () => {
          round.killed = Number(n);
          child.kill('SIGKILL');
          resolve();
        },
        Math.floor(Math.random() * first * 0.6),
      );
    });
    exited.then(({ code }) => reject(new Error(`the child exited (${code}) before it was killed: ${stderr}`)));
  });
  try {
    await killedAt;
  } finally {
    // Never leave it running, whatever happened.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  expect((await exited).signal).toBe('SIGKILL');
  // Its connections are gone once the server has noticed: only then is the outcome final.
  for (let i = 0; i < 500 && (await childConnections()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await childConnections()).toBe(0);
  return round;
}

if (process.env.DATABASE_URL)
  describe('a process killed in the middle of a linked batch', () => {
    it('leaves every batch whole or absent, and the ledger verifies clean', { timeout: 120_000 }, async () => {
      const bank = await account('asset');
      const shop = await account('liability');
      const url = new URL(p.url as string);
      url.searchParams.set('application_name', APP);
      const rounds: Round[] = [];
      for (let i = 0; i < 5; i++) rounds.push(await killMidBatch(url.toString(), bank.id, shop.id, uid(`crash${i}`)));

      // Every batch in the ledger is whole: 1,000 transfers under one batch id.
      const batches = await p.database.query<{ batch_id: string | null; n: string }>(
        'select batch_id, count(*) as n from ledger_transfers where debit_account_id = $1 group by batch_id',
        [bank.id],
      );
      expect(batches.filter((b) => Number(b.n) !== MAX_BATCH || b.batch_id === null)).toEqual([]);
      let rolledBack = 0;
      for (const r of rounds) {
        // The batches the child saw done are all there...
        for (const n of r.done.keys()) expect(await rowsWithPrefix(`${r.prefix}-${n}-`)).toBe(MAX_BATCH);
        expect(r.connections).toBeGreaterThan(0);
        // ...and the one killed in flight is there whole or not at all.
        expect(r.done.has(r.killed)).toBe(false);
        const inFlight = await rowsWithPrefix(`${r.prefix}-${r.killed}-`);
        expect([0, MAX_BATCH]).toContain(inFlight);
        if (inFlight === 0) rolledBack++;
      }
      // The kills did land before a commit, not only between batches.
      expect(rolledBack).toBeGreaterThan(0);
      expect(batches.length).toBe(rounds.reduce((n, r) => n + r.done.size, 0) + (rounds.length - rolledBack));
      // No hold of a batch is left open: each one was posted in its own batch.
      const [open] = await p.database.query<{ n: string }>(
        "select count(*) as n from ledger_transfers where debit_account_id = $1 and status = 'pending'",
        [bank.id],
      );
      expect(Number(open?.n)).toBe(0);
      const [b] = await counters(bank.id);
      // Per batch: 334 singles of 1 and 333 posts of 1 (of holds of 2); nothing pending.
      expect(b).toMatchObject({ debits_pending: '0', debits_posted: String(batches.length * 667) });
      await expectClean();
    });
  });
