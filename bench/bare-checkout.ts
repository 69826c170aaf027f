// The yardstick for bench/checkout.ts: the same five requests of a checkout, on the same
// paths with the fields the load loop reads, each answered by ONE SQL statement on a skeleton
// schema (own schema `bare_checkout` in the bench's throw-away database), with nothing else:
// no validation, no idempotency, no FX, no tax, no quota, no audit, no double entry, sessions
// cached in memory, stock in 64 buckets (a shopper's own), the merchants' escrow append-only
// (no balance row every payment would lock). What it measures is the most this machine can do for a checkout over
// HTTP on PostgreSQL when the load generator, the server processes and PostgreSQL share its
// cores; the platform cannot be faster than this. Run as its own process, like the platform:
// DATABASE_URL, PORT, POOL (10), SETUP=1 (the first process creates the schema, then exits).
import Fastify from 'fastify';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.POOL ?? '10'), options: '-c search_path=bare_checkout' });

if (process.env.SETUP === '1') {
  await pool.query(`
    DROP SCHEMA IF EXISTS bare_checkout CASCADE;
    CREATE SCHEMA bare_checkout;
    CREATE TABLE shoppers (id serial PRIMARY KEY, token text UNIQUE NOT NULL);
    CREATE TABLE variants (id text PRIMARY KEY, merchant int NOT NULL, price bigint NOT NULL);
    CREATE TABLE stock (variant text, bucket int, available bigint NOT NULL, PRIMARY KEY (variant, bucket));
    CREATE TABLE cart_lines (shopper int, variant text, quantity int NOT NULL, price bigint NOT NULL, PRIMARY KEY (shopper, variant));
    CREATE TABLE checkouts (id serial PRIMARY KEY, shopper int NOT NULL, address jsonb, goods bigint NOT NULL,
      shipping bigint NOT NULL DEFAULT 0, service text, status text NOT NULL DEFAULT 'open');
    CREATE TABLE reservations (checkout int, variant text, quantity int);
    CREATE TABLE accounts (owner text PRIMARY KEY, balance bigint NOT NULL);
    CREATE TABLE orders (id serial PRIMARY KEY, checkout int, merchant int, total bigint);
    CREATE TABLE order_lines (order_id int, variant text, quantity int);
    CREATE TABLE transfers (id bigserial PRIMARY KEY, debit text, credit text, amount bigint, at timestamptz DEFAULT now());
    CREATE TABLE events (id bigserial PRIMARY KEY, type text, data jsonb, at timestamptz DEFAULT now());
    INSERT INTO variants VALUES ('a', 1, 4700), ('b', 2, 4700);
    INSERT INTO stock SELECT v, b, 1000000 FROM unnest(ARRAY['a', 'b']) v, generate_series(0, 63) b;`);
  await pool.end();
  process.exit(0);
}

// biome-ignore lint/suspicious/noExplicitAny: rows are read loosely
const q = async (sql: string, params: unknown[]): Promise<any[]> => (await pool.query(sql, params)).rows;

/** Any bearer token is a shopper with a funded wallet (created on first sight, then cached). */
const shoppers = new Map<string, number>();
async function shopper(authorization: string | undefined): Promise<number> {
  const token = authorization ?? '';
  const known = shoppers.get(token);
  if (known !== undefined) return known;
  const [row] = await q(
    `WITH s AS (INSERT INTO shoppers (token) VALUES ($1) ON CONFLICT (token) DO UPDATE SET token = excluded.token RETURNING id),
      w AS (INSERT INTO accounts SELECT 'wallet:' || id, 1000000000000 FROM s ON CONFLICT DO NOTHING) SELECT id FROM s`,
    [token],
  );
  shoppers.set(token, row.id);
  return row.id;
}

const app = Fastify({ logger: false });
app.get('/ready', async () => ({ ok: true }));

