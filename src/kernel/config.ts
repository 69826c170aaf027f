// Every setting comes from the environment, is validated once at start, and a bad
// value stops the start with one line naming the variable (see docs/operations.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected an integer between ${min} and ${max}`)
    .transform(Number)
    .pipe(
      z.number().int().min(min, `expected an integer between ${min} and ${max}`).max(max, `expected an integer between ${min} and ${max}`),
    );

/** Name → schema. The description is what `tasman doctor` and docs/operations.md show. */
const settings = {
  PORT: { schema: int(0, 65535), default: '3000', doc: 'TCP port of the HTTP server' },
  HOST: { schema: z.string().min(1), default: '127.0.0.1', doc: 'address to listen on (0.0.0.0 for all interfaces)' },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    default: undefined,
    doc: 'PostgreSQL connection URL; unset = embedded PGlite in DATA_DIR',
  },
  DATABASE_POOL_SIZE: { schema: int(2, 200), default: '10', doc: 'connections per process (PostgreSQL only)' },
  DATA_DIR: { schema: z.string().min(1), default: './data', doc: 'embedded database, uploads and generated files' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    doc: 'pino log level',
  },
  TASMAN_SECRET: {
    schema: z.string().min(32, 'expected at least 32 characters').optional(),
    default: undefined,
    doc: 'root secret for encryption of personal data, tokens and signatures; generated into DATA_DIR/secret.key in embedded mode when unset',
  },
  BODY_LIMIT_BYTES: { schema: int(1024, 100 * 1024 * 1024), default: String(1024 * 1024), doc: 'largest accepted request body' },
  RATE_LIMIT_PER_MINUTE: { schema: int(1, 10_000_000), default: '600', doc: 'requests per minute per credential (or IP when anonymous)' },
  BILLING_INVOICING: {
    schema: bool,
    default: 'true',
    doc: 'make and charge each merchant’s monthly plan invoice (the hourly billing job); false only for test suites that model balances without plan fees',
  },
  PLAN_RATE_LIMITS: {
    schema: bool,
    default: 'true',
    doc: 'enforce each merchant’s per-minute request budget of its plan (per process); false only for load tests and test suites',
  },
  SESSION_TTL_HOURS: { schema: int(1, 24 * 90), default: '168', doc: 'lifetime of a sign-in session' },
  WORKER: { schema: bool, default: 'true', doc: 'run the background job worker inside `tasman serve`' },
  WORKER_CONCURRENCY: { schema: int(1, 64), default: '4', doc: 'jobs one worker runs at once' },
  WORKER_POLL_MS: { schema: int(10, 60_000), default: '500', doc: 'how often an idle worker looks for due jobs' },
  SEED_DEMO: {
    schema: bool,
    default: 'true',
    doc: 'create the demo accounts (known passwords) when the database is empty; defaults to false with DATABASE_URL',
  },
  ESCROW_RELEASE_DAYS: {
    schema: int(0, 90),
    default: '10',
    doc: 'days after delivery before a paid order’s escrow is released to the merchant without the buyer’s confirmation',
  },
  COMMISSION_DEFAULT_BPS: {
    schema: int(0, 10_000),
    default: '500',
    doc: 'commission on goods in basis points for categories the operator has not set a rate for (500 = 5 %)',
  },
  PAYMENT_FEE_BPS: {
    schema: int(0, 10_000),
    default: '60',
    doc: 'payment fee in basis points of what the buyer paid, for charge currencies the operator has not set a fee for',
  },
  PAYOUT_MINIMUM: {
    schema: int(0, 100_000_000),
    default: '5000',
    doc: 'smallest payout in minor units of the settlement currency (5000 = 50.00); smaller balances wait for the next payout day',
  },
  PAYOUT_WEEKDAY: {
    schema: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    default: 'monday',
    doc: 'the weekday payouts are prepared on, in Sydney time for AUD and Auckland time for NZD',
  },
  PAYOUT_ABA_BANK: {
    schema: z.enum(['ANZ', 'CBA', 'NAB', 'WBC', 'BQL']),
    default: 'CBA',
    doc: 'the platform’s bank for AUD payouts (ABA financial institution)',
  },
  PAYOUT_ABA_USER_NAME: {
    schema: z.string().min(1).max(26),
    default: 'TASMAN PAY',
    doc: 'user name on ABA files (as the bank registered it)',
  },
  PAYOUT_ABA_USER_ID: { schema: z.string().regex(/^\d{6}$/), default: '301500', doc: 'APCA direct entry user id on ABA files' },
  PAYOUT_ABA_BSB: { schema: z.string().regex(/^\d{3}-?\d{3}$/), default: '062-000', doc: 'BSB of the account AUD payouts are paid from' },
  PAYOUT_ABA_ACCOUNT: {
    schema: z.string().regex(/^\d{5,9}$/),
    default: '12345678',
    doc: 'account AUD payouts are paid from (trace account)',
  },
  PAYOUT_NZ_ACCOUNT: {
    schema: z.string().regex(/^\d{2}-?\d{4}-?\d{7}-?\d{2,3}$/),
    default: '02-0100-0123456-000',
    doc: 'account NZD payouts are paid from (bulk-payment file)',
  },
  PAYMENT_COMPANY_CODE: {
    schema: z.string().regex(/^[0-9A-Z]{10}$/, 'expected the 10-character customs registration code'),
    default: 'TSMPAY0001',
    doc: 'customs registration code of the payment company (CEB411 payCode); the default is a placeholder',
  },
  PAYMENT_COMPANY_NAME: { schema: z.string().min(1).max(100), default: 'Tasman Pay', doc: 'payment company name on customs payment data' },
  AU_GST_REGISTRATION: {
    schema: z.string().regex(/^[A-Z]{0,3} ?\d[\d -]{7,18}$/, 'expected an ABN or ATO reference number such as "ARN 500 000 000 000"'),
    default: 'ARN 000 000 000 000',
    doc: 'the platform’s Australian GST registration (ABN or ATO reference number) shown with GST on low-value goods; the default is a placeholder',
  },
  NZ_GST_REGISTRATION: {
    schema: z.string().regex(/^[A-Z]{0,3} ?\d[\d -]{7,18}$/, 'expected an IRD/GST number such as "123-456-789"'),
    default: '000-000-000',
    doc: 'the platform’s New Zealand GST registration number shown with GST on low-value goods; the default is a placeholder',
  },
  TRACKING_S10_SERIES: {
    schema: z.string().regex(/^[A-Z]{2}$/, 'expected two capital letters (the S10 service indicator, e.g. CT)'),
    default: 'CT',
    doc: 'the two letters that start the platform’s UPU S10 tracking numbers (C… is the parcel range)',
  },
  TRACKING_S10_TEST_SERIES: {
    schema: z.string().regex(/^[A-Z]{2}$/, 'expected two capital letters'),
    default: 'ZT',
    doc: 'the two letters that start test-mode parcels’ tracking numbers (decisions §23); must differ from TRACKING_S10_SERIES',
  },
  TRACKING_S10_COUNTRY: {
    schema: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code'),
    default: 'AU',
    doc: 'the issuing country that ends the platform’s S10 tracking numbers',
  },
  PLATFORM_CUSTOMS_CODE: {
    schema: z.string().regex(/^[0-9A-Z]{10}$/, 'expected the 10-character customs registration code'),
    default: 'TSMEBP0001',
    doc: 'customs registration code of the platform (ebpCode on CEB messages); the default is a placeholder',
  },
  LOGISTICS_COMPANY_CODE: {
    schema: z.string().regex(/^[0-9A-Z]{10}$/, 'expected the 10-character customs registration code'),
    default: 'TSMLOG0001',
    doc: 'customs registration code of the logistics company (logisticsCode on CEB511/621); the default is a placeholder',
  },
  CUSTOMS_GATEWAY: { schema: z.enum(['sandbox']), default: 'sandbox', doc: 'the customs gateway declarations go through' },
  CUSTOMS_SANDBOX_ACCEPT_S: {
    schema: int(0, 86_400),
    default: '60',
    doc: 'sandbox customs gateway: seconds until a declaration is accepted',
  },
  CUSTOMS_SANDBOX_RELEASE_S: {
    schema: int(0, 864_000),
    default: '1800',
    doc: 'sandbox customs gateway: seconds until an accepted declaration is released',
  },
  CUSTOMS_SANDBOX_INSPECTION_S: {
    schema: int(0, 864_000),
    default: '7200',
    doc: 'sandbox customs gateway: extra seconds an inspected parcel is held before release',
  },
  WEBHOOK_ALLOW_PRIVATE_TARGETS: {
    schema: bool,
    default: 'false',
    doc: 'development only: allow webhook endpoints on private, loopback and link-local addresses and plain http (refused in live operation: SSRF)',
  },
  WEBHOOK_TIMEOUT_MS: { schema: int(100, 60_000), default: '10000', doc: 'how long a webhook delivery waits for the endpoint’s answer' },
  WEBHOOK_RETRY_HOURS: {
    schema: int(1, 24 * 14),
    default: '72',
    doc: 'how long after an event a failing webhook delivery is retried (exponential backoff) before it is failed',
  },
  WEBHOOK_DISABLE_AFTER_DAYS: {
    schema: int(1, 90),
    default: '3',
    doc: 'an endpoint whose every delivery has failed for this many days is disabled and its merchant told (webhook_endpoint.disabled)',
  },
  WEBHOOK_LOG_RETENTION_DAYS: {
    schema: int(7, 3650),
    default: '30',
    doc: 'finished webhook deliveries (succeeded or failed) and their attempt log are kept this many days after their last change, then purged by the hourly maintenance job',
  },
  WEBHOOK_BATCH_SIZE: { schema: int(1, 5000), default: '500', doc: 'webhook deliveries one dispatcher claims at once' },
  WEBHOOK_ENDPOINT_CONCURRENCY: {
    schema: int(1, 256),
    default: '16',
    doc: 'requests in flight at once to one webhook endpoint, per dispatcher',
  },
  WEBHOOK_DISPATCH_BUDGET_MS: {
    schema: int(0, 60_000),
    default: '2000',
    doc: 'how long one webhook dispatch job keeps claiming batches before it hands over to a follow-up job',
  },
  SHUTDOWN_TIMEOUT_MS: { schema: int(0, 600_000), default: '10000', doc: 'longest wait for in-flight requests on SIGTERM' },
  TRUST_PROXY: { schema: bool, default: 'false', doc: 'trust X-Forwarded-* headers (behind a reverse proxy)' },
  SECURE_COOKIES: { schema: bool, default: 'false', doc: 'mark session cookies Secure (serve over HTTPS)' },
} as const;

