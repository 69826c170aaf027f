// FX (PRODUCT.md P3): rates entered by finance operators or imported from a file of
// published reference rates, with their history; quotes that lock the customer rate for
// a few minutes. A payment takes its rate from a quote (`lockedQuote`): an expired quote
// is refused with `quote_expired`, so the amount charged is the one the shopper saw.
import { and, desc, eq, lte, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { actorId, type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { customerRate, FX_CURRENCIES, type FxCurrency, invertRate, normaliseRate } from './rules.ts';
import { fxQuotes, fxRates } from './schema.ts';

export type FxRate = typeof fxRates.$inferSelect;
export type FxQuote = typeof fxQuotes.$inferSelect;

export const DEFAULT_QUOTE_MINUTES = 10;
export const MAX_QUOTE_MINUTES = 60;

export interface RateInput {
  base: FxCurrency;
  quote: FxCurrency;
  mid: string;
  spread_bps: number;
  source?: string | undefined;
  effective_at?: Date | undefined;
}

function checkRate(input: RateInput, param = ''): { mid: string } {
  const at = (f: string) => (param ? `${param}.${f}` : f);
  if (input.base === input.quote)
    throw new AppError('invalid_request', 'A rate is between two different currencies', { param: at('quote') });
  try {
    return { mid: normaliseRate(input.mid) };
  } catch {
    throw new AppError('invalid_request', 'The mid rate is a positive decimal such as "4.7123"', { param: at('mid') });
  }
}

export async function setRate(ctx: Ctx, input: RateInput): Promise<FxRate> {
  const { mid } = checkRate(input);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [row] = await tx.db
      .insert(fxRates)
      .values({
        id: newId('fxRate'),
        base: input.base,
        quote: input.quote,
        mid,
        spreadBps: input.spread_bps,
        source: input.source ?? 'manual',
        effectiveAt: input.effective_at ?? t,
        createdBy: actorId(tx.principal) ?? null,
        createdAt: t,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      action: 'fx_rate.set',
      objectType: 'fx_rate',
      objectId: row.id,
      data: { pair: `${row.base}/${row.quote}`, mid, spread_bps: row.spreadBps },
    });
    return row;
  });
}

/** The rate in force for base → quote: the latest effective one, or the inverse of the other direction's. */
export async function currentRate(
  ctx: Ctx,
  base: FxCurrency,
  quote: FxCurrency,
): Promise<{ rate: FxRate; mid: string; inverted: boolean }> {
  // Both directions in one query: the more recent wins, a direct rate wins a tie.
  const [latest] = await ctx.db
    .select()
    .from(fxRates)
    .where(
      and(
        or(and(eq(fxRates.base, base), eq(fxRates.quote, quote)), and(eq(fxRates.base, quote), eq(fxRates.quote, base))),
        lte(fxRates.effectiveAt, now(ctx)),
      ),
    )
    .orderBy(desc(fxRates.effectiveAt), sql`(${fxRates.base} = ${base}) desc`, desc(fxRates.id))
    .limit(1);
  if (latest?.base === base) return { rate: latest, mid: latest.mid, inverted: false };
  if (latest) return { rate: latest, mid: invertRate(latest.mid), inverted: true };
  throw new AppError('rate_unavailable', `No ${base}/${quote} rate has been set`, { param: 'quote' });
}

export async function currentRates(
  ctx: Ctx,
): Promise<{ base: FxCurrency; quote: FxCurrency; mid: string; spreadBps: number; effectiveAt: Date; source: string }[]> {
  const out = [];
  for (const base of FX_CURRENCIES) {
    for (const quote of FX_CURRENCIES) {
      if (base === quote) continue;
      try {
        const r = await currentRate(ctx, base, quote);
        out.push({ base, quote, mid: r.mid, spreadBps: r.rate.spreadBps, effectiveAt: r.rate.effectiveAt, source: r.rate.source });
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'rate_unavailable')) throw e;
      }
    }
  }
  return out;
}

