// The one typed client every web app uses: openapi-fetch over the paths generated from the
// server's OpenAPI document (schema.d.ts, `npm run web:api`). The session travels in the
// httpOnly cookie `POST /v1/sessions` sets, so the apps never hold a token.
import createClient from 'openapi-fetch';
// The API's types, generated once for the SDK and the web apps alike (`npm run sdk:generate`).
import type { components, paths } from '../../../packages/sdk/src/schema';

export type { components, paths };
export type Schemas = components['schemas'];

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** The API's one error shape (docs/api.md). */
export interface ApiErrorBody {
  type: string;
  code: string;
  message: string;
  param?: string;
  request_id?: string;
  details?: Record<string, unknown>;
}

/** A failed call: the server's error, or `network_error` when no answer came. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.param = body.param;
    this.details = body.details;
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a call, or an ApiError thrown with the server's code, message and field. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await call;
  } catch (err) {
    throw new ApiError(0, { type: 'api_connection_error', code: 'network_error', message: String(err) });
  }
  if (r.response.ok) return r.data as T;
  const body = (r.error as { error?: ApiErrorBody & Record<string, unknown> } | undefined)?.error;
  if (!body) throw new ApiError(r.response.status, { type: 'api_error', code: 'unknown_error', message: r.response.statusText });
  // The error's extra facts (remaining quota, retry_after_s…) sit beside code and message (docs/api.md).
  const { type, code, message, param, request_id, ...details } = body;
  throw new ApiError(r.response.status, { type, code, message, param, request_id, details });
}

/** Headers for a POST that creates or moves something: a fresh Idempotency-Key per attempt. */
export const idempotent = (key: string = crypto.randomUUID()) => ({ 'Idempotency-Key': key });
