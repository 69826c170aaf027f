// Once per test run: build a migrated template database, so each test file can get its
// own fresh database in milliseconds — a PGlite data-dir dump, or a PostgreSQL
// `CREATE DATABASE … TEMPLATE`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../src/kernel/db/client.ts';
import { runMigrations } from '../src/kernel/db/migrate.ts';

export const TEMPLATE_PREFIX = 'tasman_tpl_';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    postgresPrefix: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    // Names carry this run's id, so two runs sharing one server (two developers, or a
    // developer beside CI) never drop each other's databases; each run drops only its own.
    const run = randomBytes(4).toString('hex');
    const template = `${TEMPLATE_PREFIX}${run}`;
    const prefix = `tasman_t_${run}_`;
    await admin(url, (c) => c.query(`create database "${template}"`));
    const db = await openDatabase({ url: withDatabase(url, template), poolSize: 2 });
    await runMigrations(db);
    await db.close();
    project.provide('postgresTemplate', template);
    project.provide('postgresPrefix', prefix);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin(url, async (c) => {
        const mine = await c.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1) or datname = $2', [
          prefix,
          template,
        ]);
        for (const r of mine.rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
      });
    };
  }
  const db = await openDatabase({ dataDir: 'memory://' });
  await runMigrations(db);
  const dump = await db.dumpDataDir?.();
  await db.close();
  if (!dump) throw new Error('PGlite could not dump its data directory');
  const file = join(mkdtempSync(join(tmpdir(), 'tasman-test-')), 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  project.provide('postgresPrefix', '');
  return () => rmSync(dirname(file), { recursive: true, force: true });
}

export { admin, withDatabase };
