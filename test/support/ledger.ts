// Reading ledger balances in tests: an account's posted balance by key, in its normal
// direction (debits less credits for assets and expenses, credits less debits otherwise); 0 for
// an account that does not exist yet.
import type { TestPlatform } from './platform.ts';

export async function balanceOf(p: TestPlatform, key: string): Promise<bigint> {
  const [row] = await p.rt.database.query<{ kind: string; dp: string; cp: string }>(
    'select kind, debits_posted::text as dp, credits_posted::text as cp from ledger_accounts where key = $1',
    [key],
  );
  if (!row) return 0n;
  const d = BigInt(row.dp);
  const c = BigInt(row.cp);
  return row.kind === 'asset' || row.kind === 'expense' ? d - c : c - d;
}