app.post<{ Body: { variant_id: string; quantity: number } }>('/v1/cart/lines', async (req) => {
  const id = await shopper(req.headers.authorization);
  const [line] = await q(
    `INSERT INTO cart_lines SELECT $1, id, $3, price FROM variants WHERE id = $2
     ON CONFLICT (shopper, variant) DO UPDATE SET quantity = cart_lines.quantity + excluded.quantity RETURNING *`,
    [id, req.body.variant_id, req.body.quantity],
  );
  return { line };
});

app.post<{ Body: { address: unknown } }>('/v1/checkouts', async (req, reply) => {
  const id = await shopper(req.headers.authorization);
  const [row] = await q(
    `WITH l AS (SELECT l.*, v.merchant FROM cart_lines l JOIN variants v ON v.id = l.variant WHERE l.shopper = $1),
      up AS (UPDATE stock s SET available = available - l.quantity FROM l
             WHERE s.variant = l.variant AND s.bucket = $1 % 64 AND available >= l.quantity RETURNING s.variant),
      ck AS (INSERT INTO checkouts (shopper, address, goods) SELECT $1, $2, sum(price * quantity) FROM l
             WHERE (SELECT count(*) FROM up) = (SELECT count(*) FROM l) RETURNING id),
      rs AS (INSERT INTO reservations SELECT ck.id, l.variant, l.quantity FROM ck, l)
     SELECT (SELECT id FROM ck) AS id, (SELECT json_agg(l) FROM l) AS lines`,
    [id, JSON.stringify(req.body.address)],
  );
  if (!row.id) return reply.code(409).send({ error: { code: 'out_of_stock' } });
  const options = [{ service_code: 'AIR-STD', price: { amount: '1200', currency: 'CNY' } }];
  return reply.code(201).send({ id: row.id, lines: row.lines, orders: [{ shipping: { options } }] });
});

app.post<{ Params: { id: string }; Body: { service_code: string } }>('/v1/checkouts/:id/shipping', async (req) => {
  const id = await shopper(req.headers.authorization);
  const [row] = await q(
    `UPDATE checkouts SET service = $3, shipping = 1200 WHERE id = $1 AND shopper = $2 AND status = 'open' RETURNING goods + shipping AS total`,
    [req.params.id, id, req.body.service_code],
  );
  return { total: row.total, quota: { this_checkout: { amount: String(row.total) }, remaining_after: { amount: '2600000' } } };
});

app.post<{ Params: { id: string } }>('/v1/checkouts/:id/pay', async (req, reply) => {
  const id = await shopper(req.headers.authorization);
  const [row] = await q(
    `WITH ck AS (UPDATE checkouts SET status = 'completed' WHERE id = $1 AND shopper = $2 AND status = 'open' RETURNING *),
      w AS (UPDATE accounts a SET balance = balance - (ck.goods + ck.shipping) FROM ck
            WHERE a.owner = 'wallet:' || $2 AND balance >= ck.goods + ck.shipping RETURNING a.owner),
      l AS (SELECT l.*, v.merchant FROM cart_lines l JOIN variants v ON v.id = l.variant, w WHERE l.shopper = $2),
      o AS (INSERT INTO orders (checkout, merchant, total) SELECT $1, merchant, sum(price * quantity) FROM l GROUP BY merchant RETURNING *),
      ol AS (INSERT INTO order_lines SELECT o.id, l.variant, l.quantity FROM o JOIN l ON l.merchant = o.merchant),
      t AS (INSERT INTO transfers (debit, credit, amount) SELECT 'wallet:' || $2, 'escrow:' || merchant, total FROM o),
      ev AS (INSERT INTO events (type, data) SELECT 'order.paid', row_to_json(o) FROM o),
      d AS (DELETE FROM cart_lines c USING l WHERE c.shopper = l.shopper AND c.variant = l.variant)
     SELECT json_agg(o) AS orders FROM o`,
    [req.params.id, id],
  );
  if (!row.orders) return reply.code(402).send({ error: { code: 'insufficient_funds' } });
  return { orders: row.orders };
});

await app.listen({ port: Number(process.env.PORT ?? '3999'), host: '127.0.0.1' });
const stop = () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