export function rateHistory(
  ctx: Ctx,
  pair: { base?: string | undefined; quote?: string | undefined },
  q: ListQuery,
): Promise<Page<FxRate>> {
  const where = [];
  if (pair.base) where.push(eq(fxRates.base, pair.base));
  if (pair.quote) where.push(eq(fxRates.quote, pair.quote));
  return listPage(ctx.db, fxRates, fxRates.id, where.length ? and(...where) : undefined, q, 'fxRate');
}

/**
 * The customer rate for base → quote right now (mid less the spread), without locking it: what
 * prices are shown at. Null when no rate is set for the pair.
 */
export async function customerRateNow(ctx: Ctx, base: FxCurrency, quote: FxCurrency): Promise<string | null> {
  try {
    const { rate, mid } = await currentRate(ctx, base, quote);
    return customerRate(mid, rate.spreadBps);
  } catch (e) {
    if (e instanceof AppError && e.code === 'rate_unavailable') return null;
    throw e;
  }
}

/** Lock the customer rate for base → quote for `minutes` (default 10). */
export async function createQuote(
  ctx: Ctx,
  input: { base: FxCurrency; quote: FxCurrency; minutes?: number | undefined },
): Promise<FxQuote> {
  if (input.base === input.quote) throw new AppError('invalid_request', 'A quote is between two different currencies', { param: 'quote' });
  const minutes = input.minutes ?? DEFAULT_QUOTE_MINUTES;
  const { rate, mid } = await currentRate(ctx, input.base, input.quote);
  const t = now(ctx);
  const [row] = await ctx.db
    .insert(fxQuotes)
    .values({
      id: newId('fxQuote'),
      base: input.base,
      quote: input.quote,
      mid,
      spreadBps: rate.spreadBps,
      rate: customerRate(mid, rate.spreadBps),
      rateId: rate.id,
      principal: `${ctx.principal.kind}:${actorId(ctx.principal) ?? 'anonymous'}`,
      expiresAt: new Date(t.getTime() + minutes * 60_000),
      createdAt: t,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A quote its requester (or an operator) may read; anyone else gets 404. */
export async function getQuote(ctx: Ctx, id: string): Promise<FxQuote> {
  if (!isId('fxQuote', id)) throw notFound('quote', id);
  const [q] = await ctx.db.select().from(fxQuotes).where(eq(fxQuotes.id, id));
  const p = ctx.principal;
  const mine = q && (p.kind === 'operator' || p.kind === 'system' || q.principal === `${p.kind}:${actorId(p) ?? 'anonymous'}`);
  if (!q || !mine) throw notFound('quote', id);
  return q;
}

/** The quote a payment converts at; `quote_expired` once its time is up. */
export async function lockedQuote(ctx: Ctx, id: string, pair: { base: FxCurrency; quote: FxCurrency }): Promise<FxQuote> {
  const q = await getQuote(ctx, id);
  if (q.base !== pair.base || q.quote !== pair.quote) {
    throw new AppError('invalid_request', `The quote is for ${q.base}/${q.quote}, not ${pair.base}/${pair.quote}`, { param: 'quote_id' });
  }
  if (q.expiresAt <= now(ctx)) {
    throw new AppError('quote_expired', 'The FX quote has expired; ask for a new one', {
      param: 'quote_id',
      details: { expired_at: q.expiresAt.toISOString() },
    });
  }
  return q;
}

// ---------------------------------------------------------------------------
// Import of published reference rates
// ---------------------------------------------------------------------------

export interface ImportOptions {
  source: string;
  spread_bps: number;
}

export interface ParsedRate {
  base: FxCurrency;
  quote: FxCurrency;
  mid: string;
  effective_at: Date;
}

const isFx = (c: string): c is FxCurrency => (FX_CURRENCIES as readonly string[]).includes(c);

function parsePair(pair: string, where: string): { base: FxCurrency; quote: FxCurrency } {
  const m = /^([A-Z]{3})\s*\/\s*([A-Z]{3})$/.exec(pair.trim().toUpperCase());
  if (!m || !isFx(m[1] as string) || !isFx(m[2] as string) || m[1] === m[2]) {
    throw new AppError('invalid_file', `${where}: '${pair}' is not a pair of ${FX_CURRENCIES.join(', ')} such as AUD/CNY`, {
      param: 'file',
    });
  }
  return { base: m[1] as FxCurrency, quote: m[2] as FxCurrency };
}

function parseDate(s: string, where: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  const d = m ? new Date(`${s.trim()}T00:00:00+08:00`) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw new AppError('invalid_file', `${where}: '${s}' is not a date (YYYY-MM-DD)`, { param: 'file' });
  return d;
}

function parseMid(s: string, where: string): string {
  try {
    return normaliseRate(s.trim());
  } catch {
    throw new AppError('invalid_file', `${where}: '${s}' is not a positive decimal rate`, { param: 'file' });
  }
}

/**
 * Parse a file of reference rates. CSV: a header `date,pair,rate` (any column order, more
 * columns ignored), one rate per line, `pair` like `AUD/CNY`, dates YYYY-MM-DD (Beijing
 * time, as the central parity is published at 9:15 Beijing time). JSON:
 * `{ "date": "2026-11-25", "rates": { "AUD/CNY": "4.7123", … } }` or an array of such
 * objects. Any bad line refuses the whole file, naming the line.
 */
export function parseRateFile(text: string, format: 'csv' | 'json'): ParsedRate[] {
  const out: ParsedRate[] = [];
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new AppError('invalid_file', 'The file is not valid JSON', { param: 'file' });
    }
    const days = Array.isArray(doc) ? doc : [doc];
    days.forEach((day, i) => {
      const d = day as { date?: unknown; rates?: unknown };
      const where = `entry ${i + 1}`;
      if (typeof d?.date !== 'string' || !d.rates || typeof d.rates !== 'object') {
        throw new AppError('invalid_file', `${where}: needs "date" and "rates"`, { param: 'file' });
      }
      const date = parseDate(d.date, where);
      for (const [pair, rate] of Object.entries(d.rates as Record<string, unknown>)) {
        out.push({ ...parsePair(pair, where), mid: parseMid(String(rate), `${where} ${pair}`), effective_at: date });
      }
    });
  } else {
    // Comment lines (#) and blank lines are skipped; line numbers stay those of the file.
    const lines = text
      .split(/\r?\n/)
      .map((l, i) => ({ line: l.trim(), n: i + 1 }))
      .filter((l) => l.line && !l.line.startsWith('#'));
    const header = (lines.shift()?.line ?? '')
      .toLowerCase()
      .split(',')
      .map((h) => h.trim());
    const col = (name: string) => header.indexOf(name);
    if (col('date') < 0 || col('pair') < 0 || col('rate') < 0) {
      throw new AppError('invalid_file', 'The CSV header must name the columns date, pair and rate', { param: 'file' });
    }
    for (const { line, n } of lines) {
      const cells = line.split(',');
      const where = `line ${n}`;
      out.push({
        ...parsePair(cells[col('pair')] ?? '', where),
        mid: parseMid(cells[col('rate')] ?? '', where),
        effective_at: parseDate(cells[col('date')] ?? '', where),
      });
    }
  }
  if (!out.length) throw new AppError('invalid_file', 'The file holds no rates', { param: 'file' });
  return out;
}

/** Import a file of reference rates: all its rates or none. */
export async function importRates(ctx: Ctx, text: string, format: 'csv' | 'json', opts: ImportOptions): Promise<FxRate[]> {
  const rates = parseRateFile(text, format);
  return inTransaction(ctx, async (tx) => {
    const made: FxRate[] = [];
    for (const r of rates) made.push(await setRate(tx, { ...r, spread_bps: opts.spread_bps, source: opts.source }));
    return made;
  });
}
