// A whole platform per test file: its own fresh database (PGlite from the migrated
// template, or a PostgreSQL database copied from the template when DATABASE_URL is set),
// the real Fastify server, real services. Tests talk HTTP through `app.inject` or a socket.
import { assertNoSecrets } from './secrets.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { buildApp, createRuntime, createWorker, jobHandlers } from '../../src/main.ts';
import { ManualClock } from '../../src/kernel/clock.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { type Ctx, type Runtime, systemCtx } from '../../src/kernel/context.ts';
import { type Database, openDatabase } from '../../src/kernel/db/client.ts';
import type { JobHandler } from '../../src/kernel/jobs.ts';
import type { HttpModule } from '../../src/kernel/http/server.ts';
import { admin, withDatabase } from '../global-setup.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh, migrated database of the kind this run tests. */
export async function freshDatabase(): Promise<{ database: Database; drop(): Promise<void>; url?: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${inject('postgresPrefix')}${randomBytes(6).toString('hex')}`;
    await admin(url, (c) => c.query(`create database "${name}" template "${inject('postgresTemplate')}"`));
    const dbUrl = withDatabase(url, name);
    const database = await openDatabase({ url: dbUrl, poolSize: 10 });
    return {
      database,
      url: dbUrl,
      drop: async () => {
        await database.close();
        await admin(url, (c) => c.query(`drop database if exists "${name}" with (force)`));
      },
    };
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: template });
  return { database, drop: () => database.close() };
}

/** Captures log lines so tests can assert what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.lines.push(chunk.toString());
    cb();
  }
  text(): string {
    return this.lines.join('');
  }
}

export interface TestPlatform {
  rt: Runtime;
  app: Awaited<ReturnType<typeof buildApp>>;
  clock: ManualClock;
  logs: LogCapture;
  database: Database;
  url?: string | undefined;
  ctx(): Ctx;
  /** Run all due jobs with the given handlers (defaults to the platform's). */
  runJobs(handlers?: Record<string, JobHandler>): Promise<number>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  env?: Record<string, string>;
  modules?: HttpModule[];
  clock?: ManualClock;
}

export async function startPlatform(opts: PlatformOptions = {}): Promise<TestPlatform> {
  const { database, drop, url } = await freshDatabase();
  // Files (product images) go to a directory of this platform's own, removed on close.
  const dataDir = mkdtempSync(join(tmpdir(), 'tasman-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    TASMAN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Merchants' plan budgets (billing) would trip the matrix tests; test/e2e/billing.test.ts turns them on.
    PLAN_RATE_LIMITS: 'false',
    ...opts.env,
  });
  const clock = opts.clock ?? new ManualClock(new Date());
  const logs = new LogCapture();
  const rt = await createRuntime(config, { clock, database, logDestination: logs });
  const app = await buildApp(rt, opts.modules ?? []);
  await app.ready();
  return {
    rt,
    app,
    clock,
    logs,
    database,
    url,
    ctx: () => systemCtx(rt, 'test'),
    runJobs: async (handlers) => {
      // A worker claims at most WORKER_CONCURRENCY jobs a round: drain until nothing is due
      // (a failing job is rescheduled after its backoff, so it is not due again at once).
      const worker = createWorker(rt, jobHandlers(handlers));
      let total = 0;
      for (let round = 0; round < 1000; round++) {
        const n = await worker.runDue();
        total += n;
        if (n === 0) break;
      }
      return total;
    },
    close: async () => {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
      // No log line may carry a card number or a full ID number (test/support/secrets.ts).
      assertNoSecrets('the platform’s log', logs.text());
    },
  };
}
