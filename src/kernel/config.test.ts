// Settings (docs/operations.md, "Settings"): every variable validated once at start; a bad
// value is one line naming the variable; secrets never echoed; embedded mode generates
// DATA_DIR/secret.key once, PostgreSQL mode requires TASMAN_SECRET.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settingDocs } from './config.ts';

const SECRET = 'config-test-secret-0123456789-abcdefghij';
const PG = 'postgres://tasman:pw@db.internal:5432/tasman';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tasman-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** loadConfig with a scratch DATA_DIR, so no test ever writes ./data/secret.key. */
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, ...env });

function refusal(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('defaults', () => {
  it('an empty environment gives the documented defaults', () => {
    const c = loadConfig({ TASMAN_SECRET: SECRET });
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1024 * 1024,
      RATE_LIMIT_PER_MINUTE: 600,
      SESSION_TTL_HOURS: 168,
      WORKER: true,
      WORKER_CONCURRENCY: 4,
      WORKER_POLL_MS: 500,
      SEED_DEMO: true,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      TRUST_PROXY: false,
      SECURE_COOKIES: false,
      databaseKind: 'pglite',
      dataDir: resolve('./data'),
      secret: SECRET,
      secretSource: 'env',
    });
  });

  it('an empty string counts as unset', () => {
    const c = load({ TASMAN_SECRET: SECRET, PORT: '', LOG_LEVEL: '', WORKER: '', DATABASE_URL: '' });
    expect(c.PORT).toBe(3000);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.WORKER).toBe(true);
    expect(c.databaseKind).toBe('pglite');
  });

  it('every setting is documented for `tasman doctor`', () => {
    const names = settingDocs().map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'DATA_DIR', 'TASMAN_SECRET', 'WORKER', 'SHUTDOWN_TIMEOUT_MS']));
    for (const s of settingDocs()) expect(s.doc.length).toBeGreaterThan(5);
  });
});

describe('accepted values', () => {
  it.each<[Record<string, string>, Record<string, unknown>]>([
    [{ PORT: '0' }, { PORT: 0 }],
    [{ PORT: '65535' }, { PORT: 65535 }],
    [{ HOST: '0.0.0.0' }, { HOST: '0.0.0.0' }],
    [{ LOG_LEVEL: 'silent' }, { LOG_LEVEL: 'silent' }],
    [{ DATABASE_POOL_SIZE: '2' }, { DATABASE_POOL_SIZE: 2 }],
    [{ DATABASE_POOL_SIZE: '200' }, { DATABASE_POOL_SIZE: 200 }],
    [{ WORKER: 'false' }, { WORKER: false }],
    [{ WORKER: '0' }, { WORKER: false }],
    [{ WORKER: 'no' }, { WORKER: false }],
    [{ WORKER: '1' }, { WORKER: true }],
    [{ SEED_DEMO: 'yes' }, { SEED_DEMO: true }],
    [{ TRUST_PROXY: 'true' }, { TRUST_PROXY: true }],
    [{ SHUTDOWN_TIMEOUT_MS: '0' }, { SHUTDOWN_TIMEOUT_MS: 0 }],
    [{ DATABASE_URL: PG }, { DATABASE_URL: PG, databaseKind: 'postgres', SEED_DEMO: false }],
    [
      { DATABASE_URL: PG, SEED_DEMO: 'true' },
      { databaseKind: 'postgres', SEED_DEMO: true },
    ],
    [{ DATABASE_URL: 'postgresql://localhost/tasman' }, { databaseKind: 'postgres' }],
  ])('%j', (env, expected) => {
    expect(load({ TASMAN_SECRET: SECRET, ...env })).toMatchObject(expected);
  });
});

