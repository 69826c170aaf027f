// The Tasman API client: a thin typed layer over fetch. Types come from the generated `paths`
// (schema.d.ts); at run time it adds the credential, an Idempotency-Key on every POST (one per
// call, the same for all its retries, so a retried creation never creates twice), retries on
// 429 / 5xx / network errors with exponential backoff and jitter (honouring Retry-After),
// per-attempt timeouts, TasmanError for every failure, and an iterator over list routes.
import { errorFromResponse, TasmanError } from './errors.ts';
import type { ListItem, ListPaths, Method, Operation, OptionsArg, PathsWith, ResponseBody } from './types.ts';

export interface TasmanOptions {
  /** An API key (`sk_test_…` / `sk_live_…`) or a session token. */
  apiKey: string;
  /** The server, e.g. `https://api.tasman.example` (default `http://127.0.0.1:3000`). */
  baseUrl?: string;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Per attempt, in milliseconds (default 30,000). */
  timeoutMs?: number;
  /** The first backoff, doubled each retry, in milliseconds (default 500). */
  backoffBaseMs?: number;
  /** The longest wait between attempts, Retry-After included, in milliseconds (default 60,000). */
  maxBackoffMs?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

interface RawOptions {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  maxRetries?: number | undefined;
  idempotencyKey?: string | undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryable = (status: number) => status === 429 || status >= 500;

export class Tasman {
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly #apiKey: string;
  readonly #backoffBaseMs: number;
  readonly #maxBackoffMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: TasmanOptions) {
    if (!options?.apiKey) throw new TypeError('new Tasman({ apiKey }): an API key is required');
    this.#apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    this.maxRetries = options.maxRetries ?? 2;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#backoffBaseMs = options.backoffBaseMs ?? 500;
    this.#maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get<P extends PathsWith<'get'>>(path: P, ...[options]: OptionsArg<Operation<P, 'get'>>): Promise<ResponseBody<Operation<P, 'get'>>> {
    return this.request('get', path, options as RawOptions) as Promise<ResponseBody<Operation<P, 'get'>>>;
  }

  /** POSTs carry an Idempotency-Key: `options.idempotencyKey`, or a random one for this call. */
  post<P extends PathsWith<'post'>>(path: P, ...[options]: OptionsArg<Operation<P, 'post'>>): Promise<ResponseBody<Operation<P, 'post'>>> {
    return this.request('post', path, options as RawOptions) as Promise<ResponseBody<Operation<P, 'post'>>>;
  }

  delete<P extends PathsWith<'delete'>>(
    path: P,
    ...[options]: OptionsArg<Operation<P, 'delete'>>
  ): Promise<ResponseBody<Operation<P, 'delete'>>> {
    return this.request('delete', path, options as RawOptions) as Promise<ResponseBody<Operation<P, 'delete'>>>;
  }

  /**
   * Every object of a list route, page after page (`starting_after` the last id of a page while
   * `has_more`): `for await (const product of tasman.list('/v1/products', { query: { limit: 100 } }))`.
   */
  async *list<P extends ListPaths>(path: P, ...[options]: OptionsArg<Operation<P, 'get'>>): AsyncGenerator<ListItem<P>, void, undefined> {
    const raw = (options ?? {}) as RawOptions;
    let query: Record<string, unknown> = { ...raw.query };
    for (;;) {
      const page = (await this.request('get', path, { ...raw, query })) as { data: ListItem<P>[]; has_more: boolean };
      for (const item of page.data) yield item;
      const last = page.data.at(-1) as { id?: unknown } | undefined;
      if (!page.has_more || typeof last?.id !== 'string') return;
      query = { ...query, starting_after: last.id, ending_before: undefined };
    }
  }

  /** Any call by method and path template, for what the typed methods do not cover. */
  async request(method: Method, path: string, options: RawOptions = {}): Promise<unknown> {
    const url = this.#url(path, options.path, options.query);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...options.headers,
      authorization: `Bearer ${this.#apiKey}`,
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (method === 'post') headers['idempotency-key'] = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    const maxRetries = options.maxRetries ?? this.maxRetries;

    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      let failure: TasmanError;
      try {
        const signal = options.signal
          ? AbortSignal.any([options.signal, AbortSignal.timeout(this.timeoutMs)])
          : AbortSignal.timeout(this.timeoutMs);
        const response = await this.#fetch(url, { method: method.toUpperCase(), headers, body, signal });
        const text = await response.text();
        if (response.ok) return text ? JSON.parse(text) : undefined;
        failure = errorFromResponse(response, text);
        if (!retryable(response.status)) throw failure;
        wait = retryAfterMs(response.headers.get('retry-after'));
      } catch (err) {
        if (err instanceof TasmanError) throw err;
        if (options.signal?.aborted) throw options.signal.reason;
        const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
        failure = new TasmanError({
          status: 0,
          type: 'api_connection_error',
          code: timedOut ? 'timeout' : 'network_error',
          message: timedOut
            ? `no answer from ${this.baseUrl} within ${this.timeoutMs} ms`
            : `could not reach ${this.baseUrl}: ${String(err)}`,
          cause: err,
        });
      }
      if (attempt >= maxRetries) throw failure;
      if (wait !== undefined && wait > this.#maxBackoffMs) throw failure; // told to come back later than we will wait
      await sleep(wait ?? this.#backoff(attempt), options.signal);
    }
  }

  /** Exponential backoff with full jitter over its upper half: base·2^attempt × [0.5, 1). */
  #backoff(attempt: number): number {
    const ceiling = Math.min(this.#maxBackoffMs, this.#backoffBaseMs * 2 ** attempt);
    return Math.round(ceiling * (0.5 + Math.random() / 2));
  }

  #url(template: string, pathParams: Record<string, unknown> | undefined, query: Record<string, unknown> | undefined): string {
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = pathParams?.[name];
      if (value === undefined || value === null) throw new TypeError(`${template}: path parameter '${name}' is missing`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
    }
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }
}
