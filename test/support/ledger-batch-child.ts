// A process for test/e2e/ledger-crash.test.ts to kill: it makes 1,000-transfer linked
// batches between two ledger accounts, one after another, until it is killed. Before each
// batch it prints `started <n>`, after it `done <n> <ms>`; the parent kills it with SIGKILL
// while a batch is in flight and then checks that every batch is in the ledger whole or not at all.
//
//   node --import ./bin/fast-resolve.js test/support/ledger-batch-child.ts <database url> <debit account> <credit account> <id prefix>
import { tmpdir } from 'node:os';
import { loadConfig } from '../../src/kernel/config.ts';
import { systemCtx } from '../../src/kernel/context.ts';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { createRuntime } from '../../src/main.ts';
import { createTransfers, MAX_BATCH, type TransferInput } from '../../src/modules/payments/ledger.ts';

const [url, debit, credit, prefix] = process.argv.slice(2);
if (!url || !debit || !credit || !prefix) throw new Error('usage: ledger-batch-child.ts <url> <debit> <credit> <prefix>');

/** Batch n: thirds of single transfers (1), holds (2), and posts of 1 of the hold just before. */
function batchInputs(prefix: string, n: number, debit: string, credit: string): TransferInput[] {
  const id = (i: number) => `${prefix}-${n}-${i}`;
  return Array.from({ length: MAX_BATCH }, (_, i): TransferInput => {
    if (i % 3 === 0) return { id: id(i), debit_account_id: debit, credit_account_id: credit, amount: 1n, currency: 'CNY' };
    if (i % 3 === 1) return { id: id(i), kind: 'pending', debit_account_id: debit, credit_account_id: credit, amount: 2n, currency: 'CNY' };
    return { id: id(i), kind: 'post_pending', pending_id: id(i - 1), amount: 1n };
  });
}

const database = await openDatabase({ url, poolSize: 2 });
const rt = await createRuntime(
  loadConfig({
    DATA_DIR: tmpdir(),
    TASMAN_SECRET: 'ledger-batch-child-0123456789abcdefghijklmnop',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
  }),
  {
    database,
  },
);
const ctx = systemCtx(rt, 'ledger-batch-child');
for (let n = 0; ; n++) {
  const inputs = batchInputs(prefix, n, debit, credit);
  const t0 = performance.now();
  // Pipes are written synchronously on Linux: the parent has the line before the batch starts.
  process.stdout.write(`started ${n}\n`);
  await createTransfers(ctx, inputs, { batched: true });
  process.stdout.write(`done ${n} ${Math.round(performance.now() - t0)}\n`);
}
