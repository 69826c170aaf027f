// Migrations are the SQL files drizzle-kit generated into migrations/, applied in order
// and recorded in drizzle.__drizzle_migrations. On PostgreSQL an advisory lock keeps two
// processes starting at once from applying the same migration twice.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database, Schema } from './client.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const MIGRATION_LOCK = 7_214_002; // arbitrary, constant: the advisory lock id for migrations

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

export function journal(): JournalEntry[] {
  const j = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return j.entries;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  current: boolean;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const entries = journal();
  let appliedAt = new Set<number>();
  try {
    const rows = await database.query<{ created_at: string | number }>('select created_at from drizzle.__drizzle_migrations');
    appliedAt = new Set(rows.map((r) => Number(r.created_at)));
  } catch {
    // No migrations table yet: nothing applied.
  }
  const applied = entries.filter((e) => appliedAt.has(e.when)).map((e) => e.tag);
  const pending = entries.filter((e) => !appliedAt.has(e.when)).map((e) => e.tag);
  return { applied, pending, current: pending.length === 0 };
}

export async function runMigrations(database: Database): Promise<MigrationStatus> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase<Schema>, config);
  } else {
    await database.withAdvisoryLock(MIGRATION_LOCK, () => migratePg(database.db as unknown as NodePgDatabase<Schema>, config));
  }
  return migrationStatus(database);
}