type Settings = typeof settings;
export type Config = {
  -readonly [K in keyof Settings]: z.output<Settings[K]['schema']>;
} & {
  /** Derived: which database driver the process uses. */
  databaseKind: 'pglite' | 'postgres';
  /** Absolute DATA_DIR. */
  dataDir: string;
  /** The root secret actually in use (from TASMAN_SECRET or the generated file). */
  secret: string;
  secretSource: 'env' | 'file';
};

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`invalid setting ${variable}: ${message}`);
    this.variable = variable;
  }
}

export function settingDocs(): { name: string; default: string | undefined; doc: string }[] {
  return Object.entries(settings).map(([name, s]) => ({ name, default: s.default, doc: s.doc }));
}

/** Parse and validate; throws ConfigError naming the first bad variable. Pure but for the secret file. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(settings)) {
    const raw = env[name] === '' ? undefined : env[name];
    const value = raw ?? s.default;
    const parsed = (s.schema as z.ZodType).safeParse(value);
    if (!parsed.success) {
      // JSON quoting keeps the message on one line when a value carries \r or \n (CRLF env files).
      const shown = raw === undefined ? '' : ` (got ${name === 'TASMAN_SECRET' || name === 'DATABASE_URL' ? '"…"' : JSON.stringify(raw)})`;
      throw new ConfigError(name, `${parsed.error.issues[0]?.message ?? 'invalid value'}${shown}`);
    }
    out[name] = parsed.data;
  }
  const cfg = out as Config;
  cfg.databaseKind = cfg.DATABASE_URL ? 'postgres' : 'pglite';
  cfg.dataDir = resolve(cfg.DATA_DIR);
  // Demo accounts have published passwords: never on a production database unless asked for.
  if (cfg.databaseKind === 'postgres' && !env.SEED_DEMO) cfg.SEED_DEMO = false;
  if (cfg.TASMAN_SECRET) {
    cfg.secret = cfg.TASMAN_SECRET;
    cfg.secretSource = 'env';
  } else if (cfg.databaseKind === 'postgres') {
    // Several processes share a PostgreSQL database; a per-machine generated secret
    // would make each one unable to read what the others encrypted.
    throw new ConfigError('TASMAN_SECRET', 'required when DATABASE_URL is set (at least 32 characters)');
  } else {
    cfg.secret = readOrCreateSecret(cfg.dataDir);
    cfg.secretSource = 'file';
  }
  return cfg;
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    // A truncated file (crash while writing, bad copy) must not become a weak, guessable key.
    if (secret.length < 32) throw new ConfigError('TASMAN_SECRET', `${file} is damaged (under 32 characters); restore it from a backup`);
    return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first (two commands started at once): use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateSecret(dataDir);
    throw err;
  }
  return secret;
}