describe('a bad value is refused with one line naming the variable', () => {
  it.each<[string, string, RegExp?]>([
    ['PORT', 'abc', /expected an integer between 0 and 65535 \(got "abc"\)/],
    ['PORT', '70000', /between 0 and 65535/],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', ' 80'],
    // A CRLF env file: the value must not carry a raw carriage return into the message.
    ['PORT', '3000\r', /\(got "3000\\r"\)/],
    ['PORT', '30\n00'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'localhost:5432/tasman'],
    ['DATABASE_POOL_SIZE', '1', /between 2 and 200/],
    ['DATABASE_POOL_SIZE', '201'],
    ['TASMAN_SECRET', 'too-short-a-secret', /at least 32 characters/],
    ['WORKER', 'maybe'],
    ['WORKER', 'TRUE'],
    ['SEED_DEMO', 'on'],
    ['TRUST_PROXY', 'enabled'],
    ['SECURE_COOKIES', '2'],
    ['BODY_LIMIT_BYTES', '1023'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['SESSION_TTL_HOURS', '0'],
    ['SESSION_TTL_HOURS', '2161'],
    ['WORKER_CONCURRENCY', '65'],
    ['WORKER_POLL_MS', '9'],
    ['SHUTDOWN_TIMEOUT_MS', '600001'],
  ])('%s=%j', (variable, value, message) => {
    const err = refusal({ TASMAN_SECRET: SECRET, [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^invalid setting ${variable}: `));
    expect(err.message).not.toMatch(/[\r\n]/);
    if (message) expect(err.message).toMatch(message);
  });

  it('names the first bad variable when several are bad', () => {
    expect(refusal({ PORT: 'abc', LOG_LEVEL: 'loud' }).variable).toBe('PORT');
  });
});

describe('secrets never appear in an error', () => {
  it.each<[string, Record<string, string>]>([
    ['a short TASMAN_SECRET', { TASMAN_SECRET: 'hunter2-is-my-secret' }],
    [
      'a DATABASE_URL of the wrong scheme with a password',
      { DATABASE_URL: 'mysql://root:hunter2-is-my-secret@db/x', TASMAN_SECRET: SECRET },
    ],
    ['another bad setting beside a valid secret', { TASMAN_SECRET: `${SECRET}-hunter2-is-my-secret`, PORT: 'abc' }],
    ['DATABASE_URL with a password but no TASMAN_SECRET', { DATABASE_URL: 'postgres://u:hunter2-is-my-secret@db/x' }],
  ])('%s', (_name, env) => {
    const err = refusal(env);
    expect(err.message).not.toContain('hunter2');
    expect(err.stack ?? '').not.toContain('hunter2');
  });
});

describe('TASMAN_SECRET', () => {
  it('is required with DATABASE_URL (several processes must share it), naming TASMAN_SECRET', () => {
    const err = refusal({ DATABASE_URL: PG });
    expect(err.variable).toBe('TASMAN_SECRET');
    expect(err.message).toMatch(/^invalid setting TASMAN_SECRET: required when DATABASE_URL is set/);
    expect(err.message).not.toMatch(/[\r\n]/);
  });

  it('with DATABASE_URL and TASMAN_SECRET: postgres, the given secret, no file written', () => {
    const c = load({ DATABASE_URL: PG, TASMAN_SECRET: SECRET });
    expect(c).toMatchObject({ databaseKind: 'postgres', secret: SECRET, secretSource: 'env' });
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('set in embedded mode: used as given, no file written', () => {
    const c = load({ TASMAN_SECRET: SECRET });
    expect(c).toMatchObject({ secret: SECRET, secretSource: 'env' });
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('unset in embedded mode: DATA_DIR/secret.key is created once (mode 0600) and reused', () => {
    const dataDir = join(dir, 'nested', 'data'); // does not exist yet
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'secret.key');
    const st = statSync(file);
    expect(st.mode & 0o777).toBe(0o600);
    expect(first.secretSource).toBe('file');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8')).toBe(`${first.secret}\n`);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.secret).toBe(first.secret);
    expect(second.secretSource).toBe('file');
    expect(statSync(file).mtimeMs).toBe(st.mtimeMs);
    expect(readFileSync(file, 'utf8')).toBe(`${first.secret}\n`);
  });

  it('two data directories get different secrets', () => {
    const a = loadConfig({ DATA_DIR: join(dir, 'a') });
    const b = loadConfig({ DATA_DIR: join(dir, 'b') });
    expect(a.secret).not.toBe(b.secret);
  });

  it('a damaged (empty or truncated) secret.key is refused, not used as a weak key', () => {
    mkdirSync(join(dir, 'd'));
    for (const content of ['', '\n', 'abc\n']) {
      writeFileSync(join(dir, 'd', 'secret.key'), content, { mode: 0o600 });
      const err = (() => {
        try {
          loadConfig({ DATA_DIR: join(dir, 'd') });
        } catch (e) {
          return e as ConfigError;
        }
        throw new Error('expected a refusal');
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.variable).toBe('TASMAN_SECRET');
      expect(err.message).toContain('secret.key');
      expect(err.message).not.toMatch(/[\r\n]/);
    }
  });
});
