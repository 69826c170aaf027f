// What every `tasman` command shares: exit codes, settings, a runtime opened for the
// command's duration, and printing text or JSON.
import { type Config, ConfigError, loadConfig } from '../kernel/config.ts';
import type { Runtime } from '../kernel/context.ts';
import { runMigrations } from '../kernel/db/migrate.ts';
import { createRuntime } from '../main.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, unavailable: 69, config: 78 } as const;

export class ExitError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new ExitError(EXIT.config, `tasman: ${err.message}`);
    throw err;
  }
}

export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const cfg = config();
  let rt: Runtime;
  try {
    rt = await createRuntime({ ...cfg, LOG_LEVEL: cfg.LOG_LEVEL === 'info' ? 'warn' : cfg.LOG_LEVEL });
    await rt.database.query('select 1');
  } catch (err) {
    throw new ExitError(EXIT.unavailable, `tasman: cannot open the ${cfg.databaseKind} database: ${(err as Error).message}`);
  }
  try {
    if (opts.migrate) await runMigrations(rt.database);
    return await fn(rt);
  } finally {
    await rt.database.close();
  }
}

export function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}
