// The `tasman` command. Exit codes (docs/operations.md): 0 ok, 1 failed, 2 usage error,
// 69 database unavailable, 78 bad configuration.
import { Command, CommanderError, Option } from 'commander';
import { type Config, settingDocs } from '../kernel/config.ts';
import { randomToken } from '../kernel/crypto.ts';
import { migrationStatus, runMigrations } from '../kernel/db/migrate.ts';
import { AppError } from '../kernel/errors.ts';
import { OPERATOR_ROLES, systemCtx, type OperatorRole } from '../kernel/context.ts';
import { createOperator } from '../modules/identity/service.ts';
import { seedDemo } from '../seed.ts';
import { registerDataCommands } from './data.ts';
import { registerMarketplaceCommands } from './marketplace.ts';
import { config, EXIT, ExitError, print, withRuntime } from './runtime.ts';
import { DatabaseUnavailableError, serve, runWorker } from './serve.ts';

export { EXIT } from './runtime.ts';

export function buildCli(): Command {
  const program = new Command('tasman')
    .description('Tasman: cross-border commerce for the Australia/New Zealand ⇄ China corridor')
    .version('0.1.0')
    .showHelpAfterError()
    .addHelpText('after', '\nSettings come from environment variables; `tasman doctor` lists them.')
    .exitOverride();

  program
    .command('serve')
    .description('run the API and web apps (and the job worker unless WORKER=false); migrates and seeds the demo on first start')
    .action(async () => {
      await serve(config());
    });

  program
    .command('worker')
    .description('run only the background job worker (PostgreSQL: as many as you like beside `serve`)')
    .action(async () => {
      await runWorker(config());
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const before = await migrationStatus(rt.database);
        const after = await runMigrations(rt.database);
        print(
          !!o.json,
          { applied_now: before.pending, current: after.current, database: rt.database.kind },
          before.pending.length ? `applied ${before.pending.join(', ')}` : 'database is up to date',
        );
      });
    });

  program
    .command('seed')
    .description('create the demo accounts (changes nothing when they exist)')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      await withRuntime(
        async (rt) => {
          const r = await seedDemo(rt);
          print(!!o.json, r, [...r.created.map((c) => `created ${c}`), ...r.existing.map((c) => `exists  ${c}`)].join('\n'));
        },
        { migrate: true },
      );
    });

  registerMarketplaceCommands(program);
  registerDataCommands(program);

  const operator = program.command('operator').description('operator staff accounts');
  operator
    .command('create')
    .description('create an operator staff account; prints a generated password when none is given')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'operator role').choices(OPERATOR_ROLES).default('admin'))
    .option('--password <password>', 'initial password (at least 10 characters); generated if omitted')
    .option('--json', 'machine-readable output')
    .action(async (o: { email: string; name: string; role: OperatorRole; password?: string; json?: boolean }) => {
      await withRuntime(
        async (rt) => {
          const password = o.password ?? randomToken(15);
          const user = await createOperator(systemCtx(rt, 'cli'), { email: o.email, name: o.name, role: o.role, password });
          print(
            !!o.json,
            { id: user.id, email: user.email, role: user.role, ...(o.password ? {} : { password }) },
            `created operator ${user.email} (${user.role}) ${user.id}${o.password ? '' : `\npassword: ${password}`}`,
          );
        },
        { migrate: true },
      );
    });

  program
    .command('doctor')
    .description('check settings, database and migrations')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const cfg = config();
      const report: Record<string, unknown> = {
        settings: settingDocs().map((s) => ({
          name: s.name,
          value:
            s.name === 'TASMAN_SECRET'
              ? cfg.secretSource === 'env'
                ? '(set)'
                : '(generated file)'
              : s.name === 'DATABASE_URL'
                ? cfg.DATABASE_URL
                  ? '(set)'
                  : '(unset)'
                : String(cfg[s.name as keyof Config] ?? ''),
        })),
        database: { kind: cfg.databaseKind },
      };
      let healthy = true;
      try {
        await withRuntime(async (rt) => {
          const m = await migrationStatus(rt.database);
          report.database = { kind: rt.database.kind, location: rt.database.location, reachable: true, migrations: m };
          if (!m.current) healthy = false;
        });
      } catch (err) {
        healthy = false;
        report.database = { kind: cfg.databaseKind, reachable: false, error: (err as Error).message };
      }
      report.ok = healthy;
      const db = report.database as {
        kind: string;
        location?: string;
        reachable: boolean;
        migrations?: { applied: string[]; pending: string[] };
        error?: string;
      };
      const lines = [
        ...(report.settings as { name: string; value: string }[]).map((s) => `${s.name.padEnd(22)} ${s.value}`),
        '',
        `database   ${db.kind} ${db.location ?? ''}`,
        `reachable  ${db.reachable ? 'yes' : `no (${db.error})`}`,
        ...(db.migrations
          ? [
              `migrations ${db.migrations.applied.length} applied, ${db.migrations.pending.length} pending${db.migrations.pending.length ? ` (${db.migrations.pending.join(', ')}): run \`tasman migrate\`` : ''}`,
            ]
          : []),
        '',
        healthy ? 'ok' : 'problems found',
      ];
      print(!!o.json, report, lines.join('\n'));
      if (!healthy) process.exitCode = EXIT.failed;
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof ExitError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof DatabaseUnavailableError) {
      process.stderr.write(`tasman: ${err.message}\n`);
      return EXIT.unavailable;
    }
    if (err instanceof AppError) {
      process.stderr.write(`tasman: ${err.message}${err.param ? ` (${err.param})` : ''} [${err.code}]\n`);
      return EXIT.failed;
    }
    process.stderr.write(`tasman: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failed;
  }
}
