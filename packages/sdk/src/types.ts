// Request and response types of one operation, read from the generated `paths` (schema.d.ts):
// the path parameters, query, JSON body and the JSON of the success answer.
import type { paths } from './schema.d.ts';

export type { components, paths } from './schema.d.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The API paths (OpenAPI templates such as `/v1/products/{id}`) that have `M`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: [NonNullable<paths[P] extends Record<M, unknown> ? paths[P][M] : never>] extends [never] ? never : P;
}[keyof paths];

/** The operation object of `M` on `P`. */
export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P] extends Record<M, unknown> ? paths[P][M] : never>;

type Params<O> = O extends { parameters: infer X } ? X : Record<string, never>;
type Present<T> = [NonNullable<T>] extends [never] ? never : NonNullable<T>;

export type PathParams<O> = Present<Params<O> extends { path?: infer X } ? X : never>;
export type QueryParams<O> = Present<Params<O> extends { query?: infer X } ? X : never>;
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type RequestBodyOf<O> = O extends { requestBody?: infer R } ? R : never;
export type RequestBody<O> = Present<JsonContent<NonNullable<RequestBodyOf<O>>>>;
type BodyOption<O> = [RequestBody<O>] extends [never]
  ? { body?: undefined }
  : undefined extends RequestBodyOf<O>
    ? { body?: RequestBody<O> }
    : { body: RequestBody<O> };

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
/** What a successful call answers (the JSON of its 2xx response). */
export type ResponseBody<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201 | 202 | 204>]> : unknown;

/** Per-call options every method takes. */
export interface CallOptions {
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Cancels the call (and its retries). */
  signal?: AbortSignal;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** POST only: the Idempotency-Key (default: a random one per call, reused by its retries). */
  idempotencyKey?: string;
}

/** The options of one operation: `path` when the path has parameters, `query`, `body` when it takes one. */
export type RequestOptions<O> = CallOptions &
  ([PathParams<O>] extends [never] ? { path?: undefined } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: undefined } : { query?: QueryParams<O> }) &
  BodyOption<O>;

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
/** The options argument, optional when nothing in it is required. */
export type OptionsArg<O> = [RequiredKeys<RequestOptions<O>>] extends [never]
  ? [options?: RequestOptions<O>]
  : [options: RequestOptions<O>];

/** List routes (docs/api.md "Pagination"): those whose answer is `{ object: 'list', data, has_more }`. */
export type ListPaths = {
  [P in PathsWith<'get'>]: ResponseBody<Operation<P, 'get'>> extends { data: unknown[]; has_more: boolean } ? P : never;
}[PathsWith<'get'>];

/** One object of a list route. */
export type ListItem<P extends ListPaths> = ResponseBody<Operation<P, 'get'>> extends { data: (infer I)[] } ? I : never;
